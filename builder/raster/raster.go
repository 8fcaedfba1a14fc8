// Package raster paints finished pages (frame.Page) into images: text
// with the book's own embedded fonts, rules and pictures, at any
// resolution. It serves previews and contact sheets, drawn from the
// layout itself rather than from a PDF, so they need no PDF renderer and
// show exactly what the typesetter decided.
//
// Output is deterministic: the same page, fonts and resolution give the
// same pixels.
package raster

import (
	"fmt"
	"image"
	"image/color"
	_ "image/gif" // decoders for the pictures a page may hold
	_ "image/jpeg"
	_ "image/png"
	"os"

	xdraw "golang.org/x/image/draw"
	xfont "golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"

	"github.com/pamphlet/pamphlet/builder/font"
	"github.com/pamphlet/pamphlet/builder/frame"
	"github.com/pamphlet/pamphlet/builder/units"
)

// Renderer paints pages with one font set at one resolution. It caches
// parsed fonts, sized faces and decoded pictures, and is not safe for
// concurrent use.
type Renderer struct {
	fonts  *font.Set
	dpi    float64
	parsed map[font.Face]*opentype.Font
	faces  map[faceKey]xfont.Face
	images map[string]image.Image
}

type faceKey struct {
	face font.Face
	size units.Sp
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
	return &Renderer{fonts: fonts, dpi: dpi, parsed: map[font.Face]*opentype.Font{}, faces: map[faceKey]xfont.Face{}, images: map[string]image.Image{}}, nil
}

// px converts a length to pixels.
func (r *Renderer) px(s units.Sp) float64 { return s.Points() * r.dpi / 72 }

// Size returns the pixel size of a page.
func (r *Renderer) Size(p *frame.Page) (w, h int) {
	return max(1, int(r.px(p.W)+0.5)), max(1, int(r.px(p.H)+0.5))
}

// Page paints p on white. Pictures that cannot be read are drawn as a
// grey box, as a reader would want to notice them.
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

func (r *Renderer) text(dst *image.RGBA, it frame.Item) error {
	if it.Text == "" || it.Size <= 0 {
		return nil
	}
	face, err := r.face(it.Face, it.Size)
	if err != nil {
		return err
	}
	d := xfont.Drawer{
		Dst:  dst,
		Src:  image.Black,
		Face: face,
		Dot:  fixed.Point26_6{X: fixed.Int26_6(r.px(it.X)*64 + 0.5), Y: fixed.Int26_6(r.px(it.Y)*64 + 0.5)},
	}
	d.DrawString(it.Text)
	return nil
}

func (r *Renderer) face(f font.Face, size units.Sp) (xfont.Face, error) {
	k := faceKey{f, size}
	if fc, ok := r.faces[k]; ok {
		return fc, nil
	}
	otf, ok := r.parsed[f]
	if !ok {
		var err error
		otf, err = opentype.Parse(r.fonts.TTF(f))
		if err != nil {
			return nil, fmt.Errorf("raster: font %s: %w", f, err)
		}
		r.parsed[f] = otf
	}
	fc, err := opentype.NewFace(otf, &opentype.FaceOptions{Size: size.Points(), DPI: r.dpi, Hinting: xfont.HintingNone})
	if err != nil {
		return nil, fmt.Errorf("raster: font %s at %v: %w", f, size, err)
	}
	r.faces[k] = fc
	return fc, nil
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
	xdraw.ApproxBiLinear.Scale(dst, rect, src, src.Bounds(), xdraw.Over, nil)
}

// decode reads a picture, or returns nil when it cannot; pictures larger
// than 100 megapixels are refused before decoding.
func decode(path string) image.Image {
	f, err := os.Open(path)
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
