package raster

import (
	"image"
	"math"
	"testing"

	"github.com/pamphlet/pamphlet/builder/font"
	"github.com/pamphlet/pamphlet/builder/frame"
	"github.com/pamphlet/pamphlet/builder/units"
)

// TestExpandedText: a text item with font expansion is painted as the
// PDF's Tz paints it, its glyphs and their advances wider by its scale and
// no taller.
func TestExpandedText(t *testing.T) {
	fonts, err := font.Default()
	if err != nil {
		t.Fatal(err)
	}
	r, err := New(fonts, 600)
	if err != nil {
		t.Fatal(err)
	}
	inkBox := func(expand int8) image.Rectangle {
		p := &frame.Page{W: 300 * units.Pt, H: 40 * units.Pt, Items: []frame.Item{
			{Kind: frame.Text, X: 10 * units.Pt, Y: 30 * units.Pt, Face: font.Regular, Size: 20 * units.Pt, Text: "Immeasurably", Expand: expand},
		}}
		img, err := r.Page(p)
		if err != nil {
			t.Fatal(err)
		}
		box := image.Rectangle{Min: img.Bounds().Max, Max: img.Bounds().Min}
		for y := img.Bounds().Min.Y; y < img.Bounds().Max.Y; y++ {
			for x := img.Bounds().Min.X; x < img.Bounds().Max.X; x++ {
				if img.RGBAAt(x, y).R < 0x80 {
					box = box.Union(image.Rect(x, y, x+1, y+1))
				}
			}
		}
		return box
	}
	plain, wide, narrow := inkBox(0), inkBox(100), inkBox(-100)
	for _, c := range []struct {
		name  string
		box   image.Rectangle
		scale float64
	}{{"expanded 2%", wide, 1.02}, {"shrunk 2%", narrow, 0.98}} {
		// The ink starts at the first glyph's left side bearing, which
		// scales too: compare the widths from the item's left edge.
		left := 10.0 * 600 / 72
		got := (float64(c.box.Max.X) - left) / (float64(plain.Max.X) - left)
		if math.Abs(got-c.scale) > 0.002 {
			t.Errorf("%s: ink reaches %.4f of the plain width, want %.2f", c.name, got, c.scale)
		}
		if c.box.Min.Y != plain.Min.Y || c.box.Max.Y != plain.Max.Y {
			t.Errorf("%s: ink rows %d..%d, want those of the plain text %d..%d", c.name, c.box.Min.Y, c.box.Max.Y, plain.Min.Y, plain.Max.Y)
		}
	}
}
