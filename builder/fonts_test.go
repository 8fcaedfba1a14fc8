package builder

import (
	"bytes"
	"compress/zlib"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/pamphlet/pamphlet/internal/testtool"
)

// needFile skips (fails in CI) when a file from a Debian package is
// missing.
func needFile(t *testing.T, path, pkg string) {
	t.Helper()
	if _, err := os.Stat(path); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s is missing (apt-get install -y %s)", path, pkg)
		}
		t.Skipf("%s is missing (apt-get install -y %s)", path, pkg)
	}
}

// fontBook writes a small English book whose manifest has the fonts:
// lines given, and returns its manifest's path.
func fontBook(t *testing.T, fontsYAML string) string {
	t.Helper()
	dir := t.TempDir()
	man := "title: Fonts\nauthor: A. Writer\nlanguage: en\narticles:\n  - a.md\n" + fontsYAML
	art := "# The office\n\nThe official flight of fluffy waffles left the office at five; *its afflicted officer* was **offline**.\n"
	for name, s := range map[string]string{"book.yaml": man, "a.md": art} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return filepath.Join(dir, "book.yaml")
}

// toUnicodeTargets returns the texts the PDF's ToUnicode maps give glyphs.
func toUnicodeTargets(t *testing.T, pdf string) []string {
	t.Helper()
	b, err := os.ReadFile(pdf)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	stream := regexp.MustCompile(`(?s)stream\r?\n(.*?)endstream`)
	pair := regexp.MustCompile(`<[0-9A-Fa-f]{4}> <([0-9A-Fa-f]+)>`)
	for _, m := range stream.FindAllSubmatch(b, -1) {
		r, err := zlib.NewReader(bytes.NewReader(m[1]))
		if err != nil {
			continue
		}
		data, err := io.ReadAll(r)
		if err != nil || !bytes.Contains(data, []byte("begincmap")) {
			continue
		}
		for _, p := range pair.FindAllSubmatch(data, -1) {
			out = append(out, string(p[1]))
		}
	}
	return out
}

// TestManifestFonts: a CFF font named by family (EB Garamond) and one
// given by path (Linux Libertine) set the book; pdffonts shows them
// embedded and subset under their own names; English words use the
// fonts' ligature glyphs yet copy back as plain letters.
func TestManifestFonts(t *testing.T) {
	needFile(t, "/usr/share/fonts/opentype/ebgaramond/EBGaramond12-Regular.otf", "fonts-ebgaramond")
	needFile(t, "/usr/share/fonts/opentype/linux-libertine/LinLibertine_R.otf", "fonts-linuxlibertine")
	pdffonts := testtool.Need(t, "pdffonts")
	pdftotext := testtool.Need(t, "pdftotext")
	for _, c := range []struct {
		name, fonts string
		want        []string // font names pdffonts must list
	}{
		{"family", "fonts:\n  body: EB Garamond\n", []string{"EBGaramond12-Regular", "EBGaramond12-Italic", "EBGaramond12-Bold"}},
		{"path", "fonts:\n  body: /usr/share/fonts/opentype/linux-libertine/LinLibertine_R.otf\n", []string{"LinLibertineO", "LinLibertineOI", "LinLibertineOB"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			man := fontBook(t, c.fonts)
			out := t.TempDir()
			res := build(t, man, out)
			warned := false
			for _, d := range res.Diags.Items() {
				// Debian's EB Garamond has no bold italic: said once.
				if d.Code == "F003" && c.name == "family" && strings.Contains(d.Msg, "no Bold Italic face") {
					warned = true
					continue
				}
				t.Errorf("diagnostic: %s", d)
			}
			if c.name == "family" && !warned {
				t.Error("no warning that EB Garamond lacks a bold italic")
			}
			pdf := filepath.Join(out, res.Name+".pdf")
			testtool.CheckPDF(t, pdf)
			list, err := exec.Command(pdffonts, pdf).Output()
			if err != nil {
				t.Fatal(err)
			}
			for _, name := range c.want {
				re := regexp.MustCompile(`(?m)^[A-Z]{6}\+` + regexp.QuoteMeta(name) + `\s+CID Type 0C\s+Identity-H\s+yes yes yes`)
				if !re.Match(list) {
					t.Errorf("pdffonts does not list %s as an embedded subset CFF font:\n%s", name, list)
				}
			}
			// A glyph that stands for two or three letters: a ligature.
			lig := 0
			for _, u := range toUnicodeTargets(t, pdf) {
				switch strings.ToUpper(u) {
				case "00660069", "0066006C", "00660066", "006600660069", "00660066006C":
					lig++
				}
			}
			if lig == 0 {
				t.Error("no ligature glyph (fi, fl, ff, ffi, ffl) in the fonts' ToUnicode maps")
			}
			text, err := exec.Command(pdftotext, pdf, "-").Output()
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range []string{"official", "flight", "fluffy", "waffles", "office", "afflicted", "officer", "offline"} {
				if !regexp.MustCompile(`\b` + w + `\b`).Match(text) {
					t.Errorf("pdftotext does not give back %q:\n%s", w, text)
				}
			}
		})
	}
}

// TestManifestFontErrors: a misspelt family is an error at its manifest
// line with the nearest names; a file that is not a font is an error
// naming it.
func TestManifestFontErrors(t *testing.T) {
	for _, c := range []struct{ fonts, want string }{
		{"fonts:\n  body: Charis SLI\n", `book.yaml:7:9: body font "Charis SLI" is not installed or bundled (did you mean "Charis SIL"`},
		{"fonts:\n  mono: notes.txt\n", `book.yaml:7:9: mono font "notes.txt": `},
	} {
		man := fontBook(t, c.fonts)
		os.WriteFile(filepath.Join(filepath.Dir(man), "notes.txt"), []byte("not a font\n"), 0o644)
		res, err := Build(t.Context(), Options{Manifest: man, OutDir: t.TempDir(), Getenv: noEnv})
		if err == nil {
			t.Errorf("%q: built without error", c.fonts)
			continue
		}
		var msgs []string
		for _, d := range res.Diags.Items() {
			msgs = append(msgs, d.String())
		}
		all := strings.Join(msgs, "\n")
		if !strings.Contains(all, c.want) {
			t.Errorf("%q: diagnostics\n%s\nwant one containing %q", c.fonts, all, c.want)
		}
	}
}

// TestRightToLeftBookPDF: a Persian book's PDF asks viewers to lay its
// spreads out right to left, and its booklet is imposed for a book bound
// on the right.
func TestRightToLeftBookPDF(t *testing.T) {
	dir := t.TempDir()
	man := "title: آزمایش\nlanguage: fa\narticles:\n  - a.md\npdf:\n  booklet: true\n"
	art := "# عنوان\n\n" + strings.Repeat("تمام افراد بشر آزاد بدنیا میایند و از لحاظ حیثیت و حقوق با هم برابرند. ", 40) + "\n"
	for name, s := range map[string]string{"book.yaml": man, "a.md": art} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := t.TempDir()
	res := build(t, filepath.Join(dir, "book.yaml"), out)
	b, err := os.ReadFile(filepath.Join(out, res.Name+".pdf"))
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`/Direction\s*/R2L`).Match(b) {
		t.Error("the PDF does not ask for right-to-left spreads (/ViewerPreferences /Direction /R2L)")
	}
	if _, err := os.Stat(filepath.Join(out, res.Name+"-booklet.pdf")); err != nil {
		t.Errorf("no booklet: %v", err)
	}
}
