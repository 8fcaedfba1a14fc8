// Package transform runs the passes that turn parsed articles into a
// finished book model: heading ids, note numbering, link resolution and
// image resolution. Each pass is a function of the model alone (file
// system access goes through Options.Stat), so each can be tested apart.
//
// Diagnostic codes reported here:
//
//	A101  warning  two headings of an article have the same explicit id
//	A110  warning  reference to an undefined note
//	A111  warning  note defined but never referenced; it is dropped
//	A112  warning  note defined twice; the later definition is dropped
//	A120  warning  internal link resolves to no article or heading; its text is kept
//	A121  warning  link with a scheme other than http, https or mailto; its text is kept
//	A130  warning  remote image not fetched; its alt text is used
//	A131  error    local image file missing
//	A132  warning  image without alt text
//	A133  warning  image that is not a PNG, JPEG or GIF, or cannot be read; its alt text is used
//	A134  warning  image over MaxImagePixels; its alt text is used
//
// Ids: heading ids follow GitHub's slug rules, and ids of the form "fn",
// "fn-…" and "fnref…" are reserved for notes (a backend may name its
// note anchors "fn-3" and "fnref-3"): a heading whose slug would be one
// of them gets the prefix "s-" ("Fn" becomes "s-fn").
package transform

import (
	"github.com/pamphlet/pamphlet/builder/diag"
	"github.com/pamphlet/pamphlet/builder/doc"
	"io"
)

// Diagnostic codes; see the package comment.
const (
	codeDupID         = "A101"
	codeUndefinedNote = "A110"
	codeUnusedNote    = "A111"
	codeDupNote       = "A112"
	codeBrokenLink    = "A120"
	codeBadScheme     = "A121"
	codeRemoteImage   = "A130"
	codeMissingImage  = "A131"
	codeNoAlt         = "A132"
	codeBadImage      = "A133"
	codeHugeImage     = "A134"
)

// Options are the inputs of the passes beyond the book itself.
type Options struct {
	// Stat reports whether a file exists (and is a regular file) at an OS
	// path; injected for hermetic tests.
	Stat func(path string) error
	// Dirs[i] is the directory of article i's source (for resolving image
	// paths), as an OS path.
	Dirs []string
	// Open opens an image to read its header; nil skips that check (for
	// tests that fake the file system with Stat alone).
	Open func(path string) (io.ReadCloser, error)
}

// MaxImagePixels is the largest image, in pixels, a book may use: a
// larger one would make the PDF and EPUB writers allocate gigabytes.
const MaxImagePixels = 50_000_000

// Apply runs every pass over the book in order: heading ids, note
// numbering, link resolution, image resolution. It reports problems into
// diags.
func Apply(b *doc.Book, opts Options, diags *diag.List) {
	HeadingIDs(b, diags)
	NumberNotes(b, diags)
	ResolveLinks(b, diags)
	ResolveImages(b, opts, diags)
}

// articlePos is where to report a problem with an article as a whole.
func articlePos(a *doc.Article) doc.Pos {
	if a.At.File != "" {
		return a.At
	}
	return doc.Pos{File: a.Path}
}

// at returns n's position, falling back to the article's file when the
// node has none (nodes built by hand in tests, or by other readers).
func at(a *doc.Article, p doc.Pos) doc.Pos {
	if p.File == "" {
		p.File = a.Path
	}
	return p
}

// allBlocks calls f with the article's body and then each note's blocks.
func allBlocks(a *doc.Article, f func([]doc.Block)) {
	f(a.Blocks)
	for _, n := range a.Notes {
		f(n.Blocks)
	}
}
