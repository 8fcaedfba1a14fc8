package check

import (
	"fmt"
	"image"
	_ "image/gif" // image sizes of GIF figures
	_ "image/jpeg"
	_ "image/png"
	"os"
	"sort"
	"strings"

	"github.com/pamphlet/pamphlet/builder/doc"
	"github.com/pamphlet/pamphlet/builder/font"
	"github.com/pamphlet/pamphlet/builder/frame"
	"github.com/pamphlet/pamphlet/builder/laid"
	"github.com/pamphlet/pamphlet/builder/style"
	"github.com/pamphlet/pamphlet/builder/units"
)

// Thresholds of the layout checks.
const (
	// looseRatio is how many times its natural width a justified word
	// space may grow before the line counts as very loose. TeX's default
	// tolerance allows about 1.6.
	looseRatio = 2.0
	// minDPI is the resolution below which a printed image looks soft.
	minDPI = 300
	// maxStack is the most lines in a row that may end in a hyphen.
	maxStack = 2
)

// line is one line of body text on a page: the items of body size on one
// baseline.
type line struct {
	y           units.Sp
	left, right units.Sp
	items       []frame.Item
}

// layoutFindings checks the finished pages: each page's lines
// (P010, P013, P011, P012), then the headings (P014), the images (P020)
// and the page count (P030).
func layoutFindings(l *laid.Book) []Finding {
	c := newLayoutCheck(l)
	for i := range c.d.Pages {
		c.loose(i)
		c.stackedHyphens(i)
		if len(c.pages[i]) == 0 || c.s.Ragged {
			continue
		}
		c.widow(i)
		c.orphan(i)
	}
	c.headingsAtFoot()
	c.lowResolution()
	if n := len(c.d.Pages); n%4 != 0 {
		c.out = append(c.out, Finding{Code: "P030", Severity: Note,
			Message: fmt.Sprintf("%d pages: a printer folding sheets of 4 adds %d blank pages", n, 4-n%4)})
	}
	return c.out
}

// layoutCheck is the state of layoutFindings: the book, each page's body
// lines, and the findings so far.
type layoutCheck struct {
	l     *laid.Book
	d     *frame.Document
	s     *style.Style
	pages [][]line
	slack units.Sp // a word space of the body face
	out   []Finding
}

func newLayoutCheck(l *laid.Book) *layoutCheck {
	d, s := l.Doc, l.Style
	c := &layoutCheck{l: l, d: d, s: s, pages: make([][]line, len(d.Pages))}
	for i, pg := range d.Pages {
		c.pages[i] = bodyLines(pg, l.Fonts, s.FontSize, s.Top, s.PageHeight-s.Bottom)
	}
	c.slack = l.Fonts.SpaceWidth(font.Regular, s.FontSize)
	return c
}

// where returns the source position at which page i begins.
func (c *layoutCheck) where(i int) (string, int) {
	d := c.d
	if i < 0 || i >= len(d.PageStarts) {
		return "", 0
	}
	st := d.PageStarts[i]
	if st.Article < 0 || st.Article >= len(c.l.Book.Articles) {
		return "", 0
	}
	a := c.l.Book.Articles[st.Article]
	if st.Block >= 0 && st.Block < len(a.Blocks) {
		return a.Path, a.Blocks[st.Block].Pos().Line
	}
	return a.Path, a.At.Line
}

// article returns the index of the article page i belongs to, or -1.
func (c *layoutCheck) article(i int) int {
	if i < 0 || i >= len(c.d.PageStarts) {
		return -1
	}
	return c.d.PageStarts[i].Article
}

// add records a warning about page; an empty file means where the page
// begins.
func (c *layoutCheck) add(code string, page int, file string, ln int, format string, args ...any) {
	if file == "" {
		file, ln = c.where(page)
	}
	c.out = append(c.out, Finding{Code: code, Severity: Warning, File: file, Line: ln, Page: c.d.Pages[page].Label, Message: fmt.Sprintf(format, args...)})
}

// leftOf is the text block's left edge on page i: margins mirror, and
// the first page is a recto.
func (c *layoutCheck) leftOf(i int) units.Sp {
	if i%2 == 1 {
		return c.s.Outer
	}
	return c.s.Inner
}

// full reports whether a line of page i fills the measure, within a word
// space: measured widths differ from the typesetter's by kerning and by
// punctuation it lets hang, and a last line that ends that close to the
// margin reads as full anyway.
func (c *layoutCheck) full(i int, ln line) bool {
	return ln.right >= c.leftOf(i)+c.s.TextWidth()-c.slack
}

// loose reports very loose lines (P010): only justified, full lines with
// at least two spaces, as a single gap may be a deliberate spread.
func (c *layoutCheck) loose(i int) {
	if c.s.Ragged {
		return
	}
	lines := c.pages[i]
	space := c.l.Fonts.SpaceWidth(font.Regular, c.s.FontSize)
	for k, ln := range lines {
		if !c.full(i, ln) || k == len(lines)-1 {
			continue
		}
		gaps, widest := 0, units.Sp(0)
		for j := 1; j < len(ln.items); j++ {
			g := ln.items[j].X - (ln.items[j-1].X + ln.items[j-1].W)
			if g > units.Pt/4 {
				gaps++
				widest = max(widest, g)
			}
		}
		if gaps >= 2 && float64(widest) > looseRatio*float64(space) {
			c.add("P010", i, "", 0, "very loose line %q: its word spaces are %.1f times their width; rephrase, or allow a hyphenation point",
				lineText(ln), float64(widest)/float64(space))
		}
	}
}

// stackedHyphens reports more than maxStack lines in a row ending in a
// hyphen (P013).
func (c *layoutCheck) stackedHyphens(i int) {
	lines, run := c.pages[i], 0
	for k, ln := range lines {
		if endsHyphen(ln) {
			run++
			if run == maxStack+1 {
				c.add("P013", i, "", 0, "%d lines in a row end in a hyphen, from %q", run, lineText(lines[k-maxStack]))
			}
		} else {
			run = 0
		}
	}
}

// widow reports a widow (P011): page i's first line is short and
// unindented, and the previous page of the same article ended in a full
// line.
func (c *layoutCheck) widow(i int) {
	if i == 0 || c.article(i) < 0 || c.article(i-1) != c.article(i) || len(c.pages[i-1]) == 0 {
		return
	}
	first, prev := c.pages[i][0], c.pages[i-1][len(c.pages[i-1])-1]
	if !c.full(i, first) && first.left <= c.leftOf(i)+units.Pt/2 && c.full(i-1, prev) && sameBody(prev, first) {
		c.add("P011", i, "", 0, "the last line of a paragraph, %q, stands alone at the top of the page (a widow)", lineText(first))
	}
}

// orphan reports an orphan (P012): page i's last line is indented (a
// paragraph's first) and the next page goes on unindented.
func (c *layoutCheck) orphan(i int) {
	s := c.s
	if i+1 >= len(c.d.Pages) || c.article(i+1) != c.article(i) || c.article(i) < 0 || len(c.pages[i+1]) == 0 || s.Indent <= 0 {
		return
	}
	lines, left := c.pages[i], c.leftOf(i)
	last, next := lines[len(lines)-1], c.pages[i+1][0]
	if c.full(i, last) && last.left >= left+s.Indent/2 && last.left <= left+s.Indent*3/2 && next.left <= c.leftOf(i+1)+units.Pt/2 && sameBody(last, next) {
		file, ln := c.where(i + 1)
		c.add("P012", i, file, ln, "the first line of a paragraph, %q, stands alone at the foot of the page (an orphan)", lineText(last))
	}
}

// headingsAtFoot reports headings with no line of their text below them
// on their page (P014).
func (c *layoutCheck) headingsAtFoot() {
	d := c.d
	for _, o := range d.Outline {
		if o.Level < 1 || o.Page < 0 || o.Page >= len(d.Pages) || c.article(o.Page) < 0 {
			continue
		}
		below := 0
		for _, ln := range c.pages[o.Page] {
			if ln.y > o.Y+c.s.Leading {
				below++
			}
		}
		if below == 0 && o.Page+1 < len(d.Pages) && c.article(o.Page+1) == c.article(o.Page) {
			file, ln := headingPos(c.l.Book.Articles[c.article(o.Page)], o.Title)
			c.add("P014", o.Page, file, ln, "heading %q ends the page; its text begins on the next", o.Title)
		}
	}
}

// lowResolution reports images below minDPI at their printed size
// (P020).
func (c *layoutCheck) lowResolution() {
	for i, pg := range c.d.Pages {
		for _, it := range pg.Items {
			if it.Kind != frame.Image || it.W <= 0 || it.Path == "" {
				continue
			}
			f, err := os.Open(it.Path)
			if err != nil {
				continue
			}
			cfg, _, err := image.DecodeConfig(f)
			f.Close()
			if err != nil {
				continue
			}
			dpi := float64(cfg.Width) / (it.W.Points() / 72)
			if dpi < minDPI {
				file, ln := imagePos(c.l.Book, it.Path)
				c.add("P020", i, file, ln, "image %s prints at %.0f dpi (%d pixels over %.0f mm); print needs %d: use a larger image",
					shortPath(it.Path), dpi, cfg.Width, it.W.MM(), minDPI)
			}
		}
	}
}

// bodyLines returns the lines of body text of pg between the top and bottom
// of the text block: text items set at the body size, grouped by baseline.
// Notes, quotes, headings, running heads and folios are set at other sizes
// or outside the block, so they do not count.
func bodyLines(pg *frame.Page, fonts *font.Set, size, top, bottom units.Sp) []line {
	byY := map[units.Sp]*line{}
	var ys []units.Sp
	for _, it := range pg.Items {
		if it.Kind != frame.Text || it.Size != size || it.Y < top || it.Y > bottom {
			continue
		}
		// A hyphen the line breaker adds joins the last word's text
		// but not its width: measure the text as well.
		it.W = max(it.W, fonts.Width(it.Face, it.Size, it.Text))
		ln := byY[it.Y]
		if ln == nil {
			ln = &line{y: it.Y, left: it.X, right: it.X + it.W}
			byY[it.Y] = ln
			ys = append(ys, it.Y)
		}
		ln.items = append(ln.items, it)
		ln.left = min(ln.left, it.X)
		ln.right = max(ln.right, it.X+it.W)
	}
	sort.Slice(ys, func(a, b int) bool { return ys[a] < ys[b] })
	// Note references (raised) and inline code (smaller) belong to the
	// line they sit on; without them their place would look like a gap.
	for _, it := range pg.Items {
		if it.Kind != frame.Text || it.Size == size || it.Y < top || it.Y > bottom {
			continue
		}
		for _, y := range ys {
			if it.Y <= y && it.Y > y-size/2 {
				if it.W == 0 {
					it.W = fonts.Width(it.Face, it.Size, it.Text)
				}
				byY[y].items = append(byY[y].items, it)
				byY[y].right = max(byY[y].right, it.X+it.W)
				break
			}
		}
	}
	out := make([]line, len(ys))
	for k, y := range ys {
		ln := byY[y]
		sort.SliceStable(ln.items, func(a, b int) bool { return ln.items[a].X < ln.items[b].X })
		out[k] = *ln
	}
	return out
}

func lineText(ln line) string {
	var b strings.Builder
	for j, it := range ln.items {
		if j > 0 && it.X-(ln.items[j-1].X+ln.items[j-1].W) > units.Pt/4 {
			b.WriteByte(' ')
		}
		b.WriteString(it.Text)
	}
	s := b.String()
	if r := []rune(s); len(r) > 50 {
		s = string(r[:47]) + "…"
	}
	return s
}

func endsHyphen(ln line) bool {
	if len(ln.items) == 0 {
		return false
	}
	t := ln.items[len(ln.items)-1].Text
	return strings.HasSuffix(t, "-") || strings.HasSuffix(t, "\u2010")
}

// sameBody reports whether two lines are set alike (same leading size and
// face family), so that one plausibly continues the other's paragraph.
func sameBody(a, b line) bool {
	return len(a.items) > 0 && len(b.items) > 0 && a.items[0].Size == b.items[0].Size
}

// headingPos finds a heading of a by its text.
func headingPos(a *doc.Article, title string) (string, int) {
	ln := 0
	doc.InspectBlocks(a.Blocks, func(n doc.Node) bool {
		if h, ok := n.(*doc.Heading); ok && ln == 0 && strings.TrimSpace(doc.PlainText(h.Inlines)) == strings.TrimSpace(title) {
			ln = h.At.Line
		}
		return ln == 0
	})
	return a.Path, ln
}

// imagePos finds the image whose resolved file is path.
func imagePos(b *doc.Book, path string) (string, int) {
	for _, a := range b.Articles {
		file, ln := "", 0
		doc.InspectBlocks(a.Blocks, func(n doc.Node) bool {
			if img, ok := n.(*doc.Image); ok && file == "" && img.Path == path {
				file, ln = img.At.File, img.At.Line
				if file == "" {
					file = a.Path
				}
			}
			return file == ""
		})
		if file != "" {
			return file, ln
		}
	}
	return "", 0
}

func shortPath(p string) string {
	if i := strings.LastIndexAny(p, `/\`); i >= 0 {
		return p[i+1:]
	}
	return p
}
