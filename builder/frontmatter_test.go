package builder

import (
	"archive/zip"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/pamphlet/pamphlet/internal/testtool"
)

// frontCases are books in three languages and the words their front
// matter must print, in the PDF and in the EPUB alike.
var frontCases = []struct {
	lang, title string
	authors     []string
	articles    [2]string
	words       []string
}{
	{"de", "Kleine Schriften", []string{"Anna Schmidt", "Bernd Weber", "Clara Vogel"}, [2]string{"Erster Aufsatz", "Zweiter Aufsatz"},
		[]string{"Inhalt", "Gesetzt in Charis SIL.", "Anna Schmidt, Bernd Weber und Clara Vogel", "von Anna Schmidt, Bernd Weber und Clara Vogel", "Erstellt mit pamphlet."}},
	{"hi", "मानव अधिकार", []string{"सीता शर्मा", "राम वर्मा", "गीता सिंह"}, [2]string{"पहला लेख", "दूसरा लेख"},
		[]string{"विषय-सूची", "Noto Serif Devanagari में मुद्रित।", "सीता शर्मा, राम वर्मा, और गीता सिंह द्वारा", "pamphlet से निर्मित।"}},
	// pdftotext gives an Urdu line with Latin words in it in visual
	// order, so the Urdu words are checked apart from the face's name
	// (the EPUB says "Noto Naskh Arabic میں کمپوز کیا گیا۔").
	{"ur", "انسانی حقوق", []string{"علی احمد", "فاطمہ خان", "حسن رضا"}, [2]string{"پہلا مضمون", "دوسرا مضمون"},
		[]string{"فہرست", "میں کمپوز کیا گیا۔", "از علی احمد، فاطمہ خان، اور حسن رضا", "سے تیار کیا گیا۔"}},
}

// bidiMarks are the direction marks and embeddings pdftotext puts around
// right-to-left text.
var bidiMarks = regexp.MustCompile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")

// TestFrontMatterLanguages builds a German, a Hindi and an Urdu book and
// reads their front matter back from both outputs: the PDF's text
// (pdftotext) and the EPUB's XHTML hold the same words, in the book's
// language, made once by builder/front.
func TestFrontMatterLanguages(t *testing.T) {
	pdftotext := testtool.Need(t, "pdftotext")
	for _, c := range frontCases {
		t.Run(c.lang, func(t *testing.T) {
			dir := t.TempDir()
			manifest := "title: \"" + c.title + "\"\nauthor: [\"" + strings.Join(c.authors, "\", \"") + "\"]\nlanguage: " + c.lang +
				"\nlayout: a5\narticles:\n  - one.md\n  - two.md\n"
			files := map[string]string{
				"book.yaml": manifest,
				"one.md":    "---\ntitle: " + c.articles[0] + "\n---\n\n" + c.articles[0] + ".\n",
				"two.md":    "---\ntitle: " + c.articles[1] + "\n---\n\n" + c.articles[1] + ".\n",
			}
			for name, s := range files {
				if err := os.WriteFile(filepath.Join(dir, name), []byte(s), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			res := build(t, filepath.Join(dir, "book.yaml"), filepath.Join(dir, "out"))
			base := filepath.Join(dir, "out", res.Name)
			// The front matter is the first four pages: title page,
			// copyright page, contents and the blank behind it.
			out, err := exec.Command(pdftotext, "-l", "4", base+".pdf", "-").Output()
			if err != nil {
				t.Fatal(err)
			}
			pdfText := strings.Join(strings.Fields(bidiMarks.ReplaceAllString(string(out), "")), " ")
			epubText := epubFront(t, base+".epub")
			// Spaces are left out of the comparison: pdftotext moves
			// the one after an Urdu comma before it.
			bare := func(s string) string { return strings.Join(strings.Fields(s), "") }
			for _, w := range c.words {
				if !strings.Contains(bare(pdfText), bare(w)) {
					t.Errorf("the PDF's front matter lacks %q:\n%s", w, pdfText)
				}
				if !strings.Contains(epubText, w) {
					t.Errorf("the EPUB's front matter lacks %q:\n%s", w, epubText)
				}
			}
			if strings.Contains(pdfText, "Contents") || strings.Contains(pdfText, "Set in") {
				t.Errorf("English words in the PDF's front matter:\n%s", pdfText)
			}
			// The face named is the one that sets the text.
			if face := map[string]string{"de": "Charis SIL", "hi": "Noto Serif Devanagari", "ur": "Noto Naskh Arabic"}[c.lang]; !strings.Contains(pdfText, face) || !strings.Contains(epubText, face) {
				t.Errorf("the colophon does not name %s", face)
			}
		})
	}
}

// epubFront returns the text of the EPUB's title page, contents and
// colophon, tags dropped.
func epubFront(t *testing.T, path string) string {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var b strings.Builder
	for _, f := range zr.File {
		switch f.Name {
		case "OEBPS/titlepage.xhtml", "OEBPS/contents.xhtml", "OEBPS/colophon.xhtml":
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			data, err := io.ReadAll(rc)
			rc.Close()
			if err != nil {
				t.Fatal(err)
			}
			b.WriteString(regexp.MustCompile(`<[^>]*>`).ReplaceAllString(string(data), " "))
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}
