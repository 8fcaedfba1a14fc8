package pdf

import (
	"bytes"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/pamphlet/pamphlet/builder/doc"
	"github.com/pamphlet/pamphlet/builder/font"
	"github.com/pamphlet/pamphlet/builder/frame"
	"github.com/pamphlet/pamphlet/builder/impose"
	"github.com/pamphlet/pamphlet/builder/paper"
	"github.com/pamphlet/pamphlet/builder/units"

	"github.com/pamphlet/pamphlet/internal/testtool"
)

// numbered returns an n-page A5 document whose page i carries the word
// "pgNN" (NN = i+1) at the same place on every page, and a full-width
// rule at its top edge, as a background would be.
func numbered(t testing.TB, n int) (*frame.Document, *font.Set) {
	t.Helper()
	fs, err := font.Default()
	if err != nil {
		t.Fatal(err)
	}
	d := &frame.Document{Meta: doc.Meta{Title: "Numbered", Authors: []string{"Test"}, Lang: "en"}}
	w, h := units.FromMM(148), units.FromMM(210)
	for i := range n {
		d.Pages = append(d.Pages, &frame.Page{W: w, H: h, Label: strconv.Itoa(i + 1), Items: []frame.Item{
			{Kind: frame.Rule, X: 0, Y: 0, W: w, H: 10 * units.Pt},
			{Kind: frame.Text, X: 50 * units.Pt, Y: 100 * units.Pt, Face: font.Regular, Size: 12 * units.Pt, Text: fmt.Sprintf("pg%02d", i+1)},
		}})
	}
	return d, fs
}

func booklet(t *testing.T, d *frame.Document, fs *font.Set, opts BookletOptions) (string, BookletInfo, []byte) {
	t.Helper()
	opts.Created = created
	var buf bytes.Buffer
	info, err := WriteBooklet(&buf, d, fs, opts)
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "booklet.pdf")
	if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return out, info, buf.Bytes()
}

// halves returns the words pdftotext finds on the left and right half of
// PDF page n.
func halves(t *testing.T, file string, n int) (left, right string) {
	t.Helper()
	bin := testtool.Need(t, "pdftotext")
	a4w, a4h := 842, 596 // A4 landscape, rounded up
	crop := func(x int) string {
		out, err := exec.Command(bin, "-f", strconv.Itoa(n), "-l", strconv.Itoa(n),
			"-x", strconv.Itoa(x), "-y", "0", "-W", strconv.Itoa(a4w/2), "-H", strconv.Itoa(a4h), file, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		return strings.Join(strings.Fields(string(out)), " ")
	}
	return crop(0), crop(a4w / 2)
}

// sides reads every sheet side of the booklet as "left|right".
func sides(t *testing.T, file string, n int) []string {
	var out []string
	for i := 1; i <= n; i++ {
		l, r := halves(t, file, i)
		out = append(out, l+"|"+r)
	}
	return out
}

func TestBookletOrderFromPDF(t *testing.T) {
	d, fs := numbered(t, 8)
	file, info, _ := booklet(t, d, fs, BookletOptions{})
	if info.Sheet.Name != "a4" || info.Sheets != 2 || info.Blanks != 0 || info.Scale != 1 || info.Duplex != paper.ShortEdge {
		t.Errorf("info %+v", info)
	}
	want := []string{"pg08|pg01", "pg02|pg07", "pg06|pg03", "pg04|pg05"}
	if got := sides(t, file, 4); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("sides %v, want %v", got, want)
	}
	// Every sheet is A4 landscape.
	out, err := exec.Command(testtool.Need(t, "pdfinfo"), "-f", "1", "-l", "4", file).Output()
	if err != nil {
		t.Fatal(err)
	}
	if n := len(regexp.MustCompile(`Page +[1-4] size: +841.89 x 595.2(8|76) pts`).FindAllString(string(out), -1)); n != 4 {
		t.Errorf("want 4 A4 landscape pages, found %d in\n%s", n, out)
	}
}

func TestBookletPadding(t *testing.T) {
	d, fs := numbered(t, 6)
	file, info, _ := booklet(t, d, fs, BookletOptions{})
	if info.Blanks != 2 || info.Sheets != 2 {
		t.Fatalf("info %+v", info)
	}
	// Pages 7 and 8 are the blanks: the outside back of the booklet.
	want := []string{"|pg01", "pg02|", "pg06|pg03", "pg04|pg05"}
	if got := sides(t, file, 4); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("sides %v, want %v", got, want)
	}
	_, info, _ = booklet(t, d, fs, BookletOptions{BackCover: true})
	if s := info.Order[0].Front; s.Left != 5 {
		t.Errorf("with a back cover the last page stays last: %+v", s)
	}
}

func TestBookletLongEdgeTurnsBacks(t *testing.T) {
	d, fs := numbered(t, 8)
	file, info, _ := booklet(t, d, fs, BookletOptions{Duplex: paper.LongEdge})
	if info.Duplex != paper.LongEdge {
		t.Fatal(info.Duplex)
	}
	// Fronts as before; backs turned half round, so their right page
	// lies on the paper's left half.
	want := []string{"pg08|pg01", "pg07|pg02", "pg06|pg03", "pg05|pg04"}
	if got := sides(t, file, 4); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("sides %v, want %v", got, want)
	}
}

func TestBookletSignatures(t *testing.T) {
	d, fs := numbered(t, 12)
	file, info, _ := booklet(t, d, fs, BookletOptions{Signature: 8})
	if info.Sheets != 3 {
		t.Fatalf("info %+v", info)
	}
	want := []string{"pg08|pg01", "pg02|pg07", "pg06|pg03", "pg04|pg05", "pg12|pg09", "pg10|pg11"}
	if got := sides(t, file, 6); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("sides %v, want %v", got, want)
	}
}

var bboxWord = regexp.MustCompile(`<word xMin="([0-9.]+)" yMin="([0-9.]+)" xMax="[0-9.]+" yMax="[0-9.]+">(pg[0-9]+)</word>`)

// wordX returns the left edge of each pgNN word in the PDF.
func wordX(t *testing.T, file string) map[string]float64 {
	t.Helper()
	out, err := exec.Command(testtool.Need(t, "pdftotext"), "-bbox", file, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	xs := map[string]float64{}
	for _, m := range bboxWord.FindAllStringSubmatch(string(out), -1) {
		x, _ := strconv.ParseFloat(m[1], 64)
		xs[m[3]] = x
	}
	return xs
}

func TestBookletCreep(t *testing.T) {
	d, fs := numbered(t, 12)
	creep := units.FromMM(0.5)
	plain, _, _ := booklet(t, d, fs, BookletOptions{})
	crept, _, _ := booklet(t, d, fs, BookletOptions{Creep: creep})
	x0, x1 := wordX(t, plain), wordX(t, crept)
	if len(x0) != 12 || len(x1) != 12 {
		t.Fatalf("words found: %v / %v", x0, x1)
	}
	// Sheet depth: pages 1,2,11,12 → 0; 3,4,9,10 → 1; 5–8 → 2. Left
	// pages (even on fronts: 12,10,8 … here the left of each side) move
	// right, right pages left: towards the fold.
	depth := map[int]int{1: 0, 2: 0, 11: 0, 12: 0, 3: 1, 4: 1, 9: 1, 10: 1, 5: 2, 6: 2, 7: 2, 8: 2}
	onLeft := map[int]bool{12: true, 2: true, 10: true, 4: true, 8: true, 6: true}
	for p := 1; p <= 12; p++ {
		w := fmt.Sprintf("pg%02d", p)
		shift := float64(depth[p]) * creep.Points()
		if !onLeft[p] {
			shift = -shift
		}
		if got := x1[w] - x0[w]; math.Abs(got-shift) > 0.05 {
			t.Errorf("%s moved %.3fpt, want %.3fpt", w, got, shift)
		}
	}
}

func TestBookletReproducibleAndMarks(t *testing.T) {
	d, fs := numbered(t, 8)
	opts := BookletOptions{Marks: true, Creep: units.FromMM(0.1)}
	_, _, a := booklet(t, d, fs, opts)
	_, _, b := booklet(t, d, fs, opts)
	if !bytes.Equal(a, b) {
		t.Fatal("two booklets differ")
	}
	_, _, c := booklet(t, d, fs, BookletOptions{Creep: units.FromMM(0.1)})
	if bytes.Equal(a, c) {
		t.Error("marks changed nothing")
	}
	// A5 pages on an A4 sheet leave no room for crop marks but the
	// fold marks; on A3 both fit, and the pages stay full size.
	a3, _ := impose.SheetByName("a3")
	file, info, _ := booklet(t, d, fs, BookletOptions{Marks: true, Sheet: a3})
	if info.Scale != 1 {
		t.Errorf("A5 on A3 scaled %v", info.Scale)
	}
	xs := wordX(t, file)
	// Centred on A3 (1190.55 pt wide): the fold at 595.28, page 1's word
	// 50 pt right of it, page 8's 50 pt right of the left page's edge.
	if math.Abs(xs["pg01"]-(595.28+50)) > 1.5 || math.Abs(xs["pg08"]-(595.28-419.53+50)) > 1.5 {
		t.Errorf("on A3: %v", xs)
	}
}

func TestPrintBoxes(t *testing.T) {
	d, fs := numbered(t, 3)
	opts := PrintOptions{Options: Options{Created: created}, Bleed: units.FromMM(3), Marks: true}
	var first []byte
	for i := range 6 { // the page boxes come out in one order every time
		var buf bytes.Buffer
		if err := WritePrint(&buf, d, fs, opts); err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			first = buf.Bytes()
		} else if !bytes.Equal(first, buf.Bytes()) {
			t.Fatalf("run %d differs from the first", i)
		}
	}
	file := filepath.Join(t.TempDir(), "print.pdf")
	if err := os.WriteFile(file, first, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(testtool.Need(t, "pdfinfo"), "-box", "-f", "1", "-l", "3", file).Output()
	if err != nil {
		t.Fatal(err)
	}
	slug := opts.Slug().Points()
	pw, ph := units.FromMM(148).Points(), units.FromMM(210).Points()
	b := units.FromMM(3).Points()
	box := func(name string, x, y, w, h float64) string {
		return fmt.Sprintf("%s: %.2f %.2f %.2f %.2f", name, x, y, x+w, y+h)
	}
	var norm []string
	for _, l := range strings.Split(string(out), "\n") {
		norm = append(norm, strings.Join(strings.Fields(l), " "))
	}
	for _, want := range []string{
		box("MediaBox", 0, 0, pw+2*slug, ph+2*slug),
		box("TrimBox", slug, slug, pw, ph),
		box("BleedBox", slug-b, slug-b, pw+2*b, ph+2*b),
	} {
		n := 0
		for _, l := range norm {
			if strings.HasPrefix(l, "Page ") && strings.HasSuffix(l, want) {
				n++
			}
		}
		if n != 3 {
			t.Errorf("%q on %d of 3 pages in\n%s", want, n, out)
		}
	}
	if txt, err := exec.Command(testtool.Need(t, "pdftotext"), file, "-").Output(); err != nil || !strings.Contains(string(txt), "pg03") {
		t.Errorf("text does not extract: %q %v", txt, err)
	}
	if err := WritePrint(&bytes.Buffer{}, d, fs, PrintOptions{Bleed: -1}); err == nil {
		t.Error("negative bleed accepted")
	}
}

func TestBledExtendsEdgeRules(t *testing.T) {
	d, _ := numbered(t, 1)
	p := d.Pages[0]
	b := units.FromMM(3)
	q := bled(p, b)
	r := q.Items[0]
	if r.X != -b || r.Y != -b || r.W != p.W+2*b || r.H != 10*units.Pt+b {
		t.Errorf("rule %+v", r)
	}
	if p.Items[0].X != 0 {
		t.Error("bled changed its input")
	}
	if q.Items[1] != p.Items[1] {
		t.Error("text moved")
	}
}
