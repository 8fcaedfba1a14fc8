package typeset

import (
	"strings"

	"github.com/pamphlet/pamphlet/builder/doc"
	"github.com/pamphlet/pamphlet/builder/font"
	"github.com/pamphlet/pamphlet/builder/frame"
	"github.com/pamphlet/pamphlet/builder/units"
)

// frontSetter sets the front matter: title page, copyright page, contents.
type frontSetter struct {
	ts   *articleSetter
	book *doc.Book
}

type tocEntry struct {
	title, page, dest string
}

// add makes a front-matter node under the Document (or under parent).
func (fs *frontSetter) add(role string, parent int32) int32 { return fs.ts.st.add(role, parent) }

// tagged stamps els with a new node of role and returns them.
func (fs *frontSetter) tagged(role string, els []vel) []vel {
	stamp(els, fs.add(role, 0))
	return els
}

// centred returns the lines of text set centred in face f at size.
func (fs *frontSetter) centred(text string, f font.Face, size, lead units.Sp) []vel {
	s := fs.ts.style
	c := bctx{width: s.TextWidth(), size: size, lead: lead, face: f, center: true, ragged: true}
	h := &hbuilder{ts: fs.ts, ragged: true}
	h.inlines([]doc.Inline{&doc.Text{Value: text}}, istyle{face: f, size: size})
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

// halfTitle returns the half-title (the book's title alone, a third of
// the way down the first recto) and the blank verso behind it.
func (fs *frontSetter) halfTitle() []bodyPage {
	s := fs.ts.style
	var p bodyPage
	p.opening = true
	stack(fs.tagged("P", fs.centred(orDefault(fs.book.Meta.Title, "Untitled"), font.Italic, s.H2, s.H2*14/10)), s.TextHeight()/4, &p, fs.ts)
	return []bodyPage{p, {opening: true, blank: true}}
}

// titlePages returns the title page and the copyright page behind it.
func (fs *frontSetter) titlePages() []bodyPage {
	s := fs.ts.style
	m := fs.book.Meta
	var title bodyPage
	title.opening = true
	title.outline = []frame.OutlineEntry{{Title: orDefault(m.Title, "Title"), Level: 0}}
	y := s.TextHeight() / 5
	y = stack(fs.tagged("H1", fs.centred(orDefault(m.Title, "Untitled"), font.Bold, s.Title*13/10, s.Title*16/10)), y, &title, fs.ts)
	if m.Subtitle != "" {
		y += s.Leading / 2
		y = stack(fs.tagged("P", fs.centred(m.Subtitle, font.Italic, s.H2, s.H2*14/10)), y, &title, fs.ts)
	}
	if len(m.Authors) > 0 {
		y += s.Leading * 3
		stack(fs.tagged("P", fs.centred(joinNames(m.Authors), font.Regular, s.H2, s.H2*14/10)), y, &title, fs.ts)
	}
	if m.Publisher != "" {
		els := fs.tagged("P", fs.centred(m.Publisher, font.Regular, s.FontSize, s.Leading))
		stack(els, s.TextHeight()-units.Sp(len(els))*s.Leading, &title, fs.ts)
	}
	// Copyright page: the book's particulars at the foot of the verso.
	var copy bodyPage
	copy.opening = true
	var lines []string
	line := orDefault(m.Title, "Untitled")
	if len(m.Authors) > 0 {
		line += " by " + joinNames(m.Authors)
	}
	lines = append(lines, line)
	if m.Publisher != "" {
		lines = append(lines, "Published by "+m.Publisher+".")
	}
	if m.Date != "" {
		lines = append(lines, "Date: "+m.Date)
	}
	if m.Rights != "" {
		lines = append(lines, m.Rights)
	}
	if m.Identifier != "" {
		lines = append(lines, m.Identifier)
	}
	lines = append(lines, "Set in "+fs.ts.fonts.Name(font.Regular)+".")
	size := s.FontSize * 85 / 100
	lead := s.Leading * 85 / 100
	c := bctx{width: s.TextWidth(), size: size, lead: lead, face: font.Regular, ragged: true}
	var els []vel
	for _, l := range lines {
		h := &hbuilder{ts: fs.ts, ragged: true}
		h.inlines([]doc.Inline{&doc.Text{Value: l}}, istyle{face: font.Regular, size: size})
		els = append(els, fs.tagged("P", fs.ts.linesToVels(h, c, doc.Pos{}, nil))...)
		els = append(els, vel{h: lead / 2})
	}
	var total units.Sp
	for _, e := range els {
		total += e.h
	}
	stack(els, max(s.TextHeight()-total, 0), &copy, fs.ts)
	return []bodyPage{title, copy}
}

// contents sets the table of contents: one line per article, leader dots
// to its page number, the whole line a link.
func (fs *frontSetter) contents(entries []tocEntry) []bodyPage {
	s := fs.ts.style
	head := fs.tagged("H1", fs.centred("Contents", font.Regular, s.H2, s.H2*14/10))
	toc := fs.add("TOC", 0)
	els := []vel{{h: s.TextHeight() / 8, brk: inf}}
	head[0].outline = []frame.OutlineEntry{{Title: "Contents", Level: 0}}
	els = append(els, head...)
	els = append(els, vel{h: s.Leading, brk: inf})
	dotW := fs.ts.fonts.Width(font.Regular, s.FontSize, ". ")
	for _, e := range entries {
		pw := fs.ts.fonts.Width(font.Regular, s.FontSize, e.page)
		numW := fs.ts.fonts.Width(font.Regular, s.FontSize, "000")
		c := bctx{width: s.TextWidth() - numW - 2*dotW, size: s.FontSize, lead: s.Leading, face: font.Regular, ragged: true}
		h := &hbuilder{ts: fs.ts, ragged: true}
		h.inlines([]doc.Inline{&doc.Text{Value: e.title}}, istyle{face: font.Regular, size: s.FontSize})
		lines := fs.ts.linesToVels(h, c, doc.Pos{}, nil)
		if len(lines) == 0 {
			continue
		}
		// Each entry is a TOCI whose text is a Link to the article; the
		// leader dots are an artifact.
		item := fs.add("TOCI", toc)
		link := fs.add("Link", item)
		stamp(lines, link)
		// Hang the continuation lines, and put the dots and the number
		// on the last.
		for i := range lines {
			if i > 0 {
				for k := range lines[i].items {
					lines[i].items[k].X += s.FontSize
				}
			}
			lines[i].brk = inf
		}
		lines[0].brk = 0
		last := &lines[len(lines)-1]
		var end units.Sp
		for _, it := range last.items {
			end = max(end, it.X+it.W)
		}
		base := fs.ts.base(c)
		numX := s.TextWidth() - pw
		// Leader dots on a fixed grid, so that they line up from line
		// to line as a typographer sets them.
		var dots strings.Builder
		x0 := (end/dotW + 1) * dotW
		n := 0
		for x := x0; x+dotW <= numX-dotW/2; x += dotW {
			dots.WriteString(". ")
			n++
		}
		if n > 0 {
			last.items = append(last.items, frame.Item{Kind: frame.Text, X: x0, Y: base, W: units.Sp(n) * dotW, Face: font.Regular, Size: s.FontSize, Text: strings.TrimSpace(dots.String())})
		}
		last.items = append(last.items, frame.Item{Kind: frame.Text, X: numX, Y: base, W: pw, Face: font.Regular, Size: s.FontSize, Text: e.page, Node: link})
		for i := range lines {
			lines[i].items = append(lines[i].items, frame.Item{Kind: frame.Link, X: 0, Y: 0, W: s.TextWidth(), H: lines[i].h, Dest: e.dest, Node: link})
		}
		els = append(els, lines...)
		els = append(els, vel{h: s.Leading / 4, space: true})
	}
	pages := fs.ts.paginate(els)
	for i := range pages {
		pages[i].opening = true
	}
	return pages
}

func orDefault(s, def string) string {
	if strings.TrimSpace(s) == "" {
		return def
	}
	return s
}
