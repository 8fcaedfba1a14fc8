package pdf

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pamphlet/pamphlet/builder/doc"
	"github.com/pamphlet/pamphlet/builder/font"
	"github.com/pamphlet/pamphlet/builder/frame"
	"github.com/pamphlet/pamphlet/builder/units"

	"github.com/pamphlet/pamphlet/internal/testtool"
)

// scriptLines are words that HarfBuzz does not draw one glyph per
// character: ligatures, Indic conjuncts and vowel signs drawn before
// their consonant, Tamil two-part vowels, Arabic joined right to left,
// and one glyph standing for two characters (Charis draws the Greek
// capital omega and the ohm sign alike).
//
// Vocalised Arabic (بِسْمِ) is left out: pdftotext (poppler 22.12) puts
// marks drawn above or below their letter into words of their own, and
// reverses a right-to-left word that carries /ActualText, whatever the
// PDF says.
var scriptLines = [][]string{
	{"office", "affluent", "efficient", "fjord", "waffle", "Ωmega", "Ωhm"},
	{"हिन्दी", "किताब", "क्षत्रिय", "प्रेम", "सर्वोच्च", "न्यायालय"},
	{"தமிழ்", "கொண்டு", "கோவில்", "பெண்", "வௌவால்"},
	{"العربية", "مرحبا", "السلام", "لا"},
	{"বাংলা", "ক্ষেত্রে", "ਪੰਜਾਬੀ", "ગુજરાતી", "മലയാളം", "ಕನ್ನಡ", "తెలుగు"},
}

// scriptDoc sets each of lines on its own baseline, word after word at
// their shaped widths (right to left for Arabic), each word in the face
// that covers it.
func scriptDoc(t testing.TB, lines [][]string) (*frame.Document, *font.Set) {
	t.Helper()
	fs, err := font.Default()
	if err != nil {
		t.Fatal(err)
	}
	size := 12 * units.Pt
	pg := &frame.Page{W: 500 * units.Pt, H: 400 * units.Pt}
	for i, words := range lines {
		y := units.Sp(i+1) * 40 * units.Pt
		x := 30 * units.Pt
		rtl := font.IsRTL(words[0])
		if rtl {
			x = 470 * units.Pt
		}
		for _, w := range words {
			f, ok := fs.PickText(font.Regular, w)
			if !ok {
				t.Fatalf("no face covers %q", w)
			}
			wd := fs.Scale(f, size, fs.Shape(f, w).Width)
			if rtl {
				x -= wd
			}
			pg.Items = append(pg.Items, frame.Item{Kind: frame.Text, Face: f, Size: size, X: x, Y: y, W: wd, Text: w})
			if rtl {
				x -= 4 * units.Pt
			} else {
				x += wd + 4*units.Pt
			}
		}
	}
	return &frame.Document{Meta: doc.Meta{Title: "Scripts", Lang: "hi"}, Pages: []*frame.Page{pg}}, fs
}

// TestScriptsCopyBack: pdftotext gives back every word as it was
// written, in logical order, although the glyphs are not one per
// character nor in the text's order.
func TestScriptsCopyBack(t *testing.T) {
	d, fs := scriptDoc(t, scriptLines)
	out := filepath.Join(t.TempDir(), "scripts.pdf")
	if dir := os.Getenv("PAMPHLET_KEEP_PDF"); dir != "" {
		out = filepath.Join(dir, "scripts.pdf")
	}
	if err := os.WriteFile(out, write(t, d, fs), 0o644); err != nil {
		t.Fatal(err)
	}
	testtool.CheckPDF(t, out)
	txt, err := exec.Command(testtool.Need(t, "pdftotext"), "-enc", "UTF-8", out, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	// pdftotext brackets a right-to-left run in U+202B … U+202C.
	got := map[string]bool{}
	for _, w := range strings.Fields(strings.NewReplacer("\u202b", " ", "\u202c", " ").Replace(string(txt))) {
		got[w] = true
	}
	for _, words := range scriptLines {
		for _, w := range words {
			if !got[w] {
				t.Errorf("pdftotext lacks %q (%+q) in\n%s", w, w, txt)
			}
		}
	}
}
