package typeset

import (
	"math"

	"github.com/pamphlet/pamphlet/builder/doc"
	"github.com/pamphlet/pamphlet/builder/frame"
	"github.com/pamphlet/pamphlet/builder/units"
)

// Costs of page breaks, in the spirit of TeX's page builder (The TeXbook,
// ch. 15): a page's badness grows with the cube of how far its spaces
// must stretch to reach the foot of the text block; a page too short for
// its stretch costs holeBad plus holePerLine for each line of hole, so
// that a shallower hole always wins; splitting a footnote costs
// splitNote, and leaving one line alone on an article's last page is
// forbidden unless nothing else fits.
const (
	holeBad     = 10000
	holePerLine = 1000
	splitNote   = 3000
	lonelyLine  = 1000000
)

// pageFrame is what pages are filled to. The body's height is a whole
// number of lines, so that a page of plain text and a page with headings
// or notes end on the same baseline: the last line of every full page,
// body or note, sits on the block's last baseline, and facing pages line
// up (TeX's \textheight = n·\baselineskip + \topskip).
type pageFrame struct {
	// h is the height filled: the body's lines that the text block holds.
	h units.Sp
	// noteFoot is where the box of the last note line ends: its baseline
	// is then the body's last baseline, though notes are set smaller.
	noteFoot units.Sp
	// sep is the room left above the notes for their rule.
	sep  units.Sp
	lead units.Sp
}

// pageFrame returns the article's page frame: its body leading (the
// script's, see articleLeading) fixes the grid.
func (ts *articleSetter) pageFrame() pageFrame {
	s := ts.style
	lead := ts.articleLeading()
	pf := pageFrame{h: s.TextHeight(), sep: lead, lead: lead}
	if lead > 0 && s.TextHeight() >= lead {
		pf.h = s.TextHeight() / lead * lead
	}
	// The note context of layout: 82% of the body's size and leading.
	body := ts.base(bctx{size: s.FontSize, lead: lead})
	note := ts.base(bctx{size: s.FontSize * 82 / 100, lead: lead * 82 / 100})
	pf.noteFoot = min(pf.h-lead+body+lead*82/100-note, pf.h)
	return pf
}

// pageFit is one way to end a page.
type pageFit struct {
	end       int   // the page holds els[start:end], but for the floats in skip
	notes     []vel // note lines set at the foot
	carry     []vel // note lines continued on the next page
	shortfall units.Sp
	stretch   units.Sp
	cost      int
	ok        bool
	// skip holds the figures (index of their first element and count)
	// passed over because they did not fit below the text: they go to
	// the top of the next page, and the text goes on filling this one.
	skip []floatSpan
}

// floatSpan is a figure's run of elements.
type floatSpan struct{ at, n int }

// pageState is how a page was laid.
type pageState struct {
	// ok is false for a page that passed a figure over: it is not laid
	// again.
	ok       bool
	start    int
	pre      []vel
	carryIn  []vel
	fit      pageFit
	justify  bool
	startPos doc.PageStart
}

// paginator breaks one article's elements into pages.
type paginator struct {
	ts    *articleSetter
	pf    pageFrame
	els   []vel
	pages []bodyPage
	// trials caches the paragraphs set again at another length, by
	// paragraph and number of lines.
	trials map[trialKey]trial
	// natural is each re-set paragraph's number of lines as first set.
	natural map[*paraSrc]int
	// hist says how each page of pages was laid: where its body began
	// and how it was fitted, so that a paragraph on it can be set again
	// and the page laid anew (see balance.go).
	hist []pageState
	// sink says that els[0] is the article's opening sink (see
	// opening), which balancing may deepen or raise by a line.
	sink bool
	// minLast is the shortest last line a paragraph set again may end
	// in (see trial).
	minLast units.Sp
	// compensate sets a later paragraph a line shorter for each line a
	// balancing move adds (see compensateAfter).
	compensate bool
}

// paginate breaks an article's elements, its opening first, into pages. At every allowed
// break it weighs the page that would result (how much hole its spaces
// must fill, whether a footnote must be split) and takes the cheapest,
// the latest of equals, as TeX does; a page that would still end short
// is then balanced (see balance.go) and pages other than an article's
// last are justified to a flush bottom by stretching their spaces.
// Footnotes go at the foot of the page that cites them; a note too long
// for the space left starts there and continues on the next page.
//
// A paragraph set again must end in a line two indents long, or it
// reads as a gap rather than a line. When that leaves pages short, the
// article is paginated again allowing an indent and a half (the
// settings a line longer that end in a short word), and if pages are
// still short, a third time also compensating each line a balancing move
// adds with a paragraph near the article's end set a line shorter (a
// page filled early makes the article a line longer, which may take a
// page of its own at the end). A later pagination is taken when it
// leaves fewer pages short without adding a page.
func (ts *articleSetter) paginate(els []vel) []bodyPage {
	// The tries share the paragraphs set again: a setting does not
	// depend on the try (trial applies minLast).
	trials, natural := map[trialKey]trial{}, map[*paraSrc]int{}
	newPaginator := func(minLast units.Sp, compensate bool) *paginator {
		return &paginator{ts: ts, pf: ts.pageFrame(), els: els, trials: trials, natural: natural, sink: true, minLast: minLast, compensate: compensate}
	}
	p := newPaginator(ts.style.Indent*2, false)
	pages := p.run()
	short := p.shortPages()
	if short == 0 || ts.style.Indent <= 0 {
		return pages
	}
	for _, compensate := range []bool{false, true} {
		q := newPaginator(ts.style.Indent*3/2, compensate)
		if alt := q.run(); len(alt) <= len(pages) {
			if n := q.shortPages(); n < short {
				pages, short = alt, n
			}
		}
		if short == 0 {
			break
		}
	}
	return pages
}

// shortPages counts the pages laid that end a line or more short, the
// article's last page aside.
func (p *paginator) shortPages() int {
	n := 0
	for q := 0; q+1 < len(p.hist); q++ {
		if p.holeLines(p.hist[q].fit) > 0 {
			n++
		}
	}
	return n
}

func (p *paginator) run() []bodyPage {
	var carry []vel
	i := 0
	balanced := -1 // the page start at which the page was last balanced
	for {
		for i < len(p.els) && p.els[i].space {
			i++
		}
		if i >= len(p.els) && len(carry) == 0 {
			break
		}
		pre := p.pre(i)
		best := p.scan(p.els, i, pre, carry)
		if best.ok && balanced != i {
			balanced = i
			if els, ok := p.balance(i, pre, carry, best); ok {
				p.els = els
				continue
			}
			// The page itself cannot be filled: set the last page
			// again so that this one starts a line earlier or later.
			if h := p.holeLines(best); h > 0 && best.end < len(p.els) {
				if els, next, c, ok := p.reflow(i, h); ok {
					p.els, i, carry = els, next, c
					continue
				}
			}
		}
		if !best.ok {
			// Nothing fits (an element taller than the page, or notes
			// that cannot start here): take the first element and as
			// much of the notes as the page holds.
			best = p.forcePage(i, carry)
		}
		// Figures passed over leave the page for the top of the next.
		end := best.end
		body := append([]vel(nil), pre...)
		var floats []vel
		at := i
		for _, sk := range best.skip {
			body = append(body, p.els[at:sk.at]...)
			floats = append(floats, p.els[sk.at:sk.at+sk.n]...)
			at = sk.at + sk.n
		}
		body = append(body, p.els[at:end]...)
		if len(floats) > 0 {
			rest := append(append([]vel(nil), floats...), p.els[end:]...)
			p.els = append(append(p.els[:i:i], body[len(pre):]...), rest...)
			end = i + len(body) - len(pre)
		}
		justify := end < len(p.els)
		pg := p.fill(body, best, justify)
		pg.start = p.startAt(i)
		p.pages = append(p.pages, pg)
		if end == i && len(best.notes) == 0 {
			break // no progress: cannot happen, but never loop
		}
		st := pageState{ok: len(best.skip) == 0, start: i, pre: pre, carryIn: carry, fit: best, justify: justify, startPos: pg.start}
		st.fit.end = end
		p.hist = append(p.hist, st)
		carry = best.carry
		i = end
	}
	return p.pages
}

// pre is what a page starting at els[i] repeats above it: a table's
// header when the table breaks there.
func (p *paginator) pre(i int) []vel {
	if len(p.pages) > 0 && i < len(p.els) && p.els[i].repeat != nil {
		return p.els[i].repeat
	}
	return nil
}

// scan weighs every allowed break of a page that begins at els[i] and
// returns the cheapest, the latest of equals, as TeX does. A figure that
// does not fit below the text is passed over (see pageFit.skip).
func (p *paginator) scan(els []vel, i int, pre, carry []vel) pageFit {
	textH := p.pf.h
	var h, st, trailH, trailSt units.Sp
	for _, e := range pre {
		h += e.h
	}
	var noteIDs []int
	var skip []floatSpan
	seen := map[int]bool{}
	best := pageFit{cost: math.MaxInt}
	for j := i; j <= len(els); j++ {
		if j > i && (j == len(els) || els[j].brk < inf) {
			f := p.fitPage(els, j, h-trailH, st-trailSt, carry, noteIDs)
			if f.ok && f.cost <= best.cost {
				f.skip = skip
				best = f
			}
		}
		if j == len(els) {
			break
		}
		e := &els[j]
		if n := e.float; n > 0 && j > i && j+n <= len(els) && h+floatHeight(els[j:j+n]) > textH {
			// The figure would not fit below: it waits for the next
			// page while the text after it fills this one.
			skip = append(skip[:len(skip):len(skip)], floatSpan{j, n})
			j += n - 1
			continue
		}
		if j > i && h+e.h > textH {
			break
		}
		h += e.h
		if e.space {
			trailH += e.h
			trailSt += e.stretch
			st += e.stretch
		} else {
			trailH, trailSt = 0, 0
		}
		for _, n := range e.notes {
			if !seen[n] {
				seen[n] = true
				noteIDs = append(noteIDs, n)
			}
		}
	}
	return best
}

// floatHeight is the height a figure's elements take below text: all
// but the space after it.
func floatHeight(els []vel) units.Sp {
	var h units.Sp
	for k, e := range els {
		if k == len(els)-1 && e.space {
			break
		}
		h += e.h
	}
	return h
}

// fitPage weighs ending the page before els[end], the page's body being
// bodyH high with st of stretch, and the notes cited in it noteIDs.
func (p *paginator) fitPage(els []vel, end int, bodyH, st units.Sp, carry []vel, noteIDs []int) pageFit {
	f := pageFit{end: end, stretch: st}
	lead := p.pf.lead
	// The notes: carried lines first, then each cited note in order.
	var all []vel
	all = append(all, carry...)
	lastStart := len(all) // index of the first line of the last note
	for _, n := range noteIDs {
		lastStart = len(all)
		all = append(all, p.ts.notes[n]...)
	}
	avail := p.pf.h - bodyH
	if len(all) > 0 {
		avail = p.pf.noteFoot - bodyH - p.pf.sep
	}
	var nh units.Sp
	k := 0
	for k < len(all) && nh+all[k].h <= avail {
		nh += all[k].h
		k++
	}
	split := k < len(all)
	if split {
		// Only the last note may be split, and its first line must be
		// on this page (or, with no new notes, some of the carry).
		if len(noteIDs) > 0 && k <= lastStart {
			return f
		}
		if len(noteIDs) == 0 && k == 0 {
			return f
		}
		// A split leaves at least two lines on each side when it can.
		if k-lastStart < 2 && len(all)-lastStart >= 4 && len(noteIDs) > 0 {
			return f
		}
	}
	f.notes = all[:k]
	f.carry = all[k:]
	used := bodyH
	if k > 0 {
		used += nh + p.pf.sep + p.pf.h - p.pf.noteFoot
		// The gap above the notes may open by a line.
		f.stretch += lead
	}
	f.shortfall = p.pf.h - used
	f.ok = true
	if end == len(els) {
		f.cost = 0
		if split {
			f.cost = splitNote
		}
		return f
	}
	f.cost = pageBadness(f.shortfall, f.stretch, lead) + max(els[end].brk, 0)
	if split {
		f.cost += splitNote
	}
	// One line alone on an article's last page.
	// Counting stops at two: counting all that follow made every
	// page cost as much as the rest of the article.
	rest := 0
	for j := end; j < len(els) && rest < 2; j++ {
		if !els[j].space {
			rest++
		}
	}
	if rest == 1 {
		f.cost += lonelyLine
	}
	return f
}

// pageBadness is TeX's badness of stretching st by s, with holes past
// the stretch priced by their depth.
func pageBadness(s, st, lead units.Sp) int {
	if s <= 0 {
		return 0
	}
	if s > st {
		return holeBad + int(int64(holePerLine)*int64(s-st)/int64(max(lead, 1)))
	}
	r := float64(s) / float64(st)
	return int(math.Min(100*r*r*r, holeBad))
}

// startAt says where a page whose body begins with els[i] begins in the
// text: at the first element from i on that has text (a table's header
// repeated above it does not count). A page of carried notes alone
// begins where the next page's text does, or after the last block.
func (p *paginator) startAt(i int) doc.PageStart {
	ts := p.ts
	for _, e := range p.els[min(i, len(p.els)):] {
		if e.hasStart {
			return doc.PageStart{Article: ts.index, Block: e.block, Path: e.path, Offset: e.off}
		}
	}
	return doc.PageStart{Article: ts.index, Block: len(ts.art.Blocks)}
}

// holeLines is the number of whole lines a page ends short of the foot of
// the text block beyond what its spaces can stretch.
func (p *paginator) holeLines(f pageFit) int {
	lead := p.pf.lead
	if lead <= 0 || f.shortfall <= f.stretch {
		return 0
	}
	return int((f.shortfall - f.stretch) / lead)
}

// forcePage is the page of last resort: the next element alone (or only
// carried notes), with whatever notes fit.
func (p *paginator) forcePage(i int, carry []vel) pageFit {
	els, textH := p.els, p.pf.h
	f := pageFit{end: i, ok: true}
	var bodyH units.Sp
	var noteIDs []int
	if i < len(els) {
		// Through the next allowed break, so that a line kept with the
		// next is not orphaned.
		f.end = i + 1
		for f.end < len(els) && els[f.end].brk >= inf && bodyH+els[f.end].h < textH {
			bodyH += els[f.end].h
			f.end++
		}
		bodyH = 0
		for _, e := range els[i:f.end] {
			bodyH += e.h
			noteIDs = append(noteIDs, e.notes...)
		}
	}
	var all []vel
	all = append(all, carry...)
	for _, n := range noteIDs {
		all = append(all, p.ts.notes[n]...)
	}
	avail := p.pf.noteFoot - bodyH - p.pf.sep
	var nh units.Sp
	k := 0
	for k < len(all) && nh+all[k].h <= avail {
		nh += all[k].h
		k++
	}
	if k == 0 && len(all) > 0 && bodyH == 0 {
		k = 1 // a note line taller than the page: set it anyway
	}
	f.notes, f.carry = all[:k], all[k:]
	return f
}

// fill places a page's elements top down, stretching its spaces to a
// flush bottom when justify is set, and its notes at the foot.
func (p *paginator) fill(els []vel, fit pageFit, justify bool) bodyPage {
	ts := p.ts
	var pg bodyPage
	for len(els) > 0 && els[len(els)-1].space {
		els = els[:len(els)-1]
	}
	for len(els) > 0 && els[0].space {
		els = els[1:]
	}
	var st units.Sp
	for _, e := range els {
		if e.space {
			st += e.stretch
		}
	}
	var grow units.Sp
	if justify && fit.shortfall > 0 && st > 0 {
		grow = min(fit.shortfall, st)
	}
	// Sized once: grown by appending, the page's items were copied
	// several times over. The room for the note rule and for the running
	// head and folio (which finish puts first) is left too.
	n := 3
	for _, e := range els {
		n += len(e.items)
	}
	for _, e := range fit.notes {
		n += len(e.items)
	}
	pg.items = make([]frame.Item, 0, n)
	var y, given units.Sp
	var acc int64
	for _, e := range els {
		ts.place(&pg, e, y)
		y += e.h
		if e.space && grow > 0 {
			// Share the growth in proportion to stretch, rounding so
			// that the shares add up exactly.
			acc += int64(e.stretch)
			share := units.Sp(acc*int64(grow)/int64(st)) - given
			given += share
			y += share
		}
	}
	if len(fit.notes) > 0 {
		var nh units.Sp
		for _, ne := range fit.notes {
			nh += ne.h
		}
		ny := p.pf.noteFoot - nh
		pg.items = append(pg.items, frame.Item{Kind: frame.Rule, X: 0, Y: ny - p.pf.sep/2, W: ts.style.TextWidth() / 4, H: units.Pt * 4 / 10})
		for _, ne := range fit.notes {
			ts.place(&pg, ne, ny)
			ny += ne.h
		}
	}
	return pg
}
