package font

import (
	"io/fs"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/pamphlet/pamphlet/builder/units"
	"github.com/pamphlet/pamphlet/fonts"
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
	// The standard ligatures are on: "office" is five glyphs (o, ffi
	// as one, c, e) or at least fewer than its six letters.
	if r := s.Shape(Regular, "office"); len(r.Glyphs) >= 6 {
		t.Errorf("office shaped into %d glyphs: no ffi ligature", len(r.Glyphs))
	}
	if r := s.Shape(Mono, "office"); len(r.Glyphs) != 6 {
		t.Errorf("office in mono shaped into %d glyphs, want one per letter", len(r.Glyphs))
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

// TestLazyFaces checks that only the regular face is parsed by Load, and
// that a face which fails to parse later has no glyphs and shows in Err.
func TestLazyFaces(t *testing.T) {
	good, err := fonts.FS.ReadFile(fonts.SerifRegular)
	if err != nil {
		t.Fatal(err)
	}
	broken := append([]byte{0, 1, 0, 0}, make([]byte, 64)...)
	fsys := fstest.MapFS{"good.ttf": {Data: good}, "broken.ttf": {Data: broken}}
	s, err := loadFS(fsys, "good.ttf", "good.ttf", "good.ttf", "good.ttf", "good.ttf", "broken.ttf")
	if err != nil {
		t.Fatal(err)
	}
	if s.faces[Fallback].f != nil || s.faces[Italic].f != nil {
		t.Error("Load parsed faces nobody used")
	}
	if s.Err() != nil {
		t.Errorf("Err before use: %v", s.Err())
	}
	if s.HasGlyph(Fallback, 'a') || s.Covers(Fallback, "a") || s.Width(Fallback, 10*units.Pt, "a") != 0 {
		t.Error("a broken face has glyphs")
	}
	if s.Err() == nil {
		t.Error("Err is nil after a face failed to parse")
	}
	if _, err := loadFS(fsys, "broken.ttf", "good.ttf", "good.ttf", "good.ttf", "good.ttf", "good.ttf"); err == nil {
		t.Error("a broken regular face loaded without error")
	}
}

// BenchmarkDefault measures what every build pays to load its fonts.
func BenchmarkDefault(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		s, err := Default()
		if err != nil {
			b.Fatal(err)
		}
		s.Width(Italic, 10*units.Pt, "word")
	}
}

// loadFS loads a set from files of fsys, in Load's order.
func loadFS(fsys fs.FS, names ...string) (*Set, error) {
	var srcs []Source
	for _, n := range names {
		src, err := ReadSource(fsys, n)
		if err != nil {
			return nil, err
		}
		srcs = append(srcs, src)
	}
	return Load(srcs)
}

func TestUsedRunesDecompose(t *testing.T) {
	// Charis has no ὰ but has α and the combining grave, which the
	// shaper then uses: α must stay (seen in Chromium on Emerson's Greek).
	used := usedRunes("γὰρ", "e\u0301")
	for _, r := range "γὰρα\u0300eé" {
		if !used[r] {
			t.Errorf("%q (U+%04X) not kept", r, r)
		}
	}
	if !used['Γ'] {
		t.Error("the upper case of γ not kept")
	}
}

func TestReaderSubsetBadInput(t *testing.T) {
	for _, data := range [][]byte{nil, []byte("OTTO...."), {0, 1, 0, 0, 0, 200, 0, 0, 0, 0, 0, 0}} {
		if _, err := ReaderSubset("bad.ttf", data, "a"); err == nil || !strings.Contains(err.Error(), "bad.ttf") {
			t.Errorf("%q: error %v, want one naming bad.ttf", data, err)
		}
	}
}
