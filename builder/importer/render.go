package importer

import (
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/pamphlet/pamphlet/builder/diag"
)

// maxDepth bounds how deep the renderer follows nested elements; deeper
// content is kept as plain text, so hostile nesting cannot exhaust the
// stack.
const maxDepth = 150

// renderer writes the article's element tree as Markdown blocks.
type renderer struct {
	h *htmlImport
	// hasBlock marks phrasing elements that hold block elements (a link
	// around a whole card), which are laid out as blocks.
	hasBlock map[*html.Node]bool
	noteOf   map[*html.Node]string // footnote reference → label
	notes    []noteSrc
	skip     map[*html.Node]bool // note bodies, rendered at the end
	refs     map[*html.Node]bool // references and their wrappers, targets of back links
	minLevel int
	warned   map[string]bool
	inNote   bool
}

type noteSrc struct {
	label     string
	container *html.Node
}

func newRenderer(h *htmlImport, root *html.Node) *renderer {
	r := &renderer{h: h, hasBlock: map[*html.Node]bool{}, noteOf: map[*html.Node]string{},
		skip: map[*html.Node]bool{}, refs: map[*html.Node]bool{}, minLevel: 7, warned: map[string]bool{}}
	var nodes []*html.Node
	walk(root, func(n *html.Node) bool { nodes = append(nodes, n); return true })
	order := map[*html.Node]int{}
	walk(root.Parent, func(n *html.Node) bool { order[n] = len(order); return true })
	for i := len(nodes) - 1; i >= 0; i-- {
		n := nodes[i]
		if n.Parent != nil && (isBlockElem(n) || r.hasBlock[n]) {
			r.hasBlock[n.Parent] = true
		}
	}
	byTarget := map[*html.Node]string{}
	for _, n := range nodes {
		if n.Type != html.ElementNode {
			continue
		}
		if lvl := headingLevel(n); lvl > 0 && !sameText(textOf(n), h.a.meta.title) && lvl < r.minLevel {
			r.minLevel = lvl
		}
		if n.DataAtom != atom.A || r.insideSkipped(n) {
			continue
		}
		target, container := h.noteTarget(n, order)
		if target == nil {
			continue
		}
		label, ok := byTarget[target]
		if !ok {
			label = strconv.Itoa(len(r.notes) + 1)
			byTarget[target] = label
			r.notes = append(r.notes, noteSrc{label: label, container: container})
			r.skip[container] = true
		}
		r.noteOf[n] = label
		for p, k := n, 0; p != nil && k < 3; p, k = p.Parent, k+1 {
			r.refs[p] = true
		}
	}
	return r
}

func (r *renderer) insideSkipped(n *html.Node) bool {
	for p := n; p != nil; p = p.Parent {
		if r.skip[p] {
			return true
		}
	}
	return false
}

var (
	noteIDRE    = regexp.MustCompile(`(?i)fn|foot|note`)
	noteLabelRE = regexp.MustCompile(`^[\[(]?([0-9]{1,3}|[a-z]{1,3}|[*†‡§]{1,3})[\])]?$`)
)

// noteTarget reports whether link a is a footnote reference, as pages
// mark them up (a superscript number, or a link with a footnote class,
// pointing forward to a list item or an element named like a note), and
// returns its target and the element that holds the note's text.
func (h *htmlImport) noteTarget(a *html.Node, order map[*html.Node]int) (*html.Node, *html.Node) {
	href := attr(a, "href")
	if !strings.HasPrefix(href, "#") || len(href) < 2 {
		return nil, nil
	}
	id, err := url.PathUnescape(href[1:])
	if err != nil {
		id = href[1:]
	}
	target := h.ids[id]
	if target == nil || order[target] <= order[a] {
		return nil, nil
	}
	if !noteLabelRE.MatchString(strings.TrimSpace(textOf(a))) {
		return nil, nil
	}
	marked := false
	for p, k := a, 0; p != nil && k < 3; p, k = p.Parent, k+1 {
		if p.DataAtom == atom.Sup {
			marked = true
		}
	}
	for _, k := range []string{"class", "id", "rel", "role", "data-component-name"} {
		if v := strings.ToLower(attr(a, k)); strings.Contains(v, "footnote") || strings.Contains(v, "noteref") || strings.HasPrefix(v, "fn") {
			marked = true
		}
	}
	if !marked {
		return nil, nil
	}
	container := target
	switch target.DataAtom {
	case atom.A, atom.Sup, atom.Span:
		// The target is the note's number; the note is around it. A
		// reader-view extraction may have wrapped the number in a
		// paragraph of its own, so look one level further when the
		// parent holds nothing but the number either.
		if utf8.RuneCountInString(textOf(target)) <= 4 && target.Parent != nil {
			container = target.Parent
			if p := container.Parent; p != nil && textOf(container) == textOf(target) && textOf(target) != "" && noteIDRE.MatchString(attr(p, "id")+" "+attr(p, "class")) {
				container = p
			}
		}
	}
	noteLike := container.DataAtom == atom.Li && container.Parent != nil && container.Parent.DataAtom == atom.Ol
	for _, n := range []*html.Node{target, container} {
		if noteIDRE.MatchString(attr(n, "id") + " " + attr(n, "class")) {
			noteLike = true
		}
	}
	if !noteLike {
		return nil, nil
	}
	for p := a; p != nil; p = p.Parent {
		if p == container {
			return nil, nil
		}
	}
	return target, container
}

func headingLevel(n *html.Node) int {
	switch n.DataAtom {
	case atom.H1:
		return 1
	case atom.H2:
		return 2
	case atom.H3:
		return 3
	case atom.H4:
		return 4
	case atom.H5:
		return 5
	case atom.H6:
		return 6
	}
	return 0
}

// isBlockElem reports whether n starts a new block in the flow.
func isBlockElem(n *html.Node) bool {
	if n.Type != html.ElementNode {
		return false
	}
	switch n.DataAtom {
	case atom.Address, atom.Article, atom.Aside, atom.Blockquote, atom.Details, atom.Dialog,
		atom.Dd, atom.Div, atom.Dl, atom.Dt, atom.Fieldset, atom.Figcaption, atom.Figure,
		atom.Footer, atom.Form, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6,
		atom.Header, atom.Hgroup, atom.Hr, atom.Li, atom.Main, atom.Nav, atom.Ol, atom.P,
		atom.Pre, atom.Section, atom.Table, atom.Ul, atom.Summary, atom.Center, atom.Tbody,
		atom.Thead, atom.Tfoot, atom.Tr, atom.Td, atom.Th, atom.Caption, atom.Body, atom.Html:
		return true
	}
	return false
}

// render lays out root's content.
func (r *renderer) render(root *html.Node) []block { return r.flow(root, 0) }

// renderNotes writes the footnotes in the order of their first reference.
func (r *renderer) renderNotes() []note {
	var out []note
	r.inNote = true
	defer func() { r.inNote = false }()
	for _, ns := range r.notes {
		var paras []string
		for _, b := range r.flow(ns.container, 0) {
			paras = append(paras, b.md)
		}
		out = append(out, note{label: ns.label, paras: paras})
	}
	return out
}

// inlineBuf gathers the inline content of one block, collapsing white
// space as a browser does.
type inlineBuf struct {
	md, plain strings.Builder
	space     bool // white space is pending
	lead      bool // the content began with white space
	line      int
	linkRunes int
	hasLink   bool
}

func isHTMLSpace(r rune) bool { return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f' }

func (b *inlineBuf) text(s string) {
	if s == "" {
		return
	}
	fields := strings.FieldsFunc(s, isHTMLSpace)
	if r, _ := utf8.DecodeRuneInString(s); isHTMLSpace(r) {
		b.spaceNow()
	}
	for i, f := range fields {
		if i > 0 {
			b.space = true
		}
		b.write(escapeInline(f), f)
	}
	if r, _ := utf8.DecodeLastRuneInString(s); isHTMLSpace(r) && len(fields) > 0 {
		b.space = true
	}
}

// spaceNow records white space at the current point.
func (b *inlineBuf) spaceNow() {
	if b.md.Len() == 0 {
		b.lead = true
	} else {
		b.space = true
	}
}

// write adds markup md standing for the text plain.
func (b *inlineBuf) write(md, plain string) {
	if b.space && b.md.Len() > 0 {
		b.md.WriteByte(' ')
		b.plain.WriteByte(' ')
	}
	b.space = false
	b.md.WriteString(md)
	b.plain.WriteString(plain)
}

// merge adds sub's content wrapped in open and close markup.
func (b *inlineBuf) merge(sub *inlineBuf, open, close string) {
	if sub.lead {
		b.spaceNow()
	}
	s := strings.TrimSuffix(sub.md.String(), "\\\n")
	if strings.TrimSpace(s) != "" {
		b.write(open+s+close, sub.plain.String())
		b.linkRunes += sub.linkRunes
		b.hasLink = b.hasLink || sub.hasLink
	}
	if sub.space {
		b.space = true
	}
}

// flow lays out the children of a block container: runs of inline content
// become paragraphs, block children are laid out in turn.
func (r *renderer) flow(n *html.Node, depth int) []block {
	var out []block
	cur := &inlineBuf{}
	flush := func() {
		if b, ok := paragraph(cur); ok {
			out = append(out, b)
		}
		cur = &inlineBuf{}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if r.skip[c] {
			continue
		}
		switch {
		case c.Type == html.TextNode:
			if cur.line == 0 && strings.TrimSpace(c.Data) != "" {
				cur.line = lineOf(c)
			}
			cur.text(c.Data)
		case c.Type != html.ElementNode:
		case depth > maxDepth:
			cur.text(" " + textOf(c) + " ")
		case !isBlockElem(c) && !r.hasBlock[c]:
			if cur.line == 0 {
				cur.line = lineOf(c)
			}
			r.inline(c, cur, depth+1)
		default:
			flush()
			out = append(out, r.blockElem(c, depth+1)...)
		}
	}
	flush()
	return out
}

// paragraph turns gathered inline content into a paragraph block.
func paragraph(b *inlineBuf) (block, bool) {
	md := strings.TrimSpace(b.md.String())
	for strings.HasSuffix(md, "\\") {
		md = strings.TrimSpace(strings.TrimSuffix(md, "\\"))
	}
	if md == "" {
		return block{}, false
	}
	lines := strings.Split(md, "\n")
	for i, l := range lines {
		lines[i] = escapeStart(l)
	}
	plain := strings.TrimSpace(b.plain.String())
	bl := block{md: strings.Join(lines, "\n"), plain: plain, line: b.line}
	if b.hasLink && b.linkRunes*10 >= utf8.RuneCountInString(plain)*9 && utf8.RuneCountInString(plain) < 150 {
		bl.allLink = true
	}
	return bl, true
}

// blockElem lays out one block element.
func (r *renderer) blockElem(n *html.Node, depth int) []block {
	line := lineOf(n)
	switch n.DataAtom {
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		sub := &inlineBuf{}
		r.inlineChildren(n, sub, depth)
		s := strings.TrimSpace(strings.ReplaceAll(sub.md.String(), "\\\n", " "))
		if s == "" {
			return nil
		}
		lvl := min(max(headingLevel(n)-r.minLevel+2, 2), 6)
		return []block{{md: strings.Repeat("#", lvl) + " " + escapeHeadingEnd(s), plain: strings.TrimSpace(sub.plain.String()), line: line, kind: 'h'}}
	case atom.Ul, atom.Ol:
		return r.list(n, depth)
	case atom.Blockquote:
		bs := r.flow(n, depth)
		if len(bs) == 0 {
			return nil
		}
		var mds, plains []string
		for _, b := range bs {
			mds = append(mds, b.md)
			plains = append(plains, b.plain)
		}
		return []block{{md: prefixLines(strings.Join(mds, "\n\n"), "> ", ">"), plain: strings.Join(plains, " "), line: line, kind: 'q'}}
	case atom.Pre:
		return r.code(n, line)
	case atom.Hr:
		return []block{{md: "---", line: line, kind: 'r'}}
	case atom.Table:
		if r.hasBlockInside(n) {
			return r.flow(n, depth)
		}
		return r.table(n, line, depth)
	case atom.Figcaption:
		sub := &inlineBuf{}
		r.inlineChildren(n, sub, depth)
		wrapped := &inlineBuf{}
		wrapped.merge(sub, "*", "*")
		if b, ok := paragraph(wrapped); ok {
			b.line = line
			return []block{b}
		}
		return nil
	case atom.Dt:
		sub := &inlineBuf{}
		r.inlineChildren(n, sub, depth)
		wrapped := &inlineBuf{line: line}
		wrapped.merge(sub, "**", "**")
		if b, ok := paragraph(wrapped); ok {
			return []block{b}
		}
		return nil
	}
	return r.flow(n, depth)
}

// hasBlockInside reports whether a table lays out blocks (a layout table)
// rather than data: it holds tables, lists, headings, quotations or code,
// or a cell with more than one paragraph. A cell of one paragraph is
// still data (sites wrap every cell's text in a <p>).
func (r *renderer) hasBlockInside(t *html.Node) bool {
	found := false
	walk(t, func(n *html.Node) bool {
		if n != t && n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Table, atom.Ul, atom.Ol, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Blockquote, atom.Pre:
				found = true
			case atom.Td, atom.Th:
				blocks := 0
				walk(n, func(c *html.Node) bool {
					if c != n && (c.DataAtom == atom.P || c.DataAtom == atom.Div) {
						blocks++
					}
					return true
				})
				found = found || blocks > 1
			}
		}
		return !found
	})
	return found
}

func prefixLines(s, prefix, empty string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if l == "" {
			lines[i] = empty
		} else {
			lines[i] = prefix + l
		}
	}
	return strings.Join(lines, "\n")
}

// indentRest indents every line of s but the first.
func indentRest(s, indent string) string {
	lines := strings.Split(s, "\n")
	for i := 1; i < len(lines); i++ {
		if lines[i] != "" {
			lines[i] = indent + lines[i]
		}
	}
	return strings.Join(lines, "\n")
}

// list lays out a <ul> or <ol>; it is loose when an item holds several
// paragraphs.
func (r *renderer) list(n *html.Node, depth int) []block {
	ordered := n.DataAtom == atom.Ol
	start := 1
	if v, err := strconv.Atoi(strings.TrimSpace(attr(n, "start"))); err == nil && v >= 0 && v < 1e9 {
		start = v
	}
	var items [][]block
	var plains []string
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if r.skip[c] || c.Type != html.ElementNode {
			continue
		}
		var bs []block
		if depth > maxDepth {
			if t := textOf(c); t != "" {
				bs = []block{{md: escapeStart(escapeInline(t)), plain: t}}
			}
		} else if c.DataAtom == atom.Li {
			bs = r.flow(c, depth+1)
		} else {
			bs = r.blockElem(c, depth+1)
		}
		if len(bs) == 0 {
			continue
		}
		items = append(items, bs)
		for _, b := range bs {
			plains = append(plains, b.plain)
		}
	}
	if len(items) == 0 {
		return nil
	}
	loose := false
	for _, it := range items {
		for j, b := range it {
			if j > 0 && b.kind != 'l' {
				loose = true
			}
		}
	}
	var sb strings.Builder
	for i, it := range items {
		marker := "-"
		if ordered {
			marker = strconv.Itoa(start+i) + "."
		}
		indent := strings.Repeat(" ", len(marker)+1)
		if i > 0 {
			sb.WriteString("\n")
			if loose {
				sb.WriteString("\n")
			}
		}
		for j, b := range it {
			switch {
			case j == 0:
				sb.WriteString(marker + " " + indentRest(b.md, indent))
			case b.kind == 'l' && !loose:
				sb.WriteString("\n" + indent + indentRest(b.md, indent))
			default:
				sb.WriteString("\n\n" + indent + indentRest(b.md, indent))
			}
		}
	}
	return []block{{md: sb.String(), plain: strings.Join(plains, " "), line: lineOf(n), kind: 'l'}}
}

// code writes a <pre> as a fenced code block.
func (r *renderer) code(n *html.Node, line int) []block {
	var b strings.Builder
	walk(n, func(c *html.Node) bool {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
		if c.DataAtom == atom.Br {
			b.WriteString("\n")
		}
		return true
	})
	text := strings.TrimRight(strings.TrimLeft(b.String(), "\n"), " \t\n")
	if strings.TrimSpace(text) == "" {
		return nil
	}
	lang := ""
	walk(n, func(c *html.Node) bool {
		for _, t := range strings.Fields(attr(c, "class")) {
			if l, ok := strings.CutPrefix(t, "language-"); ok && lang == "" {
				lang = l
			} else if l, ok := strings.CutPrefix(t, "lang-"); ok && lang == "" {
				lang = l
			}
		}
		return lang == ""
	})
	if strings.ContainsAny(lang, "`~ ") {
		lang = ""
	}
	fence := strings.Repeat("`", max(3, longestRun(text, '`')+1))
	return []block{{md: fence + lang + "\n" + text + "\n" + fence, plain: text, line: line, kind: 'c'}}
}

func longestRun(s string, c byte) int {
	best, run := 0, 0
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			run++
			best = max(best, run)
		} else {
			run = 0
		}
	}
	return best
}

// table writes a data table as a GFM pipe table; a table of one row or
// one column is laid out as paragraphs.
func (r *renderer) table(t *html.Node, line, depth int) []block {
	var rows [][]string
	var plains []string
	walk(t, func(n *html.Node) bool {
		if n.DataAtom != atom.Tr {
			return true
		}
		var row []string
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.DataAtom != atom.Td && c.DataAtom != atom.Th {
				continue
			}
			sub := &inlineBuf{}
			r.inlineChildren(c, sub, depth)
			s := strings.ReplaceAll(strings.TrimSpace(sub.md.String()), "\\\n", " ")
			s = strings.ReplaceAll(strings.ReplaceAll(s, "\n", " "), "|", `\|`)
			row = append(row, s)
			plains = append(plains, strings.TrimSpace(sub.plain.String()))
		}
		if len(row) > 0 {
			rows = append(rows, row)
		}
		return false
	})
	cols := 0
	for _, row := range rows {
		cols = max(cols, len(row))
	}
	if len(rows) == 0 || cols == 0 {
		return nil
	}
	if len(rows) == 1 || cols == 1 {
		var out []block
		for _, row := range rows {
			for _, c := range row {
				if c != "" {
					out = append(out, block{md: escapeStart(c), plain: c, line: line, kind: 't'})
				}
			}
		}
		return out
	}
	var sb strings.Builder
	for i, row := range rows {
		for len(row) < cols {
			row = append(row, "")
		}
		sb.WriteString("| " + strings.Join(row, " | ") + " |\n")
		if i == 0 {
			sb.WriteString("|" + strings.Repeat(" --- |", cols) + "\n")
		}
	}
	return []block{{md: strings.TrimSuffix(sb.String(), "\n"), plain: strings.Join(plains, " "), line: line, kind: 't'}}
}

// inlineChildren lays out n's children into b.
func (r *renderer) inlineChildren(n *html.Node, b *inlineBuf, depth int) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch {
		case r.skip[c]:
		case c.Type == html.TextNode:
			b.text(c.Data)
		case c.Type != html.ElementNode:
		case depth > maxDepth || isBlockElem(c):
			b.text(" " + textOf(c) + " ")
		default:
			r.inline(c, b, depth+1)
		}
	}
}

// wrap lays out n's children inside open and close markup.
func (r *renderer) wrap(n *html.Node, b *inlineBuf, depth int, open, close string) {
	sub := &inlineBuf{}
	r.inlineChildren(n, sub, depth)
	b.merge(sub, open, close)
}

// inline lays out one phrasing element.
func (r *renderer) inline(n *html.Node, b *inlineBuf, depth int) {
	switch n.DataAtom {
	case atom.Em, atom.I, atom.Cite, atom.Dfn, atom.Var:
		r.wrap(n, b, depth, "*", "*")
	case atom.Strong, atom.B:
		r.wrap(n, b, depth, "**", "**")
	case atom.Del, atom.S, atom.Strike:
		r.wrap(n, b, depth, "~~", "~~")
	case atom.Q:
		r.wrap(n, b, depth, "“", "”")
	case atom.Code, atom.Kbd, atom.Samp, atom.Tt:
		t := strings.Join(strings.FieldsFunc(textOf(n), isHTMLSpace), " ")
		if t == "" {
			return
		}
		fence := strings.Repeat("`", longestRun(t, '`')+1)
		pad := ""
		if strings.HasPrefix(t, "`") || strings.HasSuffix(t, "`") {
			pad = " "
		}
		b.write(fence+pad+t+pad+fence, t)
	case atom.Br:
		if b.md.Len() > 0 {
			b.space = false
			b.md.WriteString("\\\n")
			b.plain.WriteByte(' ')
		}
	case atom.Wbr:
	case atom.Img:
		r.image(n, b)
	case atom.A:
		r.link(n, b, depth)
	default:
		r.inlineChildren(n, b, depth)
	}
}

var backLinkRE = regexp.MustCompile(`^(↩\x{fe0e}?|↩︎|↑|\^|back|return to text)$`)

// link writes a link, or a footnote reference, or only its text when its
// target is of no use outside the page.
func (r *renderer) link(n *html.Node, b *inlineBuf, depth int) {
	if label, ok := r.noteOf[n]; ok {
		b.write("[^"+label+"]", "")
		return
	}
	href := strings.TrimSpace(attr(n, "href"))
	if r.inNote && strings.HasPrefix(href, "#") {
		if t := r.h.ids[strings.TrimPrefix(href, "#")]; t != nil && r.refs[t] {
			return
		}
		if backLinkRE.MatchString(strings.ToLower(strings.TrimSpace(textOf(n)))) {
			return
		}
	}
	sub := &inlineBuf{}
	r.inlineChildren(n, sub, depth)
	dest := r.h.linkTarget(href)
	if dest == "" {
		b.merge(sub, "", "")
		return
	}
	sub.linkRunes = utf8.RuneCountInString(strings.TrimSpace(sub.plain.String()))
	sub.hasLink = true
	b.merge(sub, "[", "]("+dest+")")
}

// linkTarget returns the URL a Markdown link should keep, or "" when the
// link points inside the page or nowhere useful.
func (h *htmlImport) linkTarget(href string) string {
	l := strings.ToLower(href)
	switch {
	case href == "" || strings.HasPrefix(href, "#"), strings.HasPrefix(l, "javascript:"), strings.HasPrefix(l, "data:"):
		return ""
	case strings.HasPrefix(l, "mailto:"), strings.HasPrefix(l, "tel:"), strings.HasPrefix(l, "http://"), strings.HasPrefix(l, "https://"):
		return formatURL(href)
	case strings.HasPrefix(href, "//"):
		return formatURL("https:" + href)
	}
	if h.base == nil {
		return ""
	}
	u, err := url.Parse(href)
	if err != nil {
		return ""
	}
	return formatURL(h.base.ResolveReference(u).String())
}

// formatURL makes a URL safe as a Markdown link destination.
func formatURL(u string) string {
	return strings.NewReplacer(" ", "%20", "(", "%28", ")", "%29", "<", "%3C", ">", "%3E", "\n", "", "\t", "").Replace(u)
}

// image writes a local image, or keeps a remote or embedded one's alt
// text with a warning: the importer never fetches anything.
func (r *renderer) image(n *html.Node, b *inlineBuf) {
	src := strings.TrimSpace(attr(n, "src"))
	for _, k := range []string{"data-src", "data-lazy-src", "data-original"} {
		if v := strings.TrimSpace(attr(n, k)); v != "" && (src == "" || strings.HasPrefix(strings.ToLower(src), "data:")) {
			src = v
		}
	}
	alt := strings.Join(strings.FieldsFunc(attr(n, "alt"), isHTMLSpace), " ")
	keepAlt := func() {
		if alt != "" && !hasCaption(n) {
			b.write("*"+escapeInline(alt)+"*", alt)
		}
	}
	pos := diag.Pos{File: r.h.file, Line: lineOf(n)}
	if r.h.fetch {
		if best := largestSource(n); best != "" {
			src = best
		}
		ref := r.h.imageRef(src)
		if ref == "" {
			keepAlt()
			return
		}
		r.h.a.fetches = append(r.h.a.fetches, imageRef{ref: ref, alt: alt, line: pos.Line, caption: hasCaption(n)})
		b.write("!["+escapeInline(alt)+"]("+placeholder(len(r.h.a.fetches)-1)+")", "")
		return
	}
	switch {
	case src == "":
		keepAlt()
	case strings.HasPrefix(strings.ToLower(src), "data:"):
		r.h.diags.Warnf(pos, codeDataImage, "embedded image dropped; its alt text is kept")
		keepAlt()
	case isLocalPath(src):
		p := src
		if i := strings.IndexAny(p, "?#"); i >= 0 {
			p = p[:i]
		}
		if u, err := url.PathUnescape(p); err == nil {
			p = u
		}
		r.h.a.addImage(p)
		b.write("!["+escapeInline(alt)+"]("+formatURL(p)+")", "")
	default:
		if !r.warned[src] {
			r.warned[src] = true
			r.h.diags.Warnf(pos, codeRemoteImage, "remote image %s not fetched; its alt text is kept", shorten(src, 100))
		}
		keepAlt()
	}
}

// largestSource picks from an image's srcset, and the <source>s of the
// <picture> around it, the largest candidate up to maxImageWidth; "" when
// there is none.
func largestSource(img *html.Node) string {
	var cs []srcsetCandidate
	if p := img.Parent; p != nil && p.DataAtom == atom.Picture {
		for s := p.FirstChild; s != nil; s = s.NextSibling {
			if s.DataAtom != atom.Source {
				continue
			}
			switch t := strings.ToLower(attr(s, "type")); t {
			case "", "image/jpeg", "image/png", "image/webp", "image/gif":
				cs = append(cs, parseSrcset(firstAttr(s, "srcset", "data-srcset"))...)
			}
		}
	}
	cs = append(cs, parseSrcset(firstAttr(img, "srcset", "data-srcset"))...)
	return bestCandidate(cs)
}

func firstAttr(n *html.Node, keys ...string) string {
	for _, k := range keys {
		if v := strings.TrimSpace(attr(n, k)); v != "" {
			return v
		}
	}
	return ""
}

// imageRef turns an image's src into what Options.Fetch loads: a data:
// URI as it is, an absolute http(s) URL, or a path beside the input
// file; "" for what cannot be loaded.
func (h *htmlImport) imageRef(src string) string {
	l := strings.ToLower(src)
	switch {
	case src == "":
		return ""
	case strings.HasPrefix(l, "data:"):
		return src
	case strings.HasPrefix(l, "http://"), strings.HasPrefix(l, "https://"):
		return src
	case strings.HasPrefix(src, "//"):
		scheme := "https"
		if h.base != nil {
			scheme = h.base.Scheme
		}
		return scheme + ":" + src
	}
	if h.base != nil && (h.fetched || !isLocalPath(src)) {
		// A fetched page's relative paths are the site's; a saved
		// page's are files beside it (a browser's NAME_files/), and only
		// its absolute paths ("/img/x.png") go to the site.
		if u, err := url.Parse(src); err == nil {
			return h.base.ResolveReference(u).String()
		}
		return ""
	}
	if !isLocalPath(src) {
		return ""
	}
	p := src
	if i := strings.IndexAny(p, "?#"); i >= 0 {
		p = p[:i]
	}
	if u, err := url.PathUnescape(p); err == nil {
		p = u
	}
	return p
}

// hasCaption reports whether n stands in a figure with a caption, which
// says what its alt text would.
func hasCaption(n *html.Node) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if p.DataAtom == atom.Figure {
			for c := p.FirstChild; c != nil; c = c.NextSibling {
				if c.DataAtom == atom.Figcaption && textOf(c) != "" {
					return true
				}
			}
			return false
		}
	}
	return false
}
