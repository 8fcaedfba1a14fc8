package typeset

import (
	"context"
	"testing"

	"github.com/pamphlet/pamphlet/builder/diag"
	"github.com/pamphlet/pamphlet/builder/frame"
	"github.com/pamphlet/pamphlet/builder/style"
)

// shortPages returns the labels of the body pages of d that are not an
// article's last page and whose lowest line (body or notes) stands above
// the text block's last baseline, the baseline of the last whole line of
// body text the block holds, by half a line or more: pages that end a line
// or more short.
func shortPages(d *frame.Document, s *style.Style) []string {
	lines := int64(s.TextHeight() / s.Leading)
	body := bctx{size: s.FontSize, lead: s.Leading}
	last := int64(s.Top) + (lines-1)*int64(s.Leading) + int64((&articleSetter{}).base(body))
	var out []string
	for i, st := range d.PageStarts {
		if st.Article < 0 || i+1 >= len(d.PageStarts) {
			continue
		}
		if next := d.PageStarts[i+1]; next.Article != st.Article || next.Opening {
			continue // the article's last page
		}
		lowest := int64(-1)
		for _, it := range d.Pages[i].Items {
			y := int64(it.Y)
			// Running heads above the block, opening folios below it.
			if it.Kind != frame.Text || y < int64(s.Top) || y > int64(s.PageHeight-s.Bottom) {
				continue
			}
			lowest = max(lowest, y)
		}
		if lowest >= 0 && lowest < last-int64(s.Leading)/2 {
			out = append(out, d.Pages[i].Label)
		}
	}
	return out
}

// TestShortPages counts, for each corpus book set in A5, the pages that
// end short of the text block's foot though the article goes on (widow,
// orphan and heading rules leave no other break, and no paragraph on the
// page can be set a line longer within the tolerance). It fails if a
// book has more than it had when pagination learnt to loosen paragraphs.
func TestShortPages(t *testing.T) {
	if testing.Short() {
		t.Skip("typesets the whole corpus")
	}
	o := opts(t)
	st, err := style.Load("a5", "", nil)
	if err != nil {
		t.Fatal(err)
	}
	o.Style = st
	// Short pages before and after loosening: common-sense 9 → 6,
	// communist-manifesto 15 → 15 (chapter 1's many three-line
	// paragraphs), malatesta-essays 15 → 12, kropotkin-mutual-aid 12 →
	// 12, emerson-essays 27 → 22.
	limits := map[string]int{"common-sense": 6, "communist-manifesto": 15, "malatesta-essays": 12, "kropotkin-mutual-aid": 12, "emerson-essays": 22}
	for _, name := range []string{"common-sense", "communist-manifesto", "malatesta-essays", "kropotkin-mutual-aid", "emerson-essays"} {
		b := corpus(t, name)
		var diags diag.List
		d, err := Typeset(context.Background(), b, o, &diags)
		if err != nil {
			t.Fatal(err)
		}
		short := shortPages(d, st)
		t.Logf("%s: %d short pages of %d: %v", name, len(short), len(d.Pages), short)
		if len(short) > limits[name] {
			t.Errorf("%s: %d short pages, at most %d expected: %v", name, len(short), limits[name], short)
		}
	}
}
