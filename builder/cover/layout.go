package cover

import (
	"context"
	"fmt"
	"strings"

	"github.com/pamphlet/pamphlet/builder/cover/ean"
	"github.com/pamphlet/pamphlet/builder/diag"
	"github.com/pamphlet/pamphlet/builder/doc"
	"github.com/pamphlet/pamphlet/builder/font"
	"github.com/pamphlet/pamphlet/builder/frame"
	"github.com/pamphlet/pamphlet/builder/style"
	"github.com/pamphlet/pamphlet/builder/typeset"
	"github.com/pamphlet/pamphlet/builder/units"
)

// Spec is what a print cover says and how it is cut: the book's text for
// the typographic front, the blurb, the barcode's numbers, and the
// geometry of the wrap.
type Spec struct {
	Title, Subtitle string
	Authors         []string
	Publisher       string
	// Lang is the book's language (BCP 47), for hyphenation and the
	// direction of the spine.
	Lang string
	// FrontImage is the path of a full-bleed front image; "" for the
	// typographic front.
	FrontImage string
	// Back is the blurb, a parsed Markdown article (nil for none).
	Back *doc.Article
	// InsideFront and InsideBack are the inside covers of a self-covered
	// booklet (nil: blank).
	InsideFront, InsideBack *doc.Article
	// ISBN and Price are the barcode's numbers ("" for none);
	// ISBNText is the ISBN as written, printed above the bars.
	ISBN     ean.ISBN
	ISBNText string
	Price    ean.Price
	// Spine is the spine's text; "" means title and authors.
	Spine string
	// SpineAsked is set when the spine's text was given: a spine too
	// narrow for it is then an error, not a blank spine.
	SpineAsked bool
}

// Geometry is the wrap's size: the trimmed page, the spine between back
// and front, and the bleed around all.
type Geometry struct {
	TrimW, TrimH units.Sp
	Spine        units.Sp
	Bleed        units.Sp
}

// Width is the cover's width with its bleed: back, spine and front.
func (g Geometry) Width() units.Sp { return 2*g.TrimW + g.Spine + 2*g.Bleed }

// Height is the cover's height with its bleed.
func (g Geometry) Height() units.Sp { return g.TrimH + 2*g.Bleed }

// Sheets returns the leaves of a book of pages pages: two pages a sheet.
func Sheets(pages int) int { return (pages + 1) / 2 }

// SpineWidth is the thickness of a perfect-bound book: its sheets times
// the paper's caliper.
func SpineWidth(pages int, caliper units.Sp) units.Sp {
	return units.Sp(Sheets(pages)) * caliper
}

// MinSpineText is the narrowest spine that carries text: below it the
// letters would be too small to read and would wrap round the edges
// with any binding's tolerance.
var MinSpineText = units.FromMM(6)

// Layout is the print cover as finished pages, each in its own
// coordinates: Front and Back are trimmed pages (items may reach into
// the bleed at negative or beyond-page coordinates); SpineText, when it has
// text, is a page as long as the book is high and as high as the spine
// is wide, painted turned a quarter clockwise so that it reads top to
// bottom. Boxes are the white boxes on the back (the barcode's), in the
// back page's coordinates, painted under its items.
type Layout struct {
	Geometry
	Front, Back, SpineText *frame.Page
	Boxes                  []Box
	// InsideFront and InsideBack are the inside covers of a booklet,
	// trimmed pages (blank when the manifest gives none).
	InsideFront, InsideBack *frame.Page
	// Meta is the book's metadata for the PDF's information dictionary.
	Meta doc.Meta
	// RTL is set for a book bound on the right (written right to left):
	// laid flat, its front is left of the spine and its back right.
	RTL bool
}

// Box is a rectangle, top-left corner and size.
type Box struct{ X, Y, W, H units.Sp }

// Problem is a fault of the cover's input, reported at the manifest key
// it concerns.
type Problem struct {
	// Key is the cover key ("back", "spine", "front").
	Key string
	Msg string
}

func (p *Problem) Error() string { return "cover." + p.Key + ": " + p.Msg }

// Make lays the cover out: the front in the book's fonts (title, subtitle,
// authors, publisher) or the image, the back with the blurb set by the
// book's typesetter and the barcode, the spine's text. st is the book's
// style; its page is the trim. Warnings of the typesetter (a missing
// glyph) go into diags at pos. A Problem is returned for input the cover
// cannot carry.
func Make(ctx context.Context, spec Spec, g Geometry, st *style.Style, fonts *font.Set, pos diag.Pos, diags *diag.List) (*Layout, error) {
	l := &Layout{Geometry: g, Meta: doc.Meta{Title: spec.Title, Subtitle: spec.Subtitle, Authors: spec.Authors, Publisher: spec.Publisher, Lang: spec.Lang}, RTL: typeset.IsRTLLang(spec.Lang)}
	var err error
	if spec.FrontImage != "" {
		// Into the bleed at the top, bottom and fore-edge; the spine
		// side stops at the fold. An image of other proportions is
		// cropped to it, centred, never stretched.
		x := units.Sp(0)
		if l.RTL {
			x = -g.Bleed
		}
		l.Front = &frame.Page{W: g.TrimW, H: g.TrimH, Items: []frame.Item{{
			Kind: frame.Image, Path: spec.FrontImage, Flags: frame.Cover,
			X: x, Y: -g.Bleed, W: g.TrimW + g.Bleed, H: g.TrimH + 2*g.Bleed,
		}}}
	} else if l.Front, err = Front(ctx, spec, g.TrimW, g.TrimH, st, fonts, pos, diags); err != nil {
		return nil, err
	}
	if l.Back, l.Boxes, err = back(ctx, spec, g, st, fonts, pos, diags); err != nil {
		return nil, err
	}
	if l.SpineText, err = spine(ctx, spec, g, st, fonts, pos, diags); err != nil {
		return nil, err
	}
	for _, in := range []struct {
		a   *doc.Article
		dst **frame.Page
		key string
	}{{spec.InsideFront, &l.InsideFront, "inside-front"}, {spec.InsideBack, &l.InsideBack, "inside-back"}} {
		*in.dst = &frame.Page{W: g.TrimW, H: g.TrimH}
		if in.a == nil {
			continue
		}
		items, over, err := setText(ctx, in.a, spec.Lang, pageStyle(st, g.TrimW, g.TrimH, st.Inner, st.Outer, st.Top, st.Bottom), fonts, pos, diags)
		if err != nil {
			return nil, err
		}
		if over {
			return nil, &Problem{in.key, "the text is longer than the page: shorten it"}
		}
		(*in.dst).Items = items
	}
	return l, nil
}

// pageStyle is st with page w × h and the given margins.
func pageStyle(st *style.Style, w, h, inner, outer, top, bottom units.Sp) *style.Style {
	s := *st
	s.PageWidth, s.PageHeight = w, h
	s.Inner, s.Outer, s.Top, s.Bottom = inner, outer, top, bottom
	s.RectoOpenings = false
	return &s
}

// setText typesets article a alone on pages of style s and returns the
// items of its first page, its title left out and its top at the text
// block's top, as artifacts (node 0: a cover has no structure); over is
// set when the text did not fit on that page.
func setText(ctx context.Context, a *doc.Article, lang string, s *style.Style, fonts *font.Set, pos diag.Pos, diags *diag.List) (items []frame.Item, over bool, err error) {
	b := &doc.Book{Meta: doc.Meta{Lang: lang}, Articles: []*doc.Article{a}}
	var dl diag.List
	d, err := typeset.Typeset(ctx, b, typeset.Options{Style: s, Fonts: fonts}, &dl)
	if err != nil {
		return nil, false, fmt.Errorf("cover: %w", err)
	}
	for _, it := range dl.Items() {
		if it.Severity != diag.Error {
			diags.Warnf(pos, it.Code, "cover: %s", it.Msg)
		}
	}
	first, n := -1, 0
	for i, ps := range d.PageStarts {
		if ps.Article == 0 {
			if first < 0 {
				first = i
			}
			n++
		}
	}
	if first < 0 {
		return nil, false, nil
	}
	// The article's own nodes: its title (H1) and what hangs under it
	// are the opening, which the caller asked for or not.
	drop := map[int32]bool{}
	for i, nd := range d.Nodes {
		if nd.Role == "H1" || (nd.Parent >= 0 && drop[nd.Parent]) {
			drop[int32(i)] = true
		}
	}
	var top units.Sp = -1
	for _, it := range d.Pages[first].Items {
		if it.Node == 0 && it.Kind == frame.Text {
			continue // the folio
		}
		if drop[it.Node] {
			continue
		}
		y := it.Y
		if it.Kind == frame.Text {
			y -= fonts.Ascent(it.Face, it.Size)
		}
		if top < 0 || y < top {
			top = y
		}
		it.Node = 0
		items = append(items, it)
	}
	for i := range items {
		items[i].Y += s.Top - top
	}
	return items, n > 1, nil
}

// Front lays out the typographic front, w × h: the title large in the
// headings face, the subtitle in italic, a short rule, the authors, and
// the publisher at the foot, all centred and set by the book's
// typesetter, so that every script the book's fonts have is shaped (a
// Persian or Hindi title comes out as in the book).
func Front(ctx context.Context, spec Spec, w, h units.Sp, st *style.Style, fonts *font.Set, pos diag.Pos, diags *diag.List) (*frame.Page, error) {
	side := w / 8
	s := pageStyle(st, w, h, side, side, h/12, h/10)
	// Display sizes: the title at twice the book's article titles, the
	// byline at the size of a section heading of the book.
	s.FontSize = st.H2 * 3 / 2
	s.Leading = s.FontSize * 13 / 10
	s.Title = st.Title * 2
	s.H2 = st.H2 * 3 / 2
	title := strings.TrimSpace(spec.Title)
	if title == "" {
		title = "Untitled"
	}
	a := &doc.Article{ID: "cover", Meta: doc.Meta{Title: title, Subtitle: strings.TrimSpace(spec.Subtitle), Authors: nonEmpty(spec.Authors)}}
	b := &doc.Book{Meta: doc.Meta{Lang: spec.Lang}, Articles: []*doc.Article{a}}
	var dl diag.List
	d, err := typeset.Typeset(ctx, b, typeset.Options{Style: s, Fonts: fonts}, &dl)
	if err != nil {
		return nil, fmt.Errorf("cover: %w", err)
	}
	for _, it := range dl.Items() {
		if it.Severity != diag.Error {
			diags.Warnf(pos, it.Code, "cover: %s", it.Msg)
		}
	}
	pg := &frame.Page{W: w, H: h}
	for i, ps := range d.PageStarts {
		if ps.Article != 0 {
			continue
		}
		var last units.Sp
		for _, it := range d.Pages[i].Items {
			if it.Node == 0 && it.Kind == frame.Text {
				continue // the folio
			}
			it.Node = 0
			pg.Items = append(pg.Items, it)
			last = max(last, it.Y)
		}
		break
	}
	// The titles' block starts a fifth of the way down, wherever the
	// typesetter's article opening would sink it.
	var top units.Sp = -1
	for _, it := range pg.Items {
		if y := it.Y - fonts.Ascent(it.Face, it.Size); it.Kind == frame.Text && (top < 0 || y < top) {
			top = y
		}
	}
	if top >= 0 {
		for i := range pg.Items {
			pg.Items[i].Y += h/5 - top
		}
	}
	// A short rule under the titles and byline, like the book's
	// section-break ornament.
	rule := frame.Item{Kind: frame.Rule, X: w/2 - w/16, Y: 0, W: w / 8, H: units.FromPt(1)}
	if n := len(pg.Items); n > 0 {
		var bottom units.Sp
		for _, it := range pg.Items {
			bottom = max(bottom, it.Y)
		}
		rule.Y = bottom + s.Leading
		pg.Items = append(pg.Items, rule)
	}
	if p := strings.TrimSpace(spec.Publisher); p != "" {
		items, wd, _ := line(ctx, p, spec.Lang, st, fonts, font.Regular, st.FontSize, w-2*side, pos, diags)
		for _, it := range items {
			it.X += (w - wd) / 2
			it.Y += h - h/12
			pg.Items = append(pg.Items, it)
		}
	}
	return pg, nil
}

func nonEmpty(list []string) []string {
	var out []string
	for _, s := range list {
		if s = strings.Join(strings.Fields(s), " "); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// line sets text on one line of width at most w by the typesetter (so
// that it is shaped and ordered as the book's lines are) and returns its
// items on baseline 0 from x 0, with its width. Text too long for w comes
// back on its first line only, fits false.
func line(ctx context.Context, text, lang string, st *style.Style, fonts *font.Set, face font.Face, size, w units.Sp, pos diag.Pos, diags *diag.List) (items []frame.Item, width units.Sp, fits bool) {
	s := pageStyle(st, w+units.FromMM(20), size*80, units.FromMM(10), units.FromMM(10), size*2, size*2)
	s.FontSize, s.Leading, s.Ragged, s.Hyphenate = size, size*12/10, true, "none"
	var in doc.Inline = &doc.Text{Value: text}
	if face.IsItalic() {
		in = &doc.Emph{Inlines: []doc.Inline{in}}
	}
	if face.IsBold() {
		in = &doc.Strong{Inlines: []doc.Inline{in}}
	}
	a := &doc.Article{ID: "line", Meta: doc.Meta{Title: " "}, Blocks: []doc.Block{&doc.Para{Inlines: []doc.Inline{in}}}}
	items, _, err := setText(ctx, a, lang, s, fonts, pos, diags)
	if err != nil || len(items) == 0 {
		return nil, 0, false
	}
	base := items[0].Y
	var out []frame.Item
	x0, x1 := items[0].X, items[0].X
	fits = true
	for _, it := range items {
		if it.Kind != frame.Text || it.Y != base {
			fits = false
			continue
		}
		x0, x1 = min(x0, it.X), max(x1, it.X+it.W)
		out = append(out, it)
	}
	for i := range out {
		out[i].X -= x0
		out[i].Y = 0
	}
	return out, x1 - x0, fits
}
