package epub

import (
	"bytes"
	"image"

	"github.com/pamphlet/pamphlet/builder/cover"
)

// fileCover is the cover's XHTML page, relative to OEBPS.
const fileCover = "cover.xhtml"

// CodeCover is reported when the given cover image cannot be used; the
// EPUB then gets a generated cover.
const CodeCover = "E004"

// planCover picks the cover: the given image when it is a usable PNG or
// JPEG (the formats every reading system shows as a cover), else one
// drawn from the title, subtitle and authors.
func (p *pub) planCover() error {
	if p.opts.NoCover {
		return nil
	}
	if data := p.opts.Cover; data != nil {
		cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
		if err == nil && (format == "png" || format == "jpeg") && cfg.Width > 0 && cfg.Height > 0 {
			if _, _, err = image.Decode(bytes.NewReader(data)); err == nil {
				mt := mediaTypes[format]
				p.cover = &picture{file: "images/cover" + mt[1], itemID: "cover-image", mediaType: mt[0], data: data}
				return nil
			}
		}
		why := "is not a PNG or JPEG file"
		if err != nil {
			why = "cannot be read as an image (" + err.Error() + ")"
		}
		p.diags.Warnf(p.opts.CoverAt, CodeCover, "the cover image %s; the EPUB gets a cover drawn from the title instead", why)
	}
	data, err := cover.PNG(cover.Text{Title: p.title, Subtitle: clean(p.b.Meta.Subtitle), Authors: authorsOf(p.b.Meta)})
	if err != nil {
		return err
	}
	p.cover = &picture{file: "images/cover.png", itemID: "cover-image", mediaType: "image/png", data: data}
	return nil
}

// coverAlt is the cover's alternative text: what it says, which is the
// title, subtitle and authors (a reader of a given cover learns at least
// that much).
func (p *pub) coverAlt() string {
	s := p.title
	if sub := clean(p.b.Meta.Subtitle); sub != "" {
		s += ": " + sub
	}
	if as := authorsOf(p.b.Meta); len(as) > 0 {
		s += "; " + p.words.Get("by", "authors", p.words.Names(as))
	}
	return p.words.Get("cover-alt", "title", s)
}

// renderCover writes the cover page: the picture alone, scaled to the
// screen.
func (p *pub) renderCover() string {
	w := &renderer{p: p, file: fileCover}
	w.head(p.lang, p.dir, p.words.Get("cover"), "cover")
	w.b.WriteString(`<section class="cover" epub:type="cover" aria-label="`)
	escape(&w.b, p.words.Get("cover"), true)
	w.b.WriteString("\">\n<img role=\"doc-cover\" src=\"")
	escape(&w.b, rel(fileCover, p.cover.file), true)
	w.b.WriteString(`" alt="`)
	escape(&w.b, p.coverAlt(), true)
	w.b.WriteString("\"/>\n</section>\n")
	w.foot()
	return w.b.String()
}
