package font

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// shapeCases are words whose shaping a reader would notice if it broke:
// Latin ligatures, an Indic conjunct with a vowel sign drawn before its
// consonant, Tamil's two-part vowel, Arabic joining right to left with
// Latin digits inside.
var shapeCases = []struct {
	face Face
	text string
}{
	{Regular, "office"},
	{Regular, "fluffy"},
	{Mono, "office"},
	{Regular, "AVAV"},
	{Regular, "ऐतिहासिक"},
	{Regular, "क्षत्रिय"},
	{Bold, "हिन्दी"},
	{Regular, "மாதம்"},
	{Regular, "ক্ষেত্র"},
	{Regular, "ਪੰਜਾਬੀ"},
	{Regular, "سلام"},
	{Regular, "کتاب‌ها"},
	{Regular, "۱۹۴۸"},
	{Regular, "عام2024"},
}

// TestShapeGolden dumps the glyph runs of shapeCases (each piece in the
// face Pick chooses for its first character) against
// testdata/shape.golden: a change in shaping shows as a reviewed diff.
func TestShapeGolden(t *testing.T) {
	s, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, c := range shapeCases {
		f, ok := s.Pick(c.face, []rune(c.text)[0])
		if !ok {
			t.Fatalf("%q: no face", c.text)
		}
		r := s.Shape(f, c.text)
		fmt.Fprintf(&b, "%s %q rtl=%v width=%d\n", s.Name(f), c.text, r.RTL, r.Width)
		for _, g := range r.Glyphs {
			fmt.Fprintf(&b, "  gid=%d adv=%d off=%d,%d cluster=%q\n", g.ID, g.Advance, g.XOff, g.YOff, c.text[g.Start:g.End])
		}
	}
	golden := filepath.Join("testdata", "shape.golden")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update)", err)
	}
	if string(want) != b.String() {
		t.Errorf("shaping differs from %s (go test ./builder/font -update, then review the diff):\n%s", golden, b.String())
	}
}

// TestShapeProperties checks what the golden file shows, as rules: every
// cluster's text is covered once and in order, right-to-left runs come
// out in visual order, and no glyph is .notdef.
func TestShapeProperties(t *testing.T) {
	s, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range shapeCases {
		f, _ := s.Pick(c.face, []rune(c.text)[0])
		r := s.Shape(f, c.text)
		covered := make([]bool, len(c.text))
		for _, g := range r.Glyphs {
			if g.ID == 0 {
				t.Errorf("%q: .notdef glyph", c.text)
			}
			for i := g.Start; i < g.End; i++ {
				covered[i] = true
			}
		}
		for i, ok := range covered {
			if !ok {
				t.Errorf("%q: byte %d in no cluster", c.text, i)
			}
		}
		if IsRTL(c.text) != r.RTL {
			t.Errorf("%q: RTL = %v", c.text, r.RTL)
		}
		if r.RTL && len(r.Glyphs) > 1 && strings.IndexFunc(c.text, func(r rune) bool { return r < 0x600 }) < 0 &&
			r.Glyphs[0].Start < r.Glyphs[len(r.Glyphs)-1].Start {
			t.Errorf("%q: right-to-left glyphs not in visual order", c.text)
		}
	}
}

// BenchmarkShape measures shaping a word that is not cached.
func BenchmarkShape(b *testing.B) {
	s, _ := Default()
	sh := newShaper().(*shaper)
	fc := s.face(Regular)
	dev := s.face(Fallback + 1)
	b.Run("latin", func(b *testing.B) {
		for b.Loop() {
			sh.shape(fc, "Tomorrow")
		}
	})
	b.Run("devanagari", func(b *testing.B) {
		for b.Loop() {
			sh.shape(dev, "ऐतिहासिक")
		}
	})
}

// TestEmbeddingAndSubset: the PDF writer's view of the bundled faces
// names them by their PostScript names, and their subsets parse back
// smaller with the kept glyphs.
func TestEmbeddingAndSubset(t *testing.T) {
	s, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	e := s.Embedding(Regular)
	if e.PostScriptName != "CharisSIL" || e.CFF || e.Upem != 2048 || e.CapHeight <= 0 {
		t.Errorf("Embedding(Regular) = %+v", e)
	}
	if e := s.Embedding(Italic); !e.Italic || e.ItalicAngle >= 0 {
		t.Errorf("Embedding(Italic) = %+v", e)
	}
	if e := s.Embedding(Mono); !e.FixedPitch || e.Serif {
		t.Errorf("Embedding(Mono) = %+v", e)
	}
	r := s.Shape(Regular, "office")
	var gids []uint16
	for _, g := range r.Glyphs {
		gids = append(gids, g.ID)
	}
	sub, err := s.Subset(Regular, gids)
	if err != nil {
		t.Fatal(err)
	}
	if len(sub) >= len(s.Source(Regular).Data)/4 {
		t.Errorf("subset of %d glyphs is %d bytes of %d", len(gids), len(sub), len(s.Source(Regular).Data))
	}
	if _, err := Load(nil); err == nil {
		t.Error("a set of no faces loaded")
	}
}

// TestSmallCaps: Charis SIL has true small capitals, reached through
// smcp: other glyphs than both the lower case and the capitals; the
// monospace face has none.
func TestSmallCaps(t *testing.T) {
	s, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	f, ok := s.SmallCaps(Regular)
	if !ok {
		t.Fatal("Charis SIL: no small capitals")
	}
	sc, lc, uc := s.Shape(f, "abc"), s.Shape(Regular, "abc"), s.Shape(Regular, "ABC")
	for i := range sc.Glyphs {
		if sc.Glyphs[i].ID == lc.Glyphs[i].ID || sc.Glyphs[i].ID == uc.Glyphs[i].ID {
			t.Errorf("glyph %d of small-caps abc is %d (lower %d, upper %d)", i, sc.Glyphs[i].ID, lc.Glyphs[i].ID, uc.Glyphs[i].ID)
		}
	}
	if _, ok := s.SmallCaps(Mono); ok {
		t.Error("SmallCaps(Mono) claims a face")
	}
	if p, _ := s.Pick(Regular, 'क'); p == f {
		t.Error("Pick chose a small-caps face as a fallback")
	}
}

// TestWidthBeforeLigature: a word split inside its ligature (ef|forts,
// at a hyphenation point between the two f's) measures its parts so that
// they add up to the word and the second starts after the first f.
func TestWidthBeforeLigature(t *testing.T) {
	s, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	r := s.Shape(Regular, "efforts")
	first := r.WidthBefore(2)
	e := s.Shape(Regular, "e").Width
	f := s.Shape(Regular, "f").Width
	if first <= e || first >= e+2*f {
		t.Errorf("width of \"ef\" in efforts = %d; e = %d, f = %d", first, e, f)
	}
	if r.WidthBefore(len("efforts")) != r.Width || r.WidthBefore(0) != 0 {
		t.Error("WidthBefore at the ends is not 0 and the width")
	}
}

// TestDirectMatchesHarfBuzz: words shaped without HarfBuzz (the fast
// path for letters the layout tables leave alone) come out exactly as
// HarfBuzz shapes them, in every bundled Latin face and in a face with
// kerning (EB Garamond, when installed).
func TestDirectMatchesHarfBuzz(t *testing.T) {
	s, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile("../../articles/2plus2-dialogue.md")
	if err != nil {
		t.Fatal(err)
	}
	words := strings.Fields(string(src) + " AVAV Tomorrow WAVE Yes. “Quoted,” naïve café — office flight")
	faces := []Face{Regular, Italic, Bold, BoldItalic, Mono}
	if sc, ok := s.SmallCaps(Regular); ok {
		faces = append(faces, sc)
	}
	type setFace struct {
		s *Set
		f Face
	}
	var all []setFace
	for _, f := range faces {
		all = append(all, setFace{s, f})
	}
	if b, err := os.ReadFile("/usr/share/fonts/opentype/ebgaramond/EBGaramond12-Regular.otf"); err == nil {
		src := Source{Name: "EBGaramond12-Regular.otf", Data: b}
		g, err := Load([]Source{src, src, src, src, src})
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, setFace{g, Regular})
	}
	direct := 0
	for _, sf := range all {
		f := sf.f
		fc := sf.s.face(f)
		if fc.simple == nil {
			continue
		}
		slow := *fc
		slow.simple = nil
		sh := newShaper().(*shaper)
		for _, w := range words {
			a := sh.shape(fc, w)
			b := sh.shape(&slow, w)
			if fmt.Sprint(*a) != fmt.Sprint(*b) {
				t.Errorf("%v %q: direct %+v, HarfBuzz %+v", f, w, *a, *b)
			}
			sh.runes = sh.runes[:0]
			if _, ok := (&shaper{runes: []rune(w), offs: make([]int32, len([]rune(w))+1)}).direct(fc); ok {
				direct++
			}
		}
	}
	if direct == 0 {
		t.Error("no word took the direct path")
	}
	t.Logf("%d of %d words shaped directly", direct, len(words)*len(all))
}
