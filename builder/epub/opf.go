package epub

import (
	"fmt"
	"github.com/pamphlet/pamphlet/builder/diag"
	"strings"
)

// renderOPF writes the package document: metadata (with accessibility
// metadata), manifest and spine. It must run after the articles are
// rendered, which find the images.
func (p *pub) renderOPF() string {
	m := p.b.Meta
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="pub-id" xml:lang="`)
	escape(&b, p.lang, true)
	b.WriteString(`"`)
	if p.dir == dirRTL {
		// The metadata (title, creators, description) inherit it.
		b.WriteString(` dir="rtl"`)
	}
	b.WriteString(`>
<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
<dc:identifier id="pub-id">`)
	escape(&b, p.identifier, false)
	b.WriteString("</dc:identifier>\n")
	b.WriteString(`<dc:title id="title">`)
	escape(&b, p.title, false)
	b.WriteString("</dc:title>\n")
	meta := func(refines, property, value string) {
		b.WriteString("<meta ")
		if refines != "" {
			b.WriteString(`refines="#` + refines + `" `)
		}
		b.WriteString(`property="` + property + `"`)
		if property == "role" {
			b.WriteString(` scheme="marc:relators"`)
		}
		b.WriteString(">")
		escape(&b, value, false)
		b.WriteString("</meta>\n")
	}
	meta("title", "title-type", "main")
	if s := clean(m.Subtitle); s != "" {
		b.WriteString(`<dc:title id="subtitle">`)
		escape(&b, s, false)
		b.WriteString("</dc:title>\n")
		meta("subtitle", "title-type", "subtitle")
	}
	for i, a := range authorsOf(m) {
		id := fmt.Sprintf("creator-%d", i+1)
		b.WriteString(`<dc:creator id="` + id + `">`)
		escape(&b, a, false)
		b.WriteString("</dc:creator>\n")
		meta(id, "role", "aut")
		meta(id, "file-as", fileAs(a))
		meta(id, "display-seq", fmt.Sprint(i+1))
	}
	dc := func(name, value string) {
		if value = clean(value); value == "" {
			return
		}
		b.WriteString("<dc:" + name + ">")
		escape(&b, value, false)
		b.WriteString("</dc:" + name + ">\n")
	}
	dc("language", p.lang)
	dc("publisher", m.Publisher)
	if d := clean(m.Date); d != "" {
		if validDate(d) {
			dc("date", d)
		} else {
			p.diags.Warnf(diag.Pos{}, CodeDate, "date %q is not YYYY, YYYY-MM or YYYY-MM-DD; the EPUB leaves dc:date out", d)
		}
	}
	dc("description", m.Description)
	for _, s := range m.Subjects {
		dc("subject", s)
	}
	dc("rights", m.Rights)
	dc("source", m.Source)
	if len(p.pageList) > 0 {
		// The page-list's pages are the print edition's, and EPUB
		// Accessibility 1.1 asks to name the edition they come from.
		// source-of pagination ties it to the page-list (EPUB 3.0.1;
		// Ace reads it so).
		b.WriteString(`<dc:source id="print-source">`)
		escape(&b, p.words.Get("print-edition", "title", p.title), false)
		b.WriteString("</dc:source>\n")
		meta("print-source", "source-of", "pagination")
	}
	meta("", "dcterms:modified", p.modified.Format("2006-01-02T15:04:05Z"))

	// Accessibility metadata (EPUB Accessibility 1.1, schema.org).
	meta("", "schema:accessMode", "textual")
	if p.hasImages() {
		meta("", "schema:accessMode", "visual")
	}
	meta("", "schema:accessModeSufficient", "textual")
	features := []string{"structuralNavigation", "tableOfContents", "readingOrder"}
	if p.hasImages() {
		features = append(features, "alternativeText")
	}
	if len(p.pageList) > 0 {
		features = append(features, "printPageNumbers", "pageNavigation")
	}
	for _, f := range features {
		meta("", "schema:accessibilityFeature", f)
	}
	meta("", "schema:accessibilityHazard", "none")
	meta("", "schema:accessibilitySummary", p.summary())
	meta("", "dcterms:conformsTo", "EPUB Accessibility 1.1 - WCAG 2.1 Level AA")
	if p.cover != nil {
		// EPUB 2 reading systems find the cover only this way.
		b.WriteString(`<meta name="cover" content="` + p.cover.itemID + `"/>` + "\n")
	}
	b.WriteString("</metadata>\n<manifest>\n")

	item := func(id, href, mediaType, props string) {
		b.WriteString(`<item id="` + id + `" href="`)
		escape(&b, href, true)
		b.WriteString(`" media-type="` + mediaType + `"`)
		if props != "" {
			b.WriteString(` properties="` + props + `"`)
		}
		b.WriteString("/>\n")
	}
	const xhtml = "application/xhtml+xml"
	item("nav", fileNav, xhtml, "nav")
	item("ncx", fileNCX, "application/x-dtbncx+xml", "")
	item("css", fileCSS, "text/css", "")
	if p.cover != nil {
		item("cover", fileCover, xhtml, "")
		item(p.cover.itemID, p.cover.file, p.cover.mediaType, "cover-image")
	}
	item("titlepage", fileTitle, xhtml, "")
	item("contents", fileContents, xhtml, "")
	for _, r := range p.arts {
		item(r.itemID, r.file, xhtml, "")
	}
	item("colophon", fileColophon, xhtml, "")
	for _, img := range p.images {
		item(img.itemID, img.file, img.mediaType, "")
	}
	for _, f := range p.fonts {
		item(f.itemID, f.file, f.mediaType, "")
	}
	b.WriteString("</manifest>\n<spine toc=\"ncx\"")
	if p.dir == dirRTL {
		// Pages turn to the left, as in a printed Hebrew or Arabic
		// book.
		b.WriteString(` page-progression-direction="rtl"`)
	}
	b.WriteString(">\n")
	if p.cover != nil {
		b.WriteString("<itemref idref=\"cover\"/>\n")
	}
	b.WriteString("<itemref idref=\"titlepage\"/>\n<itemref idref=\"contents\"/>\n")
	for _, r := range p.arts {
		b.WriteString(`<itemref idref="` + r.itemID + "\"/>\n")
	}
	b.WriteString("<itemref idref=\"colophon\"/>\n</spine>\n</package>\n")
	return b.String()
}

// summary is the accessibility summary: one sentence on what a reader
// can rely on.
func (p *pub) summary() string {
	s := "This publication has a table of contents, headings in order and a logical reading order"
	if p.hasImages() {
		s += "; images have text descriptions"
	}
	if len(p.pageList) > 0 {
		s += "; print page numbers are marked and listed"
	}
	return s + ". It aims to meet WCAG 2.1 Level AA."
}

// hasImages reports whether the publication holds pictures (the cover
// counts: it is visual content with a text alternative).
func (p *pub) hasImages() bool { return len(p.images) > 0 || p.cover != nil }
