package check

import (
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pamphlet/pamphlet/builder/doc"
	"github.com/pamphlet/pamphlet/builder/font"
	"github.com/pamphlet/pamphlet/builder/frame"
	"github.com/pamphlet/pamphlet/builder/laid"
	"github.com/pamphlet/pamphlet/builder/style"
	"github.com/pamphlet/pamphlet/builder/units"
)

// fixture builds layouts by hand, for the faults the typesetter avoids
// and so cannot be provoked through a real build.
type fixture struct {
	t     *testing.T
	s     *style.Style
	fonts *font.Set
}

func newFixture(t *testing.T) *fixture {
	s, err := style.Load("a5", "", nil)
	if err != nil {
		t.Fatal(err)
	}
	fonts, err := font.Default()
	if err != nil {
		t.Fatal(err)
	}
	return &fixture{t, s, fonts}
}

func (f *fixture) left(page int) units.Sp {
	if page%2 == 1 {
		return f.s.Outer
	}
	return f.s.Inner
}

// line sets words on line n of page: justified to the full measure when
// full, else with natural spaces; indented when indent.
func (f *fixture) line(page, n int, text string, full, indent bool) []frame.Item {
	words := strings.Fields(text)
	x := f.left(page)
	if indent {
		x += f.s.Indent
	}
	y := f.s.Top + units.Sp(n+1)*f.s.Leading
	space := f.fonts.SpaceWidth(font.Regular, f.s.FontSize)
	var total units.Sp
	ws := make([]units.Sp, len(words))
	for i, w := range words {
		ws[i] = f.fonts.Width(font.Regular, f.s.FontSize, w)
		total += ws[i]
	}
	if full && len(words) > 1 {
		space = (f.left(page) + f.s.TextWidth() - x - total) / units.Sp(len(words)-1)
	}
	var items []frame.Item
	for i, w := range words {
		items = append(items, frame.Item{Kind: frame.Text, X: x, Y: y, W: ws[i], Face: font.Regular, Size: f.s.FontSize, Text: w})
		x += ws[i] + space
	}
	return items
}

// para fills lines from..to of page with full lines of ordinary words.
func (f *fixture) para(page, from, to int) []frame.Item {
	var items []frame.Item
	for n := from; n < to; n++ {
		items = append(items, f.line(page, n, f.fill("", false), true, false)...)
	}
	return items
}

// fill extends text with ordinary words until it nearly fills the measure
// at natural spacing, so that justifying it stretches spaces a little.
func (f *fixture) fill(text string, indent bool) string {
	words := strings.Fields("the quick brown fox jumps over a lazy dog and runs far into the wood where nobody sees it again")
	measure := f.s.TextWidth() * 99 / 100
	if indent {
		measure -= f.s.Indent
	}
	for i := 0; f.fonts.Width(font.Regular, f.s.FontSize, text+" "+words[i%len(words)]) < measure; i++ {
		text = strings.TrimSpace(text + " " + words[i%len(words)])
	}
	return text
}

func (f *fixture) laid(book *doc.Book, pages ...[]frame.Item) *laid.Book {
	d := &frame.Document{}
	for i, items := range pages {
		d.Pages = append(d.Pages, &frame.Page{W: f.s.PageWidth, H: f.s.PageHeight, Label: string(rune('1' + i)), Items: items})
		d.PageStarts = append(d.PageStarts, doc.PageStart{Article: 0, Block: 0})
	}
	if book == nil {
		book = &doc.Book{Articles: []*doc.Article{{Path: "a.md", Blocks: []doc.Block{&doc.Para{At: doc.Pos{File: "a.md", Line: 3}}}}}}
	}
	return &laid.Book{Book: book, Style: f.s, Fonts: f.fonts, Doc: d}
}

func codes(fs []Finding) map[string]Finding {
	m := map[string]Finding{}
	for _, f := range fs {
		if _, ok := m[f.Code]; !ok {
			m[f.Code] = f
		}
	}
	return m
}

func TestLayoutClean(t *testing.T) {
	f := newFixture(t)
	l := f.laid(nil, f.para(0, 0, 20), append(f.para(1, 0, 5), f.line(1, 5, "the end.", false, false)...), f.para(2, 0, 3), f.para(3, 0, 3))
	if got := layoutFindings(l); len(got) != 0 {
		t.Errorf("a well-set book has findings: %v", got)
	}
}

func TestLayoutFaults(t *testing.T) {
	f := newFixture(t)
	tests := []struct {
		code  string
		page  string
		pages [][]frame.Item
	}{
		{"P010", "1", [][]frame.Item{append(f.line(0, 0, "a loose line", true, false), f.para(0, 1, 2)...)}},
		{"P011", "2", [][]frame.Item{f.para(0, 0, 20), append(f.line(1, 0, "alone.", false, false), f.line(1, 1, "A new paragraph.", false, true)...)}},
		{"P012", "1", [][]frame.Item{append(f.para(0, 0, 19), f.line(0, 19, f.fill("A new paragraph", true), true, true)...), f.para(1, 0, 5)}},
		{"P013", "1", [][]frame.Item{append(append(f.line(0, 0, f.fill("", false)+" hy-", true, false),
			f.line(0, 1, f.fill("", false)+" hy-", true, false)...),
			f.line(0, 2, f.fill("", false)+" hy-", true, false)...)}},
	}
	for _, tt := range tests {
		pages := append(tt.pages, nil)[:len(tt.pages)]
		for len(pages)%4 != 0 {
			pages = append(pages, nil)
		}
		got := codes(layoutFindings(f.laid(nil, pages...)))
		fd, ok := got[tt.code]
		if !ok {
			t.Errorf("%s: not found in %v", tt.code, got)
			continue
		}
		if fd.Page != tt.page || fd.File != "a.md" || fd.Line != 3 || fd.Severity != Warning {
			t.Errorf("%s: %+v, want page %s at a.md:3", tt.code, fd, tt.page)
		}
		if len(got) != 1 {
			t.Errorf("%s: other findings too: %v", tt.code, got)
		}
	}
}

func TestHeadingAtFoot(t *testing.T) {
	f := newFixture(t)
	book := &doc.Book{Articles: []*doc.Article{{Path: "a.md", Blocks: []doc.Block{
		&doc.Para{At: doc.Pos{File: "a.md", Line: 3}},
		&doc.Heading{Level: 2, Inlines: []doc.Inline{&doc.Text{Value: "Stranded"}}, At: doc.Pos{File: "a.md", Line: 9}},
	}}}}
	l := f.laid(book, f.para(0, 0, 19), f.para(1, 0, 5), nil, nil)
	l.Doc.Outline = []frame.OutlineEntry{{Title: "Stranded", Level: 1, Page: 0, Y: f.s.Top + 19*f.s.Leading}}
	got := codes(layoutFindings(l))
	fd, ok := got["P014"]
	if !ok || fd.Line != 9 || fd.Page != "1" {
		t.Fatalf("P014 = %+v (found %v), want a.md:9 on page 1", fd, ok)
	}
	// With its text below it on the same page, the heading is fine.
	l.Doc.Outline[0].Y = f.s.Top + 10*f.s.Leading
	if _, ok := codes(layoutFindings(l))["P014"]; ok {
		t.Error("P014 for a heading followed by text")
	}
}

func TestLowResolutionImage(t *testing.T) {
	f := newFixture(t)
	path := filepath.Join(t.TempDir(), "small.png")
	out, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := png.Encode(out, image.NewGray(image.Rect(0, 0, 200, 100))); err != nil {
		t.Fatal(err)
	}
	out.Close()
	book := &doc.Book{Articles: []*doc.Article{{Path: "a.md", Blocks: []doc.Block{
		&doc.Figure{Image: &doc.Image{Src: "small.png", Path: path, At: doc.Pos{File: "a.md", Line: 7}}, At: doc.Pos{File: "a.md", Line: 7}},
	}}}}
	img := func(w units.Sp) []frame.Item {
		return []frame.Item{{Kind: frame.Image, X: f.s.Inner, Y: f.s.Top, W: w, H: w / 2, Path: path}}
	}
	// 200 pixels over 50 mm is about 102 dpi.
	got := codes(layoutFindings(f.laid(book, img(50*units.Mm), nil, nil, nil)))
	fd, ok := got["P020"]
	if !ok || fd.Line != 7 || !strings.Contains(fd.Message, "102 dpi") {
		t.Fatalf("P020 = %+v (found %v)", fd, ok)
	}
	// Over 15 mm it is 339 dpi: fine.
	if _, ok := codes(layoutFindings(f.laid(book, img(15*units.Mm), nil, nil, nil)))["P020"]; ok {
		t.Error("P020 for an image above 300 dpi")
	}
}

func TestSignatures(t *testing.T) {
	f := newFixture(t)
	got := codes(layoutFindings(f.laid(nil, nil, nil, nil, nil, nil)))
	if fd := got["P030"]; fd.Severity != Note || !strings.Contains(fd.Message, "5 pages: a printer folding sheets of 4 adds 3 blank pages") {
		t.Errorf("P030 = %+v", fd)
	}
}
