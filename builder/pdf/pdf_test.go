package pdf

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/pamphlet/pamphlet/builder/diag"
	"github.com/pamphlet/pamphlet/builder/doc"
	"github.com/pamphlet/pamphlet/builder/font"
	"github.com/pamphlet/pamphlet/builder/frame"
	"github.com/pamphlet/pamphlet/builder/front"
	"github.com/pamphlet/pamphlet/builder/markdown"
	"github.com/pamphlet/pamphlet/builder/style"
	"github.com/pamphlet/pamphlet/builder/typeset"
	"github.com/pamphlet/pamphlet/builder/units"

	"github.com/pamphlet/pamphlet/internal/testtool"
)

// corpusBook reads a book of ../../../shared/corpus with the Markdown
// reader; the test skips (fails in CI) when the corpus is absent.
func corpusBook(t testing.TB, name string) *doc.Book {
	t.Helper()
	dir := testtool.Shared(t, filepath.Join("..", "..", "..", "shared", "corpus", name))
	src, err := os.ReadFile(filepath.Join(dir, "book.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var m struct {
		Title    string   `yaml:"title"`
		Author   string   `yaml:"author"`
		Language string   `yaml:"language"`
		Articles []string `yaml:"articles"`
	}
	if err := yaml.Unmarshal(src, &m); err != nil {
		t.Fatal(err)
	}
	b := &doc.Book{Meta: doc.Meta{Title: m.Title, Authors: []string{m.Author}, Lang: m.Language, Publisher: "Pamphlet Test Press", Rights: "Public domain."}}
	var diags diag.List
	for _, p := range m.Articles {
		s, err := os.ReadFile(filepath.Join(dir, p))
		if err != nil {
			t.Fatal(err)
		}
		a := markdown.Parse(p, s, &diags)
		a.ID = strings.TrimSuffix(p, ".md")
		b.Articles = append(b.Articles, a)
	}
	return b
}

func build(t testing.TB, b *doc.Book) (*frame.Document, *font.Set, *diag.List) {
	t.Helper()
	st, err := style.Load("a5", "", nil)
	if err != nil {
		t.Fatal(err)
	}
	fs, err := font.Default()
	if err != nil {
		t.Fatal(err)
	}
	var diags diag.List
	front.Make(b, front.Options{Faces: []string{fs.Name(font.Regular)}})
	d, err := typeset.Typeset(context.Background(), b, typeset.Options{Style: st, Fonts: fs}, &diags)
	if err != nil {
		t.Fatal(err)
	}
	return d, fs, &diags
}

var created = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)

func write(t testing.TB, d *frame.Document, fs *font.Set) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, d, fs, Options{Created: created}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestCorpusPDF(t *testing.T) {
	b := corpusBook(t, "common-sense")
	d, fs, diags := build(t, b)
	for _, dg := range diags.Items() {
		t.Log(dg)
	}
	if len(d.Pages) < 20 {
		t.Errorf("only %d pages", len(d.Pages))
	}
	pdf := write(t, d, fs)
	out := filepath.Join(t.TempDir(), "book.pdf")
	if dir := os.Getenv("PAMPHLET_KEEP_PDF"); dir != "" {
		out = filepath.Join(dir, "common-sense.pdf")
	}
	if err := os.WriteFile(out, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	testtool.CheckPDF(t, out)
	txt, err := exec.Command(testtool.Need(t, "pdftotext"), "-enc", "UTF-8", out, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(string(txt)), " ")
	for _, want := range []string{
		"Common Sense",
		"Perhaps the sentiments contained in the following pages, are not yet sufficiently fashionable to procure them general favor;",
		"Society in every state is a blessing, but government even in its best state is but a necessary evil;",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("pdftotext lacks %q", want)
		}
	}
	for _, bad := range []string{"\u2060", "\u00ad", "\u200b", "\ufeff"} {
		if strings.Contains(string(txt), bad) {
			t.Errorf("pdftotext has invisible %U", []rune(bad)[0])
		}
	}
	if !strings.ContainsAny(string(txt), "“”’—") {
		t.Errorf("no curly quotes or dashes in the text")
	}
}

func TestDeterministic(t *testing.T) {
	b := corpusBook(t, "communist-manifesto")
	d1, fs, _ := build(t, b)
	d2, _, _ := build(t, b)
	p1, p2 := write(t, d1, fs), write(t, d2, fs)
	if !bytes.Equal(p1, p2) {
		t.Fatalf("two builds differ (%d and %d bytes)", len(p1), len(p2))
	}
	var s1, s2 bytes.Buffer
	frame.Dump(&s1, d1)
	frame.Dump(&s2, d2)
	if s1.String() != s2.String() {
		t.Fatal("frame dumps differ")
	}
}

// TestEscapes: bytes that a PDF string must escape, as characters (in
// the text's /ActualText, the metadata) and inside the two-byte glyph
// IDs of others (whichever characters of Charis have a glyph ID holding
// the byte of "(", ")", "\\", carriage return or line feed), come out of
// the PDF as they went in.
func TestEscapes(t *testing.T) {
	fs, err := font.Default()
	if err != nil {
		t.Fatal(err)
	}
	special := map[byte]bool{'(': true, ')': true, '\\': true, '\r': true, '\n': true}
	var tricky []rune
	found := map[byte]bool{}
	for r := rune(0x21); r < 0x2000 && len(found) < len(special); r++ {
		if !fs.HasGlyph(font.Regular, r) {
			continue
		}
		gs := fs.Shape(font.Regular, string(r)).Glyphs
		if len(gs) != 1 {
			continue
		}
		for _, c := range []byte{byte(gs[0].ID >> 8), byte(gs[0].ID)} {
			if special[c] && !found[c] {
				found[c] = true
				tricky = append(tricky, r)
			}
		}
	}
	if len(found) < 4 {
		t.Fatalf("only %d of the bytes to escape found in Charis's glyph IDs", len(found))
	}
	line := `(a\b) ` + string(tricky)
	d := &frame.Document{Meta: doc.Meta{Title: "Escapes (a\\b)\r\n"}, Pages: []*frame.Page{{
		W: 400 * units.Pt, H: 300 * units.Pt,
		Items: []frame.Item{
			{Kind: frame.Text, X: 20 * units.Pt, Y: 50 * units.Pt, Face: font.Regular, Size: 12 * units.Pt, Text: line},
		},
	}}}
	out := filepath.Join(t.TempDir(), "escapes.pdf")
	if err := os.WriteFile(out, write(t, d, fs), 0o644); err != nil {
		t.Fatal(err)
	}
	testtool.CheckPDF(t, out)
	txt, err := exec.Command(testtool.Need(t, "pdftotext"), "-enc", "UTF-8", out, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.TrimSpace(string(txt)); got != line {
		t.Errorf("pdftotext gives %q, want %q", got, line)
	}
	info, err := exec.Command(testtool.Need(t, "pdfinfo"), out).Output()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(info), "Title:           Escapes (a\\b)") {
		t.Errorf("pdfinfo:\n%s", info)
	}
}

// TestConsume: a consuming Write gives the same bytes and leaves the
// pages without items but with their labels and anchors.
func TestConsume(t *testing.T) {
	b := corpusBook(t, "communist-manifesto")
	d1, fs, _ := build(t, b)
	d2, _, _ := build(t, b)
	want := write(t, d1, fs)
	var buf bytes.Buffer
	if err := Write(&buf, d2, fs, Options{Created: created, Consume: true}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), want) {
		t.Fatalf("a consuming Write differs (%d and %d bytes)", buf.Len(), len(want))
	}
	anchors := 0
	for i, p := range d2.Pages {
		if p.Items != nil {
			t.Fatalf("page %d still holds %d items", i, len(p.Items))
		}
		if p.Label != d1.Pages[i].Label || p.W != d1.Pages[i].W {
			t.Fatalf("page %d lost its label or size", i)
		}
		anchors += len(p.Anchors)
	}
	if anchors == 0 {
		t.Error("the pages lost their anchors")
	}
	if len(d1.Pages[0].Items) == 0 {
		t.Error("a Write without Consume emptied a page")
	}
}

// BenchmarkWrite paints corpus books: the painter's share of a build.
// Besides wall time it reports the process's CPU time per write
// (cpu-ns/op), which a loaded machine disturbs less, and the PDF's size.
func BenchmarkWrite(b *testing.B) {
	for _, name := range []string{"common-sense", "emerson-essays"} {
		b.Run(name, func(b *testing.B) {
			bk := corpusBook(b, name)
			d, fs, _ := build(b, bk)
			b.ReportAllocs()
			var size int
			cpu0 := cpuTime()
			for b.Loop() {
				var buf bytes.Buffer
				if err := Write(&buf, d, fs, Options{Created: created}); err != nil {
					b.Fatal(err)
				}
				size = buf.Len()
			}
			b.ReportMetric(float64(cpuTime()-cpu0)/float64(b.N), "cpu-ns/op")
			b.ReportMetric(float64(size), "bytes")
		})
	}
}

const smallArticle = "---\ntitle: Blocks\nauthor: Ann Writer\ndate: 2024-05-01\n---\n\nIntro with a note.[^1] And a [link](https://example.org/a%20b) here.\n\n## A Section\n\nText after the heading.\n\n- one\n- two\n  1. nested\n\n> A quotation, set smaller.\n\n```\nfunc main() { fmt.Println(\"a code line long enough to need breaking at the measure of an A5 page, surely\") }\n```\n\n***\n\n| Name | Value |\n|------|------:|\n| alpha | 1 |\n| beta | 22 |\n\n![a missing picture](nothere.png)\n\nLast words.\n\n[^1]: The note's text.\n"

func TestSmallBook(t *testing.T) {
	var diags diag.List
	a := markdown.Parse("blocks.md", []byte(smallArticle), &diags)
	a.ID = "blocks"
	b := &doc.Book{Meta: doc.Meta{Title: "Small", Authors: []string{"Ann Writer"}, Lang: "en"}, Articles: []*doc.Article{a}}
	d, fs, td := build(t, b)
	for _, dg := range td.Items() {
		t.Log(dg)
	}
	pdf := write(t, d, fs)
	out := filepath.Join(t.TempDir(), "small.pdf")
	if dir := os.Getenv("PAMPHLET_KEEP_PDF"); dir != "" {
		out = filepath.Join(dir, "small.pdf")
	}
	if err := os.WriteFile(out, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	txt, err := exec.Command(testtool.Need(t, "pdftotext"), "-enc", "UTF-8", out, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(string(txt)), " ")
	for _, want := range []string{"Intro with a note.1 And a link here.", "A Section", "1. The note’s text.", "alpha 1", "beta 22", "Last words.", "↪"} {
		if !strings.Contains(text, want) {
			t.Errorf("pdftotext lacks %q in:\n%s", want, text)
		}
	}
}
