// Package linebreak breaks paragraphs into lines with the total-fit
// algorithm of Knuth and Plass, "Breaking Paragraphs into Lines" (Software:
// Practice and Experience 11, 1981), as TeX does (TeX: The Program §813–890).
//
// A paragraph is a list of boxes, glue and penalties. All arithmetic on
// lengths is in integers (scaled points) and badness is computed as TeX's
// badness function (§108), so the same input gives the same lines on every
// machine.
package linebreak

import (
	"slices"

	"github.com/pamphlet/pamphlet/builder/units"
)

// Kind is the kind of an Item.
type Kind uint8

// The three kinds of items.
const (
	Box Kind = iota
	Glue
	Penalty
)

// Infinity is the penalty that forbids a break (>= Infinity) or forces one
// (<= -Infinity), and the largest badness.
const Infinity = 10000

// Fil is the stretch that counts as infinite: a glue with Stretch >= Fil
// (TeX's \hfil, as in the \parfillskip that ends a paragraph) can fill any
// gap, so a line holding one has badness 0 and its finite glue keeps its
// natural width.
const Fil units.Sp = 1 << 40

// Item is one element of a paragraph: a box (fixed width), glue (width,
// stretch, shrink) or a penalty.
//
// A box may also stretch and shrink, by font expansion (pdfTeX's
// \pdfadjustspacing): its Stretch and Shrink are how much wider or
// narrower its glyphs may be drawn. They count in a line's stretch and
// shrink like glue's, and a line takes what it needs from them first
// (Line.Expand), as pdfTeX does, the glue only the rest. A box's Left and
// Right are its character protrusion (pdfTeX's margin kerning): how far
// it may hang into the left margin when it starts a line and into the
// right margin when it ends one; a penalty's Right is that of the hyphen
// it draws when the line breaks there.
type Item struct {
	Kind    Kind
	Flagged bool     // penalty only: a hyphenation break (for double-hyphen demerits)
	Width   units.Sp // for a penalty: the width added when breaking there (a hyphen)
	Stretch units.Sp // glue; for a box, font expansion
	Shrink  units.Sp // glue; for a box, font expansion
	Penalty int      // penalty only; >= Infinity forbids a break, <= -Infinity forces one
	// Left and Right are a box's protrusion into the margins, and Right
	// a penalty's hyphen's.
	Left, Right units.Sp
}

// Params are the line breaker's settings, named after TeX's parameters.
type Params struct {
	Tolerance    int // TeX \tolerance (200): the largest badness in the second pass
	PreTolerance int // TeX \pretolerance (100): the first pass, without hyphenation; < 0 skips it
	LinePenalty  int // TeX \linepenalty (10)
	// HyphenPenalty is informational: the penalties come in the items.
	HyphenPenalty        int
	DoubleHyphenDemerits int      // TeX \doublehyphendemerits (10000)
	FinalHyphenDemerits  int      // TeX \finalhyphendemerits (5000)
	AdjDemerits          int      // TeX \adjdemerits (10000): fitness class change
	Looseness            int      // TeX \looseness (0)
	EmergencyStretch     units.Sp // TeX \emergencystretch: extra stretch per line in a third pass
	// MaxConsecutiveHyphens is the most hyphenated lines in a row (2);
	// 0 means no limit.
	MaxConsecutiveHyphens int
	// LineWidth returns the width of line n (0-based); it lets the first
	// line be indented or shorter. Must be cheap.
	LineWidth func(line int) units.Sp
	// MaxItems bounds total-fit: longer paragraphs are broken first-fit.
	// 0 means no bound. Total-fit is linear in the paragraph's length
	// anyway (see MaxActive), so this is a guard, not a necessity.
	MaxItems int
	// MaxActive caps the active list (0: DefaultMaxActive). Where more
	// breaks than that are open at once (many line numbers told apart for
	// Looseness or EasyLine, a measure far wider than the text, items of
	// zero width), it is cut to three quarters, keeping the nodes with the
	// fewest demerits, so the work stays linear in len(items). Real
	// paragraphs keep a few dozen active breaks and never reach the cap.
	MaxActive int
	// EasyLine says that LineWidth(n) is the same for every n >= EasyLine
	// (TeX's easy_line): candidates that differ only in their line number
	// beyond it are merged. 0, Defaults' value, means all lines are alike;
	// set it to 1 when only the first line differs. A value too small
	// never mismeasures a line, it may only miss the optimum; a negative
	// value never merges. Looseness != 0 never merges.
	EasyLine int
	// MaxPass, from 1 to 3, is the last pass tried (0: all four). When
	// none of them finds breaks, Break returns a Result without lines
	// and with Method "none": a caller that only wants a good setting
	// (a trial at another Looseness) is spared the last resort, whose
	// unbounded tolerance makes it by far the slowest pass. MaxItems'
	// first-fit still applies.
	MaxPass int
}

// DefaultMaxActive is the active-list cap when Params.MaxActive is 0.
const DefaultMaxActive = 512

// Defaults returns TeX's plain defaults with every line width wide.
func Defaults(width units.Sp) Params {
	return Params{
		Tolerance:             200,
		PreTolerance:          100,
		LinePenalty:           10,
		HyphenPenalty:         50,
		DoubleHyphenDemerits:  10000,
		FinalHyphenDemerits:   5000,
		AdjDemerits:           10000,
		MaxConsecutiveHyphens: 2,
		LineWidth:             func(int) units.Sp { return width },
	}
}

// Line is one line of the result: items [Start, End) are on it. End is the
// index of the break item; a glue or penalty at a break is not part of the
// line, and a penalty break with Flagged means a hyphen is shown (the
// penalty's Width is counted in Width). Glue and penalties after a break
// are discarded, so Start is the next box (or forced break) after the
// previous line's End.
type Line struct {
	Start, End int
	// Ratio is the adjustment ratio r: each glue is set to
	// Width + r*Stretch when r > 0 and Width + r*Shrink when r < 0. Lines
	// with Fil stretch and lines ending at a forced break have r = 0 when
	// short (set ragged); overfull lines have r = -1.
	Ratio      float64
	Hyphenated bool     // ends in a flagged penalty break
	Overfull   bool     // wider than the measure even with all glue shrunk
	Width      units.Sp // natural width, with the hyphen if Hyphenated
	// Expand is the share of its boxes' Stretch (when > 0) or Shrink
	// (< 0) the line takes, from -1 to 1: the glue's Ratio is what is
	// left to fill once the glyphs are expanded. 0 without font
	// expansion.
	Expand float64
	// Left and Right are the protrusion of the line's first and last
	// box (or hyphen): the line is set from -Left to its measure +
	// Right.
	Left, Right units.Sp
}

// Result is a broken paragraph.
type Result struct {
	Lines    []Line
	Method   string // "total-fit", "emergency", "first-fit", "none" (see MaxPass)
	Overfull int    // lines that could not be brought within the measure
	// Pass is the pass that set the paragraph: 1 without hyphenation
	// (PreTolerance), 2 with it (Tolerance), 3 with EmergencyStretch, 4
	// the last resort that accepts any badness; 0 for first-fit.
	Pass int
}

// Break breaks the paragraph. items should end with the usual finishing
// sequence (a penalty of Infinity, glue with Fil stretch and a forced
// penalty); Break appends it to a copy if the last item is not a forced
// break (dropping a last glue, as TeX does), so lines may refer to up to
// three items past len(items): glue and penalties with nothing to show. An
// empty list gives no lines. Break never panics and never modifies items.
//
// It runs TeX's passes: without hyphenation at PreTolerance (flagged
// penalties are not breaks), with it at Tolerance, with EmergencyStretch
// added to every line's stretch if that is set. Where TeX would then set
// overfull lines, a last pass accepts any badness short of overfull, with
// badness beyond 10000 still ranked (a line that is a little too loose
// beats one with a single word), and only if a line cannot be brought
// within the measure at all, it is set overfull (TeX's artificial
// demerits, §854), so text is never dropped.
//
// Two deliberate differences from TeX: a line ending at a forced break in
// the middle of the paragraph is set ragged like the last line (TeX
// would count it underfull unless \hfil precedes the break); and at most
// MaxConsecutiveHyphens lines in a row end hyphenated, which TeX only
// discourages.
//
// Time and memory are linear in len(items): each breakpoint is tried
// against the active list, which stays small (a few dozen nodes) and is
// capped at MaxActive. Measured on a 2-core AMD EPYC: a 150-word paragraph
// in about 35–60 µs, a 200,000-character one (82,000 items, 34,000 words)
// in 9–16 ms with 12 MB allocated, so MaxItems is only a guard.
func Break(items []Item, p Params) Result {
	var b Breaker
	return b.Break(items, p)
}

// Breaker breaks paragraphs one after another, reusing its buffers (the
// finished copy of the items, the running sums, the active and passive
// lists): a typesetter breaking thousands of paragraphs would otherwise
// allocate them afresh for each. The zero value is ready to use; a
// Breaker must not be used by two goroutines at once.
type Breaker struct {
	items  []Item
	sums   []sums
	act    []active
	pas    []passive
	cands  []candidate
	totals []int64
	breaks []int32
}

// Break is the package's Break with b's buffers: the same result.
func (b *Breaker) Break(items []Item, p Params) Result {
	if len(items) == 0 {
		return Result{Method: "total-fit"}
	}
	items, b.items = finish(items, b.items)
	if p.LineWidth == nil {
		p.LineWidth = func(int) units.Sp { return 0 }
	}
	pp := newPara(items, p, b)
	if p.MaxItems > 0 && len(items) > p.MaxItems {
		return pp.firstFit()
	}
	if res, ok := pp.totalFit(); ok {
		return res
	}
	if p.MaxPass > 0 && p.MaxPass < 4 {
		return Result{Method: "none"}
	}
	return pp.firstFit() // unreachable in practice: the final pass always ends

}

// finish returns items ending with a forced break, appending the
// finishing sequence to a copy when needed.
// finishing sequence to a copy (in buf, when it is large enough) when
// needed. It also returns buf, grown if it was too small.
func finish(items, buf []Item) ([]Item, []Item) {
	last := items[len(items)-1]
	if last.Kind == Penalty && last.Penalty <= -Infinity {
		return items, buf
	}
	out := slices.Grow(buf[:0], len(items)+3)
	out = append(out, items...)
	if last.Kind == Glue {
		out = out[:len(out)-1] // TeX removes a last glue before \parfillskip
	}
	out = append(out,
		Item{Kind: Penalty, Penalty: Infinity},
		Item{Kind: Glue, Stretch: Fil},
		Item{Kind: Penalty, Penalty: -Infinity})
	return out, out
}

// para holds a paragraph with its running sums.
type para struct {
	items []Item
	p     Params
	// sums[i] holds the totals over items[0:i] and where a line starts
	// after a break at i-1, side by side so that measuring a line reads
	// two places in memory, not eight.
	sums []sums
	// buf lends the pass its scratch lists.
	buf *Breaker
	// protrudes and expands say whether any item protrudes or any box
	// stretches: a paragraph without either is measured as before.
	protrudes, expands bool
}

// newPara measures items into b's buffers.
func newPara(items []Item, p Params, b *Breaker) *para {
	n := len(items)
	b.sums = resize(b.sums, n+1)
	pp := &para{items: items, p: p, sums: b.sums, buf: b}
	ss := pp.sums
	var cur sums
	for i, it := range items {
		ss[i] = cur
		if it.Left != 0 || it.Right != 0 {
			pp.protrudes = true
		}
		switch it.Kind {
		case Box:
			cur.w += int64(it.Width)
			if it.Stretch != 0 || it.Shrink != 0 {
				pp.expands = true
				cur.y += int64(it.Stretch)
				cur.z += int64(it.Shrink)
			}
		case Glue:
			cur.w += int64(it.Width)
			if it.Stretch >= Fil {
				cur.fil++
			} else {
				cur.y += int64(it.Stretch)
			}
			cur.z += int64(it.Shrink)
		}
	}
	cur.nextBox = int32(n)
	ss[n] = cur
	for i := n - 1; i >= 0; i-- {
		it := items[i]
		if it.Kind == Box || (it.Kind == Penalty && it.Penalty <= -Infinity) {
			ss[i].nextBox = int32(i)
		} else {
			ss[i].nextBox = ss[i+1].nextBox
		}
	}
	return pp
}

// legal reports whether items[i] is a legal breakpoint (TeX §831): a
// penalty below Infinity, or glue right after a box.
func (pp *para) legal(i int) bool {
	it := pp.items[i]
	switch it.Kind {
	case Penalty:
		return it.Penalty < Infinity
	case Glue:
		return i > 0 && pp.items[i-1].Kind == Box
	}
	return false
}

// forced reports whether items[i] is a forced break.
func (pp *para) forced(i int) bool {
	it := pp.items[i]
	return it.Kind == Penalty && it.Penalty <= -Infinity
}

// startAfter is the index where the line after a break at b starts
// (b = -1: the paragraph start).
func (pp *para) startAfter(b int) int {
	if b < 0 {
		return 0
	}
	return int(pp.sums[b+1].nextBox)
}

// measure returns the natural width, stretch, shrink and Fil count of a
// line from start s up to a break at b.
func (pp *para) measure(s, b int) (w, y, z int64, fil int32) {
	if s > b {
		s = b
	}
	sb, sa := &pp.sums[b], &pp.sums[s]
	w = sb.w - sa.w
	y = sb.y - sa.y
	z = sb.z - sa.z
	fil = sb.fil - sa.fil
	if it := pp.items[b]; it.Kind == Penalty {
		w += int64(it.Width)
	}
	return
}

// left is the protrusion into the left margin of a line starting at
// item s.
func (pp *para) left(s int) int64 {
	if !pp.protrudes || s >= len(pp.items) || pp.items[s].Kind != Box {
		return 0
	}
	return int64(pp.items[s].Left)
}

// right is the protrusion into the right margin of a line ending at a
// break at b: the hyphen's, where one is drawn, else the last box's.
func (pp *para) right(b int) int64 {
	if !pp.protrudes {
		return 0
	}
	if it := pp.items[b]; it.Kind == Penalty && it.Width > 0 {
		return int64(it.Right)
	}
	if b > 0 && pp.items[b-1].Kind == Box {
		return int64(pp.items[b-1].Right)
	}
	return 0
}

// fontStretch returns the boxes' stretch and shrink from s up to b.
func (pp *para) fontStretch(s, b int) (y, z int64) {
	if !pp.expands {
		return 0, 0
	}
	for _, it := range pp.items[s:b] {
		if it.Kind == Box {
			y += int64(it.Stretch)
			z += int64(it.Shrink)
		}
	}
	return y, z
}

// makeLine builds the Line from start s to a break at b, set on a measure
// of width lw. Font expansion fills the line first, the glue the rest
// (pdfTeX's hpack with cal_expand_ratio).
func (pp *para) makeLine(s, b int, lw units.Sp) Line {
	if s > b {
		s = b
	}
	w, y, z, fil := pp.measure(s, b)
	it := pp.items[b]
	ln := Line{Start: s, End: b, Width: units.Sp(w),
		Hyphenated: it.Kind == Penalty && it.Flagged && it.Penalty > -Infinity}
	lp, rp := pp.left(s), pp.right(b)
	ln.Left, ln.Right = units.Sp(lp), units.Sp(rp)
	short := int64(lw) + lp + rp - w
	switch {
	case short > 0:
		if fil > 0 || pp.forced(b) || y <= 0 {
			ln.Ratio = 0
			break
		}
		fy, _ := pp.fontStretch(s, b)
		switch {
		case short <= fy:
			ln.Expand = float64(short) / float64(fy)
		default:
			if fy > 0 {
				ln.Expand = 1
			}
			if y > fy {
				ln.Ratio = float64(short-fy) / float64(y-fy)
			}
		}
	case short < 0:
		_, fz := pp.fontStretch(s, b)
		if z <= 0 || -short > z {
			ln.Ratio = -1
			ln.Overfull = true
			if fz > 0 {
				ln.Expand = -1
			}
			break
		}
		switch {
		case -short <= fz:
			ln.Expand = float64(short) / float64(fz)
		default:
			if fz > 0 {
				ln.Expand = -1
			}
			if z > fz {
				ln.Ratio = float64(short+fz) / float64(z-fz)
			}
		}
	}
	return ln
}

// firstFit breaks greedily: each line takes as much as fits with its glue
// shrunk, never more than MaxConsecutiveHyphens hyphenated lines in a row.
// It runs in linear time and is the fallback for huge paragraphs.
func (pp *para) firstFit() Result {
	res := Result{Method: "first-fit"}
	n := len(pp.items)
	line := 0
	s := 0
	hyph := 0
	cand := -1 // last breakpoint where the line fits
	lw := pp.p.LineWidth(0)
	emit := func(b int) {
		ln := pp.makeLine(s, b, lw)
		if ln.Overfull {
			res.Overfull++
		}
		if ln.Hyphenated {
			hyph++
		} else {
			hyph = 0
		}
		res.Lines = append(res.Lines, ln)
		s = pp.startAfter(b)
		line++
		lw = pp.p.LineWidth(line)
		cand = -1
	}
	for b := 0; b < n; b++ {
		if b < s || !pp.legal(b) {
			continue
		}
		it := pp.items[b]
		if it.Kind == Penalty && it.Flagged && pp.p.MaxConsecutiveHyphens > 0 &&
			hyph >= pp.p.MaxConsecutiveHyphens && !pp.forced(b) {
			continue
		}
		w, _, z, _ := pp.measure(s, b)
		fits := w-z <= int64(lw)+pp.left(s)+pp.right(b)
		switch {
		case fits && pp.forced(b):
			emit(b)
		case fits:
			cand = b
		case cand >= 0:
			emit(cand)
			b = cand // resume scanning after the break
		default:
			emit(b) // nothing fits: overfull, but no text is lost
		}
	}
	return res
}

// sums are the running totals at one position of a paragraph: width,
// finite stretch, shrink and count of Fil glue over the items before it,
// and nextBox, the first item from it on that is a box or forced penalty
// (len(items) if none): where a line starts after a break just before.
type sums struct {
	w, y, z int64
	fil     int32
	nextBox int32
}

// resize returns s with length n, reusing its array when it is large
// enough. The contents are not cleared: callers overwrite every element.
func resize[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}
