package markdown

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode"

	"github.com/pamphlet/pamphlet/builder/diag"
	"github.com/pamphlet/pamphlet/builder/doc"
	"github.com/pamphlet/pamphlet/internal/testtool"
)

const corpusGlob = "../../../shared/corpus/*/*.md"

func corpusFiles(t testing.TB) []string {
	t.Helper()
	return testtool.SharedGlob(t, corpusGlob)
}

// Markup that carries no words of the text, removed before the fidelity
// comparison.
var (
	frontRe  = regexp.MustCompile(`(?s)\A---\n.*?\n---\n`)
	tagRe    = regexp.MustCompile(`<[^>\n]*>`)
	noteRe   = regexp.MustCompile(`\[\^[^\]\s]+\]:?`)
	destRe   = regexp.MustCompile(`\]\([^)]*\)`)
	headerRe = regexp.MustCompile(`(?m)^# .*$`)
	listRe   = regexp.MustCompile(`(?m)^ *\d+[.)] `)
)

// words returns s's words with everything but letters and digits taken
// out of each, so that markup characters next to a word do not matter.
func words(s string) []string {
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

// modelText returns the text of the article's blocks and notes in order.
func modelText(a *doc.Article) string {
	var b strings.Builder
	f := func(n doc.Node) bool {
		switch n := n.(type) {
		case *doc.Para:
			b.WriteString(doc.PlainText(n.Inlines) + "\n")
		case *doc.Heading:
			b.WriteString(doc.PlainText(n.Inlines) + "\n")
		case *doc.Cell:
			b.WriteString(doc.PlainText(n.Inlines) + "\n")
		case *doc.CodeBlock:
			b.WriteString(n.Text + "\n")
		case *doc.Figure:
			if n.Image != nil {
				b.WriteString(n.Image.Alt + "\n")
			}
			return false
		default:
			return true
		}
		return false
	}
	doc.InspectBlocks(a.Blocks, f)
	for _, n := range a.Notes {
		doc.Inspect(n, f)
	}
	return b.String()
}

// TestCorpus parses every corpus article: no error diagnostics, the raw
// HTML table of Emerson's "Heroism" inside its quote, and every word of
// the source back in order (the fidelity check).
func TestCorpus(t *testing.T) {
	for _, file := range corpusFiles(t) {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		name := filepath.Base(filepath.Dir(file)) + "/" + filepath.Base(file)
		var dl diag.List
		a := Parse(name, src, &dl)
		for _, d := range dl.Items() {
			if d.Severity == diag.Error {
				t.Errorf("%s", d)
			}
		}
		if a.Meta.Title == "" {
			t.Errorf("%s: no title", name)
		}

		s := frontRe.ReplaceAllString(string(src), "")
		s = headerRe.ReplaceAllStringFunc(s, func(h string) string {
			if strings.TrimSpace(h[2:]) == a.Meta.Title {
				return ""
			}
			return h
		})
		s = tagRe.ReplaceAllString(s, " ")
		s = noteRe.ReplaceAllString(s, "")
		s = listRe.ReplaceAllString(s, "")
		s = destRe.ReplaceAllString(s, "]")
		want, got := words(s), words(modelText(a))
		if len(want) != len(got) {
			t.Errorf("%s: %d words in the source, %d in the model", name, len(want), len(got))
		}
		for i := range min(len(want), len(got)) {
			if want[i] != got[i] {
				t.Errorf("%s: word %d is %q in the model, %q in the source; context: %q", name, i, got[i], want[i], want[max(0, i-5):min(len(want), i+5)])
				break
			}
		}

		if strings.HasSuffix(file, "emerson-essays/08-heroism.md") {
			tables := 0
			doc.InspectBlocks(a.Blocks, func(n doc.Node) bool {
				if q, ok := n.(*doc.Quote); ok {
					for _, b := range q.Blocks {
						if tb, ok := b.(*doc.Table); ok {
							tables++
							if len(tb.Rows) == 0 || len(tb.Rows[0]) != 2 {
								t.Errorf("%s: table rows %v", name, tb.Rows)
							}
						}
					}
				}
				return true
			})
			if tables != 2 {
				t.Errorf("%s: %d tables inside quotes, want 2", name, tables)
			}
		}
	}
}
