package typeset

import (
	"strings"

	"github.com/pamphlet/pamphlet/builder/doc"
	"github.com/pamphlet/pamphlet/builder/font"
	"github.com/pamphlet/pamphlet/builder/frame"
	"github.com/pamphlet/pamphlet/builder/units"
)

// frontSetter sets the front matter the book holds (doc.Book.Front, made
// by builder/front): half-title, title page, copyright page, contents.
// Every word on these pages is the part's; the setter adds only the
// contents' page numbers and leader dots.
type frontSetter struct {
	ts *articleSetter
}

// add makes a front-matter node under the Document (or under parent).
func (fs *frontSetter) add(role string, parent int32) int32 { return fs.ts.st.add(role, parent) }

// tagged stamps els with a new node of role and returns them.
func (fs *frontSetter) tagged(role string, els []vel) []vel {
	stamp(els, fs.add(role, 0))
	return els
}

// centred returns the lines of ins set centred in face f at size.
func (fs *frontSetter) centred(ins []doc.Inline, f font.Face, size, lead units.Sp) []vel {
	s := fs.ts.style
	c := bctx{width: s.TextWidth(), size: size, lead: lead, face: f, center: true, ragged: true}
	h := &hbuilder{ts: fs.ts, ragged: true}
	h.inlines(ins, istyle{face: f, size: size})
	return fs.ts.linesToVels(h, fs.ts.balance(h, c), doc.Pos{}, nil)
}

// balance narrows a centred display (a title, a subtitle) to the least
// width that sets it in as many lines as the full measure does, so that
// its lines come out of even length ("2+2 dialogue between / India and
// the US", not "2+2 dialogue between India and / the US"), and keeps it
// centred on the measure.
func (ts *articleSetter) balance(h *hbuilder, c bctx) bctx {
	full, _ := ts.breakLines(h, func(int) units.Sp { return c.width })
	if len(full) < 2 {
		return c
	}
	lo, hi := c.width/2, c.width
	for hi-lo > units.Pt {
		mid := (lo + hi) / 2
		lines, res := ts.breakLines(h, func(int) units.Sp { return mid })
		if len(lines) <= len(full) && res.Overfull == 0 {
			hi = mid
		} else {
			lo = mid
		}
	}
	c.left += (c.width - hi) / 2
	c.width = hi
	return c
}

func stack(els []vel, y units.Sp, p *bodyPage, ts *articleSetter) units.Sp {
	for _, e := range els {
		ts.place(p, e, y)
		y += e.h
	}
	return y
}

// frontPart returns the book's front-matter part p, or nil.
func frontPart(b *doc.Book, p doc.Part) *doc.Article {
	for _, a := range b.Front {
		if a != nil && a.Part == p {
			return a
		}
	}
	return nil
}

// paras returns the paragraphs of a front-matter part by class.
func paras(a *doc.Article) map[string]*doc.Para {
	m := map[string]*doc.Para{}
	for _, blk := range a.Blocks {
		if p, ok := blk.(*doc.Para); ok && p.Class != "" {
			m[p.Class] = p
		}
	}
	return m
}

// heading returns a part's first heading, or nil.
func heading(a *doc.Article) *doc.Heading {
	for _, blk := range a.Blocks {
		if h, ok := blk.(*doc.Heading); ok {
			return h
		}
	}
	return nil
}

// halfTitle returns the half-title (the book's title alone, a third of
// the way down the first recto) and the blank verso behind it.
func (fs *frontSetter) halfTitle(part *doc.Article) []bodyPage {
	s := fs.ts.style
	var p bodyPage
	p.opening = true
	if t := paras(part)["halftitle"]; t != nil {
		stack(fs.tagged("P", fs.centred(t.Inlines, font.Italic, s.H2, s.H2*14/10)), s.TextHeight()/4, &p, fs.ts)
	}
	return []bodyPage{p, {opening: true, blank: true}}
}

// titlePage returns the title page: the title a fifth of the way down,
// the subtitle and the authors below it, the publisher at the foot.
func (fs *frontSetter) titlePage(part *doc.Article) bodyPage {
	s := fs.ts.style
	ps := paras(part)
	var title bodyPage
	title.opening = true
	y := s.TextHeight() / 5
	if h := heading(part); h != nil {
		title.outline = []frame.OutlineEntry{{Title: doc.PlainText(h.Inlines), Level: 0}}
		y = stack(fs.tagged("H1", fs.centred(h.Inlines, font.Bold, s.Title*13/10, s.Title*16/10)), y, &title, fs.ts)
	}
	if p := ps["subtitle"]; p != nil {
		y += s.Leading / 2
		y = stack(fs.tagged("P", fs.centred(p.Inlines, font.Italic, s.H2, s.H2*14/10)), y, &title, fs.ts)
	}
	if p := ps["authors"]; p != nil {
		y += s.Leading * 3
		stack(fs.tagged("P", fs.centred(p.Inlines, font.Regular, s.H2, s.H2*14/10)), y, &title, fs.ts)
	}
	if p := ps["publisher"]; p != nil {
		els := fs.tagged("P", fs.centred(p.Inlines, font.Regular, s.FontSize, s.Leading))
		stack(els, s.TextHeight()-units.Sp(len(els))*s.Leading, &title, fs.ts)
	}
	return title
}

// colophon returns the copyright page: the book's particulars, each a
// paragraph of the part, in small type at the foot of the page.
func (fs *frontSetter) colophon(part *doc.Article) bodyPage {
	s := fs.ts.style
	var copy bodyPage
	copy.opening = true
	size := s.FontSize * 85 / 100
	lead := s.Leading * 85 / 100
	c := bctx{width: s.TextWidth(), size: size, lead: lead, face: font.Regular, ragged: true}
	var els []vel
	for _, blk := range part.Blocks {
		p, ok := blk.(*doc.Para)
		if !ok {
			continue
		}
		h := &hbuilder{ts: fs.ts, ragged: true}
		h.inlines(p.Inlines, istyle{face: font.Regular, size: size})
		els = append(els, fs.tagged("P", fs.ts.linesToVels(h, c, doc.Pos{}, nil))...)
		els = append(els, vel{h: lead / 2})
	}
	var total units.Sp
	for _, e := range els {
		total += e.h
	}
	stack(els, max(s.TextHeight()-total, 0), &copy, fs.ts)
	return copy
}

// contents sets the table of contents of part: its heading, then one
// entry per article, leader dots to the page number that page gives its
// link's target, the whole entry a link, and the article's byline under
// it when the part gives one.
func (fs *frontSetter) contents(part *doc.Article, page map[string]string) []bodyPage {
	s := fs.ts.style
	els := []vel{{h: s.TextHeight() / 8, brk: inf}}
	if h := heading(part); h != nil {
		head := fs.tagged("H1", fs.centred(h.Inlines, font.Regular, s.H2, s.H2*14/10))
		if len(head) > 0 {
			head[0].outline = []frame.OutlineEntry{{Title: doc.PlainText(h.Inlines), Level: 0}}
		}
		els = append(els, head...)
	}
	els = append(els, vel{h: s.Leading, brk: inf})
	toc := fs.add("TOC", 0)
	for _, blk := range part.Blocks {
		list, ok := blk.(*doc.List)
		if !ok {
			continue
		}
		for _, it := range list.Items {
			els = append(els, fs.entry(it, toc, page)...)
		}
	}
	pages := fs.ts.paginate(els)
	for i := range pages {
		pages[i].opening = true
	}
	return pages
}

// entry sets one item of the contents: the title of the article its
// "entry" paragraph links to, hanging, then the leader dots and the page
// number on its last line.
func (fs *frontSetter) entry(it *doc.ListItem, toc int32, page map[string]string) []vel {
	s := fs.ts.style
	var link *doc.Link
	var byline *doc.Para
	for _, blk := range it.Blocks {
		p, ok := blk.(*doc.Para)
		if !ok {
			continue
		}
		switch p.Class {
		case "entry":
			for _, in := range p.Inlines {
				if l, ok := in.(*doc.Link); ok && l.Internal {
					link = l
				}
			}
		case "byline":
			byline = p
		}
	}
	if link == nil {
		return nil
	}
	num := page[link.TargetArticle]
	dotW := fs.ts.fonts.Width(font.Regular, s.FontSize, ". ")
	pw := fs.ts.fonts.Width(font.Regular, s.FontSize, num)
	numW := fs.ts.fonts.Width(font.Regular, s.FontSize, "000")
	c := bctx{width: s.TextWidth() - numW - 2*dotW, size: s.FontSize, lead: s.Leading, face: font.Regular, ragged: true}
	h := &hbuilder{ts: fs.ts, ragged: true}
	h.inlines(link.Inlines, istyle{face: font.Regular, size: s.FontSize})
	lines := fs.ts.linesToVels(h, c, doc.Pos{}, nil)
	if len(lines) == 0 {
		return nil
	}
	// Each entry is a TOCI whose text is a Link to the article; the
	// leader dots are an artifact.
	item := fs.add("TOCI", toc)
	ln := fs.add("Link", item)
	stamp(lines, ln)
	// Hang the continuation lines, and put the dots and the number on
	// the last. A right-to-left title stands at the right margin, its
	// number at the left.
	rtl := h.rtl
	hang(lines, s.TextWidth()-c.width, s.FontSize, rtl)
	lines[0].brk = 0
	last := &lines[len(lines)-1]
	end, start := units.Sp(0), s.TextWidth()
	for _, it := range last.items {
		end = max(end, it.X+it.W)
		start = min(start, it.X)
	}
	base := fs.ts.base(c)
	numX := s.TextWidth() - pw
	// Leader dots on a fixed grid, so that they line up from line to
	// line as a typographer sets them.
	var dots strings.Builder
	x0 := (end/dotW + 1) * dotW
	lo, hi := x0, numX-dotW/2
	if rtl {
		numX = 0
		x0 = ((pw+dotW/2)/dotW + 1) * dotW
		lo, hi = x0, start-dotW/2
	}
	n := 0
	for x := lo; x+dotW <= hi; x += dotW {
		dots.WriteString(". ")
		n++
	}
	if n > 0 {
		last.items = append(last.items, frame.Item{Kind: frame.Text, X: x0, Y: base, W: units.Sp(n) * dotW, Face: font.Regular, Size: s.FontSize, Text: strings.TrimSpace(dots.String())})
	}
	if num != "" {
		last.items = append(last.items, frame.Item{Kind: frame.Text, X: numX, Y: base, W: pw, Face: font.Regular, Size: s.FontSize, Text: num, Node: ln})
	}
	dest := anchorName(link.TargetArticle, "")
	for i := range lines {
		lines[i].items = append(lines[i].items, frame.Item{Kind: frame.Link, X: 0, Y: 0, W: s.TextWidth(), H: lines[i].h, Dest: dest, Node: ln})
	}
	if byline != nil {
		// The byline hangs under the title, in italic, without a
		// number: part of the entry, not of its link.
		bc := bctx{width: s.TextWidth() - numW - 2*dotW - s.FontSize, size: s.FontSize, lead: s.Leading, face: font.Italic, ragged: true}
		bh := &hbuilder{ts: fs.ts, ragged: true}
		bh.inlines(byline.Inlines, istyle{face: font.Italic, size: s.FontSize})
		by := fs.ts.linesToVels(bh, bc, doc.Pos{}, nil)
		stamp(by, fs.add("P", item))
		for i := range by {
			by[i].brk = inf
			for k := range by[i].items {
				if bh.rtl {
					by[i].items[k].X += s.TextWidth() - bc.width - s.FontSize
				} else {
					by[i].items[k].X += s.FontSize
				}
			}
		}
		lines = append(lines, by...)
	}
	return append(lines, vel{h: s.Leading / 4, space: true})
}

// hang indents the lines of a contents entry after the first by indent,
// from the right for a right-to-left entry, which also moves right by
// shift: its lines were set in a measure shift narrower than the page's,
// and stand against the right margin.
func hang(lines []vel, shift, indent units.Sp, rtl bool) {
	for i := range lines {
		lines[i].brk = inf
		for k := range lines[i].items {
			it := &lines[i].items[k]
			switch {
			case rtl && i > 0:
				it.X += shift - indent
			case rtl:
				it.X += shift
			case i > 0:
				it.X += indent
			}
		}
	}
}
