package transform

import (
	"bytes"
	"image"
	"image/png"
	"io"
	"io/fs"
	"strings"
	"testing"

	"github.com/pamphlet/pamphlet/builder/diag"
	"github.com/pamphlet/pamphlet/builder/doc"
	"github.com/pamphlet/pamphlet/internal/inputfile"
	"github.com/pamphlet/pamphlet/internal/testtool"
)

// TestImageHeaders checks that an image's header is read once, here, so
// that a file that is no picture, or one too large to decode, is reported
// a single time and reaches neither output.
func TestImageHeaders(t *testing.T) {
	var good bytes.Buffer
	if err := png.Encode(&good, image.NewGray(image.Rect(0, 0, 4, 3))); err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{
		"good.png":  good.Bytes(),
		"bad.png":   []byte("not a picture"),
		"huge.png":  testtool.HugePNG(50000, 50000),
		"notes.svg": []byte("<svg/>"),
	}
	var imgs []*doc.Image
	var blocks []doc.Block
	for _, name := range []string{"good.png", "bad.png", "huge.png", "notes.svg", "gone.png"} {
		img := &doc.Image{Src: name, Alt: "alt", At: doc.Pos{Line: len(imgs) + 1}}
		imgs = append(imgs, img)
		blocks = append(blocks, &doc.Figure{Image: img, At: img.At})
	}
	b := &doc.Book{Articles: []*doc.Article{{ID: "a", Path: "a.md", Blocks: blocks}}}
	opts := Options{
		Dirs: []string{"."},
		Stat: func(p string) error {
			if _, ok := files[p]; !ok {
				return inputfile.Reason(fs.ErrNotExist)
			}
			return nil
		},
		Open: func(p string) (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(files[p])), nil },
	}
	var dl diag.List
	ResolveImages(b, opts, &dl)
	var got []string
	for _, d := range dl.Items() {
		got = append(got, d.String())
	}
	want := []string{
		"a.md:2: warning: image bad.png is not a PNG, JPEG or GIF image (image: unknown format); its description is printed instead",
		"a.md:3: warning: image huge.png is 50000 × 50000 pixels, more than the 50-megapixel limit (scale it down); its description is printed instead",
		"a.md:4: warning: image notes.svg is not a PNG, JPEG or GIF image (image: unknown format); its description is printed instead",
		`a.md:5: image "gone.png" not found: no such file`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for i, wantPath := range []string{"good.png", "", "", "", ""} {
		if imgs[i].Path != wantPath {
			t.Errorf("%s: Path %q, want %q", imgs[i].Src, imgs[i].Path, wantPath)
		}
	}
}
