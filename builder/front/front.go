// Package front makes a book's front matter: the half-title, the title
// page, the colophon and the table of contents, as doc blocks in the
// book's language (doc.Book.Front). It is the one place where pamphlet
// puts words of its own into a book: they come from layouts/lang
// (layouts.WordsFor), authors are joined by the language's rule ("A, B
// and C", "A, B und C"), and both writers render the parts as they render
// any article, the typesetter adding the contents' page numbers and the
// EPUB writer its links. So the PDF and the EPUB of a German book both say
// "Inhalt" and "Gesetzt in …".
//
// It is a step of its own after builder/transform rather than a part of
// it: transform resolves what the writer wrote (links, notes, images),
// while the front matter is made from the metadata and, for its "set in"
// line, needs the fonts the book is set in, which are chosen after the
// transform.
package front

import (
	"slices"
	"strconv"
	"strings"

	"github.com/pamphlet/pamphlet/builder/doc"
	"github.com/pamphlet/pamphlet/layouts"
)

// Options are the inputs of Make besides the book.
type Options struct {
	// Faces are the names of the type faces the text is set in, the
	// most used first ("Charis SIL"; "Noto Serif Devanagari" for a
	// Hindi book), for the colophon's "set in" line, which joins them
	// by the language's rule; none leaves the line out.
	Faces []string
	// Tool is the program named by the colophon's "made with" line;
	// empty means "pamphlet".
	Tool string
}

// Make sets b.Front: the half-title, the title page, the colophon and the
// contents, in that order, in the book's language (English when it names
// none). It replaces any front matter b had, so running it twice gives
// the same book.
func Make(b *doc.Book, opts Options) {
	lang := b.Meta.Lang
	if lang == "" {
		lang = "en"
	}
	w := layouts.WordsFor(lang)
	m := b.Meta
	title := clean(m.Title)
	if title == "" {
		// The manifest requires a title; a book made in code may lack
		// one, and a title page must still name something.
		title = "Untitled"
	}
	authors := names(m.Authors)
	tool := opts.Tool
	if tool == "" {
		tool = "pamphlet"
	}

	half := &doc.Article{ID: "halftitle", Part: doc.PartHalfTitle, Meta: doc.Meta{Title: title, Lang: lang}}
	half.Blocks = []doc.Block{para("halftitle", title)}

	tp := &doc.Article{ID: "titlepage", Part: doc.PartTitle, Meta: doc.Meta{Title: title, Subtitle: clean(m.Subtitle), Authors: authors, Lang: lang}}
	tp.Blocks = []doc.Block{&doc.Heading{Level: 1, ID: "title", Inlines: text(title)}}
	tp.Blocks = appendPara(tp.Blocks, "subtitle", m.Subtitle)
	tp.Blocks = appendPara(tp.Blocks, "authors", w.Names(authors))
	tp.Blocks = appendPara(tp.Blocks, "publisher", m.Publisher)

	col := &doc.Article{ID: "colophon", Part: doc.PartColophon, Meta: doc.Meta{Title: w.Get("copyright"), Lang: lang}}
	col.Blocks = appendPara(nil, "title", title)
	col.Blocks = appendPara(col.Blocks, "subtitle", m.Subtitle)
	if len(authors) > 0 {
		col.Blocks = appendPara(col.Blocks, "authors", w.Get("by", "authors", w.Names(authors)))
	}
	col.Blocks = appendPara(col.Blocks, "rights", m.Rights)
	col.Blocks = appendPara(col.Blocks, "publisher", m.Publisher)
	col.Blocks = appendPara(col.Blocks, "date", m.Date)
	col.Blocks = appendPara(col.Blocks, "source", m.Source)
	col.Blocks = appendPara(col.Blocks, "identifier", m.Identifier)
	if faces := names(opts.Faces); len(faces) > 0 {
		col.Blocks = appendPara(col.Blocks, "set-in", w.Get("set-in", "font", w.Names(faces)))
	}
	col.Blocks = appendPara(col.Blocks, "made-with", w.Get("made-with", "tool", tool))

	heading := w.Get("contents")
	toc := &doc.Article{ID: "contents", Part: doc.PartContents, Meta: doc.Meta{Title: heading, Lang: lang}}
	list := &doc.List{Ordered: true, Start: 1, Tight: true}
	for i, a := range b.Articles {
		if a == nil {
			continue
		}
		item := &doc.ListItem{Blocks: []doc.Block{&doc.Para{Class: "entry", Inlines: []doc.Inline{
			&doc.Link{Internal: true, TargetArticle: a.ID, URL: "#" + a.ID, Inlines: text(Title(a, i))},
		}}}}
		// A byline that repeats the book's authors says nothing.
		if as := names(a.Meta.Authors); len(as) > 0 && !slices.Equal(as, authors) {
			item.Blocks = appendPara(item.Blocks, "byline", w.Names(as))
		}
		list.Items = append(list.Items, item)
	}
	toc.Blocks = []doc.Block{&doc.Heading{Level: 1, ID: "contents", Inlines: text(heading)}}
	if len(list.Items) > 0 {
		toc.Blocks = append(toc.Blocks, list)
	}
	b.Front = []*doc.Article{half, tp, col, toc}
}

// Part returns the book's front-matter part p, or nil when it has none
// (builder/front has not run).
func Part(b *doc.Book, p doc.Part) *doc.Article {
	for _, a := range b.Front {
		if a != nil && a.Part == p {
			return a
		}
	}
	return nil
}

// Title returns the title of article a, the i-th of its book, as the
// contents list it: its own, else the text of a level-1 heading it opens
// with, else its ID, else its number.
func Title(a *doc.Article, i int) string {
	if t := clean(a.Meta.Title); t != "" {
		return t
	}
	if len(a.Blocks) > 0 {
		if h, ok := a.Blocks[0].(*doc.Heading); ok && h.Level <= 1 {
			if t := clean(doc.PlainText(h.Inlines)); t != "" {
				return t
			}
		}
	}
	if t := clean(a.ID); t != "" {
		return t
	}
	return strconv.Itoa(i + 1)
}

// Names returns the names of a list (authors) joined by the rule of
// language lang: "A, B and C", "A, B und C".
func Names(lang string, list []string) string {
	return layouts.WordsFor(lang).Names(names(list))
}

func names(list []string) []string {
	var out []string
	for _, a := range list {
		if a = clean(a); a != "" {
			out = append(out, a)
		}
	}
	return out
}

func text(s string) []doc.Inline { return []doc.Inline{&doc.Text{Value: s}} }

func para(class, s string) *doc.Para { return &doc.Para{Class: class, Inlines: text(s)} }

// appendPara appends a paragraph of class holding s, unless s is blank.
func appendPara(bs []doc.Block, class, s string) []doc.Block {
	if s = clean(s); s == "" {
		return bs
	}
	return append(bs, para(class, s))
}

// clean folds runs of white space (line ends in a manifest's value) into
// single spaces and trims the ends.
func clean(s string) string { return strings.Join(strings.Fields(s), " ") }
