package epub

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// renderNav writes the EPUB 3 navigation document: the table of contents
// (articles and their sections), the landmarks and, when the print pages
// are known, the page-list.
func (p *pub) renderNav() string {
	w := &renderer{p: p, file: fileNav}
	heading := p.words.Get("contents")
	w.head(p.lang, p.dir, heading, "")
	w.b.WriteString(`<nav epub:type="toc" role="doc-toc" id="toc" aria-labelledby="toc-title">` + "\n")
	w.b.WriteString(`<h1 id="toc-title">`)
	escape(&w.b, heading, false)
	w.b.WriteString("</h1>\n<ol>\n")
	if len(p.arts) == 0 {
		w.navItem(fileTitle, p.words.Get("titlepage"))
		w.b.WriteString("</li>\n")
	}
	for _, r := range p.arts {
		w.navItemLang(r.file, r.title, r.lang, r.dir)
		if len(r.sections) > 0 {
			w.b.WriteString("\n<ol>\n")
			for _, s := range r.sections {
				w.navItem(r.file+"#"+s.id, s.text)
				w.b.WriteString("</li>\n")
			}
			w.b.WriteString("</ol>\n")
		}
		w.b.WriteString("</li>\n")
	}
	w.b.WriteString("</ol>\n</nav>\n")

	w.b.WriteString(`<nav epub:type="landmarks" id="landmarks" aria-labelledby="landmarks-title" hidden="hidden">` + "\n")
	w.b.WriteString(`<h2 id="landmarks-title">`)
	escape(&w.b, p.words.Get("landmarks"), false)
	w.b.WriteString("</h2>\n<ol>\n")
	if p.cover != nil {
		w.landmark("cover", fileCover, p.words.Get("cover"))
	}
	w.landmark("titlepage", fileTitle, p.words.Get("titlepage"))
	w.landmark("toc", fileContents, p.words.Get("contents"))
	if len(p.arts) > 0 {
		w.landmark("bodymatter", p.arts[0].file, p.words.Get("start"))
	}
	w.b.WriteString("</ol>\n</nav>\n")

	if len(p.pageList) > 0 {
		w.b.WriteString(`<nav epub:type="page-list" role="doc-pagelist" id="page-list" aria-labelledby="page-list-title" hidden="hidden">` + "\n")
		w.b.WriteString(`<h2 id="page-list-title">`)
		escape(&w.b, p.words.Get("pages"), false)
		w.b.WriteString("</h2>\n<ol>\n")
		for _, m := range p.pageList {
			w.navItem(m.file+"#"+m.id, m.label)
			w.b.WriteString("</li>\n")
		}
		w.b.WriteString("</ol>\n</nav>\n")
	}
	w.foot()
	return w.b.String()
}

// navItem opens an <li> with a link; the caller closes it.
func (w *renderer) navItem(href, text string) {
	w.navItemLang(href, text, w.lang, dirUnknown)
}

// navItemLang opens an <li> with a link for an entry in language lang and
// direction dir, saying so when they are not the navigation's own (the
// entry of a Hebrew article in an English book).
func (w *renderer) navItemLang(href, text, lang string, dir direction) {
	w.b.WriteString(`<li`)
	w.langAttrs(lang, dir)
	w.b.WriteString(`><a href="`)
	escape(&w.b, href, true)
	w.b.WriteString(`">`)
	escape(&w.b, text, false)
	w.b.WriteString("</a>")
}

func (w *renderer) landmark(typ, href, text string) {
	w.b.WriteString(`<li><a epub:type="` + typ + `" href="`)
	escape(&w.b, href, true)
	w.b.WriteString(`">`)
	escape(&w.b, text, false)
	w.b.WriteString("</a></li>\n")
}

// ncxTarget is one navPoint or pageTarget, for numbering playOrder.
type ncxTarget struct {
	src string
	key orderKey
}

// playOrders numbers the targets in reading order, from 1 without gaps;
// targets with the same src share a number, as the NCX requires.
func playOrders(ts []ncxTarget) map[string]int {
	sorted := append([]ncxTarget(nil), ts...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].key.less(sorted[j].key) })
	order := make(map[string]int)
	n := 0
	for _, t := range sorted {
		if _, ok := order[t.src]; !ok {
			n++
			order[t.src] = n
		}
	}
	return order
}

// renderNCX writes the EPUB 2 NCX, for reading systems that do not read
// the navigation document.
func (p *pub) renderNCX() string {
	var ts []ncxTarget
	if len(p.arts) == 0 {
		ts = append(ts, ncxTarget{fileTitle, orderKey{0, -2, 0, 0, nil}})
	}
	for _, r := range p.arts {
		ts = append(ts, ncxTarget{r.file, orderKey{r.spine, -2, 0, 0, nil}})
		for _, s := range r.sections {
			ts = append(ts, ncxTarget{r.file + "#" + s.id, orderKey{r.spine, s.block, 0, 1, nil}})
		}
	}
	for _, m := range p.pageList {
		ts = append(ts, ncxTarget{m.file + "#" + m.id, m.key})
	}
	order := playOrders(ts)

	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1" xml:lang="`)
	escape(&b, p.lang, true)
	b.WriteString(`"`)
	if p.dir == dirRTL {
		b.WriteString(` dir="rtl"`)
	}
	b.WriteString(">\n<head>\n<meta name=\"dtb:uid\" content=\"")
	escape(&b, p.identifier, true)
	b.WriteString("\"/>\n")
	depth := 1
	for _, r := range p.arts {
		if len(r.sections) > 0 {
			depth = 2
		}
	}
	maxPage := 0
	for _, m := range p.pageList {
		if n, err := strconv.Atoi(m.label); err == nil && n > maxPage {
			maxPage = n
		}
	}
	fmt.Fprintf(&b, "<meta name=\"dtb:depth\" content=\"%d\"/>\n", depth)
	fmt.Fprintf(&b, "<meta name=\"dtb:totalPageCount\" content=\"%d\"/>\n", len(p.pageList))
	fmt.Fprintf(&b, "<meta name=\"dtb:maxPageNumber\" content=\"%d\"/>\n", maxPage)
	b.WriteString("</head>\n<docTitle><text>")
	escape(&b, p.title, false)
	b.WriteString("</text></docTitle>\n")
	for _, a := range authorsOf(p.b.Meta) {
		b.WriteString("<docAuthor><text>")
		escape(&b, a, false)
		b.WriteString("</text></docAuthor>\n")
	}
	b.WriteString("<navMap>\n")
	n := 0
	// point opens a navPoint; lang and dir are the label's when they are
	// not the book's.
	point := func(src, text, lang string, dir direction) {
		n++
		fmt.Fprintf(&b, `<navPoint id="navpoint-%d" playOrder="%d"><navLabel`, n, order[src])
		if !strings.EqualFold(lang, p.lang) {
			b.WriteString(` xml:lang="`)
			escape(&b, lang, true)
			b.WriteString(`"`)
		}
		if dir != dirUnknown && dir != p.dir {
			b.WriteString(` dir="` + dir.String() + `"`)
		}
		b.WriteString("><text>")
		escape(&b, text, false)
		b.WriteString(`</text></navLabel><content src="`)
		escape(&b, src, true)
		b.WriteString("\"/>")
	}
	if len(p.arts) == 0 {
		point(fileTitle, p.words.Get("titlepage"), p.lang, p.dir)
		b.WriteString("</navPoint>\n")
	}
	for _, r := range p.arts {
		point(r.file, r.title, r.lang, r.dir)
		b.WriteString("\n")
		for _, s := range r.sections {
			point(r.file+"#"+s.id, s.text, r.lang, r.dir)
			b.WriteString("</navPoint>\n")
		}
		b.WriteString("</navPoint>\n")
	}
	b.WriteString("</navMap>\n")
	if len(p.pageList) > 0 {
		b.WriteString("<pageList>\n<navLabel><text>")
		escape(&b, p.words.Get("pages"), false)
		b.WriteString("</text></navLabel>\n")
		for i, m := range p.pageList {
			src := m.file + "#" + m.id
			typ, value := "front", ""
			if v, err := strconv.Atoi(m.label); err == nil && v > 0 {
				typ, value = "normal", fmt.Sprintf(` value="%d"`, v)
			}
			fmt.Fprintf(&b, `<pageTarget id="pagetarget-%d" type="%s"%s playOrder="%d"><navLabel><text>`, i+1, typ, value, order[src])
			escape(&b, m.label, false)
			b.WriteString(`</text></navLabel><content src="`)
			escape(&b, src, true)
			b.WriteString("\"/></pageTarget>\n")
		}
		b.WriteString("</pageList>\n")
	}
	b.WriteString("</ncx>\n")
	return b.String()
}
