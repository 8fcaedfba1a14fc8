package typeset

import (
	"context"
	"testing"

	"github.com/pamphlet/pamphlet/builder/diag"
	"github.com/pamphlet/pamphlet/builder/doc"
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
