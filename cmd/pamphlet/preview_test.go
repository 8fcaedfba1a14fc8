package main

import (
	"context"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pamphlet/pamphlet/builder"
)

// TestPreviewPixels checks that preview paints the text of a page: the
// article's first page has dark pixels in its text block and none in its
// margins, and the contact sheet holds every page.
func TestPreviewPixels(t *testing.T) {
	dir := t.TempDir()
	write := func(name, s string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("book.yaml", "title: P\narticles: [a.md]\n")
	write("a.md", "# A\n\n"+strings.Repeat("Words fill the page from margin to margin. ", 60)+"\n")
	out := filepath.Join(dir, "prev")
	if d := os.Getenv("PREVIEW_KEEP"); d != "" {
		out = d
	}
	var so, se strings.Builder
	if code := run(context.Background(), []string{"preview", filepath.Join(dir, "book.yaml"), "--out", out}, &so, &se); code != 0 {
		t.Fatalf("exit %d: %s", code, se.String())
	}
	// The article opens on the page labelled 1, after the front matter.
	res, err := builder.Build(context.Background(), builder.Options{Manifest: filepath.Join(dir, "book.yaml"), DryRun: true})
	if err != nil {
		t.Fatal(err)
	}
	first := -1
	for i, pg := range res.Laid.Doc.Pages {
		if pg.Label == "1" && first < 0 {
			first = i
		}
	}
	if first < 0 || first%2 != 0 {
		t.Fatalf("page 1 is at index %d, want a recto", first)
	}
	img := readPNG(t, filepath.Join(out, fmt.Sprintf("page-%03d.png", first+1)))
	b := img.Bounds()
	if b.Dx() != 583 || b.Dy() != 827 {
		t.Fatalf("page is %v, want 583×827 (A5 at 100 dpi)", b.Size())
	}
	// A5 margins: inner 16 mm, top 17 mm at 100 dpi ≈ 63 and 67 px.
	text := image.Rect(70, 200, 500, 700)
	margin := image.Rect(0, 0, 50, b.Dy())
	if n := dark(img, text); n < 1000 {
		t.Errorf("text block has %d dark pixels, want many", n)
	}
	if n := dark(img, margin); n != 0 {
		t.Errorf("inner margin has %d dark pixels, want none", n)
	}
	sheet := readPNG(t, filepath.Join(out, "contact-sheet.png"))
	if sheet.Bounds().Dx() != 12+4*(240+12) {
		t.Errorf("contact sheet is %d wide, want 4 spreads of 2×120 px", sheet.Bounds().Dx())
	}
}

func readPNG(t *testing.T, path string) image.Image {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	return img
}

func dark(img image.Image, r image.Rectangle) int {
	n := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if c, _, _, _ := img.At(x, y).RGBA(); c < 0xc000 {
				n++
			}
		}
	}
	return n
}

// TestPreviewCover: preview --cover paints the wrap at the cover's size
// (2 × 148 mm + the spine, its sheets × 0.05 mm, + 2 × 3 mm bleed, by
// 216 mm), the spine's text down its middle and the barcode's white box
// bottom right of the back.
func TestPreviewCover(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "a.md"), []byte("# A\n\nWords.\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "book.yaml"), []byte("title: Spine Title\narticles: [a.md]\ncover: {isbn: 978-0-306-40615-7, paper: 0.05mm, binding: perfect}\n"), 0o644)
	out := filepath.Join(dir, "prev")
	var so, se strings.Builder
	if code := run(context.Background(), []string{"preview", "--cover", "--dpi", "100", filepath.Join(dir, "book.yaml"), "--out", out}, &so, &se); code != 0 {
		t.Fatalf("exit %d: %s", code, se.String())
	}
	img := readPNG(t, filepath.Join(out, "cover.png"))
	res, err := builder.Build(context.Background(), builder.Options{Manifest: filepath.Join(dir, "book.yaml"), DryRun: true})
	if err != nil {
		t.Fatal(err)
	}
	spine := float64((len(res.Laid.Doc.Pages)+1)/2) * 0.05
	wantW := int((2*148+spine+6)/25.4*100 + 0.5)
	const wantH = 850 // 216 mm at 100 dpi, 850.4 pixels
	if b := img.Bounds(); b.Dx() != wantW || b.Dy() != wantH {
		t.Errorf("cover.png is %v, want %d × %d", b.Size(), wantW, wantH)
	}
	if !strings.Contains(so.String(), "cover: ") || !strings.Contains(so.String(), "cover.png") {
		t.Errorf("stdout %q", so.String())
	}
	// The front's title: dark pixels in the front's upper half; the
	// back's barcode box: pure white in the back's lower right.
	front := image.Rect(wantW/2+100, 100, wantW-100, 400)
	if n := dark(img, front); n < 500 {
		t.Errorf("the front has %d dark pixels where the title is", n)
	}
	white := 0
	for y := 700; y < 800; y++ {
		for x := 480; x < 560; x++ {
			if r, g, b, _ := img.At(x, y).RGBA(); r == 0xffff && g == 0xffff && b == 0xffff {
				white++
			}
		}
	}
	if white == 0 {
		t.Error("no white barcode box at the back's lower right")
	}
}
