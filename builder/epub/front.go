package epub

import (
	"slices"
	"strings"
)

// renderTitlePage writes the title page: title, subtitle, authors and
// publisher, with the markers of front-matter print pages.
func (p *pub) renderTitlePage() string {
	w := &renderer{p: p, file: fileTitle}
	m := p.b.Meta
	w.head(p.lang, p.dir, p.title, "frontmatter")
	w.b.WriteString(`<section class="titlepage" epub:type="titlepage" aria-label="`)
	escape(&w.b, p.labels.get("titlepage"), true)
	w.b.WriteString("\">\n")
	w.writeMarks(p.frontMarks)
	w.b.WriteString(`<h1 id="title"`)
	w.dirAttr(textDir(p.title))
	w.b.WriteString(">")
	escape(&w.b, p.title, false)
	w.b.WriteString("</h1>\n")
	if s := clean(m.Subtitle); s != "" {
		w.b.WriteString(`<p class="subtitle" role="doc-subtitle" id="subtitle"`)
		w.dirAttr(textDir(s))
		w.b.WriteString(">")
		escape(&w.b, s, false)
		w.b.WriteString("</p>\n")
	}
	if as := authorsOf(m); len(as) > 0 {
		w.b.WriteString(`<p class="authors">`)
		escape(&w.b, strings.Join(as, ", "), false)
		w.b.WriteString("</p>\n")
	}
	if s := clean(m.Publisher); s != "" {
		w.b.WriteString(`<p class="publisher">`)
		escape(&w.b, s, false)
		w.b.WriteString("</p>\n")
	}
	w.b.WriteString("</section>\n")
	w.foot()
	return w.b.String()
}

// renderContents writes the contents page readers see in the spine: one
// linked entry per article, with its authors when they are not the
// book's.
func (p *pub) renderContents() string {
	w := &renderer{p: p, file: fileContents}
	heading := p.labels.get("contents")
	w.head(p.lang, p.dir, heading, "frontmatter")
	w.b.WriteString(`<section class="contents" epub:type="toc" role="doc-toc" aria-labelledby="contents-title">` + "\n")
	w.b.WriteString(`<h1 id="contents-title">`)
	escape(&w.b, heading, false)
	w.b.WriteString("</h1>\n")
	if len(p.arts) > 0 {
		bookAuthors := authorsOf(p.b.Meta)
		w.b.WriteString("<ol class=\"contents\">\n")
		for _, r := range p.arts {
			w.b.WriteString(`<li`)
			w.langAttrs(r.lang, r.dir)
			w.b.WriteString(`><a href="`)
			escape(&w.b, rel(fileContents, r.file), true)
			w.b.WriteString(`">`)
			escape(&w.b, r.title, false)
			w.b.WriteString("</a>")
			if as := authorsOf(r.a.Meta); len(as) > 0 && !slices.Equal(as, bookAuthors) {
				w.b.WriteString(` <span class="byline">`)
				escape(&w.b, strings.Join(as, ", "), false)
				w.b.WriteString("</span>")
			}
			w.b.WriteString("</li>\n")
		}
		w.b.WriteString("</ol>\n")
	}
	w.b.WriteString("</section>\n")
	w.foot()
	return w.b.String()
}

// renderColophon writes the copyright page: rights, publisher, date,
// source, identifier and the program that made the book.
func (p *pub) renderColophon() string {
	w := &renderer{p: p, file: fileColophon}
	m := p.b.Meta
	heading := p.labels.get("copyright")
	w.head(p.lang, p.dir, heading, "backmatter")
	w.b.WriteString(`<section class="colophon" epub:type="colophon" role="doc-colophon" aria-labelledby="colophon-title">` + "\n")
	w.b.WriteString(`<h1 id="colophon-title">`)
	escape(&w.b, heading, false)
	w.b.WriteString("</h1>\n")
	para := func(class, s string) {
		if s = clean(s); s == "" {
			return
		}
		w.b.WriteString(`<p class="` + class + `">`)
		escape(&w.b, s, false)
		w.b.WriteString("</p>\n")
	}
	title := p.title
	if s := clean(m.Subtitle); s != "" {
		title += ": " + s
	}
	para("title", title)
	if as := authorsOf(m); len(as) > 0 {
		para("authors", p.labels.get("by", "authors", strings.Join(as, ", ")))
	}
	para("rights", m.Rights)
	para("publisher", m.Publisher)
	para("date", m.Date)
	para("source", m.Source)
	para("identifier", p.identifier)
	para("made-with", p.labels.get("made-with", "tool", "pamphlet"))
	w.b.WriteString("</section>\n")
	w.foot()
	return w.b.String()
}
