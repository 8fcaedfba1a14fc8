package markdown

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pamphlet/pamphlet/builder/diag"
	"github.com/pamphlet/pamphlet/builder/doc"
)

var update = flag.Bool("update", false, "rewrite golden files")

// run parses src as "articles/in.md" and returns the dump and the
// diagnostics, one String() a line.
func run(t testing.TB, src []byte) (dump, diags string) {
	t.Helper()
	var dl diag.List
	a := Parse("articles/in.md", src, &dl)
	if a == nil {
		t.Fatal("Parse returned nil")
	}
	var b bytes.Buffer
	if err := doc.DumpArticle(&b, a); err != nil {
		t.Fatal(err)
	}
	var d strings.Builder
	for _, x := range dl.Items() {
		d.WriteString(x.Code + " " + x.String() + "\n")
	}
	return b.String(), d.String()
}

// TestGolden runs each testdata/*.txtar case: in.md is parsed, and the
// dump and diagnostics must equal out.dump and diags.
func TestGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/*.txtar")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no test cases")
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar, err := readArchive(file)
			if err != nil {
				t.Fatal(err)
			}
			in := ar.get("in.md")
			if in == nil {
				t.Fatal("no in.md")
			}
			dump, diags := run(t, in)
			if *update {
				ar.set("out.dump", dump)
				ar.set("diags", diags)
				if err := os.WriteFile(file, ar.format(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if want := string(ar.get("out.dump")); dump != want {
				t.Errorf("dump differs (run with -update to accept):\n--- got\n%s--- want\n%s", dump, want)
			}
			if want := string(ar.get("diags")); diags != want {
				t.Errorf("diagnostics differ:\n--- got\n%s--- want\n%s", diags, want)
			}
		})
	}
}
