package typeset

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/pamphlet/pamphlet/builder/diag"
	"github.com/pamphlet/pamphlet/builder/doc"
	"github.com/pamphlet/pamphlet/builder/frame"
)

// resolveStart returns the plain text at which a page start says its
// page begins, following doc.PageStart's definition of Path and Offset.
func resolveStart(t *testing.T, a *doc.Article, st doc.PageStart) string {
	t.Helper()
	if st.Block < 0 || st.Block >= len(a.Blocks) {
		t.Fatalf("start %+v: no block %d", st, st.Block)
	}
	node := a.Blocks[st.Block]
	path := st.Path
	for len(path) > 0 {
		switch n := node.(type) {
		case *doc.List:
			if len(path) < 2 {
				t.Fatalf("start %+v: a list path stops at an item", st)
			}
			node = n.Items[path[0]].Blocks[path[1]]
			path = path[2:]
		case *doc.Quote:
			node = n.Blocks[path[0]]
			path = path[1:]
		case *doc.Table:
			rows := append(slices.Clone(n.Head), n.Rows...)
			return doc.PlainText(rows[path[0]][0].Inlines)
		default:
			t.Fatalf("start %+v: path leads into a %T", st, node)
		}
	}
	switch n := node.(type) {
	case *doc.Para:
		return string([]rune(doc.PlainText(n.Inlines))[st.Offset:])
	case *doc.Heading:
		return doc.PlainText(n.Inlines)
	}
	t.Fatalf("start %+v: ends at a %T", st, node)
	return ""
}

// skipWord says whether a text is a list marker or the test table's
// header, repeated on each page the table runs over.
func skipWord(s string) bool {
	return s == "Key" || s == "Value" || strings.HasSuffix(s, ".") && strings.Trim(s, "0123456789.") == ""
}

// firstWord is the first text drawn in a page's text block (below the
// running head), list markers and table headers aside.
func firstWord(pg *frame.Page, top int64) string {
	best := ""
	var by, bx int64 = 1 << 62, 1 << 62
	for _, it := range pg.Items {
		if it.Kind != frame.Text || int64(it.Y) < top || skipWord(it.Text) {
			continue
		}
		y, x := int64(it.Y), int64(it.X)
		if y < by || y == by && x < bx {
			best, by, bx = it.Text, y, x
		}
	}
	return best
}

// TestPageStartsNested checks that pages beginning inside a list, a
// quotation and a table are placed there (doc.PageStart.Path), and that
// only an article's opening page has Opening set.
func TestPageStartsNested(t *testing.T) {
	var src strings.Builder
	src.WriteString("---\ntitle: Nested\n---\n\n")
	words := func(tag string, n int) string {
		var b strings.Builder
		b.WriteString(tag)
		for i := 0; i < n; i++ {
			fmt.Fprintf(&b, " word%d", i%7)
		}
		return b.String()
	}
	for i := 0; i < 30; i++ {
		fmt.Fprintf(&src, "%d. %s\n\n", i+1, words(fmt.Sprintf("Item%d", i), 25))
	}
	for i := 0; i < 12; i++ {
		fmt.Fprintf(&src, "> %s\n>\n", words(fmt.Sprintf("Quoted%d", i), 40))
	}
	src.WriteString("\n| Key | Value |\n|---|---|\n")
	for i := 0; i < 60; i++ {
		fmt.Fprintf(&src, "| Row%d | v |\n", i)
	}
	o := opts(t)
	a := md(t, "nested", src.String())
	b := &doc.Book{Meta: doc.Meta{Title: "T", Lang: "en"}, Articles: []*doc.Article{a}}
	var diags diag.List
	d, err := Typeset(context.Background(), b, o, &diags)
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]int{}
	for i, st := range d.PageStarts {
		if st.Article != 0 {
			continue
		}
		pg := d.Pages[i]
		if pg.Label == "1" {
			if !st.Opening {
				t.Errorf("page 1: Opening not set: %+v", st)
			}
			continue
		}
		if st.Opening {
			t.Errorf("page %s: Opening set on a later page", pg.Label)
		}
		if len(st.Path) == 0 {
			t.Errorf("page %s: no path into block %d (%T)", pg.Label, st.Block, a.Blocks[st.Block])
			continue
		}
		kinds[fmt.Sprintf("%T", a.Blocks[st.Block])]++
		want := firstWord(pg, int64(o.Style.Top))
		got := resolveStart(t, a, st)
		// The page's first drawn text may be a hyphenated fragment or a
		// list marker's neighbour: compare the start of the word.
		w := strings.TrimRight(want, "-")
		if !strings.HasPrefix(got, w) && !strings.HasPrefix(strings.TrimSpace(got), w) {
			t.Errorf("page %s: start %+v resolves to %.30q, page begins with %q", pg.Label, st, got, want)
		}
	}
	for _, k := range []string{"*doc.List", "*doc.Quote", "*doc.Table"} {
		if kinds[k] == 0 {
			t.Errorf("no page starts inside a %s (%v)", k, kinds)
		}
	}
}
