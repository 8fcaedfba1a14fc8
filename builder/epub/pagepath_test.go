package epub

import (
	"regexp"
	"strings"
	"testing"

	"github.com/pamphlet/pamphlet/builder/doc"
)

// nestedBook has a list, a quotation and a table, with page starts at
// places nested in them (doc.PageStart.Path), and one at a broken path.
func nestedBook() (*doc.Book, []doc.PageStart) {
	a := &doc.Article{ID: "nested", Meta: doc.Meta{Title: "Nested"}, Blocks: []doc.Block{
		&doc.List{Ordered: true, Start: 1, Tight: true, Items: []*doc.ListItem{
			item(para(txt("alpha one"))),
			item(para(txt("beta two")), &doc.List{Items: []*doc.ListItem{item(para(txt("gamma three")))}}),
		}},
		&doc.Quote{Blocks: []doc.Block{para(txt("first quoted")), para(txt("second quoted words here"))}},
		&doc.Table{Head: [][]*doc.Cell{{cell("Key"), cell("Value")}}, Rows: [][]*doc.Cell{{cell("row0"), cell("a")}, {cell("row1"), cell("b")}}},
		&doc.List{Items: []*doc.ListItem{item(para(txt("lonely")))}},
	}}
	b := &doc.Book{Meta: doc.Meta{Title: "Paths", Lang: "en", Identifier: "urn:uuid:2f1a7c3e-0000-4000-8000-000000000009"}, Articles: []*doc.Article{a}}
	return b, []doc.PageStart{
		{Label: "1", Article: 0, Opening: true},
		{Label: "2", Article: 0, Block: 0, Path: []int{1}},               // before item 1
		{Label: "3", Article: 0, Block: 0, Path: []int{1, 0}, Offset: 5}, // in "beta two"
		{Label: "4", Article: 0, Block: 0, Path: []int{1, 1, 0, 0}},      // nested list's item
		{Label: "5", Article: 0, Block: 1, Path: []int{1}, Offset: 14},   // "second quoted words"
		{Label: "6", Article: 0, Block: 2, Path: []int{2}},               // table row "row1"
		{Label: "7", Article: 0, Block: 3, Path: []int{9, 9}},            // no such item: before the list
		{Label: "8", Article: 0, Block: len(a.Blocks)},                   // after the last block
	}
}

func TestNestedPageMarkers(t *testing.T) {
	b, pages := nestedBook()
	data, diags := writeBook(t, b, Options{PageStarts: pages})
	if diags.Len() > 0 {
		t.Errorf("diagnostics: %v", diags.Items())
	}
	_, files := unzip(t, data)
	body := string(files["OEBPS/text/nested.xhtml"])
	mark := func(label string) string {
		return `<span class="pagebreak" epub:type="pagebreak" role="doc-pagebreak" id="page-` + label + `" aria-label="` + label + `"></span>`
	}
	// Each marker must come right before the text of its page, in the
	// place the path names.
	for _, c := range []struct{ label, before, after string }{
		{"1", `aria-labelledby="title">` + "\n", "<header>"},
		{"2", "<li>", "beta"},
		{"3", "beta ", "two"},
		{"4", "<li>", "<p>gamma"},
		{"5", "second quoted ", "words"},
		{"6", "<td>", "row1"},
		{"7", "", "<ul>\n<li><p>lonely"},
		{"8", "</ul>\n", ""},
	} {
		m := mark(c.label)
		i := strings.Index(body, m)
		if i < 0 {
			t.Errorf("page %s: no marker in\n%s", c.label, body)
			continue
		}
		if strings.Count(body, m) != 1 {
			t.Errorf("page %s: marker written %d times", c.label, strings.Count(body, m))
		}
		if !strings.HasSuffix(body[:i], c.before) || !strings.HasPrefix(strings.TrimLeft(body[i+len(m):], "\n"), c.after) {
			t.Errorf("page %s: marker between %q and %q, want %q before and %q after", c.label,
				body[max(i-20, 0):i], body[i+len(m):min(i+len(m)+20, len(body))], c.before, c.after)
		}
	}
	// The page-list is in reading order.
	nav := string(files["OEBPS/nav.xhtml"])
	labels := regexp.MustCompile(`#page-(\d+)"`).FindAllStringSubmatch(nav, -1)
	var got []string
	for _, l := range labels {
		got = append(got, l[1])
	}
	if strings.Join(got, " ") != "1 2 3 4 5 6 7 8" {
		t.Errorf("page-list order %v", got)
	}
	// TestEpubcheck validates this book too.
}
