package font

import (
	"sync"
	"testing"

	"github.com/pamphlet/pamphlet/builder/units"
)

func TestDefault(t *testing.T) {
	s, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	if got := s.Name(Regular); got != "Charis SIL" {
		t.Errorf("Name(Regular) = %q", got)
	}
	size := 10 * units.Pt
	// Charis SIL has no kerning data: widths are the sums of advances.
	if w := s.Width(Regular, size, "AVAV"); w != s.NominalWidth(Regular, size, "AVAV") {
		t.Errorf("AVAV %v, nominal %v", w, s.NominalWidth(Regular, size, "AVAV"))
	}
	if w := s.Width(Regular, size, "office"); w != s.NominalWidth(Regular, size, "office") && len(s.Kerns(Regular, "office")) == 0 {
		t.Errorf("office: width %v differs from nominal without kerns (ligature?)", w)
	}
	if !s.HasGlyph(Regular, '“') || s.HasGlyph(Regular, '\U0001F600') {
		t.Errorf("HasGlyph wrong")
	}
	if s.Width(Mono, size, "iiii") != s.Width(Mono, size, "MMMM") {
		t.Errorf("mono not fixed width")
	}
	sp := s.SpaceWidth(Regular, size)
	if sp < 2*units.Pt || sp > 4*units.Pt {
		t.Errorf("space %v", sp)
	}
}

func TestConcurrent(t *testing.T) {
	s, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, w := range []string{"Tomorrow", "We’re", "AVAV", "Yes."} {
				s.Width(Face(i%5), 10*units.Pt, w)
			}
		}()
	}
	wg.Wait()
}

func BenchmarkWidthCached(b *testing.B) {
	s, _ := Default()
	for b.Loop() {
		s.Width(Regular, 10*units.Pt, "Tomorrow")
	}
}
