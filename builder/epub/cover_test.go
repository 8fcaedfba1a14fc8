package epub

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"strings"
	"testing"

	"github.com/pamphlet/pamphlet/builder/doc"
)

func TestCover(t *testing.T) {
	b, _ := smallBook()
	// A given JPEG is used as it is.
	img := image.NewGray(image.Rect(0, 0, 20, 30))
	img.SetGray(3, 3, color.Gray{200})
	var jpg bytes.Buffer
	if err := jpeg.Encode(&jpg, img, nil); err != nil {
		t.Fatal(err)
	}
	data, diags := writeBook(t, b, Options{Cover: jpg.Bytes()})
	if diags.Len() != 0 {
		t.Errorf("diagnostics: %v", diags.Items())
	}
	_, files := unzip(t, data)
	if !bytes.Equal(files["OEBPS/images/cover.jpg"], jpg.Bytes()) {
		t.Error("the given cover is not OEBPS/images/cover.jpg byte for byte")
	}
	opf := string(files["OEBPS/content.opf"])
	for _, want := range []string{
		`<item id="cover-image" href="images/cover.jpg" media-type="image/jpeg" properties="cover-image"/>`,
		`<meta name="cover" content="cover-image"/>`,
		"<spine toc=\"ncx\">\n<itemref idref=\"cover\"/>\n<itemref idref=\"titlepage\"/>",
	} {
		if !strings.Contains(opf, want) {
			t.Errorf("content.opf lacks %q", want)
		}
	}
	page := string(files["OEBPS/cover.xhtml"])
	if !strings.Contains(page, `<img role="doc-cover" src="images/cover.jpg" alt="Cover: A Small Pamphlet: Being a Test; by Thomas Paine and Mary Wollstonecraft"/>`) {
		t.Errorf("cover.xhtml:\n%s", page)
	}
	if !strings.Contains(string(files["OEBPS/nav.xhtml"]), `<a epub:type="cover" href="cover.xhtml">Cover</a>`) {
		t.Error("no cover landmark")
	}

	// A broken one is reported and replaced by a drawn PNG.
	data, diags = writeBook(t, b, Options{Cover: []byte("GIF89a not really"), CoverAt: doc.Pos{File: "book.yaml", Line: 4}})
	if len(diags.Items()) != 1 || diags.Items()[0].Code != CodeCover || !strings.Contains(diags.Items()[0].String(), "book.yaml:4") {
		t.Errorf("diagnostics: %v", diags.Items())
	}
	_, files = unzip(t, data)
	if !bytes.HasPrefix(files["OEBPS/images/cover.png"], []byte("\x89PNG")) {
		t.Error("no drawn cover in place of a broken one")
	}

	// In German, the words around the cover are German.
	b.Meta.Lang = "de"
	data, _ = writeBook(t, b, Options{})
	_, files = unzip(t, data)
	if !strings.Contains(string(files["OEBPS/cover.xhtml"]), `alt="Umschlag: A Small Pamphlet`) {
		t.Errorf("German cover page:\n%s", files["OEBPS/cover.xhtml"])
	}

	data, _ = writeBook(t, b, Options{NoCover: true})
	names, files := unzip(t, data)
	for _, n := range names {
		if strings.Contains(n, "cover") {
			t.Errorf("NoCover wrote %s", n)
		}
	}
	if strings.Contains(string(files["OEBPS/content.opf"]), "cover") {
		t.Error("NoCover: content.opf mentions a cover")
	}
}

func TestEmptyHeaderCell(t *testing.T) {
	b := &doc.Book{Meta: doc.Meta{Title: "T"}, Articles: []*doc.Article{{ID: "a", Meta: doc.Meta{Title: "A"}, Blocks: []doc.Block{
		&doc.Table{Head: [][]*doc.Cell{{cell("Guns"), cell(" "), cell("Cost")}}, Rows: [][]*doc.Cell{{cell("1"), cell("2"), cell("3"), cell("4")}}},
	}}}}
	data, _ := writeBook(t, b, Options{NoCover: true})
	_, files := unzip(t, data)
	want := `<tr><th scope="col">Guns</th><td> </td><th scope="col">Cost</th><td></td></tr>`
	if got := string(files["OEBPS/text/a.xhtml"]); !strings.Contains(got, want) {
		t.Errorf("want %s in:\n%s", want, got)
	}
}
