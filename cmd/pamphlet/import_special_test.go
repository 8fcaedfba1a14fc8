//go:build unix

package main

import (
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestImportSpecialFiles gives import a named pipe and a device as the
// page and as the --from list: each is refused at once, saying what it
// is, instead of blocking on the pipe or reading /dev/zero forever.
func TestImportSpecialFiles(t *testing.T) {
	dir := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(dir, "feed.html"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"feed.html"}, "feed.html: cannot read: not a regular file (a named pipe)"},
		{[]string{"/dev/zero"}, "/dev/zero: cannot read: not a regular file (a character device)"},
		{[]string{"--from", "feed.html"}, "pamphlet: feed.html: cannot read the list: not a regular file (a named pipe)"},
		{[]string{"--from", "/dev/zero"}, "pamphlet: /dev/zero: cannot read the list: not a regular file (a character device)"},
	} {
		type result struct {
			errs string
			code int
		}
		done := make(chan result, 1)
		go func() {
			_, errs, code := runImport(t, dir, append(c.args, "--out", "out")...)
			done <- result{errs, code}
		}()
		select {
		case r := <-done:
			if r.code != exitBook || !strings.Contains(r.errs, c.want) {
				t.Errorf("import %v: exit %d\n%s\nwant a line %q", c.args, r.code, r.errs, c.want)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("import %v blocked", c.args)
		}
	}
}
