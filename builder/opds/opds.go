// Package opds writes a library's OPDS catalogues, which e-reader apps
// (KOReader, Thorium, Moon+ Reader, …) browse to find and download books:
// OPDS 1.2 as Atom feeds (a navigation feed whose entries lead to
// acquisition feeds of all books, of each language and of each group) and
// OPDS 2.0 as one JSON feed. Each book comes with its metadata, its cover
// and thumbnail, and an acquisition link per download with its media
// type.
//
// Links are relative to the feed unless the library has a base URL, in
// which case they are absolute (some apps resolve relative links badly).
// Dates come from the books, never the clock.
package opds

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"path"
	"strings"
	"time"

	"github.com/pamphlet/pamphlet/builder/library"

	"github.com/pamphlet/pamphlet/internal/ident"
)

// The feeds' paths in the site.
const (
	Dir        = "opds"
	Navigation = Dir + "/root.xml"
	AllBooks   = Dir + "/all.xml"
	JSON       = Dir + "/catalog.json"
)

// The media types of the feeds.
const (
	NavigationType  = "application/atom+xml;profile=opds-catalog;kind=navigation"
	AcquisitionType = "application/atom+xml;profile=opds-catalog;kind=acquisition"
	JSONType        = "application/opds+json"
)

// Link relations from the OPDS 1.2 specification.
const (
	relAcquisition = "http://opds-spec.org/acquisition"
	relOpenAccess  = "http://opds-spec.org/acquisition/open-access"
	relImage       = "http://opds-spec.org/image"
	relThumbnail   = "http://opds-spec.org/image/thumbnail"
)

// LanguageFeed and GroupFeed are the acquisition feeds of one language
// (by its base tag) and one group.
func LanguageFeed(base string) string { return Dir + "/language-" + base + ".xml" }
func GroupFeed(id string) string      { return Dir + "/group-" + id + ".xml" }

// Language is a language of the books, for its feed.
type Language struct{ Base, Name string }

// Render returns the OPDS 1.2 feeds and the OPDS 2.0 feed of cat.
// languages lists the books' base languages with their names (a feed
// each when there are several); bookPage gives a book's web page.
func Render(cat *library.Catalog, languages []Language, baseOf func(string) string, bookPage func(id string) string) ([]library.File, error) {
	r := renderer{cat: cat, bookPage: bookPage}
	var out []library.File
	type sub struct {
		path, title, summary string
		books                []*library.Book
	}
	subs := []sub{{AllBooks, "All books", "", cat.Books}}
	if len(languages) > 1 {
		for _, l := range languages {
			var bs []*library.Book
			for _, b := range cat.Books {
				if baseOf(b.Info.Language) == l.Base {
					bs = append(bs, b)
				}
			}
			subs = append(subs, sub{LanguageFeed(l.Base), "Books in " + l.Name, "", bs})
		}
	}
	for _, g := range cat.Groups {
		var bs []*library.Book
		for _, b := range cat.Books {
			for _, id := range b.Groups {
				if id == g.ID {
					bs = append(bs, b)
				}
			}
		}
		subs = append(subs, sub{GroupFeed(g.ID), g.Title, g.Description, bs})
	}

	nav := r.feed(Navigation, cat.Title, NavigationType)
	nav.Subtitle = cat.Description
	for _, s := range subs {
		summary := s.summary
		if summary == "" {
			summary = count(len(s.books))
		}
		nav.Entries = append(nav.Entries, entry{
			Title:   s.title,
			ID:      r.id(s.path),
			Updated: atomTime(latest(s.books, cat.Updated)),
			Content: &text{Type: "text", Text: summary},
			Links:   []link{{Rel: "subsection", Href: r.href(Navigation, s.path), Type: AcquisitionType}},
		})
	}
	data, err := marshalFeed(nav)
	if err != nil {
		return nil, err
	}
	out = append(out, library.File{Path: Navigation, Data: data})

	for _, s := range subs {
		f := r.feed(s.path, s.title+" — "+cat.Title, AcquisitionType)
		f.Updated = atomTime(latest(s.books, cat.Updated))
		f.Links = append(f.Links, link{Rel: "up", Href: r.href(s.path, Navigation), Type: NavigationType})
		for _, b := range s.books {
			f.Entries = append(f.Entries, r.entry(s.path, b))
		}
		data, err := marshalFeed(f)
		if err != nil {
			return nil, err
		}
		out = append(out, library.File{Path: s.path, Data: data})
	}

	data, err = r.json()
	if err != nil {
		return nil, err
	}
	out = append(out, library.File{Path: JSON, Data: data})
	return out, nil
}

type renderer struct {
	cat      *library.Catalog
	bookPage func(string) string
}

// href is the link from the feed at from to the site file to: absolute
// under the base URL when there is one, else relative.
func (r renderer) href(from, to string) string {
	if r.cat.BaseURL != "" {
		return r.cat.BaseURL + to
	}
	return relative(from, to)
}

// relative returns the path of to as seen from the folder of from (both
// site paths with forward slashes).
func relative(from, to string) string {
	dir := path.Dir(from)
	if dir == "." {
		return to
	}
	up := strings.Repeat("../", strings.Count(dir, "/")+1)
	if strings.HasPrefix(to, dir+"/") {
		return strings.TrimPrefix(to, dir+"/")
	}
	return up + to
}

// id is a feed's Atom id: its URL under the base URL, else a name-based
// UUID of the library's title and the feed's path, the same on every run.
func (r renderer) id(p string) string {
	if r.cat.BaseURL != "" {
		return r.cat.BaseURL + p
	}
	return ident.UUID("library\x00" + r.cat.Title + "\x00" + p)
}

func (r renderer) feed(p, title, typ string) *feed {
	return &feed{
		XMLNS: "http://www.w3.org/2005/Atom", DC: "http://purl.org/dc/terms/", OPDS: "http://opds-spec.org/2010/catalog",
		ID: r.id(p), Title: title, Updated: atomTime(r.cat.Updated),
		Author: &person{Name: r.cat.Title},
		Links: []link{
			{Rel: "self", Href: r.href(p, p), Type: typ},
			{Rel: "start", Href: r.href(p, Navigation), Type: NavigationType},
		},
	}
}

func (r renderer) entry(from string, b *library.Book) entry {
	e := entry{
		Title:     b.Info.Title,
		ID:        bookID(b),
		Updated:   atomTime(b.Info.Modified),
		Language:  b.Info.Language,
		Issued:    b.Info.Date,
		Publisher: b.Info.Publisher,
		Rights:    b.Info.Rights,
	}
	for _, a := range b.Info.Authors {
		e.Authors = append(e.Authors, person{Name: a})
	}
	if b.Info.Description != "" {
		e.Summary = &text{Type: "text", Text: b.Info.Description}
	}
	if b.Info.Subtitle != "" {
		e.Content = &text{Type: "text", Text: b.Info.Subtitle}
	}
	for _, s := range b.Info.Subjects {
		e.Categories = append(e.Categories, category{Term: s, Label: s})
	}
	for _, g := range r.cat.Groups {
		for _, id := range b.Groups {
			if id == g.ID {
				e.Categories = append(e.Categories, category{Term: g.ID, Label: g.Title})
			}
		}
	}
	e.Links = append(e.Links,
		link{Rel: relImage, Href: r.href(from, b.Cover.Path), Type: b.Cover.MediaType},
		link{Rel: relThumbnail, Href: r.href(from, b.Thumbnail.Path), Type: b.Thumbnail.MediaType},
	)
	for _, d := range b.Downloads {
		e.Links = append(e.Links, link{Rel: relAcquisition, Href: r.href(from, d.Path), Type: d.MediaType, Title: downloadTitle(d), Length: d.Size})
	}
	e.Links = append(e.Links, link{Rel: "alternate", Href: r.href(from, r.bookPage(b.ID)), Type: "text/html", Title: "The book’s page"})
	return e
}

// bookID is a book's entry id: its identifier when that is a URI (the
// default is a urn:uuid), else the identifier made one.
func bookID(b *library.Book) string {
	id := b.Info.Identifier
	if i := strings.Index(id, ":"); i > 0 && !strings.ContainsAny(id[:i], " /") {
		return id
	}
	return "urn:pamphlet:" + strings.ReplaceAll(id, " ", "%20")
}

func downloadTitle(d library.Download) string {
	switch d.Kind {
	case "pdf":
		return "PDF"
	case "epub":
		return "EPUB"
	case "booklet":
		return "Booklet PDF (imposed for folding)"
	case "print":
		return "Printer’s PDF (bleed and crop marks)"
	}
	return d.Kind
}

func count(n int) string {
	if n == 1 {
		return "1 book"
	}
	return fmt.Sprintf("%d books", n)
}

func latest(books []*library.Book, fallback time.Time) time.Time {
	var t time.Time
	for _, b := range books {
		if b.Info.Modified.After(t) {
			t = b.Info.Modified
		}
	}
	if t.IsZero() {
		return fallback
	}
	return t
}

func atomTime(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// The Atom elements, in the order RFC 4287 examples give them.
type feed struct {
	XMLName  xml.Name `xml:"feed"`
	XMLNS    string   `xml:"xmlns,attr"`
	DC       string   `xml:"xmlns:dc,attr"`
	OPDS     string   `xml:"xmlns:opds,attr"`
	ID       string   `xml:"id"`
	Title    string   `xml:"title"`
	Subtitle string   `xml:"subtitle,omitempty"`
	Updated  string   `xml:"updated"`
	Author   *person  `xml:"author"`
	Links    []link   `xml:"link"`
	Entries  []entry  `xml:"entry"`
}

type entry struct {
	Title      string     `xml:"title"`
	ID         string     `xml:"id"`
	Updated    string     `xml:"updated"`
	Authors    []person   `xml:"author"`
	Language   string     `xml:"dc:language,omitempty"`
	Issued     string     `xml:"dc:issued,omitempty"`
	Publisher  string     `xml:"dc:publisher,omitempty"`
	Rights     string     `xml:"rights,omitempty"`
	Categories []category `xml:"category"`
	Summary    *text      `xml:"summary"`
	Content    *text      `xml:"content"`
	Links      []link     `xml:"link"`
}

type person struct {
	Name string `xml:"name"`
}

type text struct {
	Type string `xml:"type,attr"`
	Text string `xml:",chardata"`
}

type category struct {
	Term  string `xml:"term,attr"`
	Label string `xml:"label,attr,omitempty"`
}

type link struct {
	Rel    string `xml:"rel,attr"`
	Href   string `xml:"href,attr"`
	Type   string `xml:"type,attr"`
	Title  string `xml:"title,attr,omitempty"`
	Length int64  `xml:"length,attr,omitempty"`
}

func marshalFeed(f *feed) ([]byte, error) {
	data, err := xml.MarshalIndent(f, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("writing the OPDS feed: %w", err)
	}
	return append([]byte(xml.Header), append(data, '\n')...), nil
}

// The OPDS 2.0 feed (https://drafts.opds.io/opds-2.0), one for all books.
type jsonFeed struct {
	Metadata     jsonFeedMeta  `json:"metadata"`
	Links        []jsonLink    `json:"links"`
	Navigation   []jsonLink    `json:"navigation,omitempty"`
	Publications []publication `json:"publications"`
}

type jsonFeedMeta struct {
	Title         string `json:"title"`
	Description   string `json:"description,omitempty"`
	Modified      string `json:"modified"`
	NumberOfItems int    `json:"numberOfItems"`
}

type jsonLink struct {
	Rel    string `json:"rel,omitempty"`
	Href   string `json:"href"`
	Type   string `json:"type,omitempty"`
	Title  string `json:"title,omitempty"`
	Width  int    `json:"width,omitempty"`
	Height int    `json:"height,omitempty"`
	Length int64  `json:"length,omitempty"`
}

type publication struct {
	Metadata pubMeta    `json:"metadata"`
	Links    []jsonLink `json:"links"`
	Images   []jsonLink `json:"images"`
}

type pubMeta struct {
	Type          string        `json:"@type"`
	Title         string        `json:"title"`
	Subtitle      string        `json:"subtitle,omitempty"`
	Identifier    string        `json:"identifier"`
	Author        []contributor `json:"author,omitempty"`
	Publisher     string        `json:"publisher,omitempty"`
	Language      string        `json:"language"`
	Modified      string        `json:"modified"`
	Published     string        `json:"published,omitempty"`
	Description   string        `json:"description,omitempty"`
	Subject       []string      `json:"subject,omitempty"`
	NumberOfPages int           `json:"numberOfPages,omitempty"`
}

type contributor struct {
	Name string `json:"name"`
}

func (r renderer) json() ([]byte, error) {
	f := jsonFeed{
		Metadata: jsonFeedMeta{Title: r.cat.Title, Description: r.cat.Description, Modified: atomTime(r.cat.Updated), NumberOfItems: len(r.cat.Books)},
		Links: []jsonLink{
			{Rel: "self", Href: r.href(JSON, JSON), Type: JSONType},
			{Rel: "alternate", Href: r.href(JSON, Navigation), Type: NavigationType, Title: "OPDS 1.2"},
		},
		Publications: []publication{},
	}
	for _, b := range r.cat.Books {
		p := publication{Metadata: pubMeta{
			Type: "http://schema.org/Book", Title: b.Info.Title, Subtitle: b.Info.Subtitle,
			Identifier: bookID(b), Publisher: b.Info.Publisher, Language: b.Info.Language,
			Modified: atomTime(b.Info.Modified), Published: b.Info.Date, Description: b.Info.Description,
			Subject: b.Info.Subjects, NumberOfPages: b.Pages,
		}}
		for _, a := range b.Info.Authors {
			p.Metadata.Author = append(p.Metadata.Author, contributor{Name: a})
		}
		p.Links = append(p.Links, jsonLink{Rel: "alternate", Href: r.href(JSON, r.bookPage(b.ID)), Type: "text/html"})
		for _, d := range b.Downloads {
			p.Links = append(p.Links, jsonLink{Rel: relOpenAccess, Href: r.href(JSON, d.Path), Type: d.MediaType, Title: downloadTitle(d), Length: d.Size})
		}
		p.Images = []jsonLink{
			{Href: r.href(JSON, b.Cover.Path), Type: b.Cover.MediaType, Width: b.Cover.Width, Height: b.Cover.Height},
			{Href: r.href(JSON, b.Thumbnail.Path), Type: b.Thumbnail.MediaType, Width: b.Thumbnail.Width, Height: b.Thumbnail.Height},
		}
		f.Publications = append(f.Publications, p)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false) // the feed is not embedded in HTML
	enc.SetIndent("", "  ")
	if err := enc.Encode(&f); err != nil {
		return nil, fmt.Errorf("writing the OPDS 2.0 feed: %w", err)
	}
	return buf.Bytes(), nil
}
