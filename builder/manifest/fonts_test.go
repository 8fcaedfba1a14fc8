package manifest

import (
	"reflect"
	"strings"
	"testing"

	"github.com/pamphlet/pamphlet/builder/diag"
)

func TestFonts(t *testing.T) {
	m, msgs := parse(t, `title: T
articles: [a.md]
fonts:
  body: EB Garamond
  Headings: " Linux Libertine O "
  mono: fonts/Mono.ttf
  fallback: [Noto Serif Devanagari, fonts/MyUrdu.ttf]
  features: [onum, -liga, +kern, ss01, cv12, Xmy1]
`)
	if len(msgs) != 0 {
		t.Fatalf("diagnostics: %v", msgs)
	}
	at := func(line, col int) diag.Pos { return diag.Pos{File: "book.yaml", Line: line, Col: col} }
	want := Fonts{
		Body:     FontValue{"EB Garamond", at(4, 9)},
		Headings: FontValue{"Linux Libertine O", at(5, 13)},
		Mono:     FontValue{"fonts/Mono.ttf", at(6, 9)},
		Fallback: []FontValue{{"Noto Serif Devanagari", at(7, 14)}, {"fonts/MyUrdu.ttf", at(7, 37)}},
		Features: []FontValue{{"onum", at(8, 14)}, {"-liga", at(8, 20)}, {"+kern", at(8, 27)}, {"ss01", at(8, 34)}, {"cv12", at(8, 40)}, {"Xmy1", at(8, 46)}},
		Pos:      at(3, 1),
	}
	if !reflect.DeepEqual(m.Fonts, want) {
		t.Errorf("got  %+v\nwant %+v", m.Fonts, want)
	}

	// One fallback may be a single value; every key is optional.
	m, msgs = parse(t, "title: T\narticles: [a.md]\nfonts:\n  fallback: fonts/MyUrdu.ttf\n")
	if len(msgs) != 0 || len(m.Fonts.Fallback) != 1 || m.Fonts.Fallback[0].Value != "fonts/MyUrdu.ttf" || m.Fonts.Body.Value != "" {
		t.Errorf("single fallback: %+v %v", m.Fonts, msgs)
	}
	m, msgs = parse(t, "title: T\narticles: [a.md]\nfonts:\n")
	if len(msgs) != 0 || !reflect.DeepEqual(m.Fonts, Fonts{Pos: at(3, 1)}) {
		t.Errorf("empty fonts: %+v %v", m.Fonts, msgs)
	}
	m, _ = parse(t, "title: T\narticles: [a.md]\n")
	if !reflect.DeepEqual(m.Fonts, Fonts{}) {
		t.Errorf("no fonts: %+v", m.Fonts)
	}
}

// TestBadFonts is the fonts: part of the bad-input catalogue.
func TestBadFonts(t *testing.T) {
	const head = "title: T\narticles: [a.md]\nfonts:\n"
	for _, tt := range []struct{ src, want string }{ // want: "FILE:LINE:COL: CODE message"
		{"  bdy: EB Garamond\n", `book.yaml:4: error M003: unknown key "bdy" in fonts (did you mean "body"?)`},
		{"  heading: X\n", `book.yaml:4: error M003: unknown key "heading" in fonts (did you mean "headings"?)`},
		{"  fallbacks: [X]\n", `book.yaml:4: error M003: unknown key "fallbacks" in fonts (did you mean "fallback"?)`},
		{"  colour: red\n", `book.yaml:4: error M003: unknown key "colour" in fonts`},
		{"  body: [A, B]\n", `book.yaml:4:9: error M004: fonts.body must be a single value, not a list`},
		{"  body:\n", `book.yaml:4:8: error M007: fonts.body is empty: give a font family (e.g. EB Garamond) or a font file (e.g. fonts/MyFont.otf)`},
		{"  mono: \"  \"\n", `book.yaml:4:9: error M007: fonts.mono is empty`},
		{"  fallback: {a: b}\n", `book.yaml:4:13: error M004: fonts.fallback must be a list, not a map`},
		{"  fallback: [A, [B]]\n", `book.yaml:4:17: error M004: each entry of fonts.fallback must be a single value, not a list`},
		{"  fallback: [Noto Serif, noto  serif]\n", `book.yaml:4:26: error M007: fonts.fallback lists "noto  serif" twice (first at line 4)`},
		{"  fallback: [A, \"\"]\n", `book.yaml:4:17: error M007: fonts.fallback has an empty entry`},
		{"  features: [onumm]\n", `book.yaml:4:14: error M007: fonts.features: "onumm" is not an OpenType feature tag (four letters or digits, e.g. onum; -liga turns one off)`},
		{"  features: [\"on m\"]\n", `book.yaml:4:14: error M007: fonts.features: "on m" is not an OpenType feature tag`},
		{"  features: [onum, -onum]\n", `book.yaml:4:20: error M007: fonts.features turns "onum" both on and off`},
		{"  features: [onum, onum]\n", `book.yaml:4:20: error M007: fonts.features lists "onum" twice`},
		{"fonts: EB Garamond\n", `book.yaml:3:8: error M004: fonts must be a map of keys (body, headings, mono, fallback, features), not a single value`},
	} {
		src := head + tt.src
		if strings.HasPrefix(tt.src, "fonts:") {
			src = "title: T\narticles: [a.md]\n" + tt.src
		}
		var dl diag.List
		m := Parse("book.yaml", []byte(src), nil, &dl)
		if m != nil {
			t.Errorf("%q: a manifest despite errors", tt.src)
		}
		var got []string
		for _, d := range dl.Sorted() {
			pos, msg, _ := strings.Cut(d.String(), ": ")
			got = append(got, pos+": "+d.Severity.String()+" "+d.Code+": "+msg)
		}
		if len(got) != 1 || !strings.HasPrefix(got[0], tt.want) {
			t.Errorf("%q:\n got %q\nwant %s", tt.src, got, tt.want)
		}
	}
}

// TestFeatureWarnings: a well-formed tag that the registry does not know
// is a warning with a suggestion, not an error: fonts may define their own.
func TestFeatureWarnings(t *testing.T) {
	var dl diag.List
	m := Parse("book.yaml", []byte("title: T\narticles: [a.md]\nfonts:\n  features: [onun, zzzz]\n"), nil, &dl)
	if m == nil {
		t.Fatalf("errors: %v", dl.Items())
	}
	var got []string
	for _, d := range dl.Sorted() {
		got = append(got, d.String())
	}
	want := []string{
		`book.yaml:4: warning: fonts.features: "onun" is not a registered OpenType feature (did you mean "onum"?)`,
		`book.yaml:4: warning: fonts.features: "zzzz" is not a registered OpenType feature`,
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %q\nwant %q", got, want)
	}
	if len(m.Fonts.Features) != 2 {
		t.Errorf("features %v", m.Fonts.Features)
	}
}
