package raster

import (
	"bytes"
	"image"
	"testing"

	"github.com/pamphlet/pamphlet/builder/font"
	"github.com/pamphlet/pamphlet/builder/frame"
	"github.com/pamphlet/pamphlet/builder/units"
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
