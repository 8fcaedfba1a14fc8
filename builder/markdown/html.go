package markdown

import (
	"bytes"
	"sort"
	"strconv"
	"strings"

	"github.com/pamphlet/pamphlet/builder/doc"
	"github.com/yuin/goldmark/ast"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// HTML elements by what they become. The tables are read-only.
var (
	// inlineWrap maps inline elements with a meaning in the model.
	inlineWrap = map[string]wrapKind{
		"em": wrapEmph, "i": wrapEmph, "cite": wrapEmph, "var": wrapEmph, "dfn": wrapEmph,
		"strong": wrapStrong, "b": wrapStrong,
		"s": wrapStrike, "del": wrapStrike, "strike": wrapStrike,
		"sup": wrapSup, "sub": wrapSub, "a": wrapLink,
	}
	// transparent elements keep their content and lose their tag,
	// without a warning: they carry no meaning the model keeps (unless a
	// class or style asks for small capitals).
	transparent = set("span", "font", "abbr", "acronym", "small", "big", "u", "ins", "mark", "q",
		"code", "kbd", "samp", "tt", "bdi", "bdo", "time", "data", "label", "nobr", "ruby", "rt", "rp")
	// blockContainers hold blocks and mean nothing themselves.
	blockContainers = set("div", "section", "article", "header", "footer", "main", "aside", "nav",
		"center", "figure", "figcaption", "details", "summary", "dl", "dt", "dd", "address",
		"body", "html", "hgroup", "caption", "colgroup", "col", "thead", "tbody", "tfoot", "tr", "td", "th", "li")
	// dropped elements lose their content too: scripts, embedded
	// objects, forms and media have no printable text.
	dropped = set("script", "style", "iframe", "object", "embed", "applet", "form", "input", "button",
		"select", "option", "optgroup", "textarea", "noscript", "template", "video", "audio", "canvas",
		"svg", "math", "frame", "frameset", "noframes", "head", "title", "meta", "link", "base", "param",
		"source", "track", "map", "area", "dialog", "slot", "picture", "fieldset", "legend", "datalist",
		"output", "progress", "meter")
	// void elements have no end tag.
	void = set("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
		"source", "track", "wbr")
	// blockElements end a paragraph when they appear in an HTML block.
	blockElements = set("p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "ul", "ol", "pre",
		"table", "hr")
)

func set(names ...string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}

// smallCaps reports whether attributes ask for small capitals.
func smallCaps(attrs []html.Attribute) bool {
	for _, a := range attrs {
		v := strings.ToLower(a.Val)
		switch a.Key {
		case "class":
			for _, c := range strings.Fields(v) {
				if c == "smallcaps" || c == "small-caps" || c == "sc" {
					return true
				}
			}
		case "style":
			if strings.Contains(strings.ReplaceAll(v, " ", ""), "font-variant:small-caps") {
				return true
			}
		}
	}
	return false
}

func attr(attrs []html.Attribute, key string) string {
	for _, a := range attrs {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// rawInline handles one inline HTML tag: a start tag opens a frame in the
// builder, an end tag closes it, a void element becomes a node or a
// warning.
func (c *converter) rawInline(n *ast.RawHTML, b *builder) {
	at := c.posOf(n)
	raw := n.Segments.Value(c.src)
	z := html.NewTokenizer(bytes.NewReader(raw))
	tt := z.Next()
	tok := z.Token()
	name := tok.Data
	switch tt {
	case html.StartTagToken, html.SelfClosingTagToken:
		self := tt == html.SelfClosingTagToken || void[name]
		switch {
		case name == "br":
			b.add(&doc.LineBreak{At: at})
		case name == "img":
			b.add(htmlImage(tok.Attr, at))
		case name == "wbr":
		case dropped[name]:
			c.diags.Warnf(at, codeHTMLDropped, "raw HTML <%s> dropped", name)
			if !self {
				b.push(&frame{tag: name, kind: wrapDrop, at: at})
			}
		case self:
			if !blockElements[name] && !blockContainers[name] {
				c.diags.Warnf(at, codeHTMLDropped, "raw HTML <%s> dropped", name)
			}
		default:
			f := &frame{tag: name, kind: wrapNone, at: at}
			if k, ok := inlineWrap[name]; ok {
				f.kind = k
				if k == wrapLink {
					f.url, f.title = attr(tok.Attr, "href"), attr(tok.Attr, "title")
					if f.url == "" {
						f.kind = wrapNone // an anchor without a target
					}
				}
			} else if transparent[name] || blockElements[name] || blockContainers[name] {
				if smallCaps(tok.Attr) {
					f.kind = wrapSmallCaps
				}
			} else {
				c.diags.Warnf(at, codeHTMLDropped, "raw HTML <%s> dropped (its text is kept)", name)
			}
			b.push(f)
		}
	case html.EndTagToken:
		b.pop(name)
	case html.CommentToken:
		c.diags.Warnf(at, codeHTMLComment, "raw HTML comment dropped")
	default:
		c.diags.Warnf(at, codeHTMLComment, "raw HTML %q dropped", truncate(string(raw), 40))
	}
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

func htmlImage(attrs []html.Attribute, at doc.Pos) *doc.Image {
	return &doc.Image{Src: attr(attrs, "src"), Alt: attr(attrs, "alt"), Title: attr(attrs, "title"), At: at}
}

// htmlConv maps one parsed HTML block onto the model.
type htmlConv struct {
	c     *converter
	lower string // the block's text, ASCII lower-cased, to find tags
	segs  []seg  // where each piece of the text lies in the file
	next  map[string]int
	at    doc.Pos
}

type seg struct{ text, src int }

// htmlBlock parses a block of raw HTML and maps it onto blocks.
func (c *converter) htmlBlock(n *ast.HTMLBlock, depth int, at doc.Pos) []doc.Block {
	var text []byte
	var segs []seg
	lines := n.Lines()
	for i := 0; i < lines.Len(); i++ {
		s := lines.At(i)
		segs = append(segs, seg{len(text), s.Start})
		text = append(text, s.Value(c.src)...)
	}
	if n.HasClosure() {
		segs = append(segs, seg{len(text), n.ClosureLine.Start})
		text = append(text, n.ClosureLine.Value(c.src)...)
	}
	h := &htmlConv{c: c, lower: strings.ToLower(string(text)), segs: segs, next: map[string]int{}, at: at}
	nodes, err := html.ParseFragment(bytes.NewReader(text), &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body})
	if err != nil {
		// x/net/html gives up on pathological input (elements nested
		// past its stack limit): keep the words, lose the structure.
		c.tooDeep(at)
		return h.textOnly(text)
	}
	return h.blocks(nodes, depth, at)
}

// find returns the position of the next "<name" in the block (the k-th
// element named name is taken to be the k-th such tag in the text, which
// holds except for elements the HTML parser implies).
func (h *htmlConv) find(name string) doc.Pos {
	from := h.next[name]
	for from < len(h.lower) {
		i := strings.Index(h.lower[from:], name)
		if i < 0 {
			break
		}
		i += from
		end := i + len(name)
		from = end
		if i > 0 && h.lower[i-1] == '<' && (end == len(h.lower) || !isNameByte(h.lower[end])) {
			h.next[name] = end
			return h.srcPos(i - 1)
		}
	}
	h.next[name] = len(h.lower)
	return h.at
}

func isNameByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == ':'
}

func (h *htmlConv) srcPos(off int) doc.Pos {
	i := sort.Search(len(h.segs), func(i int) bool { return h.segs[i].text > off }) - 1
	if i < 0 {
		return h.at
	}
	return h.c.pos(h.segs[i].src + off - h.segs[i].text)
}

func (h *htmlConv) posOf(n *html.Node) doc.Pos {
	switch n.Type {
	case html.ElementNode:
		return h.find(n.Data)
	case html.CommentNode:
		return h.find("!--")
	}
	return h.at
}

// blocks maps a list of sibling nodes onto blocks; runs of inline content
// between block elements become paragraphs.
func (h *htmlConv) blocks(nodes []*html.Node, depth int, at doc.Pos) []doc.Block {
	var out []doc.Block
	var run *builder
	var runAt doc.Pos
	flush := func() {
		if run != nil {
			out = append(out, paragraph(run.finish(), runAt)...)
			run = nil
		}
	}
	for _, n := range nodes {
		if n.Type == html.CommentNode || n.Type == html.ElementNode && dropped[n.Data] {
			// Dropped without ending the paragraph around them.
			h.block(n, depth+1)
			continue
		}
		if h.isInline(n) {
			if run == nil {
				run = newBuilder(h.c)
				run.collapse = true
				runAt = at
			}
			h.inline(n, run, depth+1)
			continue
		}
		flush()
		out = append(out, h.block(n, depth+1)...)
	}
	flush()
	return out
}

func children(n *html.Node) []*html.Node {
	var out []*html.Node
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		out = append(out, c)
	}
	return out
}

// isInline reports whether n belongs in a paragraph.
func (h *htmlConv) isInline(n *html.Node) bool {
	switch n.Type {
	case html.TextNode:
		return true
	case html.ElementNode:
		name := n.Data
		if blockElements[name] || blockContainers[name] || dropped[name] {
			return false
		}
		return true
	}
	return false
}

func (h *htmlConv) block(n *html.Node, depth int) []doc.Block {
	if depth > maxDepth {
		h.c.tooDeep(h.at)
		return h.flatten(n)
	}
	switch n.Type {
	case html.CommentNode:
		h.c.diags.Warnf(h.posOf(n), codeHTMLComment, "raw HTML comment dropped")
		return nil
	case html.DoctypeNode:
		h.c.diags.Warnf(h.at, codeHTMLComment, "raw HTML <!DOCTYPE> dropped")
		return nil
	case html.ElementNode:
	default:
		return nil
	}
	at := h.posOf(n)
	name := n.Data
	switch {
	case name == "p":
		return paragraph(h.inlines(children(n), depth), at)
	case len(name) == 2 && name[0] == 'h' && name[1] >= '1' && name[1] <= '6':
		return []doc.Block{&doc.Heading{Level: int(name[1] - '0'), Inlines: trimInlines(h.inlines(children(n), depth)), At: at}}
	case name == "blockquote":
		return []doc.Block{&doc.Quote{Blocks: h.blocks(children(n), depth, at), At: at}}
	case name == "ul" || name == "ol":
		return []doc.Block{h.list(n, depth, at)}
	case name == "pre":
		return []doc.Block{h.pre(n, at)}
	case name == "table":
		return h.table(n, depth, at)
	case name == "hr":
		return []doc.Block{&doc.ThematicBreak{At: at}}
	case dropped[name]:
		h.c.diags.Warnf(at, codeHTMLDropped, "raw HTML <%s> dropped", name)
		return nil
	case !blockContainers[name]:
		h.c.diags.Warnf(at, codeHTMLDropped, "raw HTML <%s> dropped (its text is kept)", name)
	}
	return h.blocks(children(n), depth, at)
}

func (h *htmlConv) list(n *html.Node, depth int, at doc.Pos) *doc.List {
	l := &doc.List{Ordered: n.Data == "ol", Tight: true, At: at}
	if l.Ordered {
		l.Start = 1
		if s, err := strconv.Atoi(strings.TrimSpace(attr(n.Attr, "start"))); err == nil {
			l.Start = s
		}
	}
	var loose []doc.Block
	for _, li := range children(n) {
		if li.Type != html.ElementNode || li.Data != "li" {
			if li.Type == html.ElementNode || li.Type == html.TextNode && strings.TrimSpace(li.Data) != "" {
				loose = append(loose, h.blocks([]*html.Node{li}, depth, at)...)
			}
			continue
		}
		for c := li.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode && c.Data == "p" {
				l.Tight = false
			}
		}
		liAt := h.posOf(li)
		item := &doc.ListItem{At: liAt, Blocks: h.blocks(children(li), depth, liAt)}
		if len(loose) > 0 {
			item.Blocks = append(loose, item.Blocks...)
			loose = nil
		}
		l.Items = append(l.Items, item)
	}
	if len(loose) > 0 {
		l.Items = append(l.Items, &doc.ListItem{At: at, Blocks: loose})
	}
	return l
}

func (h *htmlConv) pre(n *html.Node, at doc.Pos) *doc.CodeBlock {
	cb := &doc.CodeBlock{At: at}
	if c := n.FirstChild; c != nil && c.NextSibling == nil && c.Type == html.ElementNode && c.Data == "code" {
		for _, cls := range strings.Fields(attr(c.Attr, "class")) {
			if l, ok := strings.CutPrefix(cls, "language-"); ok {
				cb.Lang = l
				break
			}
		}
	}
	cb.Text = textContent(n)
	if cb.Text != "" && !strings.HasSuffix(cb.Text, "\n") {
		cb.Text += "\n"
	}
	return cb
}

// textContent returns all the text under n, without recursion.
func textContent(n *html.Node) string {
	var sb strings.Builder
	walkHTML(n, func(m *html.Node) bool {
		if m.Type == html.TextNode {
			sb.WriteString(m.Data)
		}
		return !(m.Type == html.ElementNode && dropped[m.Data])
	})
	return sb.String()
}

// walkHTML calls f on n and the nodes under it in document order, using
// the tree's links; f returns false to skip a node's children.
func walkHTML(root *html.Node, f func(*html.Node) bool) {
	n := root
	for n != nil {
		if f(n) && n.FirstChild != nil {
			n = n.FirstChild
			continue
		}
		for n != root && n.NextSibling == nil {
			n = n.Parent
		}
		if n == root {
			return
		}
		n = n.NextSibling
	}
}

// flatten keeps the words of a subtree too deep to map.
func (h *htmlConv) flatten(n *html.Node) []doc.Block {
	s := strings.Join(strings.Fields(textContent(n)), " ")
	if s == "" {
		return nil
	}
	return []doc.Block{&doc.Para{Inlines: []doc.Inline{&doc.Text{Value: s, At: h.at}}, At: h.at}}
}

// table maps a table element; a caption becomes a paragraph before it.
func (h *htmlConv) table(n *html.Node, depth int, at doc.Pos) []doc.Block {
	var out []doc.Block
	t := &doc.Table{At: at}
	var rows []*html.Node
	var headRows = map[*html.Node]bool{}
	for _, c := range children(n) {
		if c.Type != html.ElementNode {
			continue
		}
		switch c.Data {
		case "caption":
			h.posOf(c)
			out = append(out, paragraph(h.inlines(children(c), depth), at)...)
		case "thead", "tbody", "tfoot":
			h.posOf(c)
			for _, r := range children(c) {
				if r.Type == html.ElementNode && r.Data == "tr" {
					rows = append(rows, r)
					headRows[r] = c.Data == "thead"
				}
			}
		case "tr":
			rows = append(rows, c)
		case "colgroup":
			walkHTML(c, func(m *html.Node) bool {
				if m.Type == html.ElementNode {
					h.posOf(m)
				}
				return true
			})
		}
	}
	for i, r := range rows {
		var cells []*doc.Cell
		allTH := true
		h.posOf(r)
		for _, c := range children(r) {
			if c.Type != html.ElementNode || c.Data != "td" && c.Data != "th" {
				continue
			}
			allTH = allTH && c.Data == "th"
			cell := &doc.Cell{At: h.posOf(c), Inlines: h.cellInlines(c, depth)}
			cells = append(cells, cell)
			if len(t.Rows) == 0 && len(t.Align) < len(cells) {
				t.Align = append(t.Align, cellAlign(c))
			}
		}
		if headRows[r] || i == 0 && allTH && len(cells) > 0 && len(t.Head) == 0 {
			t.Head = append(t.Head, cells)
		} else {
			t.Rows = append(t.Rows, cells)
		}
	}
	return append(out, t)
}

func cellAlign(c *html.Node) doc.Align {
	a := strings.ToLower(attr(c.Attr, "align"))
	if st := strings.ToLower(strings.ReplaceAll(attr(c.Attr, "style"), " ", "")); strings.Contains(st, "text-align:") {
		_, a, _ = strings.Cut(st, "text-align:")
		a, _, _ = strings.Cut(a, ";")
	}
	switch a {
	case "left":
		return doc.AlignLeft
	case "center":
		return doc.AlignCenter
	case "right":
		return doc.AlignRight
	}
	return doc.AlignDefault
}

// cellInlines maps a cell's content: a cell holds inlines only, so its
// paragraphs are joined by line breaks.
func (h *htmlConv) cellInlines(c *html.Node, depth int) []doc.Inline {
	var out []doc.Inline
	var run []*html.Node
	flushRun := func() {
		if len(run) > 0 {
			if ins := trimInlines(h.inlines(run, depth)); len(ins) > 0 {
				if len(out) > 0 {
					out = append(out, &doc.LineBreak{At: ins[0].Pos()})
				}
				out = append(out, ins...)
			}
			run = nil
		}
	}
	for _, n := range children(c) {
		if n.Type == html.ElementNode && (blockElements[n.Data] || blockContainers[n.Data]) {
			flushRun()
			h.posOf(n)
			run = children(n)
			flushRun()
			continue
		}
		run = append(run, n)
	}
	flushRun()
	return out
}

// inlines maps nodes onto a run of inlines.
func (h *htmlConv) inlines(nodes []*html.Node, depth int) []doc.Inline {
	b := newBuilder(h.c)
	b.collapse = true
	for _, n := range nodes {
		h.inline(n, b, depth+1)
	}
	return b.finish()
}

func (h *htmlConv) inline(n *html.Node, b *builder, depth int) {
	switch n.Type {
	case html.TextNode:
		b.text(n.Data, h.at)
		return
	case html.CommentNode:
		h.c.diags.Warnf(h.posOf(n), codeHTMLComment, "raw HTML comment dropped")
		return
	case html.ElementNode:
	default:
		return
	}
	if depth > maxDepth {
		h.c.tooDeep(h.at)
		b.text(textContent(n), h.at)
		return
	}
	at := h.posOf(n)
	name := n.Data
	switch {
	case name == "br":
		b.add(&doc.LineBreak{At: at})
		return
	case name == "img":
		b.add(htmlImage(n.Attr, at))
		return
	case name == "wbr":
		return
	case dropped[name]:
		h.c.diags.Warnf(at, codeHTMLDropped, "raw HTML <%s> dropped", name)
		return
	}
	f := &frame{tag: name, kind: wrapNone, at: at}
	if k, ok := inlineWrap[name]; ok {
		f.kind = k
		if k == wrapLink {
			f.url, f.title = attr(n.Attr, "href"), attr(n.Attr, "title")
			if f.url == "" {
				f.kind = wrapNone
			}
		}
	} else if transparent[name] || blockElements[name] || blockContainers[name] {
		if smallCaps(n.Attr) {
			f.kind = wrapSmallCaps
		}
	} else {
		h.c.diags.Warnf(at, codeHTMLDropped, "raw HTML <%s> dropped (its text is kept)", name)
	}
	b.push(f)
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		h.inline(c, b, depth+1)
	}
	b.pop(name)
}

// textOnly keeps the text of HTML the parser refused, as one paragraph.
func (h *htmlConv) textOnly(raw []byte) []doc.Block {
	var sb strings.Builder
	z := html.NewTokenizer(bytes.NewReader(raw))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		if tt == html.TextToken {
			sb.Write(z.Text())
			sb.WriteByte(' ')
		}
	}
	s := strings.Join(strings.Fields(sb.String()), " ")
	if s == "" {
		return nil
	}
	return []doc.Block{&doc.Para{Inlines: []doc.Inline{&doc.Text{Value: s, At: h.at}}, At: h.at}}
}
