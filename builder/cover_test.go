package builder

import (
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/pamphlet/pamphlet/builder/diag"
	"github.com/pamphlet/pamphlet/builder/font"
	"github.com/pamphlet/pamphlet/builder/frame"
	"github.com/pamphlet/pamphlet/builder/manifest"
	"github.com/pamphlet/pamphlet/builder/paper"
	"github.com/pamphlet/pamphlet/builder/style"
	"github.com/pamphlet/pamphlet/builder/units"
	"github.com/pamphlet/pamphlet/internal/testtool"
)

const coverYAML = `title: Mutual Aid
subtitle: A Factor of Evolution
author: Peter Kropotkin
articles: [a.md]
cover:
  back: |
    Kropotkin finds cooperation, not struggle, the surer means of survival.
  isbn: 978-1-86197-876-9
  price: "£7.99"
  binding: perfect
  paper: %s
`

// coverFile plans the cover of a pages-page A5 book with manifest src and
// writes it into dir, returning its path and the plan.
func coverFile(t *testing.T, dir, src string, pages int, ps printSettings) (string, *coverPlan) {
	t.Helper()
	var dl diag.List
	return coverFileDiags(t, dir, src, pages, ps, &dl)
}

// coverFileDiags is coverFile reporting into dl.
func coverFileDiags(t *testing.T, dir, src string, pages int, ps printSettings, dl *diag.List) (string, *coverPlan) {
	t.Helper()
	m := manifest.Parse(filepath.Join(dir, "book.yaml"), []byte(src), nil, dl)
	if m == nil {
		t.Fatalf("manifest: %v", dl.Items())
	}
	st, err := style.Load("a5", "", nil)
	if err != nil {
		t.Fatal(err)
	}
	fonts, err := font.Default()
	if err != nil {
		t.Fatal(err)
	}
	cp, err := planCover(context.Background(), m, st, fonts, pages, ps, dl)
	if err != nil {
		t.Fatalf("%v %v", err, dl.Items())
	}
	return writeJob(t, dir, cp.job("book", fonts, FixedEpoch)), cp
}

// writeJob writes an output job's file into dir.
func writeJob(t *testing.T, dir string, job outputJob) string {
	t.Helper()
	var b bytes.Buffer
	if err := job.write(&b); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, job.name)
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

var boxRE = regexp.MustCompile(`(?m)^(Page size|BleedBox|TrimBox):\s+([\d.]+)\s+(?:x\s+)?([\d.]+)(?:\s+([\d.]+)\s+([\d.]+))?`)

// pdfBoxes returns pdfinfo -box's page size and boxes, in points.
func pdfBoxes(t *testing.T, path string) map[string][]float64 {
	t.Helper()
	out, err := exec.Command(testtool.Need(t, "pdfinfo"), "-box", path).Output()
	if err != nil {
		t.Fatalf("pdfinfo: %v", err)
	}
	boxes := map[string][]float64{}
	for _, m := range boxRE.FindAllStringSubmatch(string(out), -1) {
		var v []float64
		for _, s := range m[2:] {
			if s != "" {
				f, _ := strconv.ParseFloat(s, 64)
				v = append(v, f)
			}
		}
		boxes[m[1]] = v
	}
	return boxes
}

func mmToPt(mm float64) float64 { return mm * 72 / 25.4 }

// TestCoverSize: the cover's page is 2 × trim + spine + 2 × bleed wide and
// trim + 2 × bleed high, the spine half the pages (rounded up) times the
// caliper, for 48, 100 and 300 pages on 80gsm (0.1 mm a sheet) and 444
// pages per inch; with marks, the BleedBox has that size.
func TestCoverSize(t *testing.T) {
	dir := t.TempDir()
	for _, paper := range []struct {
		name    string
		caliper float64 // mm a sheet
	}{{"80gsm", 0.1}, {"444ppi", 2 * 25.4 / 444}} {
		for _, pages := range []int{48, 100, 300} {
			spine := math.Ceil(float64(pages)/2) * paper.caliper
			wantW, wantH := mmToPt(2*148+spine+2*3), mmToPt(210+2*3)
			path, cp := coverFile(t, dir, fmt.Sprintf(coverYAML, paper.name), pages, printSettings{})
			b := pdfBoxes(t, path)
			if got := b["Page size"]; len(got) != 2 || math.Abs(got[0]-wantW) > 0.01 || math.Abs(got[1]-wantH) > 0.01 {
				t.Errorf("%d pages on %s: page %v pt, want %.3f × %.3f", pages, paper.name, got, wantW, wantH)
			}
			sum := cp.summary()
			if want := fmt.Sprintf("spine %.1f mm (%d sheets × %.3f mm, %s)", spine, (pages+1)/2, paper.caliper, paper.name); !strings.Contains(sum, want) {
				t.Errorf("summary %q, want it to say %q", sum, want)
			}
			path, _ = coverFile(t, dir, fmt.Sprintf(coverYAML, paper.name), pages, printSettings{marks: true, bleed: units.FromMM(5)})
			b = pdfBoxes(t, path)
			wantW, wantH = mmToPt(2*148+spine+2*5), mmToPt(210+2*5)
			bb := b["BleedBox"]
			if len(bb) != 4 || math.Abs(bb[2]-bb[0]-wantW) > 0.01 || math.Abs(bb[3]-bb[1]-wantH) > 0.01 {
				t.Errorf("%d pages on %s with marks and 5 mm bleed: BleedBox %v, want %.3f × %.3f", pages, paper.name, bb, wantW, wantH)
			}
			if ps := b["Page size"]; len(ps) != 2 || ps[0] <= wantW+10 {
				t.Errorf("with marks the page %v does not leave room for them outside the bleed", ps)
			}
		}
	}
}

type bboxWord struct {
	XMin, YMin, XMax, YMax float64 `xml:",attr"`
	Text                   string  `xml:",chardata"`
}

// words returns pdftotext -bbox's words of page page.
func words(t *testing.T, path string, page int) []bboxWord {
	t.Helper()
	out, err := exec.Command(testtool.Need(t, "pdftotext"), "-f", strconv.Itoa(page), "-l", strconv.Itoa(page), "-bbox", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	var ws []bboxWord
	dec := xml.NewDecoder(bytes.NewReader(out))
	dec.Strict = false
	for {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		if se, ok := tok.(xml.StartElement); ok && se.Name.Local == "word" {
			var w struct {
				XMin float64 `xml:"xMin,attr"`
				YMin float64 `xml:"yMin,attr"`
				XMax float64 `xml:"xMax,attr"`
				YMax float64 `xml:"yMax,attr"`
				Text string  `xml:",chardata"`
			}
			if err := dec.DecodeElement(&w, &se); err == nil {
				ws = append(ws, bboxWord{w.XMin, w.YMin, w.XMax, w.YMax, w.Text})
			}
		}
	}
	return ws
}

func findWord(ws []bboxWord, text string) (bboxWord, bool) {
	for _, w := range ws {
		if w.Text == text {
			return w, true
		}
	}
	return bboxWord{}, false
}

// TestCoverPanels reads the 300-page cover back: the title on the front
// panel, the blurb on the back, the spine's words inside the spine, and
// the barcode (zbarimg) as the ISBN and the price.
func TestCoverPanels(t *testing.T) {
	dir := t.TempDir()
	path, _ := coverFile(t, dir, fmt.Sprintf(coverYAML, "80gsm"), 300, printSettings{})
	bleed, trim, spine := mmToPt(3), mmToPt(148), mmToPt(15)
	ws := words(t, path, 1)
	for _, c := range []struct {
		word   string
		x0, x1 float64
	}{
		{"Mutual", bleed + trim + spine, bleed + 2*trim + spine},    // the front's title
		{"Evolution", bleed + trim + spine, bleed + 2*trim + spine}, // subtitle
		{"cooperation,", bleed, bleed + trim},                       // the blurb
		{"struggle,", bleed, bleed + trim},                          //
		{"Kropotkin", bleed + trim, bleed + trim + spine},           // the spine (and the front: the first found is checked below)
	} {
		w, ok := findWord(ws, c.word)
		if !ok {
			t.Errorf("%q is not on the cover: %v", c.word, ws)
			continue
		}
		if c.word == "Kropotkin" {
			// The spine's author: the word whose box is inside the spine.
			found := false
			for _, w := range ws {
				if w.Text == "Kropotkin" && w.XMin >= c.x0 && w.XMax <= c.x1 {
					found = true
					if w.YMax-w.YMin <= w.XMax-w.XMin {
						t.Errorf("the spine's %q is not set along the spine: %+v", w.Text, w)
					}
				}
			}
			if !found {
				t.Errorf("no %q inside the spine (x %.1f to %.1f): %v", c.word, c.x0, c.x1, ws)
			}
			continue
		}
		if w.XMin < c.x0 || w.XMax > c.x1 {
			t.Errorf("%q at x %.1f to %.1f, want within %.1f to %.1f", c.word, w.XMin, w.XMax, c.x0, c.x1)
		}
	}
	// The spine reads top to bottom: "Mutual" above "Kropotkin" on it.
	var mu, kr bboxWord
	for _, w := range ws {
		if w.XMin >= bleed+trim && w.XMax <= bleed+trim+spine {
			switch w.Text {
			case "Mutual":
				mu = w
			case "Kropotkin":
				kr = w
			}
		}
	}
	if mu.Text == "" || kr.Text == "" || mu.YMin >= kr.YMin {
		t.Errorf("the spine does not read top to bottom: %+v then %+v", mu, kr)
	}
	zbar := testtool.Need(t, "zbarimg")
	png := filepath.Join(dir, "cover")
	if out, err := exec.Command(testtool.Need(t, "pdftoppm"), "-r", "200", "-png", "-singlefile", path, png).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v %s", err, out)
	}
	out, _ := exec.Command(zbar, "-q", "-Sean5.enable", png+".png").Output()
	if got := strings.Fields(string(out)); strings.Join(got, " ") != "EAN-5:00799 EAN-13:9781861978769" {
		t.Errorf("zbarimg read %q from the cover, want the ISBN 9781861978769 and the price 00799", got)
	}
}

// TestSelfCover: a saddle-stitched booklet of 12 pages with a cover is
// 16 pages; the first sheet's outer side carries the back cover on the
// left and the front on the right, its inner side the inside covers.
func TestSelfCover(t *testing.T) {
	dir := t.TempDir()
	src := `title: Mutual Aid
author: Peter Kropotkin
articles: [a.md]
cover:
  back: Backcoverblurb text.
  binding: saddle
  inside-back: Insidebackcover colophon.
`
	_, cp := coverFile(t, dir, src, 12, printSettings{})
	st, _ := style.Load("a5", "", nil)
	fonts, _ := font.Default()
	laid := &frame.Document{}
	for i := 1; i <= 12; i++ {
		laid.Pages = append(laid.Pages, &frame.Page{W: st.PageWidth, H: st.PageHeight, Items: []frame.Item{{Kind: frame.Text, Face: font.Regular, Size: units.FromPt(10), X: units.FromPt(50), Y: units.FromPt(100), Text: fmt.Sprintf("Bookpage%d", i)}}})
	}
	ps := printSettings{booklet: true, duplex: paper.ShortEdge}
	ps.bookletDoc, ps.backCover = cp.selfCovered(laid)
	if !ps.backCover {
		t.Fatal("a saddle-stitched cover is not a self-cover")
	}
	jobs, sum, err := printJobs(ps, "book", laid, fonts, FixedEpoch)
	if err != nil || len(jobs) != 1 {
		t.Fatalf("%v %v", jobs, err)
	}
	if sum.Sheets != 4 || sum.Blanks != 0 {
		t.Errorf("%d sheets, %d blanks: want 4 sheets (16 pages), none blank", sum.Sheets, sum.Blanks)
	}
	final := writeJob(t, dir, jobs[0])
	b := pdfBoxes(t, final)
	half := b["Page size"][0] / 2
	side := func(page int, left, right string) {
		ws := words(t, final, page)
		l, okL := findWord(ws, left)
		r, okR := findWord(ws, right)
		if left == "" {
			// A blank page: nothing on that half.
			okL = true
			for _, w := range ws {
				if w.XMin < half {
					okL = false
				}
			}
		}
		if !okL || !okR || l.XMax > half || r.XMin < half {
			t.Errorf("sheet side %d: want %q on the left and %q on the right, got %v", page, left, right, ws)
		}
	}
	side(1, "Backcoverblurb", "Mutual") // the outer side: back cover, front cover
	side(2, "", "Insidebackcover")      // the inner side: inside front (blank), inside back
	side(3, "Bookpage12", "Bookpage1")  // the next sheet: the book's last and first pages
}

// TestCoverErrors: a cover the book cannot have is an error at its
// manifest line, and no file is written.
func TestCoverErrors(t *testing.T) {
	tiny := image.NewRGBA(image.Rect(0, 0, 200, 280))
	for i := range tiny.Pix {
		tiny.Pix[i] = 0x80
	}
	tiny.Set(0, 0, color.Black)
	for _, c := range []struct {
		cover string
		want  []string
	}{
		{"  spine: Mutual Aid\n  binding: perfect\n", []string{"book.yaml:5:10: cover.spine: the spine is ", " mm wide, too narrow for text (6 mm at least)"}},
		{"  front: tiny.png\n", []string{"book.yaml:5:10: cover.front: the image is 200 × 280 pixels, ", "too small to print; it needs 1783 × 2551 pixels (300 dpi)"}},
		{"  isbn: 978-1-86197-876-0\n", []string{"book.yaml:5:9: cover.isbn: ISBN 978-1-86197-876-0: wrong check digit: the last digit should be 9, not 0"}},
	} {
		dir := t.TempDir()
		os.WriteFile(filepath.Join(dir, "a.md"), []byte("# A\n\nSome words of the article.\n"), 0o644)
		var b bytes.Buffer
		png.Encode(&b, tiny)
		os.WriteFile(filepath.Join(dir, "tiny.png"), b.Bytes(), 0o644)
		os.WriteFile(filepath.Join(dir, "book.yaml"), []byte("title: T\narticles: [a.md]\noutput: {name: t}\ncover:\n"+c.cover), 0o644)
		res, err := Build(context.Background(), Options{Manifest: filepath.Join(dir, "book.yaml"), Getenv: func(string) string { return "" }})
		if err == nil {
			t.Errorf("%s: built", c.cover)
		}
		found := false
		for _, d := range res.Diags.Items() {
			s, all := d.String(), true
			for _, w := range c.want {
				all = all && strings.Contains(s, w)
			}
			found = found || all
		}
		if !found {
			t.Errorf("%s: diagnostics %v, want %q", c.cover, res.Diags.Items(), c.want)
		}
		if files, _ := filepath.Glob(filepath.Join(dir, "build", "*")); len(files) > 0 {
			t.Errorf("%s: files written: %v", c.cover, files)
		}
	}
}

// BenchmarkEPUBCover measures what every EPUB build now spends on its
// cover: the front set by the typesetter and painted at 1400 pixels wide.
func BenchmarkEPUBCover(b *testing.B) {
	var dl diag.List
	m := manifest.Parse("book.yaml", []byte("title: 2+2 dialogue between India and the US\nsubtitle: An article and a note on its making\nauthor: The pamphlet project\npublisher: pamphlet\narticles: [a.md]\n"), nil, &dl)
	st, err := style.Load("a5", "", nil)
	if err != nil {
		b.Fatal(err)
	}
	fonts, err := font.Default()
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := epubCover(context.Background(), m, st, fonts); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCoverPDF measures the print cover of a 300-page book: layout
// (front, blurb, barcode, spine) and the PDF.
func BenchmarkCoverPDF(b *testing.B) {
	var dl diag.List
	m := manifest.Parse("book.yaml", []byte(fmt.Sprintf(coverYAML, "80gsm")), nil, &dl)
	st, _ := style.Load("a5", "", nil)
	fonts, _ := font.Default()
	for b.Loop() {
		cp, err := planCover(context.Background(), m, st, fonts, 300, printSettings{}, &dl)
		if err != nil {
			b.Fatal(err)
		}
		var buf bytes.Buffer
		if err := cp.job("book", fonts, FixedEpoch).write(&buf); err != nil {
			b.Fatal(err)
		}
	}
}
