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
	// RTL is set for a book read right to left: it is bound on the
	// right, so its first page is a left-hand page and a viewer shows
	// its spreads right to left.
	RTL bool
	// Nodes is the book's logical structure, what a tagged PDF's
	// structure tree holds: Nodes[0] is the Document, every other node
	// names its parent, and nodes come in reading order (a parent before
	// its children, siblings in order). Items point into it.
	Nodes []Node
}

// Node is one element of the logical structure: a heading, a paragraph,
// a list item, a table cell, a note, a link.
type Node struct {
	// Role is the standard structure type of PDF 1.7 (14.8.4): Document,
	// Sect, H1…H6, P, BlockQuote, L, LI, Lbl, LBody, Table, THead,
	// TBody, TR, TH, TD, Figure, Caption, Note, Link, TOC, TOCI, Code,
	// Title.
	Role string
	// Parent is the index of the parent node; the Document's is -1.
	Parent int32
	// Lang is the element's language when it differs from its
	// parent's (BCP 47).
	Lang string
	// Alt is a figure's alternative description.
	Alt string
	// Scope is a header cell's scope: "Column" or "Row".
	Scope string
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

// Flags mark text items of words broken across lines, and images that
// fill their box.
type Flags uint8

const (
	// Hyphenated marks a text item whose last character is a hyphen
	// added where the word breaks at the end of its line: not part of
	// the text, so a reader's copy and a screen reader leave it out.
	Hyphenated Flags = 1 << iota
	// Continues marks the text item that continues, at the start of a
	// line, the word hyphenated at the end of the line before.
	Continues
	// Cover marks an image that fills its box keeping its proportions:
	// scaled until it covers the box, centred, and cut to it (CSS's
	// object-fit: cover). Without it an image is scaled to the box.
	Cover
)

// Item is one thing on a page.
//
// A book holds one Item per word until it is painted, so the fields are
// ordered to leave no padding (Kind and Face share a word).
type Item struct {
	Kind  Kind
	Face  font.Face
	Flags Flags
	// Expand is a text item's font expansion: its glyphs are drawn
	// (1 + Expand/ExpandSteps) times as wide as designed, and W is that
	// drawn width. 0 for type as designed.
	Expand int8
	// Node is the structure element (an index into Document.Nodes) whose
	// content the item is; 0 marks an artifact (running heads, folios,
	// rules), which a screen reader skips.
	Node int32
	X, Y units.Sp
	W, H units.Sp
	Size units.Sp
	Text string
	Path string // Image
	URL  string // Link
	Dest string // Link: an Anchor name
}

// ExpandSteps is the number of steps of Item.Expand in the glyphs' width:
// a step is 0.02%, so that ±2% fits an int8 with room to spare.
const ExpandSteps = 5000

// HScale returns the horizontal scale of a text item's glyphs: 1 for
// type as designed.
func (it *Item) HScale() float64 { return 1 + float64(it.Expand)/ExpandSteps }

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
				if it.Node != 0 || it.Flags != 0 || it.Expand != 0 {
					p("  text %v,%v %s %v %q n=%d%s%s", it.X, it.Y, it.Face, it.Size, it.Text, it.Node, flagString(it.Flags), expandString(it.Expand))
					continue
				}
				p("  text %v,%v %s %v %q", it.X, it.Y, it.Face, it.Size, it.Text)
			case Rule:
				p("  rule %v,%v %v×%v", it.X, it.Y, it.W, it.H)
			case Image:
				p("  image %v,%v %v×%v %s%s", it.X, it.Y, it.W, it.H, it.Path, flagString(it.Flags))
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

// DumpStructure writes d's structure tree as indented text, each element
// with the text of its items in page order: what a screen reader would
// read, for golden tests.
func DumpStructure(w io.Writer, d *Document) error {
	bw := bufio.NewWriter(w)
	text := make([][]string, len(d.Nodes))
	for _, pg := range d.Pages {
		for _, it := range pg.Items {
			if it.Kind == Text && it.Node > 0 && int(it.Node) < len(d.Nodes) {
				text[it.Node] = append(text[it.Node], it.Text)
			}
		}
	}
	kids := make([][]int, len(d.Nodes))
	for i, n := range d.Nodes {
		if i > 0 && n.Parent >= 0 && int(n.Parent) < i {
			kids[n.Parent] = append(kids[n.Parent], i)
		}
	}
	var walk func(i, depth int)
	walk = func(i, depth int) {
		n := d.Nodes[i]
		fmt.Fprintf(bw, "%s%s", strings.Repeat("  ", depth), n.Role)
		if n.Lang != "" {
			fmt.Fprintf(bw, " lang=%s", n.Lang)
		}
		if n.Scope != "" {
			fmt.Fprintf(bw, " scope=%s", n.Scope)
		}
		if n.Alt != "" {
			fmt.Fprintf(bw, " alt=%q", n.Alt)
		}
		if len(text[i]) > 0 {
			t := strings.Join(text[i], " ")
			if r := []rune(t); len(r) > 60 {
				t = string(r[:60]) + "…"
			}
			fmt.Fprintf(bw, " %q", t)
		}
		bw.WriteByte('\n')
		for _, k := range kids[i] {
			walk(k, depth+1)
		}
	}
	if len(d.Nodes) > 0 {
		walk(0, 0)
	}
	return bw.Flush()
}

func flagString(f Flags) string {
	s := ""
	if f&Hyphenated != 0 {
		s += " hyphenated"
	}
	if f&Continues != 0 {
		s += " continues"
	}
	if f&Cover != 0 {
		s += " cover"
	}
	return s
}

// expandString shows a text item's expansion in the dump, nothing when
// there is none.
func expandString(e int8) string {
	if e == 0 {
		return ""
	}
	return fmt.Sprintf(" expand=%d", e)
}

// CoverRect returns where an image of iw×ih pixels is drawn to fill the
// box (x, y, w, h) as Cover asks: the rectangle, as large as the box or
// larger, centred on it, that keeps the image's proportions. Painters
// clip it to the box.
func CoverRect(x, y, w, h units.Sp, iw, ih int) (cx, cy, cw, ch units.Sp) {
	if iw <= 0 || ih <= 0 || w <= 0 || h <= 0 {
		return x, y, w, h
	}
	// Wider than the box, proportionally: fit the height, cut the sides.
	if float64(iw)*float64(h) > float64(ih)*float64(w) {
		cw = units.Sp(float64(h) * float64(iw) / float64(ih))
		return x - (cw-w)/2, y, cw, h
	}
	ch = units.Sp(float64(w) * float64(ih) / float64(iw))
	return x, y - (ch-h)/2, w, ch
}
