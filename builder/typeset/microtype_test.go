package typeset

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/pamphlet/pamphlet/builder/diag"
	"github.com/pamphlet/pamphlet/builder/doc"
	"github.com/pamphlet/pamphlet/builder/font"
	"github.com/pamphlet/pamphlet/builder/frame"
	"github.com/pamphlet/pamphlet/builder/units"
)

// TestProtrusionClasses pins the protrusion of each class of character
// to microtype's default set.
func TestProtrusionClasses(t *testing.T) {
	for _, c := range []struct {
		chars       string
		left, right int
	}{
		{"-\u2010", 500, 500}, // hyphens
		{",:", 0, 500},        // comma, colon
		{".", 0, 700},         // full stop
		{";", 0, 300},
		{"!?", 0, 100},
		{"–", 200, 200}, // en dash
		{"—", 150, 150}, // em dash
		{"‘’", 300, 400},
		{"“”", 300, 300},
		{"«»", 200, 200},
		{"(", 100, 0},
		{")", 0, 200},
		{"AVWTY", 50, 50},
		{"krFL", 0, 50},
		{"eonsadghimu0", 0, 0}, // letters and figures with straight sides
	} {
		for _, r := range c.chars {
			if l, rt := protrusion(r); l != c.left || rt != c.right {
				t.Errorf("protrusion(%q) = %d, %d; want %d, %d", r, l, rt, c.left, c.right)
			}
		}
	}
}

// microText is one long paragraph with every kind of line end:
// punctuation, long words to hyphenate, quotes opening lines.
var microText = strings.Repeat("“Government, even in its best state, is but a necessary evil; in its worst state an intolerable one.” "+
	"Society in every state is a blessing, but government is the badge of lost innocence—the palaces of kings are built on the ruins of the bowers of paradise. "+
	"Incomprehensibly, notwithstanding the circumstances, representatives, constitutional arrangements, and considerations, "+
	"the inhabitants—unquestionably—preferred independence. ", 6)

// setMicro typesets microText as one paragraph at A6, with microtype on
// or off, and returns the document and the paragraph's node.
func setMicro(t *testing.T, on bool) (*frame.Document, int32, Options) {
	t.Helper()
	o := opts(t)
	st := *o.Style
	st.Microtype = on
	o.Style = &st
	b := &doc.Book{Meta: doc.Meta{Title: "Micro", Lang: "en-US"}, Articles: []*doc.Article{md(t, "micro", "# Micro\n\n"+microText+"\n")}}
	var diags diag.List
	d, err := Typeset(context.Background(), b, o, &diags)
	if err != nil {
		t.Fatal(err)
	}
	for _, dg := range diags.Items() {
		if dg.Code == "T001" {
			t.Errorf("overfull line: %s", dg)
		}
	}
	// The article's paragraph: the last, after the title page's.
	for i := len(d.Nodes) - 1; i > 0; i-- {
		if d.Nodes[i].Role == "P" {
			return d, int32(i), o
		}
	}
	t.Fatal("no paragraph")
	return nil, 0, o
}

// microLine is one line of the paragraph: its first and last text items.
type microLine struct {
	page        int
	first, last frame.Item
}

func microLines(d *frame.Document, node int32) []microLine {
	var out []microLine
	for pi, p := range d.Pages {
		for _, it := range p.Items {
			if it.Kind != frame.Text || it.Node != node {
				continue
			}
			if n := len(out); n > 0 && out[n-1].page == pi && out[n-1].first.Y == it.Y {
				out[n-1].last = it
				continue
			}
			out = append(out, microLine{page: pi, first: it, last: it})
		}
	}
	return out
}

// TestMicrotypeEdges: every justified line of the paragraph starts at the
// text block's left edge less its first character's protrusion and ends
// at the right edge plus its last character's (or hyphen's), to a
// hundredth of a point, and its glyphs are expanded within ±2%.
func TestMicrotypeEdges(t *testing.T) {
	d, node, o := setMicro(t, true)
	s := o.Style
	fc := o.Fonts.NewCache()
	share := func(f font.Face, size units.Sp, r rune, thousandths int) units.Sp {
		return fc.Width(f, size, string(r)) * units.Sp(thousandths) / 1000
	}
	lines := microLines(d, node)
	if len(lines) < 20 {
		t.Fatalf("%d lines, want a long paragraph", len(lines))
	}
	tol := units.Pt / 100
	ends := map[rune]int{}
	expanded, shrunk := 0, 0
	for i, ln := range lines[:len(lines)-1] { // the last line is not justified
		left := s.Inner
		if ln.page%2 == 1 {
			left = s.Outer
		}
		first, _ := utf8.DecodeRuneInString(ln.first.Text)
		l, _ := protrusion(first)
		if want := left - share(ln.first.Face, ln.first.Size, first, l); ln.first.X < want-tol || ln.first.X > want+tol {
			t.Errorf("line %d %q…: starts at %v, want %v", i, ln.first.Text, ln.first.X, want)
		}
		last, _ := utf8.DecodeLastRuneInString(ln.last.Text)
		_, r := protrusion(last)
		end := ln.last.X + ln.last.W
		if ln.last.Flags&frame.Hyphenated != 0 {
			end += units.Sp(float64(fc.Width(ln.last.Face, ln.last.Size, "-"))*ln.last.HScale() + 0.5)
		}
		if want := left + s.TextWidth() + share(ln.last.Face, ln.last.Size, last, r); end < want-tol || end > want+tol {
			t.Errorf("line %d …%q: ends at %v, want %v", i, ln.last.Text, end, want)
		}
		ends[last]++
		if e := ln.first.Expand; e < -100 || e > 100 {
			t.Errorf("line %d: expansion %d steps, beyond 2%%", i, e)
		} else if e > 0 {
			expanded++
		} else if e < 0 {
			shrunk++
		}
	}
	if ends[','] == 0 || ends['.'] == 0 || ends['-'] == 0 {
		t.Errorf("line ends %v: want commas, full stops and hyphens among them", ends)
	}
	if expanded == 0 || shrunk == 0 {
		t.Errorf("%d lines expanded, %d shrunk: want both", expanded, shrunk)
	}
}

// TestMicrotypeOff: with microtype off, no line protrudes or is
// expanded, and the golden cases are set exactly as before protrusion
// and expansion existed: testdata/*-plain.golden are TestGolden's files
// of that time (regenerate them with -update only for a change to the
// setting without microtype).
func TestMicrotypeOff(t *testing.T) {
	d, node, o := setMicro(t, false)
	for i, ln := range microLines(d, node) {
		left := o.Style.Inner
		if ln.page%2 == 1 {
			left = o.Style.Outer
		}
		if ln.first.X < left || ln.last.X+ln.last.W > left+o.Style.TextWidth()+units.Pt/100 || ln.first.Expand != 0 || ln.last.Expand != 0 {
			t.Errorf("line %d: %q at %v … %q to %v, expand %d: outside the block or expanded", i, ln.first.Text, ln.first.X, ln.last.Text, ln.last.X+ln.last.W, ln.first.Expand)
		}
	}
	st := *o.Style
	st.Microtype = false
	o.Style = &st
	for name, src := range goldenCases {
		t.Run(name, func(t *testing.T) {
			// Rewritten only for a change to the setting itself: these
			// files stand for the setting without microtype.
			path := filepath.Join("testdata", name+"-plain.golden")
			if got, want := goldenDump(t, o, name, src, path, *update); got != want {
				t.Errorf("microtype off: the dump differs from %s-plain.golden, the setting before microtype", name)
			}
		})
	}
}
