package pdf

import (
	"fmt"
	"io"
	"strings"

	"github.com/pamphlet/pamphlet/builder/font"
	"github.com/pamphlet/pamphlet/builder/frame"
	"github.com/pamphlet/pamphlet/builder/pdf/internal/obj"
	"github.com/pamphlet/pamphlet/builder/units"
	"github.com/pamphlet/pamphlet/icc"
)

// PrintOptions are the settings of the printer's PDF.
type PrintOptions struct {
	Options
	// Bleed is how far backgrounds reach beyond the trimmed page.
	Bleed units.Sp
	// Marks draws crop marks outside the bleed.
	Marks bool
	// OutputIntent names the characterised printing condition the PDF/X
	// file is made for (icc.Names); "" means icc.DefaultCondition.
	OutputIntent string
}

// Slug is the room PrintOptions leave around each trimmed page: the
// bleed, and with marks the crop marks outside it.
func (o PrintOptions) Slug() units.Sp {
	if !o.Marks {
		return o.Bleed
	}
	return units.FromPt(max(markGap, o.Bleed.Points())+markLen) + units.Mm
}

// WritePrint paints d as the printer's PDF: each page on a media box
// larger than the page by the slug on every side, with the TrimBox at the
// finished page and the BleedBox the bleed beyond it, rules that touch
// the page's edge (backgrounds) extended into the bleed, and crop marks
// outside the bleed. Links are left out. It is written to PDF/X-4: an
// output intent for the printing condition with its CMYK profile,
// GTS_PDFXVersion in the information dictionary and the XMP metadata,
// RGB images in ICC-based sRGB, the text and rules in device grey.
func WritePrint(w io.Writer, d *frame.Document, fonts *font.Set, opts PrintOptions) error {
	if opts.Bleed < 0 {
		return fmt.Errorf("pdf: negative bleed %v", opts.Bleed)
	}
	name := opts.OutputIntent
	if name == "" {
		name = icc.DefaultCondition
	}
	cond, ok := icc.Lookup(name)
	if !ok {
		return fmt.Errorf("pdf: no profile for the printing condition %q (known: %s)", name, strings.Join(icc.Names(), ", "))
	}
	doc, err := newDocument(w, d, fonts, opts.Options)
	if err != nil {
		return err
	}
	doc.kind, doc.condition = printPDF, cond
	defer doc.w.Abort() // after an error; a no-op once finished
	slug, bleed := pt(opts.Slug()), pt(opts.Bleed)
	c := doc.newContent(0)
	for i, p := range d.Pages {
		pw, ph := pt(p.W), pt(p.H)
		c.reset(p.H + 2*opts.Slug())
		c.save()
		c.transform(1, 0, 0, 1, slug, slug)
		// Inside the translation the page is painted as on its own:
		// frame's y flips against the page's height.
		c.h = p.H
		err := doc.paint(c, i, bled(p, opts.Bleed), nil)
		c.h = p.H + 2*opts.Slug()
		c.restore()
		if err != nil {
			return err
		}
		if opts.Marks {
			c.beginArtifactProps(artifactProps[markPage])
			c.lineWidth(0.25)
			cropMarks(c, slug, slug, pw, ph, bleed)
			c.endMarked()
		}
		doc.addPage(page{
			w: pw + 2*slug, h: ph + 2*slug,
			trim:          obj.Rect(slug, slug, slug+pw, slug+ph),
			bleed:         obj.Rect(slug-bleed, slug-bleed, slug+pw+bleed, slug+ph+bleed),
			structParents: -1,
		}, c)
		if opts.Consume {
			p.Items = nil
		}
	}
	return doc.finish(0)
}

// edgeSlack is how close to the page's edge a rule must come to count as
// touching it: a background drawn to the edge, to be extended.
const edgeSlack = units.Pt / 2

// bled returns p with the rules that touch its edges extended by bleed
// beyond them, so that a background survives an imprecise trim. Other
// items are unchanged; p itself is not modified.
func bled(p *frame.Page, bleed units.Sp) *frame.Page {
	if bleed <= 0 {
		return p
	}
	q := *p
	q.Items = make([]frame.Item, len(p.Items))
	for i, it := range p.Items {
		if it.Kind == frame.Rule {
			if it.X <= edgeSlack {
				it.W += it.X + bleed
				it.X = -bleed
			}
			if it.Y <= edgeSlack {
				it.H += it.Y + bleed
				it.Y = -bleed
			}
			if it.X+it.W >= p.W-edgeSlack {
				it.W = p.W + bleed - it.X
			}
			if it.Y+it.H >= p.H-edgeSlack {
				it.H = p.H + bleed - it.Y
			}
		}
		q.Items[i] = it
	}
	return &q
}
