package epub

import (
	"fmt"
	"strings"

	"github.com/pamphlet/pamphlet/builder/font"
	"github.com/pamphlet/pamphlet/fonts"
)

// embedded returns the faces to embed, those the PDF is set in: Charis
// SIL in four styles, Gentium Plus for what Charis lacks (Emerson's
// Greek), and DejaVu Sans Mono for code (fonts.Roles and FallbackFace).
func embedded() []fonts.Face {
	r := fonts.Roles()
	return []fonts.Face{r[0], r[1], r[2], r[3], fonts.FallbackFace(), r[4]}
}

// fontMediaType is the media type of TrueType fonts in EPUB 3.2 and 3.3
// (RFC 8081).
const fontMediaType = "font/ttf"

// planFonts reads the faces to embed, when Options.EmbedFonts asks for
// them. The fonts carry their copyright and licence (SIL Open Font
// Licence, Bitstream Vera) in their name tables, which is how the
// licences allow them to travel inside a document. Each is cut down to
// what texts (every file the reader renders) need, by builder/font.
func (p *pub) planFonts(texts []string) error {
	if !p.opts.EmbedFonts {
		return nil
	}
	for i, f := range embedded() {
		data, err := fonts.FS.ReadFile(f.File)
		if err != nil {
			return fmt.Errorf("epub: reading font %s: %w", f.File, err)
		}
		data, err = font.ReaderSubset(f.File, data, texts...)
		if err != nil {
			return fmt.Errorf("epub: %w", err)
		}
		// The style sheet sits in css/, the fonts in fonts/.
		p.fonts = append(p.fonts, &picture{
			file:      "fonts/" + f.File,
			itemID:    fmt.Sprintf("font-%d", i+1),
			mediaType: fontMediaType,
			data:      data,
		})
	}
	return nil
}

// fontCSS is what the style sheet gets when the fonts are embedded: the
// @font-face rules and the families, with the generic families behind
// them so that a reading system that ignores embedded fonts, or a reader
// who picks another face, still gets a serif.
func (p *pub) fontCSS() string {
	if len(p.fonts) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString("\n/* The book's own faces, embedded (epub: {embed-fonts: true}). */\n")
	for i, f := range embedded() {
		style, weight := "normal", "normal"
		if f.Italic {
			style = "italic"
		}
		if f.Bold {
			weight = "bold"
		}
		fmt.Fprintf(&b, "@font-face {\n\tfont-family: %q;\n\tfont-style: %s;\n\tfont-weight: %s;\n\tsrc: url(%q);\n}\n\n",
			f.Family, style, weight, "../"+p.fonts[i].file)
	}
	b.WriteString("body {\n\tfont-family: \"Charis SIL\", \"Gentium Plus\", serif;\n}\n\n")
	b.WriteString("code, pre {\n\tfont-family: \"DejaVu Sans Mono\", monospace;\n}\n")
	return b.String()
}
