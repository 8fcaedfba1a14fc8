package typeset

import (
	"math"
	"slices"
	"sort"

	"github.com/pamphlet/pamphlet/builder/linebreak"
	"github.com/pamphlet/pamphlet/builder/units"
)

// Balancing: what pagination does when the cheapest break still leaves a
// page a line or more short of the foot, or leaves an article's last page
// with a line or two alone. These are TeX's and Vellum's moves, tried in
// order of preference, each weighed by setting the page again:
//
//   - looseness ±1: a paragraph on the page is set a line longer (to fill
//     the hole) or shorter (so that a paragraph, or a heading with the
//     lines kept with it, that could not start on the page now fits),
//     where its spaces stay within TeX's loose and tight classes;
//   - moving a line across the break: the paragraph that runs from the
//     last page into this one is set a line longer or shorter, its lines
//     on the last page kept (that page is set again, as full as it was);
//   - bounded vertical stretch around headings, quotations, lists, tables,
//     figures and above the notes is part of every page's weighing (see
//     fitPage), so a page with such spaces is rarely short;
//   - in paginate's last try, a line taken to fill a page is given back
//     near the article's end, where a paragraph is set a line shorter
//     (compensateAfter), so that the article keeps its length.
//
// A page that none of these fills ends short.

// maxBalance is the most paragraphs set again for one page.
const maxBalance = 3

// maxLooseRatio and maxTightRatio bound the spaces of a paragraph set at
// another length, as adjustment ratios: at 1 the spaces have stretched
// by all their stretch (TeX's badness 100, the edge of its loose class),
// at -1 shrunk by all their shrink (the tight class). A setting that
// needs more, or hyphenation's last resort, is refused.
const (
	maxLooseRatio = 1.26
	maxTightRatio = -1.0
)

// lastLines is the fewest lines of text an article's last page should
// hold when the pages before it can take them.
const lastLines = 3

// trialKey names a paragraph set at a number of lines.
type trialKey struct {
	src   *paraSrc
	lines int
}

// trial is a paragraph set again: its lines, their badness and the
// width of the last.
type trial struct {
	lines []vel
	bad   float64
	last  units.Sp
	ok    bool
}

// paraRun is a paragraph's lines, els[a:b].
type paraRun struct {
	a, b int
	src  *paraSrc
}

// change is a paragraph set delta lines longer.
type change struct {
	run   paraRun
	delta int
	t     trial
}

// balance tries the moves above on the page that begins at els[i] and
// would end as best. It returns the elements with the chosen paragraphs
// set again, and true, when a move fills the page (or, on an article's
// last pages, takes a lonely last line or two back); the last page is
// then set again if a move changed its lines.
func (p *paginator) balance(i int, pre, carry []vel, best pageFit) ([]vel, bool) {
	hole := p.holeLines(best)
	lonely := p.lonelyEnd(best.end)
	if hole == 0 && !lonely {
		return nil, false
	}
	var chosen []vel
	var chosenOpt []change
	chosenEnd := 0
	bestHole, bestCost := hole, math.Inf(1)
	// weigh sets the page again with the changes o and keeps the best.
	weigh := func(o []change) {
		els := p.apply(o)
		f := p.scan(els, i, pre, carry)
		if !f.ok {
			return
		}
		// A page that now ends the article is its last page: exempt.
		h := p.holeLines(f)
		if f.end == len(els) {
			h = 0
		}
		switch {
		case lonely && f.end == len(els):
		case hole > 0 && h < hole:
		default:
			return
		}
		cost := float64(f.cost)
		for _, c := range o {
			cost += c.t.bad
		}
		if h < bestHole || (h == bestHole && cost < bestCost) {
			chosen, chosenOpt, chosenEnd, bestHole, bestCost = els, o, f.end, h, cost
		}
	}
	// Each change alone first, a line longer before a line shorter
	// (which the text can seldom take) and the shortest paragraphs
	// first; the first that fills the page is taken. Setting every
	// paragraph of every short page again to find the least bad cost a
	// third of the typesetting time for pages no better to the eye, and
	// a long paragraph set to another length costs the line breaker far
	// more than a short one (it cannot merge breaks by line number).
	runs := byLength(p.runs(i, best.end))
	var longer, shorter []change
	for _, d := range []int{1, -1} {
		for _, r := range runs {
			if chosen != nil && bestHole == 0 {
				break
			}
			t := p.trial(r, d)
			if !t.ok || !p.keepsLast(r, i, t) {
				continue
			}
			c := change{r, d, t}
			if d > 0 {
				longer = append(longer, c)
			} else {
				shorter = append(shorter, c)
			}
			weigh([]change{c})
		}
	}
	// Then the least bad two and three of a kind together.
	if chosen == nil || bestHole > 0 {
		byBad := func(cs []change) {
			sort.SliceStable(cs, func(x, y int) bool { return cs[x].t.bad < cs[y].t.bad })
		}
		byBad(longer)
		byBad(shorter)
		for m := 2; m <= maxBalance; m++ {
			if m <= len(longer) && m <= hole+1 {
				weigh(longer[:m])
			}
			if m <= len(shorter) {
				weigh(shorter[:m])
			}
		}
	}
	if chosen == nil {
		return nil, false
	}
	if p.compensate {
		chosen = p.compensateAfter(chosen, chosenEnd, chosenOpt)
	}
	for _, c := range chosenOpt {
		if c.run.a < i {
			// The paragraph began on the last page: set that page again
			// with the same number of its lines.
			last := &p.hist[len(p.hist)-1]
			body := append(append([]vel(nil), last.pre...), chosen[last.start:i]...)
			pg := p.fill(body, last.fit, last.justify)
			pg.start = last.startPos
			p.pages[len(p.pages)-1] = pg
		}
	}
	return chosen, true
}

// maxCompensate is how many paragraphs, counted back from the article's
// end, are tried for a line a balanced page took.
const maxCompensate = 20

// compensateAfter keeps the article as long as it was: for each line the
// changes cs added to fill the page that ends before els[end], the last
// paragraph after that page that can be set a line shorter is, nearest
// the article's end so that the fewest pages change. Without it a page
// filled early makes the article a line longer, and when its last page
// was full, a page longer.
func (p *paginator) compensateAfter(els []vel, end int, cs []change) []vel {
	net := 0
	for _, c := range cs {
		net += c.delta
	}
	saved := p.els
	defer func() { p.els = saved }()
	p.els = els
	for ; net > 0; net-- {
		var best *change
		runs := p.runs(end, len(p.els))
		tried := 0
		for k := len(runs) - 1; k >= 0 && best == nil; k-- {
			r := runs[k]
			if r.a < end {
				continue
			}
			if tried++; tried > maxCompensate {
				break
			}
			if t := p.trial(r, -1); t.ok {
				best = &change{r, -1, t}
			}
		}
		if best == nil {
			break
		}
		p.els = p.apply([]change{*best})
	}
	return p.els
}

// lonelyEnd says whether a page ending before els[end] leaves the
// article's last page fewer than lastLines lines of text.
func (p *paginator) lonelyEnd(end int) bool {
	if end >= len(p.els) {
		return false
	}
	n := 0
	for _, e := range p.els[end:] {
		if !e.space {
			n++
			if n >= lastLines || e.h > p.pf.lead*3/2 || len(e.notes) > 0 {
				return false
			}
		}
	}
	return n > 0
}

// runs returns the paragraphs that can be set again with at least one
// line on the page els[i:end]: those that begin on it, and the one that
// runs into it from the last page when that page can be set again.
func (p *paginator) runs(i, end int) []paraRun {
	els := p.els
	var out []paraRun
	for a := i; a < end && a < len(els); {
		src := els[a].src
		if src == nil {
			a++
			continue
		}
		b := a
		for b < len(els) && els[b].src == src {
			b++
		}
		start := a
		for start > 0 && els[start-1].src == src {
			start--
		}
		if start >= i || (len(p.hist) > 0 && p.hist[len(p.hist)-1].ok && start >= p.hist[len(p.hist)-1].start) {
			out = append(out, paraRun{start, b, src})
		}
		a = b
	}
	return out
}

// byLength sorts paragraphs shortest first, in place, and returns them.
func byLength(rs []paraRun) []paraRun {
	sort.SliceStable(rs, func(x, y int) bool { return rs[x].b-rs[x].a < rs[y].b-rs[y].a })
	return rs
}

// keepsLast says whether the paragraph r, set as t, can keep the lines it
// has on the last page (when it begins there): the same number, citing
// the same notes, with a break still allowed after them.
func (p *paginator) keepsLast(r paraRun, i int, t trial) bool {
	if r.a >= i {
		return true
	}
	k := i - r.a
	if k >= len(t.lines) || t.lines[k].brk >= inf {
		return false
	}
	var was, now []int
	for _, e := range p.els[r.a:i] {
		was = append(was, e.notes...)
	}
	for _, e := range t.lines[:k] {
		now = append(now, e.notes...)
	}
	return slices.Equal(was, now)
}

// apply returns a copy of the elements with the changes made.
func (p *paginator) apply(cs []change) []vel {
	cs = slices.Clone(cs)
	sort.Slice(cs, func(x, y int) bool { return cs[x].run.a > cs[y].run.a })
	els := slices.Clone(p.els)
	for _, c := range cs {
		els = slices.Replace(els, c.run.a, c.run.b, c.t.lines...)
	}
	return els
}

// trial sets the paragraph r delta lines longer (TeX's \looseness), at
// most one line away from its first setting, and remembers the result.
func (p *paginator) trial(r paraRun, delta int) trial {
	n := r.b - r.a
	nat, seen := p.natural[r.src]
	if !seen {
		nat = n
		p.natural[r.src] = n
	}
	want := n + delta
	if want < 2 || want < nat-1 || want > nat+1 {
		return trial{}
	}
	k := trialKey{r.src, want}
	t, ok := p.trials[k]
	if !ok {
		t = p.ts.reset(r.src, p.els[r.a:r.b], want, nat)
		p.trials[k] = t
	}
	// The last line must outreach the next paragraph's indent (see
	// paginate); the cache, shared by paginate's tries, keeps settings
	// of any last line.
	if t.ok && t.last < p.minLast {
		return trial{}
	}
	return t
}

// reset sets the paragraph src, now set as old, in want lines, nat being
// its lines as first set (TeX's looseness counts from there). It fails
// when the paragraph cannot take that many without hyphenation's last
// resort or spaces beyond maxLooseRatio and maxTightRatio. bad sums the
// lines' badness, 100·r³ as TeX counts it.
func (ts *articleSetter) reset(src *paraSrc, old []vel, want, nat int) trial {
	// A second setting must not report its problems again.
	diags, missing := ts.diags, len(ts.missing)
	// The breaks are judged before the lines are set: most trials fail.
	accept := func(res linebreak.Result) bool {
		if len(res.Lines) != want || res.Overfull > 0 || res.Pass > 3 {
			return false
		}
		for _, l := range res.Lines[:len(res.Lines)-1] {
			if l.Ratio > maxLooseRatio || l.Ratio < maxTightRatio {
				return false
			}
		}
		return true
	}
	lines, res := ts.setPara(src.ins, src.c, src.indent, true, src.at, src.first, want-nat, accept)
	ts.diags, ts.missing = diags, ts.missing[:missing]
	if len(lines) != want || len(res.Lines) != len(lines) {
		return trial{}
	}
	var bad float64
	for _, l := range res.Lines[:len(res.Lines)-1] {
		r := math.Abs(l.Ratio)
		bad += 100 * r * r * r
	}
	// Keep the breaks the old setting forbade for its context (a heading
	// kept with the paragraph's first lines, a page break before it).
	lines[0].brk = old[0].brk
	if len(old) > 1 && len(lines) > 1 {
		lines[1].brk = max(lines[1].brk, old[1].brk)
	}
	for j := range lines {
		lines[j].src = src
	}
	return trial{lines: lines, bad: bad, last: res.Lines[len(res.Lines)-1].Width, ok: true}
}

// sinkBad is what moving an article's title a line up or down costs,
// against a paragraph's badness: as much as a paragraph of loose lines.
const sinkBad = 300

// maxReflow is how many pages back reflow looks for a paragraph to set
// again.
const maxReflow = 40

// reflow moves a line across the breaks before the page that begins at
// els[i] and would end hole lines short: a paragraph of one of the last
// maxReflow pages is set a line longer or shorter, and that page and the
// ones after it, each still full, are laid again, so that this page
// begins a line earlier or later and its break falls where one is
// allowed. It returns the new elements, where this page now begins and
// the notes carried to it.
func (p *paginator) reflow(i, hole int) ([]vel, int, []vel, bool) {
	type option struct {
		els   []vel
		from  int
		fits  []pageFit
		cost  float64
		hole  int
		depth int
	}
	var best *option
	for depth := 1; depth <= min(maxReflow, len(p.hist)); depth++ {
		from := len(p.hist) - depth
		if !p.hist[from].ok {
			break
		}
		ps := p.hist[from].start
		end := i
		if from+1 < len(p.hist) {
			end = p.hist[from+1].start
		}
		// weigh lays the pages from this one on again over els, the
		// paragraph or sink changed at a cost of bad, and keeps the best.
		weigh := func(els []vel, bad float64) {
			fits, next, carry, ok := p.relay(els, from)
			if !ok {
				return
			}
			g := p.scan(els, next, repeatAt(els, next), carry)
			if !g.ok {
				return
			}
			h := p.holeLines(g)
			if g.end == len(els) {
				h = 0
			}
			if h >= hole {
				return
			}
			cost := float64(g.cost) + bad
			for _, f := range fits {
				cost += float64(f.cost)
			}
			if best == nil || h < best.hole || (h == best.hole && cost < best.cost) {
				best = &option{els, from, fits, cost, h, depth}
			}
		}
		runs := byLength(p.runs(ps, end))
		for _, d := range []int{1, -1} {
			for _, r := range runs {
				if best != nil && best.hole == 0 {
					break
				}
				if r.a < ps {
					continue // begins a page further back
				}
				if t := p.trial(r, d); t.ok {
					weigh(slices.Replace(slices.Clone(p.els), r.a, r.b, t.lines...), t.bad)
				}
			}
		}
		if from == 0 && ps == 0 && p.sink && len(p.els) > 0 && (best == nil || best.hole > 0) {
			// The article's first page: its title's sink may be a
			// line deeper or shallower, so every page after it moves.
			for _, d := range []units.Sp{p.pf.lead, -p.pf.lead} {
				if h := p.els[0].h + d; h >= p.pf.lead && h <= 2*p.els[0].h {
					els := slices.Clone(p.els)
					els[0].h = h
					weigh(els, sinkBad)
				}
			}
		}
		if best != nil && best.hole == 0 {
			break // the nearest pages that fill it
		}
	}
	if best == nil {
		return nil, 0, nil, false
	}
	p.els = best.els
	start := p.hist[best.from].start
	carry := p.hist[best.from].carryIn
	for k, f := range best.fits {
		q := best.from + k
		st := &p.hist[q]
		if k > 0 {
			st.start, st.pre, st.carryIn = start, repeatAt(p.els, start), carry
			st.startPos = p.startAt(start)
		}
		st.fit, st.justify = f, true
		body := append(append([]vel(nil), st.pre...), p.els[start:f.end]...)
		pg := p.fill(body, f, true)
		pg.start = st.startPos
		p.pages[q] = pg
		start, carry = skipSpaces(p.els, f.end), f.carry
	}
	return p.els, start, carry, true
}

// relay lays the pages from hist[from] on again over els: each must
// still be full and pass no figure over. It returns their fits, where
// the next page begins and the notes carried to it.
func (p *paginator) relay(els []vel, from int) ([]pageFit, int, []vel, bool) {
	st := p.hist[from]
	start, pre, carry := st.start, st.pre, st.carryIn
	var fits []pageFit
	for q := from; q < len(p.hist); q++ {
		f := p.scan(els, start, pre, carry)
		// A page that was short may stay so, but none may get shorter.
		if !f.ok || f.end >= len(els) || len(f.skip) > 0 || p.holeLines(f) > p.holeLines(p.hist[q].fit) {
			return nil, 0, nil, false
		}
		fits = append(fits, f)
		start = skipSpaces(els, f.end)
		pre, carry = repeatAt(els, start), f.carry
	}
	return fits, start, carry, true
}

// skipSpaces returns the index of the first element from i on that is
// not a space (spaces are dropped at the top of a page).
func skipSpaces(els []vel, i int) int {
	for i < len(els) && els[i].space {
		i++
	}
	return i
}

// repeatAt is what a page that begins at els[i] repeats above its body:
// a table's header.
func repeatAt(els []vel, i int) []vel {
	if i < len(els) {
		return els[i].repeat
	}
	return nil
}
