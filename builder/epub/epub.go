// Package epub writes a doc.Book as an EPUB 3 publication (with an EPUB 2
// NCX for older reading systems).
//
// The package writes the package document, the navigation document, the
// NCX and the zip container itself, with archive/zip and careful escaping,
// instead of using github.com/go-shiori/go-epub. That library cannot set
// dcterms:modified, several authors, a publisher, accessibility metadata,
// landmarks, a page-list or a navigation document in the book's language,
// and it cannot write deterministically (it uses a random UUID, map order
// and time.Now). A pamphlet EPUB must be byte-identical for identical input
// and must pass EPUBCheck with no warnings, so the few hundred lines of XML
// are better owned here.
//
// The publication holds, in reading order: a cover (the manifest's image,
// or one builder/cover draws from the title), a title page, a contents
// page, one XHTML file per article (its notes at the end of the file) and
// a copyright page. The title page, contents and copyright page are the
// book's front matter (doc.Book.Front, made by builder/front in the book's
// language); the writer adds their markup and the contents' links, and
// takes the words of its navigation (landmarks, page-list, notes) from
// layouts/lang. Every text is escaped; images are embedded (PNG, JPEG
// and GIF only) and nothing remote is ever referenced. With EmbedFonts
// the book's own faces travel along, subset by builder/font.
//
// Right-to-left text (Arabic, Persian, Urdu, Hebrew and every language
// or script tag written so; see langDir) is marked, never guessed by the
// reader: a right-to-left book's package says dir="rtl" and its spine
// page-progression-direction="rtl", each right-to-left file says dir="rtl"
// on its root, contents entries and the book's own words in an article of
// another language carry their lang and dir, and a paragraph, heading or
// list item whose strong characters mostly run the other way than its
// file carries its own dir (see dirCounter). An article that names no
// language but opens with a right-to-left paragraph is set right to left.
// The style sheet's only side-bound rules (list indents) follow dir.
//
// The output is held to EPUBCheck 4.2.6, epubcheck-ts and Ace by DAISY
// with no findings, for the sample and every corpus book, by the tests of
// builder/epub/epubtest.
package epub

import (
	"archive/zip"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"strings"
	"time"

	"github.com/pamphlet/pamphlet/builder/diag"
	"github.com/pamphlet/pamphlet/builder/doc"
	"github.com/pamphlet/pamphlet/internal/inputfile"
	"github.com/pamphlet/pamphlet/layouts"

	"github.com/pamphlet/pamphlet/internal/ident"
)

// Options are the inputs of Write besides the book.
type Options struct {
	// Modified is dcterms:modified and the time of every zip entry. The
	// builder computes it (SOURCE_DATE_EPOCH, the manifest's date or a
	// fixed epoch); the zero time means 1980-01-01, the zip format's
	// earliest.
	Modified time.Time
	// Identifier is the publication's unique identifier, such as
	// "urn:uuid:…". Empty means the book's Meta.Identifier, else one
	// derived from the title and authors.
	Identifier string
	// CSS is the style sheet; nil means the embedded layouts/epub.css.
	CSS []byte
	// ReadFile reads images by doc.Image.Path; nil means os.ReadFile.
	ReadFile func(path string) ([]byte, error)
	// PageStarts are the print edition's page starts, for the page-list;
	// empty means no page-list.
	PageStarts []doc.PageStart
	// Cover is the cover image, PNG or JPEG bytes (the manifest's
	// cover); nil means a cover drawn from the title, subtitle and
	// authors by builder/cover. CoverAt locates it for diagnostics.
	Cover   []byte
	CoverAt diag.Pos
	// EmbedFonts embeds the book's faces (Charis SIL, Gentium Plus,
	// DejaVu Sans Mono), cut down to the characters the book uses, and
	// names them in the style sheet.
	EmbedFonts bool
	// NoCover leaves the cover out altogether (for tests of other
	// things; every real book has one).
	NoCover bool
}

// Diagnostic codes this package reports, all warnings: the EPUB is still
// written, with the text in place of what could not be used.
const (
	CodeImageRead      = "E001" // an image file cannot be read
	CodeImageFormat    = "E002" // an image is damaged or not PNG, JPEG or GIF
	CodeImageAlt       = "E003" // an image has no alternative text
	CodeLinkArticle    = "E010" // an internal link names an unknown article
	CodeLinkTarget     = "E011" // an internal link names an unknown anchor
	CodeLinkScheme     = "E012" // a link is neither internal nor http(s)/mailto
	CodeNoteMissing    = "E020" // a note reference has no note
	CodeNoteUnnumbered = "E021" // a note has no number
	CodePageStart      = "E030" // a page start names no place in the book
	CodeLang           = "E040" // a language tag is malformed
	CodeDate           = "E041" // a date is not YYYY[-MM[-DD]]
	CodeTitle          = "E050" // the book has no title
)

// The files of the publication, relative to the OEBPS folder.
const (
	fileTitle    = "titlepage.xhtml"
	fileContents = "contents.xhtml"
	fileColophon = "colophon.xhtml"
	fileNav      = "nav.xhtml"
	fileNCX      = "toc.ncx"
	fileOPF      = "content.opf"
	fileCSS      = "css/epub.css"
)

// errNoFront is Write's error for a book whose front matter was never
// made: the EPUB prints no words of its own.
var errNoFront = errors.New("epub: the book has no front matter (a title page, contents and colophon): builder/front's Make makes it")

// Write writes the EPUB of b to w. Problems in content are reported into
// diags; the error is for I/O and for content it cannot write at all.
func Write(w io.Writer, b *doc.Book, opts Options, diags *diag.List) error {
	if b == nil {
		return errors.New("epub: no book")
	}
	if diags == nil {
		diags = &diag.List{}
	}
	p, err := newPub(b, opts, diags)
	if err != nil {
		return err
	}
	if err := p.planCover(); err != nil {
		return err
	}
	files, err := p.build()
	if err != nil {
		return err
	}
	return writeZip(w, files, p.modified)
}

// entry is one file of the container.
type entry struct {
	name string // path in the zip
	data []byte
}

// build renders every file, in the order they go into the zip.
func (p *pub) build() ([]entry, error) {
	// The text files come first: the package document lists the images
	// they use, and the fonts keep the characters they contain.
	var texts []entry
	if p.cover != nil {
		texts = append(texts, entry{"OEBPS/" + fileCover, []byte(p.renderCover())})
	}
	texts = append(texts,
		entry{"OEBPS/" + fileTitle, []byte(p.renderTitlePage())},
		entry{"OEBPS/" + fileContents, []byte(p.renderContents())})
	for _, a := range p.arts {
		texts = append(texts, entry{"OEBPS/" + a.file, []byte(p.renderArticle(a))})
	}
	texts = append(texts, entry{"OEBPS/" + fileColophon, []byte(p.renderColophon())})
	nav := entry{"OEBPS/" + fileNav, []byte(p.renderNav())}
	ncx := entry{"OEBPS/" + fileNCX, []byte(p.renderNCX())}
	if p.opts.EmbedFonts {
		all := []string{string(nav.data), string(ncx.data)}
		for _, t := range texts {
			all = append(all, string(t.data))
		}
		if err := p.planFonts(all); err != nil {
			return nil, err
		}
	}
	css := p.opts.CSS
	if css == nil {
		var err error
		css, err = layouts.FS.ReadFile("epub.css")
		if err != nil {
			return nil, fmt.Errorf("epub: reading the style sheet: %w", err)
		}
	}
	if fc := p.fontCSS(); fc != "" {
		css = append(append([]byte(nil), css...), fc...)
	}
	files := []entry{
		{"mimetype", []byte("application/epub+zip")},
		{"META-INF/container.xml", []byte(containerXML)},
		{"OEBPS/" + fileOPF, []byte(p.renderOPF())},
		nav,
		ncx,
		{"OEBPS/" + fileCSS, css},
	}
	files = append(files, texts...)
	if p.cover != nil {
		files = append(files, entry{"OEBPS/" + p.cover.file, p.cover.data})
	}
	for _, img := range p.images {
		files = append(files, entry{"OEBPS/" + img.file, img.data})
	}
	for _, f := range p.fonts {
		files = append(files, entry{"OEBPS/" + f.file, f.data})
	}
	return files, nil
}

const containerXML = `<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles>
    <rootfile full-path="OEBPS/` + fileOPF + `" media-type="application/oebps-package+xml"/>
  </rootfiles>
</container>
`

// zipEpoch is the earliest time a zip entry can carry.
var zipEpoch = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)

// writeZip writes the container: mimetype first and stored, as OCF
// requires, every other entry deflated. Entry times are set in the MS-DOS
// fields only (Modified stays zero), so archive/zip adds no extra field
// and the bytes do not depend on the time zone.
func writeZip(w io.Writer, files []entry, modified time.Time) error {
	zw := zip.NewWriter(w)
	date, tm := msDosTime(modified)
	for i, f := range files {
		fh := &zip.FileHeader{
			Name:         f.name,
			ModifiedDate: date,
			ModifiedTime: tm,
		}
		fh.SetMode(0o644)
		if i == 0 {
			// CreateRaw writes the sizes in the local header and no
			// data descriptor, so "mimetype" sits at a fixed offset.
			fh.Method = zip.Store
			fh.CRC32 = crc32.ChecksumIEEE(f.data)
			fh.CompressedSize64 = uint64(len(f.data))
			fh.UncompressedSize64 = uint64(len(f.data))
			fh.ExternalAttrs = 0
			fh.CreatorVersion = 0
			ew, err := zw.CreateRaw(fh)
			if err != nil {
				return fmt.Errorf("epub: writing %s: %w", f.name, err)
			}
			if _, err := ew.Write(f.data); err != nil {
				return fmt.Errorf("epub: writing %s: %w", f.name, err)
			}
			continue
		}
		fh.Method = zip.Deflate
		ew, err := zw.CreateHeader(fh)
		if err != nil {
			return fmt.Errorf("epub: writing %s: %w", f.name, err)
		}
		if _, err := ew.Write(f.data); err != nil {
			return fmt.Errorf("epub: writing %s: %w", f.name, err)
		}
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("epub: finishing the zip: %w", err)
	}
	return nil
}

// msDosTime converts t (in UTC) to the zip format's date and time fields.
func msDosTime(t time.Time) (date, tm uint16) {
	t = t.UTC()
	if t.Before(zipEpoch) {
		t = zipEpoch
	}
	if t.Year() > 2107 {
		t = time.Date(2107, 12, 31, 23, 59, 58, 0, time.UTC)
	}
	date = uint16(t.Day() + int(t.Month())<<5 + (t.Year()-1980)<<9)
	tm = uint16(t.Second()/2 + t.Minute()<<5 + t.Hour()<<11)
	return date, tm
}

// deriveIdentifier makes a stable urn:uuid from the title and authors
// (internal/ident's UUID, which the builder gives books without an
// identifier too), so a book without one keeps the same one from build to
// build.
func deriveIdentifier(m doc.Meta) string {
	return ident.UUID(m.Title + "\x00" + strings.Join(m.Authors, "\x00"))
}

// readFile returns the configured file reader.
func (p *pub) readFile(path string) ([]byte, error) {
	if p.opts.ReadFile != nil {
		return p.opts.ReadFile(path)
	}
	return inputfile.Read(path, inputfile.MaxImageBytes)
}
