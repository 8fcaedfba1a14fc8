package transform

import (
	"errors"
	"io/fs"
	"path"
	"strconv"
	"strings"
	"testing"

	"github.com/pamphlet/pamphlet/builder/diag"
	"github.com/pamphlet/pamphlet/builder/doc"
	"github.com/pamphlet/pamphlet/builder/markdown"
	"github.com/pamphlet/pamphlet/internal/inputfile"
)

// book parses "name.md\nsource" pairs into a book whose articles live in
// "articles/", with ids from the file names, as the builder makes them.
func book(t *testing.T, files ...string) *doc.Book {
	t.Helper()
	b := &doc.Book{}
	for i := 0; i+1 < len(files); i += 2 {
		var dl diag.List
		p := "articles/" + files[i]
		a := markdown.Parse(p, []byte(files[i+1]), &dl)
		if dl.HasErrors() {
			t.Fatalf("parse %s: %v", p, dl.Err())
		}
		a.ID = strings.TrimSuffix(path.Base(p), ".md")
		b.Articles = append(b.Articles, a)
	}
	return b
}

func diagLines(dl *diag.List) string {
	var s []string
	for _, d := range dl.Items() {
		s = append(s, d.Code+" "+d.String())
	}
	return strings.Join(s, "\n")
}

func ids(a *doc.Article) string {
	var out []string
	doc.InspectBlocks(a.Blocks, func(n doc.Node) bool {
		if h, ok := n.(*doc.Heading); ok {
			out = append(out, h.ID)
		}
		return true
	})
	return strings.Join(out, " ")
}

func TestHeadingIDs(t *testing.T) {
	for _, tc := range []struct {
		name, src, want, diags string
	}{
		{"plain", "# T\n\n## One\n\n## Two *x*\n", "one two-x", ""},
		{"duplicates", "# T\n\n## A\n\n## A\n\n## A\n\n## A-1\n", "a a-1 a-2 a-1-1", ""},
		{"reserved", "# T\n\n## Fn\n\n## fn 1\n\n## fnref\n\n## fnord\n", "s-fn s-fn-1 s-fnref fnord", ""},
		{"empty", "# T\n\n## !!!\n\n## ???\n", "section section-1", ""},
		{"nested", "# T\n\n> ## In quote\n\n- ## In list\n", "in-quote in-list", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := book(t, "a.md", tc.src)
			var dl diag.List
			HeadingIDs(b, &dl)
			if got := ids(b.Articles[0]); got != tc.want {
				t.Errorf("ids = %q, want %q", got, tc.want)
			}
			if got := diagLines(&dl); got != tc.diags {
				t.Errorf("diags = %q, want %q", got, tc.diags)
			}
		})
	}
}

func TestHeadingIDsExplicit(t *testing.T) {
	a := &doc.Article{Path: "articles/a.md", Blocks: []doc.Block{
		&doc.Heading{Level: 2, ID: "x", Inlines: []doc.Inline{&doc.Text{Value: "X"}}, At: doc.Pos{File: "articles/a.md", Line: 3}},
		&doc.Heading{Level: 2, ID: "x", Inlines: []doc.Inline{&doc.Text{Value: "X"}}, At: doc.Pos{File: "articles/a.md", Line: 5}},
		&doc.Heading{Level: 2, Inlines: []doc.Inline{&doc.Text{Value: "X"}}, At: doc.Pos{File: "articles/a.md", Line: 7}},
	}}
	var dl diag.List
	HeadingIDs(&doc.Book{Articles: []*doc.Article{a}}, &dl)
	if got, want := ids(a), "x x-1 x-2"; got != want {
		t.Errorf("ids = %q, want %q", got, want)
	}
	if got, want := diagLines(&dl), `A101 articles/a.md:5: warning: heading id "x" is used twice in this article; this one gets a new id`; got != want {
		t.Errorf("diags = %q, want %q", got, want)
	}
}

func TestNumberNotes(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		refs      string // N of each NoteRef in order, as label=N
		notes     string // notes in order, as label=N
		diags     string
	}{
		{"order of first reference", "# T\n\nA[^b] B[^a] C[^b].\n\n[^a]: Note a.\n[^b]: Note b.\n",
			"b=1 a=2 b=1", "b=1 a=2", ""},
		{"undefined", "# T\n\nA[^x] B[^a].\n\n[^a]: Note a.\n",
			"x=0 a=1", "a=1", "A110 articles/a.md:3: warning: note [^x] is not defined"},
		{"unused", "# T\n\nA[^a].\n\n[^a]: Note a.\n[^u]: Unused.\n",
			"a=1", "a=1", "A111 articles/a.md:6: warning: note [^u] is never referenced; it is dropped"},
		{"duplicate", "# T\n\nA[^a].\n\n[^a]: One.\n[^a]: Two.\n",
			"a=1", "a=1", "A112 articles/a.md:6: warning: note [^a] is defined twice; this definition is dropped"},
		{"note in note", "# T\n\nA[^a].\n\n[^b]: Inner.\n[^a]: Outer[^b].\n",
			"a=1 b=2", "a=1 b=2", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := book(t, "a.md", tc.src)
			var dl diag.List
			NumberNotes(b, &dl)
			a := b.Articles[0]
			var refs, notes []string
			f := func(n doc.Node) bool {
				if r, ok := n.(*doc.NoteRef); ok {
					refs = append(refs, r.Label+"="+itoa(r.N))
				}
				return true
			}
			doc.InspectBlocks(a.Blocks, f)
			for _, n := range a.Notes {
				doc.Inspect(n, f)
				notes = append(notes, n.Label+"="+itoa(n.N))
			}
			if got := strings.Join(refs, " "); got != tc.refs {
				t.Errorf("refs = %q, want %q", got, tc.refs)
			}
			if got := strings.Join(notes, " "); got != tc.notes {
				t.Errorf("notes = %q, want %q", got, tc.notes)
			}
			if got := diagLines(&dl); got != tc.diags {
				t.Errorf("diags:\n%s\nwant\n%s", got, tc.diags)
			}
		})
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func TestResolveLinks(t *testing.T) {
	other := "# Other\n\n## A Section\n\nText.\n"
	for _, tc := range []struct {
		name, link, want, diags string
	}{
		{"file", "other.md", "internal=other#", ""},
		{"dot file", "./other.md", "internal=other#", ""},
		{"file and fragment", "other.md#a-section", "internal=other#a-section", ""},
		{"from root", "/articles/other.md#a-section", "internal=other#a-section", ""},
		{"up and down", "../articles/other.md", "internal=other#", ""},
		{"own fragment", "#here", "internal=a#here", ""},
		{"self by name", "a.md", "internal=a#", ""},
		{"bad fragment elsewhere", "other.md#nope", "internal=other#",
			`A120 articles/a.md:5: warning: link "other.md#nope" names no heading of articles/other.md; it goes to the article's start`},
		{"bad own fragment", "#nope", "text",
			`A120 articles/a.md:5: warning: link "#nope" names no heading of this article; its text is kept`},
		{"missing file", "gone.md", "text",
			`A120 articles/a.md:5: warning: link "gone.md" names no article of the book; its text is kept`},
		{"http", "http://example.org/x.md", "external", ""},
		{"https", "https://example.org", "external", ""},
		{"mailto", "mailto:a@b.org", "external", ""},
		{"javascript", "javascript:alert(1)", "text",
			`A121 articles/a.md:5: warning: link "javascript:alert(1)" has the scheme "javascript", which a book cannot follow; its text is kept`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := book(t, "a.md", "# A\n\n## Here\n\n[the text](<"+tc.link+">) after.\n", "other.md", other)
			var dl diag.List
			HeadingIDs(b, &dl)
			ResolveLinks(b, &dl)
			p := b.Articles[0].Blocks[1].(*doc.Para)
			got := ""
			switch l := p.Inlines[0].(type) {
			case *doc.Link:
				if l.Internal {
					got = "internal=" + l.TargetArticle + "#" + l.TargetID
				} else {
					got = "external"
				}
			case *doc.Text:
				if l.Value == "the text after." {
					got = "text"
				}
			}
			if got != tc.want {
				t.Errorf("link %q became %s (%#v), want %s", tc.link, got, p.Inlines[0], tc.want)
			}
			if d := diagLines(&dl); d != tc.diags {
				t.Errorf("diags:\n%s\nwant\n%s", d, tc.diags)
			}
		})
	}
}

func TestResolveLinksNested(t *testing.T) {
	b := book(t, "a.md", "# A\n\n> *see [**gone**](gone.md)* | x\n\n| h |\n|---|\n| [c](#nope) |\n\nN[^1].\n\n[^1]: [n](javascript:x)\n")
	var dl diag.List
	ResolveLinks(b, &dl)
	var buf strings.Builder
	if err := doc.DumpArticle(&buf, b.Articles[0]); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(buf.String(), "Link") {
		t.Errorf("links left:\n%s", buf.String())
	}
	if !strings.Contains(buf.String(), "Strong\n") || dl.Len() != 3 {
		t.Errorf("want the Strong kept and 3 warnings; got %d:\n%s\n%s", dl.Len(), diagLines(&dl), buf.String())
	}
}

func TestResolveImages(t *testing.T) {
	files := map[string]bool{"/book/articles/img/a.png": true, "/book/articles/my pic.png": true}
	stat := func(p string) error {
		if files[p] {
			return nil
		}
		return inputfile.Reason(fs.ErrNotExist)
	}
	for _, tc := range []struct{ name, md, path, diags string }{
		{"local", "![Alt](img/a.png)", "/book/articles/img/a.png", ""},
		{"dot", "![Alt](./img/../img/a.png)", "/book/articles/img/a.png", ""},
		{"escaped", "![Alt](my%20pic.png)", "/book/articles/my pic.png", ""},
		{"missing", "![Alt](nope.png)", "", `A131 articles/a.md:3:1: image "nope.png" not found: no such file`},
		{"remote", "![Alt](https://x.org/a.png)", "",
			`A130 articles/a.md:3: warning: remote image "https://x.org/a.png" not fetched; its alt text is used`},
		{"no alt", "![](img/a.png)", "/book/articles/img/a.png",
			`A132 articles/a.md:3: warning: image "img/a.png" has no alt text, which readers of the EPUB and of remote images need`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := book(t, "a.md", "# A\n\n"+tc.md+"\n")
			var dl diag.List
			ResolveImages(b, Options{Stat: stat, Dirs: []string{"/book/articles"}}, &dl)
			f := b.Articles[0].Blocks[0].(*doc.Figure)
			if f.Image.Path != tc.path {
				t.Errorf("Path = %q, want %q", f.Image.Path, tc.path)
			}
			if d := diagLines(&dl); d != tc.diags {
				t.Errorf("diags:\n%s\nwant\n%s", d, tc.diags)
			}
		})
	}
}

// TestApply runs every pass over a small book of three articles.
func TestApply(t *testing.T) {
	b := book(t,
		"one.md", "---\ntitle: One\n---\n\n## Start\n\nSee [two](two.md#details)[^n] and ![a map](map.png).\n\n[^n]: A note, see [three](sub/../three.md).\n",
		"two.md", "# Two\n\n## Details\n\nBack to [one](one.md#start), [nowhere](four.md).\n\n## Details\n",
		"three.md", "# Three\n\nRemote ![pic](http://x.org/p.png) and [web](https://x.org).\n",
	)
	var dl diag.List
	Apply(b, Options{
		Stat: func(p string) error {
			if p == "/b/articles/map.png" {
				return nil
			}
			return errors.New("missing")
		},
		Dirs: []string{"/b/articles", "/b/articles", "/b/articles"},
	}, &dl)
	var got strings.Builder
	if err := doc.Dump(&got, b); err != nil {
		t.Fatal(err)
	}
	want := `Book
Article id="one" path="articles/one.md"
  Meta
    title "One"
  Heading 2 id="start" @5
    Text "Start"
  Para @7
    Text "See "
    Link internal=two#details
      Text "two"
    NoteRef 1 label="n"
    Text " and "
    Image src="map.png" alt="a map" path="/b/articles/map.png"
    Text "."
  Note 1 label="n" @9
    Para @9
      Text "A note, see "
      Link internal=three#
        Text "three"
      Text "."
Article id="two" path="articles/two.md"
  Meta
    title "Two"
  Heading 2 id="details" @3
    Text "Details"
  Para @5
    Text "Back to "
    Link internal=one#start
      Text "one"
    Text ", nowhere."
  Heading 2 id="details-1" @7
    Text "Details"
Article id="three" path="articles/three.md"
  Meta
    title "Three"
  Para @3
    Text "Remote "
    Image src="http://x.org/p.png" alt="pic" path=""
    Text " and "
    Link "https://x.org"
      Text "web"
    Text "."
`
	if got.String() != want {
		t.Errorf("dump:\n%s\nwant\n%s", got.String(), want)
	}
	wantDiags := `A120 articles/two.md:5: warning: link "four.md" names no article of the book; its text is kept
A130 articles/three.md:3: warning: remote image "http://x.org/p.png" not fetched; its alt text is used`
	if d := diagLines(&dl); d != wantDiags {
		t.Errorf("diags:\n%s\nwant\n%s", d, wantDiags)
	}
}
