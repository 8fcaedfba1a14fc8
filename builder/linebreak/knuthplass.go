package linebreak

import (
	"slices"

	"github.com/pamphlet/pamphlet/builder/units"
)

// Fitness classes (TeX §817): how much a line's glue is stretched or shrunk.
const (
	veryLoose uint8 = iota // badness > 99, stretched
	loose                  // 12 < badness <= 99, stretched
	decent                 // badness <= 12
	tight                  // badness > 12, shrunk
)

const (
	infBad     = Infinity  // TeX's inf_bad
	awfulBad   = 1<<62 - 1 // TeX's awful_bad: "no break yet"
	hugeDemrit = 100000000 // (l+b)^2 when l+b >= 10000
)

// badness is TeX's badness function (§108): approximately 100(t/s)^3,
// computed in integers so that it is the same on every machine, and at
// most infBad.
func badness(t, s int64) int {
	if t == 0 {
		return 0
	}
	if s <= 0 {
		return infBad
	}
	var r int64
	switch {
	case t <= 7230584:
		r = t * 297 / s
	case s >= 1663497:
		r = t / (s / 297)
	default:
		r = t
	}
	if r > 1290 {
		return infBad // 1290^3 < 2^31 <= 1291^3
	}
	return int((r*r*r + 0x20000) / 0x40000)
}

// sloppyBadness is 100(t/s)^3 without TeX's cap at 10000 (but at most
// 10^6, so that sums of squares stay far from overflow), with s at least 1pt
// so that a line without glue is merely very bad. Integers only.
func sloppyBadness(t, s int64) int64 {
	s = max(s, int64(units.Pt))
	r := t * 1000 / s // r in thousandths
	if r > 21544 {    // 100 * 21.544^3 > 10^6
		return 1000000
	}
	return max(r*r*r/10000000, infBad)
}

// passive is a break chosen as the end of some line (TeX's passive node):
// the chain through prev gives the breaks of one way to set the text before.
type passive struct {
	pos  int32 // the break's item index
	prev int32 // previous passive node, -1 at the paragraph start
}

// active is a break from which a next line may still start (TeX's active
// node), with the best way found to reach it for its fitness class, line
// number and run of hyphenated lines.
type active struct {
	total   int64    // total demerits of the best way here
	lw      units.Sp // width of the line that starts here
	pos     int32    // break index; -1 for the paragraph start
	start   int32    // first item of the next line
	passive int32    // chain of breaks, -1 for the paragraph start
	line    int32    // lines set so far (the next line's number)
	fitness uint8    // fitness class of the line that ends here
	hyphens uint8    // hyphenated lines in a row ending here
	flagged bool     // this break is a hyphenation (or the final) break
}

// candidate is a feasible new break being collected at one position.
type candidate struct {
	total   int64
	from    int32 // passive node of the line's start, -1 for the paragraph
	line    int32
	key     int32 // line number, or -1 where lines are merged (easy_line)
	fitness uint8
	hyphens uint8
}

// pass is one pass of the algorithm (TeX §863).
type pass struct {
	threshold int
	hyphens   bool     // whether flagged penalties are breaks
	final     bool     // whether this pass must end (artificial demerits)
	emergency units.Sp // background stretch added to every line
	number    int
}

// totalFit runs TeX's passes and returns the lines of the first that finds
// a feasible set of breaks (with looseness met).
func (pp *para) totalFit() (Result, bool) {
	p := pp.p
	var passes []pass
	if p.PreTolerance >= 0 {
		passes = append(passes, pass{threshold: p.PreTolerance, number: 1})
	}
	passes = append(passes, pass{threshold: p.Tolerance, hyphens: true, number: 2})
	if p.EmergencyStretch > 0 {
		passes = append(passes, pass{threshold: p.Tolerance, hyphens: true,
			emergency: p.EmergencyStretch, number: 3})
	}
	// Where TeX would now give up and set overfull boxes, a last pass
	// accepts any badness (LaTeX's \sloppy): a loose line stays inside the
	// measure, an overfull one runs into the margin, so only material that
	// cannot fit at all comes out overfull.
	passes = append(passes, pass{threshold: infBad, hyphens: true, final: true,
		emergency: max(p.EmergencyStretch, 0), number: 4})
	for _, ps := range passes {
		if p.MaxPass > 0 && ps.number > p.MaxPass {
			break
		}
		if res, ok := pp.run(ps); ok {
			return res, true
		}
	}
	return Result{}, false
}

// run is one pass: TeX §863's loop over the legal breakpoints, with
// try_break (§829) for each.
func (pp *para) run(ps pass) (Result, bool) {
	p := pp.p
	n := len(pp.items)
	maxActive := p.MaxActive
	if maxActive <= 0 {
		maxActive = DefaultMaxActive
	}
	easy := int32(p.EasyLine)
	if p.Looseness != 0 || p.EasyLine < 0 {
		easy = 1<<31 - 1
	}
	maxHyph := p.MaxConsecutiveHyphens
	if maxHyph > 255 {
		maxHyph = 255
	}
	adj := int64(p.AdjDemerits)
	if adj < 0 {
		adj = -adj
	}

	buf := pp.buf
	// A line's width counts the protrusion of its first box (in the
	// active node, where the line starts) and its last (at the break).
	act := append(buf.act[:0], active{pos: -1, start: 0, passive: -1, line: 0, fitness: decent, lw: p.LineWidth(0) + units.Sp(pp.left(0))})
	pas := slices.Grow(buf.pas[:0], n/4+8)
	cands := buf.cands[:0]
	totals := buf.totals[:0] // scratch for prune
	// The lists go back to the Breaker for the next pass or paragraph.
	defer func() { buf.act, buf.pas, buf.cands, buf.totals = act, pas, cands, totals }()
	artificialUsed := false

	for b := 0; b < n; b++ {
		if !pp.legal(b) {
			continue
		}
		it := pp.items[b]
		forced := pp.forced(b)
		final := b == n-1
		flagged := it.Kind == Penalty && it.Flagged && !forced
		if flagged && !ps.hyphens {
			continue
		}
		pi := 0
		if it.Kind == Penalty {
			pi = max(min(it.Penalty, Infinity), -Infinity)
		}
		// TeX treats the paragraph's end as a hyphenated break (§876),
		// so a hyphen on the last-but-one line costs FinalHyphenDemerits.
		breakHyph := flagged || final
		rp := pp.right(b)
		cands = cands[:0]
		kept := 0
		for r := 0; r < len(act); r++ {
			a := act[r]
			if flagged && maxHyph > 0 && int(a.hyphens) >= maxHyph {
				act[kept] = a // a third hyphen in a row: not from here
				kept++
				continue
			}
			w, y, z, fil := pp.measure(int(a.start), b)
			y += int64(ps.emergency)
			short := int64(a.lw) + rp - w
			var bad int
			var fit uint8
			if short > 0 {
				switch {
				case fil > 0 || forced:
					bad, fit = 0, decent
				case short > 7230584 && y < 1663497:
					bad, fit = infBad, veryLoose
				default:
					bad = badness(short, y)
					switch {
					case bad > 99:
						fit = veryLoose
					case bad > 12:
						fit = loose
					default:
						fit = decent
					}
				}
			} else {
				if -short > z {
					bad = infBad + 1
				} else {
					bad = badness(-short, z)
				}
				fit = decent
				if bad > 12 {
					fit = tight
				}
			}
			artificial := false
			stays := false
			if bad > infBad || forced {
				// §854: deactivate r, unless it is the last hope of
				// the final pass.
				if ps.final && len(cands) == 0 && kept == 0 && r == len(act)-1 {
					artificial = true
					artificialUsed = true
				} else if bad > ps.threshold {
					continue // deactivate
				}
			} else {
				if bad > ps.threshold {
					act[kept] = a
					kept++
					continue
				}
				stays = true
			}
			// §859: the demerits of the line from a to b.
			var d int64
			if !artificial {
				d = int64(p.LinePenalty) + int64(bad)
				switch {
				case ps.number == 4 && bad >= infBad && short > 0:
					// TeX's badness stops at 10000, which makes a
					// line with one word as good as one a little too
					// loose; the last resort tells them apart.
					d = int64(p.LinePenalty) + sloppyBadness(short, y)
					d *= d
				case d >= 10000 || d <= -10000:
					d = hugeDemrit
				default:
					d *= d
				}
				if pi > 0 {
					d += int64(pi) * int64(pi)
				} else if pi < 0 && pi > -Infinity {
					d -= int64(pi) * int64(pi)
				}
				if breakHyph && a.flagged {
					if final {
						d += int64(p.FinalHyphenDemerits)
					} else {
						d += int64(p.DoubleHyphenDemerits)
					}
				}
				if diff := int(fit) - int(a.fitness); diff > 1 || diff < -1 {
					d += adj
				}
			}
			c := candidate{total: a.total + d, from: a.passive, line: a.line + 1, fitness: fit}
			c.key = c.line
			if c.line > easy {
				c.key = -1
			}
			if flagged {
				c.hyphens = a.hyphens
				if c.hyphens < 255 {
					c.hyphens++
				}
			}
			if maxHyph <= 0 {
				c.hyphens = 0 // no limit: no need to tell runs apart
				if flagged {
					c.hyphens = 1
				}
			}
			addCandidate(&cands, c)
			if stays {
				act[kept] = a
				kept++
			}
		}
		act = act[:kept]
		if len(cands) > 0 {
			act = pp.activate(act, pas, cands, b, adj, flagged || final)
			for i := range act[kept:] {
				pas = append(pas, passive{pos: int32(b), prev: act[kept+i].passive})
				act[kept+i].passive = int32(len(pas) - 1)
			}
		}
		if len(act) == 0 {
			return Result{}, false // no feasible breaks in this pass
		}
		if len(act) > maxActive {
			act, totals = prune(act, totals, maxActive*3/4)
		}
	}

	// The last position is a forced break, so every active node now ends
	// the paragraph there (§873): choose the best, then apply looseness.
	best := -1
	for i := range act {
		if act[i].pos == int32(n-1) && (best < 0 || act[i].total < act[best].total) {
			best = i
		}
	}
	if best < 0 {
		return Result{}, false
	}
	if p.Looseness != 0 {
		bestLine := act[best].line
		actual := int32(0)
		fewest := act[best].total
		for i := range act {
			if act[i].pos != int32(n-1) {
				continue
			}
			diff := act[i].line - bestLine
			if (diff < actual && int32(p.Looseness) <= diff) || (diff > actual && int32(p.Looseness) >= diff) {
				best, actual, fewest = i, diff, act[i].total
			} else if diff == actual && act[i].total < fewest {
				best, fewest = i, act[i].total
			}
		}
		if actual != int32(p.Looseness) && !ps.final {
			return Result{}, false
		}
	}

	breaks := buf.breaks[:0]
	for q := act[best].passive; q >= 0; q = pas[q].prev {
		breaks = append(breaks, pas[q].pos)
	}
	buf.breaks = breaks
	res := Result{Method: "total-fit", Pass: ps.number, Lines: make([]Line, 0, len(breaks))}
	if ps.number >= 3 || artificialUsed {
		res.Method = "emergency"
	}
	start := 0
	for i := len(breaks) - 1; i >= 0; i-- {
		b := int(breaks[i])
		ln := pp.makeLine(start, b, p.LineWidth(len(res.Lines)))
		if ln.Overfull {
			res.Overfull++
		}
		res.Lines = append(res.Lines, ln)
		start = pp.startAfter(b)
	}
	return res, true
}

// prune keeps the keep active nodes with the fewest total demerits (the
// earlier ones on ties), in their order. Demerits only grow along a path, so
// the nodes dropped are those least likely to lead to the best paragraph;
// the paragraph start, with none, stays as long as it can still be used,
// so text much narrower than the measure is not cut into lines for no
// reason. Sorting a copy of the totals costs O(k log k) once every k/4
// positions at most.
func prune(act []active, totals []int64, keep int) ([]active, []int64) {
	keep = max(keep, 1)
	totals = totals[:0]
	for _, a := range act {
		totals = append(totals, a.total)
	}
	slices.Sort(totals)
	limit := totals[keep-1]
	below := 0 // nodes strictly under the limit, all kept
	for _, t := range totals[:keep] {
		if t < limit {
			below++
		}
	}
	atLimit := keep - below
	k := 0
	for _, a := range act {
		if a.total < limit || (a.total == limit && atLimit > 0) {
			if a.total == limit {
				atLimit--
			}
			act[k] = a
			k++
		}
	}
	return act[:k], totals
}

// addCandidate records c unless a candidate of the same class (line key,
// fitness, hyphen run) is at least as good.
func addCandidate(cands *[]candidate, c candidate) {
	for i := range *cands {
		o := &(*cands)[i]
		if o.key == c.key && o.fitness == c.fitness && o.hyphens == c.hyphens {
			if c.total < o.total {
				*o = c
			}
			return
		}
	}
	*cands = append(*cands, c)
}

// activate appends the new active nodes for the candidates at break b
// (§836): within a group of the same line key and hyphen run, only those
// within AdjDemerits of the group's best can ever win.
func (pp *para) activate(act []active, pas []passive, cands []candidate, b int, adj int64, flagged bool) []active {
	start := int32(pp.startAfter(b))
	for _, c := range cands {
		best := c.total
		for _, o := range cands {
			if o.key == c.key && o.hyphens == c.hyphens && o.total < best {
				best = o.total
			}
		}
		if c.total > best+adj {
			continue
		}
		act = append(act, active{
			total:   c.total,
			lw:      pp.p.LineWidth(int(c.line)) + units.Sp(pp.left(int(start))),
			pos:     int32(b),
			start:   start,
			passive: c.from, // replaced by the new passive node by the caller
			line:    c.line,
			fitness: c.fitness,
			hyphens: c.hyphens,
			flagged: flagged,
		})
	}
	return act
}
