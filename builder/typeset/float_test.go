package typeset

import (
	"context"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pamphlet/pamphlet/builder/diag"
	"github.com/pamphlet/pamphlet/builder/doc"
	"github.com/pamphlet/pamphlet/builder/frame"
)

// TestFigureFloatsToNextPage sets a tall picture, alone in its paragraph,
// where it does not fit under the text: it goes to the top of the next
// page with its caption (its title) right under it, and the paragraph
// after it in the source fills the page it left, to the foot.
func TestFigureFloatsToNextPage(t *testing.T) {
	dir := t.TempDir()
	pic := filepath.Join(dir, "plate.png")
	f, err := os.Create(pic)
	if err != nil {
		t.Fatal(err)
	}
	if err := png.Encode(f, image.NewGray(image.Rect(0, 0, 300, 400))); err != nil {
		t.Fatal(err)
	}
	f.Close()
	word := func(tag string, n int) string {
		var b strings.Builder
		for i := range n {
			if i > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(tag)
			b.WriteString([]string{"alpha", "beta", "gamma", "delta", "epsilon"}[i%5])
		}
		return b.String()
	}
	src := "# Plates\n\n" + word("before", 50) + "\n\n![a grey plate](plate.png \"Plate one, in grey\")\n\n" + word("after", 160) + "\n"
	a := md(t, "plates", src)
	fig, ok := a.Blocks[len(a.Blocks)-2].(*doc.Figure)
	if !ok {
		t.Fatalf("the picture alone in its paragraph is a %T, not a figure", a.Blocks[len(a.Blocks)-2])
	}
	if fig.Image.Alt != "a grey plate" {
		t.Errorf("alt text %q", fig.Image.Alt)
	}
	fig.Image.Path = pic // as the transform stage resolves it
	o := opts(t)
	var diags diag.List
	d, err := Typeset(context.Background(), &doc.Book{Meta: doc.Meta{Title: "Plates"}, Articles: []*doc.Article{a}}, o, &diags)
	if err != nil {
		t.Fatal(err)
	}
	imgPage, imgY, imgH := -1, 0.0, 0.0
	for i, p := range d.Pages {
		for _, it := range p.Items {
			if it.Kind == frame.Image {
				imgPage, imgY, imgH = i, it.Y.Points(), it.H.Points()
			}
		}
	}
	if imgPage < 1 {
		t.Fatalf("no picture set (page %d)", imgPage)
	}
	s := o.Style
	top := s.Top.Points()
	// At the top of its page: nothing of the block above it.
	for _, it := range d.Pages[imgPage].Items {
		if it.Kind == frame.Text && it.Y.Points() > top && it.Y.Points() < imgY {
			t.Errorf("%q stands above the floated picture", it.Text)
		}
	}
	if imgY-top > 1 {
		t.Errorf("the picture is %.1fpt below the block's top", imgY-top)
	}
	// The caption right under it, on the same page.
	capY := -1.0
	for _, it := range d.Pages[imgPage].Items {
		if it.Kind == frame.Text && strings.Contains(it.Text, "Plate") {
			capY = it.Y.Points()
		}
	}
	if capY < imgY+imgH || capY > imgY+imgH+3*s.Leading.Points() {
		t.Errorf("caption at %.1fpt, picture %.1f to %.1fpt", capY, imgY, imgY+imgH)
	}
	// The page it left holds text from after it, down to the foot.
	prev := d.Pages[imgPage-1]
	after, low := false, 0.0
	for _, it := range prev.Items {
		if it.Kind == frame.Text && strings.HasPrefix(it.Text, "after") {
			after = true
		}
		if it.Kind == frame.Text && it.Y < s.PageHeight-s.Bottom {
			low = max(low, it.Y.Points())
		}
	}
	if !after {
		t.Errorf("the page before the picture holds no text from after it")
	}
	lines := int(s.TextHeight() / s.Leading)
	last := top + float64(lines-1)*s.Leading.Points() + ((s.Leading-s.FontSize)/2 + s.FontSize*3/4).Points()
	if low < last-s.Leading.Points()/2 {
		t.Errorf("the page before the picture ends at %.1fpt, the block's last baseline is %.1fpt", low, last)
	}
}
