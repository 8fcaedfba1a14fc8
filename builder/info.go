package builder

import (
	"strings"
	"time"

	"github.com/pamphlet/pamphlet/builder/doc"
	"github.com/pamphlet/pamphlet/builder/manifest"
)

// Info is what a catalogue of built books (pamphlet library's site and
// OPDS feeds) needs to know about one book, as the build saw it: the
// manifest's metadata with its defaults applied, and the articles' titles
// after the manifest's overrides.
type Info struct {
	Title    string
	Subtitle string
	Authors  []string
	// Language is a BCP 47 tag; "en" when the manifest gives none.
	Language    string
	Date        string // as the manifest gives it: YYYY, YYYY-MM or YYYY-MM-DD
	Publisher   string
	Description string
	Rights      string
	Subjects    []string
	// Identifier is the EPUB's identifier: the manifest's, or the UUID
	// derived from title and authors.
	Identifier string
	// Contents lists the articles' titles in reading order.
	Contents []string
	// Cover is the cover image the manifest names (a path); empty when
	// the EPUB's cover is drawn from the text (see builder/cover).
	Cover string
	// Modified is the date stamped into the outputs.
	Modified time.Time
}

// describe gathers the Info of a parsed book.
func describe(m *manifest.Manifest, book *doc.Book, modified time.Time) Info {
	in := Info{
		Title:       m.Title,
		Subtitle:    m.Subtitle,
		Authors:     m.Authors,
		Language:    m.Language,
		Date:        m.Date,
		Publisher:   m.Publisher,
		Description: m.Description,
		Rights:      m.Rights,
		Subjects:    m.Subjects,
		Identifier:  identifier(m),
		Cover:       m.Cover,
		Modified:    modified,
	}
	for _, a := range book.Articles {
		in.Contents = append(in.Contents, strings.TrimSpace(a.Meta.Title))
	}
	return in
}
