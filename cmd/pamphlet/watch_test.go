package main

import (
	"strings"
	"testing"
	"time"
)

// TestProgress checks the progress line: drawn in place on a terminal,
// erased before any message and at the end; absent elsewhere.
func TestProgress(t *testing.T) {
	var buf strings.Builder
	sw := &statusWriter{w: &buf, term: true}
	stop := startProgress(sw, 0)
	time.Sleep(150 * time.Millisecond)
	sw.Write([]byte("a.md:1: warning: something\n"))
	stop()
	out := buf.String()
	if !strings.HasPrefix(out, "\rpamphlet: building… ") {
		t.Errorf("output starts %q, want the progress line", out[:min(len(out), 40)])
	}
	i := strings.Index(out, "a.md:1:")
	if i < 0 || !strings.HasSuffix(out[:i], "\r\033[K") {
		t.Errorf("the message does not follow an erased line: %q", out)
	}
	if last := strings.LastIndex(out, "\rpamphlet: building"); !strings.Contains(out[last+1:], "\r\033[K") {
		t.Errorf("the progress line is not erased at the end: %q", out)
	}

	var plain strings.Builder
	quiet := newStatusWriter(&plain)
	stop = startProgress(quiet, 0)
	time.Sleep(50 * time.Millisecond)
	stop()
	if plain.Len() != 0 {
		t.Errorf("progress on a non-terminal: %q", plain.String())
	}
}
