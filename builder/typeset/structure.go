package typeset

import (
	"slices"
	"strconv"
	"strings"

	"github.com/pamphlet/pamphlet/builder/doc"
	"github.com/pamphlet/pamphlet/builder/frame"
)

// The logical structure (a tagged PDF's structure tree) is a function of
// the document, not of the layout: before an article is laid out, every
// block, list item, table cell, note and link gets its node, and the
// layout stamps each item it makes with the node of what it sets. A
// paragraph set twice (a trial at another looseness) points at the same
// node both times, and the tree keeps the document's reading order
// whatever the pages do (notes at the foot of pages, running heads
// between them, right-to-left lines).

// structure holds an article's nodes while it is laid out. Node ids are
// local and 1-based (0 is "no node": an artifact); assemble renumbers
// them into the book's list.
type structure struct {
	nodes []frame.Node // nodes[0] is unused
	of    map[any]int32
	// lbl is the node of each list item's label (its bullet or number).
	lbl map[*doc.ListItem]int32
	// title, sub and byline are the nodes of the article's opening.
	title, sub, byline, source int32
}

func (st *structure) add(role string, parent int32) int32 {
	st.nodes = append(st.nodes, frame.Node{Role: role, Parent: parent})
	return int32(len(st.nodes) - 1)
}

// node returns the node of a document element, 0 when it has none.
func (ts *articleSetter) node(x any) int32 {
	if ts.st == nil {
		return 0
	}
	return ts.st.of[x]
}

// buildStructure makes the nodes of ts.art: one Sect with the title as
// H1, the blocks, then the notes. lang is the book's language; the Sect
// carries the article's own when it differs.
func (ts *articleSetter) buildStructure(b *doc.Book) {
	lang := b.Meta.Lang
	st := &structure{nodes: make([]frame.Node, 1, 64), of: map[any]int32{}, lbl: map[*doc.ListItem]int32{}}
	ts.st = st
	a := ts.art
	sect := st.add("Sect", 0)
	if a.Meta.Lang != "" && !strings.EqualFold(a.Meta.Lang, lang) {
		st.nodes[sect].Lang = a.Meta.Lang
	}
	st.title = st.add("H1", sect)
	if a.Meta.Subtitle != "" {
		st.sub = st.add("P", sect)
	}
	// The byline and source lines, when the opening prints them (see
	// opening).
	if len(a.Meta.Authors) > 0 && !slices.Equal(a.Meta.Authors, b.Meta.Authors) || a.Meta.Date != "" {
		st.byline = st.add("P", sect)
	}
	if a.Meta.Source != "" {
		st.source = st.add("P", sect)
	}
	for _, b := range a.Blocks {
		ts.structBlock(b, sect)
	}
	for _, n := range a.Notes {
		id := st.add("Note", sect)
		st.of[n] = id
		for _, b := range n.Blocks {
			ts.structBlock(b, id)
		}
	}
}

func (ts *articleSetter) structBlock(b doc.Block, parent int32) {
	st := ts.st
	switch n := b.(type) {
	case *doc.Para:
		id := st.add("P", parent)
		st.of[n] = id
		ts.structInlines(n.Inlines, id)
	case *doc.Heading:
		// Level 1 inside an article is set as level 2 (the article's
		// title is its H1).
		id := st.add("H"+strconv.Itoa(min(max(n.Level, 2), 6)), parent)
		st.of[n] = id
		ts.structInlines(n.Inlines, id)
	case *doc.List:
		l := st.add("L", parent)
		st.of[n] = l
		for _, it := range n.Items {
			li := st.add("LI", l)
			st.of[it] = li
			st.lbl[it] = st.add("Lbl", li)
			body := st.add("LBody", li)
			for _, b := range it.Blocks {
				ts.structBlock(b, body)
			}
		}
	case *doc.Quote:
		id := st.add("BlockQuote", parent)
		st.of[n] = id
		for _, b := range n.Blocks {
			ts.structBlock(b, id)
		}
	case *doc.CodeBlock:
		// A block of code is a paragraph of Code (PDF 1.7 has Code as
		// an inline element only).
		p := st.add("P", parent)
		st.of[n] = st.add("Code", p)
	case *doc.Figure:
		id := st.add("Figure", parent)
		st.of[n] = id
		if n.Image != nil {
			st.nodes[id].Alt = n.Image.Alt
		}
		if len(n.Caption) > 0 {
			c := st.add("Caption", parent)
			st.of[&n.Caption] = c
			ts.structInlines(n.Caption, c)
		}
	case *doc.Table:
		t := st.add("Table", parent)
		st.of[n] = t
		if len(n.Head) > 0 {
			head := st.add("THead", t)
			for _, r := range n.Head {
				tr := st.add("TR", head)
				for _, c := range r {
					id := st.add("TH", tr)
					st.nodes[id].Scope = "Column"
					st.of[c] = id
					ts.structInlines(c.Inlines, id)
				}
			}
		}
		body := st.add("TBody", t)
		for _, r := range n.Rows {
			tr := st.add("TR", body)
			for _, c := range r {
				id := st.add("TD", tr)
				st.of[c] = id
				ts.structInlines(c.Inlines, id)
			}
		}
	}
}

// structInlines gives each link and note reference a Link node inside
// its block; inline images are Figures.
func (ts *articleSetter) structInlines(ins []doc.Inline, parent int32) {
	st := ts.st
	for _, in := range ins {
		switch n := in.(type) {
		case *doc.Link:
			id := st.add("Link", parent)
			st.of[n] = id
			ts.structInlines(n.Inlines, id)
		case *doc.NoteRef:
			st.of[n] = st.add("Link", parent)
		case *doc.Emph:
			ts.structInlines(n.Inlines, parent)
		case *doc.Strong:
			ts.structInlines(n.Inlines, parent)
		case *doc.Strike:
			ts.structInlines(n.Inlines, parent)
		case *doc.SmallCaps:
			ts.structInlines(n.Inlines, parent)
		case *doc.Sup:
			ts.structInlines(n.Inlines, parent)
		case *doc.Sub:
			ts.structInlines(n.Inlines, parent)
		case *doc.Image:
			id := st.add("Figure", parent)
			st.nodes[id].Alt = n.Alt
			st.of[n] = id
		}
	}
}

// stamp sets the node of every text and image item of els that has
// none yet: the content of a block made outside a paragraph.
func stamp(els []vel, node int32) {
	for i := range els {
		for j := range els[i].items {
			it := &els[i].items[j]
			if it.Node == 0 && (it.Kind == frame.Text || it.Kind == frame.Image || it.Kind == frame.Link) {
				it.Node = node
			}
		}
	}
}

// mergeNodes appends the nodes of st (an article's or the front
// matter's) to d's, under the Document, and returns the offset that turns
// st's local ids into d's: global = local + offset.
func mergeNodes(d *frame.Document, st *structure) int32 {
	off := int32(len(d.Nodes)) - 1
	if st == nil {
		return off
	}
	for _, n := range st.nodes[1:] {
		if n.Parent > 0 {
			n.Parent += off
		} else {
			n.Parent = 0
		}
		d.Nodes = append(d.Nodes, n)
	}
	return off
}

// renumber turns the local node ids of a page's items into the book's.
func renumber(pg *frame.Page, off int32) {
	for i := range pg.Items {
		if pg.Items[i].Node > 0 {
			pg.Items[i].Node += off
		}
	}
}
