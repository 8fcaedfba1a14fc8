package importer

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pamphlet/pamphlet/builder/diag"
	"github.com/pamphlet/pamphlet/builder/doc"
	"github.com/pamphlet/pamphlet/builder/markdown"
	"github.com/pamphlet/pamphlet/internal/testtool"
)

var update = flag.Bool("update", false, "rewrite golden files")

// report is what a golden file holds: the Markdown, then the removals
// and diagnostics, so that a change in what is dropped shows in review.
func report(res *Result, diags *diag.List) string {
	var b strings.Builder
	b.Write(res.Markdown)
	b.WriteString("\n<!-- removed\n")
	for _, r := range res.Removed {
		fmt.Fprintf(&b, "%d: %s — %s\n", r.Line, r.Text, r.Why)
	}
	b.WriteString("images: " + strings.Join(res.Images, ", ") + "\n")
	for _, d := range diags.Items() {
		b.WriteString(d.String() + "\n")
	}
	b.WriteString("-->\n")
	return b.String()
}

// fixtures maps each test page to text that must be kept and text that
// must be dropped.
var fixtures = []struct {
	file       string
	keep, drop []string
}{
	{"wordpress.html",
		[]string{`title: "Notes on the Harbour Strike"`, `subtitle: "What the dockers won`, `author: "Mary Keane"`, `date: "2023-05-14"`,
			`source: "https://dockside.example.org/2023/05/harbour-strike/"`, "## How it started", "*guaranteed*", "**nine hundred**",
			"![Dockers on the picket line at gate 4](wordpress_files/picket-line.jpg)", "*The picket at gate 4, day three.*",
			"> We are not asking for more.", "- no new “on call” category;", "[work the company calls seasonal](https://dockside.example.org/2023/04/casual-work/)",
			"5\\*3", "*The harbour gate at dawn*"},
		[]string{"Skip to content", "Share this", "Twitter", "Like this", "Loading", "Related", "Posted in", "Tagged", "Previous post",
			"thoughts on", "Solidarity", "Leave a Reply", "email address", "Recent Posts", "Proudly powered", "cookies", "# Notes on the Harbour Strike", "Menu"}},
	{"news.html",
		[]string{`title: "Councils warn of bus cuts as fuel costs rise"`, `subtitle: "Rural routes are the first to go`, "  - \"Aisha Rahman\"", "  - \"Tom O'Neill\"",
			`date: "2024-02-02"`, `source: "https://www.ledger.example.com/news/uk/2024/feb/02/bus-cuts"`, "## Where the money goes",
			"| Region | Routes at risk |", "| South West | 52 |", "*A stop on the 47 route", "“We are talking about the last bus, full stop.”"},
		[]string{"cookies", "Opinion", "News ›", "Read more", "fare cap", "Advertisement", "First Edition", "Share on X", "More on this story",
			"Comments", "Privacy policy", "Evening Ledger Media", "An empty bus stop"}},
	{"substack.html",
		[]string{`title: "The Quiet Ledger"`, `subtitle: "On account books, and what they leave out"`, `author: "Ruth Ellis"`, `date: "2024-03-09"`,
			"for the truth.[^1]", "the reasons are lost.[^2] What remains", "## The columns", "**paid in kind**",
			"[^1]: This was in the 1980s", "[^2]: Accountants call this the *narrative* column, when there is one.\n\n    There seldom is."},
		[]string{"Subscribe", "Sign in", "Thanks for reading", "Share", "Ready for more", "Discussion", "grandmother", "Privacy", "Mar 09", "link\n", "footnote-anchor"}},
	{"blog.html",
		[]string{`title: "Mending a Bicycle Wheel"`, `date: "2008-10-12"`, "## What you need", "1. A spoke key", "*quarter turn*",
			"```text\nquarter turn in, quarter turn out\ncheck, and repeat\n```", "for a week\\\nand check again.",
			"![A trued wheel on the stand](images/wheel.jpg)", "| Drive | 110 |", "[^1]: The third is a stand, which is nice but not needed.\n"},
		[]string{"home | archive", "Recent", "Dynamo", "Sheldon", "7 comments", "trackback", "Powered by", "Sunday", "↩", "Slow Miles", "---\n\n[^1]"}},
	{"plain.txt",
		[]string{`title: "The Long Walk Home"`, `subtitle: "Notes from a winter on foot"`, `author: "Dana Price"`,
			"“Keep going,” my sister said — she always says that.", "It’s not the distance", "‘small’ decisions", "## What We Carried", "## Why walk at all?",
			"doesn’t go there"},
		[]string{"Skip to content", "Tags:", "Share this", "Facebook", "Twitter", "Like", "Related", "Leave a Reply", "Required fields", "Name *", "Website", "By Dana"}},
	{"escapes.txt", []string{`title: "Markup That Must Stay Text"`, `subtitle: "A line with *stars*, _underscores_ and [brackets]"`, "1\\. This paragraph", "\\# Not a heading", "\\- Not a list",
		"\\<like this>", "\\&amp;", "back\\\\slash", "\\`ticks\\`", "\\~tilde\\~", "\\> Not a quotation", "\\+ plus 2+2 = 4 and 5\\*3", "snake\\_case\\_words"}, nil},
}

func TestFixtures(t *testing.T) {
	for _, fx := range fixtures {
		t.Run(fx.file, func(t *testing.T) {
			src, err := os.ReadFile(filepath.Join("testdata", fx.file))
			if err != nil {
				t.Fatal(err)
			}
			var diags diag.List
			res, err := Import(fx.file, src, Options{}, &diags)
			if err != nil {
				t.Fatalf("Import: %v", err)
			}
			md := string(res.Markdown)
			for _, s := range fx.keep {
				if !strings.Contains(md, s) {
					t.Errorf("lost %q", s)
				}
			}
			body := md[strings.Index(md[3:], "---")+3:]
			for _, s := range fx.drop {
				if strings.Contains(body, s) {
					t.Errorf("kept %q, which should be dropped", s)
				}
			}
			golden := filepath.Join("testdata", strings.TrimSuffix(fx.file, filepath.Ext(fx.file))+".golden")
			got := report(res, &diags)
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update)", err)
			}
			if got != string(want) {
				t.Errorf("output differs from %s (run with -update to accept):\n%s", golden, got)
			}
			// The builder reads the result without complaint.
			var pd diag.List
			a := markdown.Parse(fx.file, res.Markdown, &pd)
			if pd.Len() > 0 {
				t.Errorf("markdown.Parse reports: %v", pd.Items())
			}
			if a == nil || a.Meta.Title == "" {
				t.Errorf("markdown.Parse found no title")
			}
		})
	}
}

// TestEscapesRoundTrip checks that text which looks like Markup comes back
// from the builder's Markdown reader word for word.
func TestEscapesRoundTrip(t *testing.T) {
	src, err := os.ReadFile("testdata/escapes.txt")
	if err != nil {
		t.Fatal(err)
	}
	res, err := Import("escapes.txt", src, Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	var d diag.List
	a := markdown.Parse("escapes.md", res.Markdown, &d)
	var got []string
	for _, b := range a.Blocks {
		p, ok := b.(*doc.Para)
		if !ok {
			t.Errorf("block %T, want only paragraphs", b)
			continue
		}
		got = append(got, doc.PlainText(p.Inlines))
	}
	paras := strings.Split(strings.TrimSpace(string(src)), "\n\n")[1:]
	if strings.Join(got, "\n") != strings.Join(paras, "\n") {
		t.Errorf("text changed in the round trip:\n got: %q\nwant: %q", got, paras)
	}
	if a.Meta.Subtitle != "A line with *stars*, _underscores_ and [brackets]" {
		t.Errorf("subtitle %q", a.Meta.Subtitle)
	}
}

func TestStripOption(t *testing.T) {
	src := []byte("A Title\n\nFirst paragraph of the article, long enough to be prose.\n\nSponsored by Acme Boots\n\nSecond paragraph, also prose.\n")
	var diags diag.List
	res, err := Import("a.txt", src, Options{Strip: []string{`sponsored by .*`}}, &diags)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(res.Markdown), "Acme") || !strings.Contains(string(res.Markdown), "Second paragraph") {
		t.Errorf("strip pattern not applied:\n%s", res.Markdown)
	}
	if len(res.Removed) != 1 || res.Removed[0].Line != 5 || !strings.Contains(res.Removed[0].Why, "strip pattern") {
		t.Errorf("removed = %+v", res.Removed)
	}
	_, err = Import("a.txt", src, Options{Strip: []string{`(unclosed`}}, &diags)
	if err == nil || !hasCode(&diags, codeBadPattern) {
		t.Errorf("bad pattern: err %v, diags %v", err, diags.Items())
	}
}

func hasCode(l *diag.List, code string) bool {
	for _, d := range l.Items() {
		if d.Code == code {
			return true
		}
	}
	return false
}

func TestBadInput(t *testing.T) {
	huge := bytes.Repeat([]byte("All work and no play makes a long file.\n\n"), 20<<20/41+1)[:20<<20]
	tests := []struct {
		name string
		file string
		src  []byte
		code string // an error code, or "" when the import succeeds
		msg  string
	}{
		{"empty", "a.txt", nil, codeEmpty, "a.txt: file is empty"},
		{"blank", "a.html", []byte(" \n\t\n"), codeEmpty, "a.html: file is empty"},
		{"html without text", "a.html", []byte("<html><head><title></title></head><body><script>x()</script></body></html>"), codeEmpty, "a.html: no article text found"},
		{"binary", "a.txt", []byte("abc\x00\x01\x02def"), codeBinary, "a.txt: this is a binary file (NUL byte at offset 3), not text or HTML"},
		{"pdf", "a.txt", []byte("%PDF-1.7\n..."), codeBinary, "a.txt: this is a PDF file, not text or HTML"},
		{"png named html", "a.html", []byte("\x89PNG\r\n\x1a\n"), codeBinary, "a.html: this is a PNG image, not text or HTML"},
		{"extension", "a.docx", []byte("x"), codeExtension, `a.docx: cannot import a ".docx" file: give a .txt, .md, .html or .htm file`},
		{"huge", "a.txt", huge, codeTooLarge, "a.txt: file is 20.0 MB; an article to import must be under 16 MB"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var diags diag.List
			var res *Result
			var err error
			took := testtool.CPUTime(func() { res, err = Import(tt.file, tt.src, Options{}, &diags) })
			if took > 2*time.Second {
				t.Errorf("took %v", took)
			}
			if err == nil || res != nil {
				t.Fatalf("Import succeeded, want error %s", tt.code)
			}
			if !strings.Contains(err.Error(), "cannot be imported") {
				t.Errorf("error %v does not wrap ErrUnusable", err)
			}
			items := diags.Items()
			if len(items) != 1 || items[0].Code != tt.code || items[0].String() != tt.msg {
				t.Errorf("diagnostics %v, want %s %q", items, tt.code, tt.msg)
			}
		})
	}
}

// TestWindows1252 reads text saved by an old Windows editor: curly quotes
// as bytes 0x93 and 0x94, an é as 0xE9.
func TestWindows1252(t *testing.T) {
	src := []byte("Caf\xe9 Society\n\nShe said \x93not yet\x94 and left \x96 quickly.\n")
	var diags diag.List
	res, err := Import("old.txt", src, Options{}, &diags)
	if err != nil {
		t.Fatal(err)
	}
	md := string(res.Markdown)
	if !strings.Contains(md, `title: "Café Society"`) || !strings.Contains(md, "She said “not yet” and left – quickly.") {
		t.Errorf("decoded wrongly:\n%s", md)
	}
	items := diags.Items()
	if len(items) != 1 || items[0].String() != "old.txt:1: warning: file is not UTF-8; read it as Windows-1252" {
		t.Errorf("diagnostics %v", items)
	}
}

func TestUTF16(t *testing.T) {
	src := []byte{0xff, 0xfe}
	for _, r := range "Title\n\nBody text.\n" {
		src = append(src, byte(r), 0)
	}
	res, err := Import("u.txt", src, Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(res.Markdown), "title: \"Title\"") || !strings.Contains(string(res.Markdown), "Body text.") {
		t.Errorf("got %s", res.Markdown)
	}
}

// TestLargeInputsAreFast imports big but acceptable inputs of each kind,
// including pathological HTML nesting, within a time bound.
func TestLargeInputsAreFast(t *testing.T) {
	para := "A sentence of ordinary prose, with a comma, goes on for a while. "
	text := "Title\n\n" + strings.Repeat(strings.Repeat(para, 8)+"\n\n", 12000) // ~6 MB
	deep := "<html><body>" + strings.Repeat("<div>", 200000) + "deep text" + strings.Repeat("</div>", 200000) + "</body></html>"
	spans := "<html><body><article>" + strings.Repeat("<p><em>x</em> "+para+"</p>\n", 40000) + "</article></body></html>"
	for name, in := range map[string]struct{ file, src string }{
		"text":  {"big.txt", text},
		"deep":  {"deep.html", deep},
		"paras": {"paras.html", spans},
	} {
		var res *Result
		var err error
		took := testtool.CPUTime(func() { res, err = Import(in.file, []byte(in.src), Options{}, nil) })
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if len(res.Markdown) == 0 {
			t.Errorf("%s: no output", name)
		}
		t.Logf("%s: %d bytes in %v", name, len(in.src), took)
		if took > 10*time.Second {
			t.Errorf("%s: took %v", name, took)
		}
	}
}

func TestMarkdownInput(t *testing.T) {
	src := []byte("# A Heading Title\n\nSome *text* stays as it is.\n\n**Share this:**\n\n[Facebook](https://facebook.com/x)\n")
	var diags diag.List
	res, err := Import("a.md", src, Options{}, &diags)
	if err != nil {
		t.Fatal(err)
	}
	want := "---\ntitle: \"A Heading Title\"\n---\n\nSome *text* stays as it is.\n"
	if string(res.Markdown) != want {
		t.Errorf("got:\n%s\nwant:\n%s", res.Markdown, want)
	}
	front := []byte("---\ntitle: Kept\nlang: en\n---\nBody.\n")
	res, err = Import("b.md", front, Options{}, &diags)
	if err != nil || string(res.Markdown) != "---\ntitle: Kept\nlang: en\n---\n\nBody.\n" {
		t.Errorf("front matter not kept: %q %v", res.Markdown, err)
	}
}

func FuzzImport(f *testing.F) {
	for _, name := range []string{"wordpress.html", "substack.html", "blog.html", "plain.txt", "escapes.txt"} {
		if b, err := os.ReadFile(filepath.Join("testdata", name)); err == nil {
			f.Add(filepath.Ext(name), b)
		}
	}
	f.Add(".html", []byte(`<p><sup><a href="#fn1">1</a></sup></p><ol><li id="fn1"><a href="#fn1">1</a></li></ol>`))
	f.Add(".md", []byte("---\n---\n"))
	f.Fuzz(func(t *testing.T, ext string, src []byte) {
		var diags diag.List
		res, err := Import("f"+ext, src, Options{Strip: []string{"x+"}}, &diags)
		if err == nil && res == nil {
			t.Fatal("nil result without error")
		}
		if err != nil && !diags.HasErrors() {
			t.Fatal("error without an error diagnostic")
		}
	})
}
