package raster

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"github.com/pamphlet/pamphlet/builder/font"
	"github.com/pamphlet/pamphlet/builder/frame"
	"github.com/pamphlet/pamphlet/builder/units"
)

// TestCoverImage paints an image three times as wide as its square box:
// with frame.Cover only its middle third shows, and nothing outside the
// box; without, all three thirds are squeezed into it.
func TestCoverImage(t *testing.T) {
	src := image.NewRGBA(image.Rect(0, 0, 300, 100))
	bands := []color.RGBA{{0xff, 0, 0, 0xff}, {0, 0xff, 0, 0xff}, {0, 0, 0xff, 0xff}}
	for y := range 100 {
		for x := range 300 {
			src.SetRGBA(x, y, bands[x/100])
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, src); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "bands.png")
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	fonts, err := font.Default()
	if err != nil {
		t.Fatal(err)
	}
	r, err := New(fonts, 72) // a pixel a point
	if err != nil {
		t.Fatal(err)
	}
	paint := func(flags frame.Flags) *image.RGBA {
		img, err := r.Page(&frame.Page{W: 200 * units.Pt, H: 100 * units.Pt, Items: []frame.Item{
			{Kind: frame.Image, Path: path, Flags: flags, X: 50 * units.Pt, Y: 25 * units.Pt, W: 50 * units.Pt, H: 50 * units.Pt},
		}})
		if err != nil {
			t.Fatal(err)
		}
		return img
	}
	covered, squeezed := paint(frame.Cover), paint(0)
	for _, x := range []int{52, 75, 97} {
		if c := covered.RGBAAt(x, 50); c != bands[1] {
			t.Errorf("covered, x %d: %v, want the middle band's green", x, c)
		}
	}
	for x, want := range map[int]color.RGBA{52: bands[0], 75: bands[1], 97: bands[2]} {
		if c := squeezed.RGBAAt(x, 50); c != want {
			t.Errorf("squeezed, x %d: %v, want %v", x, c, want)
		}
	}
	for _, p := range []image.Point{{45, 50}, {105, 50}, {75, 20}, {75, 80}} {
		if c := covered.RGBAAt(p.X, p.Y); c != (color.RGBA{0xff, 0xff, 0xff, 0xff}) {
			t.Errorf("covered, outside the box at %v: %v", p, c)
		}
	}
}
