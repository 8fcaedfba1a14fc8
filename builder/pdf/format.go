package pdf

import (
	"io"

	"github.com/pamphlet/pamphlet/builder/diag"
	"github.com/pamphlet/pamphlet/builder/laid"
)

// Format is the reader's PDF as one of the build's output formats
// (laid.Format). The booklet, the printer's PDF and the cover are made
// from the same pages by the builder's print stage.
type Format struct{}

// Name is "pdf".
func (Format) Name() string { return "pdf" }

// Write paints b's pages, in the archival standard its manifest asks
// for. It reports no diagnostics.
func (Format) Write(w io.Writer, b *laid.Book, _ *diag.List) error {
	// The manifest has checked pdf.standard against the same list.
	std, _ := ParseStandard(b.Manifest.Print.Standard)
	return Write(w, b.Doc, b.Fonts, Options{Created: b.Modified, Consume: b.Consume, Standard: std})
}
