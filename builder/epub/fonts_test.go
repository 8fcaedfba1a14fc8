package epub

import (
	"bytes"
	"strings"
	"testing"

	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"github.com/pamphlet/pamphlet/fonts"
)

func TestEmbedFonts(t *testing.T) {
	b, _ := smallBook()
	data, _ := writeBook(t, b, Options{EmbedFonts: true, NoCover: true})
	again, _ := writeBook(t, b, Options{EmbedFonts: true, NoCover: true})
	if !bytes.Equal(data, again) {
		t.Fatal("two writes with embedded fonts differ")
	}
	_, files := unzip(t, data)
	opf, css := string(files["OEBPS/content.opf"]), string(files["OEBPS/css/epub.css"])
	for _, f := range embedded() {
		if !strings.Contains(opf, `href="fonts/`+f.File+`" media-type="font/ttf"/>`) {
			t.Errorf("content.opf lacks the item for %s", f.File)
		}
		if !strings.Contains(css, `src: url("../fonts/`+f.File+`");`) {
			t.Errorf("epub.css lacks the @font-face of %s", f.File)
		}
		whole, _ := fonts.FS.ReadFile(f.File)
		sub := files["OEBPS/fonts/"+f.File]
		if len(sub) == 0 || len(sub) >= len(whole) {
			t.Errorf("%s: %d bytes embedded, %d whole: not subset", f.File, len(sub), len(whole))
		}
	}
	if !strings.Contains(css, `font-family: "Charis SIL", "Gentium Plus", serif;`) {
		t.Error("the body is not set in Charis SIL")
	}

	// The subset keeps the outlines of what the book says ("Tyranny",
	// "’") and drops the rest (Cyrillic) from its cmap, so that a reader
	// takes those characters from another font; it stays a font that
	// parses.
	f, err := sfnt.Parse(files["OEBPS/fonts/"+fonts.SerifRegular])
	if err != nil {
		t.Fatalf("the subset Charis does not parse: %v", err)
	}
	var buf sfnt.Buffer
	segments := func(r rune) int {
		gi, err := f.GlyphIndex(&buf, r)
		if err != nil || gi == 0 {
			t.Fatalf("%q: no glyph (%v)", r, err)
		}
		segs, err := f.LoadGlyph(&buf, gi, fixed.I(12), nil)
		if err != nil {
			t.Fatalf("%q: %v", r, err)
		}
		return len(segs)
	}
	for _, r := range "Ty’" {
		if segments(r) == 0 {
			t.Errorf("%q lost its outline", r)
		}
	}
	if gi, err := f.GlyphIndex(&buf, 'Ж'); err != nil || gi != 0 {
		t.Errorf("Ж, which the book does not use, still maps to glyph %d (%v)", gi, err)
	}

	// Without the option, no fonts.
	data, _ = writeBook(t, b, Options{NoCover: true})
	_, files = unzip(t, data)
	if strings.Contains(string(files["OEBPS/content.opf"]), "font/ttf") || strings.Contains(string(files["OEBPS/css/epub.css"]), "@font-face") {
		t.Error("fonts embedded without EmbedFonts")
	}
}
