package paper

import (
	"testing"

	"github.com/pamphlet/pamphlet/builder/units"
)

// TestSizes: every size is portrait, and a5 and letter are what a layout
// file writing their lengths gives, to the scaled point.
func TestSizes(t *testing.T) {
	for _, s := range Sizes() {
		if s.W <= 0 || s.W > s.H {
			t.Errorf("%s: %v × %v is not portrait", s.Name, s.W, s.H)
		}
	}
	for name, wh := range map[string][2]string{"a5": {"148mm", "210mm"}, " Letter ": {"8.5in", "11in"}, "ledger": {"11in", "17in"}} {
		s, ok := ByName(name)
		w, _ := units.Parse(wh[0])
		h, _ := units.Parse(wh[1])
		if !ok || s.W != w || s.H != h {
			t.Errorf("ByName(%q) = %+v, %v; want %v × %v", name, s, ok, w, h)
		}
	}
	if _, ok := ByName("a7"); ok {
		t.Error("a7 is not a size we know")
	}
	if got := Names(); got != "a6, a5, a4, a3, b5, b4, half-letter, letter, legal, tabloid" {
		t.Errorf("Names() = %q", got)
	}
}

func TestParseDuplex(t *testing.T) {
	for in, want := range map[string]Duplex{"": ShortEdge, "short": ShortEdge, "LONG": LongEdge, "long-edge": LongEdge} {
		if got, err := ParseDuplex(in); err != nil || got != want {
			t.Errorf("ParseDuplex(%q) = %v, %v", in, got, err)
		}
	}
	if _, err := ParseDuplex("both"); err == nil || err.Error() != `duplex "both": want long or short` {
		t.Errorf("ParseDuplex(both): %v", err)
	}
	if got := LongEdge.Instruction(); got != "print duplex flip on long edge" {
		t.Error(got)
	}
}
