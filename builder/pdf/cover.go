package pdf

import (
	"fmt"
	"io"
	"strings"

	"github.com/pamphlet/pamphlet/builder/doc"
	"github.com/pamphlet/pamphlet/builder/font"
	"github.com/pamphlet/pamphlet/builder/frame"
	"github.com/pamphlet/pamphlet/builder/pdf/internal/obj"
	"github.com/pamphlet/pamphlet/builder/units"
	"github.com/pamphlet/pamphlet/icc"
)

// CoverOptions describe a print cover: the trimmed size of the book, the
// spine between back and front, the bleed, and the three panels as
// finished pages (see builder/cover.Layout).
type CoverOptions struct {
	Options
	Meta doc.Meta
	// TrimW and TrimH are the book's trimmed page; SpineW the spine's
	// width (0 for a saddle-stitched book); Bleed the bleed all round.
	TrimW, TrimH, SpineW, Bleed units.Sp
	// Front and Back are trimmed pages; their items may reach into the
	// bleed. Spine, when not nil, is TrimH long and SpineW high, painted
	// a quarter turn clockwise so that it reads top to bottom.
	Front, Back, Spine *frame.Page
	// WhiteBoxes are painted white on the back under its items (the
	// barcode's box), in the back page's coordinates: X, Y top-left.
	WhiteBoxes [][4]units.Sp
	// Tint paints the whole cover, bleed included, in a paper tone
	// before the panels; without it the cover is the paper's white.
	Tint bool
	// Marks draws crop marks at the corners and fold marks at the spine's
	// edges, outside the bleed; the media box grows to hold them.
	Marks bool
	// OutputIntent names the printing condition (icc.Names); "" means
	// icc.DefaultCondition.
	OutputIntent string
	// RTL lays out a book bound on the right: the front left of the
	// spine, the back right of it.
	RTL bool
}

// coverTint is the paper tone of a typographic cover in CMYK, a warm
// off-white near the EPUB cover's #f4efe4.
const coverTint = "0 0.02 0.07 0.04 k"

// Slug is the room around the cover's bleed box: none without marks, so
// that the page is exactly the cover with its bleed, as print services
// ask; with marks, the marks' length and gap.
func (o CoverOptions) Slug() units.Sp {
	return PrintOptions{Bleed: o.Bleed, Marks: o.Marks}.Slug()
}

// CoverSize returns the cover's media box: 2 × trim width + spine + 2 ×
// slug wide, trim height + 2 × slug high.
func (o CoverOptions) CoverSize() (w, h units.Sp) {
	s := o.Slug()
	return 2*o.TrimW + o.SpineW + 2*s, o.TrimH + 2*s
}

// WriteCover paints the cover as one page: back, spine and front side by
// side, as the printer wants it, in PDF/X-4 as the printer's PDF is
// (output intent, TrimBox at the finished cover, BleedBox the bleed
// beyond it). The barcode's bars are vector rules.
func WriteCover(w io.Writer, fonts *font.Set, o CoverOptions) error {
	if o.Front == nil || o.Back == nil {
		return fmt.Errorf("pdf: a cover needs its front and back")
	}
	if o.Bleed < 0 || o.SpineW < 0 || o.TrimW <= 0 || o.TrimH <= 0 {
		return fmt.Errorf("pdf: bad cover geometry")
	}
	name := o.OutputIntent
	if name == "" {
		name = icc.DefaultCondition
	}
	cond, ok := icc.Lookup(name)
	if !ok {
		return fmt.Errorf("pdf: no profile for the printing condition %q (known: %s)", name, strings.Join(icc.Names(), ", "))
	}
	pages := []*frame.Page{o.Front, o.Back}
	if o.Spine != nil {
		pages = append(pages, o.Spine)
	}
	d := &frame.Document{Meta: o.Meta, Pages: pages}
	doc, err := newDocument(w, d, fonts, o.Options)
	if err != nil {
		return err
	}
	doc.kind, doc.condition = printPDF, cond
	defer doc.w.Abort()

	slug, bleed := pt(o.Slug()), pt(o.Bleed)
	tw, th, sw := pt(o.TrimW), pt(o.TrimH), pt(o.SpineW)
	backX, frontX := slug, slug+tw+sw
	if o.RTL {
		backX, frontX = frontX, backX
	}
	mw, mh := o.CoverSize()
	c := doc.newContent(mh)
	c.reset(mh)
	if o.Tint {
		c.save()
		c.op(coverTint)
		c.b = fmt.Appendf(c.b, "%s %s %s %s re f\n", num(slug-bleed), num(slug-bleed), num(2*tw+sw+2*bleed), num(th+2*bleed))
		c.restore()
	}
	if len(o.WhiteBoxes) > 0 {
		c.save()
		c.op("0 0 0 0 k")
		for _, b := range o.WhiteBoxes {
			x, y, bw, bh := pt(b[0]), pt(b[1]), pt(b[2]), pt(b[3])
			c.b = fmt.Appendf(c.b, "%s %s %s %s re f\n", num(backX+x), num(slug+th-y-bh), num(bw), num(bh))
		}
		c.restore()
	}
	panel := func(idx int, p *frame.Page, a, b, cc, dd, e, f float64) error {
		c.save()
		c.transform(a, b, cc, dd, e, f)
		c.h = p.H
		err := doc.paint(c, idx, p, nil)
		c.h = mh
		c.restore()
		return err
	}
	if err := panel(1, o.Back, 1, 0, 0, 1, backX, slug); err != nil {
		return err
	}
	if err := panel(0, o.Front, 1, 0, 0, 1, frontX, slug); err != nil {
		return err
	}
	if o.Spine != nil {
		// A quarter turn clockwise: the spine page's x runs down the
		// cover from the top of the spine, its top towards the front.
		if err := panel(2, o.Spine, 0, -1, 1, 0, slug+tw, slug+th); err != nil {
			return err
		}
	}
	if o.Marks {
		c.beginArtifactProps(artifactProps[markPage])
		c.lineWidth(0.25)
		cropMarks(c, slug, slug, 2*tw+sw, th, bleed)
		// The folds: at the spine's two edges (one fold for a booklet's
		// cover), top and bottom, outside the bleed.
		gap := max(pt(units.FromMM(3)), bleed)
		folds := []float64{slug + tw}
		if sw > 0 {
			folds = append(folds, slug+tw+sw)
		}
		c.dash(2, 1.5)
		for _, x := range folds {
			c.line(x, 0, x, slug-gap)
			c.line(x, slug+th+gap, x, pt(mh))
		}
		c.dash()
		c.endMarked()
	}
	doc.addPage(page{
		w: pt(mw), h: pt(mh),
		trim:          obj.Rect(slug, slug, slug+2*tw+sw, slug+th),
		bleed:         obj.Rect(slug-bleed, slug-bleed, slug+2*tw+sw+bleed, slug+th+bleed),
		structParents: -1,
	}, c)
	return doc.finish(0)
}

func num(v float64) string { return string(obj.AppendNumber(nil, v, 3)) }
