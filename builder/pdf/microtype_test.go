package pdf

import (
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/pamphlet/pamphlet/builder/frame"
	"github.com/pamphlet/pamphlet/builder/units"
	"github.com/pamphlet/pamphlet/internal/testtool"
)

// TestFontExpansionPDF: lines set with font expansion are painted with
// Tz, and pdftotext finds their words in order, each where the frame put
// it: starting at its X and ending at X + W, the expanded width (the
// spaces in the TJ arrays are computed for the scaled glyphs).
func TestFontExpansionPDF(t *testing.T) {
	b := corpusBook(t, "common-sense")
	d, fs, _ := build(t, b)
	pdf := write(t, d, fs)
	out := filepath.Join(t.TempDir(), "book.pdf")
	if err := os.WriteFile(out, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	testtool.CheckPDF(t, out)
	const first, last = 10, 14 // body pages
	bbox, err := exec.Command(testtool.Need(t, "pdftotext"), "-bbox", "-f", strconv.Itoa(first), "-l", strconv.Itoa(last), out, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	wordRe := regexp.MustCompile(`<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>`)
	pages := strings.Split(string(bbox), "<page ")[1:]
	if len(pages) != last-first+1 {
		t.Fatalf("pdftotext gave %d pages", len(pages))
	}
	checked, expanded := 0, 0
	for k, pg := range pages {
		p := d.Pages[first-1+k]
		// The words set apart by spaces: a piece set close against
		// the next or the one before (a word and its italic comma, a
		// note number) is one word to pdftotext.
		var text []frame.Item
		for _, it := range p.Items {
			if it.Kind == frame.Text && it.Node != 0 {
				text = append(text, it)
			}
		}
		close := func(a, b frame.Item) bool { return a.Y == b.Y && b.X-(a.X+a.W) < a.Size/10 }
		var items []frame.Item
		for i, it := range text {
			if (i > 0 && close(text[i-1], it)) || (i+1 < len(text) && close(it, text[i+1])) {
				continue
			}
			items = append(items, it)
		}
		// pdftotext's words of the text block: not the running head
		// above it nor the folio below.
		top, bottom := p.H, units.Sp(0)
		for _, it := range items {
			top, bottom = min(top, it.Y-it.Size*3/2), max(bottom, it.Y)
		}
		var words [][]string
		for _, w := range wordRe.FindAllStringSubmatch(pg, -1) {
			if y, _ := strconv.ParseFloat(w[2], 64); y >= top.Points()-1 && y <= bottom.Points() {
				words = append(words, []string{w[0], w[1], w[3], w[4]})
			}
		}
		// The page's words in the frame's order: every content item is
		// found, in order, among pdftotext's words.
		j := 0
		for _, it := range items {
			// The next few words: running heads and pieces skipped
			// above lie between.
			k := j
			for k < len(words) && k < j+4 && strings.ReplaceAll(words[k][3], "&amp;", "&") != it.Text {
				k++
			}
			j = k
			if j == len(words) || j == k && strings.ReplaceAll(words[j][3], "&amp;", "&") != it.Text {
				t.Fatalf("page %d: %q not found in order in pdftotext's words", first+k, it.Text)
			}
			x0, _ := strconv.ParseFloat(words[j][1], 64)
			x1, _ := strconv.ParseFloat(words[j][2], 64)
			j++
			if it.Flags != 0 {
				continue // a hyphenated piece: W leaves out the hyphen
			}
			checked++
			if it.Expand != 0 {
				expanded++
			}
			if dx := math.Abs(x0 - it.X.Points()); dx > 0.05 {
				t.Errorf("page %d: %q starts at %.2fpt, the frame says %v", first+k, it.Text, x0, it.X)
			}
			if dx := math.Abs(x1 - (it.X + it.W).Points()); dx > 0.05 {
				t.Errorf("page %d: %q (expand %d) ends at %.2fpt, the frame says %v", first+k, it.Text, it.Expand, x1, it.X+it.W)
			}
		}
	}
	if checked < 500 || expanded < checked/4 {
		t.Errorf("%d words checked, %d of them expanded: want a few hundred, many expanded", checked, expanded)
	}
}
