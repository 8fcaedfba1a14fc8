// Package laid holds a laid-out book: everything a build makes its
// outputs from, once the articles are parsed and transformed and the
// print edition is typeset. A dry run (builder.Options.DryRun) hands it to
// the tools that inspect a book without writing it: the preflight
// (builder/check), which is given it rather than running the build
// itself, and the preview.
package laid

import (
	"github.com/pamphlet/pamphlet/builder/doc"
	"github.com/pamphlet/pamphlet/builder/font"
	"github.com/pamphlet/pamphlet/builder/frame"
	"github.com/pamphlet/pamphlet/builder/manifest"
	"github.com/pamphlet/pamphlet/builder/style"
)

// Book is a laid-out book.
type Book struct {
	Manifest *manifest.Manifest
	// Book is the book after the transforms.
	Book  *doc.Book
	Style *style.Style
	Fonts *font.Set
	// Doc is the finished print layout.
	Doc *frame.Document
}
