// Package cover lays out a book's covers.
//
// The print cover (Make, layout.go and back.go) is finished pages for
// builder/pdf's WriteCover: the front in the book's fonts, set by the
// book's typesetter so that every script is shaped (or a full-bleed
// image), the back with the blurb and the Bookland barcode (package ean),
// and the spine. The builder paints the same front into the EPUB's cover
// image.
//
// PNG, below, is the older drawn cover, which builder/epub still falls
// back on when it is given no cover at all:
// The cover is set in the book's own face (Charis SIL, with Gentium Plus
// for the characters Charis lacks, both from the embedded fonts package)
// and rasterised with golang.org/x/image, so it looks like the print
// edition and needs nothing installed. The picture is plain on purpose:
// dark ink on a paper tone, the title large and centred, a short rule, the
// authors below. It is a PNG of Width×Height pixels (2:3, the proportion
// the big e-book shops ask for) and its bytes depend only on the text:
// the rasteriser is pure Go arithmetic and image/png writes no time.
package cover

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"strings"
	"unicode"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"github.com/pamphlet/pamphlet/fonts"
)

// The size of the generated cover, in pixels.
const (
	Width  = 1400
	Height = 2100
)

// Text is what the cover says.
type Text struct {
	Title    string
	Subtitle string
	Authors  []string
}

// The cover's two colours: paper and ink (contrast ratio above 14:1).
var (
	paper = color.RGBA{0xf4, 0xef, 0xe4, 0xff}
	ink   = color.RGBA{0x22, 0x1e, 0x1a, 0xff}
)

// face is one font at one size, with a fallback for missing characters.
type face struct {
	main, fallback font.Face
	mainFont       *sfnt.Font
	buf            sfnt.Buffer
}

// PNG draws the cover of t and returns it as PNG bytes.
func PNG(t Text) ([]byte, error) {
	img, err := Draw(t)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	// BestSpeed: the cover is large flat paper with a few lines of ink,
	// which the fastest setting packs nearly as well in a fraction of the
	// time; the output is as deterministic as with any other level.
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(&buf, img); err != nil {
		return nil, fmt.Errorf("cover: encoding the PNG: %w", err)
	}
	return buf.Bytes(), nil
}

// Draw draws the cover of t.
func Draw(t Text) (*image.Paletted, error) {
	regular, err := parse(fonts.SerifRegular)
	if err != nil {
		return nil, err
	}
	italic, err := parse(fonts.SerifItalic)
	if err != nil {
		return nil, err
	}
	fallback, err := parse(fonts.Fallback)
	if err != nil {
		return nil, err
	}
	// Antialiased edges need the shades between paper and ink; a palette
	// of 64 keeps the PNG small and its bytes exact.
	pal := make(color.Palette, 256)
	for i := range pal {
		pal[i] = mix(paper, ink, float64(i)/float64(len(pal)-1))
	}
	// The drawing is ink coverage (0 paper … 255 ink), coloured at the
	// end by a straight mapping into the palette.
	rgba := image.NewAlpha(image.Rect(0, 0, Width, Height))

	margin := Width / 10
	measure := Width - 2*margin
	title := strings.Join(strings.Fields(t.Title), " ")
	if title == "" {
		title = "Untitled"
	}
	// The title is as large as fits in at most four lines.
	var titleFace *face
	var titleLines []string
	for size := 120.0; size >= 48; size -= 8 {
		f, err := newFace(regular, fallback, size)
		if err != nil {
			return nil, err
		}
		titleFace, titleLines = f, wrap(f, title, measure)
		if len(titleLines) <= 4 && fits(f, titleLines, measure) {
			break
		}
	}
	y := Height / 4
	y = drawLines(rgba, titleFace, titleLines, y, 1.0)

	if s := strings.Join(strings.Fields(t.Subtitle), " "); s != "" {
		f, err := newFace(italic, fallback, 60)
		if err != nil {
			return nil, err
		}
		y += 40
		y = drawLines(rgba, f, wrap(f, s, measure), y, 1.25)
	}
	// A short rule between the titles and the authors, like the print
	// edition's section-break ornament.
	y += 80
	rule := image.Rect(Width/2-Width/12, y, Width/2+Width/12, y+5)
	draw.Draw(rgba, rule, image.Opaque, image.Point{}, draw.Src)

	var authors []string
	for _, a := range t.Authors {
		if a = strings.Join(strings.Fields(a), " "); a != "" {
			authors = append(authors, a)
		}
	}
	if len(authors) > 0 {
		f, err := newFace(regular, fallback, 64)
		if err != nil {
			return nil, err
		}
		var lines []string
		for _, a := range authors {
			lines = append(lines, wrap(f, a, measure)...)
		}
		drawLines(rgba, f, lines, y+140, 1.3)
	}

	// The palette has one entry per coverage value, so the coverage
	// mask is already the paletted image's pixels: no copy, no pass.
	return &image.Paletted{Pix: rgba.Pix, Stride: rgba.Stride, Rect: rgba.Rect, Palette: pal}, nil
}

func mix(a, b color.RGBA, t float64) color.RGBA {
	m := func(x, y uint8) uint8 { return uint8(float64(x) + (float64(y)-float64(x))*t + 0.5) }
	return color.RGBA{m(a.R, b.R), m(a.G, b.G), m(a.B, b.B), 0xff}
}

func parse(name string) (*sfnt.Font, error) {
	data, err := fonts.FS.ReadFile(name)
	if err != nil {
		return nil, fmt.Errorf("cover: reading %s: %w", name, err)
	}
	f, err := opentype.Parse(data)
	if err != nil {
		return nil, fmt.Errorf("cover: parsing %s: %w", name, err)
	}
	return f, nil
}

func newFace(main, fallback *sfnt.Font, size float64) (*face, error) {
	opts := &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingNone}
	m, err := opentype.NewFace(main, opts)
	if err != nil {
		return nil, fmt.Errorf("cover: %w", err)
	}
	fb, err := opentype.NewFace(fallback, opts)
	if err != nil {
		return nil, fmt.Errorf("cover: %w", err)
	}
	return &face{main: m, fallback: fb, mainFont: main}, nil
}

// pick returns the face that has r.
func (f *face) pick(r rune) font.Face {
	if gi, err := f.mainFont.GlyphIndex(&f.buf, r); err == nil && gi != 0 {
		return f.main
	}
	return f.fallback
}

// draw draws s with its left end of the baseline at dot (dot may be nil
// to only measure) and returns the advance.
func (f *face) draw(dst draw.Image, s string, dot fixed.Point26_6) fixed.Int26_6 {
	start := dot.X
	prev, prevFace := rune(-1), font.Face(nil)
	for _, r := range s {
		if !unicode.IsPrint(r) && r != '\u00a0' {
			continue
		}
		fc := f.pick(r)
		if prevFace == fc && prev >= 0 {
			dot.X += fc.Kern(prev, r)
		}
		dr, mask, maskp, adv, ok := fc.Glyph(dot, r)
		if ok && dst != nil {
			draw.DrawMask(dst, dr, image.Opaque, image.Point{}, mask, maskp, draw.Over)
		}
		dot.X += adv
		prev, prevFace = r, fc
	}
	return dot.X - start
}

func (f *face) width(s string) int { return f.draw(nil, s, fixed.Point26_6{}).Ceil() }

// wrap breaks s into as few lines as fit the measure, and of those the
// most even: the narrowest measure that needs no more lines ("between
// India / and the US", not "between India and / the US").
func wrap(f *face, s string, measure int) []string {
	lines := greedy(f, s, measure)
	lo, hi := 1, measure
	for lo < hi {
		mid := (lo + hi) / 2
		if len(greedy(f, s, mid)) <= len(lines) {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return greedy(f, s, hi)
}

// greedy breaks s into lines no wider than measure, at spaces; a word
// wider than the measure gets a line of its own.
func greedy(f *face, s string, measure int) []string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(s) {
		try := w
		if line != "" {
			try = line + " " + w
		}
		if line != "" && f.width(try) > measure {
			lines = append(lines, line)
			line = w
			continue
		}
		line = try
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}

func fits(f *face, lines []string, measure int) bool {
	for _, l := range lines {
		if f.width(l) > measure {
			return false
		}
	}
	return true
}

// drawLines centres each line; y is the top of the first line. It returns
// the bottom of the last.
func drawLines(dst draw.Image, f *face, lines []string, y int, leading float64) int {
	m := f.main.Metrics()
	step := int(float64(m.Height.Ceil()) * leading)
	for i, l := range lines {
		base := y + i*step + m.Ascent.Ceil()
		x := (Width - f.width(l)) / 2
		f.draw(dst, l, fixed.P(x, base))
	}
	return y + len(lines)*step
}
