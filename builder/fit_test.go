package builder

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pamphlet/pamphlet/builder/units"
	"github.com/pamphlet/pamphlet/internal/testtool"
)

// TestFitBounds checks the three stages of copyfitting and their bounds.
func TestFitBounds(t *testing.T) {
	for _, c := range []struct {
		k, dir int
		want   fitSetting
	}{
		{0, -1, fitSetting{}},
		{fitSteps / 3, -1, fitSetting{leading: -fitLeading}},
		{fitSteps * 2 / 3, 1, fitSetting{leading: fitLeading, size: fitSize}},
		{fitSteps, -1, fitSetting{leading: -fitLeading, size: -fitSize, margins: -fitMargins}},
		{fitSteps / 6, 1, fitSetting{leading: fitLeading / 2}},
	} {
		if got := fitAt(c.k, c.dir); got != c.want {
			t.Errorf("fitAt(%d, %d) = %+v, want %+v", c.k, c.dir, got, c.want)
		}
	}
	if fitSize != units.Pt/2 || fitLeading != 50 || fitMargins != 100 {
		t.Errorf("bounds changed: size %v, leading %d‰, margins %d‰", fitSize, fitLeading, fitMargins)
	}
}

// TestFitCorpus copyfits Common Sense to two pages fewer (the leading alone
// does it), to several pages fewer (the type's size and margins too) and
// to a page count out of reach (kept as it was, with how far it came).
func TestFitCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("typesets a book a dozen times")
	}
	books := testtool.SharedGlob(t, "../../shared/corpus/common-sense/book.yaml")
	res, err := Build(context.Background(), Options{Manifest: books[0], OutDir: t.TempDir(), DryRun: true, Getenv: noEnv})
	if err != nil {
		t.Fatal(err)
	}
	l := res.Laid
	have := len(l.Doc.Pages)
	for _, c := range []struct {
		target int
		hit    bool
		says   []string
		not    string
	}{
		{have - 2, true, []string{"leading"}, "type"},
		{have - 5, true, []string{"leading", "type"}, "margins"},
		{have / 2, false, []string{"cannot make", "the most the layout allows", "margins -10%", "kept"}, ""},
	} {
		d, note := fitPages(context.Background(), l.Book, l.Style, l.Fonts, l.Doc, c.target)
		t.Logf("%s: %s", filepath.Base(filepath.Dir(books[0])), note)
		if c.hit && len(d.Pages) != c.target {
			t.Errorf("fit %d: %d pages (%s)", c.target, len(d.Pages), note)
		}
		if !c.hit && d != l.Doc {
			t.Errorf("fit %d: out of reach, but the book was changed (%s)", c.target, note)
		}
		if c.not != "" && strings.Contains(note, c.not) {
			t.Errorf("fit %d: %q changes the %s, more than it needed", c.target, note, c.not)
		}
		for _, w := range c.says {
			if !strings.Contains(note, w) {
				t.Errorf("fit %d: %q does not say %q", c.target, note, w)
			}
		}
	}
}
