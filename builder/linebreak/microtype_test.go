package linebreak

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/pamphlet/pamphlet/builder/units"
)

// TestProtrusionFits: a line one comma too wide fits when the comma may
// hang into the margin, and the line says by how much it hangs.
func TestProtrusionFits(t *testing.T) {
	items := func(right, left units.Sp) []Item {
		return []Item{
			{Kind: Box, Width: 60 * units.Pt, Left: left},
			{Kind: Glue, Width: 6 * units.Pt, Stretch: 3 * units.Pt},
			{Kind: Box, Width: 32 * units.Pt, Right: right},
			{Kind: Glue, Width: 6 * units.Pt, Stretch: 3 * units.Pt},
			{Kind: Box, Width: 30 * units.Pt},
		}
	}
	p := Defaults(95 * units.Pt)
	// Without protrusion the two first words (98pt, no shrink) cannot
	// share a line of 95pt.
	res := Break(items(0, 0), p)
	if res.Lines[0].End != 1 {
		t.Fatalf("without protrusion: %+v", res.Lines)
	}
	res = Break(items(3*units.Pt, 2*units.Pt), p)
	if len(res.Lines) != 2 || res.Lines[0].End != 3 {
		t.Fatalf("with protrusion the first line should end after the second word: %+v", res.Lines)
	}
	l := res.Lines[0]
	if l.Overfull || l.Right != 3*units.Pt || l.Left != 2*units.Pt {
		t.Errorf("line 1: overfull %v, left %v, right %v; want false, 2pt, 3pt", l.Overfull, l.Left, l.Right)
	}
	// 60 + 6 + 32 = 98 natural on a measure of 95 + 2 + 3 = 100:
	// 2pt of stretch from 3pt.
	if want := 2.0 / 3; math.Abs(l.Ratio-want) > 1e-9 {
		t.Errorf("line 1 ratio %v, want %v", l.Ratio, want)
	}
}

// TestProtrusionHyphen: a hyphenation break hangs by its penalty's Right,
// not by the box before it.
func TestProtrusionHyphen(t *testing.T) {
	items := []Item{
		{Kind: Box, Width: 50 * units.Pt, Right: 9 * units.Pt},
		{Kind: Penalty, Penalty: 50, Flagged: true, Width: 4 * units.Pt, Right: 2 * units.Pt},
		{Kind: Box, Width: 50 * units.Pt},
	}
	p := Defaults(52 * units.Pt)
	p.PreTolerance = -1
	res := Break(items, p)
	if len(res.Lines) != 2 || !res.Lines[0].Hyphenated {
		t.Fatalf("want a hyphenated first line: %+v", res.Lines)
	}
	if l := res.Lines[0]; l.Right != 2*units.Pt || l.Overfull {
		t.Errorf("hyphenated line: right %v overfull %v; want 2pt, false", l.Right, l.Overfull)
	}
}

// TestExpansionFirst: font expansion fills a line before its glue does,
// up to its bounds, in both directions.
func TestExpansionFirst(t *testing.T) {
	line := func(measure units.Sp) Line {
		items := []Item{
			{Kind: Box, Width: 100 * units.Pt, Stretch: 2 * units.Pt, Shrink: 2 * units.Pt},
			{Kind: Glue, Width: 10 * units.Pt, Stretch: 5 * units.Pt, Shrink: 3 * units.Pt},
			{Kind: Box, Width: 100 * units.Pt, Stretch: 2 * units.Pt, Shrink: 2 * units.Pt},
			// The line ends at this glue, not at the paragraph's
			// end, so that it is justified.
			{Kind: Glue, Width: 10 * units.Pt, Stretch: 5 * units.Pt, Shrink: 3 * units.Pt},
			{Kind: Box, Width: 100 * units.Pt},
		}
		pp := newPara(items, Defaults(measure), &Breaker{})
		return pp.makeLine(0, 3, measure)
	}
	for _, c := range []struct {
		measure       units.Sp
		expand, ratio float64
	}{
		{210 * units.Pt, 0, 0},         // natural
		{211 * units.Pt, 0.25, 0},      // 1pt of 4pt of font stretch
		{214 * units.Pt, 1, 0},         // all of it
		{219 * units.Pt, 1, 1},         // then all the glue's 5pt
		{208 * units.Pt, -0.5, 0},      // 2pt of 4pt of shrink
		{206 * units.Pt, -1, 0},        // all of it
		{205 * units.Pt, -1, -1.0 / 3}, // then a third of the glue's
	} {
		l := line(c.measure)
		if math.Abs(l.Expand-c.expand) > 1e-9 || math.Abs(l.Ratio-c.ratio) > 1e-9 || l.Overfull {
			t.Errorf("measure %v: expand %v ratio %v overfull %v; want %v %v false", c.measure, l.Expand, l.Ratio, l.Overfull, c.expand, c.ratio)
		}
	}
	if l := line(200 * units.Pt); !l.Overfull || l.Expand != -1 {
		t.Errorf("measure 200pt: overfull %v expand %v; want true, -1", l.Overfull, l.Expand)
	}
}

// TestExpansionBounds: on random paragraphs with expandable boxes, every
// line's expansion is within ±1 of its boxes' stretch or shrink, the glue
// is only stretched or shrunk once the expansion is used up, and the
// line then fills its measure exactly.
func TestExpansionBounds(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 2))
	for n := range 200 {
		var items []Item
		words := 5 + rng.IntN(80)
		for w := range words {
			if w > 0 {
				items = append(items, Item{Kind: Glue, Width: 4 * units.Pt, Stretch: 2 * units.Pt, Shrink: units.Pt})
			}
			wd := units.Sp(5+rng.IntN(60)) * units.Pt
			items = append(items, Item{Kind: Box, Width: wd, Stretch: wd / 50, Shrink: wd / 50, Right: units.Sp(rng.IntN(3)) * units.Pt})
		}
		measure := units.Sp(80+rng.IntN(200)) * units.Pt
		res := Break(items, Defaults(measure))
		fin, _ := finish(items, nil)
		pp := newPara(fin, Defaults(measure), &Breaker{})
		for i, l := range res.Lines {
			if l.Expand < -1 || l.Expand > 1 {
				t.Fatalf("paragraph %d line %d: expand %v out of bounds", n, i, l.Expand)
			}
			if l.Ratio != 0 && math.Abs(l.Expand) < 1 && !l.Overfull {
				t.Fatalf("paragraph %d line %d: glue ratio %v with expansion %v not used up", n, i, l.Ratio, l.Expand)
			}
			if l.Overfull || i == len(res.Lines)-1 {
				continue
			}
			// The set width: boxes expanded, glue set by the ratio.
			var set, gy float64
			for _, it := range pp.items[l.Start:l.End] {
				switch it.Kind {
				case Box:
					set += float64(it.Width)
					if l.Expand > 0 {
						set += l.Expand * float64(it.Stretch)
					} else {
						set += l.Expand * float64(it.Shrink)
					}
				case Glue:
					gy += float64(it.Stretch)
					set += float64(it.Width)
					if l.Ratio > 0 {
						set += l.Ratio * float64(it.Stretch)
					} else {
						set += l.Ratio * float64(it.Shrink)
					}
				}
			}
			want := float64(measure + l.Left + l.Right)
			if gy == 0 && set < want {
				continue // one word, too long to share: underfull, as TeX sets it
			}
			if math.Abs(set-want) > 2 {
				t.Fatalf("paragraph %d line %d: set %v sp wide, want %v", n, i, set, want)
			}
		}
	}
}
