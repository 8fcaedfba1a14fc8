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

// TestInlineImage checks that a picture inside a paragraph is drawn as a
// box as tall as the type, in the line, instead of its description; and
// that a file that is no picture keeps the description with T003.
func TestInlineImage(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "icon.png")
	f, err := os.Create(good)
	if err != nil {
		t.Fatal(err)
	}
	if err := png.Encode(f, image.NewGray(image.Rect(0, 0, 40, 20))); err != nil {
		t.Fatal(err)
	}
	f.Close()
	bad := filepath.Join(dir, "bad.png")
	if err := os.WriteFile(bad, []byte("not a picture"), 0o644); err != nil {
		t.Fatal(err)
	}
	o := opts(t)
	a := &doc.Article{ID: "img", Meta: doc.Meta{Title: "Pictures"}, Blocks: []doc.Block{
		&doc.Para{Inlines: []doc.Inline{
			&doc.Text{Value: "Before "}, &doc.Image{Src: "icon.png", Path: good, Alt: "ICONALT"}, &doc.Text{Value: " after, and "},
			&doc.Image{Src: "bad.png", Path: bad, Alt: "BADALT"}, &doc.Text{Value: " end."},
		}},
	}}
	b := &doc.Book{Meta: doc.Meta{Title: "T", Lang: "en"}, Articles: []*doc.Article{a}}
	var diags diag.List
	d, err := Typeset(context.Background(), b, o, &diags)
	if err != nil {
		t.Fatal(err)
	}
	var img *frame.Item
	var text []string
	var before frame.Item
	for _, pg := range d.Pages {
		for i := range pg.Items {
			it := pg.Items[i]
			switch it.Kind {
			case frame.Image:
				img = &pg.Items[i]
			case frame.Text:
				text = append(text, it.Text)
				if it.Text == "Before" {
					before = it
				}
			}
		}
	}
	if img == nil {
		t.Fatal("no image item")
	}
	if img.Path != good || img.H != o.Style.FontSize || img.W != 2*o.Style.FontSize {
		t.Errorf("image %s %v×%v, want %s %v×%v", img.Path, img.W, img.H, good, 2*o.Style.FontSize, o.Style.FontSize)
	}
	// On the line of "Before", after it, reaching from above the
	// baseline to below it.
	if img.X <= before.X || img.Y >= before.Y || img.Y+img.H <= before.Y {
		t.Errorf("image at %v,%v %v high, the line's first word at %v,%v", img.X, img.Y, img.H, before.X, before.Y)
	}
	all := strings.Join(text, " ")
	if strings.Contains(all, "ICONALT") || !strings.Contains(all, "BADALT") {
		t.Errorf("text %q: want the bad image's description only", all)
	}
	found := false
	for _, dg := range diags.Items() {
		found = found || dg.Code == "T003" && strings.Contains(dg.String(), "bad.png")
	}
	if !found {
		t.Errorf("no T003 for bad.png: %v", diags.Items())
	}
}
