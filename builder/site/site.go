// Package site renders a library's static web site from its catalogue:
// an index of every book (covers, titles, authors, language), a page per
// language and per group (the filters, as plain links, so that they work
// without JavaScript), and a page per book (cover, description,
// contents, downloads with their sizes and page counts). The pages are
// plain HTML5 and one style sheet, with landmarks, alternative text and
// language attributes, and a single-column layout on narrow screens.
//
// Every link is relative, so the site works from any folder of any web
// server and from the file system; the output depends only on the
// catalogue (no clock), so the same library gives the same bytes.
package site

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"path"
	"sort"
	"strings"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/pamphlet/pamphlet/builder/library"
)

//go:embed templates/*.html templates/style.css
var files embed.FS

// Page paths, relative to the site.
const (
	IndexPage = "index.html"
	StyleFile = "style.css"
)

// BookPage returns the path of a book's page.
func BookPage(id string) string { return "books/" + id + ".html" }

// LanguagePage returns the path of the page listing a language's books.
func LanguagePage(base string) string { return "language/" + base + ".html" }

// GroupPage returns the path of the page listing a group's books.
func GroupPage(id string) string { return "group/" + id + ".html" }

// Feeds are the OPDS catalogues the pages point to (see builder/opds).
type Feeds struct {
	// Navigation and JSON are paths relative to the site; empty omits them.
	Navigation string
	JSON       string
}

// Render returns the site's pages and style sheet.
func Render(cat *library.Catalog, feeds Feeds) ([]library.File, error) {
	t, err := template.New("").Funcs(funcs).ParseFS(files, "templates/*.html")
	if err != nil {
		return nil, fmt.Errorf("site templates: %w", err)
	}
	css, err := files.ReadFile("templates/style.css")
	if err != nil {
		return nil, err
	}
	out := []library.File{{Path: StyleFile, Data: css}}
	langs := Languages(cat)
	groups := cat.Groups
	nav := func(root, current string) []navItem {
		items := []navItem{{Label: "All books", Href: root + IndexPage, Current: current == IndexPage}}
		if len(langs) > 1 {
			for _, l := range langs {
				p := LanguagePage(l.Base)
				items = append(items, navItem{Label: l.Self, Lang: l.Base, Href: root + p, Current: current == p, Kind: "language"})
			}
		}
		for _, g := range groups {
			p := GroupPage(g.ID)
			items = append(items, navItem{Label: g.Title, Href: root + p, Current: current == p, Kind: "group"})
		}
		return items
	}
	render := func(name, file string, data any) error {
		var buf bytes.Buffer
		if err := t.ExecuteTemplate(&buf, name, data); err != nil {
			return fmt.Errorf("rendering %s: %w", file, err)
		}
		out = append(out, library.File{Path: file, Data: buf.Bytes()})
		return nil
	}
	common := func(root, current, title string) page {
		return page{
			Root: root, Lang: cat.Language, Library: cat.Title, Title: title, Nav: nav(root, current),
			Feeds: Feeds{Navigation: rootJoin(root, feeds.Navigation), JSON: rootJoin(root, feeds.JSON)},
		}
	}
	cards := func(root string, keep func(*library.Book) bool) []card {
		var cs []card
		for _, b := range cat.Books {
			if keep(b) {
				cs = append(cs, makeCard(root, b))
			}
		}
		return cs
	}
	all := func(*library.Book) bool { return true }
	idx := common("", IndexPage, cat.Title)
	idx.Heading, idx.Intro, idx.Cards = cat.Title, cat.Description, cards("", all)
	idx.IsIndex = true
	if err := render("list", IndexPage, idx); err != nil {
		return nil, err
	}
	if len(langs) > 1 {
		for _, l := range langs {
			p := LanguagePage(l.Base)
			pg := common("../", p, "Books in "+l.Name+" — "+cat.Title)
			pg.Heading, pg.HeadingLang = "Books in "+l.Name, ""
			pg.Cards = cards("../", func(b *library.Book) bool { return baseOf(b.Info.Language) == l.Base })
			if err := render("list", p, pg); err != nil {
				return nil, err
			}
		}
	}
	for _, g := range groups {
		p := GroupPage(g.ID)
		pg := common("../", p, g.Title+" — "+cat.Title)
		pg.Heading, pg.Intro = g.Title, g.Description
		pg.Cards = cards("../", func(b *library.Book) bool { return contains(b.Groups, g.ID) })
		if err := render("list", p, pg); err != nil {
			return nil, err
		}
	}
	for _, b := range cat.Books {
		p := BookPage(b.ID)
		pg := common("../", p, b.Info.Title+" — "+cat.Title)
		bp := bookPage{page: pg, Card: makeCard("../", b)}
		for _, d := range b.Downloads {
			bp.Downloads = append(bp.Downloads, download{Label: kindLabel[d.Kind], Note: kindNote[d.Kind], Href: "../" + d.Path, Type: d.MediaType, Size: Size(d.Size), Pages: d.Pages, File: path.Base(d.Path)})
		}
		for _, id := range b.Groups {
			for _, g := range groups {
				if g.ID == id {
					bp.Groups = append(bp.Groups, navItem{Label: g.Title, Href: "../" + GroupPage(id)})
				}
			}
		}
		if err := render("book", p, bp); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func rootJoin(root, p string) string {
	if p == "" {
		return ""
	}
	return root + p
}

// page is what every page shows around its content.
type page struct {
	Root, Lang, Library, Title string
	Nav                        []navItem
	Feeds                      Feeds
	Heading, HeadingLang       string
	Intro                      string
	Cards                      []card
	IsIndex                    bool
}

type navItem struct {
	Label, Href, Lang, Kind string
	Current                 bool
}

// card is a book as the lists show it.
type card struct {
	Href, Title, Subtitle, Lang, LangName, Authors, Date string
	Thumb, Cover                                         library.Image
	ThumbHref, CoverHref                                 string
	Description                                          string
	Contents                                             []string
	Pages, Words                                         int
	Publisher, Rights, Identifier                        string
}

type bookPage struct {
	page
	Card      card
	Downloads []download
	Groups    []navItem
}

type download struct {
	Label, Note, Href, Type, Size, File string
	Pages                               int
}

var kindLabel = map[string]string{
	"pdf":     "PDF",
	"epub":    "EPUB",
	"booklet": "Booklet PDF",
	"print":   "Printer’s PDF",
}

var kindNote = map[string]string{
	"pdf":     "for reading on screen or printing page by page",
	"epub":    "for e-readers and reading apps",
	"booklet": "pages imposed two to a sheet, to print double-sided, fold and staple",
	"print":   "with bleed and crop marks, for a print shop",
}

func makeCard(root string, b *library.Book) card {
	return card{
		Href: root + BookPage(b.ID), Title: b.Info.Title, Subtitle: b.Info.Subtitle,
		Lang: b.Info.Language, LangName: LanguageName(b.Info.Language),
		Authors: joinAuthors(b.Info.Authors), Date: b.Info.Date,
		Thumb: b.Thumbnail, Cover: b.Cover, ThumbHref: root + b.Thumbnail.Path, CoverHref: root + b.Cover.Path,
		Description: b.Info.Description, Contents: b.Info.Contents, Pages: b.Pages, Words: b.Words,
		Publisher: b.Info.Publisher, Rights: b.Info.Rights, Identifier: b.Info.Identifier,
	}
}

// Language is one language of the library's books, by its base tag.
type Language struct {
	Base string // "fr"
	Name string // "French", in the site's language
	Self string // "français", in the language itself
}

// Languages lists the base languages of the catalogue's books, by tag.
func Languages(cat *library.Catalog) []Language {
	seen := map[string]bool{}
	var out []Language
	var namer display.Namer
	if t, err := language.Parse(cat.Language); err == nil {
		namer = display.Tags(t)
	}
	for _, b := range cat.Books {
		base := baseOf(b.Info.Language)
		if !seen[base] {
			seen[base] = true
			l := Language{Base: base, Name: base, Self: LanguageName(base)}
			if t, err := language.Parse(base); err == nil && namer != nil {
				if n := namer.Name(t); n != "" {
					l.Name = n
				}
			}
			out = append(out, l)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Base < out[j].Base })
	return out
}

// BaseLanguage returns a tag's base language ("en-GB" → "en"), by
// which the site and the feeds group books.
func BaseLanguage(tag string) string { return baseOf(tag) }

func baseOf(tag string) string {
	t, err := language.Parse(tag)
	if err != nil {
		return strings.ToLower(strings.SplitN(tag, "-", 2)[0])
	}
	b, _ := t.Base()
	return b.String()
}

// LanguageName names a language in itself ("de" → "Deutsch"), or gives
// the tag when x/text does not know it.
func LanguageName(tag string) string {
	t, err := language.Parse(tag)
	if err != nil {
		return tag
	}
	if n := display.Self.Name(t); n != "" {
		return n
	}
	return tag
}

func joinAuthors(as []string) string {
	switch len(as) {
	case 0:
		return ""
	case 1:
		return as[0]
	}
	return strings.Join(as[:len(as)-1], ", ") + " and " + as[len(as)-1]
}

// Size writes a byte count for people: "980 bytes", "74 KB", "1.5 MB".
func Size(n int64) string {
	switch {
	case n < 1000:
		return fmt.Sprintf("%d bytes", n)
	case n < 1000*1000:
		return fmt.Sprintf("%d KB", (n+500)/1000)
	default:
		return fmt.Sprintf("%.1f MB", float64(n)/1e6)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

var funcs = template.FuncMap{
	"plural": func(n int, one, many string) string {
		if n == 1 {
			return "1 " + one
		}
		return fmt.Sprintf("%s %s", thousands(n), many)
	},
}

// thousands writes n with comma separators ("12,345").
func thousands(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
