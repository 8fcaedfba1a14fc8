package typeset

import (
	"math"
	"slices"
	"sort"

	"github.com/pamphlet/pamphlet/builder/doc"
	"github.com/pamphlet/pamphlet/builder/frame"
	"github.com/pamphlet/pamphlet/builder/linebreak"
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

// pageFit is one way to end a page.
type pageFit struct {
	end       int   // the page holds els[start:end]
	notes     []vel // note lines set at the foot
	carry     []vel // note lines continued on the next page
	shortfall units.Sp
	stretch   units.Sp
	cost      int
	ok        bool
}

// paginate breaks an article's elements into pages. At every allowed
// break it weighs the page that would result (how much hole its spaces
// must fill, whether a footnote must be split) and takes the cheapest,
// the latest of equals, as TeX does; pages other than an article's last
// are then justified to a flush bottom by stretching their spaces.
// Footnotes go at the foot of the page that cites them; a note too long
// for the space left starts there and continues on the next page.
func (ts *articleSetter) paginate(els []vel) []bodyPage {
	textH := ts.style.TextHeight()
	sep := ts.style.Leading // space for the note rule
	var pages []bodyPage
	var carry []vel
	i := 0
	loosened := -1 // the page start at which paragraphs were last loosened
	for {
		for i < len(els) && els[i].space {
			i++
		}
		if i >= len(els) && len(carry) == 0 {
			break
		}
		var pre []vel
		if len(pages) > 0 && i < len(els) && els[i].repeat != nil {
			pre = els[i].repeat
		}
		var h, st, trailH, trailSt units.Sp
		for _, e := range pre {
			h += e.h
		}
		var noteIDs []int
		seen := map[int]bool{}
		best := pageFit{cost: math.MaxInt}
		for j := i; j <= len(els); j++ {
			if j > i && (j == len(els) || els[j].brk < inf) {
				f := ts.fitPage(els, j, h-trailH, st-trailSt, carry, noteIDs, textH, sep)
				if f.ok && f.cost <= best.cost {
					best = f
				}
			}
			if j == len(els) {
				break
			}
			e := &els[j]
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
		// A page that must end a line or more short of the foot (no
		// allowed break fills it, nothing on it can stretch) is filled
		// as TeX's \looseness would: paragraphs wholly on the page are
		// set a line longer, the ones that loosen least, and the page is
		// weighed again.
		if best.ok && best.end < len(els) && loosened != i {
			if k := ts.holeLines(best); k > 0 {
				loosened = i
				var n int
				if els, n = ts.loosen(els, i, best.end, k); n > 0 {
					continue
				}
			}
		}
		if !best.ok {
			// Nothing fits (an element taller than the page, or notes
			// that cannot start here): take the first element and as
			// much of the notes as the page holds.
			best = ts.forcePage(els, i, carry, textH, sep)
		}
		var body []vel
		body = append(body, pre...)
		body = append(body, els[i:best.end]...)
		justify := best.end < len(els)
		pg := ts.fill(body, best, justify, textH, sep)
		pg.start = ts.startAt(els, i)
		pages = append(pages, pg)
		if best.end == i && len(best.notes) == 0 {
			break // no progress: cannot happen, but never loop
		}
		carry = best.carry
		i = best.end
	}
	return pages
}

// fitPage weighs ending the page before els[end], the page's body being
// bodyH high with st of stretch, and the notes cited in it noteIDs.
func (ts *articleSetter) fitPage(els []vel, end int, bodyH, st units.Sp, carry []vel, noteIDs []int, textH, sep units.Sp) pageFit {
	f := pageFit{end: end, stretch: st}
	lead := ts.style.Leading
	// The notes: carried lines first, then each cited note in order.
	var all []vel
	all = append(all, carry...)
	lastStart := len(all) // index of the first line of the last note
	for _, n := range noteIDs {
		lastStart = len(all)
		all = append(all, ts.notes[n]...)
	}
	avail := textH - bodyH
	if len(all) > 0 {
		avail -= sep
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
		used += nh + sep
		// The gap above the notes may open by a line.
		f.stretch += lead
	}
	f.shortfall = textH - used
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
func (ts *articleSetter) startAt(els []vel, i int) doc.PageStart {
	for _, e := range els[min(i, len(els)):] {
		if e.hasStart {
			return doc.PageStart{Article: ts.index, Block: e.block, Path: e.path, Offset: e.off}
		}
	}
	return doc.PageStart{Article: ts.index, Block: len(ts.art.Blocks)}
}

// maxLoosen is the most paragraphs of one page set a line longer.
const maxLoosen = 2

// holeLines is the number of whole lines a page ends short of the foot of
// the text block beyond what its spaces can stretch, at most maxLoosen.
func (ts *articleSetter) holeLines(f pageFit) int {
	lead := ts.style.Leading
	if lead <= 0 || f.shortfall <= f.stretch {
		return 0
	}
	return min(int((f.shortfall-f.stretch)/lead), maxLoosen)
}

// loosen sets up to k of the paragraphs that lie wholly in els[i:end] a
// line longer, choosing those whose looser setting is least bad, and
// returns the new elements and how many paragraphs it loosened.
func (ts *articleSetter) loosen(els []vel, i, end, k int) ([]vel, int) {
	type cand struct {
		a, b  int
		lines []vel
		bad   float64
	}
	var cs []cand
	for a := i; a < end; {
		src := els[a].src
		if src == nil {
			a++
			continue
		}
		b := a
		for b < len(els) && els[b].src == src {
			b++
		}
		if (a == 0 || els[a-1].src != src) && b <= end {
			if lines, bad, ok := ts.looser(src, els[a:b]); ok {
				cs = append(cs, cand{a, b, lines, bad})
			}
		}
		a = b
	}
	if len(cs) == 0 {
		return els, 0
	}
	// Least bad first, the earlier of equals; then apply from the end so
	// that the indices of the others stay valid.
	sort.SliceStable(cs, func(x, y int) bool { return cs[x].bad < cs[y].bad })
	cs = cs[:min(k, len(cs))]
	sort.Slice(cs, func(x, y int) bool { return cs[x].a > cs[y].a })
	for _, c := range cs {
		els = slices.Replace(els, c.a, c.b, c.lines...)
	}
	return els, len(cs)
}

// maxLooseRatio is the widest a loosened paragraph's spaces may be set,
// as an adjustment ratio: spaces stretch by half their width at ratio 1
// (TeX's badness 100), so this keeps them within 50% of their natural
// width.
const maxLooseRatio = 1.26

// looser sets the paragraph src, now set as old, one line longer. It
// fails when the paragraph cannot take another line without the line
// breaker's last resort or spaces wider than maxLooseRatio, or would end
// in a line shorter than two indents. bad sums the lines' badness, 100·r³ as TeX
// counts it.
func (ts *articleSetter) looser(src *paraSrc, old []vel) ([]vel, float64, bool) {
	// A second setting must not report its problems again.
	diags, missing := ts.diags, len(ts.missing)
	// The breaks are judged before the lines are set: most trials fail.
	accept := func(res linebreak.Result) bool {
		if len(res.Lines) != len(old)+1 || res.Overfull > 0 || res.Pass > 3 {
			return false
		}
		// The new last line must at least outreach the next paragraph's
		// indent, or it reads as a gap rather than a line.
		if last := res.Lines[len(res.Lines)-1]; last.Width < ts.style.Indent*2 {
			return false
		}
		for _, l := range res.Lines[:len(res.Lines)-1] {
			if l.Ratio > maxLooseRatio {
				return false
			}
		}
		return true
	}
	lines, res := ts.setPara(src.ins, src.c, src.indent, true, src.at, src.first, 1, accept)
	ts.diags, ts.missing = diags, ts.missing[:missing]
	if len(lines) != len(old)+1 || len(res.Lines) != len(lines) {
		return nil, 0, false
	}
	var bad float64
	for _, l := range res.Lines[:len(res.Lines)-1] {
		r := math.Abs(l.Ratio)
		bad += 100 * r * r * r
	}
	// Keep the breaks the old setting forbade for its context (a heading
	// kept with the paragraph's first lines, a page break before it).
	lines[0].brk = old[0].brk
	if len(old) > 1 {
		lines[1].brk = max(lines[1].brk, old[1].brk)
	}
	for j := range lines {
		lines[j].src = src
	}
	return lines, bad, true
}

// forcePage is the page of last resort: the next element alone (or only
// carried notes), with whatever notes fit.
func (ts *articleSetter) forcePage(els []vel, i int, carry []vel, textH, sep units.Sp) pageFit {
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
		all = append(all, ts.notes[n]...)
	}
	avail := textH - bodyH - sep
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
func (ts *articleSetter) fill(els []vel, fit pageFit, justify bool, textH, sep units.Sp) bodyPage {
	var p bodyPage
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
	p.items = make([]frame.Item, 0, n)
	var y, given units.Sp
	var acc int64
	for _, e := range els {
		ts.place(&p, e, y)
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
		ny := textH - nh
		p.items = append(p.items, frame.Item{Kind: frame.Rule, X: 0, Y: ny - sep/2, W: ts.style.TextWidth() / 4, H: units.Pt * 4 / 10})
		for _, ne := range fit.notes {
			ts.place(&p, ne, ny)
			ny += ne.h
		}
	}
	return p
}
