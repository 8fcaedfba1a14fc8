package epub

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"encoding/xml"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/pamphlet/pamphlet/builder/diag"
	"github.com/pamphlet/pamphlet/builder/doc"
	"github.com/pamphlet/pamphlet/builder/front"
)

var update = flag.Bool("update", false, "rewrite golden files")

var testTime = time.Date(2024, 5, 1, 12, 30, 0, 0, time.UTC)

func writeBook(t testing.TB, b *doc.Book, opts Options) ([]byte, *diag.List) {
	t.Helper()
	var buf bytes.Buffer
	var diags diag.List
	if opts.Modified.IsZero() {
		opts.Modified = testTime
	}
	withFront(b)
	if err := Write(&buf, b, opts, &diags); err != nil {
		t.Fatalf("Write: %v", err)
	}
	return buf.Bytes(), &diags
}

// withFront makes b's front matter, as the builder does before writing,
// unless b has it.
func withFront(b *doc.Book) {
	if b != nil && b.Front == nil {
		front.Make(b, front.Options{Faces: []string{"Charis SIL"}})
	}
}

func unzip(t testing.TB, data []byte) ([]string, map[string][]byte) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("not a zip: %v", err)
	}
	var names []string
	files := make(map[string][]byte)
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, f.Name)
		files[f.Name] = b
	}
	return names, files
}

func TestGolden(t *testing.T) {
	b, pages := smallBook()
	data, diags := writeBook(t, b, Options{PageStarts: pages})
	names, files := unzip(t, data)
	dir := filepath.Join("testdata", "golden")
	var list strings.Builder
	for _, n := range names {
		list.WriteString(n + "\n")
	}
	for _, d := range diags.Items() {
		list.WriteString("diag " + d.Code + " " + d.String() + "\n")
	}
	check := func(name string, got []byte) {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if *update {
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, got, 0o644); err != nil {
				t.Fatal(err)
			}
			return
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go test -update)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from %s (run go test -update and review the diff):\n%s", name, path, firstDiff(string(want), string(got)))
		}
	}
	check("ENTRIES", []byte(list.String()))
	for _, n := range names {
		check(n, files[n])
	}
}

// firstDiff shows the first differing line.
func firstDiff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return fmt.Sprintf("line %d:\nwant: %s\ngot:  %s", i+1, w, g)
		}
	}
	return ""
}

func TestDeterministic(t *testing.T) {
	b, pages := smallBook()
	first, _ := writeBook(t, b, Options{PageStarts: pages})
	for i := 0; i < 3; i++ {
		again, _ := writeBook(t, b, Options{PageStarts: pages})
		if !bytes.Equal(first, again) {
			t.Fatalf("write %d differs from the first", i+2)
		}
	}
	// The time zone of Modified must not matter.
	local, _ := writeBook(t, b, Options{PageStarts: pages, Modified: testTime.In(time.FixedZone("X", 5*3600))})
	if !bytes.Equal(first, local) {
		t.Fatal("output depends on the time zone of Options.Modified")
	}
	e1, _ := writeBook(t, everyBook(), Options{})
	e2, _ := writeBook(t, everyBook(), Options{})
	if !bytes.Equal(e1, e2) {
		t.Fatal("every-construct book: two writes differ")
	}
}

func TestMimetypeFirstAndStored(t *testing.T) {
	b, _ := smallBook()
	data, _ := writeBook(t, b, Options{})
	// The OCF rules: the first local header at offset 0, named
	// "mimetype", stored, no extra field, content at offset 38.
	if string(data[0:4]) != "PK\x03\x04" {
		t.Fatal("no local file header at offset 0")
	}
	method := binary.LittleEndian.Uint16(data[8:10])
	nameLen := binary.LittleEndian.Uint16(data[26:28])
	extraLen := binary.LittleEndian.Uint16(data[28:30])
	if method != 0 {
		t.Errorf("mimetype compression method = %d, want 0 (stored)", method)
	}
	if extraLen != 0 {
		t.Errorf("mimetype has %d bytes of extra field", extraLen)
	}
	if got := string(data[30 : 30+nameLen]); got != "mimetype" {
		t.Fatalf("first entry is %q", got)
	}
	if got := string(data[38:58]); got != "application/epub+zip" {
		t.Errorf("content at 38 = %q", got)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	for i, f := range zr.File {
		if i > 0 && f.Method != zip.Deflate {
			t.Errorf("%s: method %d, want deflate", f.Name, f.Method)
		}
		if !f.Modified.Equal(testTime) {
			t.Errorf("%s: modified %v, want %v", f.Name, f.Modified, testTime)
		}
		if len(f.Extra) != 0 {
			t.Errorf("%s: extra field %x", f.Name, f.Extra)
		}
	}
}

// TestWellFormed parses every XML file of both books.
func TestWellFormed(t *testing.T) {
	b, pages := smallBook()
	d1, _ := writeBook(t, b, Options{PageStarts: pages})
	d2, _ := writeBook(t, everyBook(), Options{})
	checkXML(t, d1)
	checkXML(t, d2)
}

// checkXML parses every XML file of an EPUB strictly and checks that no
// id repeats within a file.
func checkXML(t testing.TB, data []byte) {
	t.Helper()
	names, files := unzip(t, data)
	for _, n := range names {
		if !strings.HasSuffix(n, ".xhtml") && !strings.HasSuffix(n, ".opf") && !strings.HasSuffix(n, ".ncx") && !strings.HasSuffix(n, ".xml") {
			continue
		}
		d := xml.NewDecoder(bytes.NewReader(files[n]))
		d.Strict = true
		ids := map[string]bool{}
		for {
			tok, err := d.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Errorf("%s: %v", n, err)
				break
			}
			if se, ok := tok.(xml.StartElement); ok {
				for _, a := range se.Attr {
					if a.Name.Local == "id" {
						if ids[a.Value] {
							t.Errorf("%s: duplicate id %q", n, a.Value)
						}
						ids[a.Value] = true
					}
				}
			}
		}
	}
}

// FuzzWrite puts arbitrary strings everywhere a writer's text can go and
// checks that Write neither fails nor panics and that every file parses.
func FuzzWrite(f *testing.F) {
	for _, s := range []string{"", "a & b", "<script>x</script>", "fn-1", "\x00\ufffe", "über", "javascript:x", "https://x/ y", "1"} {
		f.Add(s, 3)
	}
	f.Fuzz(func(t *testing.T, s string, n int) {
		a := &doc.Article{ID: s, Meta: doc.Meta{Title: s, Subtitle: s, Authors: []string{s}, Lang: s},
			Blocks: []doc.Block{
				&doc.Heading{Level: n % 9, ID: s, Inlines: []doc.Inline{txt(s)}},
				para(txt(s), &doc.NoteRef{Label: s, N: n % 3}, &doc.Link{URL: s, Title: s, Inlines: []doc.Inline{txt(s)}},
					&doc.Link{Internal: true, TargetArticle: s, TargetID: s, Inlines: []doc.Inline{txt(s)}},
					&doc.Image{Src: s, Alt: s}, &doc.Code{Value: s}),
				&doc.CodeBlock{Lang: s, Text: s},
				&doc.List{Ordered: true, Start: n, Items: []*doc.ListItem{item(para(txt(s)))}},
			},
			Notes: []*doc.Note{{Label: s, N: 1, Blocks: []doc.Block{para(txt(s))}}},
		}
		b := &doc.Book{Meta: doc.Meta{Title: s, Authors: []string{s, s}, Lang: s, Date: s, Identifier: s, Subjects: []string{s}},
			Articles: []*doc.Article{a, a}}
		pages := []doc.PageStart{{Label: s, Article: n % 3, Block: n % 5, Offset: n}, {Label: s, Article: -1}}
		var buf bytes.Buffer
		withFront(b)
		if err := Write(&buf, b, Options{PageStarts: pages}, &diag.List{}); err != nil {
			t.Fatal(err)
		}
		checkXML(t, buf.Bytes())
	})
}

var unsafeRE = regexp.MustCompile(`(?i)<script|\son[a-z]+\s*=|javascript:|src="https?:|href="file:`)

func TestNoActiveOrRemoteContent(t *testing.T) {
	b, pages := smallBook()
	for _, data := range [][]byte{
		func() []byte { d, _ := writeBook(t, b, Options{PageStarts: pages}); return d }(),
		func() []byte { d, _ := writeBook(t, everyBook(), Options{}); return d }(),
	} {
		names, files := unzip(t, data)
		for _, n := range names {
			if m := unsafeRE.Find(files[n]); m != nil {
				t.Errorf("%s contains %q", n, m)
			}
		}
	}
}

func TestEveryConstruct(t *testing.T) {
	data, diags := writeBook(t, everyBook(), Options{})
	_, files := unzip(t, data)
	art := string(files["OEBPS/text/every-construct.xhtml"])
	for _, want := range []string{
		`<h1 id="title">Every &lt;Construct&gt; &amp; “Quote”</h1>`,
		`<h2 id="h-fn-1">`,       // clashes with a note id: prefixed
		`<h3 id="deep">`,         // level 4 after 1 (→ h2): never skips
		`<h3 id="über-uns">`,     // kept, Unicode letters and all; under the h2
		`<h3 id="über-uns-2">`,   // duplicate id: suffixed
		`<h4 id="h-1-numbered">`, // starts with a digit
		`<s>strike</s>`, `<sub>2</sub>`, `<sup>2</sup>`, `<span class="smallcaps">Small Caps</span>`,
		`<code>a &lt; b &amp;&amp; c</code><br/>`,
		`<sup><a epub:type="noteref" role="doc-noteref" href="#fn-1" id="fnref-1">1</a></sup>`,
		`id="fnref-1-2"`,
		`[gone]`,
		`<li class="task">☐ open task</li>`, `<li class="task">☑ done task</li>`,
		`<li><p>two</p>`,
		`<pre><code class="language-go">func main() {`, `if a &lt; b &amp;&amp; c &gt; d {}`,
		`<span class="alt">A remote image</span>`,
		`<span class="alt">Corrupt</span>`,
		`<img src="../images/image-1.png" alt="" title="a title"/>`,
		`<img src="../images/image-1.png" alt="rule" class="inline"/>`, // embedded once
		`<td>x</td><td></td></tr>`,
		`<hr class="ornament"/>`,
		`<a href="mailto:a@example.org" title="Mail &quot;me&quot;">mail</a>`,
		` script `, ` relative `,
		`<a href="https://example.org/a">outer inner<sup>1</sup></a>`,
		` lost `,
		`<a href="#über-uns">unicode anchor</a>`,
		`<a href="https://example.org/a%20b/%C3%BC?q=%22%3Cx%3E%22&amp;r=%25zz#frag">messy URL</a>`,
		`<a href="#deep">self</a>`, `<a href="#h-fn-1">clash</a>`, `<a href="#title">bad anchor</a>`,
		"Illegal:  and invalid UTF-8: \ufffd; legal: \u2060\u00a0\u200a\t.",
		`<aside class="note" epub:type="footnote" role="doc-footnote" id="fn-1">`,
		`<p><a href="#fnref-1" role="doc-backlink" title="Back to text">1</a>. </p>`,
		`<a href="#fnref-2" role="doc-backlink"`,
		`<p>3. </p>`,
		`xml:lang="en-GB" lang="en-GB"`,
	} {
		if !strings.Contains(art, want) {
			t.Errorf("article lacks %s", want)
		}
	}
	if strings.Contains(art, `<ul>`+"\n"+`</ul>`) || strings.Contains(art, "<table>\n</table>") {
		t.Error("empty list or table written")
	}
	if !strings.Contains(string(files["OEBPS/text/title-from-heading.xhtml"]), "") {
		t.Error("no title from heading")
	}
	if _, ok := files["OEBPS/text/article-3.xhtml"]; !ok {
		t.Errorf("article without id: no article-3.xhtml")
	}
	if _, ok := files["OEBPS/text/every-construct-2.xhtml"]; !ok {
		t.Errorf("clashing file name not suffixed")
	}
	got := map[string]int{}
	for _, d := range diags.Items() {
		got[d.Code]++
	}
	for code, n := range map[string]int{
		CodeImageRead: 1, CodeImageFormat: 1, CodeImageAlt: 1, CodeLinkArticle: 1, CodeLinkTarget: 1,
		CodeLinkScheme: 2, CodeNoteMissing: 1, CodeLang: 1, CodeDate: 1, CodeNoteUnnumbered: 1,
	} {
		if got[code] != n {
			t.Errorf("%d diagnostics %s, want %d", got[code], code, n)
		}
	}
	opf := string(files["OEBPS/content.opf"])
	for _, want := range []string{
		`<dc:creator id="creator-2">Jean-Jacques Rousseau</dc:creator>`,
		`<meta refines="#creator-2" property="file-as">Rousseau, Jean-Jacques</meta>`,
		`<meta property="schema:accessMode">visual</meta>`,
		`<meta property="schema:accessibilityFeature">alternativeText</meta>`,
	} {
		if !strings.Contains(opf, want) {
			t.Errorf("content.opf lacks %s", want)
		}
	}
	for _, bad := range []string{"<dc:date>", "printPageNumbers", `<dc:subject></dc:subject>`, `creator-3`} {
		if strings.Contains(opf, bad) {
			t.Errorf("content.opf has %s", bad)
		}
	}
}

func TestPageMarkers(t *testing.T) {
	b, pages := smallBook()
	data, _ := writeBook(t, b, Options{PageStarts: pages})
	_, files := unzip(t, data)
	one := string(files["OEBPS/text/first-essay.xhtml"])
	// Offset 14 of "These are the times…" falls before "times".
	if !strings.Contains(one, `These are the <span class="pagebreak" epub:type="pagebreak" role="doc-pagebreak" id="page-2" aria-label="2"></span>times`) {
		t.Error("page 2 not placed at its rune offset")
	}
	if i, j := strings.Index(one, `id="page-1"`), strings.Index(one, `<h1`); i < 0 || i > j {
		t.Error("page 1 not before the title")
	}
	if i, j := strings.Index(one, `id="page-3"`), strings.Index(one, `<table>`); i < 0 || i > j {
		t.Error("page 3 not before block 3")
	}
	two := string(files["OEBPS/text/second-essay.xhtml"])
	if !strings.Contains(two, `Back to <span class="pagebreak" epub:type="pagebreak" role="doc-pagebreak" id="page-5" aria-label="5"></span><a`) {
		t.Error("page 5 not at offset 8, before the link")
	}
	if !strings.Contains(string(files["OEBPS/titlepage.xhtml"]), `id="page-i"`) {
		t.Error("front-matter page not on the title page")
	}
	nav := string(files["OEBPS/nav.xhtml"])
	order := []string{"titlepage.xhtml#page-i", "first-essay.xhtml#page-1", "first-essay.xhtml#page-2", "first-essay.xhtml#page-3", "second-essay.xhtml#page-4", "second-essay.xhtml#page-5"}
	last := -1
	for _, o := range order {
		i := strings.Index(nav, o)
		if i < last {
			t.Errorf("page-list entry %s missing or out of order", o)
		}
		last = i
	}
	// Without page starts there is no page-list.
	data, _ = writeBook(t, b, Options{})
	_, files = unzip(t, data)
	if strings.Contains(string(files["OEBPS/nav.xhtml"]), "page-list") || strings.Contains(string(files["OEBPS/toc.ncx"]), "pageList") {
		t.Error("page-list without page starts")
	}
}

func TestWordEnd(t *testing.T) {
	text := []rune("spe cific cliff-swallows dis cussing")
	for _, c := range []struct{ in, want int }{
		{0, 0}, {2, 3}, {4, 4}, {6, 9}, {16, 16}, {27, 28}, {30, 36}, {36, 36}, {99, 99},
	} {
		if got := wordEnd(text, c.in); got != c.want {
			t.Errorf("wordEnd(%d) = %d, want %d", c.in, got, c.want)
		}
	}
}

func TestLanguage(t *testing.T) {
	b, _ := smallBook()
	b.Meta.Lang = "de-AT"
	data, _ := writeBook(t, b, Options{})
	_, files := unzip(t, data)
	nav := string(files["OEBPS/nav.xhtml"])
	if !strings.Contains(nav, `<h1 id="toc-title">Inhalt</h1>`) || !strings.Contains(nav, `xml:lang="de-AT"`) {
		t.Errorf("nav not in German:\n%s", nav)
	}
	if !strings.Contains(string(files["OEBPS/text/first-essay.xhtml"]), `title="Zurück zum Text"`) {
		t.Error("backlink label not in German")
	}
	col := string(files["OEBPS/colophon.xhtml"])
	for _, want := range []string{"<h1 id=\"colophon-title\">Impressum</h1>", "Erstellt mit pamphlet.", "Gesetzt in Charis SIL."} {
		if !strings.Contains(col, want) {
			t.Errorf("colophon not in German: no %q in\n%s", want, col)
		}
	}
	if toc := string(files["OEBPS/contents.xhtml"]); !strings.Contains(toc, `<h1 id="contents-title">Inhalt</h1>`) {
		t.Errorf("contents page not in German:\n%s", toc)
	}
}

func TestEscape(t *testing.T) {
	for in, want := range map[string]string{
		`a & b < c > d "e"`:          `a &amp; b &lt; c &gt; d "e"`,
		"x\x00\x08\x0b\ufffe\uffffy": "xy",
		"\u2060\u00a0\u200a\n\t":     "\u2060\u00a0\u200a\n\t",
		"bad \xff\xfe":               "bad \ufffd\ufffd",
		"\r\n":                       "\n\n",
	} {
		if got := esc(in); got != want {
			t.Errorf("esc(%q) = %q, want %q", in, got, want)
		}
	}
	if got := clean(" \x00 a\x01  b\xff "); got != "a b\ufffd" {
		t.Errorf("clean = %q", got)
	}
	if got := attr("a\"b\nc"); got != "a&quot;b c" {
		t.Errorf("attr = %q", got)
	}
}

func TestCleanURL(t *testing.T) {
	for in, want := range map[string]string{
		"https://example.org/?a=1&b=2#x":     "https://example.org/?a=1&b=2#x",
		"https://example.org/a%20b":          "https://example.org/a%20b",
		"https://example.org/a b/ü?q=\"<>\"": "https://example.org/a%20b/%C3%BC?q=%22%3C%3E%22",
		"https://example.org/100%":           "https://example.org/100%25",
		"mailto:a@example.org":               "mailto:a@example.org",
	} {
		if got := cleanURL(in); got != want {
			t.Errorf("cleanURL(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestFileAs(t *testing.T) {
	for in, want := range map[string]string{
		"Thomas Paine":          "Paine, Thomas",
		"Ralph Waldo Emerson":   "Emerson, Ralph Waldo",
		"Plato":                 "Plato",
		"Marx, Karl":            "Marx, Karl",
		"  Peter   Kropotkin  ": "Kropotkin, Peter",
		"The pamphlet project":  "pamphlet project, The",
		"Society for the Diffusion of Useful Knowledge": "Society for the Diffusion of Useful Knowledge",
		"Ludwig van Beethoven":                          "Beethoven, Ludwig van",
		"Martin Luther King Jr.":                        "King, Martin Luther, Jr.",
		"Errico Malatesta":                              "Malatesta, Errico",
		"bell hooks":                                    "bell hooks",
	} {
		if got := fileAs(in); got != want {
			t.Errorf("fileAs(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestDerivedIdentifier(t *testing.T) {
	b, _ := smallBook()
	b.Meta.Identifier = ""
	id := deriveIdentifier(b.Meta)
	if !regexp.MustCompile(`^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`).MatchString(id) {
		t.Errorf("derived identifier %q is not a version-5 UUID URN", id)
	}
	data, _ := writeBook(t, b, Options{})
	_, files := unzip(t, data)
	if !strings.Contains(string(files["OEBPS/toc.ncx"]), `<meta name="dtb:uid" content="`+id+`"/>`) {
		t.Error("NCX uid is not the derived identifier")
	}
	data, _ = writeBook(t, b, Options{Identifier: "urn:isbn:9780000000000"})
	_, files = unzip(t, data)
	if !strings.Contains(string(files["OEBPS/content.opf"]), `<dc:identifier id="pub-id">urn:isbn:9780000000000</dc:identifier>`) {
		t.Error("Options.Identifier not used")
	}
}

func TestNilBook(t *testing.T) {
	if err := Write(io.Discard, nil, Options{}, &diag.List{}); err == nil {
		t.Error("nil book: no error")
	}
	// An empty book is still a valid publication (EPUBCheck accepted
	// it with 0/0 when tried): its contents list the title page.
	data, _ := writeBook(t, &doc.Book{}, Options{})
	_, files := unzip(t, data)
	if !strings.Contains(string(files["OEBPS/nav.xhtml"]), `<li><a href="titlepage.xhtml">Title page</a></li>`) {
		t.Error("empty book: the toc nav has no entry")
	}
	if !strings.Contains(string(files["OEBPS/toc.ncx"]), `<content src="titlepage.xhtml"/>`) {
		t.Error("empty book: the NCX has no navPoint")
	}
}

type failWriter struct{ n int }

func (f *failWriter) Write(p []byte) (int, error) {
	if f.n -= len(p); f.n < 0 {
		return 0, io.ErrShortWrite
	}
	return len(p), nil
}

func TestWriteError(t *testing.T) {
	b, _ := smallBook()
	withFront(b)
	if err := Write(&failWriter{n: 100}, b, Options{}, &diag.List{}); err == nil || !errors.Is(err, io.ErrShortWrite) {
		t.Errorf("write error not returned: %v", err)
	}
}

// TestNoFront: a book whose front matter was never made is an error, not
// an EPUB with words the writer made up.
func TestNoFront(t *testing.T) {
	b, _ := smallBook()
	b.Front = nil
	if err := Write(io.Discard, b, Options{}, &diag.List{}); !errors.Is(err, errNoFront) {
		t.Errorf("Write without front matter: %v, want errNoFront", err)
	}
}

// syntheticBook is about words words long, in articles of 5,000 words
// with headings, notes and emphasis, like a long book of essays.
func syntheticBook(words int) *doc.Book {
	const sentence = "The only \u2060—\u00a0true wisdom is in knowing you know nothing & less. "
	perSentence := len(strings.Fields(sentence))
	b := &doc.Book{Meta: doc.Meta{Title: "Synthetic", Authors: []string{"A. Writer"}, Lang: "en"}}
	for written := 0; written < words; {
		a := &doc.Article{ID: fmt.Sprintf("essay-%d", len(b.Articles)+1), Meta: doc.Meta{Title: fmt.Sprintf("Essay %d", len(b.Articles)+1)}}
		for aw := 0; aw < 5000 && written < words; {
			if len(a.Blocks)%10 == 0 {
				a.Blocks = append(a.Blocks, head(2, fmt.Sprintf("s-%d", len(a.Blocks)), "A section"))
			}
			var ins []doc.Inline
			for s := 0; s < 8; s++ {
				ins = append(ins, txt(sentence), &doc.Emph{Inlines: []doc.Inline{txt("emphasis")}}, &doc.SoftBreak{})
				aw += perSentence + 1
				written += perSentence + 1
			}
			if len(a.Blocks)%7 == 0 {
				n := len(a.Notes) + 1
				ins = append(ins, &doc.NoteRef{Label: fmt.Sprint(n), N: n})
				a.Notes = append(a.Notes, &doc.Note{Label: fmt.Sprint(n), N: n, Blocks: []doc.Block{para(txt(sentence))}})
			}
			a.Blocks = append(a.Blocks, &doc.Para{Inlines: ins})
		}
		b.Articles = append(b.Articles, a)
	}
	return b
}

func BenchmarkWrite(b *testing.B) {
	book := syntheticBook(100_000)
	withFront(book)
	var pages []doc.PageStart
	for i, a := range book.Articles {
		for bi := 1; bi < len(a.Blocks); bi += 5 {
			pages = append(pages, doc.PageStart{Label: fmt.Sprint(len(pages) + 1), Article: i, Block: bi, Offset: 40})
		}
	}
	var out int
	b.ReportAllocs()
	for b.Loop() {
		var buf bytes.Buffer
		if err := Write(&buf, book, Options{Modified: testTime, PageStarts: pages}, &diag.List{}); err != nil {
			b.Fatal(err)
		}
		out = buf.Len()
	}
	b.ReportMetric(float64(out), "epub-bytes")
	b.ReportMetric(100_000*float64(b.N)/b.Elapsed().Seconds(), "words/s")
}
