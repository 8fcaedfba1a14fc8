package pdf

import (
	"bytes"
	"fmt"
	"io"
	"regexp"
	"sort"

	"codeberg.org/go-pdf/fpdf"

	"github.com/pamphlet/pamphlet/builder/font"
	"github.com/pamphlet/pamphlet/builder/frame"
	"github.com/pamphlet/pamphlet/builder/units"
)

// PrintOptions are the settings of the printer's PDF.
type PrintOptions struct {
	Options
	// Bleed is how far backgrounds reach beyond the trimmed page.
	Bleed units.Sp
	// Marks draws crop marks outside the bleed.
	Marks bool
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
// outside the bleed. Links are left out.
func WritePrint(w io.Writer, d *frame.Document, fonts *font.Set, opts PrintOptions) error {
	if len(d.Pages) == 0 {
		return fmt.Errorf("pdf: the document has no pages")
	}
	if opts.Bleed < 0 {
		return fmt.Errorf("pdf: negative bleed %v", opts.Bleed)
	}
	slug, bleed := pt(opts.Slug()), pt(opts.Bleed)
	first := d.Pages[0]
	f, err := newFpdf(d, fonts, opts.Options, first.W+2*opts.Slug(), first.H+2*opts.Slug())
	if err != nil {
		return err
	}
	pn := newPainter(f)
	f.SetFillColor(0, 0, 0)
	f.SetDrawColor(0, 0, 0)
	for i, p := range d.Pages {
		pw, ph := pt(p.W), pt(p.H)
		f.AddPageFormat("P", fpdf.SizeType{Wd: pw + 2*slug, Ht: ph + 2*slug})
		f.SetPageBox("trim", slug, slug, pw, ph)
		f.SetPageBox("bleed", slug-bleed, slug-bleed, pw+2*bleed, ph+2*bleed)
		pn.reset()
		f.SetLineWidth(0.25)
		f.TransformBegin()
		f.TransformTranslate(slug, slug)
		err := pn.paint(bled(p, opts.Bleed), nil)
		f.TransformEnd()
		pn.restored()
		if err != nil {
			return err
		}
		if opts.Marks {
			cropMarks(f, slug, slug, pw, ph, bleed)
		}
		if err := f.Error(); err != nil {
			return fmt.Errorf("pdf: page %d: %w", i+1, err)
		}
	}
	var buf bytes.Buffer
	if err := f.Output(&buf); err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	_, err = w.Write(sortBoxes(buf.Bytes()))
	return err
}

// restored follows a restore of the graphics state (TransformEnd,
// ClipEnd): the PDF's font is again the one from before the save, while
// fpdf still believes the last one set is current and would not set it
// again. A throwaway size makes fpdf write the next font out.
func (pn *painter) restored() {
	if _, size := pn.f.GetFontSize(); size > 0 {
		pn.f.SetFontSize(size + 1)
	}
	pn.reset()
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

// boxRun matches the page-box lines fpdf writes into a page object. It
// writes them in map order, which varies from run to run.
var boxRun = regexp.MustCompile(`(?:/(?:TrimBox|BleedBox|CropBox|ArtBox) \[[^\]\n]*\]\n)+`)

// sortBoxes puts each page's box lines in a fixed order. The lines only
// change places within their object, so every byte offset in the
// cross-reference table stays right.
func sortBoxes(b []byte) []byte {
	return boxRun.ReplaceAllFunc(b, func(run []byte) []byte {
		lines := bytes.SplitAfter(run, []byte("\n"))
		if len(lines[len(lines)-1]) == 0 {
			lines = lines[:len(lines)-1]
		}
		sort.Slice(lines, func(i, j int) bool { return bytes.Compare(lines[i], lines[j]) < 0 })
		return bytes.Join(lines, nil)
	})
}
