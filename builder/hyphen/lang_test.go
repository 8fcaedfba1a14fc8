package hyphen

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/pamphlet/pamphlet/layouts"
)

var update = flag.Bool("update", false, "rewrite testdata/golden from LuaTeX and pyphen")

// pyphenDicts names the LibreOffice dictionary (Debian's hyphen-de,
// hyphen-fr, hyphen-ru, hyphen-hi) that pyphen uses for a pattern file.
var pyphenDicts = map[string]string{"de-1996": "de_DE", "fr": "fr", "ru": "ru_RU", "hi": "hi_IN"}

// pyphenFloor is the least share of words, in per cent, on which our
// points must equal pyphen's: what was measured when the golden files
// were made, rounded down. The rest are the dictionaries' doing (see
// TestAgainstTeX), but a fall below it means our side changed.
var pyphenFloor = map[string]float64{"de-1996": 93, "fr": 100, "ru": 96, "hi": 100}

// TestAgainstTeX hyphenates words of the Universal Declaration of Human
// Rights in every embedded language (testdata/words, see udhr-words.py)
// and compares the points with TeX's own, as LuaTeX finds them with the
// same pattern file, exceptions and minimums (testdata/tex), kept in
// testdata/golden: they must be the same, word for word. Where Debian's
// pyphen has a dictionary for the language, its answers are kept beside
// TeX's and the agreement is reported: those LibreOffice dictionaries
// are other versions of the patterns (for German and Russian, other
// projects'), so they differ on some words.
//
// go test -run TestAgainstTeX -update rewrites the golden files (it needs
// luatex from texlive-binaries, and for the pyphen column
// /usr/bin/python3 with python3-pyphen and hyphen-de, -fr, -ru, -hi).
func TestAgainstTeX(t *testing.T) {
	langs := Languages()
	if len(langs) < 20 {
		t.Fatalf("only %d languages embedded: %v", len(langs), langs)
	}
	for _, name := range langs {
		t.Run(name, func(t *testing.T) {
			words := readLines(t, filepath.Join("testdata", "words", name+".txt"))
			if len(words) < 200 {
				t.Fatalf("only %d words", len(words))
			}
			golden := filepath.Join("testdata", "golden", name+".txt")
			h, err := New(name)
			if err != nil {
				t.Fatal(err)
			}
			if *update {
				writeGolden(t, h, golden, words)
			}
			rows := readLines(t, golden)
			if len(rows) != len(words) {
				t.Fatalf("%s has %d lines for %d words: run with -update", golden, len(rows), len(words))
			}
			var mismatches, agree, compared, hyphenated int
			for i, row := range rows {
				word, rest, _ := strings.Cut(row, "\t")
				tex, py, hasPy := strings.Cut(rest, "\t")
				if word != words[i] || strings.ReplaceAll(tex, "-", "") != word {
					t.Fatalf("%s line %d: %q does not match word %q: run with -update", golden, i+1, row, words[i])
				}
				got := show(word, h.Points(word))
				if got != tex {
					if mismatches++; mismatches <= 10 {
						t.Errorf("%q: %q, TeX %q", word, got, tex)
					}
				}
				if strings.Contains(got, "-") {
					hyphenated++
				}
				if hasPy && py != "" {
					compared++
					if got == py {
						agree++
					}
				}
			}
			if mismatches > 0 {
				t.Errorf("%d of %d words differ from TeX", mismatches, len(rows))
			}
			// The sample must exercise the patterns, not only the
			// minimums.
			if hyphenated < len(rows)/2 {
				t.Errorf("only %d of %d words hyphenated", hyphenated, len(rows))
			}
			if compared > 0 {
				share := 100 * float64(agree) / float64(compared)
				t.Logf("%s: %d of %d words as pyphen (%.1f%%)", name, agree, compared, share)
				if share < pyphenFloor[name] {
					t.Errorf("agreement with pyphen fell to %.1f%%, below %.0f%%", share, pyphenFloor[name])
				}
			} else if _, ok := pyphenDicts[name]; ok {
				t.Errorf("%s has no pyphen column: run with -update where pyphen is installed", golden)
			}
		})
	}
}

func readLines(t *testing.T, name string) []string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
}

// writeGolden writes "word TAB TeX's hyphenation TAB pyphen's" for each
// word; when pyphen is missing, the column already in the file is kept.
func writeGolden(t *testing.T, h *Hyphenator, golden string, words []string) {
	t.Helper()
	wordFile, err := filepath.Abs(filepath.Join("testdata", "words", h.Language()+".txt"))
	if err != nil {
		t.Fatal(err)
	}
	tex := runTeX(t, h, wordFile)
	py := runPyphen(t, h, wordFile)
	if py == nil {
		py = make([]string, len(words))
		if old, err := os.ReadFile(golden); err == nil {
			for i, row := range strings.Split(string(old), "\n") {
				if f := strings.Split(row, "\t"); i < len(py) && len(f) == 3 && f[0] == words[i] {
					py[i] = f[2]
				}
			}
		}
	}
	if len(tex) != len(words) || len(py) != len(words) {
		t.Fatalf("%d words, %d from TeX, %d from pyphen", len(words), len(tex), len(py))
	}
	var b bytes.Buffer
	for i, w := range words {
		fmt.Fprintf(&b, "%s\t%s\t%s\n", w, tex[i], py[i])
	}
	if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(golden, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// runTeX hyphenates the words of wordFile with LuaTeX (testdata/tex).
func runTeX(t *testing.T, h *Hyphenator, wordFile string) []string {
	t.Helper()
	luatex, err := exec.LookPath("luatex")
	if err != nil {
		t.Fatal("-update needs luatex (apt-get install -y texlive-binaries)")
	}
	dir := t.TempDir()
	name := h.Language()
	for _, kind := range []string{"pat", "hyp"} {
		b, err := layouts.FS.ReadFile("hyphenation/hyph-" + name + "." + kind + ".txt")
		if errors.Is(err, os.ErrNotExist) && kind == "hyp" {
			b = nil
		} else if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, kind+".txt"), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	left, right := h.Mins()
	out := filepath.Join(dir, "out.txt")
	cmd := exec.Command(luatex, "--ini", "--interaction=nonstopmode", "--output-directory="+dir, "run.tex")
	cmd.Dir = filepath.Join("testdata", "tex")
	cmd.Env = append(os.Environ(),
		"HYPH_PAT="+filepath.Join(dir, "pat.txt"), "HYPH_HYP="+filepath.Join(dir, "hyp.txt"),
		"HYPH_LEFT="+strconv.Itoa(left), "HYPH_RIGHT="+strconv.Itoa(right),
		"HYPH_WORDS="+wordFile, "HYPH_OUT="+out)
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("luatex: %v\n%s", err, msg)
	}
	return readLines(t, out)
}

// runPyphen hyphenates the words of wordFile with pyphen and the
// language's LibreOffice dictionary, with our minimums; nil when the
// language has none or pyphen is missing.
func runPyphen(t *testing.T, h *Hyphenator, wordFile string) []string {
	t.Helper()
	dict, ok := pyphenDicts[h.Language()]
	if !ok {
		return nil
	}
	left, right := h.Mins()
	script := `import sys, pyphen
p = pyphen.Pyphen(lang=sys.argv[1], left=int(sys.argv[2]), right=int(sys.argv[3]))
for w in open(sys.argv[4], encoding="utf-8").read().split("\n"):
    if w:
        print(p.inserted(w, "-"))
`
	cmd := exec.Command("/usr/bin/python3", "-c", script, dict, strconv.Itoa(left), strconv.Itoa(right), wordFile)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	b, err := cmd.Output()
	if err != nil {
		t.Logf("pyphen unavailable, its column kept: %v %s", err, stderr.String())
		return nil
	}
	return strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
}

// TestNewLanguages checks how tags find their patterns and minimums.
func TestNewLanguages(t *testing.T) {
	for _, c := range []struct {
		tag, name   string
		left, right int
	}{
		{"de", "de-1996", 2, 2},
		{"de-DE", "de-1996", 2, 2},
		{"de-CH", "de-1996", 2, 2},
		{"de-AT-1996", "de-1996", 2, 2},
		{"fr", "fr", 2, 2},
		{"fr-CA", "fr", 2, 2},
		{"ru", "ru", 2, 2},
		{"ru-RU", "ru", 2, 2},
		{"pt-BR", "pt", 2, 3},
		{"en-GB", "en-gb", 2, 3},
		{"en-AU", "en-us", 2, 3},
		{"en", "en-us", 2, 3},
		{"el", "el-monoton", 1, 1},
		{"el-polyton", "el-polyton", 1, 1},
		{"no", "nb", 2, 2},
		{"nn-NO", "nb", 2, 2},
		{"sv-FI", "sv", 2, 2},
		{"hi", "hi", 1, 1},
		{"hi-Deva-IN", "hi", 1, 1},
		{"pa-Guru", "pa", 1, 1},
		{"  UK_ua ", "uk", 2, 2},
	} {
		h, err := New(c.tag)
		if err != nil {
			t.Errorf("New(%q): %v", c.tag, err)
			continue
		}
		if l, r := h.Mins(); h.Language() != c.name || l != c.left || r != c.right {
			t.Errorf("New(%q): %s with %d/%d, want %s with %d/%d", c.tag, h.Language(), l, r, c.name, c.left, c.right)
		}
	}
	for _, tag := range []string{"", "xx", "ja", "zh-Hans", "../en-us", "en-us/..", "de\x00", "deu", "-"} {
		h, err := New(tag)
		if err == nil || h != nil {
			t.Errorf("New(%q) = %v, %v; want an error", tag, h, err)
		} else if !errors.Is(err, ErrNoPatterns) || !strings.Contains(err.Error(), strconv.Quote(tag)) {
			t.Errorf("New(%q): error %q does not wrap ErrNoPatterns and name the language", tag, err)
		}
	}
	// Two Hyphenators of a language share the patterns, not the
	// exceptions added to one of them.
	a, _ := New("de")
	b, _ := New("de-DE")
	if a.p != b.p {
		t.Error("de parsed twice")
	}
	a.AddExceptions([]string{"Donau-dampf-schiff"})
	if got := show("Donaudampfschiff", b.Points("Donaudampfschiff")); got == "Donau-dampf-schiff" {
		t.Error("an exception added to one Hyphenator reached another")
	}
}

// TestLanguages checks words of German, French, Russian, Ukrainian,
// Hindi and Greek, capitals and punctuation around them included, where
// LuaTeX with the same files (testdata/tex) gives these points.
func TestLanguages(t *testing.T) {
	for _, c := range []struct{ lang, word, want string }{
		{"de", "Silbentrennung", "Sil-ben-tren-nung"},
		{"de", "Menschenrechte", "Men-schen-rech-te"},
		{"de", "„Grundfreiheiten“,", "„Grund-frei-hei-ten“,"},
		{"de-CH", "Strasse", "Stras-se"},
		{"fr", "déclaration", "dé-cla-ra-tion"},
		{"fr", "l’humanité", "l’hu-ma-ni-té"},
		{"fr", "«\u00a0l’enseignement\u00a0»", "«\u00a0l’en-sei-gne-ment\u00a0»"},
		{"ru", "человека", "че-ло-ве-ка"},
		{"ru", "Всеобщая", "Все-об-щая"},
		{"ru", "декларация,", "де-кла-ра-ция,"},
		{"uk", "м’ята", "м’я-та"},
		{"hi", "अधिकार", "अ-धि-का-र"},
		{"el", "ανθρώπινα", "αν-θρώ-πι-να"},
	} {
		h, err := New(c.lang)
		if err != nil {
			t.Fatal(err)
		}
		if got := show(c.word, h.Points(c.word)); got != c.want {
			t.Errorf("%s: Points(%q) gives %q, want %q", c.lang, c.word, got, c.want)
		}
	}
}

// TestTrieMatchesMap checks the trie against the plain algorithm, every
// substring of the dotted word looked up in a map of the patterns, on
// the sample words of every language: multi-byte letters, combining
// marks and joiners included.
func TestTrieMatchesMap(t *testing.T) {
	for _, name := range Languages() {
		h, err := New(name)
		if err != nil {
			t.Fatal(err)
		}
		f, err := layouts.FS.Open("hyphenation/hyph-" + name + ".pat.txt")
		if err != nil {
			t.Fatal(err)
		}
		toks, err := readWords(f)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		pats := map[string][]uint8{}
		for _, tok := range toks {
			var letters []rune
			lv := []uint8{0}
			for _, c := range tok {
				if c >= '0' && c <= '9' {
					lv[len(lv)-1] = uint8(c - '0')
					continue
				}
				letters = append(letters, unicode.ToLower(c))
				lv = append(lv, 0)
			}
			pats[string(letters)] = lv
		}
		words := readLines(t, filepath.Join("testdata", "words", name+".txt"))
		if name == "en-us" {
			words = append(words, strings.Fields(readBook(t))...)
		}
		left, right := h.Mins()
		checked := 0
		for _, w := range words {
			r := []rune("." + strings.ToLower(strings.Trim(w, ".,;:!?“”‘’\"'()")) + ".")
			n := len(r) - 2
			if n < MinLetters || strings.ContainsAny(string(r[1:n+1]), ".-—0123456789") {
				continue
			}
			if _, exc := h.p.exceptions[string(r[1:n+1])]; exc {
				continue
			}
			levels := make([]uint8, len(r)+1)
			for i := range r {
				for j := i + 1; j <= len(r); j++ {
					for k, v := range pats[string(r[i:j])] {
						levels[i+k] = max(levels[i+k], v)
					}
				}
			}
			var want []int
			for k := left; k <= n-right; k++ {
				if levels[k+1]%2 == 1 {
					want = append(want, k)
				}
			}
			codes := []byte{h.p.alpha.code('.')}
			for _, c := range r[1 : n+1] {
				codes = append(codes, h.p.alpha.code(c))
			}
			codes = append(codes, h.p.alpha.code('.'))
			got := h.runePoints(nil, codes, []byte(string(r[1:n+1])), n)
			if !slices.Equal(got, want) {
				t.Errorf("%s %q: trie gives %v, map %v", name, string(r), got, want)
			}
			checked++
		}
		if checked < 150 {
			t.Errorf("%s: only %d words checked", name, checked)
		}
	}
}

// TestHyphenMins checks the reading of hyph-utf8's metadata.
func TestHyphenMins(t *testing.T) {
	for _, c := range []struct {
		header      string
		left, right int
		ok          bool
	}{
		{"% hyphenmins:\n%     typesetting:\n%         left: 2\n%         right: 3\n% texlive:\n", 2, 3, true},
		{"% hyphenmins:\n%     generation:\n%         left: 1\n%         right: 2\n%     typesetting:\n%         left: 2\n%         right: 2\n", 2, 2, true},
		{"% hyphenmins:\n%     generation:\n%         left: 1\n%         right: 1\n% texlive:\n%     left: 5\n", 1, 1, true},
		{"% title: x\n% texlive:\n%     left: 2\n%     right: 2\n", 0, 0, false},
		{"% hyphenmins:\n%     typesetting:\n%         left: two\n", 0, 0, false},
		{"", 0, 0, false},
	} {
		l, r, err := hyphenMins(c.header)
		if (err == nil) != c.ok || l != c.left || r != c.right {
			t.Errorf("hyphenMins(%q) = %d, %d, %v", c.header, l, r, err)
		}
	}
}

// TestEmbeddedFiles checks that every pattern file has its licence
// beside it and that every file of the folder belongs to a pattern file.
func TestEmbeddedFiles(t *testing.T) {
	entries, err := layouts.FS.ReadDir("hyphenation")
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	for _, n := range Languages() {
		names[n] = true
	}
	for _, e := range entries {
		base, ok := strings.CutPrefix(e.Name(), "hyph-")
		name, kind, _ := strings.Cut(base, ".")
		if !ok || !names[name] || !slices.Contains([]string{"pat.txt", "hyp.txt", "lic.txt"}, kind) {
			t.Errorf("hyphenation/%s belongs to no pattern file", e.Name())
		}
	}
	for n := range names {
		lic, err := layouts.FS.ReadFile("hyphenation/hyph-" + n + ".lic.txt")
		if err != nil {
			t.Errorf("%s: %v", n, err)
			continue
		}
		if !bytes.Contains(lic, []byte("licence:")) && !bytes.Contains(lic, []byte("copyright:")) {
			t.Errorf("hyph-%s.lic.txt names no licence", n)
		}
	}
}

// FuzzPoints checks, for any word in several languages, that Points
// neither panics nor gives an offset that is out of order, outside the
// word or inside a character.
func FuzzPoints(f *testing.F) {
	var hs []*Hyphenator
	for _, tag := range []string{"en", "de", "fr", "ru", "hi", "el", "ta"} {
		h, err := New(tag)
		if err != nil {
			f.Fatal(err)
		}
		hs = append(hs, h)
	}
	for _, s := range []string{"international", "Silbentrennung", "l’humanité", "человека", "अधिकार", "ανθρώπινα",
		"மனித", "a\u00adb", "x\u200dy\u200czzzz", "\xff\xfe\xc0abcdef", "ab-cd—ef", "’s’s’s’s"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, word string) {
		for _, h := range hs {
			pts := h.Points(word)
			if !slices.IsSorted(pts) {
				t.Fatalf("%s %q: unsorted %v", h.Language(), word, pts)
			}
			for _, p := range pts {
				if p <= 0 || p >= len(word) || !utf8.RuneStart(word[p]) {
					t.Fatalf("%s %q: bad offset %d", h.Language(), word, p)
				}
			}
		}
	})
}

// BenchmarkLanguages hyphenates the sample words of German, Russian and
// Hindi (testdata/words) without the cache: the per-word cost in
// scripts of one, two and three bytes a letter.
func BenchmarkLanguages(b *testing.B) {
	for _, name := range []string{"de-1996", "ru", "hi"} {
		b.Run(name, func(b *testing.B) {
			data, err := os.ReadFile(filepath.Join("testdata", "words", name+".txt"))
			if err != nil {
				b.Fatal(err)
			}
			words := strings.Fields(string(data))
			h, err := New(name)
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				for _, w := range words {
					h.compute(w)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(words)), "ns/word")
		})
	}
}

// TestShortWordsScripts checks the shortcut for short words in scripts
// of two and three bytes a character: it must answer as the full
// computation does, and take the short Russian and Hindi words.
func TestShortWordsScripts(t *testing.T) {
	for _, c := range []struct {
		lang, word string
		short      bool
	}{
		{"ru", "было", true},
		{"ru", "«мы»", true},
		{"ru", "«мир»", false}, // five characters with the guillemets
		{"ru", "права", false},
		{"ru", "пра\u00adва", false},
		{"ru", "пр\u00adа", false},
		{"hi", "सभी", true},
		{"hi", "अधिकार", false},
		{"el", "όλοι", true},
		{"de", "Würde", false},
		{"de", "Über", true},
		{"en", "“The”", false}, // nine bytes: counted, five characters
	} {
		h, err := New(c.lang)
		if err != nil {
			t.Fatal(err)
		}
		if got := short(c.word) || shortScript(c.word); got != c.short {
			t.Errorf("short or shortScript(%q) = %v, want %v", c.word, got, c.short)
		}
		want := h.compute(c.word)
		if got := h.Points(c.word); !slices.Equal(got, want) {
			t.Errorf("%s: Points(%q) = %v, want %v", c.lang, c.word, got, want)
		}
		if got := h.NewCache().AppendPoints(nil, c.word); !slices.Equal(got, want) {
			t.Errorf("%s: Cache.AppendPoints(%q) = %v, want %v", c.lang, c.word, got, want)
		}
	}
}
