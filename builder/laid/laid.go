// Package laid holds a laid-out book: everything a build makes its
// outputs from, once the articles are parsed and transformed and the
// print edition is typeset, and Format, the one interface every output
// format's writer has (builder/pdf and builder/epub each provide one;
// builder lists them, so that a new format is a new package and a line
// in that list).
//
// A dry run (builder.Options.DryRun) hands the laid-out book to the
// tools that inspect a book without writing it: the preflight
// (builder/check), which is given it rather than running the build
// itself, and the preview.
package laid

import (
	"io"
	"time"

	"github.com/pamphlet/pamphlet/builder/diag"
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

	// What the build works out for every format before writing (unset
	// in a dry run):
	// Modified is the date stamped into the outputs.
	Modified time.Time
	// Identifier is the book's identifier: the manifest's, or a UUID of
	// its title and authors.
	Identifier string
	// Cover is the EPUB's cover image (PNG or JPEG): the manifest's, or
	// one drawn from the print cover's front.
	Cover []byte
	// Consume lets the one writer that reads Doc's pages free each page
	// once written: no booklet or printer's PDF reads them after it.
	Consume bool
}

// Format writes one output format of a laid-out book.
type Format interface {
	// Name is the format's name and its file's extension: "pdf", "epub".
	Name() string
	// Write writes b to w. Problems in the content are reported into
	// diags, a list of the writer's own (writers run side by side); the
	// error is for what it cannot write at all.
	Write(w io.Writer, b *Book, diags *diag.List) error
}
