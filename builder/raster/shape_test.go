package raster

import (
	"bytes"
	"image"
	"math"
	"os"
	"testing"

	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"github.com/pamphlet/pamphlet/builder/font"
	"github.com/pamphlet/pamphlet/builder/frame"
	"github.com/pamphlet/pamphlet/builder/units"
	"github.com/pamphlet/pamphlet/fonts"
)

// The tests below paint one word at 40 pt on 144 dpi: 80 pixels to the em.
const (
	testDPI  = 144
	testSize = 40 * units.Pt
	testEm   = 80.0
)

// word paints text alone in face f (the face that covers it when f is
// Regular), its left edge at x = 20 px, its baseline at y = 100 px.
func word(t *testing.T, r *Renderer, f font.Face, text string) (*image.RGBA, font.Face) {
	t.Helper()
	if f == font.Regular {
		var ok bool
		if f, ok = r.fonts.PickText(font.Regular, text); !ok {
			t.Fatalf("no face covers %q", text)
		}
	}
	pg := &frame.Page{W: 500 * units.Pt, H: 100 * units.Pt, Items: []frame.Item{
		{Kind: frame.Text, Face: f, Size: testSize, X: 10 * units.Pt, Y: 50 * units.Pt, Text: text},
	}}
	img, err := r.Page(pg)
	if err != nil {
		t.Fatal(err)
	}
	return img, f
}

// dark counts the pixels of column x between rows y0 and y1 that are
// more than half black.
func dark(img *image.RGBA, x, y0, y1 int) int {
	n := 0
	for y := y0; y < y1; y++ {
		if img.RGBAAt(x, y).R < 0x80 {
			n++
		}
	}
	return n
}

// inkSpan returns the first and one past the last column holding any ink.
func inkSpan(img *image.RGBA) (x0, x1 int) {
	b := img.Bounds()
	x0, x1 = b.Max.X, b.Min.X
	for x := b.Min.X; x < b.Max.X; x++ {
		for y := b.Min.Y; y < b.Max.Y; y++ {
			if img.RGBAAt(x, y).R < 0xf8 {
				x0, x1 = min(x0, x), max(x1, x+1)
				break
			}
		}
	}
	return x0, x1
}

// stems returns the left columns of the vertical strokes of img that run
// through the band from y0 to y1: columns inked over nine tenths of it.
func stems(img *image.RGBA, y0, y1 int) []int {
	var out []int
	in := false
	for x := img.Bounds().Min.X; x < img.Bounds().Max.X; x++ {
		s := dark(img, x, y0, y1) >= (y1-y0)*9/10
		if s && !in {
			out = append(out, x)
		}
		in = s
	}
	return out
}

func renderer(t *testing.T) *Renderer {
	t.Helper()
	fonts, err := font.Default()
	if err != nil {
		t.Fatal(err)
	}
	r, err := New(fonts, testDPI)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestDevanagariVowelSign checks that the vowel sign i (ि), which follows
// its consonant in the text, is drawn to its left, and that the consonant
// moves right by the sign's advance: the shaped glyph order, not the
// order of the characters.
func TestDevanagariVowelSign(t *testing.T) {
	r := renderer(t)
	ka, f := word(t, r, font.Regular, "क")
	ki, _ := word(t, r, f, "कि")
	// The band below the head stroke and above the baseline (y = 100).
	y0, y1 := 100-36, 100-6 // 0.45 and 0.08 em
	kaStems, kiStems := stems(ka, y0, y1), stems(ki, y0, y1)
	if len(kaStems) != 1 || len(kiStems) != 2 {
		t.Fatalf("vertical strokes: क %v, कि %v; want one and two", kaStems, kiStems)
	}
	if kiStems[0] >= kaStems[0]-int(0.1*testEm) {
		t.Errorf("कि: first stroke at x=%d, not left of the consonant's stroke (x=%d alone): the vowel sign is drawn after it", kiStems[0], kaStems[0])
	}
	run := r.fonts.Shape(f, "कि")
	shift := float64(run.Glyphs[0].Advance) * testEm / float64(r.fonts.Upem(f))
	if d := float64(kiStems[1]-kaStems[0]) - shift; math.Abs(d) > 1 {
		t.Errorf("कि: the consonant's stroke moved %d px, want the sign's advance %.1f px", kiStems[1]-kaStems[0], shift)
	}
}

// TestArabicJoined checks that an Arabic word is drawn in its joining
// forms, one connected stroke with no blank column across it, where the
// same letters apart leave gaps.
func TestArabicJoined(t *testing.T) {
	r := renderer(t)
	gaps := func(text string) (int, int) {
		img, _ := word(t, r, font.Regular, text)
		h := img.Bounds().Dy()
		var cols []bool // whether each column holds a dark pixel
		x0, x1 := -1, -1
		for x := range img.Bounds().Dx() {
			cols = append(cols, dark(img, x, 0, h) > 0)
			if cols[x] {
				x1 = x + 1
				if x0 < 0 {
					x0 = x
				}
			}
		}
		if x1-x0 < int(testEm/2) {
			t.Fatalf("%q: ink only over columns %d…%d", text, x0, x1)
		}
		n := 0
		for x := x0; x < x1; x++ {
			if !cols[x] {
				n++
			}
		}
		return n, x1 - x0
	}
	for _, w := range []string{"شمس", "بيت", "محمد"} {
		if n, wd := gaps(w); n != 0 {
			t.Errorf("%q: %d blank columns across its %d: letters not joined", w, n, wd)
		}
	}
	// The control: the isolated letters do leave blank columns.
	if n, _ := gaps("ش م س"); n == 0 {
		t.Error(`"ش م س" has no blank column: the check cannot see gaps`)
	}
}

// TestShapedWidth checks that words are drawn at their shaped advances
// (kerning, ligatures), and that "office" is drawn with the ffi ligature,
// as "oﬃce" is.
func TestShapedWidth(t *testing.T) {
	r := renderer(t)
	for _, text := range []string{"office", "AVAVAVAV", "Tokyo", "Wolf"} {
		checkSpan(t, r, font.Regular, text)
	}
	office, _ := word(t, r, font.Regular, "office")
	lig, _ := word(t, r, font.Regular, "o\ufb03ce")
	if !bytes.Equal(office.Pix, lig.Pix) {
		t.Error(`"office" is not drawn as "oﬃce": no ffi ligature`)
	}
}

// checkSpan paints text and checks that its ink spans from the first
// glyph's left edge to the last glyph's right edge as the shaped run
// places them, within a pixel.
func checkSpan(t *testing.T, r *Renderer, f font.Face, text string) {
	t.Helper()
	img, f := word(t, r, f, text)
	run := r.fonts.Shape(f, text)
	if len(run.Glyphs) == 0 {
		t.Fatalf("%q: no glyphs", text)
	}
	src := r.fonts.Source(f)
	c, err := sfnt.ParseCollection(src.Data)
	if err != nil {
		t.Fatal(err)
	}
	sf, err := c.Font(src.Index)
	if err != nil {
		t.Fatal(err)
	}
	bounds := func(gid uint16) fixed.Rectangle26_6 {
		segs, err := sf.LoadGlyph(nil, sfnt.GlyphIndex(gid), fixed.Int26_6(sf.UnitsPerEm()), nil)
		if err != nil {
			t.Fatal(err)
		}
		return segs.Bounds()
	}
	s := testEm / float64(r.fonts.Upem(f))
	first, last := run.Glyphs[0], run.Glyphs[len(run.Glyphs)-1]
	wantL := 20 + float64(first.XOff+int32(bounds(first.ID).Min.X))*s
	wantR := 20 + float64(run.Width-last.Advance+last.XOff+int32(bounds(last.ID).Max.X))*s
	x0, x1 := inkSpan(img)
	if math.Abs(float64(x0)-wantL) > 1 || math.Abs(float64(x1)-wantR) > 1 {
		t.Errorf("%q: ink over columns %d…%d, want %.1f…%.1f (shaped width %.1f px)", text, x0, x1, wantL, wantR, float64(run.Width)*s)
	}
}

// systemFont reads a font file installed from a Debian package, skipping
// the test when it is missing (failing it in CI, which installs it).
func systemFont(t *testing.T, path, pkg string) font.Source {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%v; CI must install %s", err, pkg)
		}
		t.Skipf("%v (apt-get install -y %s)", err, pkg)
	}
	return font.Source{Name: path, Data: b}
}

// TestCFFAndCollection paints a CFF face (EB Garamond) and a face of a
// collection (the Japanese face of Noto Serif CJK, a CFF .ttc).
func TestCFFAndCollection(t *testing.T) {
	garamond := systemFont(t, "/usr/share/fonts/opentype/ebgaramond/EBGaramond12-Regular.otf", "fonts-ebgaramond")
	cjk := systemFont(t, "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc", "fonts-noto-cjk")
	cjk.Index = 1
	srcs := []font.Source{garamond}
	for _, name := range []string{"CharisSIL-Italic.ttf", "CharisSIL-Bold.ttf", "CharisSIL-BoldItalic.ttf", "DejaVuSansMono.ttf"} {
		src, err := font.ReadSource(fonts.FS, name)
		if err != nil {
			t.Fatal(err)
		}
		srcs = append(srcs, src)
	}
	set, err := font.Load(append(srcs, cjk))
	if err != nil {
		t.Fatal(err)
	}
	if !set.IsCFF(font.Regular) || !set.IsCFF(font.Fallback) {
		t.Fatal("the test fonts are not CFF")
	}
	r, err := New(set, testDPI)
	if err != nil {
		t.Fatal(err)
	}
	checkSpan(t, r, font.Regular, "Garamond office")
	checkSpan(t, r, font.Fallback, "世界人権宣言")
	img, _ := word(t, r, font.Fallback, "世界人権宣言")
	if x0, x1 := inkSpan(img); x1-x0 < int(5*testEm) {
		t.Errorf("six ideographs span %d px, want about %v", x1-x0, 6*testEm)
	}
}
