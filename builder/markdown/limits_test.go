package markdown

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/pamphlet/pamphlet/builder/diag"
	"github.com/pamphlet/pamphlet/builder/doc"
	"github.com/pamphlet/pamphlet/internal/testtool"
)

// TestDeepNesting feeds 10,000-deep quotes, lists, emphasis, links and
// HTML: no stack overflow, one error about the depth, the words kept.
func TestDeepNesting(t *testing.T) {
	const n = 10000
	for name, src := range map[string]string{
		"quotes":   strings.Repeat(">", n) + " deep words\n",
		"lists":    nestedLists(300), // deep lists are quadratic in indentation alone
		"emphasis": strings.Repeat("*a ", n) + "deep words" + strings.Repeat(" a*", n) + "\n",
		"brackets": strings.Repeat("[", n) + "deep words" + strings.Repeat("](u)", n) + "\n",
		"html":     "<div>\n" + strings.Repeat("<div><blockquote>", n) + "deep words\n",
		"inline":   "x " + strings.Repeat("<em>", n) + "deep words\n",
	} {
		t.Run(name, func(t *testing.T) {
			var dl diag.List
			a := Parse("deep.md", []byte(src), &dl)
			var b bytes.Buffer
			if err := doc.DumpArticle(&b, a); err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(modelText(a), "deep words") {
				t.Errorf("words lost:\n%.2000s", b.String())
			}
			for _, d := range dl.Items() {
				if d.Severity == diag.Error && d.Code != codeTooDeep {
					t.Errorf("unexpected %s", d)
				}
			}
		})
	}
}

func nestedLists(n int) string {
	var b strings.Builder
	for i := range n {
		b.WriteString(strings.Repeat(" ", 2*i))
		b.WriteString("- item\n")
	}
	b.WriteString(strings.Repeat(" ", 2*n) + "deep words\n")
	return b.String()
}

// TestLinearTime parses paragraphs full of the constructs that make
// parsers backtrack, 50,000 and 200,000 characters long, and checks the
// time grows in proportion: four times the text may take at most ten
// times as long (a quadratic parse takes sixteen). The ratio, not a
// wall-clock limit, so that a loaded machine does not fail it.
func TestLinearTime(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	pieces := []string{
		"word “quoted” it's -- ", "<em>", "*a ", "[x", "x[^", "&amp; ", "\\* ", "<span>", "`", "'q' ", "\"q\" ", "</b> ",
	}
	for _, p := range pieces {
		g := testtool.Growth(50000, func(n int) {
			src := []byte(strings.Repeat(p+"w ", n/(len(p)+2)))
			var dl diag.List
			Parse("big.md", src, &dl)
		})
		t.Logf("%q: %.1f", p, g)
		if g > 10 {
			t.Errorf("%q: four times the text took %.1f times as long", p, g)
		}
	}
}

// BenchmarkParse parses the largest Emerson essay.
func BenchmarkParse(b *testing.B) {
	files := testtool.SharedGlob(b, "../../../shared/corpus/emerson-essays/*.md")
	var src []byte
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		if len(data) > len(src) {
			src = data
		}
	}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		var dl diag.List
		Parse("x.md", src, &dl)
	}
}
