package builder

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"

	"github.com/pamphlet/pamphlet/internal/testtool"
)

// The world book (../shared/world/udhr-world) is one text in nine
// languages and seven scripts. These tests read its PDF back as a reader
// would: the text a copy gives (pdftotext) and the words OCR reads from
// the printed page (tesseract), against the source. They are the
// Go form of ../shared/tools/extractcheck.py and ocrcheck.py, so that CI
// needs no Python.

// worldBook returns the world book's manifest, or skips (fails in CI).
func worldBook(t *testing.T) string {
	t.Helper()
	return testtool.Shared(t, "../../shared/world/udhr-world/book.yaml")
}

// needFonts skips (fails in CI) when the Debian font packages the world
// book's scripts come from are not installed.
func needFonts(t *testing.T) {
	t.Helper()
	for _, f := range []string{
		"/usr/share/fonts/truetype/noto/NotoSerifSinhala-Regular.ttf", // fonts-noto-core
		"/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",     // fonts-noto-cjk
		"/usr/share/fonts/truetype/noto/NotoSerifHebrew-Regular.ttf",  // fonts-noto-core
	} {
		if _, err := os.Stat(f); err != nil {
			if os.Getenv("CI") != "" {
				t.Fatalf("%s is missing (apt-get install -y fonts-noto-core fonts-noto-cjk)", f)
			}
			t.Skipf("%s is missing (apt-get install -y fonts-noto-core fonts-noto-cjk)", f)
		}
	}
}

// scriptRanges are the code point ranges of the scripts the check keeps,
// as extractcheck.py has them.
var scriptRanges = map[string][2]rune{
	"Deva": {0x0900, 0x097F}, "Telu": {0x0C00, 0x0C7F}, "Knda": {0x0C80, 0x0CFF},
	"Sinh": {0x0D80, 0x0DFF}, "Arab": {0x0600, 0x06FF}, "Hebr": {0x0590, 0x05FF},
	"Cyrl": {0x0400, 0x04FF}, "Hani": {0x4E00, 0x9FFF}, "Kana": {0x3040, 0x30FF},
}

// harakat are optional Arabic vowel marks, tatweel and bidi controls,
// which the check leaves out of both texts.
var harakat = regexp.MustCompile("[\u064b-\u0652\u0670\u0640\u200e\u200f\u202a-\u202e\u2066-\u2069]")

var (
	frontMatter = regexp.MustCompile(`(?s)\A---\n.*?\n---\n`)
	mdMarks     = regexp.MustCompile(`(?m)^#+\s*|^\s*\d+\.\s+`)
)

// keepScript returns the characters of text in script sc, normalised.
func keepScript(text, sc string) []rune {
	r := scriptRanges[sc]
	text = harakat.ReplaceAllString(norm.NFKC.String(text), "")
	var out []rune
	for _, c := range text {
		if c >= r[0] && c <= r[1] {
			out = append(out, c)
		}
	}
	return out
}

func grams4(rs []rune) map[string]int {
	m := map[string]int{}
	for i := 0; i+4 <= len(rs); i++ {
		m[string(rs[i:i+4])]++
	}
	return m
}

// extracted returns the share of the source's 4-grams of script sc that
// the PDF's text gives back (a multiset intersection).
func extracted(src, pdfText, sc string) float64 {
	src = mdMarks.ReplaceAllString(frontMatter.ReplaceAllString(src, ""), "")
	want, got := grams4(keepScript(src, sc)), grams4(keepScript(pdfText, sc))
	n, hit := 0, 0
	for g, c := range want {
		n += c
		hit += min(c, got[g])
	}
	if n == 0 {
		return 0
	}
	return float64(hit) / float64(n)
}

// TestWorldBook builds the world book from bundled and installed fonts
// with no character left out, and checks that a copy of its PDF gives
// back every script's text: at least 0.99 of each source's character
// 4-grams (xelatex gives 0.36–0.68 on Indic scripts, Typst 0.888 on
// Arabic).
func TestWorldBook(t *testing.T) {
	book := worldBook(t)
	needFonts(t)
	pdftotext := testtool.Need(t, "pdftotext")
	out := t.TempDir()
	res := build(t, book, out)
	for _, d := range res.Diags.Items() {
		if d.Code == "T002" || strings.Contains(d.Msg, "no font") {
			t.Errorf("missing glyphs: %s", d)
		}
	}
	pdf := filepath.Join(out, res.Name+".pdf")
	testtool.CheckPDF(t, pdf)
	// Its EPUB passes EPUBCheck like every corpus book's.
	for _, o := range res.Outputs {
		if filepath.Ext(o) == ".epub" {
			checkEPUB(t, o)
			checkSafe(t, o)
		}
	}
	text, err := exec.Command(pdftotext, pdf, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ article, script string }{
		{"mar", "Deva"}, {"nep", "Deva"}, {"tel", "Telu"}, {"kan", "Knda"}, {"sin", "Sinh"},
		{"pes_1", "Arab"}, {"heb", "Hebr"}, {"ukr", "Cyrl"}, {"jpn", "Hani"}, {"jpn", "Kana"},
	} {
		src, err := os.ReadFile(filepath.Join(filepath.Dir(book), "articles", c.article+".md"))
		if err != nil {
			t.Fatal(err)
		}
		got := extracted(string(src), string(text), c.script)
		t.Logf("%s %s: extracted %.3f", c.article, c.script, got)
		if got < 0.99 {
			t.Errorf("%s (%s): pdftotext gives back %.3f of the source's 4-grams, want ≥ 0.99", c.article, c.script, got)
		}
	}
}

// ocrSeparators split OCR and source text into words, as ocrcheck.py
// splits them.
var ocrSeparators = regexp.MustCompile(`[\s\.,;:!?\x{0964}\x{0965}\x{06d4}\x{060c}\x{061b}\x{061f}()\[\]"'“”‘’«»—–\-\*#|/\\_]+`)

var bidiControls = regexp.MustCompile("[\u200c\u200d\u200e\u200f\u202a-\u202e\u2066-\u2069]")

func ocrTokens(s string) []string {
	s = bidiControls.ReplaceAllString(norm.NFKC.String(s), "")
	var out []string
	for _, w := range ocrSeparators.Split(s, -1) {
		if w != "" {
			out = append(out, w)
		}
	}
	return out
}

// TestWorldOCR prints pages of the world book at 300 dpi and reads them
// back with tesseract, as a reader would: the share of read words that
// are words of the source, and of read word pairs that occur in it, must
// be at least what tesseract reads from the same text printed by
// Chromium in the same Noto face, less 0.03 (../shared/tools/README.md).
// Unshaped text (broken conjuncts, unjoined Arabic) or words in the
// wrong direction read back as misspellings and reversed pairs.
func TestWorldOCR(t *testing.T) {
	if testing.Short() {
		t.Skip("OCR takes seconds a page")
	}
	book := worldBook(t)
	needFonts(t)
	pdftotext := testtool.Need(t, "pdftotext")
	pdftoppm := testtool.Need(t, "pdftoppm")
	tesseract := testtool.Need(t, "tesseract")
	out := t.TempDir()
	res := build(t, book, out)
	pdf := filepath.Join(out, res.Name+".pdf")
	pages := pageTexts(t, pdftotext, pdf)
	for _, c := range []struct {
		article, lang string
		words, pairs  float64 // Chromium's
	}{
		{"mar", "mar", 0.987, 0.975},
		{"tel", "tel", 0.863, 0.788},
		{"pes_1", "fas", 0.952, 0.915},
	} {
		t.Run(c.article, func(t *testing.T) {
			if _, err := os.Stat("/usr/share/tesseract-ocr/5/tessdata/" + c.lang + ".traineddata"); err != nil {
				if os.Getenv("CI") != "" {
					t.Fatalf("tesseract has no %s pack (apt-get install -y tesseract-ocr-%s)", c.lang, c.lang)
				}
				t.Skipf("tesseract has no %s pack", c.lang)
			}
			src, err := os.ReadFile(filepath.Join(filepath.Dir(book), "articles", c.article+".md"))
			if err != nil {
				t.Fatal(err)
			}
			md := frontMatter.ReplaceAllStringFunc(string(src), func(fm string) string {
				var vals []string
				for _, l := range strings.Split(strings.Trim(fm, "-\n"), "\n") {
					_, v, _ := strings.Cut(l, ":")
					vals = append(vals, v)
				}
				return strings.Join(vals, " ") + "\n"
			})
			stoks := ocrTokens(mdMarks.ReplaceAllString(md, ""))
			vocab, pairs := map[string]bool{}, map[[2]string]bool{}
			for i, w := range stoks {
				vocab[w] = true
				if i > 0 {
					pairs[[2]string{stoks[i-1], w}] = true
				}
			}
			// The two pages that hold most of the article's words.
			best := [2]int{-1, -1}
			score := func(p int) int {
				n := 0
				for _, w := range ocrTokens(pages[p]) {
					if vocab[w] {
						n++
					}
				}
				return n
			}
			for p := range pages {
				switch s := score(p); {
				case best[0] < 0 || s > score(best[0]):
					best[1], best[0] = best[0], p
				case best[1] < 0 || s > score(best[1]):
					best[1] = p
				}
			}
			var words, hits, npairs, phits int
			for _, p := range best {
				img := filepath.Join(t.TempDir(), "p")
				if b, err := exec.Command(pdftoppm, "-r", "300", "-f", itoa(p+1), "-l", itoa(p+1), "-png", "-singlefile", pdf, img).CombinedOutput(); err != nil {
					t.Fatalf("pdftoppm: %v\n%s", err, b)
				}
				b, err := exec.Command(tesseract, img+".png", "-", "-l", c.lang).Output()
				if err != nil {
					t.Fatalf("tesseract: %v", err)
				}
				for _, line := range strings.Split(string(b), "\n") {
					lt := ocrTokens(line)
					for i, w := range lt {
						words++
						if vocab[w] {
							hits++
						}
						if i > 0 {
							npairs++
							if pairs[[2]string{lt[i-1], w}] {
								phits++
							}
						}
					}
				}
			}
			wp, pp := float64(hits)/float64(max(words, 1)), float64(phits)/float64(max(npairs, 1))
			t.Logf("pages %d,%d: %d words read, word precision %.3f (Chromium %.3f), pair precision %.3f (Chromium %.3f)", best[0]+1, best[1]+1, words, wp, c.words, pp, c.pairs)
			if wp < c.words-0.03 || pp < c.pairs-0.03 {
				t.Errorf("OCR reads %.3f / %.3f, below Chromium's %.3f / %.3f less 0.03", wp, pp, c.words, c.pairs)
			}
		})
	}
}

// pageTexts returns pdftotext's text of each page of pdf.
func pageTexts(t *testing.T, pdftotext, pdf string) []string {
	t.Helper()
	b, err := exec.Command(pdftotext, pdf, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	pages := strings.Split(string(b), "\f")
	if n := len(pages); n > 0 && strings.TrimSpace(pages[n-1]) == "" {
		pages = pages[:n-1]
	}
	return pages
}

func itoa(n int) string { return strconv.Itoa(n) }
