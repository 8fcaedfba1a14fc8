package epub

import (
	"io"

	"github.com/pamphlet/pamphlet/builder/diag"
	"github.com/pamphlet/pamphlet/builder/laid"
)

// Format is the EPUB as one of the build's output formats (laid.Format):
// the transformed book, with the print edition's page starts for its
// page-list.
type Format struct{}

// Name is "epub".
func (Format) Name() string { return "epub" }

// Write writes the EPUB of b.
func (Format) Write(w io.Writer, b *laid.Book, diags *diag.List) error {
	m := b.Manifest
	return Write(w, b.Book, Options{
		Modified:   b.Modified,
		Identifier: b.Identifier,
		PageStarts: b.Doc.PageStarts,
		Cover:      b.Cover,
		CoverAt:    m.CoverPos,
		EmbedFonts: m.EPUB.EmbedFonts,
	}, diags)
}
