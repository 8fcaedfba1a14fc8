package manifest

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/pamphlet/pamphlet/builder/diag"
)

func parse(t *testing.T, src string) (*Manifest, []string) {
	t.Helper()
	var dl diag.List
	m := Parse("book.yaml", []byte(src), nil, &dl)
	var msgs []string
	for _, d := range dl.Sorted() {
		msgs = append(msgs, d.String())
	}
	return m, msgs
}

func TestParseFull(t *testing.T) {
	m, msgs := parse(t, `title: Common Sense
subtitle: Addressed to the Inhabitants of America
authors: [Thomas Paine, A. N. Other]
publisher: R. Bell
date: 1776-01-10
language: en-US
identifier: urn:isbn:9780000000000
description: A pamphlet.
rights: Public domain.
subjects: [politics]
hyphenate: [pam-phlet]
layout: a6
articles:
  - articles/introduction.md
  - file: articles/monarchy.md
    title: Of Monarchy
output:
  name: common-sense
pdf:
  font-size: 10pt
  margins: {inner: 15mm, outer: 12mm}
`)
	if len(msgs) != 0 {
		t.Fatalf("diagnostics: %v", msgs)
	}
	want := &Manifest{
		Path: "book.yaml", Dir: ".",
		Title: "Common Sense", Subtitle: "Addressed to the Inhabitants of America",
		Authors: []string{"Thomas Paine", "A. N. Other"}, Publisher: "R. Bell", Date: "1776-01-10",
		Language: "en-US", Identifier: "urn:isbn:9780000000000", Description: "A pamphlet.",
		Rights: "Public domain.", Subjects: []string{"politics"}, Hyphenate: []string{"pam-phlet"},
		Layout: "a6",
		Articles: []Article{
			{File: "articles/introduction.md", Path: "articles/introduction.md", Pos: diag.Pos{File: "book.yaml", Line: 14}},
			{File: "articles/monarchy.md", Path: "articles/monarchy.md", Title: "Of Monarchy", Pos: diag.Pos{File: "book.yaml", Line: 15}},
		},
		OutputName: "common-sense",
		PDF:        map[string]any{"font-size": "10pt", "margins": map[string]any{"inner": "15mm", "outer": "12mm"}},
		PDFPos:     diag.Pos{File: "book.yaml", Line: 19, Col: 1},
		LayoutPos:  diag.Pos{File: "book.yaml", Line: 12, Col: 9},
	}
	if !reflect.DeepEqual(m, want) {
		t.Errorf("got  %+v\nwant %+v", m, want)
	}
}

func TestParseDefaults(t *testing.T) {
	m, msgs := parse(t, "Title: A Book\nAuthor: Someone\narticles: [a.md]\n")
	if len(msgs) != 0 {
		t.Fatalf("diagnostics: %v", msgs)
	}
	if m.Title != "A Book" || m.Language != "en" || m.Layout != "a5" || !reflect.DeepEqual(m.Authors, []string{"Someone"}) {
		t.Errorf("got %+v", m)
	}
}

func TestImportStrip(t *testing.T) {
	m, msgs := parse(t, "title: x\narticles: [a.txt]\nimport:\n  strip: [\"^Donate\", \"Follow us\"]\n")
	if len(msgs) != 0 || !reflect.DeepEqual(m.ImportStrip, []string{"^Donate", "Follow us"}) {
		t.Errorf("strip %v, diags %v", m, msgs)
	}
}

func TestEnvOverride(t *testing.T) {
	var dl diag.List
	env := map[string]string{"PAMPHLET_LAYOUT": "a4"}
	m := Parse("book.yaml", []byte("title: T\narticles: [a.md]\n"), func(k string) string { return env[k] }, &dl)
	if m == nil || m.Layout != "a4" {
		t.Fatalf("layout = %v, diags %v", m, dl.Items())
	}
}

// TestBadManifests is the manifest's bad-input catalogue: each case names
// the exact messages a writer sees.
func TestBadManifests(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string
	}{
		{"empty", "", []string{"book.yaml: the manifest is empty: it needs at least a title and a list of articles"}},
		{"only comment", "# nothing\n", []string{"book.yaml: the manifest is empty: it needs at least a title and a list of articles"}},
		{"not a map", "- a\n- b\n", []string{"book.yaml:1:1: the manifest must be a map of keys (title:, articles:, ...), not a list"}},
		{"syntax", "title: x\narticles: [a.md\n", []string{"book.yaml:2: invalid YAML: did not find expected ',' or ']'"}},
		{"unclosed quote", "title: \"x\narticles: [a.md]\n", []string{"book.yaml:3: invalid YAML: found unexpected end of stream"}},
		{"bad indent", "title: x\n  sub: y\narticles: [a.md]\n", []string{"book.yaml:2: invalid YAML: mapping values are not allowed in this context"}},
		{"tab indent", "title: x\narticles:\n\t- a.md\n", []string{"book.yaml:3: invalid YAML: found character that cannot start any token"}},
		{"misspelled", "tittle: x\narticles: [a.md]\n", []string{
			"book.yaml: missing required key \"title\"",
			"book.yaml:1: unknown key \"tittle\" (did you mean \"title\"?)"}},
		{"unknown far", "title: x\nzzz: 1\narticles: [a.md]\n", []string{"book.yaml:2: unknown key \"zzz\""}},
		{"case duplicate", "title: x\nTitle: y\narticles: [a.md]\n", []string{
			"book.yaml:2:1: duplicate key \"Title\" (already given at line 1; keys are not case-sensitive)"}},
		{"no articles", "title: x\n", []string{"book.yaml: missing required key \"articles\""}},
		{"empty articles", "title: x\narticles: []\n", []string{"book.yaml:2:11: articles is empty: list at least one article"}},
		{"null articles", "title: x\narticles:\n", []string{"book.yaml:2:10: articles is empty: list at least one article"}},
		{"articles not list", "title: x\narticles: a.md\n", []string{"book.yaml:2:11: articles must be a list of files, not a single value"}},
		{"title list", "title: [a, b]\narticles: [a.md]\n", []string{"book.yaml:1:8: title must be a single value, not a list"}},
		{"empty title", "title: \"\"\narticles: [a.md]\n", []string{"book.yaml:1:8: title is empty"}},
		{"bad date", "title: x\ndate: yesterday\narticles: [a.md]\n", []string{"book.yaml:2:7: date \"yesterday\" is not a date (write YYYY-MM-DD)"}},
		{"impossible date", "title: x\ndate: 2022-02-30\narticles: [a.md]\n", []string{"book.yaml:2:7: date \"2022-02-30\" is not a date (write YYYY-MM-DD)"}},
		{"bad language", "title: x\nlanguage: english language\narticles: [a.md]\n", []string{"book.yaml:2:11: language \"english language\" is not a BCP 47 language tag (e.g. en, en-US, de)"}},
		{"duplicate article", "title: x\narticles:\n  - a.md\n  - ./a.md\n", []string{"book.yaml:4: article ./a.md is listed twice (first at line 3)"}},
		{"article bad key", "title: x\narticles:\n  - fil: a.md\n", []string{
			"book.yaml:3: unknown key \"fil\" in article entry (did you mean \"file\"?)",
			"book.yaml:3:5: article entry has no file"}},
		{"article list", "title: x\narticles:\n  - [a.md]\n", []string{"book.yaml:3:5: each article must be a file path or a map with file and title, not a list"}},
		{"output unknown", "title: x\narticles: [a.md]\noutput:\n  nmae: x\n", []string{"book.yaml:4: unknown key \"nmae\" in output (did you mean \"name\"?)"}},
		{"output path", "title: x\narticles: [a.md]\noutput:\n  name: ../x\n", []string{"book.yaml:4:9: output name \"../x\" must be a plain file name without folders or extension"}},
		{"pdf unknown", "title: x\narticles: [a.md]\npdf:\n  fontsize: 10pt\n", []string{"book.yaml:4: unknown key \"fontsize\" in pdf (did you mean \"font-size\"?)"}},
		{"pdf not map", "title: x\narticles: [a.md]\npdf: a5\n", []string{"book.yaml:3:6: pdf must be a map of keys (page, margins, font-size, leading, ragged, hyphenate, microtype, booklet, sheet, signature, creep, bleed, marks, duplex, fit, standard, output-intent, cover), not a single value"}},
		{"author and authors", "title: x\nauthor: a\nauthors: [b]\narticles: [a.md]\n", []string{"book.yaml:3:1: give either author or authors, not both"}},
		{"import unknown", "title: x\narticles: [a.md]\nimport:\n  strp: [x]\n", []string{"book.yaml:4: unknown key \"strp\" in import (did you mean \"strip\"?)"}},
		{"import bad pattern", "title: x\narticles: [a.md]\nimport:\n  strip: [\"(\"]\n", []string{"book.yaml:4:10: import.strip: \"(\" is not a regular expression: error parsing regexp: missing closing ): `(?i)(`"}},
		{"authors map", "title: x\nauthors: {a: b}\narticles: [a.md]\n", []string{"book.yaml:2:10: authors must be a list, not a map"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, msgs := parse(t, tt.src)
			if m != nil {
				t.Errorf("Parse returned a manifest despite errors")
			}
			if strings.Join(msgs, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("messages:\n%s\nwant:\n%s", strings.Join(msgs, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func TestLoadMissing(t *testing.T) {
	var dl diag.List
	if m := Load(t.TempDir()+"/nope.yaml", &dl); m != nil {
		t.Fatal("Load of a missing file returned a manifest")
	}
	if got := dl.Items()[0].Msg; got != "cannot read manifest: no such file" {
		t.Errorf("message %q", got)
	}
}

func TestSuggest(t *testing.T) {
	known := []string{"title", "subtitle", "articles", "layout"}
	for in, want := range map[string]string{"tittle": "title", "artciles": "articles", "layuot": "layout", "xyz": "", "a": ""} {
		if got := suggest(in, known); got != want {
			t.Errorf("suggest(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCoverAndEPUB(t *testing.T) {
	m, msgs := parse(t, "title: T\narticles: [a.md]\ncover: images/cover.jpg\nepub:\n  embed-fonts: true\n")
	if len(msgs) != 0 {
		t.Fatalf("diagnostics: %v", msgs)
	}
	if m.Cover != "images/cover.jpg" || m.CoverPos.Line != 3 || !m.EPUB.EmbedFonts {
		t.Errorf("cover %q at %v, embed-fonts %v", m.Cover, m.CoverPos, m.EPUB.EmbedFonts)
	}
	m, _ = parse(t, "title: T\narticles: [a.md]\n")
	if m.Cover != "" || m.EPUB.EmbedFonts {
		t.Errorf("defaults: cover %q, embed-fonts %v", m.Cover, m.EPUB.EmbedFonts)
	}
	for src, want := range map[string]string{
		"epub:\n  embed-fonts: maybe\n":  `book.yaml:4:16: epub.embed-fonts must be true or false, not "maybe"`,
		"epub:\n  embed-font: true\n":    `book.yaml:4: unknown key "embed-font" in epub (did you mean "embed-fonts"?)`,
		"epub: true\n":                   "book.yaml:3:7: epub must be a map of keys (embed-fonts)",
		"cover: [a.png, b.png]\n":        "book.yaml:3:8: cover must be a single value",
		"epub:\n  embed-fonts: [true]\n": "book.yaml:4:16: epub.embed-fonts must be a single value",
	} {
		_, msgs := parse(t, "title: T\narticles: [a.md]\n"+src)
		if len(msgs) == 0 || !strings.HasPrefix(msgs[0], want) {
			t.Errorf("%q: got %q, want %q…", src, msgs, want)
		}
	}
}

// TestLayoutMap: layout: may be a map of the layout's name and its keys,
// which reach the style as the pdf: map's do (the pdf: map winning).
func TestLayoutMap(t *testing.T) {
	for _, c := range []struct {
		src    string
		layout string
		pdf    map[string]any
	}{
		{"title: x\narticles: [a.md]\nlayout: {microtype: false}\n", "a5", map[string]any{"microtype": false}},
		{"title: x\narticles: [a.md]\nlayout: {name: a6, ragged: true, microtype: false}\npdf: {ragged: false}\n", "a6", map[string]any{"ragged": false, "microtype": false}},
		{"title: x\narticles: [a.md]\nlayout: a4\n", "a4", nil},
	} {
		var diags diag.List
		m := Parse("book.yaml", []byte(c.src), nil, &diags)
		if m == nil || diags.HasErrors() {
			t.Fatalf("%q: %v", c.src, diags.Items())
		}
		if m.Layout != c.layout || len(m.PDF) != len(c.pdf) {
			t.Errorf("%q: layout %q pdf %v; want %q %v", c.src, m.Layout, m.PDF, c.layout, c.pdf)
		}
		for k, v := range c.pdf {
			if m.PDF[k] != v {
				t.Errorf("%q: pdf[%s] = %v, want %v", c.src, k, m.PDF[k], v)
			}
		}
	}
	var diags diag.List
	if m := Parse("book.yaml", []byte("title: x\narticles: [a.md]\nlayout: {microtipe: false}\n"), nil, &diags); m != nil || !strings.Contains(fmt.Sprint(diags.Items()), `unknown key "microtipe" in layout (did you mean "microtype"?)`) {
		t.Errorf("misspelled layout key: %v", diags.Items())
	}
}
