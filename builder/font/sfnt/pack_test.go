package sfnt

import (
	"reflect"
	"testing"

	gofont "github.com/go-text/typesetting/font"

	"github.com/pamphlet/pamphlet/fonts"
)

// checkPackedWeb checks a packed web font against the original face
// through the cmap: every character of text maps to a glyph drawn like
// the original's, with its advance, and the font has only want glyphs.
func checkPackedWeb(t *testing.T, orig *gofont.Face, sub []byte, text string, want int) {
	t.Helper()
	checkChecksums(t, sub)
	f, err := Parse(sub, 0)
	if err != nil {
		t.Fatal(err)
	}
	if f.NumGlyphs() != want {
		t.Errorf("packed font has %d glyphs, want %d", f.NumGlyphs(), want)
	}
	face := goTextFace(t, sub, 0)
	for _, r := range text {
		g, ok := orig.NominalGlyph(r)
		if !ok {
			continue
		}
		ng, ok := face.NominalGlyph(r)
		if !ok {
			t.Errorf("the packed font does not map %q", r)
			continue
		}
		if got, want := outline(t, face, uint16(ng)), outline(t, orig, uint16(g)); !reflect.DeepEqual(got, want) {
			t.Errorf("%q: packed glyph %d has %d segments, the original %d has %d", r, ng, len(got), g, len(want))
		}
		if got, want := face.HorizontalAdvance(ng), orig.HorizontalAdvance(g); got != want {
			t.Errorf("%q: advance %v, want %v", r, got, want)
		}
	}
	if len(outline(t, face, 0)) == 0 {
		t.Error("glyph 0 (.notdef) lost its outline")
	}
}

func TestPackTrueType(t *testing.T) {
	// DejaVu Sans Mono has 4 long horizontal metrics (one advance for the
	// rest): packing must find the others' side bearings.
	mono := bundled(t, fonts.Mono)
	f, _ := Parse(mono, 0)
	orig := goTextFace(t, mono, 0)
	gids := glyphsOf(t, orig, "Hi∀")
	sub, err := f.SubsetTrueType(gids, Options{KeepCmap: true, Pack: true})
	if err != nil {
		t.Fatal(err)
	}
	checkPackedWeb(t, orig, sub, "Hi∀", 4)

	const text = "Hello Ĺéöñ ǅ ḯ ﬁ"
	data := bundled(t, fonts.SerifRegular)
	orig = goTextFace(t, data, 0)
	f, _ = Parse(data, 0)
	gids = glyphsOf(t, orig, text)
	sub, err = f.SubsetTrueType(gids, Options{KeepCmap: true, Pack: true})
	if err != nil {
		t.Fatal(err)
	}
	checkPackedWeb(t, orig, sub, text, len(withComponents(t, f, gids)))
	unpacked, _ := f.SubsetTrueType(gids, Options{KeepCmap: true})
	t.Logf("Charis web subset of %q: %d bytes packed, %d unpacked", text, len(sub), len(unpacked))
	if len(sub) >= len(unpacked) {
		t.Error("packing does not shrink the font")
	}
}

func TestPackOpenType(t *testing.T) {
	f, _ := Parse(tinyOTF(false), 0)
	sub, err := f.SubsetOpenType([]uint16{2, 4}, Options{Pack: true})
	if err != nil {
		t.Fatal(err)
	}
	checkPackedWeb(t, goTextFace(t, tinyOTF(false), 0), sub, "bd", 3)

	for _, c := range []struct {
		path, text string
		index      int
	}{
		{ebGaramond, "Hello, wörld ½ Œ", 0},
		{notoSerifCJK, "人人生而自由，在尊严和权利上一律平等。", 2},
	} {
		data := debianFont(t, c.path)
		orig := goTextFace(t, data, c.index)
		f, _ := Parse(data, c.index)
		gids := glyphsOf(t, orig, c.text)
		sub, err := f.SubsetOpenType(gids, Options{Pack: true})
		if err != nil {
			t.Fatal(err)
		}
		checkPackedWeb(t, orig, sub, c.text, len(set(gids...)))
		unpacked, _ := f.SubsetOpenType(gids, Options{})
		t.Logf("%s web subset of %q: %d bytes packed, %d unpacked", f.Names().PostScript, c.text, len(sub), len(unpacked))
	}
}
