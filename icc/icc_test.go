package icc

import (
	"bytes"
	"encoding/binary"
	"testing"
)

// TestProfiles: each profile is an ICC profile of the colour space its
// use needs, its header's size the file's.
func TestProfiles(t *testing.T) {
	check := func(name string, p []byte, class, space string) {
		t.Helper()
		if len(p) < 128 || !bytes.Equal(p[36:40], []byte("acsp")) {
			t.Fatalf("%s: not an ICC profile", name)
		}
		if n := binary.BigEndian.Uint32(p); int(n) != len(p) {
			t.Errorf("%s: header says %d bytes, file has %d", name, n, len(p))
		}
		if got := string(p[12:16]); got != class {
			t.Errorf("%s: class %q, want %q", name, got, class)
		}
		if got := string(p[16:20]); got != space {
			t.Errorf("%s: colour space %q, want %q", name, got, space)
		}
	}
	check("sRGB", SRGB, "mntr", "RGB ")
	for _, n := range Names() {
		c, ok := Lookup(n)
		if !ok {
			t.Fatalf("Lookup(%q) fails", n)
		}
		check(n, c.Profile, "prtr", "CMYK")
	}
	if c, ok := Lookup("fogra39"); !ok || c.Identifier != DefaultCondition {
		t.Error("Lookup is not case-blind, or the default is not FOGRA39")
	}
	if _, ok := Lookup("SWOP"); ok {
		t.Error("Lookup finds a condition there is no profile for")
	}
}
