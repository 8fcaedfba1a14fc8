package importer

import (
	"os"
	"strings"
	"testing"

	"github.com/pamphlet/pamphlet/builder/diag"
	"github.com/pamphlet/pamphlet/internal/testtool"
)

// TestSampleArticle is the acceptance test: the raw copy of the
// sample web article imports to the hand-made Markdown of the sample
// book, white space aside.
func TestSampleArticle(t *testing.T) {
	raw, err := os.ReadFile(testtool.Shared(t, "../../../shared/corpus/seed/raw/2plus2-dialogue.txt"))
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile("../../articles/2plus2-dialogue.md")
	if err != nil {
		t.Fatal(err)
	}
	var diags diag.List
	res, err := Import("articles/2plus2-dialogue.txt", raw, Options{}, &diags)
	if err != nil {
		t.Fatalf("Import: %v", err)
	}
	if diags.Len() > 0 {
		t.Errorf("diagnostics: %v", diags.Items())
	}
	norm := func(b []byte) string { return strings.Join(strings.Fields(string(b)), " ") }
	if got := norm(res.Markdown); got != norm(want) {
		t.Errorf("import differs from articles/2plus2-dialogue.md:\n got: %s\nwant: %s", firstDiff(got, norm(want)), firstDiff(norm(want), got))
	}
	var whys []string
	for _, r := range res.Removed {
		whys = append(whys, r.Text+" ← "+r.Why)
	}
	wantRemoved := []string{
		"Share and Enjoy ! ← share prompt: the site's trailing matter starts here",
		"Leave a Reply ← comment form",
		"Your email address will not be published. ← comment form",
	}
	if strings.Join(whys, "\n") != strings.Join(wantRemoved, "\n") {
		t.Errorf("removed:\n%s\nwant:\n%s", strings.Join(whys, "\n"), strings.Join(wantRemoved, "\n"))
	}
}

// firstDiff shows a from where it first differs from b.
func firstDiff(a, b string) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	start := max(0, i-40)
	return "…" + a[start:min(len(a), i+80)]
}
