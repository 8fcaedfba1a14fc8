package epub

import (
	"github.com/pamphlet/pamphlet/builder/doc"
)

// frontParts finds the book's front matter (doc.Book.Front, made by
// builder/front): the EPUB shows its title page, contents and colophon,
// and leaves out the half-title, which only a printed book needs.
func (p *pub) frontParts() error {
	for _, a := range p.b.Front {
		if a == nil {
			continue
		}
		switch a.Part {
		case doc.PartTitle:
			p.titlePart = a
		case doc.PartContents:
			p.contentsPart = a
		case doc.PartColophon:
			p.colophonPart = a
		}
	}
	if p.titlePart == nil || p.contentsPart == nil || p.colophonPart == nil {
		return errNoFront
	}
	return nil
}

// renderTitlePage writes the title page: the part's title, subtitle,
// authors and publisher, with the markers of front-matter print pages.
func (p *pub) renderTitlePage() string {
	w := &renderer{p: p, file: fileTitle}
	w.head(p.lang, p.dir, p.title, "frontmatter")
	w.b.WriteString(`<section class="titlepage" epub:type="titlepage" aria-label="`)
	escape(&w.b, p.words.Get("titlepage"), true)
	w.b.WriteString("\">\n")
	w.writeMarks(p.frontMarks)
	for _, blk := range p.titlePart.Blocks {
		switch n := blk.(type) {
		case *doc.Heading:
			w.b.WriteString(`<h1 id="title"`)
			w.dirAttr(inlinesDir(n.Inlines))
			w.b.WriteString(">")
			w.inlines(n.Inlines)
			w.b.WriteString("</h1>\n")
		case *doc.Para:
			attrs := ""
			if n.Class == "subtitle" {
				attrs = ` role="doc-subtitle" id="subtitle"`
			}
			w.frontPara(n, attrs)
		}
	}
	w.b.WriteString("</section>\n")
	w.foot()
	return w.b.String()
}

// frontPara writes a paragraph of front matter with its class, and
// attrs after it.
func (w *renderer) frontPara(n *doc.Para, attrs string) {
	w.b.WriteString("<p")
	if n.Class != "" {
		w.b.WriteString(` class="`)
		escape(&w.b, n.Class, true)
		w.b.WriteString(`"`)
	}
	w.b.WriteString(attrs)
	w.dirAttr(inlinesDir(n.Inlines))
	w.b.WriteString(">")
	w.inlines(n.Inlines)
	w.b.WriteString("</p>\n")
}

// renderContents writes the contents page readers see in the spine: the
// part's heading and one entry per article, its link resolved to the
// article's file, with its authors when the part gives them.
func (p *pub) renderContents() string {
	w := &renderer{p: p, file: fileContents}
	heading := clean(p.contentsPart.Meta.Title)
	w.head(p.lang, p.dir, heading, "frontmatter")
	w.b.WriteString(`<section class="contents" epub:type="toc" role="doc-toc" aria-labelledby="contents-title">` + "\n")
	for _, blk := range p.contentsPart.Blocks {
		switch n := blk.(type) {
		case *doc.Heading:
			w.b.WriteString(`<h1 id="contents-title">`)
			w.inlines(n.Inlines)
			w.b.WriteString("</h1>\n")
		case *doc.List:
			if len(n.Items) == 0 {
				continue // an empty <ol> is invalid XHTML
			}
			w.b.WriteString("<ol class=\"contents\">\n")
			for _, it := range n.Items {
				w.contentsEntry(it)
			}
			w.b.WriteString("</ol>\n")
		}
	}
	w.b.WriteString("</section>\n")
	w.foot()
	return w.b.String()
}

// contentsEntry writes one entry of the contents, in its article's
// language and direction.
func (w *renderer) contentsEntry(it *doc.ListItem) {
	if it == nil {
		return
	}
	lang, dir := w.lang, dirUnknown
	for _, blk := range it.Blocks {
		if n, ok := blk.(*doc.Para); ok && n.Class == "entry" {
			for _, in := range n.Inlines {
				if l, ok := in.(*doc.Link); ok && l.Internal {
					if r := w.p.byID[l.TargetArticle]; r != nil {
						lang, dir = r.lang, r.dir
					}
				}
			}
		}
	}
	w.b.WriteString(`<li`)
	w.langAttrs(lang, dir)
	w.b.WriteString(`>`)
	for _, blk := range it.Blocks {
		n, ok := blk.(*doc.Para)
		if !ok {
			continue
		}
		switch n.Class {
		case "entry":
			w.inlines(n.Inlines)
		case "byline":
			w.b.WriteString(` <span class="byline">`)
			w.inlines(n.Inlines)
			w.b.WriteString("</span>")
		}
	}
	w.b.WriteString("</li>\n")
}

// renderColophon writes the copyright page: the part's name as its
// heading, then its particulars, one paragraph each.
func (p *pub) renderColophon() string {
	w := &renderer{p: p, file: fileColophon}
	heading := clean(p.colophonPart.Meta.Title)
	w.head(p.lang, p.dir, heading, "backmatter")
	w.b.WriteString(`<section class="colophon" epub:type="colophon" role="doc-colophon" aria-labelledby="colophon-title">` + "\n")
	w.b.WriteString(`<h1 id="colophon-title">`)
	escape(&w.b, heading, false)
	w.b.WriteString("</h1>\n")
	for _, blk := range p.colophonPart.Blocks {
		if n, ok := blk.(*doc.Para); ok {
			w.frontPara(n, "")
		}
	}
	w.b.WriteString("</section>\n")
	w.foot()
	return w.b.String()
}
