// Package frame holds finished pages: every word, rule, image and link at
// its final position. It is plain data, the typesetter's output and the
// PDF painter's only input, so that painting needs no layout knowledge and
// a layout can be checked as a text dump.
//
// Coordinates are in scaled points from the page's top-left corner, y
// growing downwards; a text item's Y is its baseline.
package frame

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/pamphlet/pamphlet/builder/doc"
	"github.com/pamphlet/pamphlet/builder/font"
	"github.com/pamphlet/pamphlet/builder/units"
)

// Document is a finished book.
type Document struct {
	// Meta is the book's metadata for the PDF's information dictionary.
	Meta  doc.Meta
	Pages []*Page
	// Outline is the PDF outline (bookmarks) in reading order.
	Outline []OutlineEntry
	// PageStarts says where each page begins in the text, for the EPUB's
	// page-list; one per page.
	PageStarts []doc.PageStart
}

// OutlineEntry is one bookmark.
type OutlineEntry struct {
	Title string
	Level int // 0 for an article, 1 for its sections, …
	Page  int // index into Document.Pages
	Y     units.Sp
}

// Page is one finished page.
type Page struct {
	W, H units.Sp
	// Label is the printed folio ("7", "iii"), or the number it would have.
	Label string
	Items []Item
	// Anchors are the link targets on this page.
	Anchors []Anchor
}

// Anchor is a named place that internal links point at.
type Anchor struct {
	Name string
	Y    units.Sp
}

// Kind is the kind of an Item.
type Kind uint8

// The kinds of items.
const (
	// Text is a run of text: Text set in Face at Size, its baseline at
	// (X, Y).
	Text Kind = iota
	// Rule is a filled rectangle with top-left (X, Y), W × H.
	Rule
	// Image is a picture from file Path in the box (X, Y, W, H).
	Image
	// Link is a clickable area (X, Y, W, H) pointing at URL or, when
	// URL is empty, at the anchor Dest.
	Link
)

// Item is one thing on a page.
//
// A book holds one Item per word until it is painted, so the fields are
// ordered to leave no padding (Kind and Face share a word).
type Item struct {
	Kind Kind
	Face font.Face
	X, Y units.Sp
	W, H units.Sp
	Size units.Sp
	Text string
	Path string // Image
	URL  string // Link
	Dest string // Link: an Anchor name
}

// Dump writes d as stable text, one line per item, for golden tests.
func Dump(w io.Writer, d *Document) error {
	bw := bufio.NewWriter(w)
	p := func(format string, args ...any) { fmt.Fprintf(bw, format+"\n", args...) }
	p("document %q pages=%d", d.Meta.Title, len(d.Pages))
	for _, o := range d.Outline {
		p("outline %s%q page=%d y=%v", strings.Repeat("  ", o.Level), o.Title, o.Page, o.Y)
	}
	for i, pg := range d.Pages {
		p("page %d label=%q %v×%v", i, pg.Label, pg.W, pg.H)
		if i < len(d.PageStarts) {
			s := d.PageStarts[i]
			p("  start article=%d block=%d offset=%d", s.Article, s.Block, s.Offset)
		}
		for _, a := range pg.Anchors {
			p("  anchor %s y=%v", a.Name, a.Y)
		}
		for _, it := range pg.Items {
			switch it.Kind {
			case Text:
				p("  text %v,%v %s %v %q", it.X, it.Y, it.Face, it.Size, it.Text)
			case Rule:
				p("  rule %v,%v %v×%v", it.X, it.Y, it.W, it.H)
			case Image:
				p("  image %v,%v %v×%v %s", it.X, it.Y, it.W, it.H, it.Path)
			case Link:
				p("  link %v,%v %v×%v url=%q dest=%q", it.X, it.Y, it.W, it.H, it.URL, it.Dest)
			}
		}
	}
	return bw.Flush()
}

// Text returns the text of page i's text items in drawing order, words
// separated by spaces and lines by newlines: a quick way to read a page in
// tests.
func (p *Page) Text() string {
	var b strings.Builder
	var lastY units.Sp = -1
	for _, it := range p.Items {
		if it.Kind != Text {
			continue
		}
		if b.Len() > 0 {
			if it.Y != lastY {
				b.WriteByte('\n')
			} else {
				b.WriteByte(' ')
			}
		}
		lastY = it.Y
		b.WriteString(it.Text)
	}
	return b.String()
}
