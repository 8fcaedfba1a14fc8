package typeset

import (
	"fmt"
	"image"
	_ "image/jpeg" // register decoders for DecodeConfig
	_ "image/png"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/runenames"

	"github.com/pamphlet/pamphlet/builder/diag"
	"github.com/pamphlet/pamphlet/builder/doc"
	"github.com/pamphlet/pamphlet/builder/font"
	"github.com/pamphlet/pamphlet/builder/frame"
	"github.com/pamphlet/pamphlet/builder/hyphen"
	"github.com/pamphlet/pamphlet/builder/linebreak"
	"github.com/pamphlet/pamphlet/builder/style"
	"github.com/pamphlet/pamphlet/builder/units"
	"github.com/pamphlet/pamphlet/internal/inputfile"
)

const inf = linebreak.Infinity

// vel is an element of an article's vertical list: a line, a space or an
// unbreakable block (a table row, a figure), with its items relative to
// its top-left corner at the text block's left edge.
type vel struct {
	h     units.Sp
	space bool // discarded at the top and bottom of a page
	// stretch is how much a space may grow when the page is justified
	// to a flush bottom.
	stretch units.Sp
	// brk is the penalty for a page break before this element; >= inf
	// forbids one.
	brk     int
	items   []frame.Item
	anchors []frame.Anchor
	notes   []int
	outline []frame.OutlineEntry
	// block, path and off say where the element's text begins (see
	// doc.PageStart; all lines of one nested block share one path
	// slice); hasStart is false for spaces.
	block, off int
	path       []int
	hasStart   bool
	// repeat is a table's header, set again at the top of a page when
	// the table breaks before this element.
	repeat []vel
	// over marks an overfull line, reported with its page.
	over *doc.Pos
	// src is the body paragraph the line belongs to, shared by all its
	// lines, so that pagination can set it again a line longer.
	src *paraSrc
	// float, on the first element of a figure in the article's body, is
	// how many elements the figure takes (its spaces and caption
	// included): pagination may move them to the top of the next page.
	float int
}

// paraSrc is what it takes to set a body paragraph again: its inlines
// and context, the first line's indent and list marker.
type paraSrc struct {
	ins    []doc.Inline
	c      bctx
	indent units.Sp
	at     doc.Pos
	first  []frame.Item
}

// bctx is the block context: where and in what type blocks are set.
type bctx struct {
	left, width units.Sp
	size, lead  units.Sp
	face        font.Face
	block       int
	// path is the place of the block being set inside top-level block
	// block (see doc.PageStart.Path); never appended to in place.
	path   []int
	top    bool // in the article's body: block, path and offsets are meaningful
	ragged bool
	center bool
	// node is the structure element that the text set in this context
	// belongs to (see structure.go).
	node int32
}

// missing records the first position of a character no face has.
type missing struct {
	r   rune
	pos doc.Pos
}

// articleSetter lays out one article; one runs per goroutine.
type articleSetter struct {
	fonts *font.Set
	// fc is the worker's cache of shaped words in front of fonts.
	fc      *font.Cache
	style   *style.Style
	hyph    *hyphen.Cache // nil: no hyphenation
	art     *doc.Article
	index   int
	diags   diag.List
	missing []missing
	seen    map[rune]bool
	notes   map[int][]vel
	// scratch holds the item and span slices of the last paragraph, for
	// the next one to reuse: growing them afresh for every paragraph was
	// a fifth of all the bytes a build allocated. Nil while in use, so a
	// paragraph laid out inside another (a note) gets its own.
	scratch *hbuilder
	// breaker keeps the line breaker's buffers from one paragraph to
	// the next.
	breaker linebreak.Breaker
	// lineBuf is setLine's buffer for the items of a line.
	lineBuf []frame.Item
	// pts is the buffer for a word's hyphenation points.
	pts []int
	// rtl is set for an article written right to left (its language,
	// else its first strong character): lists and indents mirror.
	rtl bool
	// st is the article's logical structure.
	st *structure
	// lineNode is the node of the paragraph whose line is being set.
	lineNode int32
	// hyphenPenalty is TeX's \hyphenpenalty for the article's language.
	hyphenPenalty int
}

// checkGlyphs reports characters of text that face lacks and returns text
// without them (and without invisible format characters), so that the
// PDF never shows a .notdef box.
func (ts *articleSetter) checkGlyphs(text string, f font.Face, at doc.Pos) string {
	ok := true
	for _, r := range text {
		if !ts.fonts.HasGlyph(f, r) {
			ok = false
			break
		}
	}
	if ok {
		return text
	}
	var b strings.Builder
	for _, r := range text {
		if ts.fonts.HasGlyph(f, r) {
			b.WriteRune(r)
			continue
		}
		if isInvisible(r) {
			continue
		}
		if ts.seen == nil {
			ts.seen = map[rune]bool{}
		}
		if !ts.seen[r] {
			ts.seen[r] = true
			ts.missing = append(ts.missing, missing{r, at})
		}
	}
	return b.String()
}

func isInvisible(r rune) bool {
	switch r {
	case '\u2060', '\ufeff', '\u200b', '\u00ad', '\u200c', '\u200d':
		return true
	}
	return false
}

func glyphMsg(r rune) string {
	name := runenames.Name(r)
	if name == "" {
		name = "unnamed character"
	}
	return fmt.Sprintf("no font has the character U+%04X %s (%q); it is left out of the PDF", r, name, string(r))
}

// scriptMsg says that no font has script sc (first character r, n
// characters of it in all) and what would fix it.
func scriptMsg(sc string, r rune, n int) string {
	pkg := "fonts-noto-core"
	switch sc {
	case "Hani", "Hira", "Kana", "Hang", "Bopo":
		pkg = "fonts-noto-cjk"
	}
	more := ""
	if n > 1 {
		more = fmt.Sprintf(" and %d more of its characters", n-1)
	}
	return fmt.Sprintf("no font has the %s script (U+%04X %q%s); its text is left out of the PDF: install a font for it (on Debian, the package %s) or name one under fonts: fallback: in the manifest",
		font.ScriptName(sc), r, string(r), more, pkg)
}

func (ts *articleSetter) base(c bctx) units.Sp {
	// Centre the type's body (about 1.0 size from 0.75 above to 0.25
	// below the baseline) in the line's height.
	return (c.lead-c.size)/2 + c.size*3/4
}

// para lays out inlines as a paragraph. A justified paragraph of the
// body keeps its source on its lines, for pagination to loosen.
func (ts *articleSetter) para(ins []doc.Inline, c bctx, indent units.Sp, hyph bool, at doc.Pos) []vel {
	out, _ := ts.setPara(ins, c, indent, hyph, at, nil, 0, nil)
	if c.top && hyph && !c.ragged && !c.center {
		src := &paraSrc{ins: ins, c: c, indent: indent, at: at}
		for i := range out {
			out[i].src = src
		}
	}
	return out
}

// setPara sets a paragraph, first drawn at its first line's baseline
// (a list marker), with the given looseness (TeX's \looseness: try to
// make the paragraph that many lines longer). It also returns the line
// breaker's result. accept, when set, judges the breaks before any line
// is set: if it refuses them, setPara returns no elements.
func (ts *articleSetter) setPara(ins []doc.Inline, c bctx, indent units.Sp, hyph bool, at doc.Pos, first []frame.Item, loose int, accept func(linebreak.Result) bool) ([]vel, linebreak.Result) {
	h := &hbuilder{ts: ts, hyphenate: hyph, at: at, ragged: c.ragged || c.center, looseness: loose, accept: accept, node: c.node}
	if sc := ts.scratch; sc != nil {
		ts.scratch = nil
		h.items, h.spans = sc.items[:0], sc.spans[:0]
	}
	st := istyle{face: c.face, size: c.size}
	if indent > 0 {
		h.push(linebreak.Item{Kind: linebreak.Box, Width: indent}, span{})
	}
	h.inlines(ins, st)
	out := ts.linesToVels(h, c, at, first)
	res := h.res
	if !h.ragged && ts.hyph == nil && accept == nil && tooLoose(res) {
		// Text that is not hyphenated (the scripts of India, languages
		// without patterns) with words too long for the measure would
		// be justified with gaps wider than its words: such a paragraph
		// is set ragged right instead, as its own books set it.
		clear(h.spans)
		ts.scratch = &hbuilder{items: h.items[:0], spans: h.spans[:0]}
		rc := c
		rc.ragged = true
		return ts.setPara(ins, rc, indent, hyph, at, first, loose, nil)
	}
	// The lines copied what they need out of h: its slices may be reused.
	clear(h.spans)
	ts.scratch = &hbuilder{items: h.items[:0], spans: h.spans[:0]}
	return out, res
}

// linesToVels breaks h and turns its lines into elements, with widow and
// orphan control. first, when set, is drawn at the first line's baseline
// (a list marker).
func (ts *articleSetter) linesToVels(h *hbuilder, c bctx, at doc.Pos, first []frame.Item) []vel {
	// Every display of text (paragraph, heading, title, caption, cell)
	// takes its direction from its first strong character.
	h.rtl = h.firstStrongRTL()
	width := func(int) units.Sp { return c.width }
	lines, _ := ts.breakLines(h, width)
	base := ts.base(c)
	out := make([]vel, 0, len(lines))
	n := len(lines)
	for k, ln := range lines {
		e := vel{h: c.lead, block: c.block, path: c.path, hasStart: true}
		if c.top && ln.off >= 0 {
			e.off = ln.off
		}
		dx := c.left
		if c.center {
			dx += (c.width - ln.width) / 2
		}
		if h.rtl || hasRTL(ln.items) {
			w := c.width
			if c.center {
				w = ln.width
			}
			reorderLine(ln.items, w, h.rtl)
		}
		// The line's items are its own: move them in place.
		e.items = ln.items
		for i := range e.items {
			e.items[i].X += dx
			e.items[i].Y += base
		}
		if k == 0 {
			for _, it := range first {
				it.Y += base
				e.items = append(e.items, it)
			}
		}
		for _, a := range ln.anchors {
			e.anchors = append(e.anchors, frame.Anchor{Name: a, Y: 0})
		}
		e.notes = ln.notes
		if ln.over {
			p := at
			e.over = &p
		}
		// Widows and orphans: never break after a paragraph's first
		// line or before its last.
		if n > 1 && (k == 1 || k == n-1) {
			e.brk = inf
		}
		out = append(out, e)
	}
	return out
}

func (ts *articleSetter) space(h units.Sp, brk int) vel {
	return vel{h: h, space: true, brk: brk, stretch: h}
}

// blocks lays out a block list: the article's body when top is set, else
// a list nested in a block at c.path (a quotation's) or a note's.
func (ts *articleSetter) blocks(bs []doc.Block, c bctx, top bool) []vel {
	var out []vel
	prevPara := false
	keep := false // the previous block was a heading: keep it with what follows
	prefix := c.path
	for i, b := range bs {
		if top {
			c.block = i
			c.top = true
		} else if c.top {
			c.path = subPath(prefix, i)
		}
		els := ts.block(b, c, prevPara)
		if len(els) == 0 {
			continue
		}
		if keep {
			// Keep a heading with the first two lines after it.
			kept := 0
			for j := range els {
				els[j].brk = inf
				if !els[j].space {
					kept++
					if kept >= 2 {
						break
					}
				}
			}
		}
		_, keep = b.(*doc.Heading)
		_, prevPara = b.(*doc.Para)
		out = append(out, els...)
	}
	return out
}

// block lays out one block at c.block and c.path. prevPara says whether
// the block before was a paragraph (a paragraph is then indented).
func (ts *articleSetter) block(b doc.Block, c bctx, prevPara bool) []vel {
	if id := ts.node(b); id != 0 {
		c.node = id
	}
	switch n := b.(type) {
	case *doc.Para:
		indent := units.Sp(0)
		if prevPara {
			indent = ts.style.Indent * c.size / ts.style.FontSize
		}
		return ts.para(n.Inlines, c, indent, true, n.At)
	case *doc.Heading:
		return ts.heading(n, c)
	case *doc.List:
		return ts.spaced(ts.list(n, c, 0), c.lead/2)
	case *doc.Quote:
		qc := c
		qc.left += ts.style.Indent
		qc.width -= 2 * ts.style.Indent
		// Smaller type on the body's leading keeps the grid.
		qc.size = c.size * 9 / 10
		return ts.spaced(ts.blocks(n.Blocks, qc, false), c.lead/2)
	case *doc.CodeBlock:
		return ts.spaced(ts.code(n, c), c.lead/2)
	case *doc.Figure:
		els := ts.spaced(ts.figure(n, c), c.lead/2)
		if len(els) > 0 && c.top && c.path == nil {
			els[0].float = len(els)
		}
		return els
	case *doc.Table:
		return ts.spaced(ts.table(n, c), c.lead/2)
	case *doc.ThematicBreak:
		orn := "*\u2003*\u2003*"
		w := ts.fonts.Width(c.face, c.size, orn)
		return []vel{{h: 2 * c.lead, block: c.block, path: c.path, hasStart: true, items: []frame.Item{{
			Kind: frame.Text, X: c.left + (c.width-w)/2, Y: c.lead + ts.base(c)/2, W: w, Face: c.face, Size: c.size, Text: orn}}}}
	}
	return nil
}

// subPath returns a new path: p followed by steps.
func subPath(p []int, steps ...int) []int {
	out := make([]int, 0, len(p)+len(steps))
	out = append(out, p...)
	return append(out, steps...)
}

// spaced surrounds els with vertical space before and after.
func (ts *articleSetter) spaced(els []vel, gap units.Sp) []vel {
	if len(els) == 0 {
		return els
	}
	out := make([]vel, 0, len(els)+2)
	out = append(out, ts.space(gap, 0))
	out = append(out, els...)
	return append(out, ts.space(gap, 0))
}

func (ts *articleSetter) heading(n *doc.Heading, c bctx) []vel {
	level := max(n.Level, 2)
	size := ts.style.HeadingSize(level)
	hc := c
	hc.size = size
	hc.lead = max(size*13/10, c.lead)
	hc.face = ts.fonts.Heading(font.Bold)
	if level >= 4 {
		hc.face = ts.fonts.Heading(font.BoldItalic)
	}
	hc.ragged = true
	// Headings are set ragged and unhyphenated whatever the body does.
	h := &hbuilder{ts: ts, at: n.At, ragged: true, node: c.node}
	h.inlines(n.Inlines, istyle{face: hc.face, size: size})
	lines := ts.linesToVels(h, hc, n.At, nil)
	before := c.lead
	if level >= 3 {
		before = c.lead * 3 / 4
	}
	// The heading with its spaces takes a whole number of body lines, so
	// that the text after it stays on the page's baseline grid; most of
	// the rounding goes above, binding the heading to its text.
	after := c.lead / 3
	var body units.Sp
	for _, l := range lines {
		body += l.h
	}
	if c.lead > 0 {
		total := before + body + after
		whole := (total + c.lead - 1) / c.lead * c.lead
		extra := whole - total
		before += extra * 2 / 3
		after += extra - extra*2/3
	}
	out := []vel{ts.space(before, 0)}
	for i := range lines {
		lines[i].brk = inf
		if i == 0 {
			lines[i].brk = 0
			if n.ID != "" {
				lines[i].anchors = append(lines[i].anchors, frame.Anchor{Name: anchorName(ts.art.ID, n.ID)})
			}
			lines[i].outline = append(lines[i].outline, frame.OutlineEntry{Title: strings.TrimSpace(doc.PlainText(n.Inlines)), Level: level - 1})
		}
	}
	out = append(out, lines...)
	out = append(out, vel{h: after, space: true, brk: inf, stretch: after})
	return out
}

func (ts *articleSetter) list(l *doc.List, c bctx, depth int) []vel {
	indent := c.size * 18 / 10
	if l.Ordered {
		indent = c.size * 22 / 10
	}
	lc := c
	if !ts.rtl {
		lc.left += indent
	}
	lc.width -= indent
	var out []vel
	num := l.Start
	if num == 0 && l.Ordered {
		num = 1
	}
	for i, it := range l.Items {
		marker := "•"
		if depth%2 == 1 {
			marker = "–"
		}
		if l.Ordered {
			marker = strconv.Itoa(num) + "."
			num++
		}
		if it.Task != nil {
			marker = "☐"
			if *it.Task {
				marker = "☒"
			}
			if !ts.fonts.HasGlyph(c.face, []rune(marker)[0]) {
				marker = "[ ]"
				if *it.Task {
					marker = "[x]"
				}
			}
		}
		mw := ts.fonts.Width(c.face, c.size, marker)
		mx := lc.left - mw - c.size/2
		if ts.rtl {
			// A right-to-left list hangs its markers in the right margin
			// of its items.
			mx = lc.left + lc.width + c.size/2
		}
		mk := []frame.Item{{Kind: frame.Text, X: mx, W: mw, Face: c.face, Size: c.size, Text: marker, Node: ts.st.lbl[it]}}
		var els []vel
		for j, b := range it.Blocks {
			var bel []vel
			bc := lc
			if c.top {
				bc.path = subPath(c.path, i, j)
			}
			bc.node = ts.node(b)
			switch n := b.(type) {
			case *doc.Para:
				var first []frame.Item
				if j == 0 {
					first = mk
				}
				bc.ragged = ts.style.Ragged
				bel, _ = ts.setPara(n.Inlines, bc, 0, true, n.At, first, 0, nil)
				if bc.top && !bc.ragged {
					src := &paraSrc{ins: n.Inlines, c: bc, at: n.At, first: first}
					for k := range bel {
						bel[k].src = src
					}
				}
				if j > 0 {
					bel = append([]vel{ts.space(c.lead/3, 0)}, bel...)
				}
			case *doc.List:
				bel = ts.list(n, bc, depth+1)
			default:
				bel = ts.block(b, bc, false)
				if j == 0 && len(bel) > 0 {
					// A marker before a non-paragraph: put it on the
					// first element that has text.
					for k := range bel {
						if !bel[k].space {
							for _, m := range mk {
								m.Y += ts.base(lc)
								bel[k].items = append(bel[k].items, m)
							}
							break
						}
					}
				}
			}
			els = append(els, bel...)
		}
		if !l.Tight && i > 0 {
			out = append(out, ts.space(c.lead/3, 0))
		}
		out = append(out, els...)
	}
	return out
}

// code lays out a code block line by line in the monospace face; a line
// too long for the measure continues on the next, marked with ↪.
func (ts *articleSetter) code(n *doc.CodeBlock, c bctx) []vel {
	size := c.size * 85 / 100
	lead := max(c.lead*85/100, size*115/100)
	cw := ts.fonts.Width(font.Mono, size, "0")
	left := c.left + c.size
	width := c.width - c.size
	cpl := int(width / max(cw, 1))
	if cpl < 8 {
		cpl = 8
	}
	cc := bctx{size: size, lead: lead}
	base := ts.base(cc)
	text := strings.TrimRight(n.Text, "\n")
	var out []vel
	for li, line := range strings.Split(text, "\n") {
		line = strings.ReplaceAll(line, "\t", "    ")
		at := n.At
		at.Line += li + 1
		line = ts.checkGlyphs(line, font.Mono, at)
		runes := []rune(line)
		first := true
		for first || len(runes) > 0 {
			limit := cpl
			prefix := ""
			if !first {
				prefix = "↪ "
				limit = cpl - 2
			}
			take := min(len(runes), limit)
			// Prefer to break after a space in the last third of the
			// line, so that words stay whole.
			if take < len(runes) {
				for k := take; k > limit*2/3; k-- {
					if runes[k-1] == ' ' {
						take = k
						break
					}
				}
			}
			s := string(runes[:take])
			runes = runes[take:]
			e := vel{h: lead, block: c.block, path: c.path, hasStart: true, brk: 0}
			x := left
			if prefix != "" {
				e.items = append(e.items, frame.Item{Kind: frame.Text, X: x, Y: base, Face: font.Mono, Size: size, Text: "↪"})
				x += 2 * cw
			}
			if strings.TrimSpace(s) != "" {
				e.items = append(e.items, frame.Item{Kind: frame.Text, X: x + cw*units.Sp(leadingSpaces(s)), Y: base, W: cw * units.Sp(utf8.RuneCountInString(s)), Face: font.Mono, Size: size, Text: strings.TrimLeft(s, " "), Node: c.node})
			}
			out = append(out, e)
			first = false
		}
	}
	if k := len(out); k > 1 {
		out[1].brk = inf
		out[k-1].brk = inf
	}
	return out
}

func leadingSpaces(s string) int { return len(s) - len(strings.TrimLeft(s, " ")) }

// figure lays out an image scaled into the text block, with its caption.
func (ts *articleSetter) figure(f *doc.Figure, c bctx) []vel {
	var out []vel
	img := f.Image
	ok := false
	if img != nil && img.Path != "" {
		w, h, err := imageSize(img.Path)
		if err != nil {
			ts.diags.Warnf(img.At, "T003", "image %s: %v; printing its description instead", img.Src, err)
		} else {
			// Natural size at 150 dpi, never wider than the measure nor
			// taller than 60% of the text block.
			iw := units.Sp(int64(w) * int64(units.In) / 150)
			ih := units.Sp(int64(h) * int64(units.In) / 150)
			if iw > c.width {
				ih = units.Sp(int64(ih) * int64(c.width) / int64(iw))
				iw = c.width
			}
			if maxH := ts.style.TextHeight() * 6 / 10; ih > maxH {
				iw = units.Sp(int64(iw) * int64(maxH) / int64(ih))
				ih = maxH
			}
			out = append(out, vel{h: ih, block: c.block, path: c.path, hasStart: true, items: []frame.Item{{
				Kind: frame.Image, X: c.left + (c.width-iw)/2, Y: 0, W: iw, H: ih, Path: img.Path, Node: c.node}}})
			ok = true
		}
	}
	// An image without a Path (remote, missing, unreadable or too
	// large) has been reported once by the transform stage, for both
	// outputs; its description is printed here without another word.
	cc := c
	cc.size = c.size * 9 / 10
	cc.lead = c.lead * 9 / 10
	cc.face = font.Italic
	cc.center = true
	cc.ragged = true
	caption := f.Caption
	if !ok && img != nil {
		alt := img.Alt
		if alt == "" {
			alt = img.Src
		}
		caption = []doc.Inline{&doc.Text{Value: "[" + alt + "]", At: img.At}}
		if len(f.Caption) > 0 && strings.TrimSpace(doc.PlainText(f.Caption)) != strings.TrimSpace(alt) {
			caption = append(caption, &doc.Text{Value: " "})
			caption = append(caption, f.Caption...)
		}
	}
	if len(caption) > 0 {
		// The caption, or the description printed for a missing picture.
		node := ts.node(&f.Caption)
		if !ok || node == 0 {
			node = c.node
		}
		h := &hbuilder{ts: ts, at: f.At, ragged: true, node: node}
		h.inlines(caption, istyle{face: cc.face, size: cc.size})
		lines := ts.linesToVels(h, cc, f.At, nil)
		if ok {
			out = append(out, vel{h: c.lead / 3, brk: inf, space: true})
		}
		for i := range lines {
			if ok || i > 0 {
				lines[i].brk = inf
			}
		}
		out = append(out, lines...)
	}
	return out
}

// maxImagePixels bounds the images the print edition takes: 50
// megapixels is a full page at well over 600 dpi.
const maxImagePixels = 50_000_000

func imageSize(path string) (int, int, error) {
	f, _, err := inputfile.Open(path)
	if err != nil {
		return 0, 0, err
	}
	defer f.Close()
	cfg, format, err := image.DecodeConfig(f)
	if err != nil {
		return 0, 0, fmt.Errorf("not a PNG or JPEG image (%w)", err)
	}
	if format != "png" && format != "jpeg" {
		return 0, 0, fmt.Errorf("%s images are not supported (use PNG or JPEG)", format)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return 0, 0, fmt.Errorf("empty image")
	}
	// The PDF writer decodes the whole image: refuse from the header
	// what would need gigabytes.
	if int64(cfg.Width)*int64(cfg.Height) > maxImagePixels {
		return 0, 0, fmt.Errorf("is %d × %d pixels, more than the %d-megapixel limit (scale it down)", cfg.Width, cfg.Height, maxImagePixels/1_000_000)
	}
	return cfg.Width, cfg.Height, nil
}
