package typeset

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/pamphlet/pamphlet/builder/diag"
	"github.com/pamphlet/pamphlet/builder/doc"
	"github.com/pamphlet/pamphlet/internal/testtool"
)

// TestTitleWithoutGlyphs: a title made only of characters no font has
// (Hebrew, emoji) sets no line; it used to index past the opening and
// panic. The outline keeps the title, and each character is reported.
func TestTitleWithoutGlyphs(t *testing.T) {
	for _, title := range []string{"שלום", "😀"} {
		a := md(t, "a", "# "+title+"\n\nEnglish then עברית and العربية.\n")
		var dl diag.List
		d, err := Typeset(context.Background(), &doc.Book{Meta: doc.Meta{Title: "T"}, Articles: []*doc.Article{a}}, opts(t), &dl)
		if err != nil {
			t.Fatalf("%s: %v", title, err)
		}
		found := false
		for _, o := range d.Outline {
			found = found || o.Title == title
		}
		if !found {
			t.Errorf("%s: outline %v lacks the title", title, d.Outline)
		}
		warned := false
		for _, x := range dl.Items() {
			warned = warned || x.Code == "T002"
		}
		if !warned {
			t.Errorf("%s: no T002 warning for the missing characters: %v", title, dl.Items())
		}
	}
}

// TestHugeImageRefused: a 50,000 × 50,000 px PNG is refused from its
// header; the PDF writer would have allocated gigabytes and panicked.
func TestHugeImageRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "huge.png")
	if err := os.WriteFile(path, testtool.HugePNG(50000, 50000), 0o644); err != nil {
		t.Fatal(err)
	}
	_, _, err := imageSize(path)
	want := "is 50000 × 50000 pixels, more than the 50-megapixel limit (scale it down)"
	if err == nil || err.Error() != want {
		t.Errorf("imageSize = %v, want %q", err, want)
	}
	path2 := filepath.Join(t.TempDir(), "big.png")
	if err := os.WriteFile(path2, testtool.HugePNG(5000, 5000), 0o644); err != nil {
		t.Fatal(err)
	}
	if w, h, err := imageSize(path2); err != nil || w != 5000 || h != 5000 {
		t.Errorf("a 25-megapixel image: %d×%d, %v", w, h, err)
	}
}
