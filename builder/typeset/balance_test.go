package typeset

import (
	"testing"

	"github.com/pamphlet/pamphlet/builder/doc"
	"github.com/pamphlet/pamphlet/builder/units"
)

// The balancing moves, each on a page built for it: pages of ten lines,
// paragraphs of plain lines with widow and orphan control, and the other
// settings of each paragraph given in advance (the line breaker's part
// is tested in linebreak), so that only the page builder's choice is
// under test.

const testLead = 12 * units.Pt

// testParas builds paragraphs of the given numbers of lines, each line
// telling its paragraph and place in its path (block i, line k).
type testParas struct {
	srcs []*paraSrc
	p    *paginator
}

func newTestPaginator(lines ...int) *testParas {
	tp := &testParas{}
	ts := &articleSetter{art: &doc.Article{ID: "t"}, notes: map[int][]vel{}}
	p := &paginator{ts: ts, pf: pageFrame{h: 10 * testLead, noteFoot: 10 * testLead, sep: testLead, lead: testLead},
		trials: map[trialKey]trial{}, natural: map[*paraSrc]int{}}
	for b, n := range lines {
		src := &paraSrc{}
		tp.srcs = append(tp.srcs, src)
		p.els = append(p.els, testLines(src, b, n)...)
		// No other setting unless a test gives one.
		p.trials[trialKey{src, n + 1}] = trial{}
		p.trials[trialKey{src, n - 1}] = trial{}
	}
	tp.p = p
	return tp
}

// testLines returns a paragraph's n lines with widow and orphan control.
func testLines(src *paraSrc, block, n int) []vel {
	out := make([]vel, n)
	for k := range out {
		out[k] = vel{h: testLead, src: src, block: block, off: k, hasStart: true}
		if n > 1 && (k == 1 || k == n-1) {
			out[k].brk = inf
		}
	}
	return out
}

// can says that paragraph b may also be set in n lines.
func (tp *testParas) can(b, n int) {
	src := tp.srcs[b]
	tp.p.trials[trialKey{src, n}] = trial{lines: testLines(src, b, n), bad: 10, ok: true}
}

// pageLines returns how many body lines each page holds, and checks that
// every page but the last ends on the block's last line.
func (tp *testParas) pageLines(t *testing.T) []int {
	t.Helper()
	var out []int
	for k, st := range tp.p.hist {
		n := 0
		for _, e := range tp.p.els[st.start:st.fit.end] {
			if !e.space {
				n++
			}
		}
		out = append(out, n)
		if k < len(tp.p.hist)-1 && tp.p.holeLines(st.fit) > 0 {
			t.Errorf("page %d ends %d lines short", k, tp.p.holeLines(st.fit))
		}
	}
	return out
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestBalanceWithoutMoves is the control: with no paragraph able to
// change, a three-line paragraph that cannot split leaves the page a
// line short.
func TestBalanceWithoutMoves(t *testing.T) {
	tp := newTestPaginator(4, 5, 3)
	tp.p.run()
	if got := tp.p.holeLines(tp.p.hist[0].fit); got != 1 {
		t.Errorf("page 0 ends %d lines short, want 1 (the control)", got)
	}
}

// TestBalanceLooser: a paragraph on the page set a line longer fills it.
func TestBalanceLooser(t *testing.T) {
	tp := newTestPaginator(4, 5, 3)
	tp.can(0, 5)
	tp.p.run()
	if got := tp.pageLines(t); !equalInts(got, []int{10, 3}) {
		t.Errorf("pages hold %v lines, want [10 3]", got)
	}
}

// TestBalanceTighter: a paragraph set a line shorter lets the next
// paragraph, which cannot split, onto the page.
func TestBalanceTighter(t *testing.T) {
	tp := newTestPaginator(4, 4, 3, 3)
	tp.can(0, 3)
	tp.p.run()
	if got := tp.pageLines(t); !equalInts(got, []int{10, 3}) {
		t.Errorf("pages hold %v lines, want [10 3]", got)
	}
}

// TestBalanceAcrossBreak: no paragraph on the short page can change, but
// one on the page before can; that page, set again, stays full and ends
// a line earlier, so the short page fills.
func TestBalanceAcrossBreak(t *testing.T) {
	tp := newTestPaginator(6, 8, 3, 4, 3)
	tp.can(0, 7)
	tp.p.run()
	got := tp.pageLines(t)
	if len(got) < 2 || got[0] != 10 || got[1] != 10 {
		t.Errorf("pages hold %v lines, want the first two full", got)
	}
	if n := len(tp.p.pages); n != len(tp.p.hist) {
		t.Errorf("%d pages, %d page states", n, len(tp.p.hist))
	}
}

// TestBalanceSink: nothing can change but the article's title sink,
// which goes a line deeper so that the second page fills.
func TestBalanceSink(t *testing.T) {
	tp := newTestPaginator(4, 5, 3, 4, 3)
	sink := vel{h: 3 * testLead, brk: inf}
	tp.p.els = append([]vel{sink}, tp.p.els...)
	tp.p.sink = true
	tp.p.run()
	if h := tp.p.els[0].h; h != 4*testLead {
		t.Errorf("sink %v, want %v", h, 4*testLead)
	}
	got := tp.pageLines(t)
	if len(got) < 2 || got[1] != 10 {
		t.Errorf("pages hold %v lines (the sink counts one), want the second full", got)
	}
}

// TestBalanceLastPage: an article whose last page would hold two lines
// takes them back onto the page before by setting two paragraphs there a
// line shorter.
func TestBalanceLastPage(t *testing.T) {
	tp := newTestPaginator(5, 5, 2)
	tp.p.run()
	if n := len(tp.p.pages); n != 2 {
		t.Fatalf("control: %d pages, want 2", n)
	}
	tp = newTestPaginator(5, 5, 2)
	tp.can(0, 4)
	tp.can(1, 4)
	tp.p.run()
	if got := tp.pageLines(t); !equalInts(got, []int{10}) {
		t.Errorf("pages hold %v lines, want [10]", got)
	}
}

// TestFigureFloat: a figure that does not fit below the text waits for
// the top of the next page, whole with its caption, while the text after
// it fills this page.
func TestFigureFloat(t *testing.T) {
	tp := newTestPaginator(6, 10)
	fig := []vel{
		{h: testLead / 2, space: true, stretch: testLead / 2, float: 5},
		{h: 6 * testLead, block: 9, hasStart: true},
		{h: testLead / 3, space: true, brk: inf},
		{h: testLead, block: 9, hasStart: true, brk: inf},
		{h: testLead / 2, space: true, stretch: testLead / 2},
	}
	p := tp.p
	p.els = append(append(append([]vel(nil), p.els[:6]...), fig...), p.els[6:]...)
	p.run()
	if len(p.hist) < 2 {
		t.Fatalf("%d pages", len(p.hist))
	}
	first := p.els[p.hist[0].start:p.hist[0].fit.end]
	for _, e := range first {
		if e.block == 9 {
			t.Errorf("the figure stayed on the first page")
		}
	}
	if n := len(first); n != 10 {
		t.Errorf("first page holds %d lines, want 10 (the text after the figure fills it)", n)
	}
	second := p.els[p.hist[1].start:]
	if len(second) < 3 || second[0].h != 6*testLead || second[2].block != 9 {
		t.Errorf("the second page does not begin with the figure and its caption")
	}
}

// TestShortPagesCount: shortPages counts the pages laid short, but not
// the article's last page, which may end anywhere. Paragraphs of 4, 5,
// 3, 9 and 2 lines on pages of 10: the first page ends a line short (the
// 3-line paragraph cannot leave its first line alone at the foot), the
// second is full, the last holds 4 lines.
func TestShortPagesCount(t *testing.T) {
	tp := newTestPaginator(4, 5, 3, 9, 2)
	tp.p.run()
	var holes []int
	for _, st := range tp.p.hist {
		holes = append(holes, tp.p.holeLines(st.fit))
	}
	if !equalInts(holes, []int{1, 0, 6}) {
		t.Fatalf("pages end %v lines short, want [1 0 6] (the control)", holes)
	}
	if got := tp.p.shortPages(); got != 1 {
		t.Errorf("shortPages = %d, want 1", got)
	}
}

// TestBalanceCompensate: when a page is filled by setting a paragraph a
// line longer, compensateAfter sets the last paragraph after the page
// that can be a line shorter (not the nearest), so that the article
// keeps its length and what changes is as near its end as can be.
func TestBalanceCompensate(t *testing.T) {
	tp := newTestPaginator(4, 5, 3, 9, 9)
	tp.can(0, 5)
	tp.can(2, 2)
	tp.can(4, 8)
	p := tp.p
	longer := change{paraRun{0, 4, tp.srcs[0]}, 1, p.trials[trialKey{tp.srcs[0], 5}]}
	els := p.compensateAfter(p.apply([]change{longer}), 10, []change{longer})
	count := map[*paraSrc]int{}
	for _, e := range els {
		count[e.src]++
	}
	var got []int
	for _, src := range tp.srcs {
		got = append(got, count[src])
	}
	if !equalInts(got, []int{5, 5, 3, 9, 8}) {
		t.Errorf("paragraphs of %v lines, want [5 5 3 9 8]", got)
	}
	if len(p.els) != 30 {
		t.Errorf("compensateAfter changed the paginator's elements (%d lines)", len(p.els))
	}
}
