package markdown

import (
	"bytes"
	"os"
	"strings"
	"testing"
	"time"

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

// TestLinearTime parses a 200,000-character paragraph full of the
// constructs that make parsers backtrack, and checks the time stays
// proportionate (a quadratic parse would take minutes).
func TestLinearTime(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	pieces := []string{
		"word “quoted” it's -- ", "<em>", "*a ", "[x", "x[^", "&amp; ", "\\* ", "<span>", "`", "'q' ", "\"q\" ", "</b> ",
	}
	for _, p := range pieces {
		src := strings.Repeat(p+"w ", 200000/(len(p)+2))
		start := time.Now()
		var dl diag.List
		Parse("big.md", []byte(src), &dl)
		if d := time.Since(start); d > 2*time.Second {
			t.Errorf("%q ×%d: %v", p, 200000/(len(p)+2), d)
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
