package pdfstd

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/pamphlet/pamphlet/builder/doc"
	"github.com/pamphlet/pamphlet/builder/font"
	"github.com/pamphlet/pamphlet/builder/frame"
	"github.com/pamphlet/pamphlet/builder/pdf"
	"github.com/pamphlet/pamphlet/builder/units"
)

// book is a small document with every element the requirements look
// at: headings, a paragraph with a link, a figure with alt text (a PNG
// with alpha), a table with a header row, a note, and a running head and
// folio as artifacts.
func book(t *testing.T, edit func(d *frame.Document)) (*frame.Document, *font.Set) {
	t.Helper()
	fs, err := font.Default()
	if err != nil {
		t.Fatal(err)
	}
	img := image.NewNRGBA(image.Rect(0, 0, 4, 4))
	for i := range img.Pix {
		img.Pix[i] = byte(i * 9)
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	pic := filepath.Join(t.TempDir(), "pic.png")
	if err := os.WriteFile(pic, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	nodes := []frame.Node{
		{Role: "Document", Parent: -1, Lang: "en"},        // 0
		{Role: "Sect", Parent: 0},                         // 1
		{Role: "H1", Parent: 1},                           // 2
		{Role: "P", Parent: 1},                            // 3
		{Role: "Link", Parent: 3},                         // 4
		{Role: "H2", Parent: 1},                           // 5
		{Role: "Figure", Parent: 1, Alt: "A grey square"}, // 6
		{Role: "Table", Parent: 1},                        // 7
		{Role: "THead", Parent: 7},                        // 8
		{Role: "TR", Parent: 8},                           // 9
		{Role: "TH", Parent: 9, Scope: "Column"},          // 10
		{Role: "TBody", Parent: 7},                        // 11
		{Role: "TR", Parent: 11},                          // 12
		{Role: "TD", Parent: 12},                          // 13
		{Role: "Note", Parent: 1},                         // 14
		{Role: "P", Parent: 14},                           // 15
	}
	pt := units.Pt
	word := func(x, y int, s string, n int32) frame.Item {
		return frame.Item{Kind: frame.Text, X: units.Sp(x) * pt, Y: units.Sp(y) * pt, Face: font.Regular, Size: 10 * pt, Text: s, Node: n}
	}
	d := &frame.Document{
		Meta:  doc.Meta{Title: "Standards", Authors: []string{"Ann", "Bob"}, Lang: "en", Description: "A test."},
		Nodes: nodes,
		Pages: []*frame.Page{{W: 300 * pt, H: 400 * pt, Label: "1", Items: []frame.Item{
			word(40, 20, "Standards", 0),
			word(40, 60, "Heading", 2),
			word(40, 80, "Some", 3), word(70, 80, "text", 3), word(95, 80, "here", 4),
			{Kind: frame.Link, X: 95 * pt, Y: 72 * pt, W: 20 * pt, H: 10 * pt, URL: "https://example.org/", Node: 4},
			word(40, 100, "Second", 5),
			{Kind: frame.Image, X: 40 * pt, Y: 110 * pt, W: 40 * pt, H: 40 * pt, Path: pic, Node: 6},
			word(40, 170, "Name", 10), word(40, 185, "alpha", 13),
			{Kind: frame.Rule, X: 40 * pt, Y: 190 * pt, W: 100 * pt, H: pt / 2},
			word(40, 300, "1.", 15), word(55, 300, "A", 15), word(65, 300, "note.", 15),
			word(150, 380, "1", 0),
		}}},
	}
	if edit != nil {
		edit(d)
	}
	return d, fs
}

var created = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)

func reader(t *testing.T, d *frame.Document, fs *font.Set, opts pdf.Options) []byte {
	t.Helper()
	opts.Created = created
	var b bytes.Buffer
	if err := pdf.Write(&b, d, fs, opts); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func printer(t *testing.T, d *frame.Document, fs *font.Set) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := pdf.WritePrint(&b, d, fs, pdf.PrintOptions{Options: pdf.Options{Created: created}, Bleed: 3 * units.Mm, Marks: true}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func results(t *testing.T, data []byte, stds ...string) map[string]Result {
	t.Helper()
	r, err := Check(data, stds...)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]Result{}
	for _, x := range r.Results {
		out[x.Code] = x
	}
	return out
}

// TestGood: the writer's PDFs meet every requirement of the standards
// they claim, and each claims what it should.
func TestGood(t *testing.T) {
	d, fs := book(t, nil)
	for _, tc := range []struct {
		name   string
		data   []byte
		claims string
		n      int
	}{
		{"reader", reader(t, d, fs, pdf.Options{}), "PDF/UA-1", 13},
		{"pdfa-2u", reader(t, d, fs, pdf.Options{Standard: pdf.PDFA2U}), "PDF/UA-1 PDF/A-2u", 24},
		{"pdfa-2a", reader(t, d, fs, pdf.Options{Standard: pdf.PDFA2A}), "PDF/UA-1 PDF/A-2a", 25},
		{"print", printer(t, d, fs), "PDF/X-4", 8},
	} {
		r, err := Check(tc.data)
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(r.Claims, " "); got != tc.claims {
			t.Errorf("%s claims %q, want %q", tc.name, got, tc.claims)
		}
		if len(r.Results) != tc.n {
			t.Errorf("%s: %d requirements checked, want %d", tc.name, len(r.Results), tc.n)
		}
		for _, x := range r.Failed() {
			t.Errorf("%s: %s fails: %s", tc.name, x.Code, x.Saw)
		}
	}
}

// TestBroken: every requirement fails when the file breaks it, the file
// made by the writer and then edited, or written from a document or with
// options that break it.
func TestBroken(t *testing.T) {
	d, fs := book(t, nil)
	ua := reader(t, d, fs, pdf.Options{Standard: pdf.PDFA2A})
	px := printer(t, d, fs)
	repl := func(data []byte, old, new string) []byte {
		if !bytes.Contains(data, []byte(old)) {
			t.Fatalf("the PDF has no %q to break", old)
		}
		return bytes.ReplaceAll(data, []byte(old), []byte(new))
	}
	re := func(data []byte, expr, new string) []byte {
		r := regexp.MustCompile(expr)
		if !r.Match(data) {
			t.Fatalf("the PDF has no %s to break", expr)
		}
		return r.ReplaceAll(data, []byte(new))
	}
	build := func(edit func(*frame.Document)) []byte {
		d, fs := book(t, edit)
		return reader(t, d, fs, pdf.Options{})
	}
	appendObj := func(data []byte, obj string) []byte {
		i := bytes.LastIndex(data, []byte("xref\n"))
		return append(append(append([]byte{}, data[:i]...), obj...), data[i:]...)
	}
	for _, tc := range []struct {
		code string
		data []byte
	}{
		{"UA001", repl(ua, "/Marked true", "/Marked false")},
		{"UA002", repl(ua, "/StructTreeRoot ", "/StructTreeRooX ")},
		{"UA003", reader(t, d, fs, pdf.Options{Untagged: true})},
		{"UA004", build(func(d *frame.Document) { d.Nodes[6].Alt = "" })},
		{"UA005", build(func(d *frame.Document) { d.Nodes[5].Role = "H3" })},
		{"UA006", build(func(d *frame.Document) { d.Nodes[10].Role = "TD" })},
		{"UA007", repl(ua, "/DisplayDocTitle true", "/DisplayDocTitle false")},
		{"UA008", repl(ua, "/Lang (en)\n/MarkInfo", "/MarkInfo")},
		{"UA009", repl(ua, "/ToUnicode", "/ToUnicodX")},
		{"UA010", repl(ua, "<pdfuaid:part>1<", "<pdfuaid:part>2<")},
		{"UA011", repl(ua, "/StructParent ", "/StructParenX ")},
		{"UA012", repl(ua, "/Tabs /S", "/Tabs /R")},
		{"UA013", repl(ua, "/ID (note-", "/IX (note-")},
		{"PDFA001", repl(ua, "<pdfaid:part>2<", "<pdfaid:part>3<")},
		{"PDFA002", repl(ua, "/GTS_PDFA1", "/GTS_PDFA9")},
		{"PDFA003", repl(ua, "/ID [<", "/IX [<")},
		{"PDFA004", repl(ua, "/FontFile2", "/FontFileX")},
		{"PDFA005", repl(ua, "/ToUnicode", "/ToUnicodX")},
		{"PDFA006", appendObj(ua, "999 0 obj\n<</S /JavaScript /JS (app.alert(1))>>\nendobj\n")},
		{"PDFA007", repl(ua, "/F 4", "/F 6")},
		{"PDFA008", repl(ua, "/Producer (pamphlet)", "/Producer (someone)")},
		{"PDFA009", repl(ua, "/ColorSpace /DeviceRGB", "/ColorSpace /DeviceCMYK")},
		{"PDFA010", repl(ua, "/Group <<", "/Groux <<")},
		{"PDFA011", repl(ua, "%PDF-1.7\n%\xe2\xe3\xcf\xd3", "%PDF-1.7\n%abcd")},
		{"PDFA012", repl(ua, "/Marked true", "/Marked false")},
		{"PDFX001", repl(px, "(PDF/X-4)", "(PDF/X-3)")},
		{"PDFX002", repl(px, "/N 4", "/N 3")},
		{"PDFX003", repl(px, "/TrimBox", "/TrimBoX")},
		{"PDFX004", repl(px, "/Trapped /False", "/Trapped /True")},
		{"PDFX005", repl(px, "/Type /Page>>", "/Type /Page /Annots [<</Type /Annot /Subtype /Link /Rect [100 100 120 120]>>]>>")},
		{"PDFX006", re(px, `/ColorSpace \[/ICCBased \d+ 0 R\]`, "/ColorSpace /DeviceRGB")},
		{"PDFX007", repl(px, "/FontFile2", "/FontFileX")},
		{"PDFX008", func() []byte {
			d, fs := book(t, func(d *frame.Document) { d.Meta.Title = "" })
			return printer(t, d, fs)
		}()},
	} {
		res := results(t, tc.data, UA, PDFA, PDFX)
		r, ok := res[tc.code]
		if !ok {
			t.Errorf("%s was not checked", tc.code)
			continue
		}
		if r.Pass {
			t.Errorf("%s passes a file that breaks it: %s", tc.code, r.Saw)
		}
	}
}

// TestReport: the text report names each requirement and the verdicts.
func TestReport(t *testing.T) {
	d, fs := book(t, nil)
	r, err := Check(printer(t, d, fs))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := r.WriteText(&b, "print.pdf"); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"print.pdf: claims PDF/X-4\n", "  ok   PDFX003 PDF/X-4: every page has a TrimBox", "8 requirements checked, 0 failed\n"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, b.String())
		}
	}
	if _, err := Check([]byte("not a pdf")); err == nil {
		t.Error("no error for a file that is no PDF")
	}
}

// FuzzCheck: any input gives a report or an error, never a panic.
func FuzzCheck(f *testing.F) {
	f.Add([]byte("%PDF-1.7\n1 0 obj\n<</Type /Catalog /Pages 2 0 R /Metadata 3 0 R /StructTreeRoot <</K [<</S /H3>> <</S /Table /K 5>>]>>>>\nendobj\n2 0 obj\n<</Type /Pages /Kids [4 0 R]>>\nendobj\n3 0 obj\n<</Length 20>>\nstream\n<x><pdfuaid:part>1</pdfuaid:part></x>\nendstream\nendobj\n4 0 obj\n<</Type /Page /Contents 5 0 R /Annots [<</F 2>>]>>\nendobj\n5 0 obj\n<</Length 12>>\nstream\nBT (a) Tj ET\nendstream\nendobj\ntrailer\n<</Root 1 0 R>>\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := Check(data, UA, PDFA, PDFX)
		if err == nil && len(r.Results) == 0 {
			t.Error("a report without results")
		}
	})
}
