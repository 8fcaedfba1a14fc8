package raster

import (
	"bytes"
	"image"
	"io/fs"
	"strings"
	"testing"

	"golang.org/x/image/font/sfnt"

	"github.com/pamphlet/pamphlet/builder/font"
	"github.com/pamphlet/pamphlet/builder/frame"
	"github.com/pamphlet/pamphlet/builder/units"
	"github.com/pamphlet/pamphlet/fonts"
)

func page() *frame.Page {
	return &frame.Page{W: 100 * units.Pt, H: 50 * units.Pt, Items: []frame.Item{
		{Kind: frame.Text, X: 10 * units.Pt, Y: 20 * units.Pt, Face: font.Regular, Size: 12 * units.Pt, Text: "Hello"},
		{Kind: frame.Rule, X: 10 * units.Pt, Y: 40 * units.Pt, W: 80 * units.Pt, H: units.Pt / 2},
		{Kind: frame.Image, X: 60 * units.Pt, Y: 5 * units.Pt, W: 20 * units.Pt, H: 20 * units.Pt, Path: "/nonexistent.png"},
	}}
}

// TestPage checks size, ink where the items are and none elsewhere, and
// that painting twice gives the same pixels.
func TestPage(t *testing.T) {
	fonts, err := font.Default()
	if err != nil {
		t.Fatal(err)
	}
	r, err := New(fonts, 144)
	if err != nil {
		t.Fatal(err)
	}
	img, err := r.Page(page())
	if err != nil {
		t.Fatal(err)
	}
	if got := img.Bounds().Size(); got != image.Pt(200, 100) {
		t.Fatalf("size %v, want 200×100 at 144 dpi", got)
	}
	ink := func(x0, y0, x1, y1 int) int {
		n := 0
		for y := y0; y < y1; y++ {
			for x := x0; x < x1; x++ {
				if img.RGBAAt(x, y).R < 0x80 {
					n++
				}
			}
		}
		return n
	}
	if n := ink(20, 20, 60, 42); n < 50 {
		t.Errorf("text area has %d dark pixels", n)
	}
	if n := ink(20, 80, 180, 81); n < 150 {
		t.Errorf("rule has %d dark pixels across", n)
	}
	if c := img.RGBAAt(140, 30); c.R != 0xcc {
		t.Errorf("missing picture drawn as %v, want grey", c)
	}
	if n := ink(0, 0, 200, 100) - ink(18, 0, 182, 100); n != 0 {
		t.Errorf("%d dark pixels in the margins", n)
	}
	again, _ := r.Page(page())
	if !bytes.Equal(img.Pix, again.Pix) {
		t.Error("painting twice gave different pixels")
	}
	if _, err := New(fonts, 0); err == nil {
		t.Error("New accepted 0 dpi")
	}
}

func TestSheet(t *testing.T) {
	pg := image.NewRGBA(image.Rect(0, 0, 100, 140))
	s := Sheet([]*image.RGBA{pg, pg, pg}, 50, 2)
	// 4 slots (one empty before page 1) in 2 spreads of 2×50 px with 12 px gaps.
	if got := s.Bounds().Size(); got != image.Pt(12+2*(100+12), 12+70+12) {
		t.Errorf("sheet %v", got)
	}
	if got := Sheet(nil, 50, 2).Bounds().Size(); got != image.Pt(1, 1) {
		t.Errorf("empty sheet %v", got)
	}
}

// TestSamePixels checks that the glyph cache changes nothing: a page
// painted by a fresh Renderer, by one that has painted it before, and by
// one whose cache was emptied midway all give the same pixels.
func TestSamePixels(t *testing.T) {
	fonts, err := font.Default()
	if err != nil {
		t.Fatal(err)
	}
	pg := prosePage(fonts, font.Regular, proseText)
	paint := func(r *Renderer) []byte {
		img, err := r.Page(pg)
		if err != nil {
			t.Fatal(err)
		}
		return img.Pix
	}
	fresh, _ := New(fonts, 100)
	want := paint(fresh)
	if again := paint(fresh); !bytes.Equal(want, again) {
		t.Error("a Renderer's second painting differs from its first")
	}
	tiny, _ := New(fonts, 100)
	tiny.maskBytes = maxMaskBytes - 2000 // the cache empties after a few glyphs
	if got := paint(tiny); !bytes.Equal(want, got) {
		t.Error("emptying the glyph cache changed the pixels")
	}
	if len(fresh.masks) == 0 || len(fresh.masks) > 1000 {
		t.Errorf("%d glyph masks cached for one page", len(fresh.masks))
	}
}

// TestOddText checks text a broken layout might hold: an unknown face
// (painted in the regular one), no size, a size larger than the page (cut
// at its edges), one larger than any page (left out), and text far off the
// page.
func TestOddText(t *testing.T) {
	fonts, err := font.Default()
	if err != nil {
		t.Fatal(err)
	}
	r, err := New(fonts, 144)
	if err != nil {
		t.Fatal(err)
	}
	paint := func(it frame.Item) *image.RGBA {
		t.Helper()
		it.Kind = frame.Text
		img, err := r.Page(&frame.Page{W: 100 * units.Pt, H: 50 * units.Pt, Items: []frame.Item{it}})
		if err != nil {
			t.Fatalf("%+v: %v", it, err)
		}
		return img
	}
	inked := func(img *image.RGBA) int {
		n := 0
		for i := 0; i < len(img.Pix); i += 4 {
			if img.Pix[i] < 0x80 {
				n++
			}
		}
		return n
	}
	hello := frame.Item{Face: font.Regular, Size: 12 * units.Pt, X: 10 * units.Pt, Y: 20 * units.Pt, Text: "Hello"}
	unknown := hello
	unknown.Face = 250
	if !bytes.Equal(paint(hello).Pix, paint(unknown).Pix) {
		t.Error("an unknown face is not painted as the regular one")
	}
	for _, c := range []struct {
		name     string
		size     units.Sp
		x, y     units.Sp
		min, max int // dark pixels
	}{
		{"no size", 0, 10 * units.Pt, 20 * units.Pt, 0, 0},
		{"negative size", -12 * units.Pt, 10 * units.Pt, 20 * units.Pt, 0, 0},
		{"larger than the page", 400 * units.Pt, 0, 300 * units.Pt, 2000, 200 * 100},
		{"larger than any page", 1 << 40, 0, 20 * units.Pt, 0, 0},
		{"far right", 12 * units.Pt, 1 << 50, 20 * units.Pt, 0, 0},
		{"far left", 12 * units.Pt, -1 << 50, 20 * units.Pt, 0, 0},
		{"far below", 12 * units.Pt, 10 * units.Pt, 1 << 50, 0, 0},
	} {
		it := hello
		it.Size, it.X, it.Y = c.size, c.x, c.y
		if n := inked(paint(it)); n < c.min || n > c.max {
			t.Errorf("%s: %d dark pixels, want %d to %d", c.name, n, c.min, c.max)
		}
	}
}

// TestBadFonts checks that fonts sfnt cannot read give errors, not
// panics, and that a glyph index beyond the font draws nothing.
func TestBadFonts(t *testing.T) {
	charis, err := fs.ReadFile(fonts.FS, fonts.SerifRegular)
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string][]byte{
		"empty":     nil,
		"text":      []byte("not a font at all"),
		"truncated": charis[:600],
		"scrambled": append(append([]byte{}, charis[:12]...), bytes.Repeat([]byte{0xff}, 4000)...),
	} {
		if _, err := parseFont(data, 0); err == nil {
			t.Errorf("%s: parsed", name)
		}
	}
	if _, err := parseFont(charis, 1); err == nil || !strings.Contains(err.Error(), "no face 1") {
		t.Errorf("face 1 of a single font: %v", err)
	}
	f, err := parseFont(charis, 0)
	if err != nil {
		t.Fatal(err)
	}
	var buf sfnt.Buffer
	if _, err := loadGlyph(f, &buf, 65535); err == nil {
		t.Error("glyph 65535 of Charis loaded")
	}
}

// FuzzText paints one text item with fuzzed text, face, size and place:
// nothing may panic or fail, and painting twice gives the same pixels.
func FuzzText(f *testing.F) {
	f.Add("Hello", uint8(0), int64(12*units.Pt), int64(10*units.Pt), int64(20*units.Pt))
	f.Add("office ﬃ", uint8(1), int64(30*units.Pt), int64(-5*units.Pt), int64(30*units.Pt))
	f.Add("कि अधिकार", uint8(6), int64(20*units.Pt), int64(0), int64(40*units.Pt))
	f.Add("شمس حقوق", uint8(17), int64(20*units.Pt), int64(0), int64(40*units.Pt))
	f.Add("\x00\xff\u200d\U0001F600", uint8(255), int64(1<<40), int64(-1<<60), int64(1<<62))
	fonts, err := font.Default()
	if err != nil {
		f.Fatal(err)
	}
	r, err := New(fonts, 72)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string, face uint8, size, x, y int64) {
		pg := &frame.Page{W: 100 * units.Pt, H: 50 * units.Pt, Items: []frame.Item{
			{Kind: frame.Text, Face: font.Face(face), Size: units.Sp(size), X: units.Sp(x), Y: units.Sp(y), Text: text},
		}}
		a, err := r.Page(pg)
		if err != nil {
			t.Fatal(err)
		}
		b, err := r.Page(pg)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a.Pix, b.Pix) {
			t.Error("painting twice gave different pixels")
		}
	})
}
