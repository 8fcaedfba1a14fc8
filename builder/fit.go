package builder

import (
	"context"
	"fmt"

	"github.com/pamphlet/pamphlet/builder/diag"
	"github.com/pamphlet/pamphlet/builder/doc"
	"github.com/pamphlet/pamphlet/builder/font"
	"github.com/pamphlet/pamphlet/builder/frame"
	"github.com/pamphlet/pamphlet/builder/style"
	"github.com/pamphlet/pamphlet/builder/typeset"
	"github.com/pamphlet/pamphlet/builder/units"
)

// fitLimit is how far fitPages may change the leading, in per mille of
// the layout's: beyond 5% the page's colour visibly changes.
const fitLimit = 50

// fitStep is the change tried at each step, in per mille.
const fitStep = 5

// fitPages tries to make laid exactly target pages long by setting the
// body text a little tighter or looser: it re-typesets the book with the
// leading changed by up to fitLimit per mille, in steps, in the direction
// that moves the page count towards the target, and keeps the first
// layout that hits it. It returns the layout to use and a note saying
// what it changed or why it could not. The trial runs' diagnostics are
// dropped: they repeat the first run's.
func fitPages(ctx context.Context, book *doc.Book, st *style.Style, fonts *font.Set, laid *frame.Document, target int) (*frame.Document, string) {
	have := len(laid.Pages)
	if have == target {
		return laid, fmt.Sprintf("fit: the book is already %d pages", target)
	}
	dir := -1 // too many pages: tighten
	if have < target {
		dir = 1
	}
	last := have
	for pm := fitStep; pm <= fitLimit; pm += fitStep {
		if ctx.Err() != nil {
			break
		}
		trial := *st
		trial.Leading = st.Leading + units.Sp(int64(st.Leading)*int64(dir*pm)/1000)
		var scratch diag.List
		d, err := typeset.Typeset(ctx, book, typeset.Options{Style: &trial, Fonts: fonts}, &scratch)
		if err != nil || scratch.HasErrors() {
			break
		}
		last = len(d.Pages)
		if last == target {
			return d, fmt.Sprintf("fit: %d pages instead of %d, leading %v instead of %v (%+.1f%%)", target, have, trial.Leading, st.Leading, float64(dir*pm)/10)
		}
		if (dir < 0 && last < target) || (dir > 0 && last > target) {
			return laid, fmt.Sprintf("fit: cannot make %d pages exactly: a %+.1f%% leading jumps from %d to %d pages; kept %d", target, float64(dir*pm)/10, have, last, have)
		}
	}
	return laid, fmt.Sprintf("fit: cannot make %d pages: changing the leading by the most allowed (%+.0f%%) gives %d pages; kept %d", target, float64(dir*fitLimit)/10, last, have)
}
