package builder

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"strings"
	"time"

	"github.com/pamphlet/pamphlet/builder/cover"
	"github.com/pamphlet/pamphlet/builder/diag"
	"github.com/pamphlet/pamphlet/builder/doc"
	"github.com/pamphlet/pamphlet/builder/font"
	"github.com/pamphlet/pamphlet/builder/frame"
	laidout "github.com/pamphlet/pamphlet/builder/laid"
	"github.com/pamphlet/pamphlet/builder/manifest"
	"github.com/pamphlet/pamphlet/builder/markdown"
	"github.com/pamphlet/pamphlet/builder/pdf"
	"github.com/pamphlet/pamphlet/builder/raster"
	"github.com/pamphlet/pamphlet/builder/style"
	"github.com/pamphlet/pamphlet/builder/transform"
	"github.com/pamphlet/pamphlet/builder/units"
	"github.com/pamphlet/pamphlet/internal/inputfile"
)

// CodeCover is the code of a cover the manifest asks for that cannot be
// made (an image too small, a blurb too long, a spine too narrow); the
// manifest's own checks of cover values share it.
const CodeCover = "M012"

// coverBleed is the cover's bleed when pdf.bleed gives none: what print
// services ask of a cover.
var coverBleed = units.FromMM(3)

// coverPlan is the cover of a build: the print cover's layout and the
// jobs and summary that go with it.
type coverPlan struct {
	layout  *cover.Layout
	binding string
	pages   int
	caliper units.Sp
	marks   bool
	intent  string
	paper   string
}

// planCover lays out the print cover when the manifest asks for one (nil
// otherwise). A cover it cannot make is an error at its manifest line.
func planCover(ctx context.Context, m *manifest.Manifest, st *style.Style, fonts *font.Set, pages int, ps printSettings, diags *diag.List) (*coverPlan, error) {
	cs := m.CoverSpec
	if !cs.Print {
		return nil, nil
	}
	pos := cs.Pos
	if pos.File == "" {
		pos = diag.Pos{File: m.Path}
	}
	cp := &coverPlan{binding: cs.Binding, pages: pages, caliper: cs.SheetCaliper(), marks: ps.marks, intent: ps.outputIntent, paper: cs.PaperName}
	if cp.paper == "" {
		cp.paper = manifest.DefaultPaper
	}
	if cp.binding == "" {
		cp.binding = "perfect"
		if pages <= manifest.SaddleMaxPages {
			cp.binding = "saddle"
		}
	}
	g := cover.Geometry{TrimW: st.PageWidth, TrimH: st.PageHeight, Bleed: ps.bleed}
	if g.Bleed <= 0 {
		g.Bleed = coverBleed
	}
	if cp.binding == "perfect" {
		g.Spine = cover.SpineWidth(pages, cp.caliper)
	}
	spec := coverSpec(m)
	if cs.Front != "" {
		if !frontImageOK(cs, relTo(m.Dir, cs.Front), g, diags) {
			return nil, ErrBook
		}
	}
	var err error
	if spec.Back, err = blurb(m, cs.Back, cs.BackPos, "back", diags); err != nil {
		return nil, err
	}
	if spec.InsideFront, err = blurb(m, cs.InsideFront, cs.InsideFrontPos, "inside-front", diags); err != nil {
		return nil, err
	}
	if spec.InsideBack, err = blurb(m, cs.InsideBack, cs.InsideBackPos, "inside-back", diags); err != nil {
		return nil, err
	}
	l, err := cover.Make(ctx, spec, g, st, fonts, pos, diags)
	var prob *cover.Problem
	if errors.As(err, &prob) {
		at := map[string]diag.Pos{"back": cs.BackPos, "spine": cs.SpinePos, "inside-front": cs.InsideFrontPos, "inside-back": cs.InsideBackPos}[prob.Key]
		if at.File == "" {
			at = pos
		}
		diags.Errorf(at, CodeCover, "%s", prob.Error())
		return nil, ErrBook
	}
	if err != nil {
		return nil, err
	}
	cp.layout = l
	return cp, nil
}

// coverSpec is what the manifest says the cover says.
func coverSpec(m *manifest.Manifest) cover.Spec {
	cs := m.CoverSpec
	return cover.Spec{
		Title: m.Title, Subtitle: m.Subtitle, Authors: m.Authors, Publisher: m.Publisher,
		Lang: m.Language, FrontImage: cs.Front,
		ISBN: cs.ISBN, ISBNText: cs.ISBNText, Price: cs.Price,
		Spine: cs.Spine, SpineAsked: cs.Spine != "",
	}
}

// minFrontDPI is the resolution below which a front image is refused,
// goodFrontDPI the one below which it is used with a warning.
const (
	minFrontDPI  = 150
	goodFrontDPI = 300
)

// frontImageOK checks the front image (name, as the manifest gives it)
// against the trim: large enough to print sharp. It reports what is wrong
// at cover.front's line.
func frontImageOK(cs manifest.Cover, name string, g cover.Geometry, diags *diag.List) bool {
	f, _, err := inputfile.Open(cs.Front)
	if err != nil {
		diags.Errorf(cs.FrontPos, "M011", "cannot read the cover image %s: %v", name, err)
		return false
	}
	defer f.Close()
	cfg, format, err := image.DecodeConfig(f)
	if err != nil || (format != "png" && format != "jpeg") {
		diags.Errorf(cs.FrontPos, CodeCover, "cover.front: %s is not a PNG or JPEG image", cs.Front)
		return false
	}
	// The image fills the front and its bleed on three sides.
	wIn, hIn := (g.TrimW+g.Bleed).Points()/72, (g.TrimH+2*g.Bleed).Points()/72
	dpi := min(float64(cfg.Width)/wIn, float64(cfg.Height)/hIn)
	need := fmt.Sprintf("%d × %d pixels", int(wIn*goodFrontDPI+0.5), int(hIn*goodFrontDPI+0.5))
	if dpi < minFrontDPI {
		diags.Errorf(cs.FrontPos, CodeCover, "cover.front: the image is %d × %d pixels, %.0f dpi on the front with its bleed (%.0f × %.0f mm): too small to print; it needs %s (%d dpi)", cfg.Width, cfg.Height, dpi, (g.TrimW + g.Bleed).MM(), (g.TrimH + 2*g.Bleed).MM(), need, goodFrontDPI)
		return false
	}
	if dpi < goodFrontDPI {
		diags.Warnf(cs.FrontPos, CodeCover, "cover.front: the image is %d × %d pixels, %.0f dpi on the front with its bleed: it will print soft; %s make %d dpi", cfg.Width, cfg.Height, dpi, need, goodFrontDPI)
	}
	ar, want := float64(cfg.Width)/float64(cfg.Height), wIn/hIn
	// The image covers the front, cropped to it (frame.Cover): a few
	// per cent off its edges goes unsaid; more may cut what matters.
	switch {
	case ar/want > 1.05:
		diags.Warnf(cs.FrontPos, CodeCover, "cover.front: the image is wider (%.3f) than the front with its bleed (%.3f): %.0f%% of its width is cut off, half at each side", ar, want, 100*(1-want/ar))
	case want/ar > 1.05:
		diags.Warnf(cs.FrontPos, CodeCover, "cover.front: the image is taller (%.3f) than the front with its bleed (%.3f): %.0f%% of its height is cut off, half at the top and half at the bottom", ar, want, 100*(1-ar/want))
	}
	return true
}

// blurb parses a cover text (Markdown) into an article; its problems are
// reported at the key's line.
func blurb(m *manifest.Manifest, src string, pos diag.Pos, key string, diags *diag.List) (*doc.Article, error) {
	if strings.TrimSpace(src) == "" {
		return nil, nil
	}
	var dl diag.List
	a := markdown.Parse(m.Path, []byte(src), &dl)
	a.ID = "cover-" + key
	a.Meta.Title = ""
	b := &doc.Book{Articles: []*doc.Article{a}}
	transform.Apply(b, transform.Options{Stat: inputfile.Check, Dirs: []string{m.Dir}, Open: openFile}, &dl)
	for _, d := range dl.Items() {
		if d.Code == "P002" || strings.Contains(d.Msg, "has no title") {
			continue // a blurb needs no title
		}
		d.Pos = pos
		d.Msg = "cover." + key + ": " + d.Msg
		diags.Add(d)
	}
	if diags.HasErrors() {
		return nil, ErrBook
	}
	return a, nil
}

// geometry returns the cover's size as the PDF writer takes it.
func (cp *coverPlan) options(modified time.Time) pdf.CoverOptions {
	l := cp.layout
	o := pdf.CoverOptions{
		Options: pdf.Options{Created: modified},
		Meta:    l.Meta,
		TrimW:   l.TrimW, TrimH: l.TrimH, SpineW: l.Spine, Bleed: l.Bleed,
		Front: l.Front, Back: l.Back, Spine: l.SpineText,
		Tint:         true,
		Marks:        cp.marks,
		OutputIntent: cp.intent,
		RTL:          l.RTL,
	}
	for _, b := range l.Boxes {
		o.WhiteBoxes = append(o.WhiteBoxes, [4]units.Sp{b.X, b.Y, b.W, b.H})
	}
	return o
}

// job is the NAME-cover.pdf output.
func (cp *coverPlan) job(name string, fonts *font.Set, modified time.Time) outputJob {
	o := cp.options(modified)
	return outputJob{name + "-cover.pdf", func(w io.Writer) error {
		return pdf.WriteCover(w, fonts, o)
	}}
}

// summary is the cover's part of the summary line.
func (cp *coverPlan) summary() string {
	l := cp.layout
	s := fmt.Sprintf("cover: %s × %s mm", mm1(l.Width()), mm1(l.Height()))
	if cp.binding == "perfect" {
		s += fmt.Sprintf(", spine %s mm (%d sheets × %.3f mm, %s)", mm1(l.Spine), cover.Sheets(cp.pages), cp.caliper.MM(), cp.paper)
	} else {
		s += ", saddle-stitched (no spine)"
	}
	return s
}

func mm1(s units.Sp) string { return fmt.Sprintf("%.1f", s.MM()) }

// selfCovered returns the booklet's document for a saddle-stitched book
// with a cover: the front and its inside, the book, the inside back and
// the back, so that the booklet's outer sheet is the cover. Otherwise it
// returns laid.
func (cp *coverPlan) selfCovered(laid *frame.Document) (*frame.Document, bool) {
	if cp == nil || cp.binding != "saddle" {
		return laid, false
	}
	l := cp.layout
	d := *laid
	d.Pages = make([]*frame.Page, 0, len(laid.Pages)+4)
	d.Pages = append(d.Pages, l.Front, l.InsideFront)
	d.Pages = append(d.Pages, laid.Pages...)
	d.Pages = append(d.Pages, l.InsideBack, l.Back)
	return &d, true
}

// epubCover draws the EPUB's cover image from the same front design as
// print: the typographic front at 1400 pixels wide, on the cover's paper
// tone. It serves every book without a cover image.
func epubCover(ctx context.Context, m *manifest.Manifest, st *style.Style, fonts *font.Set) ([]byte, error) {
	var dl diag.List
	front, err := cover.Front(ctx, coverSpec(m), st.PageWidth, st.PageHeight, st, fonts, diag.Pos{File: m.Path}, &dl)
	if err != nil {
		return nil, err
	}
	return coverPNG(front, fonts)
}

// paperTone is the typographic cover's paper on screen, the print
// cover's CMYK tint (builder/pdf) as sRGB.
var paperTone = color.RGBA{0xf4, 0xef, 0xe4, 0xff}

// epubCoverWidth is the EPUB cover's width in pixels, what e-book shops
// ask for at least.
const epubCoverWidth = 1400

// coverPNG rasterises a front page on the paper tone.
func coverPNG(front *frame.Page, fonts *font.Set) ([]byte, error) {
	dpi := epubCoverWidth / (front.W.Points() / 72)
	r, err := raster.New(fonts, dpi)
	if err != nil {
		return nil, err
	}
	img, err := r.Page(front)
	if err != nil {
		return nil, err
	}
	// The page is black ink on white, so its grey level says all: a
	// palette of the 256 shades from paper to ink holds it in a byte a
	// pixel, which PNG packs in a third of the time of RGBA.
	pal := make(color.Palette, 256)
	for i := range pal {
		// Index i is the grey level i of the page: 255 paper, 0 ink.
		pal[i] = color.RGBA{uint8(uint16(i) * uint16(paperTone.R) / 255), uint8(uint16(i) * uint16(paperTone.G) / 255), uint8(uint16(i) * uint16(paperTone.B) / 255), 0xff}
	}
	out := image.NewPaletted(img.Rect, pal)
	for i, j := 0, 0; i+3 < len(img.Pix); i, j = i+4, j+1 {
		out.Pix[j] = img.Pix[i+1] // green, the middle of the three
	}
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(&buf, out); err != nil {
		return nil, fmt.Errorf("cover: encoding the PNG: %w", err)
	}
	return buf.Bytes(), nil
}

// CoverPreview paints the print cover of a laid-out book (a DryRun
// build's Laid) at dpi as one image: back, spine and front with the
// bleed, on the paper tone, the barcode's box white, as NAME-cover.pdf
// prints it (without marks). A book whose manifest asks for no cover
// gets the one pdf.cover: true would make. It returns the image and the
// summary line's words about the cover.
func CoverPreview(ctx context.Context, l *laidout.Book, dpi float64) (*image.RGBA, string, error) {
	m := *l.Manifest
	m.CoverSpec.Print = true
	var dl diag.List
	ps, err := resolvePrint(m.Print, Options{})
	if err != nil {
		return nil, "", err
	}
	cp, err := planCover(ctx, &m, l.Style, l.Fonts, len(l.Doc.Pages), ps, &dl)
	if err != nil {
		if errors.Is(err, ErrBook) {
			return nil, "", dl.Err()
		}
		return nil, "", err
	}
	r, err := raster.New(l.Fonts, dpi)
	if err != nil {
		return nil, "", err
	}
	lay := cp.layout
	px := func(s units.Sp) int { return int(s.Points()*dpi/72 + 0.5) }
	out := image.NewRGBA(image.Rect(0, 0, px(lay.Width()), px(lay.Height())))
	for i := 0; i+3 < len(out.Pix); i += 4 {
		copy(out.Pix[i:i+4], []uint8{paperTone.R, paperTone.G, paperTone.B, 0xff})
	}
	for _, b := range lay.Boxes {
		bx := lay.Bleed
		if lay.RTL {
			bx += lay.TrimW + lay.Spine
		}
		x0, y0 := px(bx+b.X), px(lay.Bleed+b.Y)
		for y := y0; y < y0+px(b.H); y++ {
			for x := x0; x < x0+px(b.W); x++ {
				out.SetRGBA(x, y, color.RGBA{0xff, 0xff, 0xff, 0xff})
			}
		}
	}
	// Each panel is painted on white and multiplied in: ink darkens, the
	// paper shows through. An image front is copied as it is.
	put := func(p *frame.Page, x0, y0 int, turn, opaque bool) error {
		img, err := r.Page(p)
		if err != nil {
			return err
		}
		b := img.Bounds()
		for y := 0; y < b.Dy(); y++ {
			for x := 0; x < b.Dx(); x++ {
				dx, dy := x0+x, y0+y
				if turn { // a quarter turn clockwise
					dx, dy = x0+b.Dy()-1-y, y0+x
				}
				if !(image.Point{dx, dy}.In(out.Rect)) {
					continue
				}
				s := img.RGBAAt(x, y)
				if opaque {
					out.SetRGBA(dx, dy, s)
					continue
				}
				d := out.RGBAAt(dx, dy)
				out.SetRGBA(dx, dy, color.RGBA{uint8(uint16(d.R) * uint16(s.R) / 255), uint8(uint16(d.G) * uint16(s.G) / 255), uint8(uint16(d.B) * uint16(s.B) / 255), 0xff})
			}
		}
		return nil
	}
	bleed := px(lay.Bleed)
	backX, frontX := lay.Bleed, lay.Bleed+lay.TrimW+lay.Spine
	if lay.RTL {
		backX, frontX = frontX, backX
	}
	if err := put(lay.Back, px(backX), bleed, false, false); err != nil {
		return nil, "", err
	}
	front := *lay.Front
	x0, y0 := px(frontX), bleed
	if m.CoverSpec.Front != "" {
		// The image reaches into the bleed: paint the front with it.
		front.W, front.H = lay.TrimW+lay.Bleed, lay.TrimH+2*lay.Bleed
		front.Items = append([]frame.Item(nil), front.Items...)
		for i := range front.Items {
			front.Items[i].Y += lay.Bleed
		}
		y0 = 0
	}
	if err := put(&front, x0, y0, false, m.CoverSpec.Front != ""); err != nil {
		return nil, "", err
	}
	if lay.SpineText != nil {
		if err := put(lay.SpineText, px(lay.Bleed+lay.TrimW), bleed, true, false); err != nil {
			return nil, "", err
		}
	}
	return out, cp.summary(), nil
}
