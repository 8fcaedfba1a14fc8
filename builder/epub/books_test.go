package epub

import (
	"github.com/pamphlet/pamphlet/builder/doc"
)

// Helpers that keep the hand-built books readable.
func txt(s string) *doc.Text           { return &doc.Text{Value: s} }
func para(ins ...doc.Inline) *doc.Para { return &doc.Para{Inlines: ins} }
func head(level int, id, text string) *doc.Heading {
	return &doc.Heading{Level: level, ID: id, Inlines: []doc.Inline{txt(text)}}
}
func item(blocks ...doc.Block) *doc.ListItem { return &doc.ListItem{Blocks: blocks} }
func cell(s string) *doc.Cell                { return &doc.Cell{Inlines: []doc.Inline{txt(s)}} }
func boolp(b bool) *bool                     { return &b }

// smallBook is the golden book: two articles with headings, a list, a
// table, notes, internal links, an image and print page starts.
func smallBook() (*doc.Book, []doc.PageStart) {
	one := &doc.Article{
		ID:   "first-essay",
		Path: "01-first.md",
		Meta: doc.Meta{Title: "First Essay", Subtitle: "On Beginnings", Authors: []string{"Thomas Paine"}},
		Blocks: []doc.Block{
			para(txt("These are the times that try men’s souls."), &doc.NoteRef{Label: "1", N: 1},
				&doc.SoftBreak{}, txt("The summer soldier"+"\u2060—"+"and the sunshine patriot."),
				&doc.NoteRef{Label: "missing"}),
			head(2, "part-one", "Part One"),
			&doc.List{Ordered: true, Start: 3, Tight: true, Items: []*doc.ListItem{
				item(para(txt("Tyranny,"), &doc.Emph{Inlines: []doc.Inline{txt("like hell")}})),
				item(para(txt("is not easily conquered."))),
			}},
			&doc.Table{
				Align: []doc.Align{doc.AlignLeft, doc.AlignRight},
				Head:  [][]*doc.Cell{{cell("Colony"), cell("Men")}},
				Rows:  [][]*doc.Cell{{cell("Virginia"), cell("3 000")}, {cell("Georgia")}},
			},
			para(txt("See "), &doc.Link{URL: "02-second.md#details", Internal: true, TargetArticle: "second-essay",
				TargetID: "details", Inlines: []doc.Inline{txt("the details")}}, txt(" & more.")),
			&doc.Figure{
				Image:   &doc.Image{Src: "rule.png", Path: "testdata/rule.png", Alt: "A rule & a diagonal"},
				Caption: []doc.Inline{txt("A small figure.")},
			},
		},
		Notes: []*doc.Note{{Label: "1", N: 1, Blocks: []doc.Block{para(txt("Written in 1776 <in winter>."))}}},
	}
	two := &doc.Article{
		ID:   "second-essay",
		Path: "02-second.md",
		Meta: doc.Meta{Title: "Second Essay", Authors: []string{"Mary Wollstonecraft"}},
		Blocks: []doc.Block{
			head(2, "details", "Details"),
			para(txt("Back to "), &doc.Link{URL: "01-first.md", Internal: true, TargetArticle: "first-essay",
				Inlines: []doc.Inline{txt("the first essay")}}, txt(", or to "),
				&doc.Link{URL: "https://example.org/?a=1&b=2", Inlines: []doc.Inline{txt("the web")}}, txt(".")),
			&doc.ThematicBreak{},
			para(txt("No\u00a0break, hair\u200aspace, and a control\x01character.")),
		},
	}
	b := &doc.Book{
		Meta: doc.Meta{
			Title:       "A Small Pamphlet",
			Subtitle:    "Being a Test",
			Authors:     []string{"Thomas Paine", "Mary Wollstonecraft"},
			Date:        "1776-01-10",
			Lang:        "en-US",
			Publisher:   "Pamphlet Press",
			Identifier:  "urn:uuid:2f1a7c3e-0000-4000-8000-000000000001",
			Description: "Two short essays for the tests.",
			Rights:      "Public domain.",
			Subjects:    []string{"Politics", "Essays"},
		},
		Articles: []*doc.Article{one, two},
	}
	pages := []doc.PageStart{
		{Label: "i", Article: -1},
		{Label: "1", Article: 0, Opening: true},
		{Label: "2", Article: 0, Block: 0, Offset: 14},
		{Label: "3", Article: 0, Block: 3},
		{Label: "4", Article: 1, Opening: true},
		{Label: "5", Article: 1, Block: 1, Offset: 8},
	}
	return b, pages
}

// everyBook holds every construct of the model, and the awkward cases:
// clashing and skipping headings, broken images and links, notes in
// links, characters XML forbids.
func everyBook() *doc.Book {
	a := &doc.Article{
		ID:   "Every Construct!",
		Path: "every.md",
		Meta: doc.Meta{Title: "Every <Construct> & “Quote”", Lang: "en-GB"},
		Blocks: []doc.Block{
			head(1, "fn-1", "A heading that looks like a note id"),
			head(4, "deep", "Skipped levels"),
			head(2, "über-uns", "Über uns"),
			head(2, "über-uns", "Über uns again"),
			head(2, "", "No id"),
			head(3, "1-numbered", "Starts with a digit"),
			para(txt("Plain "), &doc.Emph{Inlines: []doc.Inline{txt("emph")}}, txt(" "),
				&doc.Strong{Inlines: []doc.Inline{txt("strong")}}, txt(" "),
				&doc.Strike{Inlines: []doc.Inline{txt("strike")}}, txt(" H"),
				&doc.Sub{Inlines: []doc.Inline{txt("2")}}, txt("O x"),
				&doc.Sup{Inlines: []doc.Inline{txt("2")}}, txt(" "),
				&doc.SmallCaps{Inlines: []doc.Inline{txt("Small Caps")}}, txt(" "),
				&doc.Code{Value: "a < b && c"}, &doc.LineBreak{}, txt("after a break"),
				&doc.NoteRef{Label: "a", N: 1}, txt(" and again"), &doc.NoteRef{Label: "a", N: 1},
				txt(" and a missing note"), &doc.NoteRef{Label: "gone", N: 7}),
			&doc.List{Tight: true, Items: []*doc.ListItem{
				{Task: boolp(false), Blocks: []doc.Block{para(txt("open task"))}},
				{Task: boolp(true), Blocks: []doc.Block{para(txt("done task"))}},
				item(para(txt("nested")), &doc.List{Ordered: true, Start: 1, Items: []*doc.ListItem{
					item(para(txt("one"))), item(para(txt("two")), para(txt("second paragraph"))),
				}}),
				{Task: boolp(false)},
			}},
			&doc.List{},
			&doc.Quote{Blocks: []doc.Block{para(txt("Quoted.")), head(3, "in-quote", "Heading in a quote")}},
			&doc.CodeBlock{Lang: "go", Text: "func main() {\n\tif a < b && c > d {}\n}\n"},
			&doc.CodeBlock{Lang: "weird lang\"", Text: "x\x00y"},
			&doc.Figure{Image: &doc.Image{Src: "http://example.org/remote.png", Alt: "A remote image"}},
			&doc.Figure{Image: &doc.Image{Src: "corrupt.gif", Path: "testdata/corrupt.gif", Alt: "Corrupt"},
				Caption: []doc.Inline{txt("caption of a broken image")}},
			&doc.Figure{Image: &doc.Image{Src: "missing.png", Path: "testdata/missing.png", Alt: "Missing"}},
			&doc.Figure{Image: &doc.Image{Src: "rule.png", Path: "testdata/rule.png", Alt: "", Title: "a title"}},
			para(txt("inline "), &doc.Image{Src: "rule.png", Path: "testdata/rule.png", Alt: "rule"}, txt(" image")),
			&doc.Table{Rows: [][]*doc.Cell{{cell("no head"), cell("ragged")}, {cell("x")}, {}}},
			&doc.Table{},
			&doc.ThematicBreak{},
			para(&doc.Link{URL: "mailto:a@example.org", Title: "Mail \"me\"", Inlines: []doc.Inline{txt("mail")}}, txt(" "),
				&doc.Link{URL: "javascript:alert(1)", Inlines: []doc.Inline{txt("script")}}, txt(" "),
				&doc.Link{URL: "other.md", Inlines: []doc.Inline{txt("relative")}}, txt(" "),
				&doc.Link{URL: "https://example.org/a", Inlines: []doc.Inline{txt("outer "),
					&doc.Link{URL: "https://example.org/b", Inlines: []doc.Inline{txt("inner")}},
					&doc.NoteRef{Label: "a", N: 1}}}, txt(" "),
				&doc.Link{Internal: true, TargetArticle: "nowhere", URL: "nowhere.md", Inlines: []doc.Inline{txt("lost")}}, txt(" "),
				&doc.Link{Internal: true, TargetArticle: "Every Construct!", TargetID: "deep", Inlines: []doc.Inline{txt("self")}}, txt(" "),
				&doc.Link{Internal: true, TargetArticle: "Every Construct!", TargetID: "fn-1", Inlines: []doc.Inline{txt("clash")}}, txt(" "),
				&doc.Link{Internal: true, TargetArticle: "Every Construct!", TargetID: "nope", Inlines: []doc.Inline{txt("bad anchor")}}, txt(" "),
				&doc.Link{Internal: true, TargetArticle: "Every Construct!", TargetID: "über-uns", Inlines: []doc.Inline{txt("unicode anchor")}}, txt(" "),
				&doc.Link{URL: "https://example.org/a b/ü?q=\"<x>\"&r=%zz#frag", Inlines: []doc.Inline{txt("messy URL")}}),
			para(txt("Illegal: \x00\x08\ufffe\uffff and invalid UTF-8: \xff; legal: \u2060\u00a0\u200a\t.")),
		},
		Notes: []*doc.Note{
			{Label: "a", N: 1, Blocks: []doc.Block{
				&doc.Quote{Blocks: []doc.Block{para(txt("A note that starts with a quote."))}},
				para(txt("And a second paragraph"), &doc.NoteRef{Label: "b", N: 2}, txt(".")),
			}},
			{Label: "b", N: 2, Blocks: []doc.Block{para(txt("Referenced only from a note."))}},
			{Label: "c", N: 3},
			{Label: "unnumbered"},
		},
	}
	empty := &doc.Article{ID: "", Meta: doc.Meta{}, Blocks: []doc.Block{head(1, "found", "Title From Heading"), para(txt("Body."))}}
	dup := &doc.Article{ID: "every-construct", Meta: doc.Meta{Title: "Same file name", Lang: "not a tag!"},
		Blocks: []doc.Block{para(txt("x"))}}
	return &doc.Book{
		Meta: doc.Meta{
			Title:    "Every Construct",
			Authors:  []string{"Anonymous", "Jean-Jacques Rousseau", " "},
			Date:     "sometime",
			Lang:     "en",
			Subjects: []string{"", "Tests"},
		},
		Articles: []*doc.Article{a, nil, empty, dup},
	}
}
