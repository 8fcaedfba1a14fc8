package linebreak

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/pamphlet/pamphlet/builder/units"
)

var update = flag.Bool("update", false, "rewrite golden files")

// Fake metrics: every character is 6pt wide and a space is 6pt that
// stretches 3pt and shrinks 2pt, so a line's natural width in characters is
// its width in columns.
const (
	cw = 6 * units.Pt
	sy = 3 * units.Pt
	sz = 2 * units.Pt
)

// fake is a paragraph of items with the text each box shows.
type fake struct {
	items []Item
	text  []string
}

// build turns text into items: words are boxes, spaces glue, "-" inside a
// word a hyphenation point (flagged penalty 50 with a hyphen's width) and
// "\n" a forced break (as TeX's \hfil\break).
func build(s string) fake {
	var f fake
	add := func(it Item, t string) {
		f.items = append(f.items, it)
		f.text = append(f.text, t)
	}
	for li, line := range strings.Split(s, "\n") {
		if li > 0 {
			add(Item{Kind: Penalty, Penalty: Infinity}, "")
			add(Item{Kind: Glue, Stretch: Fil}, "")
			add(Item{Kind: Penalty, Penalty: -Infinity}, "")
		}
		for wi, word := range strings.Fields(line) {
			if wi > 0 {
				add(Item{Kind: Glue, Width: cw, Stretch: sy, Shrink: sz}, " ")
			}
			for pi, piece := range strings.Split(word, "-") {
				if pi > 0 {
					add(Item{Kind: Penalty, Penalty: 50, Flagged: true, Width: cw}, "")
				}
				add(Item{Kind: Box, Width: cw * units.Sp(utf8.RuneCountInString(piece))}, piece)
			}
		}
	}
	return f
}

// render shows res as text: each line padded to the measure (cols), a bar
// at the measure, then the ratio and flags.
func render(f fake, res Result, widths func(int) int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "method=%s pass=%d lines=%d overfull=%d\n", res.Method, res.Pass, len(res.Lines), res.Overfull)
	for i, ln := range res.Lines {
		var t strings.Builder
		for k := ln.Start; k < ln.End && k < len(f.text); k++ {
			t.WriteString(f.text[k])
		}
		if ln.Hyphenated {
			t.WriteString("-")
		}
		s := t.String()
		cols := widths(i)
		if pad := cols - utf8.RuneCountInString(s); pad > 0 {
			s += strings.Repeat(" ", pad)
		}
		fmt.Fprintf(&b, "%s| %+.3f", s, ln.Ratio)
		if ln.Hyphenated {
			b.WriteString(" hyph")
		}
		if ln.Overfull {
			b.WriteString(" OVERFULL")
		}
		b.WriteString("\n")
	}
	return b.String()
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from golden:\n--- got\n%s--- want\n%s", path, got, want)
	}
}

// checkCover fails unless the lines take every box exactly once, in order,
// and everything between lines is discardable glue or penalty.
func checkCover(t testing.TB, items []Item, res Result) {
	t.Helper()
	next := 0
	for i, ln := range res.Lines {
		if ln.Start < next || ln.End < ln.Start {
			t.Fatalf("line %d: [%d,%d) after %d", i, ln.Start, ln.End, next)
		}
		for k := next; k < ln.Start && k < len(items); k++ {
			if items[k].Kind == Box {
				t.Fatalf("line %d: box %d dropped", i, k)
			}
		}
		if ln.End < len(items) && items[ln.End].Kind == Box {
			t.Fatalf("line %d: breaks at box %d", i, ln.End)
		}
		next = ln.End + 1
	}
	for k := next; k < len(items); k++ {
		if items[k].Kind == Box {
			t.Fatalf("box %d after the last line", k)
		}
	}
}

func readText(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(string(b))
}

func constCols(c int) func(int) int { return func(int) int { return c } }

func TestGoldens(t *testing.T) {
	heroism := readText(t, "heroism.txt")
	type tc struct {
		name   string
		text   string
		cols   func(int) int
		params func(*Params)
	}
	cases := []tc{
		{name: "heroism-30", text: heroism, cols: constCols(30)},
		{name: "heroism-45", text: heroism, cols: constCols(45)},
		{name: "heroism-65", text: heroism, cols: constCols(65)},
		{name: "hyphenation", cols: constCols(18),
			text: "The in-ter-na-tional char-ac-ter of im-pe-ri-al-ism makes geopo-lit-i-cal ques-tions of man-u-fac-tur-ers every-body’s busi-ness."},
		{name: "overfull", cols: constCols(12),
			text: "A supercalifragilisticexpialidocious word is never lost."},
		{name: "forced", cols: constCols(30),
			text: "Ruby wine is drunk by knaves,\nSugar spends to fatten slaves,\nRose and vine-leaf deck buffoons;"},
		{name: "indent", text: heroism,
			cols:   func(n int) int { return map[bool]int{true: 36, false: 40}[n == 0] },
			params: func(p *Params) { p.EasyLine = 1 }},
		{name: "one-word", text: "Heroism", cols: constCols(30)},
		{name: "double-hyphen", cols: constCols(13),
			text: "ex-tra-or-di-nar-i-ly ex-tra-or-di-nar-i-ly ex-tra-or-di-nar-i-ly ex-tra-or-di-nar-i-ly ex-tra-or-di-nar-i-ly"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := build(c.text)
			p := Defaults(0)
			p.LineWidth = func(n int) units.Sp { return cw * units.Sp(c.cols(n)) }
			if c.params != nil {
				c.params(&p)
			}
			res := Break(f.items, p)
			checkCover(t, f.items, res)
			golden(t, c.name, render(f, res, c.cols))
		})
	}
}

func TestEmpty(t *testing.T) {
	res := Break(nil, Defaults(100*units.Pt))
	if len(res.Lines) != 0 {
		t.Errorf("empty paragraph gave %d lines", len(res.Lines))
	}
}

func TestOverfullKeepsText(t *testing.T) {
	f := build("A supercalifragilisticexpialidocious word is never lost.")
	res := Break(f.items, Defaults(12*cw))
	checkCover(t, f.items, res)
	if res.Overfull != 1 {
		t.Errorf("Overfull = %d, want 1", res.Overfull)
	}
	var over []int
	for i, ln := range res.Lines {
		if ln.Overfull {
			over = append(over, i)
		}
	}
	if len(over) != 1 || f.text[res.Lines[over[0]].Start] != "supercalifragilisticexpialidocious" {
		t.Errorf("overfull lines %v, want the long word's line alone", over)
	}
}

// sumBadness is the sum over lines except the last of 100|r|^3, a plain
// measure of how evenly a paragraph is set.
func sumBadness(res Result) float64 {
	s := 0.0
	for _, ln := range res.Lines[:len(res.Lines)-1] {
		r := ln.Ratio
		if r < 0 {
			r = -r
		}
		s += 100 * r * r * r
	}
	return s
}

// TestTotalFitBeatsFirstFit shows Knuth and Plass's point: first-fit fills
// a line greedily and leaves the next one loose; total-fit evens them out.
func TestTotalFitBeatsFirstFit(t *testing.T) {
	text := readText(t, "heroism.txt")
	f := build(text)
	p := Defaults(65 * cw)
	total := Break(f.items, p)
	p.MaxItems = 1
	first := Break(f.items, p)
	checkCover(t, f.items, total)
	checkCover(t, f.items, first)
	if total.Method != "total-fit" || first.Method != "first-fit" {
		t.Fatalf("methods %q, %q", total.Method, first.Method)
	}
	golden(t, "total-vs-first", "total-fit:\n"+render(f, total, constCols(65))+
		"\nfirst-fit:\n"+render(f, first, constCols(65)))
	bt, bf := sumBadness(total), sumBadness(first)
	t.Logf("sum of badness: total-fit %.0f, first-fit %.0f", bt, bf)
	if bt >= bf {
		t.Errorf("total-fit badness %.0f not below first-fit %.0f", bt, bf)
	}
}

func TestBadnessMatchesTeX(t *testing.T) {
	for _, c := range []struct {
		t, s int64
		want int
	}{
		// TeX's approximation: 100 for r=1, 12 (not 12.5) for r=1/2, 800 for r=2,
		// 336 (not 337.5) for r=3/2, inf_bad beyond r of about 4.34.
		{0, 0, 0}, {1, 0, infBad}, {100, 100, 100}, {50, 100, 12}, {200, 100, 800},
		{65536, 65536 * 2, 12}, {3 * 65536, 2 * 65536, 336}, {434, 100, 8151}, {500, 100, infBad}, {-1 + 1, 5, 0},
	} {
		if got := badness(c.t, c.s); got != c.want {
			t.Errorf("badness(%d,%d) = %d, want %d", c.t, c.s, got, c.want)
		}
	}
}

func TestMaxConsecutiveHyphens(t *testing.T) {
	f := build("ex-tra-or-di-nar-i-ly ex-tra-or-di-nar-i-ly ex-tra-or-di-nar-i-ly ex-tra-or-di-nar-i-ly ex-tra-or-di-nar-i-ly")
	for _, max := range []int{1, 2} {
		p := Defaults(13 * cw)
		p.MaxConsecutiveHyphens = max
		p.DoubleHyphenDemerits = 0 // make runs of hyphens tempting
		for _, first := range []bool{false, true} {
			if first {
				p.MaxItems = 1
			}
			res := Break(f.items, p)
			checkCover(t, f.items, res)
			run := 0
			for i, ln := range res.Lines {
				if ln.Hyphenated {
					run++
				} else {
					run = 0
				}
				if run > max {
					t.Errorf("max %d first-fit=%v: line %d is hyphenated line %d in a row", max, first, i, run)
				}
			}
		}
	}
}

func TestDoesNotModifyItems(t *testing.T) {
	f := build("one two three")
	n := len(f.items)
	items := f.items[:n:n]
	Break(items, Defaults(10*cw))
	if len(items) != n {
		t.Fatal("items changed")
	}
}

func TestLooseness(t *testing.T) {
	f := build(readText(t, "heroism.txt"))
	p := Defaults(65 * cw)
	base := len(Break(f.items, p).Lines)
	for _, c := range []struct{ looseness, want int }{{1, base + 1}, {2, base + 2}, {0, base}, {-1, base}} {
		p.Looseness = c.looseness
		p.EmergencyStretch = 2 * cw // as TeX users do when asking for looseness
		res := Break(f.items, p)
		checkCover(t, f.items, res)
		// The paragraph is already tight: one line fewer would be
		// overfull, so looseness -1 keeps the count.
		if len(res.Lines) != c.want || res.Overfull != 0 {
			t.Errorf("looseness %d: %d lines (%d overfull), want %d (pass %d)",
				c.looseness, len(res.Lines), res.Overfull, c.want, res.Pass)
		}
	}
}

// TestRaggedRight uses the TeXbook's ragged-right spaces (glue that
// stretches, a penalty, glue that unstretches): lines break at the
// penalties (or at a space that fits exactly) and no line is shrunk or
// stretched beyond the fill.
func TestRaggedRight(t *testing.T) {
	var items []Item
	for i, w := range strings.Fields(readText(t, "heroism.txt")) {
		if i > 0 {
			items = append(items,
				Item{Kind: Glue, Stretch: 10 * cw},
				Item{Kind: Penalty},
				Item{Kind: Glue, Width: cw, Stretch: -10 * cw})
		}
		items = append(items, Item{Kind: Box, Width: cw * units.Sp(utf8.RuneCountInString(w))})
	}
	res := Break(items, Defaults(60*cw))
	checkCover(t, items, res)
	if res.Overfull != 0 || res.Pass != 1 {
		t.Errorf("pass %d, %d overfull", res.Pass, res.Overfull)
	}
	for i, ln := range res.Lines[:len(res.Lines)-1] {
		if ln.Ratio < 0 || ln.Ratio > 1 {
			t.Errorf("line %d [%d,%d) ends at %v with ratio %.3f width %v", i, ln.Start, ln.End, items[ln.End].Kind, ln.Ratio, ln.Width)
		}
	}
}
