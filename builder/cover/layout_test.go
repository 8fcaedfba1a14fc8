package cover

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pamphlet/pamphlet/builder/cover/ean"
	"github.com/pamphlet/pamphlet/builder/diag"
	"github.com/pamphlet/pamphlet/builder/doc"
	"github.com/pamphlet/pamphlet/builder/font"
	"github.com/pamphlet/pamphlet/builder/frame"
	"github.com/pamphlet/pamphlet/builder/markdown"
	"github.com/pamphlet/pamphlet/builder/style"
	"github.com/pamphlet/pamphlet/builder/units"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

func setup(t testing.TB) (*style.Style, *font.Set) {
	t.Helper()
	st, err := style.Load("a5", "", nil)
	if err != nil {
		t.Fatal(err)
	}
	fonts, err := font.Default()
	if err != nil {
		t.Fatal(err)
	}
	return st, fonts
}

func blurbOf(t testing.TB, src string) *doc.Article {
	a := markdown.Parse("book.yaml", []byte(src), nil)
	a.ID = "back"
	return a
}

// TestSpineWidth: the spine is the sheets (half the pages, rounded up)
// times the caliper.
func TestSpineWidth(t *testing.T) {
	cal := units.FromMM(0.1)
	for pages, mm := range map[int]float64{48: 2.4, 100: 5.0, 101: 5.1, 300: 15.0, 1: 0.1} {
		if got := SpineWidth(pages, cal).MM(); got < mm-0.001 || got > mm+0.001 {
			t.Errorf("%d pages: spine %.3f mm, want %.3f", pages, got, mm)
		}
	}
	g := Geometry{TrimW: units.FromMM(148), TrimH: units.FromMM(210), Spine: units.FromMM(15), Bleed: units.FromMM(3)}
	if w, h := g.Width().MM(), g.Height().MM(); w < 316.99 || w > 317.01 || h < 215.99 || h > 216.01 {
		t.Errorf("A5 wrap with a 15 mm spine: %.2f × %.2f mm, want 317 × 216", w, h)
	}
}

// TestGolden dumps the cover's frames: a typographic front, a back with
// blurb and barcode, a spine; and a Persian one, whose title the old
// drawn cover left blank.
func TestGolden(t *testing.T) {
	st, fonts := setup(t)
	g := Geometry{TrimW: st.PageWidth, TrimH: st.PageHeight, Spine: units.FromMM(12), Bleed: units.FromMM(3)}
	for _, c := range []struct {
		name string
		spec Spec
	}{
		{"latin", Spec{Title: "Mutual Aid", Subtitle: "A Factor of Evolution", Authors: []string{"Peter Kropotkin"}, Publisher: "Freedom Press", Lang: "en",
			Back: blurbOf(t, "*Mutual Aid* answers the Social Darwinists: cooperation, not struggle."), ISBN: "9781861978769", ISBNText: "978-1-86197-876-9", Price: "00799"}},
		{"persian", Spec{Title: "اعلامیه جهانی حقوق بشر", Authors: []string{"سازمان ملل متحد"}, Lang: "fa"}},
		{"hindi", Spec{Title: "मानव अधिकारों की सार्वभौम घोषणा", Lang: "hi"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			var dl diag.List
			l, err := Make(context.Background(), c.spec, g, st, fonts, diag.Pos{File: "book.yaml"}, &dl)
			if err != nil {
				t.Fatal(err)
			}
			if strings.TrimSpace(l.Front.Text()) == "" {
				t.Fatal("the front has no text")
			}
			if !strings.Contains(strings.ReplaceAll(l.Front.Text(), "\n", " "), strings.Fields(c.spec.Title)[0]) {
				t.Errorf("the front does not show the title's first word: %q", l.Front.Text())
			}
			pages := []*frame.Page{l.Front, l.Back}
			if l.SpineText != nil {
				pages = append(pages, l.SpineText)
			}
			var b bytes.Buffer
			if err := frame.Dump(&b, &frame.Document{Meta: doc.Meta{Title: c.spec.Title}, Pages: pages}); err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata", "cover-"+c.name+".golden")
			if *update {
				os.MkdirAll("testdata", 0o755)
				if err := os.WriteFile(golden, b.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if !bytes.Equal(b.Bytes(), want) {
				t.Errorf("%s differs from the layout (go test -update rewrites it):\n%s", golden, b.String())
			}
		})
	}
}

// TestProblems: input the cover cannot carry is a Problem naming its key.
func TestProblems(t *testing.T) {
	st, fonts := setup(t)
	g := Geometry{TrimW: st.PageWidth, TrimH: st.PageHeight, Spine: units.FromMM(3), Bleed: units.FromMM(3)}
	long := strings.Repeat("A long sentence of a blurb that goes on and on. ", 200)
	for _, c := range []struct {
		spec      Spec
		key, says string
	}{
		{Spec{Title: "T", Spine: "T", SpineAsked: true}, "spine", "3.0 mm wide, too narrow for text"},
		{Spec{Title: "T", Back: blurbOf(t, long), ISBN: "9780306406157"}, "back", "longer than the back cover above the barcode holds"},
	} {
		var dl diag.List
		_, err := Make(context.Background(), c.spec, g, st, fonts, diag.Pos{File: "book.yaml"}, &dl)
		var p *Problem
		if !errors.As(err, &p) || p.Key != c.key || !strings.Contains(p.Msg, c.says) {
			t.Errorf("error %v, want a Problem of cover.%s saying %q", err, c.key, c.says)
		}
	}
	g.Spine = units.FromMM(3)
	l, err := Make(context.Background(), Spec{Title: "T"}, g, st, fonts, diag.Pos{}, &diag.List{})
	if err != nil || l.SpineText != nil {
		t.Errorf("a narrow spine without asked text: %v, spine %v", err, l.SpineText)
	}
	if _, _, err := Barcode(fonts, ean.ISBN("9780306406158"), "", ""); err == nil {
		t.Error("a barcode of a wrong check digit was drawn")
	}
}
