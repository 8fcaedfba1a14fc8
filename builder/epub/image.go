package epub

import (
	"bytes"
	"fmt"
	"image"
	_ "image/gif"  // registers GIF for image.DecodeConfig
	_ "image/jpeg" // registers JPEG
	_ "image/png"  // registers PNG

	"github.com/pamphlet/pamphlet/builder/doc"
)

// picture is one embedded image file.
type picture struct {
	file      string // relative to OEBPS, e.g. "images/image-1.png"
	itemID    string
	mediaType string
	data      []byte
}

// mediaTypes are the core media types of EPUB 3 that the writer embeds.
// SVG is left out on purpose: it can carry scripts and remote references.
var mediaTypes = map[string][2]string{
	"png":  {"image/png", ".png"},
	"jpeg": {"image/jpeg", ".jpg"},
	"gif":  {"image/gif", ".gif"},
}

// embed returns the embedded file for img, reading and checking it the
// first time, or nil when it cannot be used (then the caller prints the
// alternative text). The format comes from the bytes, not the file name.
// maxImagePixels bounds the images the EPUB takes: 50 megapixels is far
// beyond any reading system's screen.
const maxImagePixels = 50_000_000

func (p *pub) embed(img *doc.Image) *picture {
	if img.Path == "" {
		return nil
	}
	if e, ok := p.imgBy[img.Path]; ok {
		return e
	}
	p.imgBy[img.Path] = nil // report each broken file once
	data, err := p.readFile(img.Path)
	if err != nil {
		p.diags.Warnf(img.At, CodeImageRead, "cannot read image %s: %v; the EPUB shows its description instead", img.Src, err)
		return nil
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		p.diags.Warnf(img.At, CodeImageFormat, "image %s is not a PNG, JPEG or GIF file (%v); the EPUB shows its description instead", img.Src, err)
		return nil
	}
	mt, ok := mediaTypes[format]
	// Decoding allocates every pixel: refuse from the header what would
	// need gigabytes (the print edition has the same limit).
	if px := int64(cfg.Width) * int64(cfg.Height); ok && px > maxImagePixels {
		p.diags.Warnf(img.At, CodeImageFormat, "image %s is %d × %d pixels, more than the %d-megapixel limit (scale it down); the EPUB shows its description instead", img.Src, cfg.Width, cfg.Height, maxImagePixels/1_000_000)
		return nil
	}
	if ok && cfg.Width > 0 && cfg.Height > 0 {
		// The header alone can look right in a truncated or damaged
		// file, which reading systems then show as a broken picture;
		// decoding it all costs little for the few images of a book.
		if _, _, err := image.Decode(bytes.NewReader(data)); err != nil {
			p.diags.Warnf(img.At, CodeImageFormat, "image %s is damaged (%v); the EPUB shows its description instead", img.Src, err)
			return nil
		}
	}
	if !ok || cfg.Width <= 0 || cfg.Height <= 0 {
		p.diags.Warnf(img.At, CodeImageFormat, "image %s is not a usable PNG, JPEG or GIF file; the EPUB shows its description instead", img.Src)
		return nil
	}
	n := len(p.images) + 1
	e := &picture{
		file:      fmt.Sprintf("images/image-%d%s", n, mt[1]),
		itemID:    fmt.Sprintf("image-%d", n),
		mediaType: mt[0],
		data:      data,
	}
	p.images = append(p.images, e)
	p.imgBy[img.Path] = e
	return e
}
