// Package typeset lays a book out into finished pages: paragraphs broken
// into lines by Knuth and Plass's algorithm (builder/linebreak) with
// hyphenation, pages filled with widow, orphan and heading control,
// footnotes at the foot of the page that cites them, running heads,
// folios, and the front matter the book holds (doc.Book.Front, made by
// builder/front) with the contents' page numbers. It prints no words of
// its own: those on the front pages are the parts', and an article's
// byline joins its authors by layouts' rule for its language.
//
// All lengths are integer scaled points, and articles are laid out in
// parallel but assembled in order, so the same book always gives the same
// pages.
package typeset

import (
	"context"
	"fmt"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/pamphlet/pamphlet/builder/diag"
	"github.com/pamphlet/pamphlet/builder/doc"
	"github.com/pamphlet/pamphlet/builder/font"
	"github.com/pamphlet/pamphlet/builder/frame"
	"github.com/pamphlet/pamphlet/builder/hyphen"
	"github.com/pamphlet/pamphlet/builder/style"
	"github.com/pamphlet/pamphlet/builder/units"
	"github.com/pamphlet/pamphlet/layouts"
)

// Options are the inputs of Typeset besides the book.
type Options struct {
	Style *style.Style
	Fonts *font.Set
	// rtl is set for a book written right to left: bound on the right.
	rtl bool
}

// bodyPage is a page of an article before assembly: items relative to the
// text block's top-left corner.
type bodyPage struct {
	items   []frame.Item
	anchors []frame.Anchor
	outline []frame.OutlineEntry
	start   doc.PageStart
	over    []doc.Pos
	opening bool
	// blank is a page left empty so that the next article opens on a
	// recto: no running head, no folio.
	blank bool
}

type laidArticle struct {
	st      *structure
	pages   []bodyPage
	diags   diag.List
	missing []missing
}

// Typeset lays out the book into finished pages. Problems (overfull lines,
// missing glyphs, broken images) are reported into diags with the
// article's file and line, and the page.
func Typeset(ctx context.Context, b *doc.Book, opts Options, diags *diag.List) (*frame.Document, error) {
	if opts.Style == nil || opts.Fonts == nil {
		return nil, fmt.Errorf("typeset: Options.Style and Options.Fonts are required")
	}
	hys := hyphenators(b, opts.Style.Hyphenate, diags)
	laid := make([]*laidArticle, len(b.Articles))
	// Articles are independent until pages get numbers: lay them out in
	// parallel, each into its own slot and its own diagnostics.
	workers := min(runtime.GOMAXPROCS(0), max(len(b.Articles), 1))
	next := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var prev *articleSetter
			// One cache of hyphenated words per worker and language: no
			// lock per word.
			caches := map[*hyphen.Hyphenator]*hyphen.Cache{}
			// And one of shaped words: a map without locks.
			fc := opts.Fonts.NewCache()
			for i := range next {
				hc, ok := caches[hys[i]]
				if !ok {
					hc = hys[i].NewCache()
					caches[hys[i]] = hc
				}
				ts := &articleSetter{fonts: opts.Fonts, fc: fc, style: opts.Style, hyph: hc, art: b.Articles[i], index: i, hyphenPenalty: hyphenPenaltyFor(hys[i])}
				if prev != nil {
					// The buffers grown for the last article serve the next.
					ts.scratch, ts.breaker, ts.lineBuf, ts.pts = prev.scratch, prev.breaker, prev.lineBuf, prev.pts
				}
				laid[i] = ts.layout(b)
				prev = ts
			}
		}()
	}
	// The longest articles first, so that no core is left alone with a
	// long one at the end. Each article goes to its own slot, so the
	// order of the work does not change the pages.
	for _, i := range longestFirst(b.Articles) {
		if ctx.Err() != nil {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	opts.rtl = IsRTLLang(b.Meta.Lang)
	return assemble(b, opts, laid, diags), nil
}

// hyphenators returns the Hyphenator of each article, in the article's
// language (its front matter's lang), else the book's, else English.
// Articles whose languages share patterns (de and de-CH) share one
// Hyphenator, which has the book's exceptions; an article with
// exceptions of its own has its own. A language without
// patterns gets nil, so its words are not hyphenated, and one warning
// (T005), at the first article that asks for it or, for the book's
// language, at no position.
func hyphenators(b *doc.Book, mode string, diags *diag.List) []*hyphen.Hyphenator {
	bookLang := b.Meta.Lang
	if bookLang == "" {
		bookLang = "en"
	}
	byTag := map[string]*hyphen.Hyphenator{}      // as written; nil: no patterns
	byPatterns := map[string]*hyphen.Hyphenator{} // by pattern file
	out := make([]*hyphen.Hyphenator, len(b.Articles))
	for i, a := range b.Articles {
		lang, pos := bookLang, doc.Pos{}
		if a.Meta.Lang != "" {
			lang, pos = a.Meta.Lang, a.At
		}
		hy, seen := byTag[lang]
		if !seen {
			var err error
			hy, err = hyphen.New(lang)
			switch {
			case mode == "none":
				hy, err = nil, nil
			case mode != "all" && err == nil && indic(hy.Language()):
				// Books in the scripts of India are set without
				// hyphens (pdf: {hyphenate: all} asks for them): a
				// broken word reads badly there, and OCR reads the
				// pieces as two non-words.
				hy = nil
			}
			if hy == nil && err == nil {
				// Not hyphenated by choice: no warning.
			} else if err != nil {
				if !unhyphenated(lang) {
					diags.Warnf(pos, "T005", "no hyphenation patterns for language %q: words will not be hyphenated", lang)
				}
				hy = nil
			} else if shared, ok := byPatterns[hy.Language()]; ok {
				hy = shared
			} else {
				byPatterns[hy.Language()] = hy
				if len(b.Meta.Hyphenate) > 0 {
					hy.AddExceptions(b.Meta.Hyphenate)
				}
			}
			byTag[lang] = hy
		}
		if hy != nil && len(a.Meta.Hyphenate) > 0 {
			// The article's own words (front matter hyphenate) are
			// for it alone: a Hyphenator of its own, on the same
			// parsed patterns.
			if own, err := hyphen.New(lang); err == nil {
				own.AddExceptions(b.Meta.Hyphenate)
				own.AddExceptions(a.Meta.Hyphenate)
				hy = own
			}
		}
		out[i] = hy
	}
	return out
}

// longestFirst returns the indices of arts from the longest (in bytes of
// text) to the shortest, in order among equals.
func longestFirst(arts []*doc.Article) []int {
	size := make([]int, len(arts))
	order := make([]int, len(arts))
	for i, a := range arts {
		order[i] = i
		f := func(n doc.Node) bool {
			switch n := n.(type) {
			case *doc.Text:
				size[i] += len(n.Value)
			case *doc.Code:
				size[i] += len(n.Value)
			case *doc.CodeBlock:
				size[i] += len(n.Text)
			}
			return true
		}
		doc.InspectBlocks(a.Blocks, f)
		for _, n := range a.Notes {
			doc.Inspect(n, f)
		}
	}
	slices.SortStableFunc(order, func(x, y int) int { return size[y] - size[x] })
	return order
}

// layout sets one article: its opening (title, subtitle, byline), its
// blocks and its notes, and paginates them.
func (ts *articleSetter) layout(b *doc.Book) *laidArticle {
	s := ts.style
	c := bctx{width: s.TextWidth(), size: s.FontSize, lead: ts.articleLeading(), face: font.Regular, ragged: s.Ragged}
	ts.rtl = articleRTL(ts.art, b.Meta.Lang)
	ts.buildStructure(b)
	// Notes first: pagination needs their heights.
	ts.notes = map[int][]vel{}
	nc := c
	nc.size = s.FontSize * 82 / 100
	nc.lead = c.lead * 82 / 100
	for ni, n := range ts.art.Notes {
		num := noteNumber(ni, n)
		var els []vel
		for j, blk := range n.Blocks {
			var bel []vel
			if p, ok := blk.(*doc.Para); ok && j == 0 {
				ins := append([]doc.Inline{&doc.Text{Value: strconv.Itoa(num) + ".\u00a0", At: n.At}}, p.Inlines...)
				pc := nc
				pc.node = ts.node(p)
				bel = ts.para(ins, pc, 0, true, p.At)
			} else {
				bel = ts.blocks([]doc.Block{blk}, nc, false)
			}
			els = append(els, bel...)
		}
		if len(els) == 0 {
			els = ts.para([]doc.Inline{&doc.Text{Value: strconv.Itoa(num) + "."}}, nc, 0, false, n.At)
		}
		for i := range els {
			els[i].anchors = nil
		}
		els[0].anchors = []frame.Anchor{{Name: noteAnchor(ts.art.ID, num)}}
		ts.notes[num] = els
	}
	var els []vel
	els = append(els, ts.opening(b, c)...)
	els = append(els, ts.blocks(ts.art.Blocks, c, true)...)
	la := &laidArticle{st: ts.st}
	la.pages = ts.paginate(els)
	if len(la.pages) == 0 {
		la.pages = []bodyPage{{}}
	}
	la.pages[0].opening = true
	la.pages[0].start = doc.PageStart{Article: ts.index, Opening: true}
	la.pages[0].anchors = append([]frame.Anchor{{Name: anchorName(ts.art.ID, "")}}, la.pages[0].anchors...)
	la.diags = ts.diags
	la.missing = ts.missing
	return la
}

// opening is an article's title block, sunk a sixth of the page.
func (ts *articleSetter) opening(b *doc.Book, c bctx) []vel {
	s := ts.style
	m := ts.art.Meta
	title := m.Title
	if title == "" {
		title = ts.art.ID
	}
	out := []vel{{h: s.TextHeight() / 8, brk: inf}}
	tc := c
	tc.size = s.Title
	tc.lead = s.Title * 12 / 10
	tc.face = ts.fonts.Heading(font.Regular)
	tc.center = true
	tc.ragged = true
	set := func(text string, k bctx, gap units.Sp, node int32) {
		h := &hbuilder{ts: ts, at: ts.art.At, ragged: true, node: node}
		h.inlines([]doc.Inline{&doc.Text{Value: text, At: ts.art.At}}, istyle{face: k.face, size: k.size})
		lines := ts.linesToVels(h, ts.balance(h, k), ts.art.At, nil)
		for i := range lines {
			lines[i].brk = inf
			lines[i].off = 0
			lines[i].block = 0
		}
		if gap > 0 {
			out = append(out, vel{h: gap, brk: inf})
		}
		out = append(out, lines...)
	}
	// A long title steps down in size until it takes at most three lines.
	for tc.size > s.H2 {
		h := &hbuilder{ts: ts, at: ts.art.At, ragged: true}
		h.inlines([]doc.Inline{&doc.Text{Value: title, At: ts.art.At}}, istyle{face: tc.face, size: tc.size})
		if lines, _ := ts.breakLines(h, func(int) units.Sp { return tc.width }); len(lines) <= 3 {
			break
		}
		tc.size = tc.size * 9 / 10
		tc.lead = tc.size * 12 / 10
	}
	set(title, tc, 0, ts.st.title)
	// A title made only of characters no font has sets no line; the
	// outline entry then rides on an empty element of its own.
	if len(out) == 1 {
		out = append(out, vel{brk: inf})
	}
	out[1].outline = []frame.OutlineEntry{{Title: title, Level: 0}}
	if m.Subtitle != "" {
		sc := c
		sc.size = s.H2
		sc.lead = s.H2 * 13 / 10
		sc.face = font.Italic
		sc.center = true
		set(m.Subtitle, sc, c.lead/3, ts.st.sub)
	}
	var by []string
	// A byline that repeats the book's authors says nothing.
	if len(m.Authors) > 0 && !slices.Equal(m.Authors, b.Meta.Authors) {
		lang := m.Lang
		if lang == "" {
			lang = b.Meta.Lang
		}
		by = append(by, layouts.WordsFor(lang).Names(m.Authors))
	}
	if m.Date != "" {
		by = append(by, m.Date)
	}
	if len(by) > 0 {
		bc := c
		bc.center = true
		bc.face = font.Regular
		set(strings.Join(by, " · "), bc, c.lead, ts.st.byline)
	}
	if m.Source != "" {
		bc := c
		bc.center = true
		bc.size = c.size * 8 / 10
		bc.lead = c.lead * 8 / 10
		bc.face = font.Italic
		set(m.Source, bc, 0, ts.st.source)
	}
	out = append(out, vel{h: 2 * c.lead, brk: inf})
	// The sink rounds the opening down to whole lines, so that the text
	// under it stands on the same baselines as on every other page.
	if c.lead > 0 {
		var total units.Sp
		for _, e := range out {
			total += e.h
		}
		out[0].h -= min(total%c.lead, out[0].h)
	}
	return out
}

func (ts *articleSetter) place(p *bodyPage, e vel, y units.Sp) {
	for _, it := range e.items {
		it.Y += y
		p.items = append(p.items, it)
	}
	for _, a := range e.anchors {
		a.Y += y
		p.anchors = append(p.anchors, a)
	}
	for _, o := range e.outline {
		o.Y = y
		p.outline = append(p.outline, o)
	}
	if e.over != nil {
		p.over = append(p.over, *e.over)
	}
}

// assemble numbers the pages, adds the front matter, running heads and
// folios, mirrors the margins and resolves the outline.
func assemble(b *doc.Book, opts Options, laid []*laidArticle, diags *diag.List) *frame.Document {
	s := opts.Style
	d := &frame.Document{Meta: b.Meta, RTL: opts.rtl}
	// Missing characters: once per character for the whole book, at its
	// first position in reading order.
	// A script no face has is one warning, at its first character,
	// saying what would fix it; other characters (symbols) one each.
	seen := map[rune]bool{}
	type lack struct {
		first missing
		n     int
	}
	scripts := map[string]*lack{}
	var order []string
	for _, la := range laid {
		if la == nil {
			continue
		}
		for _, m := range la.missing {
			if seen[m.r] {
				continue
			}
			seen[m.r] = true
			sc := font.ScriptOf(m.r)
			if sc == "Zyyy" || sc == "Zinh" || sc == "Zzzz" {
				diags.Warnf(m.pos, "T002", "%s", glyphMsg(m.r))
				continue
			}
			if l := scripts[sc]; l != nil {
				l.n++
				continue
			}
			scripts[sc] = &lack{first: m, n: 1}
			order = append(order, sc)
		}
	}
	for _, sc := range order {
		l := scripts[sc]
		diags.Warnf(l.first.pos, "T002", "%s", scriptMsg(sc, l.first.r, l.n))
	}
	// Body page numbers: the first body page is 1. page gives each
	// article's first page, for the contents.
	page := map[string]string{}
	texts := 0
	n := 0
	for i, la := range laid {
		if la == nil {
			continue
		}
		if s.RectoOpenings && n%2 == 1 {
			// Body page n+1 is even, a verso: leave it blank.
			// Its marker goes with the opening page's, before the title.
			la.pages = append([]bodyPage{{blank: true, start: doc.PageStart{Opening: true}}}, la.pages...)
			n++
		}
		if id := b.Articles[i].ID; page[id] == "" {
			page[id] = strconv.Itoa(n + 1)
		}
		texts++
		n += len(la.pages)
		if s.RectoOpenings && la.pages[0].blank {
			n--
		}
	}
	fs := &frontSetter{ts: &articleSetter{fonts: opts.Fonts, fc: opts.Fonts.NewCache(), style: s, index: -1, art: &doc.Article{}}}
	fs.ts.st = &structure{nodes: make([]frame.Node, 1, 16), of: map[any]int32{}}
	// A pamphlet is printed and folded by its readers: every page of
	// front matter costs paper. The half-title is for books (over
	// halfTitleFrom body pages), the contents for more than one article.
	var front []bodyPage
	if p := frontPart(b, doc.PartHalfTitle); p != nil && n > halfTitleFrom {
		front = fs.halfTitle(p)
	}
	if p := frontPart(b, doc.PartTitle); p != nil {
		front = append(front, fs.titlePage(p))
	}
	if p := frontPart(b, doc.PartColophon); p != nil {
		front = append(front, fs.colophon(p))
	}
	if p := frontPart(b, doc.PartContents); p != nil && texts > 1 {
		front = append(front, fs.contents(p, page)...)
	}
	if len(front)%2 == 1 {
		front = append(front, bodyPage{opening: true, blank: true})
	}
	d.Nodes = []frame.Node{{Role: "Document", Parent: -1, Lang: b.Meta.Lang}}
	base := mergeNodes(d, fs.ts.st)
	for i, fp := range front {
		label := roman(i + 1)
		pg := finish(fp, len(d.Pages), label, "", "", true, opts)
		renumber(pg, base)
		if fp.blank {
			pg.Label = ""
		}
		d.Pages = append(d.Pages, pg)
		d.PageStarts = append(d.PageStarts, doc.PageStart{Label: label, Article: -1})
		for _, o := range fp.outline {
			d.Outline = append(d.Outline, frame.OutlineEntry{Title: o.Title, Level: o.Level, Page: len(d.Pages) - 1, Y: o.Y + s.Top})
		}
	}
	num := 0
	for i, la := range laid {
		if la == nil {
			continue
		}
		a := b.Articles[i]
		title := a.Meta.Title
		if title == "" {
			title = a.ID
		}
		base := mergeNodes(d, la.st)
		for _, bp := range la.pages {
			num++
			label := strconv.Itoa(num)
			idx := len(d.Pages)
			pg := finish(bp, idx, label, b.Meta.Title, title, bp.opening, opts)
			renumber(pg, base)
			if bp.blank {
				pg = &frame.Page{W: s.PageWidth, H: s.PageHeight, Label: label}
			}
			d.Pages = append(d.Pages, pg)
			st := bp.start
			st.Label = label
			st.Article = i
			d.PageStarts = append(d.PageStarts, st)
			for _, o := range bp.outline {
				d.Outline = append(d.Outline, frame.OutlineEntry{Title: o.Title, Level: o.Level, Page: idx, Y: o.Y + s.Top})
			}
			for _, pos := range bp.over {
				diags.Warnf(pos, "T001", "a line sticks out into the margin on page %s (overfull line): rephrase, or allow a hyphenation point", label)
			}
		}
		diags.Merge(&la.diags)
	}
	return d
}

// finish turns a body page into a page: margins mirrored (even physical
// pages are rectos), running head (book title on versos, article title on
// rectos, none on opening pages) and folio (in the head's outer corner, or
// centred at the foot of an opening page; none in the front matter).
// halfTitleFrom is the number of body pages above which a book opens
// with a half-title: below it, the book is a pamphlet.
const halfTitleFrom = 32

func finish(bp bodyPage, idx int, label, bookTitle, artTitle string, opening bool, opts Options) *frame.Page {
	s := opts.Style
	fs := opts.Fonts
	recto := idx%2 == 0
	// A book bound on the left has its spine left of a recto; one read
	// right to left is bound on the right, and its pages mirror.
	spineLeft := recto != opts.rtl
	left := s.Inner
	if !spineLeft {
		left = s.Outer
	}
	// Sized exactly: a book's pages hold all its words until written, and
	// slices grown by appending would carry up to twice that.
	pg := &frame.Page{W: s.PageWidth, H: s.PageHeight, Label: label}
	var headArr [2]frame.Item
	pg.Items = headArr[:0] // the head and folio, put before the body below
	size := s.FontSize * 9 / 10
	headY := s.Top - s.Leading*3/2
	front := bookTitle == "" && artTitle == ""
	switch {
	case front:
	case opening:
		w := fs.Width(font.Regular, size, label)
		pg.Items = append(pg.Items, frame.Item{Kind: frame.Text, X: left + (s.TextWidth()-w)/2, Y: s.PageHeight - s.Bottom + s.Leading*2, W: w, Face: font.Regular, Size: size, Text: label})
	default:
		head := bookTitle
		if recto || head == "" {
			head = artTitle
		}
		head = fitText(fs, font.Italic, size, head, s.TextWidth()*7/10)
		items, w := runItems(fs, font.Italic, size, head)
		for _, it := range items {
			it.X += left + (s.TextWidth()-w)/2
			it.Y = headY
			pg.Items = append(pg.Items, it)
		}
		fw := fs.Width(font.Regular, size, label)
		fx := left
		if spineLeft {
			fx = left + s.TextWidth() - fw
		}
		pg.Items = append(pg.Items, frame.Item{Kind: frame.Text, X: fx, Y: headY, W: fw, Face: font.Regular, Size: size, Text: label})
	}
	head := pg.Items
	k, n := len(head), len(bp.items)
	if cap(bp.items) >= n+k {
		// fill left room for them: the body's items move up in place
		// rather than into a copy of the page.
		pg.Items = bp.items[:n+k]
		copy(pg.Items[k:], pg.Items[:n])
	} else {
		pg.Items = make([]frame.Item, n+k)
		copy(pg.Items[k:], bp.items)
	}
	copy(pg.Items, head)
	for i := k; i < n+k; i++ {
		pg.Items[i].X += left
		pg.Items[i].Y += s.Top
	}
	for _, a := range bp.anchors {
		a.Y += s.Top
		pg.Anchors = append(pg.Anchors, a)
	}
	return pg
}

// fitText shortens text with an ellipsis until it fits in w.
func fitText(fs *font.Set, f font.Face, size units.Sp, text string, w units.Sp) string {
	if _, tw := runItems(fs, f, size, text); tw <= w {
		return text
	}
	words := strings.Fields(text)
	for len(words) > 1 {
		words = words[:len(words)-1]
		t := strings.TrimRight(strings.Join(words, " "), ",;:.") + "…"
		if _, tw := runItems(fs, f, size, t); tw <= w {
			return t
		}
	}
	return text
}

// roman returns n in lower-case Roman numerals, for front matter folios.
func roman(n int) string {
	vals := []int{1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1}
	syms := []string{"m", "cm", "d", "cd", "c", "xc", "l", "xl", "x", "ix", "v", "iv", "i"}
	var b strings.Builder
	for i, v := range vals {
		for n >= v {
			b.WriteString(syms[i])
			n -= v
		}
	}
	return b.String()
}
