package epub

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/pamphlet/pamphlet/builder/doc"
)

// renderer writes the XHTML of one file.
type renderer struct {
	p      *pub
	r      *art // nil outside article files
	file   string
	lang   string    // the file's language
	dir    direction // the direction of what is being written
	b      strings.Builder
	inLink int
	refs   map[int]int // note number → references written so far

	// The page markers still to place in the current paragraph, by
	// offset, and the rune offset reached in its plain text.
	marks  []*pageMark
	pos    int
	inPara bool
}

// head writes the start of an XHTML file up to and including <body>. A
// right-to-left file says so on its root, and everything in it inherits
// that; a left-to-right one needs no attribute.
func (w *renderer) head(lang string, dir direction, title, bodyType string) {
	w.lang = lang
	w.dir = dirLTR
	w.b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" xml:lang="`)
	escape(&w.b, lang, true)
	w.b.WriteString(`" lang="`)
	escape(&w.b, lang, true)
	w.b.WriteString(`"`)
	w.dirAttr(dir)
	if dir != dirUnknown {
		w.dir = dir
	}
	w.b.WriteString(">\n<head>\n<meta charset=\"UTF-8\"/>\n<title>")
	escape(&w.b, title, false)
	w.b.WriteString("</title>\n<link rel=\"stylesheet\" type=\"text/css\" href=\"")
	escape(&w.b, rel(w.file, fileCSS), true)
	w.b.WriteString("\"/>\n</head>\n<body")
	if bodyType != "" {
		w.b.WriteString(` epub:type="`)
		w.b.WriteString(bodyType)
		w.b.WriteString(`"`)
	}
	w.b.WriteString(">\n")
}

// dirAttr writes a dir attribute for content of direction d when d is
// known and differs from the direction around it (w.dir).
func (w *renderer) dirAttr(d direction) {
	if d != dirUnknown && d != w.dir {
		w.b.WriteString(` dir="` + d.String() + `"`)
	}
}

// langAttrs writes the language (and direction) of an element whose
// language differs from the file's: a contents entry for an article in
// another language, or the book's own words inside such an article.
func (w *renderer) langAttrs(lang string, d direction) {
	if !strings.EqualFold(lang, w.lang) {
		w.b.WriteString(` xml:lang="`)
		escape(&w.b, lang, true)
		w.b.WriteString(`" lang="`)
		escape(&w.b, lang, true)
		w.b.WriteString(`"`)
	}
	w.dirAttr(d)
}

// bookWords writes the language and direction of the book's own words
// (the byline, the notes heading) in an article of another language. The
// words are one language's, so English words in an en-GB article need no
// attribute.
func (w *renderer) bookWords() {
	own, _, _ := strings.Cut(w.lang, "-")
	book, _, _ := strings.Cut(w.p.lang, "-")
	if strings.EqualFold(own, book) {
		w.dirAttr(w.p.dir)
		return
	}
	w.langAttrs(w.p.lang, w.p.dir)
}

// foot closes the file.
func (w *renderer) foot() {
	w.b.WriteString("</body>\n</html>\n")
}

// renderArticle writes an article's file: a chapter section with a header
// (title, subtitle, byline), the body, and the notes at the end.
func (p *pub) renderArticle(r *art) string {
	w := &renderer{p: p, r: r, file: r.file, refs: make(map[int]int)}
	w.head(r.lang, r.dir, r.title, "bodymatter")
	w.b.WriteString(`<section epub:type="chapter" role="doc-chapter" aria-labelledby="title">` + "\n")
	w.writeMarks(r.opening)
	w.b.WriteString("<header>\n<h1 id=\"title\"")
	w.dirAttr(textDir(r.title))
	w.b.WriteString(">")
	escape(&w.b, r.title, false)
	w.b.WriteString("</h1>\n")
	if s := clean(r.a.Meta.Subtitle); s != "" {
		w.b.WriteString(`<p class="subtitle" role="doc-subtitle"`)
		w.dirAttr(textDir(s))
		w.b.WriteString(">")
		escape(&w.b, s, false)
		w.b.WriteString("</p>\n")
	}
	// A byline that only repeats the book's authors says nothing.
	if as := authorsOf(r.a.Meta); len(as) > 0 && !slices.Equal(as, authorsOf(p.b.Meta)) {
		w.b.WriteString(`<p class="byline"`)
		w.bookWords()
		w.b.WriteString(">")
		escape(&w.b, p.words.Get("by", "authors", p.words.Names(as)), false)
		w.b.WriteString("</p>\n")
	}
	w.b.WriteString("</header>\n")
	for i, blk := range r.a.Blocks {
		w.writeMarks(r.before[i])
		if i == 0 && r.skipFirst {
			w.writeMarks(r.nested[i])
			continue
		}
		if para, ok := blk.(*doc.Para); ok && len(r.inPara[i]) > 0 {
			w.marks, w.pos, w.inPara = r.inPara[i], 0, true
			w.b.WriteString("<p")
			w.dirAttr(inlinesDir(para.Inlines))
			w.b.WriteString(">")
			w.inlines(para.Inlines)
			w.writeMarks(w.marks) // offsets past the end
			w.marks, w.inPara = nil, false
			w.b.WriteString("</p>\n")
			continue
		}
		w.block(blk, false)
		// Markers whose nested place was not written (an empty list or
		// table) still mark the page, after the block.
		w.writeMarks(r.nested[i])
	}
	w.writeMarks(r.atEnd)
	w.notes()
	w.b.WriteString("</section>\n")
	w.foot()
	return w.b.String()
}

// notes writes the article's notes as footnote asides, each with a link
// back to its first reference, in a section at the end of the file.
func (w *renderer) notes() {
	var notes []*doc.Note
	for _, n := range w.r.a.Notes {
		if n != nil && n.N > 0 && w.r.notes[n.N] == n {
			notes = append(notes, n)
		}
	}
	if len(notes) == 0 {
		return
	}
	w.b.WriteString(`<section class="notes" epub:type="footnotes" role="doc-endnotes" aria-labelledby="notes-title">` + "\n")
	w.b.WriteString(`<h2 id="notes-title"`)
	w.bookWords()
	w.b.WriteString(">")
	escape(&w.b, w.p.words.Get("notes"), false)
	w.b.WriteString("</h2>\n")
	back := w.p.words.Get("backlink")
	for _, n := range notes {
		num := strconv.Itoa(n.N)
		fmt.Fprintf(&w.b, `<aside class="note" epub:type="footnote" role="doc-footnote" id="fn-%d">`+"\n", n.N)
		mark := func() {
			if w.r.refd[n.N] {
				fmt.Fprintf(&w.b, `<a href="#fnref-%d" role="doc-backlink" title="`, n.N)
				escape(&w.b, back, true)
				w.b.WriteString(`"`)
				w.bookWords() // the title's language
				w.b.WriteString(`>` + num + "</a>. ")
			} else {
				w.b.WriteString(num + ". ")
			}
		}
		blocks := n.Blocks
		if len(blocks) > 0 {
			if para, ok := blocks[0].(*doc.Para); ok {
				w.b.WriteString("<p")
				outer := w.dir
				if d := inlinesDir(para.Inlines); d != dirUnknown {
					// The back link inside says how its words
					// differ from this paragraph's.
					w.dirAttr(d)
					w.dir = d
				}
				w.b.WriteString(">")
				mark()
				w.inlines(para.Inlines)
				w.dir = outer
				w.b.WriteString("</p>\n")
				blocks = blocks[1:]
			} else {
				w.b.WriteString("<p>")
				mark()
				w.b.WriteString("</p>\n")
			}
		} else {
			w.b.WriteString("<p>")
			mark()
			w.b.WriteString("</p>\n")
		}
		for _, blk := range blocks {
			w.block(blk, false)
		}
		w.b.WriteString("</aside>\n")
	}
	w.b.WriteString("</section>\n")
}

// writeMarks writes page break markers: between blocks each on a line,
// inside a paragraph without white space.
func (w *renderer) writeMarks(ms []*pageMark) {
	for _, m := range ms {
		if m.written {
			continue
		}
		m.written = true
		w.b.WriteString(`<span class="pagebreak" epub:type="pagebreak" role="doc-pagebreak" id="`)
		escape(&w.b, m.id, true)
		w.b.WriteString(`" aria-label="`)
		escape(&w.b, m.label, true)
		w.b.WriteString(`"></span>`)
		if !w.inPara {
			w.b.WriteByte('\n')
		}
	}
}

// block writes one block. In a tight list item, paragraphs are written
// without <p>.
func (w *renderer) block(blk doc.Block, tight bool) {
	if w.r != nil && w.r.beforeNode != nil {
		w.writeMarks(w.r.beforeNode[blk])
	}
	switch n := blk.(type) {
	case *doc.Para:
		w.para(n, !tight, "")
	case *doc.Heading:
		info, ok := w.r.heads[n]
		if !ok {
			info = headInfo{level: min(max(n.Level, 2), 6)}
		}
		fmt.Fprintf(&w.b, "<h%d", info.level)
		if info.id != "" {
			w.b.WriteString(` id="`)
			escape(&w.b, info.id, true)
			w.b.WriteString(`"`)
		}
		w.dirAttr(inlinesDir(n.Inlines))
		w.b.WriteString(">")
		w.inlines(n.Inlines)
		fmt.Fprintf(&w.b, "</h%d>\n", info.level)
	case *doc.List:
		w.list(n)
	case *doc.Quote:
		w.b.WriteString("<blockquote>\n")
		for _, c := range n.Blocks {
			w.block(c, false)
		}
		w.b.WriteString("</blockquote>\n")
	case *doc.CodeBlock:
		w.b.WriteString("<pre")
		w.dirAttr(textDir(n.Text))
		w.b.WriteString("><code")
		if lang := fileName(n.Lang); lang != "" {
			w.b.WriteString(` class="language-` + lang + `"`)
		}
		w.b.WriteString(">")
		escape(&w.b, strings.TrimSuffix(n.Text, "\n"), false)
		w.b.WriteString("</code></pre>\n")
	case *doc.Figure:
		w.b.WriteString("<figure>\n")
		if n.Image != nil {
			w.image(n.Image, false)
			w.b.WriteByte('\n')
		}
		if len(n.Caption) > 0 {
			w.b.WriteString("<figcaption")
			w.dirAttr(inlinesDir(n.Caption))
			w.b.WriteString(">")
			w.inlines(n.Caption)
			w.b.WriteString("</figcaption>\n")
		}
		w.b.WriteString("</figure>\n")
	case *doc.Table:
		w.table(n)
	case *doc.ThematicBreak:
		w.b.WriteString("<hr class=\"ornament\"/>\n")
	}
}

func (w *renderer) list(n *doc.List) {
	var items []*doc.ListItem
	for _, it := range n.Items {
		if it != nil {
			items = append(items, it)
		}
	}
	if len(items) == 0 {
		return // an empty <ul> is invalid XHTML
	}
	tag := "ul"
	if n.Ordered {
		tag = "ol"
	}
	w.b.WriteString("<" + tag)
	if n.Ordered && n.Start != 1 {
		fmt.Fprintf(&w.b, ` start="%d"`, n.Start)
	}
	w.b.WriteString(">\n")
	for _, it := range items {
		// A tight item is written without <p> unless it holds more
		// than one paragraph, which would then run together.
		tight := n.Tight
		paras := 0
		for _, c := range it.Blocks {
			if _, ok := c.(*doc.Para); ok {
				paras++
			}
		}
		if paras > 1 {
			tight = false
		}
		w.b.WriteString("<li")
		if it.Task != nil {
			w.b.WriteString(` class="task"`)
		}
		// A tight item's text stands in the <li> itself, which then
		// carries its direction.
		outer := w.dir
		if tight && len(it.Blocks) > 0 {
			if para, ok := it.Blocks[0].(*doc.Para); ok && para != nil {
				d := inlinesDir(para.Inlines)
				w.dirAttr(d)
				if d != dirUnknown {
					w.dir = d
				}
			}
		}
		w.b.WriteString(">")
		if w.r != nil && w.r.beforeItem != nil {
			w.writeMarks(w.r.beforeItem[it])
		}
		box := ""
		if it.Task != nil {
			box = "☐ "
			if *it.Task {
				box = "☑ "
			}
		}
		for i, c := range it.Blocks {
			if i == 0 && box != "" {
				if para, ok := c.(*doc.Para); ok {
					if w.r != nil && w.r.beforeNode != nil {
						w.writeMarks(w.r.beforeNode[c])
					}
					w.para(para, !tight, box)
					continue
				}
				w.b.WriteString(box)
			}
			w.block(c, tight)
		}
		if len(it.Blocks) == 0 {
			w.b.WriteString(box)
		}
		w.dir = outer
		w.b.WriteString("</li>\n")
	}
	w.b.WriteString("</" + tag + ">\n")
}

var alignClass = map[doc.Align]string{
	doc.AlignLeft:   "align-left",
	doc.AlignCenter: "align-center",
	doc.AlignRight:  "align-right",
}

func (w *renderer) table(n *doc.Table) {
	cols := len(n.Align)
	for _, rows := range [][][]*doc.Cell{n.Head, n.Rows} {
		for _, row := range rows {
			cols = max(cols, len(row))
		}
	}
	if cols == 0 || len(n.Head)+len(n.Rows) == 0 {
		return
	}
	rowsOut := func(rows [][]*doc.Cell, first int, cell string, scope bool) {
		for ri, row := range rows {
			w.b.WriteString("<tr>")
			for c := 0; c < cols; c++ {
				cell, scope := cell, scope
				if scope && (c >= len(row) || row[c] == nil || strings.TrimSpace(doc.PlainText(row[c].Inlines)) == "") {
					// An empty header cell heads nothing: screen
					// readers would announce a blank header.
					cell, scope = "td", false
				}
				w.b.WriteString("<" + cell)
				if scope {
					w.b.WriteString(` scope="col"`)
				}
				if c < len(n.Align) {
					if cls := alignClass[n.Align[c]]; cls != "" {
						w.b.WriteString(` class="` + cls + `"`)
					}
				}
				w.b.WriteString(">")
				if c == 0 && w.r != nil && w.r.beforeRow != nil {
					// A marker cannot stand between rows: it opens
					// the row's first cell.
					w.writeMarks(w.r.beforeRow[tableRow{n, first + ri}])
				}
				if c < len(row) && row[c] != nil {
					w.inlines(row[c].Inlines)
				}
				w.b.WriteString("</" + cell + ">")
			}
			w.b.WriteString("</tr>\n")
		}
	}
	w.b.WriteString("<table>\n")
	if len(n.Head) > 0 {
		w.b.WriteString("<thead>\n")
		rowsOut(n.Head, 0, "th", true)
		w.b.WriteString("</thead>\n")
	}
	if len(n.Rows) > 0 {
		w.b.WriteString("<tbody>\n")
		rowsOut(n.Rows, len(n.Head), "td", false)
		w.b.WriteString("</tbody>\n")
	}
	w.b.WriteString("</table>\n")
}

// para writes a paragraph, in <p> when wrap is set, its text after
// prefix, with the page markers that fall inside it.
func (w *renderer) para(n *doc.Para, wrap bool, prefix string) {
	if wrap {
		w.b.WriteString("<p")
		w.dirAttr(inlinesDir(n.Inlines))
		w.b.WriteString(">")
	}
	w.b.WriteString(prefix)
	var ms []*pageMark
	if w.r != nil && w.r.inNode != nil {
		ms = w.r.inNode[n]
	}
	if len(ms) > 0 && !w.inPara {
		w.marks, w.pos, w.inPara = ms, 0, true
		w.inlines(n.Inlines)
		w.writeMarks(w.marks) // offsets past the end
		w.marks, w.inPara = nil, false
	} else {
		w.inlines(n.Inlines)
	}
	if wrap {
		w.b.WriteString("</p>\n")
	}
}

// inlines writes inline content, placing any pending page markers at
// their offsets in the plain text (counted as doc.PlainText counts).
func (w *renderer) inlines(ins []doc.Inline) {
	for _, in := range ins {
		w.inline(in)
	}
}

func (w *renderer) inline(in doc.Inline) {
	if len(w.marks) > 0 && doc.Children(in) != nil {
		// A page that starts with a link or an emphasis starts before
		// its tag, not inside it.
		w.marksAt(w.pos)
	}
	switch n := in.(type) {
	case *doc.Text:
		w.text(n.Value)
	case *doc.SoftBreak:
		w.marksAt(w.pos)
		w.pos++
		w.b.WriteByte('\n')
	case *doc.LineBreak:
		w.marksAt(w.pos)
		w.pos++
		w.b.WriteString("<br/>\n")
	case *doc.Emph:
		w.wrap("<em>", n.Inlines, "</em>")
	case *doc.Strong:
		w.wrap("<strong>", n.Inlines, "</strong>")
	case *doc.Strike:
		w.wrap("<s>", n.Inlines, "</s>")
	case *doc.Sup:
		w.wrap("<sup>", n.Inlines, "</sup>")
	case *doc.Sub:
		w.wrap("<sub>", n.Inlines, "</sub>")
	case *doc.SmallCaps:
		w.wrap(`<span class="smallcaps">`, n.Inlines, "</span>")
	case *doc.Code:
		w.b.WriteString("<code>")
		w.text(n.Value)
		w.b.WriteString("</code>")
	case *doc.Link:
		w.link(n)
	case *doc.Image:
		w.marksAt(w.pos + utf8.RuneCountInString(n.Alt) - 1)
		w.pos += utf8.RuneCountInString(n.Alt)
		w.image(n, true)
	case *doc.NoteRef:
		w.noteRef(n)
	}
}

func (w *renderer) wrap(open string, ins []doc.Inline, close string) {
	w.b.WriteString(open)
	w.inlines(ins)
	w.b.WriteString(close)
}

// text writes s, splitting it where page markers fall.
func (w *renderer) text(s string) {
	if len(w.marks) == 0 {
		escape(&w.b, s, false)
		return
	}
	n := utf8.RuneCountInString(s)
	for len(w.marks) > 0 && w.marks[0].offset < w.pos+n {
		// Write up to the marker's rune, then the marker.
		k := max(w.marks[0].offset-w.pos, 0)
		cut := 0
		for i := 0; i < k; i++ {
			_, size := utf8.DecodeRuneInString(s[cut:])
			cut += size
		}
		escape(&w.b, s[:cut], false)
		s = s[cut:]
		w.pos += k
		n -= k
		w.marksAt(w.pos)
	}
	escape(&w.b, s, false)
	w.pos += n
}

// marksAt writes the pending markers whose offset is at or before pos.
func (w *renderer) marksAt(pos int) {
	i := 0
	for i < len(w.marks) && w.marks[i].offset <= pos {
		i++
	}
	if i == 0 {
		return
	}
	ms := w.marks[:i]
	w.marks = w.marks[i:]
	w.writeMarks(ms)
}

func (w *renderer) link(n *doc.Link) {
	href := w.href(n)
	if href == "" || w.inLink > 0 {
		// No link (or a link inside a link, which XHTML forbids): keep
		// the text.
		w.inlines(n.Inlines)
		return
	}
	w.b.WriteString(`<a href="`)
	escape(&w.b, href, true)
	w.b.WriteString(`"`)
	if t := clean(n.Title); t != "" {
		w.b.WriteString(` title="`)
		escape(&w.b, t, true)
		w.b.WriteString(`"`)
	}
	w.b.WriteString(">")
	w.inLink++
	w.inlines(n.Inlines)
	w.inLink--
	w.b.WriteString("</a>")
}

// href resolves a link: internal links go to the target article's file
// and anchor; external ones must be http, https or mailto. Anything else
// is reported and gives "".
func (w *renderer) href(n *doc.Link) string {
	if n.Internal {
		t, ok := w.p.byID[n.TargetArticle]
		if !ok {
			w.p.diags.Warnf(n.At, CodeLinkArticle, "link to %q: the book has no article %q; the EPUB keeps only the text", n.URL, n.TargetArticle)
			return ""
		}
		href := rel(w.file, t.file)
		if w.r == t {
			href = ""
		}
		if n.TargetID != "" {
			id, ok := t.headByID[n.TargetID]
			if !ok {
				w.p.diags.Warnf(n.At, CodeLinkTarget, "link to %q: article %q has no heading %q; the link goes to the article's start", n.URL, n.TargetArticle, n.TargetID)
				id = "title"
			}
			return href + "#" + id
		}
		if href == "" {
			return "#title"
		}
		return href
	}
	u := strings.TrimSpace(n.URL)
	low := strings.ToLower(u)
	for _, scheme := range []string{"http://", "https://", "mailto:"} {
		if strings.HasPrefix(low, scheme) && len(u) > len(scheme) {
			return cleanURL(u)
		}
	}
	w.p.diags.Warnf(n.At, CodeLinkScheme, "link to %q is neither a page of the book nor an http, https or mailto address; the EPUB keeps only the text", n.URL)
	return ""
}

// noteRef writes a note reference as a superscript link to the note; an
// undefined note is its label in brackets.
func (w *renderer) noteRef(n *doc.NoteRef) {
	if n.N <= 0 || w.r == nil || w.r.notes[n.N] == nil {
		if n.N > 0 {
			w.p.diags.Warnf(n.At, CodeNoteMissing, "note %d (%q) has no text; the EPUB prints the label", n.N, n.Label)
		}
		w.b.WriteString("[")
		escape(&w.b, n.Label, false)
		w.b.WriteString("]")
		return
	}
	num := strconv.Itoa(n.N)
	if w.inLink > 0 {
		w.b.WriteString("<sup>" + num + "</sup>")
		return
	}
	w.refs[n.N]++
	id := "fnref-" + num
	if k := w.refs[n.N]; k > 1 {
		id += "-" + strconv.Itoa(k)
	}
	w.b.WriteString(`<sup><a epub:type="noteref" role="doc-noteref" href="#fn-` + num + `" id="` + id + `">` + num + `</a></sup>`)
}

// image writes an embedded image, or its alternative text in a span when
// it has no usable file.
func (w *renderer) image(n *doc.Image, inline bool) {
	e := w.p.embed(n)
	alt := clean(n.Alt)
	if e == nil {
		w.b.WriteString(`<span class="alt">`)
		if alt == "" {
			alt = clean(n.Src)
		}
		escape(&w.b, alt, false)
		w.b.WriteString(`</span>`)
		return
	}
	if alt == "" {
		w.p.diags.Warnf(n.At, CodeImageAlt, "image %s has no description (alt text); readers who cannot see it learn nothing", n.Src)
	}
	w.b.WriteString(`<img src="`)
	escape(&w.b, rel(w.file, e.file), true)
	w.b.WriteString(`" alt="`)
	escape(&w.b, alt, true)
	w.b.WriteString(`"`)
	if t := clean(n.Title); t != "" {
		w.b.WriteString(` title="`)
		escape(&w.b, t, true)
		w.b.WriteString(`"`)
	}
	if inline {
		w.b.WriteString(` class="inline"`)
	}
	w.b.WriteString("/>")
}
