package sfnt

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/pamphlet/pamphlet/fonts"
	"github.com/pamphlet/pamphlet/internal/testtool"
)

// pdfFont is one font of a hand-made test PDF: a Type0 font with
// Identity-H encoding over a CIDFont whose CIDs are the original font's
// glyph IDs, as pamphlet's PDF writer makes them.
type pdfFont struct {
	name    string // BaseFont, with its subset tag
	program []byte
	// kind is "FontFile2" (CIDFontType2, TrueType), "CIDFontType0C" or
	// "OpenType" (CIDFontType0, FontFile3 of that subtype).
	kind   string
	gids   []uint16
	text   []rune // the character of each glyph, for ToUnicode
	widths []int  // the advance of each glyph, in 1000ths of an em
}

// writePDF returns a one-page PDF that writes each font's glyphs on a
// line of its own.
func writePDF(fonts []pdfFont) []byte {
	var objs []string // object i+1
	add := func(s string) int {
		objs = append(objs, s)
		return len(objs)
	}
	stream := func(dict string, data []byte) int {
		return add(fmt.Sprintf("<< %s /Length %d >>\nstream\n%s\nendstream", dict, len(data), data))
	}
	var fontRefs, content strings.Builder
	files := map[*byte]int{} // a program used twice is written once
	for i, f := range fonts {
		fileKey, subtype := "FontFile2", "CIDFontType2"
		if f.kind != "FontFile2" {
			fileKey, subtype = "FontFile3", "CIDFontType0"
		}
		file, ok := files[&f.program[0]]
		if !ok && f.kind == "FontFile2" {
			file = stream(fmt.Sprintf("/Length1 %d", len(f.program)), f.program)
		} else if !ok {
			file = stream("/Subtype /"+f.kind, f.program)
		}
		files[&f.program[0]] = file
		desc := add(fmt.Sprintf("<< /Type /FontDescriptor /FontName /%s /Flags 4 /FontBBox [-1000 -1000 3000 3000] "+
			"/ItalicAngle 0 /Ascent 900 /Descent -300 /CapHeight 700 /StemV 80 /%s %d 0 R >>", f.name, fileKey, file))
		var w, bf, hex strings.Builder
		seen := map[uint16]bool{}
		for j, g := range f.gids {
			fmt.Fprintf(&hex, "%04X", g)
			if seen[g] {
				continue
			}
			seen[g] = true
			fmt.Fprintf(&w, "%d [%d] ", g, f.widths[j])
			fmt.Fprintf(&bf, "<%04X> <", g)
			for _, u := range utf16.Encode([]rune{f.text[j]}) {
				fmt.Fprintf(&bf, "%04X", u)
			}
			bf.WriteString(">\n")
		}
		cidMap := ""
		if subtype == "CIDFontType2" {
			cidMap = "/CIDToGIDMap /Identity "
		}
		cid := add(fmt.Sprintf("<< /Type /Font /Subtype /%s /BaseFont /%s /CIDSystemInfo << /Registry (Adobe) "+
			"/Ordering (Identity) /Supplement 0 >> /FontDescriptor %d 0 R %s/W [%s] >>", subtype, f.name, desc, cidMap, w.String()))
		cmap := "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n" +
			"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n" +
			"/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n" +
			"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n" +
			fmt.Sprintf("%d beginbfchar\n%sendbfchar\n", len(seen), bf.String()) +
			"endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend"
		toUnicode := stream("", []byte(cmap))
		font := add(fmt.Sprintf("<< /Type /Font /Subtype /Type0 /BaseFont /%s /Encoding /Identity-H "+
			"/DescendantFonts [%d 0 R] /ToUnicode %d 0 R >>", f.name, cid, toUnicode))
		fmt.Fprintf(&fontRefs, "/F%d %d 0 R ", i, font)
		fmt.Fprintf(&content, "BT /F%d 24 Tf 20 %d Td <%s> Tj ET\n", i, 260-40*i, hex.String())
	}
	contents := stream("", []byte(content.String()))
	pages := len(objs) + 2
	page := add(fmt.Sprintf("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 400 300] /Resources << /Font << %s>> >> /Contents %d 0 R >>",
		pages, fontRefs.String(), contents))
	add(fmt.Sprintf("<< /Type /Pages /Kids [%d 0 R] /Count 1 >>", page))
	catalog := add(fmt.Sprintf("<< /Type /Catalog /Pages %d 0 R >>", pages))

	var out bytes.Buffer
	out.WriteString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = out.Len()
		fmt.Fprintf(&out, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := out.Len()
	fmt.Fprintf(&out, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, o := range offsets {
		fmt.Fprintf(&out, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&out, "trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, catalog, xref)
	return out.Bytes()
}

// fontFor returns the glyphs, characters and widths of text in a font,
// ready for a pdfFont.
func fontFor(t *testing.T, data []byte, index int, text string) (*Font, []uint16, []rune, []int) {
	t.Helper()
	f, err := Parse(data, index)
	if err != nil {
		t.Fatal(err)
	}
	face := goTextFace(t, data, index)
	var gids []uint16
	var runes []rune
	var widths []int
	for _, r := range text {
		if r == ' ' {
			continue
		}
		g, ok := face.NominalGlyph(r)
		if !ok {
			t.Fatalf("no glyph for %q", r)
		}
		gids = append(gids, uint16(g))
		runes = append(runes, r)
		widths = append(widths, f.Advance(uint16(g))*1000/f.Metrics().UnitsPerEm)
	}
	return f, gids, runes, widths
}

// TestPDF embeds subsets in a hand-made PDF the way pamphlet's PDF writer
// does and asks poppler and MuPDF about them: pdffonts must list them
// embedded, pdftotext must read the text back (through ToUnicode), and
// the page must render exactly as it does with the whole font embedded,
// in poppler and in MuPDF.
func TestPDF(t *testing.T) {
	pdffonts := testtool.Need(t, "pdffonts")
	pdftotext := testtool.Need(t, "pdftotext")
	pdftoppm := testtool.Need(t, "pdftoppm")
	mutool := testtool.Need(t, "mutool")
	dir := t.TempDir()

	type line struct {
		sub, whole pdfFont
		typ        string // pdffonts' type
		want       string // pdftotext's line
	}
	var lines []line

	const latin = "Hello, wörld"
	charis := bundled(t, fonts.SerifRegular)
	f, gids, runes, widths := fontFor(t, charis, 0, latin)
	sub, err := f.SubsetTrueType(gids, Options{})
	if err != nil {
		t.Fatal(err)
	}
	lines = append(lines, line{
		pdfFont{"AAAAAA+CharisSIL", sub, "FontFile2", gids, runes, widths},
		pdfFont{"CharisSIL", charis, "FontFile2", gids, runes, widths},
		"CID TrueType", "Hello,wörld",
	})
	cffLines := []struct {
		path, text string
		index      int
		packed     bool
	}{
		{ebGaramond, latin, 0, false},
		{ebGaramond, latin, 0, true},
		{libertine, "Ἀρχὴ ἥμισυ", 0, false},
		{notoSerifCJK, "人人生而自由", 0, true},
		{notoSerifCJK, "人人生而自由", 0, false},
	}
	wholeFonts := map[string][]byte{}
	for i, c := range cffLines {
		data, err := os.ReadFile(c.path)
		if err != nil {
			debianFont(t, c.path) // skips, or fails in CI
		}
		f, gids, runes, widths := fontFor(t, data, c.index, c.text)
		var sub []byte
		if c.packed {
			sub, err = f.SubsetCFFPacked(gids)
		} else {
			sub, err = f.SubsetCFF(gids)
		}
		if err != nil {
			t.Fatal(err)
		}
		// The reference: the original font file (the face, out of a
		// collection), as an OpenType FontFile3, whose glyphs a
		// CIDFontType0 selects with CID == GID.
		whole, ok := wholeFonts[c.path]
		if !ok {
			whole = writeSfnt(f.version, append([]table(nil), f.tables...))
			wholeFonts[c.path] = whole
		}
		name := f.Names().PostScript
		lines = append(lines, line{
			pdfFont{fmt.Sprintf("AAAAA%c+%s", 'B'+i, name), sub, "CIDFontType0C", gids, runes, widths},
			pdfFont{name, whole, "OpenType", gids, runes, widths},
			"CID Type 0C", strings.ReplaceAll(c.text, " ", ""),
		})
	}

	var subs, wholes []pdfFont
	for _, l := range lines {
		subs = append(subs, l.sub)
		wholes = append(wholes, l.whole)
	}
	subPDF, wholePDF := filepath.Join(dir, "subset.pdf"), filepath.Join(dir, "whole.pdf")
	if err := os.WriteFile(subPDF, writePDF(subs), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(wholePDF, writePDF(wholes), 0o644); err != nil {
		t.Fatal(err)
	}

	out, err := exec.Command(pdffonts, subPDF).CombinedOutput()
	if err != nil {
		t.Fatalf("pdffonts: %v\n%s", err, out)
	}
	for _, l := range lines {
		re := regexp.MustCompile(regexp.QuoteMeta(l.sub.name) + `\s+` + l.typ + `\s+Identity-H\s+yes\s+yes\s+yes`)
		if !re.Match(out) {
			t.Errorf("pdffonts does not list %s as an embedded subset of type %s:\n%s", l.sub.name, l.typ, out)
		}
	}
	out, err = exec.Command(pdftotext, subPDF, "-").CombinedOutput()
	if err != nil {
		t.Fatalf("pdftotext: %v\n%s", err, out)
	}
	text := strings.Fields(string(out))
	for i, l := range lines {
		if i >= len(text) || text[i] != l.want {
			t.Errorf("pdftotext reads %q, want line %d %q", text, i, l.want)
			break
		}
	}

	// The renderings of the subsets and of the whole fonts.
	render := map[string]func(pdf, png string) *exec.Cmd{
		"poppler": func(pdf, out string) *exec.Cmd {
			return exec.Command(pdftoppm, "-r", "100", "-gray", "-singlefile", pdf, strings.TrimSuffix(out, ".pgm"))
		},
		"mupdf": func(pdf, out string) *exec.Cmd {
			return exec.Command(mutool, "draw", "-q", "-r", "100", "-c", "gray", "-o", out, pdf)
		},
	}
	for _, who := range []string{"poppler", "mupdf"} {
		var pix [2][]byte
		for i, pdf := range []string{subPDF, wholePDF} {
			img := filepath.Join(dir, fmt.Sprintf("%s-%d.pgm", who, i))
			if out, err := render[who](pdf, img).CombinedOutput(); err != nil || bytes.Contains(out, []byte("rror")) {
				t.Fatalf("%s: %v\n%s", who, err, out)
			}
			var err error
			if pix[i], err = os.ReadFile(img); err != nil {
				t.Fatal(err)
			}
		}
		if !bytes.Equal(pix[0], pix[1]) {
			t.Errorf("%s draws the subsets unlike the whole fonts", who)
		}
		ink := 0
		for _, p := range pix[0] {
			if p < 128 {
				ink++
			}
		}
		if ink < 1000 {
			t.Errorf("%s draws %d dark pixels: the glyphs are not drawn", who, ink)
		}
	}
	if t.Failed() {
		keep := filepath.Join(os.TempDir(), "sfnt-pdf-test")
		os.MkdirAll(keep, 0o755)
		for _, f := range []string{subPDF, wholePDF} {
			b, _ := os.ReadFile(f)
			os.WriteFile(filepath.Join(keep, filepath.Base(f)), b, 0o644)
		}
		t.Logf("the PDFs are in %s", keep)
	}
}
