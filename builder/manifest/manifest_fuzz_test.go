package manifest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pamphlet/pamphlet/builder/diag"
)

// FuzzManifest checks that Parse never panics on any input, returns nil
// exactly when it reported an error, and that every error names the file.
func FuzzManifest(f *testing.F) {
	seeds, _ := filepath.Glob("../../../shared/corpus/*/book.yaml")
	seeds = append(seeds, "../../book.yaml")
	for _, s := range seeds {
		if b, err := os.ReadFile(s); err == nil {
			f.Add(b)
		}
	}
	for _, s := range []string{
		"",
		"title: T\narticles: [a.md]\n",
		"tittle: T\narticles: [a.md]\n",
		"title: [A, B]\narticles: {a: a.md}\n",
		"title: T\narticles:\n  - file: a.md\n    title: A\n  - a.md\n",
		"title: T\ndate: 2020-13-45\narticles: [a.md]\npdf: {page: 148mmx210mm, margins: {inner: 1cm}}\n",
		"title: &a T\nsubtitle: *a\narticles: [a.md]\noutput: {name: ../x}\n",
		"title: T\narticles: [a.md]\nimport: {strip: [\"(\"]}\n",
		"- a\n- b\n",
		"title: !!binary aGVsbG8=\narticles: [a.md]\n",
		"title: T\narticles: [a.md]\nauthor: [A, [B]]\n",
		"? [a]\n: b\n",
		"title: T\narticles: [a.md]\nfonts: {body: EB Garamond, fallback: [A, \"\", [B]], features: [onum, -onum, onumm, x]}\n",
		"title: T\narticles: [a.md]\ncover: {front: f.jpg, back: \"*x*\", isbn: 978-0-306-40615-7, price: 5.00 USD, paper: 444ppi, binding: saddle, spine: S, inside-back: y}\n",
		"title: T\narticles: [a.md]\ncover: {isbn: 0-8044-2957-X, price: none, paper: 0.1mm}\npdf: {cover: yes}\n",
		"title: T\narticles: [a.md]\ncover: {isbn: [1], price: 5 EUR, paper: 9gsm, binding: spiral, isbnn: 1}\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		var dl diag.List
		m := Parse("book.yaml", src, func(string) string { return "" }, &dl)
		if (m == nil) != dl.HasErrors() {
			t.Fatalf("Parse returned %v with errors=%v: %v", m != nil, dl.HasErrors(), dl.Items())
		}
		for _, d := range dl.Items() {
			if d.Pos.File != "book.yaml" {
				t.Errorf("diagnostic without the file: %v", d)
			}
			if strings.TrimSpace(d.Msg) == "" {
				t.Errorf("empty message: %#v", d)
			}
		}
		if m != nil && m.Title == "" {
			t.Errorf("a manifest without a title passed: %q", src)
		}
	})
}
