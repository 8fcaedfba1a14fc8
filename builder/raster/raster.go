// Package raster paints finished pages (frame.Page) into images: text
// with the book's own fonts, rules and pictures, at any resolution. It
// serves previews and contact sheets, drawn from the layout itself rather
// than from a PDF, so they need no PDF renderer and show exactly what the
// typesetter decided.
//
// Text is painted as the PDF paints it: each text item is shaped by the
// font book (font.Set.Shape) and its glyphs are drawn by glyph index, so
// ligatures, Indic conjuncts and reordered vowel signs, and joined Arabic
// look as they will in print. Outlines come from golang.org/x/image/font/sfnt
// (TrueType and CFF, collections too) and are filled with
// golang.org/x/image/vector, without hinting.
//
// Output is deterministic: the same page, fonts and resolution give the
// same pixels.
package raster

import (
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	_ "image/gif" // decoders for the pictures a page may hold
	_ "image/jpeg"
	_ "image/png"
	"math"

	xdraw "golang.org/x/image/draw"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
	"golang.org/x/image/vector"

	"github.com/pamphlet/pamphlet/builder/font"
	"github.com/pamphlet/pamphlet/builder/frame"
	"github.com/pamphlet/pamphlet/builder/units"
	"github.com/pamphlet/pamphlet/internal/inputfile"
)

// Renderer paints pages with one font set at one resolution. It caches
// parsed fonts, glyph masks and decoded pictures, and is not safe for
// concurrent use.
type Renderer struct {
	fonts  *font.Set
	dpi    float64
	parsed map[font.Face]*outlines
	images map[string]image.Image

	// masks holds rasterised glyphs by face, glyph, size and sub-pixel
	// position: a page repeats few glyphs many times. maskBytes is
	// about the memory they take, held under maxMaskBytes.
	masks     map[maskKey]glyphMask
	maskBytes int
	buf       sfnt.Buffer
	rast      vector.Rasterizer
}

// outlines is one face's font as sfnt reads it.
type outlines struct {
	f     *sfnt.Font
	upem  float64 // the outlines' units per em
	shape float64 // the shaper's units per em, which advances are in
	err   error
}

// Glyphs are placed to a quarter of a pixel, so that each glyph of a face
// and size has at most 16 masks.
const subpixels = 4

// maxMaskBytes bounds the glyph cache; it is emptied when full. A page of
// prose in roman and italic fills 90 KB of it at 100 dpi, 600 KB at 600.
const maxMaskBytes = 32 << 20

// maxEm is the largest em, in pixels, that is painted: text larger than
// the largest page is nonsense, and its outlines would take the rasteriser
// as long to walk as they are long.
const maxEm = 20000

// maxCachedMask is the largest glyph, in pixels, that is cached; larger
// ones (a display size at a high resolution) are drawn clipped to the page
// and forgotten.
const maxCachedMask = 1 << 18

type maskKey struct {
	face   font.Face
	gid    uint16
	fx, fy uint8 // sub-pixel offset of the origin, in 1/subpixels
	expand int8  // the glyph's font expansion (frame.Item.Expand)
	size   units.Sp
}

// glyphMask is a glyph's coverage with its top-left corner relative to
// the whole pixel that holds the origin; mask is nil for a glyph without
// ink (a space) or one that could not be read.
type glyphMask struct {
	off  image.Point
	mask *image.Alpha
}

// New returns a Renderer for pages set in fonts, painting dpi pixels per
// inch (72 makes one pixel a point).
func New(fonts *font.Set, dpi float64) (*Renderer, error) {
	if fonts == nil {
		return nil, fmt.Errorf("raster: no fonts")
	}
	if !(dpi >= 1 && dpi <= 2400) {
		return nil, fmt.Errorf("raster: resolution %v dpi is out of range (1 to 2400)", dpi)
	}
	return &Renderer{
		fonts:  fonts,
		dpi:    dpi,
		parsed: map[font.Face]*outlines{},
		images: map[string]image.Image{},
		masks:  map[maskKey]glyphMask{},
	}, nil
}

// px converts a length to pixels.
func (r *Renderer) px(s units.Sp) float64 { return s.Points() * r.dpi / 72 }

// Size returns the pixel size of a page.
func (r *Renderer) Size(p *frame.Page) (w, h int) {
	return max(1, int(r.px(p.W)+0.5)), max(1, int(r.px(p.H)+0.5))
}

// Page paints p on white. Pictures that cannot be read are drawn as a
// grey box, as a reader would want to notice them; glyphs that cannot be
// read, and text larger than a page, are left out.
func (r *Renderer) Page(p *frame.Page) (*image.RGBA, error) {
	w, h := r.Size(p)
	if w > 20000 || h > 20000 {
		return nil, fmt.Errorf("raster: a page of %d×%d pixels is too large", w, h)
	}
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	xdraw.Draw(img, img.Bounds(), image.White, image.Point{}, xdraw.Src)
	for _, it := range p.Items {
		switch it.Kind {
		case frame.Text:
			if err := r.text(img, it); err != nil {
				return nil, err
			}
		case frame.Rule:
			rect := r.rect(it)
			if rect.Empty() {
				// A hairline still shows as one pixel.
				rect.Max.Y = max(rect.Max.Y, rect.Min.Y+1)
				rect.Max.X = max(rect.Max.X, rect.Min.X+1)
			}
			xdraw.Draw(img, rect, image.Black, image.Point{}, xdraw.Over)
		case frame.Image:
			r.picture(img, it)
		}
	}
	return img, nil
}

func (r *Renderer) rect(it frame.Item) image.Rectangle {
	x0, y0 := int(r.px(it.X)+0.5), int(r.px(it.Y)+0.5)
	x1, y1 := int(r.px(it.X+it.W)+0.5), int(r.px(it.Y+it.H)+0.5)
	return image.Rect(x0, y0, x1, y1)
}

// text paints a text item's glyph run: the glyphs the PDF paints, from
// the item's left edge along its baseline.
func (r *Renderer) text(dst *image.RGBA, it frame.Item) error {
	em := r.px(it.Size)
	if it.Text == "" || it.Size <= 0 || em > maxEm {
		return nil
	}
	f := it.Face
	if int(f) >= r.fonts.NumFaces() {
		// As Shape does: an unknown face is the regular one.
		f = font.Regular
	}
	run := r.fonts.Shape(f, it.Text)
	if len(run.Glyphs) == 0 {
		return nil
	}
	ol, err := r.outlines(f)
	if err != nil {
		return err
	}
	// Font expansion draws the glyphs and their advances wider or
	// narrower, as the PDF's Tz does.
	hs := it.HScale()
	vadv := em / ol.shape // pixels per font unit, up and down
	adv := vadv * hs      // pixels per unit of advance
	x0, y0 := r.px(it.X), r.px(it.Y)
	var pen int64 // font units from the left edge
	for _, g := range run.Glyphs {
		x := x0 + float64(pen+int64(g.XOff))*adv
		y := y0 - float64(g.YOff)*vadv
		pen += int64(g.Advance)
		r.glyph(dst, ol, maskKey{face: f, gid: g.ID, size: it.Size, expand: it.Expand}, em, x, y)
	}
	return nil
}

// outlines returns face f's font parsed by sfnt, parsing it on first use.
func (r *Renderer) outlines(f font.Face) (*outlines, error) {
	ol, ok := r.parsed[f]
	if !ok {
		ol = &outlines{shape: float64(max(1, r.fonts.Upem(f)))}
		src := r.fonts.Source(f)
		ol.f, ol.err = parseFont(src.Data, src.Index)
		if ol.err == nil {
			ol.upem = float64(ol.f.UnitsPerEm())
			if ol.upem <= 0 {
				ol.err = errors.New("invalid units per em")
			}
		}
		if ol.err != nil {
			ol.err = fmt.Errorf("raster: font %s: %w", src.Name, ol.err)
		}
		r.parsed[f] = ol
	}
	return ol, ol.err
}

// parseFont reads face index of a font file or collection. sfnt is not
// hardened against malformed fonts, so a panic becomes an error.
func parseFont(data []byte, index int) (f *sfnt.Font, err error) {
	defer func() {
		if p := recover(); p != nil {
			f, err = nil, fmt.Errorf("corrupt font (%v)", p)
		}
	}()
	c, err := sfnt.ParseCollection(data)
	if err != nil {
		return nil, err
	}
	if index < 0 || index >= c.NumFonts() {
		return nil, fmt.Errorf("no face %d in the collection (it has %d)", index, c.NumFonts())
	}
	return c.Font(index)
}

// glyph paints glyph k.gid with its origin at (x, y) in pixels, em pixels
// to the em.
func (r *Renderer) glyph(dst *image.RGBA, ol *outlines, k maskKey, em, x, y float64) {
	ix, fx := split(x)
	iy, fy := split(y)
	k.fx, k.fy = fx, fy
	origin := image.Pt(ix, iy)
	if m, ok := r.masks[k]; ok {
		if m.mask != nil {
			draw.DrawMask(dst, m.mask.Rect.Add(origin.Add(m.off)), image.Black, image.Point{}, m.mask, image.Point{}, draw.Over)
		}
		return
	}
	segs, err := loadGlyph(ol.f, &r.buf, k.gid)
	if err != nil || len(segs) == 0 {
		r.remember(k, glyphMask{})
		return
	}
	// The glyph's box in pixels, relative to the whole pixel of the origin.
	s := em / ol.upem
	sx := s * (1 + float64(k.expand)/frame.ExpandSteps)
	ox, oy := float64(fx)/subpixels, float64(fy)/subpixels
	b := segs.Bounds()
	box := image.Rect(
		int(math.Floor(ox+float64(b.Min.X)*sx)), int(math.Floor(oy+float64(b.Min.Y)*s)),
		int(math.Ceil(ox+float64(b.Max.X)*sx)), int(math.Ceil(oy+float64(b.Max.Y)*s)))
	if box.Empty() {
		r.remember(k, glyphMask{})
		return
	}
	if box.Dx()*box.Dy() <= maxCachedMask {
		m := glyphMask{off: box.Min, mask: r.fill(segs, sx, s, ox-float64(box.Min.X), oy-float64(box.Min.Y), box.Size())}
		r.remember(k, m)
		draw.DrawMask(dst, m.mask.Rect.Add(origin.Add(m.off)), image.Black, image.Point{}, m.mask, image.Point{}, draw.Over)
		return
	}
	// A huge glyph: only the part on the page is filled.
	clip := box.Add(origin).Intersect(dst.Rect)
	if clip.Empty() {
		return
	}
	at := clip.Min.Sub(origin)
	mask := r.fill(segs, sx, s, ox-float64(at.X), oy-float64(at.Y), clip.Size())
	draw.DrawMask(dst, clip, image.Black, image.Point{}, mask, image.Point{}, draw.Over)
}

// split returns the whole pixel holding v and v's position within it,
// rounded to the nearest 1/subpixels.
func split(v float64) (int, uint8) {
	q := int(math.Round(v * subpixels))
	i := q / subpixels
	if q < 0 && q%subpixels != 0 {
		i-- // towards minus infinity
	}
	return i, uint8(q - i*subpixels)
}

// loadGlyph returns glyph gid's outline in font units, y down. A panic
// in sfnt (a malformed glyph) is an error.
func loadGlyph(f *sfnt.Font, buf *sfnt.Buffer, gid uint16) (segs sfnt.Segments, err error) {
	defer func() {
		if p := recover(); p != nil {
			segs, err = nil, fmt.Errorf("corrupt glyph %d (%v)", gid, p)
		}
	}()
	// ppem equal to units per em leaves the coordinates in font units.
	return f.LoadGlyph(buf, sfnt.GlyphIndex(gid), fixed.Int26_6(f.UnitsPerEm()), nil)
}

// fill rasterises segs scaled by sx across and sy up and down and moved
// by (dx, dy) pixels into a new mask of size.
func (r *Renderer) fill(segs sfnt.Segments, sx, sy, dx, dy float64, size image.Point) *image.Alpha {
	z := &r.rast
	z.Reset(size.X, size.Y)
	z.DrawOp = draw.Src
	pt := func(p fixed.Point26_6) (float32, float32) {
		return float32(dx + float64(p.X)*sx), float32(dy + float64(p.Y)*sy)
	}
	open := false
	for _, sg := range segs {
		switch sg.Op {
		case sfnt.SegmentOpMoveTo:
			if open {
				z.ClosePath()
			}
			z.MoveTo(pt(sg.Args[0]))
			open = true
		case sfnt.SegmentOpLineTo:
			z.LineTo(pt(sg.Args[0]))
		case sfnt.SegmentOpQuadTo:
			bx, by := pt(sg.Args[0])
			cx, cy := pt(sg.Args[1])
			z.QuadTo(bx, by, cx, cy)
		case sfnt.SegmentOpCubeTo:
			bx, by := pt(sg.Args[0])
			cx, cy := pt(sg.Args[1])
			ex, ey := pt(sg.Args[2])
			z.CubeTo(bx, by, cx, cy, ex, ey)
		}
	}
	if open {
		z.ClosePath()
	}
	mask := image.NewAlpha(image.Rectangle{Max: size})
	z.Draw(mask, mask.Rect, image.Opaque, image.Point{})
	return mask
}

// remember caches a glyph mask, first emptying the cache when it is full.
func (r *Renderer) remember(k maskKey, m glyphMask) {
	n := 64 // the entry itself
	if m.mask != nil {
		n += len(m.mask.Pix)
	}
	if r.maskBytes+n > maxMaskBytes {
		clear(r.masks)
		r.maskBytes = 0
	}
	r.masks[k] = m
	r.maskBytes += n
}

func (r *Renderer) picture(dst *image.RGBA, it frame.Item) {
	rect := r.rect(it)
	if rect.Empty() {
		return
	}
	src, ok := r.images[it.Path]
	if !ok {
		src = decode(it.Path)
		r.images[it.Path] = src
	}
	if src == nil {
		xdraw.Draw(dst, rect, image.NewUniform(color.Gray{Y: 0xcc}), image.Point{}, xdraw.Src)
		return
	}
	if it.Flags&frame.Cover != 0 {
		// Scaled to cover the box, centred, and cut to it.
		b := src.Bounds()
		x, y, w, h := frame.CoverRect(it.X, it.Y, it.W, it.H, b.Dx(), b.Dy())
		big := r.rect(frame.Item{X: x, Y: y, W: w, H: h})
		xdraw.ApproxBiLinear.Scale(dst.SubImage(rect).(*image.RGBA), big, src, b, xdraw.Over, nil)
		return
	}
	xdraw.ApproxBiLinear.Scale(dst, rect, src, src.Bounds(), xdraw.Over, nil)
}

// decode reads a picture, or returns nil when it cannot; pictures larger
// than 100 megapixels are refused before decoding.
func decode(path string) image.Image {
	f, _, err := inputfile.Open(path)
	if err != nil {
		return nil
	}
	defer f.Close()
	cfg, _, err := image.DecodeConfig(f)
	if err != nil || cfg.Width*cfg.Height > 100e6 {
		return nil
	}
	if _, err := f.Seek(0, 0); err != nil {
		return nil
	}
	img, _, err := image.Decode(f)
	if err != nil {
		return nil
	}
	return img
}

// Sheet lays page images out as a contact sheet: thumbnails thumbW pixels
// wide, in rows of cols spreads, the first page alone on the right as a
// book opens, on a grey ground so the page edges show.
func Sheet(pages []*image.RGBA, thumbW, cols int) *image.RGBA {
	if len(pages) == 0 || thumbW < 1 || cols < 1 {
		return image.NewRGBA(image.Rect(0, 0, 1, 1))
	}
	pb := pages[0].Bounds()
	thumbH := max(1, pb.Dy()*thumbW/max(1, pb.Dx()))
	const spreadGap = 12
	slots := len(pages) + 1 // slot 0 is the empty verso before page 1
	perRow := 2 * cols
	rows := (slots + perRow - 1) / perRow
	spreadW := 2 * thumbW
	w := spreadGap + cols*(spreadW+spreadGap)
	h := spreadGap + rows*(thumbH+spreadGap)
	sheet := image.NewRGBA(image.Rect(0, 0, w, h))
	xdraw.Draw(sheet, sheet.Bounds(), image.NewUniform(color.Gray{Y: 0x80}), image.Point{}, xdraw.Src)
	for i, pg := range pages {
		slot := i + 1
		row, col := slot/perRow, slot%perRow
		spread, side := col/2, col%2
		x := spreadGap + spread*(spreadW+spreadGap) + side*thumbW
		y := spreadGap + row*(thumbH+spreadGap)
		dst := image.Rect(x, y, x+thumbW, y+thumbH)
		xdraw.ApproxBiLinear.Scale(sheet, dst, pg, pg.Bounds(), xdraw.Src, nil)
		// The spine: a thin line between the pages of a spread.
		if side == 1 {
			xdraw.Draw(sheet, image.Rect(x, y, x+1, y+thumbH), image.NewUniform(color.Gray{Y: 0xb0}), image.Point{}, xdraw.Src)
		}
	}
	return sheet
}
