package pdf

import (
	"fmt"
	"io"
	"strconv"

	"github.com/pamphlet/pamphlet/builder/font"
	"github.com/pamphlet/pamphlet/builder/frame"
	"github.com/pamphlet/pamphlet/builder/impose"
	"github.com/pamphlet/pamphlet/builder/paper"
	"github.com/pamphlet/pamphlet/builder/pdf/internal/obj"
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
	// Duplex says how the printer turns the paper; with paper.LongEdge
	// the back sides are painted upside down.
	Duplex paper.Duplex
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
	Duplex paper.Duplex
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
		info.Duplex = paper.ShortEdge
	}
	seq, added := impose.Pad(len(d.Pages), opts.BackCover)
	order, err := impose.Order(seq, opts.Signature)
	if err != nil {
		return BookletInfo{}, err
	}
	if d.RTL {
		// Bound on the right: each side's two pages change places.
		order = impose.RightToLeft(order)
	}
	info.Blanks, info.Order, info.Sheets = added, order, len(order)
	info.Scale = impose.Fit(info.Sheet, pw, ph)
	return info, nil
}

// WriteBooklet paints d as a saddle-stitched booklet: each sheet side
// carries two finished pages side by side, in the order PlanBooklet
// gives, front then back. Each page is painted once, as a form XObject,
// and placed on its sheet by a transformation (scale, creep, a half turn
// for backs printed long-edge), clipped to its half of the sheet; the
// text stays extractable, and the output is as deterministic as Write's.
// Links are left out: a printed sheet has none.
func WriteBooklet(w io.Writer, d *frame.Document, fonts *font.Set, opts BookletOptions) (BookletInfo, error) {
	info, err := PlanBooklet(d, opts)
	if err != nil {
		return info, err
	}
	doc, err := newDocument(w, d, fonts, opts.Options)
	if err != nil {
		return info, err
	}
	doc.kind = bookletPDF
	defer doc.w.Abort() // after an error; a no-op once finished
	sw, sh := pt(info.Sheet.W), pt(info.Sheet.H)
	pw, ph := pt(d.Pages[0].W)*info.Scale, pt(d.Pages[0].H)*info.Scale
	x0, y0 := sw/2-pw, (sh-ph)/2
	pc := doc.newContent(0) // a page's form, reused
	c := doc.newContent(info.Sheet.H)
	side := func(s impose.Side, creep float64, back bool) error {
		c.reset(info.Sheet.H)
		c.lineWidth(0.25)
		upsideDown := back && info.Duplex == paper.LongEdge
		if upsideDown {
			c.save()
			c.transform(-1, 0, 0, -1, sw, sh) // a half turn about the centre
		}
		// The left page moves right, the right page left: both
		// towards the fold. Each is clipped to its half of the sheet.
		for half, idx := range [2]int{s.Left, s.Right} {
			if idx == impose.Blank || idx < 0 || idx >= len(d.Pages) {
				continue
			}
			form, err := doc.form(pc, idx)
			if err != nil {
				return err
			}
			x, dx := x0, creep
			if half == 1 {
				x, dx = sw/2, -creep
			}
			c.save()
			c.clipRect(float64(half)*sw/2, 0, sw/2, sh)
			// The form's origin is the page's bottom-left corner.
			c.transform(info.Scale, 0, 0, info.Scale, x+dx, sh-y0-ph)
			c.b = obj.AppendName(c.b, form.name)
			c.op(" Do")
			c.restore()
		}
		if opts.Marks {
			c.beginArtifactProps(artifactProps[markPage])
			foldMarks(c, sw, sh, y0, ph)
			cropMarks(c, x0, y0, 2*pw, ph, 0)
			c.endMarked()
		}
		if upsideDown {
			c.restore()
		}
		doc.addPage(page{w: sw, h: sh, structParents: -1}, c)
		return doc.w.Err()
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
	return info, doc.finish(0)
}

// formObj is a page painted once as a form XObject, for the booklet.
type formObj struct {
	ref  obj.Ref
	name string // resource name, "P12" for page 12
}

// form paints page idx of the document as a form XObject, its bounding
// box the page, and returns it; c is the content to paint it in. With
// Options.Consume the page's items are dropped once painted.
func (doc *document) form(c *content, idx int) (formObj, error) {
	p := doc.d.Pages[idx]
	c.reset(p.H)
	if err := doc.paint(c, idx, p, nil); err != nil {
		return formObj{}, err
	}
	f := formObj{ref: doc.w.Alloc(), name: "P" + strconv.Itoa(idx+1)}
	doc.w.Stream(f.ref, obj.Dict{
		"Type":      obj.Name("XObject"),
		"Subtype":   obj.Name("Form"),
		"BBox":      obj.Rect(0, 0, pt(p.W), pt(p.H)),
		"Resources": doc.resources,
	}, c.b, true)
	doc.forms = append(doc.forms, f)
	if doc.opts.Consume {
		p.Items = nil
	}
	return f, nil
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
func foldMarks(c *content, sw, sh, y0, ph float64) {
	x := sw / 2
	top := min(markLen, max(y0-1, 0))
	if top < 1 {
		top = units.FromMM(4).Points()
	}
	c.dash(2, 1.5)
	c.line(x, 0, x, top)
	c.line(x, sh-top, x, sh)
	c.dash()
}

// cropMarks draws the usual eight marks at the corners of the trimmed
// area (x, y, w, h), markGap (or the bleed, if larger) away from it, as
// long as the room around it allows.
func cropMarks(c *content, x, y, w, h, bleed float64) {
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
			c.line(cx+sx*gap, cy, cx+sx*(gap+l), cy) // horizontal mark
			c.line(cx, cy+sy*gap, cx, cy+sy*(gap+l)) // vertical mark
		}
	}
}
