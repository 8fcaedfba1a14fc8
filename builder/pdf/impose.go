package pdf

import (
	"fmt"
	"io"

	"codeberg.org/go-pdf/fpdf"

	"github.com/pamphlet/pamphlet/builder/font"
	"github.com/pamphlet/pamphlet/builder/frame"
	"github.com/pamphlet/pamphlet/builder/impose"
	"github.com/pamphlet/pamphlet/builder/units"
)

// BookletOptions are the settings of an imposed booklet.
type BookletOptions struct {
	Options
	// Sheet is the paper; the zero Size means the standard sheet that
	// holds two pages side by side (impose.DefaultSheet).
	Sheet impose.Size
	// Signature is the number of pages per signature, a multiple of 4;
	// 0 makes the whole book one signature.
	Signature int
	// Creep is how far each sheet's pages move towards the fold per
	// sheet of depth in its signature.
	Creep units.Sp
	// Duplex says how the printer turns the paper; with impose.LongEdge
	// the back sides are painted upside down.
	Duplex impose.Duplex
	// Marks draws fold marks at the spine and, where the sheet leaves
	// room around the pages, crop marks.
	Marks bool
	// BackCover keeps the last page last, putting blank pages before it.
	BackCover bool
}

// BookletInfo describes an imposed booklet.
type BookletInfo struct {
	Sheet  impose.Size
	Sheets int
	// Blanks is the number of blank pages added to reach a multiple of 4.
	Blanks int
	// Scale is the pages' scale on the sheet: 1 unless the sheet is too
	// small for two pages.
	Scale  float64
	Duplex impose.Duplex
	// Order is the plan: the sheets in printing order.
	Order []impose.Sheet
}

// PlanBooklet works out how d is imposed with opts without painting it.
func PlanBooklet(d *frame.Document, opts BookletOptions) (BookletInfo, error) {
	if len(d.Pages) == 0 {
		return BookletInfo{}, fmt.Errorf("pdf: the document has no pages")
	}
	pw, ph := d.Pages[0].W, d.Pages[0].H
	info := BookletInfo{Sheet: opts.Sheet, Duplex: opts.Duplex}
	if info.Sheet.W <= 0 || info.Sheet.H <= 0 {
		info.Sheet = impose.DefaultSheet(pw, ph)
	}
	if info.Duplex == "" {
		info.Duplex = impose.ShortEdge
	}
	seq, added := impose.Pad(len(d.Pages), opts.BackCover)
	order, err := impose.Order(seq, opts.Signature)
	if err != nil {
		return BookletInfo{}, err
	}
	info.Blanks, info.Order, info.Sheets = added, order, len(order)
	info.Scale = impose.Fit(info.Sheet, pw, ph)
	return info, nil
}

// WriteBooklet paints d as a saddle-stitched booklet: each sheet side
// carries two finished pages side by side, in the order PlanBooklet
// gives, front then back. Pages are painted as vector text through a
// transformation, so the text stays extractable, and the output is as
// deterministic as Write's. Links are left out: a printed sheet has none.
func WriteBooklet(w io.Writer, d *frame.Document, fonts *font.Set, opts BookletOptions) (BookletInfo, error) {
	info, err := PlanBooklet(d, opts)
	if err != nil {
		return info, err
	}
	sw, sh := pt(info.Sheet.W), pt(info.Sheet.H)
	f, err := newFpdf(d, fonts, opts.Options, info.Sheet.W, info.Sheet.H)
	if err != nil {
		return info, err
	}
	pn := newPainter(f)
	f.SetFillColor(0, 0, 0)
	f.SetDrawColor(0, 0, 0)
	pw, ph := pt(d.Pages[0].W)*info.Scale, pt(d.Pages[0].H)*info.Scale
	x0, y0 := sw/2-pw, (sh-ph)/2
	side := func(s impose.Side, creep float64, back bool) error {
		f.AddPageFormat("P", fpdf.SizeType{Wd: sw, Ht: sh}) // "P" keeps Wd as given; "L" would swap
		pn.reset()
		f.SetLineWidth(0.25)
		upsideDown := back && info.Duplex == impose.LongEdge
		if upsideDown {
			f.TransformBegin()
			f.TransformRotate(180, sw/2, sh/2)
		}
		// The left page moves right, the right page left: both
		// towards the fold. Each is clipped to its half of the sheet.
		for half, idx := range [2]int{s.Left, s.Right} {
			if idx == impose.Blank || idx < 0 || idx >= len(d.Pages) {
				continue
			}
			x, dx := x0, creep
			if half == 1 {
				x, dx = sw/2, -creep
			}
			f.ClipRect(float64(half)*sw/2, 0, sw/2, sh, false)
			f.TransformBegin()
			f.TransformTranslate(x+dx, y0)
			if info.Scale != 1 {
				f.TransformScale(info.Scale*100, info.Scale*100, 0, 0)
			}
			err := pn.paint(d.Pages[idx], nil)
			f.TransformEnd()
			f.ClipEnd()
			pn.restored()
			if err != nil {
				return err
			}
		}
		if opts.Marks {
			foldMarks(f, sw, sh, y0, ph)
			cropMarks(f, x0, y0, 2*pw, ph, 0)
		}
		if upsideDown {
			f.TransformEnd()
		}
		return f.Error()
	}
	for i, s := range info.Order {
		creep := pt(impose.Creep(s.Depth, opts.Creep))
		if err := side(s.Front, creep, false); err != nil {
			return info, fmt.Errorf("pdf: sheet %d front: %w", i+1, err)
		}
		if err := side(s.Back, creep, true); err != nil {
			return info, fmt.Errorf("pdf: sheet %d back: %w", i+1, err)
		}
	}
	if err := f.Output(w); err != nil {
		return info, fmt.Errorf("pdf: %w", err)
	}
	return info, nil
}

// Mark sizes, in points: marks are 5 mm long, hairline-thin, and start
// 3 mm from the edge they mark unless a bleed pushes them further out.
var (
	markLen = units.FromMM(5).Points()
	markGap = units.FromMM(3).Points()
)

// foldMarks draws the fold line's ends at the top and bottom of the
// sheet's middle, outside the pages when the sheet leaves room, else as
// short ticks at the paper's edge, inside the pages' top and bottom
// margins.
func foldMarks(f *fpdf.Fpdf, sw, sh, y0, ph float64) {
	x := sw / 2
	top := min(markLen, max(y0-1, 0))
	if top < 1 {
		top = units.FromMM(4).Points()
	}
	f.SetDashPattern([]float64{2, 1.5}, 0)
	f.Line(x, 0, x, top)
	f.Line(x, sh-top, x, sh)
	f.SetDashPattern([]float64{}, 0)
}

// cropMarks draws the usual eight marks at the corners of the trimmed
// area (x, y, w, h), markGap (or the bleed, if larger) away from it, as
// long as the room around it allows.
func cropMarks(f *fpdf.Fpdf, x, y, w, h, bleed float64) {
	gap := max(markGap, bleed)
	room := min(x, y)
	if room <= gap+1 {
		return
	}
	l := min(markLen, room-gap)
	for _, cx := range [2]float64{x, x + w} {
		for _, cy := range [2]float64{y, y + h} {
			sx, sy := -1.0, -1.0
			if cx > x {
				sx = 1
			}
			if cy > y {
				sy = 1
			}
			f.Line(cx+sx*gap, cy, cx+sx*(gap+l), cy) // horizontal mark
			f.Line(cx, cy+sy*gap, cx, cy+sy*(gap+l)) // vertical mark
		}
	}
}
