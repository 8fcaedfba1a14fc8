package builder

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/pamphlet/pamphlet/builder/diag"
	"github.com/pamphlet/pamphlet/builder/doc"
	"github.com/pamphlet/pamphlet/builder/manifest"
	"github.com/pamphlet/pamphlet/builder/transform"
	"github.com/pamphlet/pamphlet/internal/inputfile"
	"github.com/pamphlet/pamphlet/internal/testtool"
)

// noEnv is an empty environment, so tests do not depend on the caller's.
func noEnv(string) string { return "" }

// corpusBooks returns the manifests of the shared corpus, or skips (fails
// in CI, where the corpus is always beside the repository).
func corpusBooks(t testing.TB) []string {
	t.Helper()
	return testtool.SharedGlob(t, "../../shared/corpus/*/book.yaml")
}

func build(t testing.TB, manifestPath, out string) *Result {
	t.Helper()
	res, err := Build(context.Background(), Options{Manifest: manifestPath, OutDir: out, Getenv: noEnv})
	if err != nil {
		var msgs []string
		for _, d := range res.Diags.Sorted() {
			msgs = append(msgs, d.String())
		}
		t.Fatalf("build %s: %v\n%s", manifestPath, err, strings.Join(msgs, "\n"))
	}
	return res
}

// TestSampleBook builds the repository's own book.yaml and checks both
// outputs with outside tools.
func TestSampleBook(t *testing.T) {
	out := t.TempDir()
	res := build(t, "../book.yaml", out)
	for _, d := range res.Diags.Items() {
		t.Errorf("unexpected diagnostic: %s", d)
	}
	if res.Name != "2plus2-dialogue" || len(res.Outputs) != 2 {
		t.Fatalf("name %q outputs %v", res.Name, res.Outputs)
	}
	checkOutputs(t, "../book.yaml", res)
}

// TestCorpus builds every book of the shared corpus and checks its PDF
// (qpdf, embedded fonts, words in order) and its EPUB (EPUBCheck).
func TestCorpus(t *testing.T) {
	for _, book := range corpusBooks(t) {
		name := filepath.Base(filepath.Dir(book))
		t.Run(name, func(t *testing.T) {
			res := build(t, book, t.TempDir())
			for _, d := range res.Diags.Items() {
				if d.Severity == diag.Error {
					t.Errorf("error: %s", d)
				}
			}
			checkOutputs(t, book, res)
		})
	}
}

func checkOutputs(t *testing.T, manifestPath string, res *Result) {
	t.Helper()
	for _, out := range res.Outputs {
		switch filepath.Ext(out) {
		case ".pdf":
			checkPDF(t, manifestPath, out)
		case ".epub":
			checkEPUB(t, out)
		}
		checkSafe(t, out)
	}
}

func checkPDF(t *testing.T, manifestPath, pdf string) {
	t.Helper()
	testtool.CheckPDF(t, pdf)
	pdftotext := testtool.Need(t, "pdftotext")
	text, err := exec.Command(pdftotext, "-layout", "-enc", "UTF-8", pdf, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	src := sourceWords(t, manifestPath)
	got := pdfWords(string(text))
	missing, firstMissing := subsequence(src, got, 600)
	// Every word of the source must come back, in order.
	if missing > 0 {
		t.Errorf("%s: %d of %d source words not found in order in pdftotext output; first at %q",
			filepath.Base(pdf), missing, len(src), firstMissing)
	}
}

// sourceWords returns the body words of every article of the book, in
// reading order, normalised as pdfWords normalises the PDF's.
func sourceWords(t *testing.T, manifestPath string) []string {
	t.Helper()
	var dl diag.List
	m := manifest.Load(manifestPath, &dl)
	if m == nil {
		t.Fatalf("manifest: %v", dl.Err())
	}
	b := loadBook(context.Background(), m, DefaultMaxArticleBytes, &dl)
	transform.Apply(b, transform.Options{Stat: inputfile.Check, Dirs: articleDirs(b)}, &dl)
	var words []string
	for _, a := range b.Articles {
		var sb strings.Builder
		doc.InspectBlocks(a.Blocks, func(n doc.Node) bool {
			switch n := n.(type) {
			case *doc.Table:
				// pdftotext reads cells that wrap onto two lines
				// row by row, not cell by cell: tables are checked
				// by the typesetter's own tests, not here.
				return false
			case *doc.Text:
				sb.WriteString(n.Value)
			case *doc.Code:
				sb.WriteString(n.Value)
			case *doc.CodeBlock:
				sb.WriteString(n.Text)
			case *doc.Image:
				sb.WriteString(n.Alt)
			case *doc.NoteRef:
				// The superscript number follows the word without a
				// space, and pdftotext reads it as part of the word.
				sb.WriteString(strconv.Itoa(n.N))
			case *doc.SoftBreak, *doc.LineBreak:
				sb.WriteByte(' ')
			case doc.Block, *doc.ListItem, *doc.Cell:
				sb.WriteByte(' ')
			}
			return true
		})
		words = append(words, normWords(sb.String())...)
	}
	return words
}

// pdfWords splits pdftotext output into normalised words. A word that
// ends a line with a hyphen keeps it ("recon-"), so that subsequence can
// join it with its continuation, which may come after a folio, a running
// head or a page's footnotes.
func pdfWords(text string) []string {
	var out []string
	for _, l := range strings.Split(text, "\n") {
		words := normWordsKeepHyphen(l)
		for i, w := range words {
			last := i == len(words)-1
			if !last || !strings.HasSuffix(w, "-") {
				w = strings.ReplaceAll(w, "-", "")
			} else {
				w = strings.ReplaceAll(strings.TrimSuffix(w, "-"), "-", "") + "-"
			}
			if w != "" && w != "-" {
				out = append(out, w)
			}
		}
	}
	return out
}

// normWordsKeepHyphen is normWords keeping hyphens, so that a line-end
// hyphen can be seen.
func normWordsKeepHyphen(s string) []string {
	s = norm.NFKC.String(s)
	s = dashes.ReplaceAllString(s, " ")
	var out []string
	for _, f := range strings.Fields(s) {
		w := strings.Map(func(r rune) rune {
			switch {
			case r == '\u2010':
				return '-'
			case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-':
				return r
			}
			return -1
		}, f)
		if w != "" {
			out = append(out, w)
		}
	}
	return out
}

var dashes = regexp.MustCompile(`[\x{2012}-\x{2015}\x{2E3A}\x{2E3B}/]`)

// normWords splits s into words of letters and digits only: hyphens are
// removed (a word hyphenated by the typesetter reads as the source's),
// dashes separate words, ligatures are unfolded.
func normWords(s string) []string {
	s = norm.NFKC.String(s) // unfolds ﬁ, ﬂ and compatibility spaces
	s = dashes.ReplaceAllString(s, " ")
	var out []string
	for _, f := range strings.Fields(s) {
		w := strings.Map(func(r rune) rune {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				return r
			}
			return -1
		}, f)
		if w != "" {
			out = append(out, w)
		}
	}
	return out
}

// subsequence counts the words of want not found in got in order, looking
// at most window words ahead (running heads, folios and footnotes sit
// between a page's words). A match far ahead counts only when the next
// few words follow it too, so that one missing common word cannot make
// the search jump to its next occurrence and lose its place.
func subsequence(want, got []string, window int) (missing int, first string) {
	j := 0
	for i, w := range want {
		found := -1
		for k := j; k < len(got) && k < j+window; k++ {
			if got[k] == w && (k-j < 20 || followedBy(want[i+1:min(len(want), i+4)], got[k+1:min(len(got), k+12)])) {
				found = k
				break
			}
			// A word hyphenated at a line end: its first piece here,
			// the rest at the start of a later line.
			if k-j < 20 && strings.HasSuffix(got[k], "-") {
				head := strings.TrimSuffix(got[k], "-")
				if rest, ok := strings.CutPrefix(w, head); ok && rest != "" {
					for k2 := k + 1; k2 < len(got) && k2 < k+window; k2++ {
						if got[k2] == rest || got[k2] == rest+"-" {
							found = k2
							break
						}
					}
					if found >= 0 {
						break
					}
				}
			}
		}
		if found < 0 {
			if missing == 0 {
				lo := max(0, i-5)
				first = strings.Join(want[lo:min(len(want), i+5)], " ")
			}
			missing++
			continue
		}
		j = found + 1
	}
	return missing, first
}

// followedBy reports whether the words of want appear in got in order.
func followedBy(want, got []string) bool {
	k := 0
	for _, w := range want {
		for k < len(got) && got[k] != w {
			k++
		}
		if k == len(got) {
			return false
		}
		k++
	}
	return true
}

var epubSummary = regexp.MustCompile(`Messages: (\d+) fatals? / (\d+) errors? / (\d+) warnings?`)

func checkEPUB(t *testing.T, epub string) {
	t.Helper()
	cmd := testtool.EPUBCheck(t)
	out, _ := exec.Command(cmd[0], append(cmd[1:], epub)...).CombinedOutput()
	m := epubSummary.FindStringSubmatch(string(out))
	if m == nil {
		t.Fatalf("EPUBCheck printed no summary for %s:\n%s", epub, out)
	}
	if m[1] != "0" || m[2] != "0" || m[3] != "0" {
		t.Errorf("EPUBCheck %s: %s\n%s", filepath.Base(epub), m[0], out)
	}
}

// TestReproducible builds the sample book twice and compares the bytes.
func TestReproducible(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	ra := build(t, "../book.yaml", a)
	rb := build(t, "../book.yaml", b)
	for i := range ra.Outputs {
		x, err := os.ReadFile(ra.Outputs[i])
		if err != nil {
			t.Fatal(err)
		}
		y, err := os.ReadFile(rb.Outputs[i])
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(x, y) {
			t.Errorf("%s differs between two builds", filepath.Base(ra.Outputs[i]))
		}
	}
}

// TestFailedBuildKeepsOutputs checks that a build that fails after a good
// one leaves the good outputs as they were and no temporary files.
func TestFailedBuildKeepsOutputs(t *testing.T) {
	dir := t.TempDir()
	write := func(name, s string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("book.yaml", "title: T\narticles: [a.md]\n")
	write("a.md", "# A\n\nGood.\n")
	res := build(t, filepath.Join(dir, "book.yaml"), "")
	before := map[string][]byte{}
	for _, o := range res.Outputs {
		before[o], _ = os.ReadFile(o)
	}
	write("a.md", "---\ntitle: [\n---\n")
	_, err := Build(context.Background(), Options{Manifest: filepath.Join(dir, "book.yaml"), Getenv: noEnv})
	if !errors.Is(err, ErrBook) {
		t.Fatalf("err = %v, want ErrBook", err)
	}
	for o, b := range before {
		after, _ := os.ReadFile(o)
		if !bytes.Equal(after, b) {
			t.Errorf("%s changed after a failed build", o)
		}
	}
	entries, _ := os.ReadDir(filepath.Join(dir, "build"))
	if len(entries) != 2 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("build/ holds %v, want only the two outputs", names)
	}
}

// TestCancelled checks that a cancelled build writes nothing.
func TestCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	out := t.TempDir()
	_, err := Build(ctx, Options{Manifest: "../book.yaml", OutDir: out, Getenv: noEnv})
	if err == nil {
		t.Fatal("cancelled build succeeded")
	}
	if entries, _ := os.ReadDir(out); len(entries) != 0 {
		t.Errorf("cancelled build left %d files", len(entries))
	}
}

func TestBuildTime(t *testing.T) {
	env := func(v string) func(string) string {
		return func(k string) string {
			if k == "SOURCE_DATE_EPOCH" {
				return v
			}
			return ""
		}
	}
	if got, _ := buildTime(env("86400"), "1776-01-10"); got.Unix() != 86400 {
		t.Errorf("SOURCE_DATE_EPOCH: %v", got)
	}
	if got, _ := buildTime(env(""), "1776-01-10"); got.Format("2006-01-02") != "1776-01-10" {
		t.Errorf("manifest date: %v", got)
	}
	if got, _ := buildTime(env(""), ""); !got.Equal(FixedEpoch) {
		t.Errorf("fixed epoch: %v", got)
	}
	if _, err := buildTime(env("soon"), ""); err == nil {
		t.Error("bad SOURCE_DATE_EPOCH accepted")
	}
}

func TestArticleIDs(t *testing.T) {
	if got := articleID("articles/01-history.md"); got != "a-01-history" {
		t.Errorf("articleID = %q", got)
	}
	taken := map[string]bool{}
	if a, b := uniqueID("x", taken), uniqueID("x", taken); a != "x" || b != "x-2" {
		t.Errorf("uniqueID: %q %q", a, b)
	}
	m := &manifest.Manifest{Title: "Common Sense", Authors: []string{"Thomas Paine"}}
	id := identifier(m)
	if !regexp.MustCompile(`^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`).MatchString(id) || id != identifier(m) {
		t.Errorf("identifier = %q", id)
	}
}

// BenchmarkBuild builds the largest corpus book (Emerson's essays, about
// 450 pages) into both formats, the whole pipeline.
func BenchmarkBuild(b *testing.B) {
	book := testtool.Shared(b, "../../shared/corpus/emerson-essays/book.yaml")
	out := b.TempDir()
	b.ReportAllocs()
	var res *Result
	for b.Loop() {
		res = build(b, book, out)
	}
	b.ReportMetric(float64(res.Pages), "pages")
	b.ReportMetric(float64(res.Words), "words")
}

// TestParsedHook checks that Options.Parsed hears the word count once,
// before typesetting, and that a dry run calls it too.
func TestParsedHook(t *testing.T) {
	var calls []int
	res, err := Build(context.Background(), Options{Manifest: "../book.yaml", DryRun: true, Getenv: noEnv,
		Parsed: func(words int) { calls = append(calls, words) }})
	if err != nil {
		t.Fatal(err)
	}
	if len(calls) != 1 || calls[0] != res.Words || res.Words < 1000 {
		t.Errorf("Parsed calls %v, result words %d", calls, res.Words)
	}
}

// TestImportedSampleMatchesHandMade builds the sample article twice: once
// from the web page's text exactly as copied (../shared/corpus/seed/raw),
// imported at build time, and once from the Markdown made from it by hand
// (articles/2plus2-dialogue.md). The books must be byte-identical.
func TestImportedSampleMatchesHandMade(t *testing.T) {
	raw, err := os.ReadFile(testtool.Shared(t, "../../shared/corpus/seed/raw/2plus2-dialogue.txt"))
	if err != nil {
		t.Fatal(err)
	}
	md, err := os.ReadFile("../articles/2plus2-dialogue.md")
	if err != nil {
		t.Fatal(err)
	}
	outs := map[string][]string{}
	for _, name := range []string{"2plus2-dialogue.txt", "2plus2-dialogue.md"} {
		dir := t.TempDir()
		src := raw
		if strings.HasSuffix(name, ".md") {
			src = md
		}
		if err := os.WriteFile(filepath.Join(dir, name), src, 0o644); err != nil {
			t.Fatal(err)
		}
		manifest := "title: Sample\ndate: 2022-04-20\narticles: [" + name + "]\n"
		if err := os.WriteFile(filepath.Join(dir, "book.yaml"), []byte(manifest), 0o644); err != nil {
			t.Fatal(err)
		}
		outs[name] = build(t, filepath.Join(dir, "book.yaml"), "").Outputs
	}
	a, b := outs["2plus2-dialogue.txt"], outs["2plus2-dialogue.md"]
	for i := range a {
		x, _ := os.ReadFile(a[i])
		y, _ := os.ReadFile(b[i])
		if len(x) == 0 || !bytes.Equal(x, y) {
			t.Errorf("%s from the raw text differs from the one from the hand-made Markdown", filepath.Base(a[i]))
		}
	}
}
