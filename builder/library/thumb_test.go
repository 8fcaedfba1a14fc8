package library

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"testing"

	"golang.org/x/image/draw"

	"github.com/pamphlet/pamphlet/builder/cover"
)

// TestScalable checks that a cover made scalable (unpacked from its
// palette, averaged down to twice the thumbnail's width) scales to the
// thumbnail the scaler makes from the cover itself: here 0.02 levels apart
// on average and 6 at most (the averaged one is a shade softer at the
// letters' edges); the test allows 0.5 and 16.
func TestScalable(t *testing.T) {
	data, err := cover.PNG(cover.Text{Title: "Mutual Aid", Subtitle: "A Factor of Evolution", Authors: []string{"Peter Kropotkin"}})
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	p, ok := img.(*image.Paletted)
	if !ok {
		t.Fatalf("builder/cover drew a %T; the test is of paletted covers", img)
	}
	r := image.Rect(0, 0, ThumbnailWidth, ThumbnailWidth*p.Bounds().Dy()/p.Bounds().Dx())
	want := image.NewNRGBA(r)
	draw.CatmullRom.Scale(want, r, p, p.Bounds(), draw.Src, nil)
	src := scalable(p, ThumbnailWidth)
	if w := src.Bounds().Dx(); w < 2*ThumbnailWidth || w >= 4*ThumbnailWidth {
		t.Errorf("scalable made the %d-pixel cover %d pixels wide", p.Bounds().Dx(), w)
	}
	got := image.NewNRGBA(r)
	draw.CatmullRom.Scale(got, r, src, src.Bounds(), draw.Src, nil)
	worst, total := 0, 0
	for i := range want.Pix {
		d := abs(int(want.Pix[i]) - int(got.Pix[i]))
		worst, total = max(worst, d), total+d
	}
	mean := float64(total) / float64(len(want.Pix))
	t.Logf("thumbnails differ by %.2f levels on average, %d at most", mean, worst)
	if mean > 0.5 || worst > 16 {
		t.Errorf("thumbnails differ by %.2f levels on average, %d at most", mean, worst)
	}
	rgba := image.NewRGBA(image.Rect(0, 0, 2000, 2))
	if scalable(rgba, ThumbnailWidth) != image.Image(rgba) {
		t.Error("an RGBA image was copied")
	}
}

// TestAverage checks the block means: weighted by alpha, with the blocks
// at the right and bottom edges made of what is left.
func TestAverage(t *testing.T) {
	src := image.NewNRGBA(image.Rect(0, 0, 3, 2))
	src.SetNRGBA(0, 0, color.NRGBA{200, 0, 0, 255})
	src.SetNRGBA(1, 0, color.NRGBA{0, 0, 255, 0}) // transparent blue: no colour
	src.SetNRGBA(0, 1, color.NRGBA{100, 0, 0, 255})
	src.SetNRGBA(1, 1, color.NRGBA{100, 0, 0, 255})
	src.SetNRGBA(2, 0, color.NRGBA{10, 20, 30, 255})
	src.SetNRGBA(2, 1, color.NRGBA{30, 40, 50, 255})
	got := average(src, 2)
	if b := got.Bounds(); b.Dx() != 2 || b.Dy() != 1 {
		t.Fatalf("bounds %v, want 2×1", b)
	}
	if c := got.NRGBAAt(0, 0); c != (color.NRGBA{133, 0, 0, 191}) {
		t.Errorf("first block %v, want {133 0 0 191}", c)
	}
	if c := got.NRGBAAt(1, 0); c != (color.NRGBA{20, 30, 40, 255}) {
		t.Errorf("edge block %v, want {20 30 40 255}", c)
	}
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
