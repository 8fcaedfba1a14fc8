package epub

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode"

	"github.com/pamphlet/pamphlet/builder/diag"
	"github.com/pamphlet/pamphlet/builder/doc"
	"github.com/pamphlet/pamphlet/layouts"
)

// pub is one publication being written: the book, the plan of its files
// and what rendering collects (images).
type pub struct {
	b          *doc.Book
	opts       Options
	diags      *diag.List
	words      layouts.Words // the book's language's, for navigation
	lang       string
	dir        direction // of the book's language: the front matter's and the spine's
	title      string
	identifier string
	modified   time.Time

	arts   []*art
	byID   map[string]*art // article id → article, for internal links
	images []*picture
	cover  *picture            // nil when Options.NoCover
	fonts  []*picture          // embedded fonts, one per entry of faces
	imgBy  map[string]*picture // image path → image, to embed each once

	// The front matter's parts the EPUB shows (see frontParts).
	titlePart, contentsPart, colophonPart *doc.Article

	frontMarks []*pageMark // page markers on the title page
	frontIDs   *idSet      // ids used on the title page
	pageList   []*pageMark // every marker, in reading order
}

// art is the plan of one article's file.
type art struct {
	a      *doc.Article
	index  int
	spine  int    // position in the spine
	file   string // relative to OEBPS, e.g. "text/history.xhtml"
	itemID string
	lang   string
	// dir is the article's direction: its language's, or, for an
	// article that names no language, right to left when its first
	// paragraph is.
	dir   direction
	title string
	// skipFirst is set when the title came from the article's first
	// heading, which is then not rendered again.
	skipFirst bool

	ids      *idSet
	heads    map[*doc.Heading]headInfo
	headByID map[string]string // model heading id → XHTML id
	sections []section         // top-level headings at level 2, for the contents
	notes    map[int]*doc.Note // Note.N → note
	refd     map[int]bool      // notes that have at least one reference

	before  map[int][]*pageMark // page markers before top-level block i
	inPara  map[int][]*pageMark // page markers inside paragraph i, by offset
	atEnd   []*pageMark         // page markers after the last block
	opening []*pageMark         // page markers before the article's title

	// Page markers at places nested in top-level blocks (a list item, a
	// block in a quotation, a table row): by the node they go before or
	// in, and by top-level block, so that any the rendering of a block
	// did not reach are still written after it.
	beforeNode map[doc.Block][]*pageMark
	inNode     map[*doc.Para][]*pageMark // by offset
	beforeItem map[*doc.ListItem][]*pageMark
	beforeRow  map[tableRow][]*pageMark
	nested     map[int][]*pageMark
}

// tableRow is a row of a table, counting the head rows first.
type tableRow struct {
	t   *doc.Table
	row int
}

type headInfo struct {
	level int    // rendered level, 2..6
	id    string // XHTML id, may be empty
}

type section struct {
	id, text string
	block    int // index of the heading among the article's blocks
}

// pageMark is one print page start placed in the text.
type pageMark struct {
	label  string
	id     string
	file   string // relative to OEBPS
	offset int
	key    orderKey
	// written is set once the marker is in the text: a marker is
	// written exactly once, even if its node were reached twice.
	written bool
}

// orderKey orders navigation targets in reading order, for the NCX's
// playOrder. path is a place nested in the block (doc.PageStart.Path):
// paths compare in reading order as slices do, a prefix first.
type orderKey struct {
	spine, block, offset, kind int
	path                       []int
}

func (k orderKey) less(o orderKey) bool {
	if k.spine != o.spine {
		return k.spine < o.spine
	}
	if k.block != o.block {
		return k.block < o.block
	}
	if c := slices.Compare(k.path, o.path); c != 0 {
		return c < 0
	}
	if k.offset != o.offset {
		return k.offset < o.offset
	}
	return k.kind < o.kind
}

// newPub plans the publication: languages, ids and file names, headings
// and page markers. Rendering comes after, so that any file can link to
// any other.
func newPub(b *doc.Book, opts Options, diags *diag.List) (*pub, error) {
	p := &pub{
		b:        b,
		opts:     opts,
		diags:    diags,
		byID:     make(map[string]*art),
		imgBy:    make(map[string]*picture),
		frontIDs: newIDSet("title", "subtitle"),
		modified: opts.Modified.UTC(),
	}
	if opts.Modified.IsZero() {
		p.modified = zipEpoch
	}
	p.lang = "en"
	if l := b.Meta.Lang; l != "" {
		if validLang(l) {
			p.lang = l
		} else {
			diags.Warnf(diag.Pos{}, CodeLang, "language %q is not a BCP 47 tag; using \"en\"", l)
		}
	}
	p.words = layouts.WordsFor(p.lang)
	if err := p.frontParts(); err != nil {
		return nil, err
	}
	p.dir = langDir(p.lang)
	p.title = clean(b.Meta.Title)
	if p.title == "" {
		p.title = "Untitled"
		diags.Warnf(diag.Pos{}, CodeTitle, "the book has no title; the EPUB calls it %q", p.title)
	}
	p.identifier = clean(opts.Identifier)
	if p.identifier == "" {
		p.identifier = clean(b.Meta.Identifier)
	}
	if p.identifier == "" {
		p.identifier = deriveIdentifier(b.Meta)
	}

	files := newIDSet()
	for i, a := range b.Articles {
		if a == nil {
			continue
		}
		stem := fileName(a.ID)
		if stem == "" {
			stem = fmt.Sprintf("article-%d", i+1)
		}
		r := &art{
			a:      a,
			index:  i,
			spine:  len(p.arts) + 2, // after the title and contents pages
			file:   "text/" + files.take(stem) + ".xhtml",
			itemID: fmt.Sprintf("article-%d", i+1),
			lang:   p.lang,
			dir:    p.dir,
		}
		ownLang := false
		if l := a.Meta.Lang; l != "" {
			if validLang(l) {
				r.lang, r.dir, ownLang = l, langDir(l), true
			} else {
				diags.Warnf(a.At, CodeLang, "language %q is not a BCP 47 tag; using %q", l, p.lang)
			}
		}
		p.planArticle(r, i)
		if !ownLang && r.dir != dirRTL {
			// Hebrew or Arabic text in a book that does not say so is
			// set right to left all the same; its lang stays the
			// book's, as nothing tells which language it is. The
			// title decides for an article without a paragraph.
			d := firstParaDir(a.Blocks)
			if d == dirUnknown {
				d = textDir(r.title)
			}
			if d == dirRTL {
				r.dir = dirRTL
			}
		}
		p.arts = append(p.arts, r)
		if _, dup := p.byID[a.ID]; !dup {
			p.byID[a.ID] = r
		}
	}
	p.planPages()
	return p, nil
}

// planArticle finds the article's title, gives every heading its level
// and id, and indexes the notes.
func (p *pub) planArticle(r *art, i int) {
	a := r.a
	r.ids = newIDSet(reservedIDs...)
	r.heads = make(map[*doc.Heading]headInfo)
	r.headByID = make(map[string]string)
	r.notes = make(map[int]*doc.Note)
	r.refd = make(map[int]bool)

	r.title = clean(a.Meta.Title)
	if r.title == "" && len(a.Blocks) > 0 {
		if h, ok := a.Blocks[0].(*doc.Heading); ok && h.Level <= 1 {
			r.title = clean(doc.PlainText(h.Inlines))
			r.skipFirst = r.title != ""
			if r.skipFirst && h.ID != "" {
				r.headByID[h.ID] = "title"
			}
		}
	}
	if r.title == "" {
		r.title = clean(a.ID)
	}
	if r.title == "" {
		r.title = fmt.Sprintf("%d", i+1)
	}

	// Rendered levels: the article title is h1, so section headings
	// start at h2 whatever their Markdown level, and a heading is never
	// more than one level below the one before it.
	var stack []int
	var visit func(blocks []doc.Block, top bool)
	visit = func(blocks []doc.Block, top bool) {
		for bi, blk := range blocks {
			if top && bi == 0 && r.skipFirst {
				continue
			}
			switch n := blk.(type) {
			case *doc.Heading:
				for len(stack) > 0 && stack[len(stack)-1] >= n.Level {
					stack = stack[:len(stack)-1]
				}
				stack = append(stack, n.Level)
				level := min(len(stack)+1, 6)
				id := ""
				if hid := headingID(n.ID); hid != "" {
					id = r.ids.take(hid)
					if _, seen := r.headByID[n.ID]; !seen {
						r.headByID[n.ID] = id
					}
				} else if top && level == 2 {
					// The contents need something to link to.
					id = r.ids.take(fmt.Sprintf("section-%d", bi+1))
				}
				r.heads[n] = headInfo{level: level, id: id}
				if text := clean(doc.PlainText(n.Inlines)); top && level == 2 && id != "" && text != "" {
					r.sections = append(r.sections, section{id: id, text: text, block: bi})
				}
			case *doc.List:
				for _, it := range n.Items {
					if it != nil {
						visit(it.Blocks, false)
					}
				}
			case *doc.Quote:
				visit(n.Blocks, false)
			}
		}
	}
	visit(a.Blocks, true)
	for _, n := range a.Notes {
		if n == nil {
			continue
		}
		if n.N <= 0 {
			p.diags.Warnf(n.At, CodeNoteUnnumbered, "note %q has no number and is left out of the EPUB", n.Label)
			continue
		}
		if _, dup := r.notes[n.N]; !dup {
			r.notes[n.N] = n
		}
		visit(n.Blocks, false)
	}
	count := func(nd doc.Node) bool {
		if ref, ok := nd.(*doc.NoteRef); ok && ref.N > 0 {
			r.refd[ref.N] = true
		}
		return true
	}
	doc.InspectBlocks(a.Blocks, count)
	for _, n := range a.Notes {
		if n != nil {
			doc.Inspect(n, count)
		}
	}
}

// planPages places the print page starts: each becomes a marker with an
// id in some file, and an entry of the page-list.
func (p *pub) planPages() {
	for _, ps := range p.opts.PageStarts {
		label := clean(ps.Label)
		if label == "" {
			p.diags.Warnf(diag.Pos{}, CodePageStart, "a page start has no label; it is left out of the page-list")
			continue
		}
		stem := "page-" + idChars(label)
		m := &pageMark{label: label}
		switch {
		case ps.Article == -1:
			m.file = fileTitle
			m.id = p.frontIDs.take(stem)
			m.key = orderKey{0, -1, len(p.frontMarks), 0, nil}
			p.frontMarks = append(p.frontMarks, m)
		case ps.Article < 0 || ps.Article >= len(p.b.Articles) || p.b.Articles[ps.Article] == nil:
			p.diags.Warnf(diag.Pos{}, CodePageStart, "page %s starts in article %d, which the book does not have", label, ps.Article)
			continue
		default:
			r := p.artAt(ps.Article)
			m.file = r.file
			m.id = r.ids.take(stem)
			blocks := r.a.Blocks
			switch {
			case ps.Opening || ps.Block < 0:
				m.key = orderKey{r.spine, -1, 0, 0, nil}
				r.opening = append(r.opening, m)
			case ps.Block >= len(blocks):
				m.key = orderKey{r.spine, len(blocks), 0, 0, nil}
				r.atEnd = append(r.atEnd, m)
			case len(ps.Path) > 0 && nestable(blocks[ps.Block]):
				r.placeNested(m, ps, blocks[ps.Block])
			default:
				if para, isPara := blocks[ps.Block].(*doc.Para); isPara && ps.Offset > 0 {
					m.offset = wordEnd([]rune(doc.PlainText(para.Inlines)), ps.Offset)
					m.key = orderKey{r.spine, ps.Block, ps.Offset, 0, nil}
					if r.inPara == nil {
						r.inPara = make(map[int][]*pageMark)
					}
					r.inPara[ps.Block] = append(r.inPara[ps.Block], m)
				} else {
					m.key = orderKey{r.spine, ps.Block, 0, 0, nil}
					if r.before == nil {
						r.before = make(map[int][]*pageMark)
					}
					r.before[ps.Block] = append(r.before[ps.Block], m)
				}
			}
		}
		p.pageList = append(p.pageList, m)
	}
	for _, r := range p.arts {
		for _, ms := range r.inPara {
			sort.SliceStable(ms, func(i, j int) bool { return ms[i].offset < ms[j].offset })
		}
		for _, ms := range r.inNode {
			sort.SliceStable(ms, func(i, j int) bool { return ms[i].offset < ms[j].offset })
		}
		for _, ms := range r.nested {
			sort.SliceStable(ms, func(i, j int) bool { return ms[i].key.less(ms[j].key) })
		}
	}
	sort.SliceStable(p.pageList, func(i, j int) bool { return p.pageList[i].key.less(p.pageList[j].key) })
}

// nestable says whether a page start's Path can lead into b.
func nestable(b doc.Block) bool {
	switch b.(type) {
	case *doc.List, *doc.Quote, *doc.Table:
		return true
	}
	return false
}

// placeNested places marker m at the place ps.Path names inside the
// top-level block blk (see doc.PageStart): before a list item, a table
// row or a nested block, or inside a nested paragraph. A path that leads
// nowhere (an index out of range) stops at the last node it reached.
func (r *art) placeNested(m *pageMark, ps doc.PageStart, blk doc.Block) {
	var (
		node doc.Block = blk
		item *doc.ListItem
		row  = -1
		used []int
	)
	path := ps.Path
walk:
	for len(path) > 0 {
		switch n := node.(type) {
		case *doc.List:
			i := path[0]
			if i < 0 || i >= len(n.Items) || n.Items[i] == nil {
				break walk
			}
			it := n.Items[i]
			used = append(used, i)
			if len(path) < 2 || path[1] < 0 || path[1] >= len(it.Blocks) || it.Blocks[path[1]] == nil {
				item = it
				break walk
			}
			used = append(used, path[1])
			node = it.Blocks[path[1]]
			path = path[2:]
		case *doc.Quote:
			i := path[0]
			if i < 0 || i >= len(n.Blocks) || n.Blocks[i] == nil {
				break walk
			}
			used = append(used, i)
			node = n.Blocks[i]
			path = path[1:]
		case *doc.Table:
			if i := path[0]; i >= 0 && i < len(n.Head)+len(n.Rows) {
				used = append(used, i)
				row = i
			}
			break walk
		default:
			break walk
		}
	}
	m.key = orderKey{r.spine, ps.Block, 0, 0, used}
	if r.beforeNode == nil {
		r.beforeNode = make(map[doc.Block][]*pageMark)
		r.inNode = make(map[*doc.Para][]*pageMark)
		r.beforeItem = make(map[*doc.ListItem][]*pageMark)
		r.beforeRow = make(map[tableRow][]*pageMark)
		r.nested = make(map[int][]*pageMark)
	}
	r.nested[ps.Block] = append(r.nested[ps.Block], m)
	switch {
	case item != nil:
		r.beforeItem[item] = append(r.beforeItem[item], m)
	case row >= 0:
		t := node.(*doc.Table)
		r.beforeRow[tableRow{t, row}] = append(r.beforeRow[tableRow{t, row}], m)
	default:
		if para, ok := node.(*doc.Para); ok && ps.Offset > 0 {
			m.offset = wordEnd([]rune(doc.PlainText(para.Inlines)), ps.Offset)
			m.key.offset = ps.Offset
			r.inNode[para] = append(r.inNode[para], m)
			return
		}
		r.beforeNode[node] = append(r.beforeNode[node], m)
	}
}

// wordEnd moves a page start that falls inside a word (the print edition
// hyphenated it across two pages) to the end of that word, as the DAISY
// guidelines ask: a marker inside a word would make a screen reader speak
// the word in two halves with the page number between them. A start after
// a space or a dash is left where it is.
func wordEnd(text []rune, offset int) int {
	if offset <= 0 || offset >= len(text) {
		return offset
	}
	boundary := func(r rune) bool {
		return unicode.IsSpace(r) || r == '-' || r == '\u2010' || r == '\u2013' || r == '\u2014' || r == '\u00ad'
	}
	if boundary(text[offset-1]) || boundary(text[offset]) {
		return offset
	}
	for offset < len(text) && !unicode.IsSpace(text[offset]) {
		offset++
	}
	return offset
}

// artAt returns the plan of Book.Articles[i].
func (p *pub) artAt(i int) *art {
	for _, r := range p.arts {
		if r.index == i {
			return r
		}
	}
	return nil
}

// authors returns the book's authors, cleaned, without empty names.
func authorsOf(m doc.Meta) []string {
	var out []string
	for _, a := range m.Authors {
		if a = clean(a); a != "" {
			out = append(out, a)
		}
	}
	return out
}

// rel returns the path of target (relative to OEBPS) as seen from a file
// at from (also relative to OEBPS).
func rel(from, target string) string {
	if strings.HasPrefix(from, "text/") {
		if strings.HasPrefix(target, "text/") {
			return strings.TrimPrefix(target, "text/")
		}
		return "../" + target
	}
	return target
}
