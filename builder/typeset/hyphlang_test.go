package typeset

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/pamphlet/pamphlet/builder/diag"
	"github.com/pamphlet/pamphlet/builder/doc"
	"github.com/pamphlet/pamphlet/builder/frame"
	"github.com/pamphlet/pamphlet/builder/hyphen"
)

// TestHyphenatorPerArticle checks that each article gets the Hyphenator
// of its own language, else the book's; that articles whose languages
// share patterns share one; and that a language without patterns is
// warned about once, where it is first asked for.
func TestHyphenatorPerArticle(t *testing.T) {
	art := func(lang, path string) *doc.Article {
		return &doc.Article{Path: path, Meta: doc.Meta{Lang: lang}, At: doc.Pos{File: path, Line: 1}}
	}
	b := &doc.Book{
		Meta: doc.Meta{Lang: "en-US", Hyphenate: []string{"pam-phlet"}},
		Articles: []*doc.Article{
			art("de", "a.md"), art("de-CH", "b.md"), art("", "c.md"), art("ja", "d.md"),
			art("ja", "e.md"), art("ru", "f.md"), art("en", "g.md"), art("xx", "h.md"),
		},
	}
	withOwn := art("de", "i.md")
	withOwn.Meta.Hyphenate = []string{"Donau-dampf-schiff"}
	b.Articles = append(b.Articles, withOwn)
	var diags diag.List
	hys := hyphenators(b, "auto", &diags)
	var names []string
	for _, h := range hys {
		if h == nil {
			names = append(names, "")
		} else {
			names = append(names, h.Language())
		}
	}
	if want := []string{"de-1996", "de-1996", "en-us", "", "", "ru", "en-us", "", "de-1996"}; !slices.Equal(names, want) {
		t.Errorf("languages %q, want %q", names, want)
	}
	if hys[0] != hys[1] || hys[2] != hys[6] {
		t.Error("articles of one language have two Hyphenators")
	}
	// An article's own exceptions are its own; the book's reach every
	// language.
	if hys[8] == hys[0] || !slices.Equal(hys[8].Points("Donaudampfschiff"), []int{5, 10}) ||
		slices.Equal(hys[0].Points("Donaudampfschiff"), []int{5, 10}) {
		t.Errorf("article exceptions: %v in the article, %v in another", hys[8].Points("Donaudampfschiff"), hys[0].Points("Donaudampfschiff"))
	}
	for _, i := range []int{0, 2, 5, 8} {
		if got := hys[i].Points("pamphlet"); !slices.Equal(got, []int{3}) {
			t.Errorf("%s: pamphlet has points %v, want the book's [3]", hys[i].Language(), got)
		}
	}
	var warned []string
	for _, d := range diags.Items() {
		if d.Code != "T005" {
			t.Errorf("diagnostic %v", d)
			continue
		}
		warned = append(warned, d.Pos.File+" "+d.Msg)
	}
	// Japanese is not hyphenated in any case: no warning for it.
	want := []string{
		`h.md no hyphenation patterns for language "xx": words will not be hyphenated`,
	}
	if !slices.Equal(warned, want) {
		t.Errorf("warnings %q, want %q", warned, want)
	}
	// The book's own language is warned about without a position.
	diags = diag.List{}
	hyphenators(&doc.Book{Meta: doc.Meta{Lang: "si"}, Articles: []*doc.Article{art("", "a.md"), art("", "b.md")}}, "auto", &diags)
	if it := diags.Items(); len(it) != 1 || it[0].Pos != (doc.Pos{}) {
		t.Errorf("book language without patterns: %v", it)
	}
}

// TestArticleLanguageHyphenation sets German, Russian and French articles
// in an English book on an A6 page and checks that every word broken at
// a line's end is broken where its article's patterns allow, and that
// some of them are breaks that the book's English patterns do not allow
// (Russian, in another script, would have none at all).
func TestArticleLanguageHyphenation(t *testing.T) {
	texts := map[string]string{
		"de": "Da die Anerkennung der angeborenen Würde und der gleichen und unveräußerlichen Rechte aller Mitglieder der Gemeinschaft der Menschen die Grundlage von Freiheit, Gerechtigkeit und Frieden in der Welt bildet, da die Nichtanerkennung und Verachtung der Menschenrechte zu Akten der Barbarei geführt haben, die das Gewissen der Menschheit mit Empörung erfüllen, und da verkündet worden ist, dass einer Welt, in der die Menschen Glaubensfreiheit und Freiheit von Furcht und Not genießen, das höchste Streben des Menschen gilt,",
		"ru": "Принимая во внимание, что признание достоинства, присущего всем членам человеческой семьи, и равных и неотъемлемых прав их является основой свободы, справедливости и всеобщего мира; и принимая во внимание, что пренебрежение и презрение к правам человека привели к варварским актам, которые возмущают совесть человечества, и что создание такого мира, в котором люди будут иметь свободу слова и убеждений и будут свободны от страха и нужды, провозглашено как высокое стремление людей;",
		"fr": "Considérant que la reconnaissance de la dignité inhérente à tous les membres de la famille humaine et de leurs droits égaux et inaliénables constitue le fondement de la liberté, de la justice et de la paix dans le monde, considérant que la méconnaissance et le mépris des droits de l’homme ont conduit à des actes de barbarie qui révoltent la conscience de l’humanité et que l’avènement d’un monde où les êtres humains seront libres de parler et de croire, libérés de la terreur et de la misère, a été proclamé comme la plus haute aspiration de l’homme,",
	}
	for _, l := range []string{"de", "ru", "fr"} {
		src := "---\ntitle: Title\nlang: " + l + "\n---\n\n" + strings.Repeat(texts[l]+"\n\n", 3)
		b := &doc.Book{Meta: doc.Meta{Title: "Test", Lang: "en"}, Articles: []*doc.Article{md(t, l, src)}}
		var diags diag.List
		d, err := Typeset(context.Background(), b, opts(t), &diags)
		if err != nil {
			t.Fatal(err)
		}
		for _, dg := range diags.Items() {
			t.Errorf("%s: diagnostic: %v", l, dg)
		}
		// The article's words in order, running heads and folios
		// (artifacts) left out.
		var items []string
		for _, p := range d.Pages {
			for _, it := range p.Items {
				if it.Kind == frame.Text && it.Node != 0 {
					items = append(items, it.Text)
				}
			}
		}
		h, err := hyphen.New(l)
		if err != nil {
			t.Fatal(err)
		}
		en, err := hyphen.New("en")
		if err != nil {
			t.Fatal(err)
		}
		breaks, notEnglish := 0, 0
		for j := 0; j+1 < len(items); j++ {
			frag, ok := strings.CutSuffix(items[j], "-")
			if !ok || frag == "" {
				continue
			}
			word := frag + items[j+1]
			if !slices.Contains(h.Points(word), len(frag)) {
				t.Errorf("%s: %q broken after %q, not at one of the points %v", l, word, frag, h.Points(word))
			}
			breaks++
			if !slices.Contains(en.Points(word), len(frag)) {
				notEnglish++
			}
		}
		if notEnglish == 0 {
			t.Errorf("%s: no word broken at a line's end where English patterns would not break it (%d breaks)", l, breaks)
		}
		t.Logf("%s: %d words broken at a line's end, %d where English would not", l, breaks, notEnglish)
	}
}

// TestHyphenateMode: pdf.hyphenate chooses which languages are broken:
// auto leaves out the scripts of India (their books are set without
// hyphens), all takes every language with patterns, none none; no choice
// of these is a warning.
func TestHyphenateMode(t *testing.T) {
	b := &doc.Book{Meta: doc.Meta{Lang: "en"}, Articles: []*doc.Article{
		{Path: "a.md", Meta: doc.Meta{Lang: "hi"}}, {Path: "b.md", Meta: doc.Meta{Lang: "de"}}, {Path: "c.md", Meta: doc.Meta{Lang: "kn"}},
	}}
	for mode, want := range map[string][3]bool{"auto": {false, true, false}, "all": {true, true, true}, "none": {false, false, false}} {
		var diags diag.List
		hys := hyphenators(b, mode, &diags)
		for i, w := range want {
			if (hys[i] != nil) != w {
				t.Errorf("%s: article %d hyphenated = %v", mode, i, hys[i] != nil)
			}
		}
		if len(diags.Items()) != 0 {
			t.Errorf("%s: diagnostics %v", mode, diags.Items())
		}
	}
}
