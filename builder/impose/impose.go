// Package impose plans saddle-stitched booklets: which pages go on which
// side of which sheet, how many blank pages a book needs and where they
// go, how far each sheet's pages move to compensate for creep, and which
// standard sheet (of builder/paper's table, turned landscape) holds two
// pages side by side. It is pure arithmetic; the pdf package paints the
// plan.
//
// A saddle-stitched booklet is a stack of sheets printed on both sides,
// folded once and stapled in the fold. Folded, an 8-page booklet's two
// sheets read 8|1 and 2|7 (outer sheet, front and back) and 6|3 and 4|5
// (inner sheet).
package impose

import (
	"fmt"

	"github.com/pamphlet/pamphlet/builder/paper"
	"github.com/pamphlet/pamphlet/builder/units"
)

// Blank stands for a blank page in a page sequence.
const Blank = -1

// Pad returns the page sequence of an n-page book padded to a multiple of
// four, the pages a folded sheet carries, and the number of blank pages
// it added. Entries are page indexes 0..n-1 or Blank. The blank pages go
// where a book designer puts them: at the end of the book, after the last
// article, so no article is interrupted; with backCover, before the last
// page, which stays the outside back of the booklet.
func Pad(n int, backCover bool) (seq []int, added int) {
	if n <= 0 {
		return nil, 0
	}
	added = (4 - n%4) % 4
	seq = make([]int, 0, n+added)
	last := n
	if backCover && n > 1 {
		last = n - 1
	}
	for i := range last {
		seq = append(seq, i)
	}
	for range added {
		seq = append(seq, Blank)
	}
	for i := last; i < n; i++ {
		seq = append(seq, i)
	}
	return seq, added
}

// Side is one printed side of a sheet: the entries of the page sequence
// on its left and right halves (page indexes or Blank).
type Side struct{ Left, Right int }

// Sheet is one sheet of paper, printed on both sides and folded once.
type Sheet struct {
	Front, Back Side
	// Signature is the sheet's signature, counted from 0; Depth its place
	// in the signature, 0 for the outermost sheet.
	Signature, Depth int
}

// Order returns the sheets of a saddle-stitched booklet of seq, whose
// length must be a multiple of 4. With signature 0 the whole book is one
// signature (all sheets nested in one another); otherwise it is cut into
// signatures of that many pages (a multiple of 4), each folded on its
// own and gathered in order, the last one thinner when the pages run
// out. The sheets come signature by signature, outermost first: the order
// to print them in.
func Order(seq []int, signature int) ([]Sheet, error) {
	if len(seq)%4 != 0 {
		return nil, fmt.Errorf("impose: %d pages is not a multiple of 4", len(seq))
	}
	if err := CheckSignature(signature); err != nil {
		return nil, err
	}
	if signature == 0 {
		signature = len(seq)
	}
	var sheets []Sheet
	for sig, start := 0, 0; start < len(seq); sig, start = sig+1, start+signature {
		pages := seq[start:min(start+signature, len(seq))]
		n := len(pages)
		for k := range n / 4 {
			sheets = append(sheets, Sheet{
				Front:     Side{Left: pages[n-1-2*k], Right: pages[2*k]},
				Back:      Side{Left: pages[2*k+1], Right: pages[n-2-2*k]},
				Signature: sig,
				Depth:     k,
			})
		}
	}
	return sheets, nil
}

// CheckSignature reports whether n is a usable signature size: 0 (one
// signature) or a positive multiple of 4.
func CheckSignature(n int) error {
	if n < 0 || n%4 != 0 {
		return fmt.Errorf("signature %d is not a multiple of 4 (or 0 for one signature)", n)
	}
	return nil
}

// Creep is how far the pages of a sheet at depth move towards the fold
// when each sheet is perSheet thicker than the one around it: the inner
// sheets of a folded stack stick out at the fore-edge and lose more to
// the trim, so their pages are pulled in by that much.
func Creep(depth int, perSheet units.Sp) units.Sp {
	return units.Sp(depth) * perSheet
}

// Size is a named sheet size, W the long side: sheets are used landscape,
// two portrait pages side by side.
type Size struct {
	Name string
	W, H units.Sp
}

// sheets returns the sheets of the paper table (builder/paper), turned
// landscape.
func sheets() []Size {
	var out []Size
	for _, p := range paper.Sizes() {
		out = append(out, Size{Name: p.Name, W: p.H, H: p.W})
	}
	return out
}

// SheetNames lists the names SheetByName knows, for messages.
func SheetNames() string { return paper.Names() }

// SheetByName returns the named sheet (a4, letter, …; case-insensitive).
func SheetByName(name string) (Size, bool) {
	p, ok := paper.ByName(name)
	return Size{Name: p.Name, W: p.H, H: p.W}, ok
}

// tolerance lets a sheet a hair smaller than two pages still count: A4 is
// 297 mm wide, two A5 pages 296 mm.
const tolerance = units.Mm

// DefaultSheet returns the standard sheet that holds two pages of w × h
// side by side: A5 pages go on A4, A6 on A5, half-letter on letter, A4 on
// A3. Of the sheets that fit, it takes the one that wastes the least
// paper; when none fits it returns a custom sheet of exactly 2w × h.
func DefaultSheet(w, h units.Sp) Size {
	best, found := Size{}, false
	for _, s := range sheets() {
		if s.W+tolerance < 2*w || s.H+tolerance < h {
			continue
		}
		if !found || area(s) < area(best) {
			best, found = s, true
		}
	}
	if !found {
		return Size{Name: "custom", W: 2 * w, H: h}
	}
	return best
}

func area(s Size) float64 { return s.W.Points() * s.H.Points() }

// Fit returns the scale (at most 1) at which two pages of w × h fit side
// by side on sheet: pages are never enlarged, and shrunk only when the
// sheet is too small for them.
func Fit(sheet Size, w, h units.Sp) float64 {
	if w <= 0 || h <= 0 {
		return 1
	}
	sx := sheet.W.Points() / (2 * w.Points())
	sy := sheet.H.Points() / h.Points()
	s := min(1, sx, sy)
	// Within the tolerance, keep the pages at full size (A5 on A4).
	if s < 1 && sheet.W+tolerance >= 2*w && sheet.H+tolerance >= h {
		return 1
	}
	return s
}

// RightToLeft turns a plan for a book bound on the left into one for a
// book bound on the right (read right to left): on every side of every
// sheet the two pages change places, so that the folded booklet opens
// from the other edge and its pages follow right to left.
func RightToLeft(order []Sheet) []Sheet {
	out := make([]Sheet, len(order))
	for i, s := range order {
		s.Front.Left, s.Front.Right = s.Front.Right, s.Front.Left
		s.Back.Left, s.Back.Right = s.Back.Right, s.Back.Left
		out[i] = s
	}
	return out
}
