package builder

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// smallBook writes a two-article book with the given pdf: block into a
// temporary folder and returns its manifest.
func smallBook(t *testing.T, pdfBlock string) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"book.yaml": "title: Print Test\nauthor: A. Writer\ndate: 2024-01-02\narticles: [one.md, two.md]\noutput: {name: pt}\n" + pdfBlock,
		"one.md":    "# One\n\n" + strings.Repeat("The first article has words enough for a page or two. ", 60) + "\n",
		"two.md":    "# Two\n\nA short second article.\n",
	}
	for name, src := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return filepath.Join(dir, "book.yaml")
}

func buildOpts(t *testing.T, opts Options) *Result {
	t.Helper()
	opts.Getenv = noEnv
	res, err := Build(context.Background(), opts)
	if err != nil {
		t.Fatalf("build: %v %v", err, res.Diags.Sorted())
	}
	return res
}

func TestBookletAndPrintOutputs(t *testing.T) {
	plain := smallBook(t, "")
	out0 := t.TempDir()
	res0 := buildOpts(t, Options{Manifest: plain, OutDir: out0})
	if res0.Print.String() != "" || len(res0.Outputs) != 2 {
		t.Errorf("plain build: %q %v", res0.Print, res0.Outputs)
	}

	full := smallBook(t, "pdf:\n  booklet: true\n  bleed: 3mm\n  marks: true\n  creep: 0.1mm\n")
	out1 := t.TempDir()
	res1 := buildOpts(t, Options{Manifest: full, OutDir: out1, Duplex: "long"})
	var names []string
	for _, o := range res1.Outputs {
		names = append(names, filepath.Base(o))
	}
	if got := strings.Join(names, " "); got != "pt.pdf pt.epub pt-booklet.pdf pt-print.pdf" {
		t.Errorf("outputs %s", got)
	}
	blanks := (4 - res1.Pages%4) % 4
	sheets := (res1.Pages + blanks) / 4
	want := "booklet: " + count(sheets, "sheet") + " (a4), " + count(blanks, "blank page") + " added, print duplex flip on long edge; printer's PDF: 3mm bleed"
	if got := res1.Print.String(); got != want {
		t.Errorf("summary %q, want %q", got, want)
	}

	// The reader's PDF is the same bytes with or without the options.
	a, _ := os.ReadFile(filepath.Join(out0, "pt.pdf"))
	b, _ := os.ReadFile(filepath.Join(out1, "pt.pdf"))
	if len(a) == 0 || !bytes.Equal(a, b) {
		t.Errorf("reader's PDF changed (%d and %d bytes)", len(a), len(b))
	}
	// No temporary files are left behind.
	if left, _ := filepath.Glob(filepath.Join(out1, ".*")); len(left) > 0 {
		t.Errorf("left over: %v", left)
	}
	// Booklet and print PDFs are reproducible too.
	out2 := t.TempDir()
	buildOpts(t, Options{Manifest: full, OutDir: out2, Duplex: "long"})
	for _, n := range []string{"pt-booklet.pdf", "pt-print.pdf"} {
		x, _ := os.ReadFile(filepath.Join(out1, n))
		y, _ := os.ReadFile(filepath.Join(out2, n))
		if len(x) == 0 || !bytes.Equal(x, y) {
			t.Errorf("%s differs between builds", n)
		}
	}

	// Only epub asked for: no booklet.
	out3 := t.TempDir()
	res3 := buildOpts(t, Options{Manifest: full, OutDir: out3, Formats: []string{"epub"}})
	if len(res3.Outputs) != 1 || res3.Print.Booklet {
		t.Errorf("epub-only build wrote %v", res3.Outputs)
	}
}

func TestBookletFlags(t *testing.T) {
	m := smallBook(t, "pdf: {sheet: a3}\n")
	res := buildOpts(t, Options{Manifest: m, OutDir: t.TempDir(), Booklet: true, Sheet: "letter"})
	if !res.Print.Booklet || res.Print.Sheet != "letter" || res.Print.Duplex != "short" {
		t.Errorf("flags not applied: %+v", res.Print)
	}
	for _, o := range []Options{{Sheet: "a9"}, {Duplex: "sideways"}} {
		o.Manifest, o.OutDir, o.Getenv = m, t.TempDir(), noEnv
		_, err := Build(context.Background(), o)
		var ue *UsageError
		if !errors.As(err, &ue) {
			t.Errorf("%+v: want a usage error, got %v", o, err)
		}
	}
}

func TestFit(t *testing.T) {
	m := smallBook(t, "")
	base := buildOpts(t, Options{Manifest: m, OutDir: t.TempDir()})

	same := smallBook(t, "pdf: {fit: "+strconv.Itoa(base.Pages)+"}\n")
	res := buildOpts(t, Options{Manifest: same, OutDir: t.TempDir()})
	if want := "fit: the book is already " + strconv.Itoa(base.Pages) + " pages"; res.Print.String() != want || res.Pages != base.Pages {
		t.Errorf("got %q (%d pages), want %q", res.Print, res.Pages, want)
	}

	// One page is out of reach: the book stays as it was, and says so.
	far := smallBook(t, "pdf: {fit: 1}\n")
	res = buildOpts(t, Options{Manifest: far, OutDir: t.TempDir()})
	if !strings.HasPrefix(res.Print.Fit, "fit: cannot make 1 pages") || res.Pages != base.Pages {
		t.Errorf("got %q (%d pages)", res.Print.Fit, res.Pages)
	}
	t.Log(res.Print.Fit)
}
