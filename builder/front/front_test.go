package front

import (
	"testing"

	"github.com/pamphlet/pamphlet/builder/doc"
)

func book(lang string) *doc.Book {
	return &doc.Book{
		Meta: doc.Meta{Title: "Kleine  Schriften", Subtitle: "Aufsätze", Authors: []string{"Anna", "Bernd", "Clara"}, Publisher: "Verlag", Lang: lang},
		Articles: []*doc.Article{
			{ID: "eins", Meta: doc.Meta{Title: "Erster Aufsatz"}},
			{ID: "zwei", Meta: doc.Meta{Authors: []string{"Dora"}}, Blocks: []doc.Block{&doc.Heading{Level: 1, Inlines: []doc.Inline{&doc.Text{Value: "Zweiter"}}}}},
			{ID: "drei", Meta: doc.Meta{Authors: []string{"Anna", "Bernd", "Clara"}}},
		},
	}
}

// texts returns the text of each paragraph of a by class.
func texts(a *doc.Article) map[string]string {
	m := map[string]string{}
	for _, b := range a.Blocks {
		if p, ok := b.(*doc.Para); ok {
			m[p.Class] = doc.PlainText(p.Inlines)
		}
	}
	return m
}

func TestMakeGerman(t *testing.T) {
	b := book("de-AT")
	Make(b, Options{Faces: []string{"Charis SIL"}})
	if len(b.Front) != 4 {
		t.Fatalf("%d parts, want 4", len(b.Front))
	}
	for i, want := range []doc.Part{doc.PartHalfTitle, doc.PartTitle, doc.PartColophon, doc.PartContents} {
		if b.Front[i].Part != want {
			t.Errorf("part %d is %d, want %d", i, b.Front[i].Part, want)
		}
	}
	tp := Part(b, doc.PartTitle)
	if h, ok := tp.Blocks[0].(*doc.Heading); !ok || doc.PlainText(h.Inlines) != "Kleine Schriften" {
		t.Errorf("title page opens with %#v", tp.Blocks[0])
	}
	if got := texts(tp); got["subtitle"] != "Aufsätze" || got["authors"] != "Anna, Bernd und Clara" || got["publisher"] != "Verlag" {
		t.Errorf("title page: %q", got)
	}
	col := Part(b, doc.PartColophon)
	if col.Meta.Title != "Impressum" {
		t.Errorf("colophon named %q", col.Meta.Title)
	}
	want := map[string]string{
		"title": "Kleine Schriften", "subtitle": "Aufsätze", "authors": "von Anna, Bernd und Clara",
		"publisher": "Verlag", "set-in": "Gesetzt in Charis SIL.", "made-with": "Erstellt mit pamphlet.",
	}
	got := texts(col)
	for k, v := range want {
		if got[k] != v {
			t.Errorf("colophon %s = %q, want %q", k, got[k], v)
		}
	}
	if len(got) != len(want) {
		t.Errorf("colophon has %q, want only %q", got, want)
	}
	toc := Part(b, doc.PartContents)
	if h := toc.Blocks[0].(*doc.Heading); doc.PlainText(h.Inlines) != "Inhalt" || toc.Meta.Title != "Inhalt" {
		t.Errorf("contents heading %q", doc.PlainText(h.Inlines))
	}
	list := toc.Blocks[1].(*doc.List)
	if len(list.Items) != 3 {
		t.Fatalf("%d entries, want 3", len(list.Items))
	}
	for i, w := range []struct{ id, title, byline string }{
		{"eins", "Erster Aufsatz", ""},
		{"zwei", "Zweiter", "Dora"}, // its heading's text; its own author
		{"drei", "drei", ""},        // its ID; the book's authors are no byline
	} {
		it := list.Items[i]
		entry := it.Blocks[0].(*doc.Para)
		link := entry.Inlines[0].(*doc.Link)
		if entry.Class != "entry" || !link.Internal || link.TargetArticle != w.id || doc.PlainText(link.Inlines) != w.title {
			t.Errorf("entry %d: %s → %q %q", i, entry.Class, link.TargetArticle, doc.PlainText(link.Inlines))
		}
		by := ""
		if len(it.Blocks) > 1 {
			by = texts(&doc.Article{Blocks: it.Blocks})["byline"]
		}
		if by != w.byline {
			t.Errorf("entry %d byline %q, want %q", i, by, w.byline)
		}
	}
}

// TestMakeAgain: a second run replaces the first's parts.
func TestMakeAgain(t *testing.T) {
	b := book("en")
	Make(b, Options{})
	Make(b, Options{})
	if len(b.Front) != 4 {
		t.Errorf("%d parts after two runs, want 4", len(b.Front))
	}
	if _, ok := texts(Part(b, doc.PartColophon))["set-in"]; ok {
		t.Error("a set-in line without a face")
	}
	if got := texts(Part(b, doc.PartTitle))["authors"]; got != "Anna, Bernd and Clara" {
		t.Errorf("authors %q", got)
	}
	Make(b, Options{Faces: []string{"Charis SIL", " Noto Serif  Devanagari"}})
	if got := texts(Part(b, doc.PartColophon))["set-in"]; got != "Set in Charis SIL and Noto Serif Devanagari." {
		t.Errorf("set-in %q", got)
	}
}

// TestMakeLanguages: the words of the parts in Hindi and Urdu, and
// English for a book that names no language or one pamphlet has no words
// for.
func TestMakeLanguages(t *testing.T) {
	for _, c := range []struct{ lang, contents, setIn, authors string }{
		{"hi", "विषय-सूची", "Charis SIL में मुद्रित।", "Anna, Bernd, और Clara"},
		{"ur", "فہرست", "Charis SIL میں کمپوز کیا گیا۔", "Anna، Bernd، اور Clara"},
		{"", "Contents", "Set in Charis SIL.", "Anna, Bernd and Clara"},
		{"xx", "Contents", "Set in Charis SIL.", "Anna, Bernd and Clara"},
	} {
		b := book(c.lang)
		Make(b, Options{Faces: []string{"Charis SIL"}})
		if got := Part(b, doc.PartContents).Meta.Title; got != c.contents {
			t.Errorf("%q: contents %q, want %q", c.lang, got, c.contents)
		}
		if got := texts(Part(b, doc.PartColophon))["set-in"]; got != c.setIn {
			t.Errorf("%q: set-in %q, want %q", c.lang, got, c.setIn)
		}
		if got := texts(Part(b, doc.PartTitle))["authors"]; got != c.authors {
			t.Errorf("%q: authors %q, want %q", c.lang, got, c.authors)
		}
	}
}

func TestUntitled(t *testing.T) {
	b := &doc.Book{}
	Make(b, Options{})
	if got := texts(Part(b, doc.PartHalfTitle))["halftitle"]; got != "Untitled" {
		t.Errorf("half-title %q", got)
	}
	if len(Part(b, doc.PartContents).Blocks) != 1 {
		t.Error("a book without articles has contents entries")
	}
}
