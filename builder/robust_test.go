package builder

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// checkSafe runs the structural and safety checks of epubProblems and
// pdfProblems on an output of TestCorpus or TestSampleBook: every corpus
// EPUB holds nothing a reading system could run or fetch, its ids are
// unique and its internal links resolve.
func checkSafe(t *testing.T, out string) {
	t.Helper()
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var probs []string
	switch filepath.Ext(out) {
	case ".epub":
		probs = epubProblems(data)
	case ".pdf":
		probs = pdfProblems(data)
	}
	for _, p := range probs {
		t.Errorf("%s: %s", filepath.Base(out), p)
	}
}

// TestHostileMarkdownEPUB builds a book whose article tries every way of
// getting something runnable or remote into the EPUB, and checks that
// none got through and that the raw HTML's text is escaped.
func TestHostileMarkdownEPUB(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "book.yaml", "title: T\narticles: [a.md]\n")
	writeFile(t, dir, "a.md", `# Hostile

<script>alert("x")</script>

<img src="https://example.com/track.png" onerror="alert(1)">

<p onclick="alert(2)">Click <b onmouseover="x">me</b>.</p>

<iframe src="https://example.com"></iframe>

[js](javascript:alert(3)) [JS](  JaVaScRiPt:alert(4)) [vb](vbscript:x) [data](data:text/html,<b>x</b>)

<a href="javascript:alert(5)">raw js</a> <a href="#nowhere">nowhere</a>

![remote](https://example.com/x.png)

Text with &lt;script&gt; as entities and a <span style="x" id="dup">span</span>.

## Same {#dup}

## Same

<style>body{background:url(https://example.com/x)}</style>

<link rel="stylesheet" href="https://example.com/x.css">

<object data="x.swf"></object><embed src="x.swf"><form action="x"><input></form>

<svg onload="alert(6)"><script>alert(7)</script></svg>

<math><mi xlink:href="javascript:alert(8)">x</mi></math>
`)
	res, err := Build(context.Background(), Options{Manifest: filepath.Join(dir, "book.yaml"), Getenv: noEnv})
	if err != nil {
		t.Fatalf("build: %v %v", err, res.Diags.Items())
	}
	var epubPath string
	for _, o := range res.Outputs {
		if strings.HasSuffix(o, ".epub") {
			epubPath = o
		}
	}
	data, err := os.ReadFile(epubPath)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range epubProblems(data) {
		t.Error(p)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if !strings.HasSuffix(f.Name, ".xhtml") {
			continue
		}
		rc, _ := f.Open()
		var b bytes.Buffer
		b.ReadFrom(rc)
		rc.Close()
		low := strings.ToLower(b.String())
		for _, bad := range []string{"<script", "javascript:", "vbscript:", "onerror", "onclick", "onload", "onmouseover", "<iframe", "<style", "href=\"https://example.com/x.css", "src=\"https:", "<object", "<embed", "<form", "<input"} {
			if strings.Contains(low, bad) {
				t.Errorf("%s contains %q", f.Name, bad)
			}
		}
	}
}

// TestMaxArticleBytes: an article over the limit is an error naming the
// manifest line and the sizes, never read into memory whole.
func TestMaxArticleBytes(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "book.yaml", "title: T\narticles:\n  - big.md\n")
	// 50 MB of real paragraphs, generated here rather than committed.
	para := strings.Repeat("word ", 199) + "end.\n\n"
	n := (50 << 20) / len(para)
	f, err := os.Create(filepath.Join(dir, "big.md"))
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString(strings.Repeat(para, n))
	f.Close()
	res, err := Build(context.Background(), Options{Manifest: filepath.Join(dir, "book.yaml"), Getenv: noEnv, MaxArticleBytes: 1 << 20, DryRun: true})
	if !errors.Is(err, ErrBook) {
		t.Fatalf("err = %v, want ErrBook", err)
	}
	got := res.Diags.Items()
	want := filepath.Join(dir, "book.yaml") + ":3: article big.md: too large (49 MB, limit 1 MB)"
	if len(got) != 1 || got[0].String() != want {
		t.Errorf("diagnostics %v, want %q", got, want)
	}
}

func writeFile(t *testing.T, dir, name, s string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name), []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestMaxPages: a book longer than Options.MaxPages is an error naming
// the manifest, and nothing is written.
func TestMaxPages(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "book.yaml", "title: T\narticles: [a.md]\n")
	writeFile(t, dir, "a.md", "# A\n\n"+strings.Repeat("Some words to fill a page or two. ", 2000)+"\n")
	res, err := Build(context.Background(), Options{Manifest: filepath.Join(dir, "book.yaml"), Getenv: noEnv, MaxPages: 3})
	if !errors.Is(err, ErrBook) {
		t.Fatalf("err = %v, want ErrBook", err)
	}
	got := res.Diags.Items()
	want := regexp.MustCompile(`^.*book\.yaml: the book has \d+ pages, more than the limit of 3: split it into several books$`)
	if len(got) != 1 || !want.MatchString(got[0].String()) {
		t.Errorf("diagnostics %v, want one matching %v", got, want)
	}
	if _, err := os.Stat(filepath.Join(dir, "build")); err == nil {
		t.Error("a build over the page limit wrote the output folder")
	}
}
