package typeset

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"go.yaml.in/yaml/v3"

	"github.com/pamphlet/pamphlet/builder/diag"
	"github.com/pamphlet/pamphlet/builder/doc"
	"github.com/pamphlet/pamphlet/builder/font"
	"github.com/pamphlet/pamphlet/builder/frame"
	"github.com/pamphlet/pamphlet/builder/front"
	"github.com/pamphlet/pamphlet/builder/markdown"
	"github.com/pamphlet/pamphlet/builder/style"
	"github.com/pamphlet/pamphlet/internal/testtool"
)

var update = flag.Bool("update", false, "rewrite golden files")

func opts(t testing.TB) Options {
	t.Helper()
	st, err := style.Load("a6", "", nil)
	if err != nil {
		t.Fatal(err)
	}
	fs, err := font.Default()
	if err != nil {
		t.Fatal(err)
	}
	return Options{Style: st, Fonts: fs}
}

func md(t testing.TB, name, src string) *doc.Article {
	var diags diag.List
	a := markdown.Parse(name+".md", []byte(src), &diags)
	a.ID = name
	return a
}

// goldenCases are small articles whose pages are checked as frame dumps.
var goldenCases = map[string]string{
	"para":   "---\ntitle: A Short Text\nauthor: Ann Writer\n---\n\nThe first paragraph is set without an indent; it is long enough to need a few lines and some justification.\n\nThe second paragraph has a first-line indent. “Curly quotes,” an em\u2060—dash, a\u00a0no-break space and a soft\u00adhyphen.\n",
	"blocks": "---\ntitle: Blocks\n---\n\n## A Section\n\nText with a note.[^1]\n\n- one\n- two\n  1. nested\n\n> A quotation, set smaller.\n\n```\nfunc main() { fmt.Println(\"a code line long enough to need breaking at the measure of an A6 page\") }\n```\n\n***\n\n| Name | Value |\n|------|------:|\n| a | 1 |\n| b | 22 |\n\n[^1]: The note's text.\n",
}

func TestGolden(t *testing.T) {
	o := opts(t)
	for name, src := range goldenCases {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join("testdata", name+".golden")
			if got, want := goldenDump(t, o, name, src, path, *update); got != want {
				t.Errorf("dump differs from %s (run with -update and review the diff)", path)
			}
		})
	}
}

// goldenDump typesets the article src with its front matter and returns
// the frame dump, its diagnostics and the structure tree as a screen
// reader walks it, with the golden file's text (rewritten first when
// write is set).
func goldenDump(t *testing.T, o Options, name, src, path string, write bool) (got, want string) {
	t.Helper()
	b := &doc.Book{Meta: doc.Meta{Title: "Golden", Lang: "en"}, Articles: []*doc.Article{md(t, name, src)}}
	front.Make(b, front.Options{Faces: []string{o.Fonts.Name(font.Regular)}})
	var diags diag.List
	d, err := Typeset(context.Background(), b, o, &diags)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := frame.Dump(&buf, d); err != nil {
		t.Fatal(err)
	}
	for _, dg := range diags.Items() {
		buf.WriteString("diag " + dg.String() + "\n")
	}
	buf.WriteString("structure\n")
	if err := frame.DumpStructure(&buf, d); err != nil {
		t.Fatal(err)
	}
	if write {
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update)", err)
	}
	return buf.String(), string(data)
}

func corpus(t testing.TB, name string) *doc.Book {
	dir := testtool.Shared(t, filepath.Join("..", "..", "..", "shared", "corpus", name))
	src, err := os.ReadFile(filepath.Join(dir, "book.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var m struct {
		Title    string   `yaml:"title"`
		Articles []string `yaml:"articles"`
	}
	if err := yaml.Unmarshal(src, &m); err != nil {
		t.Fatal(err)
	}
	b := &doc.Book{Meta: doc.Meta{Title: m.Title, Lang: "en-US"}}
	for _, p := range m.Articles {
		s, err := os.ReadFile(filepath.Join(dir, p))
		if err != nil {
			t.Fatal(err)
		}
		b.Articles = append(b.Articles, md(t, strings.TrimSuffix(p, ".md"), string(s)))
	}
	// The front matter, as the builder makes it before typesetting.
	front.Make(b, front.Options{Faces: []string{"Charis SIL"}})
	return b
}

func BenchmarkTypeset(b *testing.B) {
	bk := corpus(b, "emerson-essays")
	o := opts(b)
	st, _ := style.Load("a5", "", nil)
	o.Style = st
	words := 0
	for _, a := range bk.Articles {
		words += doc.WordCount(a)
	}
	var pages int
	for b.Loop() {
		var diags diag.List
		d, err := Typeset(context.Background(), bk, o, &diags)
		if err != nil {
			b.Fatal(err)
		}
		pages = len(d.Pages)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(words), "ns/word")
	b.ReportMetric(float64(pages), "pages")
}

// TestLinkTextKept is a regression test: words inside a link that runs
// over several words were appended to the link's rectangle instead of
// the text, and vanished from the page.
func TestLinkTextKept(t *testing.T) {
	a := md(t, "links", "# Links\n\nSee [the first article of this book, with many words](other.md) and [one](https://example.org/) more; [a link that may well break across two lines at the measure](https://example.org/long).\n")
	b := &doc.Book{Meta: doc.Meta{Title: "Links", Lang: "en"}, Articles: []*doc.Article{a}}
	var diags diag.List
	d, err := Typeset(context.Background(), b, opts(t), &diags)
	if err != nil {
		t.Fatal(err)
	}
	var text strings.Builder
	links := 0
	for _, p := range d.Pages {
		for _, it := range p.Items {
			switch it.Kind {
			case frame.Text:
				text.WriteString(it.Text + " ")
			case frame.Link:
				links++
				if it.Text != "" {
					t.Errorf("link item carries text %q", it.Text)
				}
			}
		}
	}
	// A link's last word and the full stop after it are two items (the
	// stop is not part of the link), so words are sought without spaces.
	got := strings.Join(strings.Fields(text.String()), "")
	for _, w := range strings.Fields("See the first article of this book, with many words and one more; a link that may well break across two lines at the measure.") {
		if !strings.Contains(got, w) {
			t.Errorf("word %q missing from the page: %s", w, got)
		}
	}
	if links < 3 {
		t.Errorf("%d link rectangles, want at least 3", links)
	}
}

// TestFallbackFace checks that characters the book face lacks (Charis
// has no Greek) are set in the fallback face, measured as drawn, and that
// a character no face has is reported once and left out.
func TestFallbackFace(t *testing.T) {
	a := md(t, "greek", "# Greek\n\nA proverb: *Ἀεὶ γὰρ εὖ πίπτουσιν οἱ Διὸς κύβοι* and a \U0001F600 face.\n")
	b := &doc.Book{Meta: doc.Meta{Title: "Greek", Lang: "en"}, Articles: []*doc.Article{a}}
	var diags diag.List
	d, err := Typeset(context.Background(), b, opts(t), &diags)
	if err != nil {
		t.Fatal(err)
	}
	var greek []frame.Item
	for _, p := range d.Pages {
		for _, it := range p.Items {
			if it.Kind == frame.Text && strings.IndexFunc(it.Text, func(r rune) bool { return unicode.Is(unicode.Greek, r) }) >= 0 {
				greek = append(greek, it)
			}
			if it.Kind == frame.Text && strings.Contains(it.Text, "\U0001F600") {
				t.Errorf("a character no face has was drawn: %q", it.Text)
			}
		}
	}
	var joined strings.Builder
	for i, it := range greek {
		joined.WriteString(it.Text)
		if it.Face != font.Fallback {
			t.Errorf("Greek %q set in %v, want the fallback face", it.Text, it.Face)
		}
		if it.W <= 0 {
			t.Errorf("Greek %q has width %v", it.Text, it.W)
		}
		// Pieces of a kerned word may overlap by a kern, never by half
		// a glyph run, as they did when Greek measured zero wide.
		if i > 0 && greek[i-1].Y == it.Y && it.X < greek[i-1].X+greek[i-1].W/2 {
			t.Errorf("%q overlaps %q", it.Text, greek[i-1].Text)
		}
	}
	if want := "Ἀεὶγὰρεὖπίπτουσινοἱ" + "Διὸςκύβοι"; joined.String() != want {
		t.Errorf("Greek text %q, want %q", joined.String(), want)
	}
	var msgs []string
	for _, dg := range diags.Items() {
		msgs = append(msgs, dg.String())
	}
	if len(msgs) != 1 || !strings.Contains(msgs[0], "U+1F600") {
		t.Errorf("diagnostics %q, want one about U+1F600", msgs)
	}
}
