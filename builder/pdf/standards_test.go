package pdf

import (
	"bytes"
	"encoding/xml"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"go.yaml.in/yaml/v3"

	"github.com/pamphlet/pamphlet/builder/check/pdfstd"
	"github.com/pamphlet/pamphlet/builder/diag"
	"github.com/pamphlet/pamphlet/builder/doc"
	"github.com/pamphlet/pamphlet/builder/frame"
	"github.com/pamphlet/pamphlet/builder/markdown"

	"github.com/pamphlet/pamphlet/internal/testtool"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// bookAt reads the book whose manifest is dir/book.yaml with the
// Markdown reader, as corpusBook does; the test skips (fails in CI) when
// it is absent.
func bookAt(t testing.TB, dir string) *doc.Book {
	t.Helper()
	src, err := os.ReadFile(testtool.Shared(t, filepath.Join(dir, "book.yaml")))
	if err != nil {
		t.Fatal(err)
	}
	var m struct {
		Title       string   `yaml:"title"`
		Subtitle    string   `yaml:"subtitle"`
		Author      string   `yaml:"author"`
		Language    string   `yaml:"language"`
		Description string   `yaml:"description"`
		Articles    []string `yaml:"articles"`
	}
	if err := yaml.Unmarshal(src, &m); err != nil {
		t.Fatal(err)
	}
	b := &doc.Book{Meta: doc.Meta{Title: m.Title, Subtitle: m.Subtitle, Authors: []string{m.Author}, Lang: m.Language, Description: m.Description}}
	var diags diag.List
	for _, p := range m.Articles {
		s, err := os.ReadFile(filepath.Join(dir, p))
		if err != nil {
			t.Fatal(err)
		}
		a := markdown.Parse(p, s, &diags)
		a.ID = strings.TrimSuffix(filepath.Base(p), ".md")
		b.Articles = append(b.Articles, a)
	}
	return b
}

// sourceWords returns the words of the book's articles in reading
// order: each article's blocks, then its notes (the structure tree's
// order), normalised by normWord.
func sourceWords(b *doc.Book) []string {
	var sb strings.Builder
	visit := func(n doc.Node) bool {
		switch n := n.(type) {
		case *doc.Text:
			sb.WriteString(n.Value)
		case *doc.Code:
			sb.WriteString(n.Value)
		case *doc.CodeBlock:
			sb.WriteString(n.Text)
		case *doc.Image:
			sb.WriteString(n.Alt)
		case *doc.SoftBreak, *doc.LineBreak:
			sb.WriteByte(' ')
		case doc.Block, *doc.ListItem, *doc.Cell:
			sb.WriteByte(' ')
		}
		return true
	}
	for _, a := range b.Articles {
		sb.WriteString(" " + a.Meta.Title + " ")
		doc.InspectBlocks(a.Blocks, visit)
		for _, n := range a.Notes {
			doc.InspectBlocks(n.Blocks, visit)
		}
	}
	var out []string
	for _, w := range strings.Fields(sb.String()) {
		if w = normWord(w); w != "" {
			out = append(out, w)
		}
	}
	return out
}

// normWord lower-cases w, trims punctuation and symbols off its ends,
// and drops hyphens (a compound broken at its own hyphen is joined at
// the line's end: self-|conscious) and invisible format characters (a
// word joiner beside a dash), which the layout does not paint.
func normWord(w string) string {
	w = strings.Map(func(r rune) rune {
		if unicode.Is(unicode.Cf, r) || r == '-' {
			return -1
		}
		return r
	}, w)
	return strings.ToLower(strings.TrimFunc(w, func(r rune) bool { return unicode.IsPunct(r) || unicode.IsSymbol(r) }))
}

// structText returns the words of `pdfinfo -struct-text` in tree order,
// the pieces of a word broken at a line's end joined, and the number of
// words before joining.
func structText(t *testing.T, file string) (words []string, raw int) {
	t.Helper()
	out, err := exec.Command(testtool.Need(t, "pdfinfo"), "-struct-text", file).Output()
	if err != nil {
		t.Fatal(err)
	}
	var chunks []string
	for _, l := range strings.Split(string(out), "\n") {
		l = strings.TrimSpace(l)
		if len(l) >= 2 && l[0] == '"' && l[len(l)-1] == '"' {
			chunks = append(chunks, l[1:len(l)-1])
		}
	}
	var fields []string
	for _, c := range chunks {
		f := strings.Fields(c)
		raw += len(f)
		fields = append(fields, f...)
	}
	// A word that ends a line with a hyphen (one broken there, or a
	// compound broken at its own hyphen) goes on in the next.
	for i := 0; i < len(fields); i++ {
		w := fields[i]
		for strings.HasSuffix(w, "-") && i+1 < len(fields) {
			i++
			w += fields[i]
		}
		if w = normWord(w); w != "" {
			words = append(words, w)
		}
	}
	return words, raw
}

// inOrder returns the share of want found in got in order, each found
// word at most window words after the one before. As in builder's test,
// a match far ahead counts only when the next few words follow it, so
// that one missing common word does not make the search jump to its next
// occurrence and lose its place.
func inOrder(want, got []string, window int) float64 {
	j, found := 0, 0
	followed := func(i, k int) bool {
		next := want[i+1 : min(len(want), i+4)]
		ahead := got[k+1 : min(len(got), k+12)]
		n := 0
		for _, w := range next {
			for _, g := range ahead {
				if g == w {
					n++
					break
				}
			}
		}
		return n == len(next)
	}
	for i, w := range want {
		for k := j; k < len(got) && k < j+window; k++ {
			if got[k] == w && (k-j < 20 || followed(i, k)) {
				found++
				j = k + 1
				break
			}
		}
	}
	if len(want) == 0 {
		return 1
	}
	return float64(found) / float64(len(want))
}

// TestStructure: the tagged PDF of the sample pamphlet and of Common
// Sense: pdfinfo says it is tagged, its structure (pdfinfo -struct) is
// the golden file's, the structure's text holds the source's words in
// order (≥ 0.985), and no running head or folio: it has no more words
// than the items that are content.
func TestStructure(t *testing.T) {
	for _, tc := range []struct{ name, dir string }{
		{"sample", filepath.Join("..", "..")},
		{"common-sense", filepath.Join("..", "..", "..", "shared", "corpus", "common-sense")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := bookAt(t, tc.dir)
			d, fs, _ := build(t, b)
			contentWords := 0
			for _, p := range d.Pages {
				for _, it := range p.Items {
					if it.Kind == frame.Text && it.Node > 0 {
						contentWords += len(strings.Fields(it.Text))
					}
				}
			}
			file := writeFile(t, tc.name+".pdf", write(t, d, fs))
			testtool.CheckPDF(t, file)
			info, err := exec.Command(testtool.Need(t, "pdfinfo"), file).Output()
			if err != nil {
				t.Fatal(err)
			}
			for _, want := range []string{"Tagged:          yes", "Metadata Stream: yes", "PDF version:     1.7"} {
				if !strings.Contains(string(info), want) {
					t.Errorf("pdfinfo lacks %q:\n%s", want, info)
				}
			}
			tree, err := exec.Command("pdfinfo", "-struct", file).Output()
			if err != nil {
				t.Fatal(err)
			}
			golden(t, filepath.Join("testdata", "structure-"+tc.name+".golden"), tree)

			words, raw := structText(t, file)
			src := sourceWords(b)
			if r := inOrder(src, words, 400); r < 0.985 {
				t.Errorf("%.4f of %d source words in order in the structure's text, want ≥ 0.985", r, len(src))
			} else {
				t.Logf("%.4f of %d source words in order in the structure's text", r, len(src))
			}
			if raw > contentWords {
				t.Errorf("the structure's text has %d words, the content only %d: artifacts in it", raw, contentWords)
			}
			if raw < contentWords*98/100 {
				t.Errorf("the structure's text has %d words of the content's %d", raw, contentWords)
			}
		})
	}
}

func golden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs (run with -update and review the diff); got:\n%.2000s", path, got)
	}
}

// TestXMP: the metadata packet is well-formed XML with what the
// information dictionary says, the dates from Options.Created, and the
// claims of each kind of PDF.
func TestXMP(t *testing.T) {
	m := doc.Meta{Title: "A <Title> & more", Authors: []string{"Ann", "Bob"}, Lang: "de", Description: "Desc", Publisher: "Pub", Subjects: []string{"x"}}
	for _, tc := range []struct {
		claims  xmpClaims
		want    []string
		without []string
	}{
		{xmpClaims{ua: true}, []string{"<pdfuaid:part>1</pdfuaid:part>"}, []string{"pdfaid:", "pdfxid:", "pdfaExtension"}},
		{xmpClaims{ua: true, pdfa: "A"}, []string{"<pdfaid:part>2</pdfaid:part>", "<pdfaid:conformance>A</pdfaid:conformance>", "<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>"}, []string{"pdfxid:"}},
		{xmpClaims{pdfx: true}, []string{"<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>", "<pdf:Trapped>False</pdf:Trapped>"}, []string{"pdfuaid:", "pdfaid:"}},
	} {
		x := xmp(m, created, tc.claims)
		var v struct {
			RDF struct {
				Desc struct {
					Title   []string `xml:"title>Alt>li"`
					Creator []string `xml:"creator>Seq>li"`
					Lang    []string `xml:"language>Bag>li"`
					Create  string   `xml:"CreateDate"`
					Modify  string   `xml:"ModifyDate"`
					MDate   string   `xml:"MetadataDate"`
					Tool    string   `xml:"CreatorTool"`
					Prod    string   `xml:"Producer"`
				} `xml:"Description"`
			} `xml:"RDF"`
		}
		if err := xml.Unmarshal(x, &v); err != nil {
			t.Fatalf("XMP does not parse: %v\n%s", err, x)
		}
		dd := v.RDF.Desc
		if len(dd.Title) != 2 || dd.Title[0] != m.Title || strings.Join(dd.Creator, ",") != "Ann,Bob" || strings.Join(dd.Lang, ",") != "de" {
			t.Errorf("title %q, creators %q, language %q", dd.Title, dd.Creator, dd.Lang)
		}
		if dd.Create != "2026-01-02T03:04:05Z" || dd.Modify != dd.Create || dd.MDate != dd.Create || dd.Tool != "pamphlet" || dd.Prod != "pamphlet" {
			t.Errorf("dates %q %q %q, tool %q, producer %q", dd.Create, dd.Modify, dd.MDate, dd.Tool, dd.Prod)
		}
		for _, w := range tc.want {
			if !bytes.Contains(x, []byte(w)) {
				t.Errorf("%+v: XMP lacks %s", tc.claims, w)
			}
		}
		for _, w := range tc.without {
			if bytes.Contains(x, []byte(w)) {
				t.Errorf("%+v: XMP has %s", tc.claims, w)
			}
		}
	}
	if !bytes.Equal(xmp(m, created, xmpClaims{ua: true}), xmp(m, created, xmpClaims{ua: true})) {
		t.Error("XMP is not deterministic")
	}
}

// TestParseStandard: the names the manifest passes, and a clear error
// for others.
func TestParseStandard(t *testing.T) {
	for in, want := range map[string]Standard{"": "", "none": "", "PDF/A-2u": PDFA2U, "pdf/a-2a": PDFA2A} {
		if got, err := ParseStandard(in); err != nil || got != want {
			t.Errorf("ParseStandard(%q) = %q, %v", in, got, err)
		}
	}
	if _, err := ParseStandard("pdf/a-1b"); err == nil || !strings.Contains(err.Error(), "pdf/a-2u") {
		t.Errorf("error %v does not name the known standards", err)
	}
}

// TestScriptsCopyBackTagged: in a tagged PDF, where a word that needs
// /ActualText is a marked sequence of its own, pdftotext still gives
// back every word of every script (poppler reads /ActualText only in a
// Span's property list: a P-tagged sequence lost the Indic words).
func TestScriptsCopyBackTagged(t *testing.T) {
	d, fs := scriptDoc(t, scriptLines)
	d.Nodes = []frame.Node{{Role: "Document", Parent: -1, Lang: "hi"}, {Role: "P"}}
	for i := range d.Pages[0].Items {
		d.Pages[0].Items[i].Node = 1
	}
	pdf := write(t, d, fs)
	if !bytes.Contains(pdf, []byte("/MarkInfo")) {
		t.Fatal("the PDF is not tagged")
	}
	out := writeFile(t, "scripts-tagged.pdf", pdf)
	txt, err := exec.Command(testtool.Need(t, "pdftotext"), "-enc", "UTF-8", out, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, w := range strings.Fields(strings.NewReplacer("\u202b", " ", "\u202c", " ").Replace(string(txt))) {
		got[w] = true
	}
	for _, words := range scriptLines {
		for _, w := range words {
			if !got[w] {
				t.Errorf("pdftotext lacks %q in\n%s", w, txt)
			}
		}
	}
}

// TestPDFAScripts: PDF/A wants every glyph mapped to Unicode, including
// the glyphs of a cluster after its first, which map to nothing in the
// reader's PDF; there they map to a zero-width space, and the scripts
// still copy back word for word.
func TestPDFAScripts(t *testing.T) {
	d, fs := scriptDoc(t, scriptLines)
	d.Meta.Authors = []string{"Test"}
	d.Nodes = []frame.Node{{Role: "Document", Parent: -1, Lang: "hi"}, {Role: "P"}}
	for i := range d.Pages[0].Items {
		d.Pages[0].Items[i].Node = 1
	}
	var plain, pdfa bytes.Buffer
	if err := Write(&plain, d, fs, Options{Created: created}); err != nil {
		t.Fatal(err)
	}
	if err := Write(&pdfa, d, fs, Options{Created: created, Standard: PDFA2U}); err != nil {
		t.Fatal(err)
	}
	check := func(data []byte) []string {
		r, err := pdfstd.Check(data)
		if err != nil {
			t.Fatal(err)
		}
		var failed []string
		for _, x := range r.Failed() {
			failed = append(failed, x.Code)
		}
		return failed
	}
	if got := check(pdfa.Bytes()); len(got) > 0 {
		t.Errorf("the PDF/A fails %v", got)
	}
	r, err := pdfstd.Check(plain.Bytes(), pdfstd.PDFA)
	if err != nil {
		t.Fatal(err)
	}
	unmapped := false
	for _, x := range r.Results {
		unmapped = unmapped || x.Code == "PDFA005" && !x.Pass
	}
	if !unmapped {
		t.Error("the test's scripts have no glyph that maps to nothing in the reader's PDF: it tests nothing")
	}
	out := writeFile(t, "scripts-pdfa.pdf", pdfa.Bytes())
	txt, err := exec.Command(testtool.Need(t, "pdftotext"), "-enc", "UTF-8", out, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, w := range strings.Fields(strings.NewReplacer("\u202b", " ", "\u202c", " ").Replace(string(txt))) {
		got[w] = true
	}
	for _, words := range scriptLines {
		for _, w := range words {
			if !got[w] {
				t.Errorf("pdftotext lacks %q in\n%s", w, txt)
			}
		}
	}
}

// TestPersianMarks: Persian words with a hamza above, raised by the
// shaper (مادهٔ) or composed with its alef into one glyph (تأمین with
// U+0627 U+0654, as the UDHR text writes it), copy back whole and in
// order; poppler put a raised mark on a line of its own and read the
// composed glyph's two characters reversed (see marks.go).
func TestPersianMarks(t *testing.T) {
	words := []string{"مادهٔ", "ت\u0627\u0654مین", "کلیهٔ", "ر\u0627\u0654ی", "کار", "ماده"}
	for _, tagged := range []bool{false, true} {
		d, fs := scriptDoc(t, [][]string{words})
		if tagged {
			d.Nodes = []frame.Node{{Role: "Document", Parent: -1, Lang: "fa"}, {Role: "P"}}
			for i := range d.Pages[0].Items {
				d.Pages[0].Items[i].Node = 1
			}
		}
		out := writeFile(t, "persian.pdf", write(t, d, fs))
		testtool.CheckPDF(t, out)
		txt, err := exec.Command(testtool.Need(t, "pdftotext"), "-enc", "UTF-8", out, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		got := strings.Fields(strings.NewReplacer("\u202b", " ", "\u202c", " ").Replace(string(txt)))
		if strings.Join(got, " ") != strings.Join(words, " ") {
			t.Errorf("tagged %v: pdftotext gives %+q, want %+q", tagged, got, words)
		}
		// Every glyph keeps Unicode (the hidden marks a filler inside
		// an empty /ActualText).
		data, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		r, err := pdfstd.Check(data, pdfstd.UA, pdfstd.PDFA)
		if err != nil {
			t.Fatal(err)
		}
		for _, x := range r.Results {
			if (x.Code == "UA009" || x.Code == "PDFA005") && !x.Pass {
				t.Errorf("tagged %v: %s fails: %s", tagged, x.Code, x.Saw)
			}
		}
	}
}

// TestStructureOrderCorpus: every corpus book's structure text holds
// ≥ 0.985 of its source words in order (notes at the end of their
// article, as the tree has them), and no more words than its content.
func TestStructureOrderCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("typesets every corpus book")
	}
	for _, name := range []string{"communist-manifesto", "emerson-essays", "kropotkin-mutual-aid", "malatesta-essays"} {
		t.Run(name, func(t *testing.T) {
			b := bookAt(t, filepath.Join("..", "..", "..", "shared", "corpus", name))
			d, fs, _ := build(t, b)
			contentWords := 0
			for _, p := range d.Pages {
				for _, it := range p.Items {
					if it.Kind == frame.Text && it.Node > 0 {
						contentWords += len(strings.Fields(it.Text))
					}
				}
			}
			words, raw := structText(t, writeFile(t, name+".pdf", write(t, d, fs)))
			src := sourceWords(b)
			r := inOrder(src, words, 400)
			t.Logf("%.4f of %d source words in order in the structure's text", r, len(src))
			if r < 0.985 {
				t.Errorf("%.4f of %d source words in order, want ≥ 0.985", r, len(src))
			}
			if raw > contentWords {
				t.Errorf("the structure's text has %d words, the content only %d: artifacts in it", raw, contentWords)
			}
		})
	}
}
