package builder

import (
	"github.com/pamphlet/pamphlet/builder/doc"
	"github.com/pamphlet/pamphlet/builder/font"
	"github.com/pamphlet/pamphlet/builder/frame"
	"github.com/pamphlet/pamphlet/builder/manifest"
	"github.com/pamphlet/pamphlet/builder/style"
)

// Laid is what a dry run leaves behind: everything the outputs would be
// made from, for tools that inspect a book (the preflight, the preview)
// without writing it.
type Laid struct {
	Manifest *manifest.Manifest
	// Book is the book after the transforms.
	Book  *doc.Book
	Style *style.Style
	Fonts *font.Set
	// Doc is the finished print layout.
	Doc *frame.Document
}
