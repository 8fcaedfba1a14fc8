package markdown

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pamphlet/pamphlet/builder/diag"
	"github.com/pamphlet/pamphlet/builder/doc"
)

// FuzzParse checks that no input panics, Parse never returns nil, the
// result dumps, and every diagnostic names the file.
func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.txtar")
	for _, file := range files {
		if ar, err := readArchive(file); err == nil {
			f.Add(ar.get("in.md"))
		}
	}
	// A few corpus paragraphs: real text with footnotes and HTML.
	for _, name := range []string{"emerson-essays/08-heroism.md", "kropotkin-mutual-aid/09-chapter-8.md"} {
		data, err := os.ReadFile(filepath.Join("../../../shared/corpus", name))
		if err != nil {
			continue
		}
		for i, p := range strings.Split(string(data), "\n\n") {
			if i%7 == 0 && len(p) < 4000 {
				f.Add([]byte(p))
			}
		}
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		var dl diag.List
		a := Parse("f.md", src, &dl)
		if a == nil {
			t.Fatal("nil article")
		}
		var b bytes.Buffer
		if err := doc.DumpArticle(&b, a); err != nil {
			t.Fatal(err)
		}
		for _, d := range dl.Items() {
			if d.Pos.File != "f.md" {
				t.Errorf("diagnostic without the file: %v", d)
			}
		}
	})
}
