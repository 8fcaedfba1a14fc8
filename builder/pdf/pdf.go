// Package pdf paints finished pages (a frame.Document) into a PDF with
// fpdf. It makes no layout decisions: every word is drawn where the
// typesetter put it, each word placed on its own (the words of a line in
// one text object), so that text extracts in reading order with single
// spaces.
//
// fpdf is used only here.
package pdf

import (
	"fmt"
	"io"
	"net/url"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"github.com/pamphlet/pamphlet/builder/font"
	"github.com/pamphlet/pamphlet/builder/frame"
	"github.com/pamphlet/pamphlet/builder/units"
)

// Options are the painter's settings.
type Options struct {
	// Created is the creation and modification date written into the
	// PDF; the caller chooses it (SOURCE_DATE_EPOCH, the manifest's date)
	// so that the same input gives the same bytes.
	Created time.Time
	// Consume lets Write drop each page's items once they are painted,
	// so that a long book's words are freed as they reach the PDF
	// instead of being held beside it; the pages keep their size, label
	// and anchors. Only a caller that needs the items no more sets it.
	Consume bool
}

// family and style of each face as registered with fpdf.
var fpdfFace = map[font.Face][2]string{
	font.Regular:    {"serif", ""},
	font.Italic:     {"serif", "I"},
	font.Bold:       {"serif", "B"},
	font.BoldItalic: {"serif", "BI"},
	font.Mono:       {"mono", ""},
	font.Fallback:   {"fallback", ""},
}

func pt(s units.Sp) float64 { return s.Points() }

// Write paints d into a PDF on w. The output is deterministic: the same
// document, fonts and options give the same bytes.
func Write(w io.Writer, d *frame.Document, fonts *font.Set, opts Options) error {
	if len(d.Pages) == 0 {
		return fmt.Errorf("pdf: the document has no pages")
	}
	f, err := newFpdf(d, fonts, opts, d.Pages[0].W, d.Pages[0].H)
	if err != nil {
		return err
	}

	// Internal links: one fpdf link per anchor name, placed once its
	// page is known.
	type place struct {
		page int
		y    units.Sp
	}
	anchors := map[string]place{}
	for i, p := range d.Pages {
		for _, a := range p.Anchors {
			if _, dup := anchors[a.Name]; !dup {
				anchors[a.Name] = place{i, a.Y}
			}
		}
	}
	linkIDs := map[string]int{}
	linkTo := func(name string) (int, bool) {
		if id, ok := linkIDs[name]; ok {
			return id, true
		}
		pl, ok := anchors[name]
		if !ok {
			return 0, false
		}
		id := f.AddLink()
		f.SetLink(id, pt(pl.y), pl.page+1)
		linkIDs[name] = id
		return id, true
	}

	outline := 0
	prevLevel := -1
	pn := newPainter(f)
	f.SetFillColor(0, 0, 0)
	for i, p := range d.Pages {
		f.AddPageFormat("P", fpdf.SizeType{Wd: pt(p.W), Ht: pt(p.H)})
		pn.reset()
		pn.setFont(font.Regular, 10*units.Pt) // bookmarks need a UTF-8 font set
		for outline < len(d.Outline) && d.Outline[outline].Page <= i {
			o := d.Outline[outline]
			// fpdf's outline tree needs levels that deepen one at a time.
			lvl := min(o.Level, prevLevel+1)
			f.Bookmark(o.Title, lvl, pt(o.Y))
			prevLevel = lvl
			outline++
		}
		err := pn.paint(p, func(it frame.Item) {
			if it.URL != "" {
				f.LinkString(pt(it.X), pt(it.Y), pt(it.W), pt(it.H), escapeURL(it.URL))
			} else if id, ok := linkTo(it.Dest); ok {
				f.Link(pt(it.X), pt(it.Y), pt(it.W), pt(it.H), id)
			}
		})
		if err != nil {
			return err
		}
		if err := f.Error(); err != nil {
			return fmt.Errorf("pdf: page %d: %w", i+1, err)
		}
		if opts.Consume {
			p.Items = nil
		}
	}
	if err := f.Output(w); err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	return nil
}

// newFpdf starts a PDF for d with its metadata, the dates of opts and the
// faces d uses, its default page w × h. Every PDF this package writes
// starts here, so the reader's, printer's and booklet PDFs agree.
func newFpdf(d *frame.Document, fonts *font.Set, opts Options, w, h units.Sp) (*fpdf.Fpdf, error) {
	f := fpdf.NewCustom(&fpdf.InitType{UnitStr: "pt", Size: fpdf.SizeType{Wd: pt(w), Ht: pt(h)}})
	f.SetAutoPageBreak(false, 0)
	f.SetMargins(0, 0, 0)
	created := opts.Created.UTC()
	f.SetCreationDate(created)
	f.SetModificationDate(created)
	f.SetCatalogSort(true)
	f.SetCompression(true)
	m := d.Meta
	f.SetTitle(m.Title, true)
	f.SetAuthor(strings.Join(m.Authors, ", "), true)
	if m.Subtitle != "" {
		f.SetSubject(m.Subtitle, true)
	} else if m.Description != "" {
		f.SetSubject(m.Description, true)
	}
	if len(m.Subjects) > 0 {
		f.SetKeywords(strings.Join(m.Subjects, ", "), true)
	}
	if m.Lang != "" {
		f.SetLang(m.Lang)
	}
	f.SetCreator("pamphlet", false)
	f.SetProducer("pamphlet", false)

	// Register only the faces the document uses: fpdf embeds every
	// registered font.
	used := map[font.Face]bool{font.Regular: true}
	for _, p := range d.Pages {
		for _, it := range p.Items {
			if it.Kind == frame.Text {
				used[it.Face] = true
			}
		}
	}
	for _, fc := range font.Faces() {
		if used[fc] {
			ff := fpdfFace[fc]
			f.AddUTF8FontFromBytes(ff[0], ff[1], fonts.TTF(fc))
		}
	}
	if err := f.Error(); err != nil {
		return nil, fmt.Errorf("pdf: fonts: %w", err)
	}
	// Faces are parsed when first used; one that failed set no glyphs.
	if err := fonts.Err(); err != nil {
		return nil, fmt.Errorf("pdf: %w", err)
	}

	return f, nil
}

// painter draws the items of finished pages, remembering the current font
// so that a run of words in one face sets it once.
type painter struct {
	f       *fpdf.Fpdf
	curFace font.Face
	curSize units.Sp
	// xs and words hold a line's run of words, reused from run to run.
	xs    []float64
	words []string
}

func newPainter(f *fpdf.Fpdf) *painter {
	pn := &painter{f: f}
	pn.reset()
	return pn
}

// reset forgets the current font: fpdf needs it set afresh on each page.
func (pn *painter) reset() { pn.curFace, pn.curSize = 255, -1 }

func (pn *painter) setFont(fc font.Face, size units.Sp) {
	if fc == pn.curFace && size == pn.curSize {
		return
	}
	ff, ok := fpdfFace[fc]
	if !ok {
		ff = fpdfFace[font.Regular]
	}
	pn.f.SetFont(ff[0], ff[1], pt(size))
	pn.curFace, pn.curSize = fc, size
}

// paint draws p's items in the current coordinate system, handing its
// links to link (nil drops them: links do not follow transformations).
func (pn *painter) paint(p *frame.Page, link func(frame.Item)) error {
	f := pn.f
	for i := 0; i < len(p.Items); i++ {
		it := p.Items[i]
		switch it.Kind {
		case frame.Text:
			if it.Text == "" {
				continue
			}
			pn.setFont(it.Face, it.Size)
			// The words that follow on the same baseline in the same
			// face go into one text object.
			pn.xs, pn.words = append(pn.xs[:0], pt(it.X)), append(pn.words[:0], it.Text)
			for i+1 < len(p.Items) {
				nx := p.Items[i+1]
				if nx.Kind != frame.Text || nx.Y != it.Y || nx.Face != it.Face || nx.Size != it.Size {
					break
				}
				if nx.Text != "" {
					pn.xs, pn.words = append(pn.xs, pt(nx.X)), append(pn.words, nx.Text)
				}
				i++
			}
			f.TextLine(pt(it.Y), pn.xs, pn.words)
		case frame.Rule:
			f.Rect(pt(it.X), pt(it.Y), pt(it.W), pt(it.H), "F")
		case frame.Image:
			f.ImageOptions(it.Path, pt(it.X), pt(it.Y), pt(it.W), pt(it.H), false, fpdf.ImageOptions{}, 0, "")
			if err := f.Error(); err != nil {
				return fmt.Errorf("pdf: image %s: %w", it.Path, err)
			}
		case frame.Link:
			if link != nil {
				link(it)
			}
		}
	}
	return nil
}

// escapeURL percent-encodes what a PDF URI must not hold raw (spaces,
// non-ASCII), keeping a URL that is already encoded as it is.
func escapeURL(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		return strings.ReplaceAll(s, " ", "%20")
	}
	return u.String()
}
