package builder

import (
	"context"
	"fmt"
	"strings"

	"github.com/pamphlet/pamphlet/builder/diag"
	"github.com/pamphlet/pamphlet/builder/doc"
	"github.com/pamphlet/pamphlet/builder/font"
	"github.com/pamphlet/pamphlet/builder/frame"
	"github.com/pamphlet/pamphlet/builder/style"
	"github.com/pamphlet/pamphlet/builder/typeset"
	"github.com/pamphlet/pamphlet/builder/units"
)

// The bounds of copyfitting, each the most it may change the layout's own
// value: past them the page's colour, the type's size or the page's
// proportions visibly change.
const (
	// fitLeading is the most the leading changes, in per mille.
	fitLeading = 50
	// fitSize is the most the body type's size changes (and the
	// headings' with it, in proportion).
	fitSize = units.Pt / 2
	// fitMargins is the most each margin changes, in per mille.
	fitMargins = 100
)

// fitSteps is how finely the way from the layout to its bounds is cut:
// fitPages searches it by halving, so a build typesets the book about
// log2(fitSteps)+1 more times.
const fitSteps = 30

// fitSetting is a layout changed towards the bounds by k of fitSteps: the
// first third of the way changes the leading alone, the second the type's
// size too, the last the margins too, so that the least visible change
// that reaches the target is found first.
type fitSetting struct {
	leading int      // per mille
	size    units.Sp // added to the body size
	margins int      // per mille
}

func fitAt(k, dir int) fitSetting {
	third := fitSteps / 3
	var s fitSetting
	s.leading = dir * fitLeading * min(k, third) / third
	if k > third {
		s.size = units.Sp(dir) * fitSize * units.Sp(min(k-third, third)) / units.Sp(third)
	}
	if k > 2*third {
		s.margins = dir * fitMargins * min(k-2*third, third) / third
	}
	return s
}

// apply returns st changed by s.
func (s fitSetting) apply(st *style.Style) *style.Style {
	t := *st
	t.Leading = st.Leading + units.Sp(int64(st.Leading)*int64(s.leading)/1000)
	if s.size != 0 && st.FontSize > 0 {
		scale := func(v units.Sp) units.Sp {
			return units.Sp(int64(v) * int64(st.FontSize+s.size) / int64(st.FontSize))
		}
		t.FontSize = st.FontSize + s.size
		t.Title, t.H2, t.H3, t.H4, t.Indent = scale(st.Title), scale(st.H2), scale(st.H3), scale(st.H4), scale(st.Indent)
	}
	if s.margins != 0 {
		m := func(v units.Sp) units.Sp { return v + units.Sp(int64(v)*int64(s.margins)/1000) }
		t.Inner, t.Outer, t.Top, t.Bottom = m(st.Inner), m(st.Outer), m(st.Top), m(st.Bottom)
	}
	return &t
}

// describe says what s changed from st.
func (s fitSetting) describe(st *style.Style) string {
	t := s.apply(st)
	parts := []string{fmt.Sprintf("leading %v instead of %v (%+.1f%%)", t.Leading, st.Leading, 100*float64(t.Leading-st.Leading)/float64(st.Leading))}
	if s.size != 0 {
		parts = append(parts, fmt.Sprintf("type %v instead of %v", t.FontSize, st.FontSize))
	}
	if s.margins != 0 {
		parts = append(parts, fmt.Sprintf("margins %+.0f%%", float64(s.margins)/10))
	}
	return strings.Join(parts, ", ")
}

// fitPages tries to make laid exactly target pages long by setting the
// body text a little tighter or looser: the leading by up to 5%, then the
// type's size by up to half a point, then the margins by up to 10%, in
// the direction that moves the page count towards the target. It keeps
// the least change that hits the target, found by halving the way to the
// bounds (page counts fall as the text tightens), and returns the layout
// to use and a note saying what it changed or, when no setting within
// the bounds gives target pages, how near it came and that it kept the
// book as it was. The trial runs' diagnostics are dropped: they repeat
// the first run's.
func fitPages(ctx context.Context, book *doc.Book, st *style.Style, fonts *font.Set, laid *frame.Document, target int) (*frame.Document, string) {
	have := len(laid.Pages)
	if have == target {
		return laid, fmt.Sprintf("fit: the book is already %d pages", target)
	}
	dir := -1 // too many pages: tighten
	if have < target {
		dir = 1
	}
	type result struct {
		d     *frame.Document
		pages int
	}
	tried := map[int]result{0: {laid, have}}
	try := func(k int) (result, bool) {
		if r, ok := tried[k]; ok {
			return r, true
		}
		if ctx.Err() != nil {
			return result{}, false
		}
		var scratch diag.List
		d, err := typeset.Typeset(ctx, book, typeset.Options{Style: fitAt(k, dir).apply(st), Fonts: fonts}, &scratch)
		if err != nil || scratch.HasErrors() {
			return result{}, false
		}
		r := result{d, len(d.Pages)}
		tried[k] = r
		return r, true
	}
	// past says whether a page count has reached or passed the target.
	past := func(n int) bool { return (dir < 0 && n <= target) || (dir > 0 && n >= target) }
	far, ok := try(fitSteps)
	if !ok {
		return laid, fmt.Sprintf("fit: cannot make %d pages: the book did not typeset at the bounds; kept %d", target, have)
	}
	if !past(far.pages) {
		return laid, fmt.Sprintf("fit: cannot make %d pages: the most the layout allows (%s) gives %d pages, %d off; kept %d",
			target, fitAt(fitSteps, dir).describe(st), far.pages, abs(far.pages-target), have)
	}
	// The least k whose page count reaches the target.
	lo, hi := 0, fitSteps
	for hi-lo > 1 {
		mid := (lo + hi) / 2
		r, ok := try(mid)
		if !ok {
			break
		}
		if past(r.pages) {
			hi = mid
		} else {
			lo = mid
		}
	}
	r := tried[hi]
	if r.pages == target {
		return r.d, fmt.Sprintf("fit: %d pages instead of %d: %s", target, have, fitAt(hi, dir).describe(st))
	}
	return laid, fmt.Sprintf("fit: cannot make %d pages exactly: %s gives %d pages (%d off) and the step before %d; kept %d",
		target, fitAt(hi, dir).describe(st), r.pages, abs(r.pages-target), tried[lo].pages, have)
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
