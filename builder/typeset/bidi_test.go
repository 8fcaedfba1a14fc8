package typeset

import (
	"context"
	"strings"
	"testing"

	"github.com/pamphlet/pamphlet/builder/diag"
	"github.com/pamphlet/pamphlet/builder/doc"
	"github.com/pamphlet/pamphlet/builder/frame"
	"github.com/pamphlet/pamphlet/builder/units"
)

// itemsOf returns the text items of every page whose text is one of
// words, by text.
func itemsOf(d *frame.Document, words ...string) map[string]frame.Item {
	out := map[string]frame.Item{}
	for _, p := range d.Pages {
		for _, it := range p.Items {
			for _, w := range words {
				if it.Kind == frame.Text && it.Text == w {
					out[w] = it
				}
			}
		}
	}
	return out
}

// TestRightToLeftParagraph: a Persian paragraph is set right to left,
// its words from the right margin leftwards, a Latin phrase and a number
// inside it left to right, and its short last line flush right.
func TestRightToLeftParagraph(t *testing.T) {
	a := md(t, "fa", "# عنوان\n\nسلام دنیا hello world 2024 پایان.\n")
	b := &doc.Book{Meta: doc.Meta{Title: "Test", Lang: "fa"}, Articles: []*doc.Article{a}}
	var diags diag.List
	o := opts(t)
	d, err := Typeset(context.Background(), b, o, &diags)
	if err != nil {
		t.Fatal(err)
	}
	for _, dg := range diags.Items() {
		if dg.Code != "T005" { // no Persian hyphenation patterns
			t.Errorf("diagnostic: %v", dg)
		}
	}
	it := itemsOf(d, "سلام", "دنیا", "hello", "world", "2024", "پایان.")
	if len(it) != 6 {
		t.Fatalf("found %d of 6 words: %v", len(it), it)
	}
	if !(it["سلام"].X > it["دنیا"].X && it["دنیا"].X > it["world"].X) {
		t.Errorf("Persian words not right to left: %v %v %v", it["سلام"].X, it["دنیا"].X, it["world"].X)
	}
	if !(it["hello"].X < it["world"].X) {
		t.Errorf("Latin inside Persian not left to right: hello %v world %v", it["hello"].X, it["world"].X)
	}
	// A number after Latin continues the Latin run (UAX #9, W7): it
	// reads "hello world 2024", and the Persian word after it goes left.
	if !(it["2024"].X > it["world"].X && it["پایان."].X < it["hello"].X) {
		t.Errorf("number or last word out of place: پایان. %v 2024 %v hello %v", it["پایان."].X, it["2024"].X, it["hello"].X)
	}
	right := o.Style.PageWidth - o.Style.Outer
	for _, w := range []string{"سلام"} {
		if e := it[w].X + it[w].W; e < right-units.Pt && e < o.Style.PageWidth-o.Style.Inner-units.Pt {
			t.Errorf("%s ends at %v, not at the right margin", w, e)
		}
	}
}

// TestIsRTLLang: languages by tag.
func TestIsRTLLang(t *testing.T) {
	for tag, want := range map[string]bool{"fa": true, "ur-PK": true, "he": true, "ar-EG": true, "en": false, "az-Arab": true, "az-Latn": false, "": false, "hi": false} {
		if got := IsRTLLang(tag); got != want {
			t.Errorf("IsRTLLang(%q) = %v", tag, got)
		}
	}
}

// TestRightToLeftBook: a Persian book is bound on the right: its rectos
// have the wide inner margin on the right and their folios on the left,
// and the document says so.
func TestRightToLeftBook(t *testing.T) {
	text := strings.Repeat("سلام دنیا این یک متن آزمایشی است که باید چند صفحه را پر کند. ", 300)
	a := md(t, "fa", "# عنوان\n\n"+text+"\n")
	o := opts(t)
	for _, lang := range []string{"en", "fa"} {
		b := &doc.Book{Meta: doc.Meta{Title: "Test", Lang: lang}, Articles: []*doc.Article{a}}
		var diags diag.List
		d, err := Typeset(context.Background(), b, o, &diags)
		if err != nil {
			t.Fatal(err)
		}
		if d.RTL != (lang == "fa") {
			t.Errorf("%s: RTL = %v", lang, d.RTL)
		}
		// A body page that is a recto (even index) with a folio.
		checked := false
		for i := 4; i < len(d.Pages) && !checked; i += 2 {
			pg := d.Pages[i]
			minX := pg.W
			var folio frame.Item
			for _, it := range pg.Items {
				if it.Kind == frame.Text {
					minX = min(minX, it.X)
					if it.Text == pg.Label {
						folio = it
					}
				}
			}
			if folio.Text == "" {
				continue
			}
			wantLeft := o.Style.Inner
			if lang == "fa" {
				wantLeft = o.Style.Outer
			}
			if minX < wantLeft-units.Pt || minX > wantLeft+units.Pt*40 {
				t.Errorf("%s: recto %d text starts at %v, want the %v margin", lang, i, minX, wantLeft)
			}
			folioLeft := folio.X < pg.W/2
			if folioLeft != (lang == "fa") {
				t.Errorf("%s: recto %d folio at %v", lang, i, folio.X)
			}
			checked = true
		}
		if !checked {
			t.Fatalf("%s: no recto with a folio among %d pages", lang, len(d.Pages))
		}
	}
}

// TestRightToLeftHeading: a Persian heading, set ragged, stands at the
// right margin like its paragraphs.
func TestRightToLeftHeading(t *testing.T) {
	a := md(t, "fa", "# عنوان\n\n## مادهٔ اول\n\nتمام افراد بشر آزاد بدنیا میایند.\n")
	b := &doc.Book{Meta: doc.Meta{Title: "Test", Lang: "fa"}, Articles: []*doc.Article{a}}
	var diags diag.List
	o := opts(t)
	d, err := Typeset(context.Background(), b, o, &diags)
	if err != nil {
		t.Fatal(err)
	}
	it := itemsOf(d, "مادهٔ", "تمام")
	if len(it) != 2 {
		t.Fatalf("found %v", it)
	}
	if h, p := it["مادهٔ"].X+it["مادهٔ"].W, it["تمام"].X+it["تمام"].W; h < p-units.Pt || h > p+units.Pt {
		t.Errorf("heading ends at %v, paragraph at %v: not both at the right margin", h, p)
	}
}
