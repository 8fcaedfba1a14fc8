package typeset

import (
	"context"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/pamphlet/pamphlet/builder/diag"
	"github.com/pamphlet/pamphlet/builder/doc"
	"github.com/pamphlet/pamphlet/builder/frame"
	"github.com/pamphlet/pamphlet/builder/style"
	"github.com/pamphlet/pamphlet/builder/units"
)

// TestCorpusPages typesets corpus books at the default layout and checks
// what a reader of the printed book would: no text outside the text
// block, every footnote starting on the page of its reference, every
// contents number naming the page its article opens on, and no running
// head on an opening page.
func TestCorpusPages(t *testing.T) {
	for _, name := range []string{"communist-manifesto", "common-sense", "kropotkin-mutual-aid"} {
		t.Run(name, func(t *testing.T) {
			if testing.Short() && name == "kropotkin-mutual-aid" {
				t.Skip("large book")
			}
			bk := corpus(t, name)
			o := opts(t)
			st, err := style.Load("a5", "", nil)
			if err != nil {
				t.Fatal(err)
			}
			o.Style = st
			var diags diag.List
			d, err := Typeset(context.Background(), bk, o, &diags)
			if err != nil {
				t.Fatal(err)
			}
			for _, dg := range diags.Items() {
				if dg.Code == "T001" {
					t.Errorf("overfull line: %s", dg)
				}
			}
			checkPages(t, d, st)
		})
	}
}

func checkPages(t *testing.T, d *frame.Document, s *style.Style) {
	t.Helper()
	anchorPage := map[string]int{}
	for i, p := range d.Pages {
		for _, a := range p.Anchors {
			anchorPage[a.Name] = i
		}
	}
	tol := units.Pt / 2
	for i, p := range d.Pages {
		left := s.Inner
		if i%2 == 1 {
			left = s.Outer
		}
		for _, it := range p.Items {
			if it.Kind != frame.Text {
				continue
			}
			// Protrusion lets a line's first and last characters hang
			// into the margins by their share of their width (at most
			// an em).
			hangL, hangR := units.Sp(0), units.Sp(0)
			if s.Microtype && it.Text != "" {
				first, _ := utf8.DecodeRuneInString(it.Text)
				last, _ := utf8.DecodeLastRuneInString(it.Text)
				l, _ := protrusion(first)
				_, r := protrusion(last)
				hangL, hangR = it.Size*units.Sp(l)/1000, it.Size*units.Sp(r)/1000
			}
			if it.X < left-tol-hangL || it.X+it.W > left+s.TextWidth()+tol+hangR {
				t.Errorf("page %d (%s): %q at x %v..%v outside the text block %v..%v", i, p.Label, it.Text, it.X, it.X+it.W, left, left+s.TextWidth())
			}
			folio := it.Text == p.Label
			if !folio && it.Y > s.Top && it.Y > s.Top+s.TextHeight()+tol {
				t.Errorf("page %d (%s): %q at y %v below the text block (ends %v)", i, p.Label, it.Text, it.Y, s.Top+s.TextHeight())
			}
		}
	}
	// Footnotes on their reference's page.
	notes := 0
	for name, rp := range anchorPage {
		if !strings.HasPrefix(name, "ref:") {
			continue
		}
		notes++
		np, ok := anchorPage["note:"+strings.TrimPrefix(name, "ref:")]
		if !ok {
			t.Errorf("%s: no note anchor", name)
		} else if np != rp {
			t.Errorf("%s: referenced on page %d, note starts on page %d", name, rp, np)
		}
	}
	// Contents: each entry's number is the label of the page its link
	// goes to; running heads: none on an article's first page.
	entries := 0
	for i, p := range d.Pages {
		if !strings.HasPrefix(p.Label, "i") && !strings.HasPrefix(p.Label, "v") {
			continue
		}
		for _, l := range p.Items {
			if l.Kind != frame.Link || !strings.HasPrefix(l.Dest, "art:") {
				continue
			}
			// The number is the rightmost text on the link's last line.
			var num frame.Item
			for _, it := range p.Items {
				if it.Kind == frame.Text && it.Y >= l.Y && it.Y <= l.Y+l.H && it.X+it.W > num.X+num.W {
					num = it
				}
			}
			if strings.Trim(num.Text, "0123456789") != "" {
				continue // an entry's first lines; the number is on its last
			}
			target, ok := anchorPage[l.Dest]
			if !ok {
				t.Errorf("contents page %d: link to missing %s", i, l.Dest)
				continue
			}
			if num.Text != d.Pages[target].Label {
				t.Errorf("contents entry for %s says %q, article opens on page %q", l.Dest, num.Text, d.Pages[target].Label)
			}
			entries++
			for _, it := range d.Pages[target].Items {
				if it.Kind == frame.Text && it.Y < s.Top {
					t.Errorf("page %s opens %s but has a running head %q", d.Pages[target].Label, l.Dest, it.Text)
				}
			}
		}
	}
	if entries == 0 {
		t.Errorf("no contents entries found")
	}
	t.Logf("%d pages, %d footnotes, %d contents lines checked", len(d.Pages), notes, entries)
}

// TestExplicitHyphenBreak is a regression test: a line broken after the
// hyphen of "bird-population" ended in a doubled hyphen.
func TestExplicitHyphenBreak(t *testing.T) {
	words := strings.Repeat("the whole bird-population of a forest raised by news ", 12)
	a := md(t, "hy", "# H\n\n"+words+"\n")
	b := &doc.Book{Meta: doc.Meta{Title: "H", Lang: "en"}, Articles: []*doc.Article{a}}
	var diags diag.List
	d, err := Typeset(context.Background(), b, opts(t), &diags)
	if err != nil {
		t.Fatal(err)
	}
	broken := 0
	for _, p := range d.Pages {
		broken += strings.Count(p.Text(), "bird-\n")
		if strings.Contains(p.Text(), "--") {
			t.Errorf("doubled hyphen on page %s:\n%s", p.Label, p.Text())
		}
	}
	if broken == 0 {
		t.Errorf("no line broke after bird-: the test no longer tests the break")
	}
}
