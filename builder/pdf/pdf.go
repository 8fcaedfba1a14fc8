// Package pdf paints finished pages (a frame.Document) into a PDF. It
// makes no layout decisions: every word is drawn where the typesetter put
// it (the words of a line in one text object, those in one face in one
// TJ array, each aimed at its own position), so that text extracts in
// reading order with single spaces.
//
// The parts: document.go holds one PDF being written (page tree,
// metadata, catalog); content.go a content stream, with the
// marked-content hooks; text.go paints words as glyphs; fonts.go records
// the glyphs each face uses and writes its font (subset, /W, ToUnicode);
// images.go, outline.go and tags.go what their names say; print.go and
// impose.go the printer's PDF and the booklet; internal/obj the PDF
// syntax, the objects and the file's structure.
//
// The PDF is written by the package itself, object by object
// (internal/obj), not through a PDF library. Until December 2026 pages
// were painted with fpdf (codeberg.org/go-pdf/fpdf), vendored and
// patched; it was replaced because of what it could not do:
//
//   - Glyphs. fpdf draws text by Unicode code point through the font's
//     cmap, so what HarfBuzz shapes (ligatures, kerning pairs inside a
//     word, Indic conjuncts and reordered vowel signs, Arabic joining
//     forms, marks placed on their base) could not reach the page: Indic
//     and Arabic text was dropped. Here each word is font.Set.Shape's
//     glyph run, written as two-byte glyph IDs (Identity-H) with TJ
//     adjustments and text rise, and a ToUnicode map plus /ActualText
//     where the glyphs alone would not copy back as the source text.
//   - CFF fonts. fpdf embeds only TrueType outlines; OpenType fonts with
//     PostScript outlines (EB Garamond, Linux Libertine, Noto CJK) failed.
//     Here they go in as CIDFontType0 with a FontFile3 /CIDFontType0C.
//   - Tagging and standards. fpdf has no marked content, no structure
//     tree, no XMP metadata and no output intents, which PDF/UA-1, PDF/A
//     and PDF/X need. Here the reader's PDF is tagged from
//     frame.Document.Nodes (tags.go: one marked-content sequence per run
//     of a node's items, running heads and folios as artifacts), every
//     PDF has XMP metadata agreeing with /Info, Options.Standard adds
//     PDF/A-2u or -2a (an sRGB output intent) and the printer's PDF is
//     PDF/X-4 (standards.go; the profiles are in package icc).
//     check/pdfstd verifies what they claim on the finished file.
//
// fpdf also cost patches to be fast and deterministic enough: a zlib
// writer reused instead of one per stream (420 MB of allocation on
// Emerson's essays), a fast path for Text, page content freed once
// compressed, a text-line operator of our own, page boxes sorted after
// the fact because it wrote them in map order. None of that is needed
// here.
//
// Measured on Emerson's essays (the longest corpus book, 345 A5 pages,
// 134,720 words, 21,788 distinct), BenchmarkWrite with fpdf and with this
// writer run in turn ten times each on the same shared 2-core machine
// (go test -c, then -test.bench 'Write/emerson' -test.benchtime 10x;
// cpu-ns/op is the process's CPU time): fpdf 95–106 ms wall (min–median),
// 96–110 ms CPU, 36.7 MB and 44,800 allocations a write, a 1,355,253-byte
// PDF; this writer 70–117 ms wall, 113–127 ms CPU, 15.8 MB and 37,300
// allocations, 1,165,051 bytes. The wall time gains when the second core
// is free, as the streams are compressed beside the painting (see
// internal/obj); the CPU time is higher by what font.Set.Shape costs to
// find each distinct word's glyph run (about 1.5 µs each, some 30 ms),
// which fpdf did not need. Common Sense (60 pages): fpdf 36–44 ms, this
// writer 23–31 ms; 276,147 → 229,268 bytes.
//
// Tagging costs Emerson's essays, measured the same way with the writer
// before and after it alternating four times (go test -c of each, then
// -test.bench 'Write/emerson' -test.benchtime 10x): 105–124 ms CPU a
// write before, 114–138 ms after (medians 115 and 119 ms), 36,000 →
// 72,000 allocations, and 1,165,139 → 1,558,985 bytes: the structure
// tree and parent tree are some 300 KB of uncompressed objects (this
// writer has no object streams), the space glyphs and marked-content
// operators the rest.
//
// The output is deterministic: the same document, fonts and options give
// the same bytes.
package pdf

import (
	"fmt"
	"io"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/pamphlet/pamphlet/builder/font"
	"github.com/pamphlet/pamphlet/builder/frame"
	"github.com/pamphlet/pamphlet/builder/pdf/internal/obj"
	"github.com/pamphlet/pamphlet/builder/units"
)

// Options are the painter's settings.
type Options struct {
	// Created is the creation and modification date written into the
	// PDF; the caller chooses it (SOURCE_DATE_EPOCH, the manifest's date)
	// so that the same input gives the same bytes.
	Created time.Time
	// Untagged leaves the structure tree and the marked content out of
	// the reader's PDF (Write), which is otherwise tagged (PDF/UA-1)
	// when the document carries its structure (frame.Document.Nodes).
	Untagged bool
	// Standard is the archival standard the reader's PDF is written to,
	// besides PDF/UA: "" for none, PDFA2U or PDFA2A.
	Standard Standard
	// Consume lets Write drop each page's items once they are painted,
	// so that a long book's words are freed as they reach the PDF
	// instead of being held beside it; the pages keep their size, label
	// and anchors. Only a caller that needs the items no more sets it.
	Consume bool
}

// Write paints d into a PDF on w. The output is deterministic: the same
// document, fonts and options give the same bytes.
func Write(w io.Writer, d *frame.Document, fonts *font.Set, opts Options) error {
	doc, err := newDocument(w, d, fonts, opts)
	if err != nil {
		return err
	}
	defer doc.w.Abort() // after an error; a no-op once finished
	// Every page's number is known before any is written, so that links
	// and bookmarks can point forward.
	refs := make([]obj.Ref, len(d.Pages))
	for i := range refs {
		refs[i] = doc.w.Alloc()
	}
	type place struct {
		page int
		y    units.Sp
	}
	anchors := map[string]place{}
	for i, p := range d.Pages {
		for _, a := range p.Anchors {
			if _, dup := anchors[a.Name]; !dup {
				anchors[a.Name] = place{i, a.Y}
			}
		}
	}

	if !opts.Untagged {
		doc.tags = newStructure(d)
	}
	if opts.Standard == PDFA2A && doc.tags == nil {
		return fmt.Errorf("pdf: %s needs a tagged PDF, and the document has no structure", opts.Standard)
	}
	c := doc.newContent(0)
	for i, p := range d.Pages {
		c.reset(p.H)
		pg := page{ref: refs[i], w: pt(p.W), h: pt(p.H), structParents: doc.tags.nextPage(refs[i])}
		err := doc.paint(c, i, p, func(it frame.Item) {
			a := obj.Dict{
				"Type":    obj.Name("Annot"),
				"Subtype": obj.Name("Link"),
				"Rect":    obj.Rect(pt(it.X), pt(p.H-it.Y-it.H), pt(it.X+it.W), pt(p.H-it.Y)),
				"Border":  obj.Array{obj.Int(0), obj.Int(0), obj.Int(0)},
				"F":       obj.Int(4), // print the annotation (PDF/A wants it)
			}
			if it.URL != "" {
				a["A"] = obj.Dict{"S": obj.Name("URI"), "URI": obj.String(escapeURL(it.URL))}
			} else if pl, ok := anchors[it.Dest]; ok {
				a["Dest"] = dest(refs[pl.page], d.Pages[pl.page], pl.y)
			} else {
				return
			}
			ref := doc.w.Alloc()
			if doc.tags != nil {
				// Written at the end, with its Link's text.
				doc.tags.addAnnot(ref, it.Node, a)
			} else {
				doc.w.Write(ref, a)
			}
			pg.annots = append(pg.annots, ref)
		})
		if err != nil {
			return err
		}
		doc.addPage(pg, c)
		if opts.Consume {
			p.Items = nil
		}
	}
	return doc.finish(doc.outline(refs))
}

// dest is an explicit destination: page p at height y (frame
// coordinates), its left edge, the zoom left as it is.
func dest(ref obj.Ref, p *frame.Page, y units.Sp) obj.Array {
	return obj.Array{ref, obj.Name("XYZ"), obj.Int(0), obj.Real(pt(p.H - y)), obj.Null{}}
}

// paint draws p, the document's page idx, into c, handing its links to
// link (nil drops them: links do not follow transformations). Text items
// that follow one another on one baseline are painted as one text
// object. In a tagged document each item's content is marked as its
// node's, or as an artifact.
func (doc *document) paint(c *content, idx int, p *frame.Page, link func(frame.Item)) error {
	items := p.Items
	doc.page = idx
	tagged := doc.tags != nil
	if tagged {
		doc.band = bandOf(p)
	}
	for i := 0; i < len(items); i++ {
		it := items[i]
		switch it.Kind {
		case frame.Text:
			j := i + 1
			for j < len(items) && items[j].Kind == frame.Text && items[j].Y == it.Y {
				j++
			}
			line := items[i:j]
			// Words without text draw nothing; they are rare enough
			// that the line is copied only when it has one.
			for k := range line {
				if line[k].Text == "" {
					line = nonEmpty(line)
					break
				}
			}
			if len(line) > 0 {
				doc.textLine(c, line, items[j:])
			}
			i = j - 1
		case frame.Rule:
			if tagged {
				doc.setMark(c, markLayout, false)
			}
			c.fillRect(it.X, it.Y, it.W, it.H)
		case frame.Image:
			im, err := doc.image(it.Path)
			if err != nil {
				return fmt.Errorf("pdf: image %s: %w", it.Path, err)
			}
			if tagged {
				doc.setMark(c, doc.band.key(&it), false)
			}
			doc.transparent = doc.transparent || im.softMask
			if it.Flags&frame.Cover != 0 {
				c.save()
				c.clipRect(it.X.Points(), it.Y.Points(), it.W.Points(), it.H.Points())
				x, y, w, h := frame.CoverRect(it.X, it.Y, it.W, it.H, im.w, im.h)
				c.xobject(im.name, x, y, w, h)
				c.restore()
				break
			}
			c.xobject(im.name, it.X, it.Y, it.W, it.H)
		case frame.Link:
			if link != nil {
				link(it)
			}
		}
	}
	doc.endMark(c)
	c.closeMarks()
	return doc.w.Err()
}

// setMark makes key (a node, or an artifact key) what the content that
// follows is marked as: it ends the sequence open, unless it is key's
// already, and opens one for key, a node's with the next MCID. inText
// says the sequence opens inside a text object, where it must also end
// (textLine ends it before ET).
func (doc *document) setMark(c *content, key int32, inText bool) {
	if c.mark == key {
		return
	}
	doc.endMark(c)
	switch {
	case key > 0 && doc.tags.valid(key):
		mcid := c.beginTag(doc.d.Nodes[key].Role)
		doc.tags.mark(key, mcid)
	case key > 0:
		c.beginArtifactProps(artifactProps[markLayout]) // no such node
	default:
		c.beginArtifactProps(artifactProps[key])
	}
	c.mark, c.markInText = key, inText
}

// setMarkText opens a sequence of its own for one word of node key, with
// the word's /ActualText in its property list (a /Span with an MCID of
// key's); endMark ends it.
func (doc *document) setMarkText(c *content, key int32, actual string) {
	doc.endMark(c)
	if !doc.tags.valid(key) {
		doc.setMark(c, markLayout, true)
		return
	}
	// The tag is Span whatever the node's role: poppler (22.12) reads
	// /ActualText only in a Span's property list.
	c.b = append(c.b, "/Span <</ActualText "...)
	c.b = obj.AppendText(c.b, actual)
	c.b = append(c.b, " /MCID "...)
	c.b = strconv.AppendInt(c.b, int64(c.mcid), 10)
	c.op(">> BDC")
	doc.tags.mark(key, c.mcid)
	c.mcid++
	c.marks++
	c.mark, c.markInText = key, true
}

// endMark ends the sequence setMark opened, if one is open.
func (doc *document) endMark(c *content) {
	if c.mark != markNone {
		c.endMarked()
		c.mark, c.markInText = markNone, false
	}
}

func nonEmpty(items []frame.Item) []frame.Item {
	var out []frame.Item
	for _, it := range items {
		if it.Text != "" {
			out = append(out, it)
		}
	}
	return out
}

// escapeURL percent-encodes what a PDF URI must not hold raw (a URI
// action's string is 7-bit ASCII: no spaces, controls or non-ASCII),
// keeping a URL that is already encoded as it is.
func escapeURL(s string) string {
	if u, err := url.Parse(s); err == nil {
		s = u.String()
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if c := s[i]; c <= ' ' || c >= 0x7f {
			fmt.Fprintf(&b, "%%%02X", c)
		} else {
			b.WriteByte(c)
		}
	}
	return b.String()
}
