package builder

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/pamphlet/pamphlet/builder/diag"
	"github.com/pamphlet/pamphlet/builder/doc"
	"github.com/pamphlet/pamphlet/builder/epub"
	"github.com/pamphlet/pamphlet/builder/font"
	"github.com/pamphlet/pamphlet/builder/front"
	"github.com/pamphlet/pamphlet/builder/markdown"
	"github.com/pamphlet/pamphlet/builder/pdf"
	"github.com/pamphlet/pamphlet/builder/style"
	"github.com/pamphlet/pamphlet/builder/transform"
	"github.com/pamphlet/pamphlet/builder/typeset"
	"github.com/pamphlet/pamphlet/internal/inputfile"
)

// fuzzDeadline bounds the time one input may take through the whole
// pipeline; a real article of the size the fuzzer makes takes
// milliseconds.
const fuzzDeadline = 5 * time.Second

// FuzzBuild runs generated Markdown through the whole pipeline as Build
// does (parse, transform, typeset, PDF, EPUB), in memory, and checks that
// nothing panics, that each input finishes in bounded time, that the PDF
// has a sound outline and that the EPUB passes epubProblems.
func FuzzBuild(f *testing.F) {
	for _, s := range fuzzSeeds() {
		f.Add([]byte(s))
	}
	fonts, err := font.Default()
	if err != nil {
		f.Fatal(err)
	}
	st, err := style.Load("a5", "", nil)
	if err != nil {
		f.Fatal(err)
	}
	// An image folder: a good PNG, a damaged one, and a GIF the print
	// edition cannot use.
	dir := f.TempDir()
	var pngBuf bytes.Buffer
	img := image.NewGray(image.Rect(0, 0, 4, 3))
	img.Set(1, 1, color.White)
	if err := png.Encode(&pngBuf, img); err != nil {
		f.Fatal(err)
	}
	for name, data := range map[string][]byte{
		"a.png": pngBuf.Bytes(),
		"b.png": pngBuf.Bytes()[:20],
		"c.gif": []byte("GIF89a\x01\x00\x01\x00\x00\x00\x00;"),
	} {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			f.Fatal(err)
		}
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		if len(src) > 64<<10 {
			return
		}
		start := time.Now()
		// A hang inside a stage that does not watch the context would
		// stall the fuzzer silently: crash with every stack instead.
		watchdog := time.AfterFunc(2*fuzzDeadline, func() {
			buf := make([]byte, 1<<20)
			n := runtime.Stack(buf, true)
			panic(fmt.Sprintf("input of %d bytes still running after %v: %q\n%s", len(src), 2*fuzzDeadline, src, buf[:n]))
		})
		defer watchdog.Stop()
		ctx, cancel := context.WithTimeout(context.Background(), fuzzDeadline)
		defer cancel()
		var dl diag.List
		path := filepath.ToSlash(filepath.Join(dir, "f.md"))
		a := markdown.Parse(path, src, &dl)
		a.Path, a.ID = path, "f"
		if strings.TrimSpace(a.Meta.Title) == "" {
			a.Meta.Title = "f"
		}
		book := &doc.Book{Meta: doc.Meta{Title: "Fuzz", Lang: "en"}, Articles: []*doc.Article{a}}
		if dl.HasErrors() {
			return // Build stops here too
		}
		transform.Apply(book, transform.Options{Stat: inputfile.Check, Dirs: articleDirs(book)}, &dl)
		if dl.HasErrors() {
			return
		}
		front.Make(book, front.Options{Faces: []string{fonts.Name(font.Regular)}})
		laid, err := typeset.Typeset(ctx, book, typeset.Options{Style: st, Fonts: fonts}, &dl)
		if err != nil {
			t.Fatalf("typeset: %v (after %v)", err, time.Since(start))
		}
		var pbuf bytes.Buffer
		if err := pdf.Write(&pbuf, laid, fonts, pdf.Options{Created: FixedEpoch}); err != nil {
			t.Fatalf("pdf: %v", err)
		}
		for _, p := range pdfProblems(pbuf.Bytes()) {
			t.Errorf("pdf: %s", p)
		}
		var ebuf bytes.Buffer
		err = epub.Write(&ebuf, book, epub.Options{Modified: FixedEpoch, PageStarts: laid.PageStarts, NoCover: true}, &dl)
		if err != nil {
			t.Fatalf("epub: %v", err)
		}
		for _, p := range epubProblems(ebuf.Bytes()) {
			t.Errorf("epub: %s", p)
		}
		if took := time.Since(start); took > fuzzDeadline {
			t.Errorf("%d bytes took %v", len(src), took)
		}
		for _, d := range dl.Items() {
			if strings.TrimSpace(d.Msg) == "" {
				t.Errorf("empty diagnostic: %#v", d)
			}
		}
	})
}

// fuzzSeeds returns a few paragraphs of the sample articles and of the
// corpus, and Markdown shapes that have been trouble elsewhere.
func fuzzSeeds() []string {
	seeds := []string{
		"# Title\n\nText with a note.[^1]\n\n[^1]: The note.\n",
		"# T\n\n![alt](a.png)\n\n![broken](b.png)\n\n![gif](c.gif)\n\n![](https://example.com/x.png)\n",
		"# T {#dup}\n\n## T {#dup}\n\n[link](#dup) [js](javascript:alert(1)) [far](https://example.com) <a href=\"x\" onclick=\"y\">z</a>\n",
		"<script>alert(1)</script>\n\n<table><tr><td onmouseover=x>cell</td></tr></table>\n",
		"> > > - - - 1. deep\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```go\ncode\n```\n",
		"# مرحبا\n\nשלום עולם 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 😀 \u2060—\u00a0\u200a\n",
		"Text\x00with NUL and \xff\xfe bad bytes.\n",
		"---\ntitle: Front\nauthor: [A, B]\n---\n\nBody.\n",
	}
	files, _ := filepath.Glob("../articles/*.md")
	for _, name := range []string{"emerson-essays/08-heroism.md", "common-sense/01-common-sense-introduction.md"} {
		files = append(files, filepath.Join("../../shared/corpus", name))
	}
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			continue
		}
		paras := strings.Split(string(data), "\n\n")
		for i := 0; i+3 <= len(paras) && i < 40; i += 9 {
			seeds = append(seeds, strings.Join(paras[i:i+3], "\n\n"))
		}
	}
	return seeds
}
