package pdf

import (
	"bytes"
	"encoding/json"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pamphlet/pamphlet/builder/doc"
	"github.com/pamphlet/pamphlet/builder/font"
	"github.com/pamphlet/pamphlet/builder/frame"
	"github.com/pamphlet/pamphlet/builder/units"

	"github.com/pamphlet/pamphlet/internal/testtool"
)

// qpdfJSON returns qpdf's JSON view of the PDF file: outlines, pages and
// every object by "obj:N 0 R".
type qpdfJSON struct {
	Outlines []qpdfOutline `json:"outlines"`
	Pages    []struct {
		Object string `json:"object"`
		Images []struct {
			Object string `json:"object"`
		} `json:"images"`
	} `json:"pages"`
	QPDF []json.RawMessage `json:"qpdf"`
}

type qpdfOutline struct {
	Title string        `json:"title"`
	Dest  []any         `json:"dest"`
	Kids  []qpdfOutline `json:"kids"`
}

func readQPDF(t *testing.T, file string) (qpdfJSON, map[string]map[string]any) {
	t.Helper()
	out, err := exec.Command(testtool.Need(t, "qpdf"), "--json", file).Output()
	if err != nil {
		t.Fatalf("qpdf --json: %v", err)
	}
	var j qpdfJSON
	if err := json.Unmarshal(out, &j); err != nil {
		t.Fatal(err)
	}
	var objs map[string]struct {
		Value  any `json:"value"`
		Stream struct {
			Dict map[string]any `json:"dict"`
		} `json:"stream"`
	}
	if len(j.QPDF) < 2 {
		t.Fatalf("qpdf JSON without objects")
	}
	if err := json.Unmarshal(j.QPDF[1], &objs); err != nil {
		t.Fatal(err)
	}
	dicts := map[string]map[string]any{}
	for k, o := range objs {
		if d, ok := o.Value.(map[string]any); ok {
			dicts[strings.TrimPrefix(k, "obj:")] = d
		} else if o.Stream.Dict != nil {
			dicts[strings.TrimPrefix(k, "obj:")] = o.Stream.Dict
		}
	}
	return j, dicts
}

func writeFile(t *testing.T, name string, b []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestLinksAndOutline: external links with their URLs escaped, internal
// links to the anchor's page and height, a link to an unknown anchor
// left out, and the outline nested by level.
func TestLinksAndOutline(t *testing.T) {
	fs, err := font.Default()
	if err != nil {
		t.Fatal(err)
	}
	w, h := 400*units.Pt, 600*units.Pt
	word := func(s string) frame.Item {
		return frame.Item{Kind: frame.Text, X: 50 * units.Pt, Y: 100 * units.Pt, Face: font.Regular, Size: 12 * units.Pt, Text: s}
	}
	link := func(url, dest string) frame.Item {
		return frame.Item{Kind: frame.Link, X: 50 * units.Pt, Y: 90 * units.Pt, W: 40 * units.Pt, H: 12 * units.Pt, URL: url, Dest: dest}
	}
	d := &frame.Document{
		Meta: doc.Meta{Title: "Links", Lang: "en"},
		Pages: []*frame.Page{
			{W: w, H: h, Items: []frame.Item{word("one"), link("https://example.org/a b/é?q=ü", ""), link("", "later"), link("", "nowhere")}},
			{W: w, H: h, Items: []frame.Item{word("two")}},
			{W: w, H: h, Items: []frame.Item{word("three")}, Anchors: []frame.Anchor{{Name: "later", Y: 200 * units.Pt}}},
		},
		Outline: []frame.OutlineEntry{
			{Title: "First", Level: 0, Page: 0, Y: 0},
			{Title: "Deep jump", Level: 2, Page: 1, Y: 50 * units.Pt},
			{Title: "Sibling", Level: 1, Page: 1, Y: 80 * units.Pt},
			{Title: "Grüße", Level: 0, Page: 2, Y: 200 * units.Pt},
			{Title: "Out of range", Level: 0, Page: 7},
		},
	}
	file := writeFile(t, "links.pdf", write(t, d, fs))
	testtool.CheckPDF(t, file)
	j, objs := readQPDF(t, file)

	if len(j.Outlines) != 2 || j.Outlines[0].Title != "First" || j.Outlines[1].Title != "Grüße" {
		t.Fatalf("outline %+v", j.Outlines)
	}
	kids := j.Outlines[0].Kids
	if len(kids) != 2 || kids[0].Title != "Deep jump" || kids[1].Title != "Sibling" {
		t.Errorf("a level that jumps is taken as one below: %+v", kids)
	}
	if dst := j.Outlines[1].Dest; len(dst) != 5 || dst[0] != j.Pages[2].Object || dst[1] != "/XYZ" || dst[3] != 400.0 {
		t.Errorf("bookmark destination %v, want page %s at 400", dst, j.Pages[2].Object)
	}

	page := objs[j.Pages[0].Object]
	annots, _ := page["/Annots"].([]any)
	if len(annots) != 2 {
		t.Fatalf("page 1 has %d annotations, want 2 (the unknown anchor left out): %v", len(annots), page)
	}
	uri := objs[annots[0].(string)]["/A"].(map[string]any)["/URI"]
	if uri != "u:https://example.org/a%20b/%C3%A9?q=%C3%BC" {
		t.Errorf("URI %v", uri)
	}
	internal := objs[annots[1].(string)]
	dst, _ := internal["/Dest"].([]any)
	if len(dst) != 5 || dst[0] != j.Pages[2].Object || dst[3] != 400.0 {
		t.Errorf("internal link to %v, want page %s at 400", dst, j.Pages[2].Object)
	}
	if r, _ := internal["/Rect"].([]any); len(r) != 4 || r[0] != 50.0 || r[1] != 498.0 || r[2] != 90.0 || r[3] != 510.0 {
		t.Errorf("link rectangle %v", internal["/Rect"])
	}
}

// TestImages: a PNG with alpha gets a soft mask, a grey one one channel,
// a JPEG goes in as it is; a file used twice is embedded once; a broken
// or missing file is an error that names it.
func TestImages(t *testing.T) {
	dir := t.TempDir()
	rgba := image.NewNRGBA(image.Rect(0, 0, 4, 3))
	gray := image.NewGray(image.Rect(0, 0, 5, 5))
	for i := range rgba.Pix {
		rgba.Pix[i] = byte(i * 7)
	}
	save := func(name string, enc func(*bytes.Buffer) error) string {
		var b bytes.Buffer
		if err := enc(&b); err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	alpha := save("alpha.png", func(b *bytes.Buffer) error { return png.Encode(b, rgba) })
	grey := save("grey.png", func(b *bytes.Buffer) error { return png.Encode(b, gray) })
	photo := image.NewYCbCr(image.Rect(0, 0, 16, 8), image.YCbCrSubsampleRatio420)
	jpg := save("photo.jpg", func(b *bytes.Buffer) error { return jpeg.Encode(b, photo, nil) })
	greyJPG := save("grey.jpg", func(b *bytes.Buffer) error { return jpeg.Encode(b, gray, nil) })

	img := func(path string) frame.Item {
		return frame.Item{Kind: frame.Image, X: 10 * units.Pt, Y: 10 * units.Pt, W: 40 * units.Pt, H: 30 * units.Pt, Path: path}
	}
	fs, err := font.Default()
	if err != nil {
		t.Fatal(err)
	}
	d := &frame.Document{Meta: doc.Meta{Title: "Images"}, Pages: []*frame.Page{
		{W: 200 * units.Pt, H: 200 * units.Pt, Items: []frame.Item{img(alpha), img(grey), img(jpg), img(greyJPG)}},
		{W: 200 * units.Pt, H: 200 * units.Pt, Items: []frame.Item{img(alpha), {Kind: frame.Text, X: 20 * units.Pt, Y: 100 * units.Pt, Face: font.Regular, Size: 10 * units.Pt, Text: "text"}}},
	}}
	pdfBytes := write(t, d, fs)
	file := writeFile(t, "images.pdf", pdfBytes)
	testtool.CheckPDF(t, file)
	out, err := exec.Command(testtool.Need(t, "pdfimages"), "-list", file).Output()
	if err != nil {
		t.Fatal(err)
	}
	// page num type width height color comp bpc enc interp object ...
	var rows []string
	for _, l := range strings.Split(strings.TrimSpace(string(out)), "\n")[2:] {
		f := strings.Fields(l)
		rows = append(rows, strings.Join([]string{f[0], f[2], f[3], f[4], f[5], f[6], f[8], f[10]}, " "))
	}
	want := []string{
		"1 image 4 3 rgb 3 image", "1 smask 4 3 gray 1 image",
		"1 image 5 5 gray 1 image", "1 image 16 8 rgb 3 jpeg", "1 image 5 5 gray 1 jpeg",
		"2 image 4 3 rgb 3 image", "2 smask 4 3 gray 1 image",
	}
	if len(rows) != len(want) {
		t.Fatalf("pdfimages -list:\n%s", out)
	}
	for i, w := range want {
		if !strings.HasPrefix(rows[i], w+" ") {
			t.Errorf("image %d: %q, want %q …", i, rows[i], w)
		}
	}
	// The PNG drawn on both pages is one object.
	if a, b := strings.Fields(rows[0]), strings.Fields(rows[5]); a[len(a)-1] != b[len(b)-1] {
		t.Errorf("the same file embedded twice: objects %s and %s", a[len(a)-1], b[len(b)-1])
	}

	bad := filepath.Join(dir, "notes.png")
	if err := os.WriteFile(bad, []byte("not an image"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{bad, filepath.Join(dir, "missing.png"), save("cut.png", func(b *bytes.Buffer) error {
		png.Encode(b, rgba)
		b.Truncate(b.Len() / 2)
		return nil
	})} {
		d := &frame.Document{Pages: []*frame.Page{{W: 100 * units.Pt, H: 100 * units.Pt, Items: []frame.Item{img(p)}}}}
		err := Write(&bytes.Buffer{}, d, fs, Options{})
		if err == nil || !strings.Contains(err.Error(), "image "+p) {
			t.Errorf("%s: error %v does not name the file", p, err)
		}
	}
}

// TestImageGrayPalette: a palette of greys goes in as one channel, a
// coloured palette as RGB.
func TestImageGrayPalette(t *testing.T) {
	greys := image.NewPaletted(image.Rect(0, 0, 2, 2), color.Palette{color.Gray{0}, color.Gray{200}})
	colours := image.NewPaletted(image.Rect(0, 0, 2, 2), color.Palette{color.RGBA{255, 0, 0, 255}, color.Gray{200}})
	if !isGray(greys) || isGray(colours) || isGray(image.NewRGBA(image.Rect(0, 0, 1, 1))) || !isGray(image.NewGray16(image.Rect(0, 0, 1, 1))) {
		t.Error("isGray")
	}
}
