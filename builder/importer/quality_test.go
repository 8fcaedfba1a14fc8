package importer

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/pamphlet/pamphlet/builder/importer/readable"
)

var (
	pagesDir = flag.String("pages", "testdata/pages", "folder of test pages (NAME/source.html[.gz], expected.html[.gz], expected-metadata.json)")
	compare  = flag.Bool("compare", false, "also measure go-readability's raw output and pandoc -f html -t gfm, and print a table")
)

// pageURL is the address Readability.js's test pages were extracted
// with; their expected links are made absolute against it.
const pageURL = "http://fakehost/test/page.html"

// score is one page's word-level agreement with its reference.
type score struct{ p, r, f float64 }

// TestExtractionQuality measures the HTML importer against saved pages of
// real sites with a reference reader-view extraction (Mozilla
// Readability's test pages, see testdata/SOURCES): the words of the
// imported article against the reference's, title and byline against the
// reference metadata. The bar: mean word F1 ≥ 0.97, no page below
// 0.5, titles right on ≥ 95%.
func TestExtractionQuality(t *testing.T) {
	names, err := os.ReadDir(*pagesDir)
	if err != nil {
		t.Fatal(err)
	}
	var rows []string
	var sumF, minF float64 = 0, 1
	var sumRaw, sumPandoc float64
	titles, strictTitles, bylines, withByline, n := 0, 0, 0, 0, 0
	for _, e := range names {
		if !e.IsDir() {
			continue
		}
		dir := filepath.Join(*pagesDir, e.Name())
		src := readMaybeGz(t, filepath.Join(dir, "source.html"))
		ref := readMaybeGz(t, filepath.Join(dir, "expected.html"))
		var want struct{ Title, Byline string }
		if b, err := os.ReadFile(filepath.Join(dir, "expected-metadata.json")); err == nil {
			if err := json.Unmarshal(b, &want); err != nil {
				t.Fatalf("%s: %v", dir, err)
			}
		}
		refWords := words(htmlText(t, ref))
		res, err := Import(e.Name()+".html", src, Options{URL: pageURL, Fetch: stubImage}, nil)
		if err != nil {
			t.Errorf("%s: %v", e.Name(), err)
			rows = append(rows, fmt.Sprintf("%-28s import failed", e.Name()))
			n++
			minF = 0
			continue
		}
		fm, body := splitFront(string(res.Markdown))
		s := compareWords(words(markdownText(body)), refWords)
		n++
		sumF += s.f
		minF = math.Min(minF, s.f)
		gotTitle := frontValue(fm, "title")
		// A title is right when it is the reference's, or the
		// reference's with the site's name cut off ("How to Build a
		// Terrarium" for "How to Build a Terrarium | eHow").
		titleStrict := sameText(gotTitle, want.Title)
		titleOK := titleStrict || sameText(gotTitle, titleSuffixRE.ReplaceAllString(want.Title, ""))
		if titleStrict {
			strictTitles++
		}
		if titleOK {
			titles++
		}
		bylineOK := "-"
		if want.Byline != "" {
			withByline++
			if sameByline(frontAuthors(fm), want.Byline) {
				bylines++
				bylineOK = "ok"
			} else {
				bylineOK = "no"
			}
		}
		row := fmt.Sprintf("%-28s P %.3f R %.3f F1 %.3f  title %-3s byline %-2s", e.Name(), s.p, s.r, s.f, okNo(titleOK), bylineOK)
		if *compare {
			raw := compareWords(words(readabilityText(t, src)), refWords)
			pd := compareWords(words(markdownText(pandoc(t, src))), refWords)
			sumRaw += raw.f
			sumPandoc += pd.f
			row += fmt.Sprintf("  | raw go-readability F1 %.3f | pandoc P %.3f R %.3f F1 %.3f", raw.f, pd.p, pd.r, pd.f)
		}
		if !titleOK {
			row += fmt.Sprintf("\n    title %q, want %q", gotTitle, want.Title)
		}
		if bylineOK == "no" {
			row += fmt.Sprintf("\n    byline %q, want %q", frontAuthors(fm), want.Byline)
		}
		rows = append(rows, row)
	}
	if n == 0 {
		t.Fatalf("no pages in %s", *pagesDir)
	}
	sort.Strings(rows)
	mean := sumF / float64(n)
	t.Logf("%d pages\n%s", n, strings.Join(rows, "\n"))
	t.Logf("ours: mean word F1 %.4f, lowest %.3f, titles %d/%d (%d/%d exactly the reference's), bylines %d/%d", mean, minF, titles, n, strictTitles, n, bylines, withByline)
	if *compare {
		t.Logf("go-readability raw text: mean word F1 %.4f; pandoc -f html -t gfm: mean word F1 %.4f", sumRaw/float64(n), sumPandoc/float64(n))
	}
	if mean < 0.97 || minF < 0.5 || float64(titles) < 0.95*float64(n) {
		t.Errorf("below the bar: mean F1 %.4f (want ≥ 0.97), lowest %.3f (want ≥ 0.5), titles %d/%d (want ≥ 95%%)", mean, minF, titles, n)
	}
}

func okNo(b bool) string {
	if b {
		return "ok"
	}
	return "no"
}

func readMaybeGz(t *testing.T, path string) []byte {
	t.Helper()
	if b, err := os.ReadFile(path); err == nil {
		return b
	}
	f, err := os.Open(path + ".gz")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	z, err := gzip.NewReader(f)
	if err != nil {
		t.Fatalf("%s.gz: %v", path, err)
	}
	b, err := io.ReadAll(z)
	if err != nil {
		t.Fatalf("%s.gz: %v", path, err)
	}
	return b
}

// htmlText is the text of an HTML fragment, blocks apart.
func htmlText(t *testing.T, src []byte) string {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	return nodeText(doc)
}

// nodeText is the text of n as a reader sees it: MathML's text counts
// (the importer keeps it), scripts and styles do not.
func nodeText(n *html.Node) string {
	var b strings.Builder
	walk(n, func(c *html.Node) bool {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
		b.WriteByte(' ')
		return c.Type != html.ElementNode || c.DataAtom == atom.Math || !skipText(c)
	})
	return b.String()
}

func readabilityText(t *testing.T, src []byte) string {
	doc, err := html.Parse(bytes.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	u, _ := url.Parse(pageURL)
	a, err := readable.Extract(doc, u, readable.Options{})
	if err != nil {
		return ""
	}
	return nodeText(a.Content)
}

func pandoc(t *testing.T, src []byte) string {
	cmd := exec.Command("pandoc", "-f", "html", "-t", "gfm")
	cmd.Stdin = bytes.NewReader(src)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pandoc: %v", err)
	}
	return string(out)
}

func splitFront(md string) (front, body string) {
	if strings.HasPrefix(md, "---\n") {
		if i := strings.Index(md[4:], "\n---\n"); i >= 0 {
			return md[4 : 4+i+1], md[4+i+5:]
		}
	}
	return "", md
}

var (
	mdImageRE = regexp.MustCompile(`!\[((?:\\.|[^\]\\])*)\]\([^)]*\)`)
	mdLinkRE  = regexp.MustCompile(`\]\([^)]*\)`)
	mdTagRE   = regexp.MustCompile(`<[^>]+>`)
)

// stubImage stands in for the network: every image is a 1×1 PNG, so
// that images are kept as images, as `pamphlet import` keeps them.
func stubImage(string) ([]byte, error) {
	return []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"), nil
}

// markdownText is the text of Markdown without images (an alt text is
// not in the reference's text) and link destinations; markup characters
// fall away in words.
func markdownText(md string) string {
	md = mdImageRE.ReplaceAllString(md, " ")
	md = mdLinkRE.ReplaceAllString(md, "]")
	return mdTagRE.ReplaceAllString(md, " ")
}

// words splits text into lower-case words of letters and digits; each
// Han, kana or Hangul character is a word of its own.
func words(s string) []string {
	var out []string
	var cur []rune
	flush := func() {
		if len(cur) > 0 {
			out = append(out, string(cur))
			cur = cur[:0]
		}
	}
	for _, r := range strings.ToLower(html.UnescapeString(s)) {
		switch {
		case unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul):
			flush()
			out = append(out, string(r))
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r):
			cur = append(cur, r)
		default:
			flush()
		}
	}
	flush()
	return out
}

// compareWords is the bag-of-words precision, recall and F1 of got
// against want.
func compareWords(got, want []string) score {
	count := map[string]int{}
	for _, w := range want {
		count[w]++
	}
	common := 0
	for _, w := range got {
		if count[w] > 0 {
			count[w]--
			common++
		}
	}
	var s score
	if len(got) > 0 {
		s.p = float64(common) / float64(len(got))
	}
	if len(want) > 0 {
		s.r = float64(common) / float64(len(want))
	}
	if s.p+s.r > 0 {
		s.f = 2 * s.p * s.r / (s.p + s.r)
	}
	if len(got) == 0 && len(want) == 0 {
		s = score{1, 1, 1}
	}
	return s
}

func frontValue(front, key string) string {
	for _, l := range strings.Split(front, "\n") {
		if v, ok := strings.CutPrefix(l, key+": "); ok {
			var s string
			if json.Unmarshal([]byte(v), &s) == nil {
				return s
			}
			return v
		}
	}
	return ""
}

// frontAuthors joins the front matter's authors with commas.
func frontAuthors(front string) string {
	if a := frontValue(front, "author"); a != "" {
		return a
	}
	var names []string
	in := false
	for _, l := range strings.Split(front, "\n") {
		switch {
		case l == "author:":
			in = true
		case in && strings.HasPrefix(l, "  - "):
			var s string
			if json.Unmarshal([]byte(l[4:]), &s) == nil {
				names = append(names, s)
			}
		default:
			in = false
		}
	}
	return strings.Join(names, ", ")
}

// sameByline compares bylines by their words, so that "By A and B" and
// "A, B" agree; the reference's byline may also carry a date or a
// "Written by" that the front matter's author rightly leaves out.
func sameByline(got, want string) bool {
	norm := func(s string) string {
		var ws []string
		for _, w := range words(s) {
			if w != "by" && w != "and" {
				ws = append(ws, w)
			}
		}
		return strings.Join(ws, " ")
	}
	return norm(got) == norm(want) || got != "" && norm(got) == norm(cleanByline(want))
}
