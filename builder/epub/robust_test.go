package epub

import (
	"strings"
	"testing"

	"github.com/pamphlet/pamphlet/builder/doc"
	"github.com/pamphlet/pamphlet/internal/testtool"
)

// TestHugeImageRefused: a 50,000 × 50,000 px image is refused from its
// header, with a warning giving its size, instead of decoding gigabytes.
func TestHugeImageRefused(t *testing.T) {
	b := &doc.Book{Meta: doc.Meta{Title: "T"}, Articles: []*doc.Article{{ID: "a", Meta: doc.Meta{Title: "A"}, Blocks: []doc.Block{
		&doc.Figure{Image: &doc.Image{Src: "huge.png", Path: "huge.png", Alt: "Huge"}},
	}}}}
	data := testtool.HugePNG(50000, 50000)
	_, diags := writeBook(t, b, Options{NoCover: true, ReadFile: func(string) ([]byte, error) { return data, nil }})
	want := "image huge.png is 50000 × 50000 pixels, more than the 50-megapixel limit (scale it down); the EPUB shows its description instead"
	for _, d := range diags.Items() {
		if d.Msg == want {
			return
		}
	}
	var got []string
	for _, d := range diags.Items() {
		got = append(got, d.Msg)
	}
	t.Errorf("diagnostics:\n%s\nwant %q", strings.Join(got, "\n"), want)
}
