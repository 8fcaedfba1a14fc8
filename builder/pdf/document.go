package pdf

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/pamphlet/pamphlet/builder/font"
	"github.com/pamphlet/pamphlet/builder/frame"
	"github.com/pamphlet/pamphlet/builder/pdf/internal/obj"
	"github.com/pamphlet/pamphlet/builder/units"
	"github.com/pamphlet/pamphlet/icc"
)

// document is one PDF being written: the object writer, the page tree,
// and the fonts and images the pages use. Every PDF this package writes
// (reader's, printer's, booklet) goes through one, so that they agree on
// metadata, fonts and images.
type document struct {
	w     *obj.Writer
	d     *frame.Document
	fonts *font.Set
	opts  Options

	catalog, info, pageTree obj.Ref
	// resources is the one resource dictionary that every page and form
	// shares, written at the end when every font and image is known.
	resources obj.Ref
	kids      []obj.Ref

	faces  []*faceUse // by face; nil until the face paints a glyph
	images map[string]*imageObj
	imgs   []*imageObj // in order of first use
	forms  []formObj   // booklet pages, in order of first use

	// tags gathers the structure tree of a tagged PDF (see tags.go); nil
	// when the PDF is not tagged.
	tags *structure
	// page is the index of the page being painted, band the extent of
	// its tagged content (see pageBand).
	page int
	band pageBand
	// lineWords holds a line's painted words, reused from line to line.
	lineWords []paintedWord
	// transparent is set while a page paints a soft-masked image: the
	// page gets a transparency group with a blending colour space.
	transparent bool

	kind kind
	// condition is the printer's PDF's printing condition (PDF/X).
	condition icc.Condition
	srgb      obj.Ref // the ICC-based sRGB profile, once written
}

// newDocument starts a PDF for d on out.
func newDocument(out io.Writer, d *frame.Document, fonts *font.Set, opts Options) (*document, error) {
	if len(d.Pages) == 0 {
		return nil, fmt.Errorf("pdf: the document has no pages")
	}
	w := obj.NewWriter(out)
	doc := &document{w: w, d: d, fonts: fonts, opts: opts, images: map[string]*imageObj{}}
	doc.catalog, doc.info, doc.pageTree, doc.resources = w.Alloc(), w.Alloc(), w.Alloc(), w.Alloc()
	return doc, nil
}

// newContent returns an empty content stream for a page or form of
// height h.
func (doc *document) newContent(h units.Sp) *content {
	return &content{h: h, face: noFace, mark: markNone}
}

// page is one page dictionary to be written.
type page struct {
	ref           obj.Ref
	w, h          float64 // media box, points
	trim, bleed   obj.Array
	annots        obj.Array
	structParents int // -1: none (see tags.go)
}

// blendSpace is the blending colour space of transparency groups: the
// output intent's family, RGB for the reader, CMYK for the printer.
func (doc *document) blendSpace() obj.Name {
	if doc.kind == printPDF {
		return "DeviceCMYK"
	}
	return "DeviceRGB"
}

// addPage writes c as the content of page pg and the page itself.
func (doc *document) addPage(pg page, c *content) {
	if pg.ref == 0 {
		pg.ref = doc.w.Alloc()
	}
	contents := doc.w.Alloc()
	doc.w.Stream(contents, nil, c.b, true)
	d := obj.Dict{
		"Type":      obj.Name("Page"),
		"Parent":    doc.pageTree,
		"MediaBox":  obj.Rect(0, 0, pg.w, pg.h),
		"Resources": doc.resources,
		"Contents":  contents,
	}
	if pg.trim != nil {
		d["TrimBox"] = pg.trim
	}
	if pg.bleed != nil {
		d["BleedBox"] = pg.bleed
	}
	if len(pg.annots) > 0 {
		d["Annots"] = pg.annots
		if doc.tags != nil {
			d["Tabs"] = obj.Name("S") // in the structure's order
		}
	}
	if doc.transparent {
		d["Group"] = obj.Dict{"Type": obj.Name("Group"), "S": obj.Name("Transparency"), "CS": doc.blendSpace()}
		doc.transparent = false
	}
	if pg.structParents >= 0 {
		d["StructParents"] = obj.Int(pg.structParents)
	}
	doc.w.Write(pg.ref, d)
	doc.kids = append(doc.kids, pg.ref)
}

// finish writes the fonts, the resource dictionary, the page tree, the
// information dictionary and the catalog (pointing at outline when it is
// not 0), and closes the file.
func (doc *document) finish(outline obj.Ref) error {
	fonts, err := doc.writeFonts()
	if err != nil {
		return err
	}
	res := obj.Dict{}
	if len(fonts) > 0 {
		res["Font"] = fonts
	}
	xo := obj.Dict{}
	for _, im := range doc.imgs {
		xo[obj.Name(im.name)] = im.ref
	}
	for _, f := range doc.forms {
		xo[obj.Name(f.name)] = f.ref
	}
	if len(xo) > 0 {
		res["XObject"] = xo
	}
	doc.w.Write(doc.resources, res)

	kids := make(obj.Array, len(doc.kids))
	for i, k := range doc.kids {
		kids[i] = k
	}
	doc.w.Write(doc.pageTree, obj.Dict{"Type": obj.Name("Pages"), "Kids": kids, "Count": obj.Int(len(kids))})

	// The information dictionary and the XMP metadata say the same, in
	// the same words (PDF/A asks it).
	m := doc.d.Meta
	info := obj.Dict{
		"Creator":  obj.Text(ProducerName),
		"Producer": obj.Text(ProducerName),
	}
	if m.Title != "" {
		info["Title"] = obj.Text(m.Title)
	}
	if len(m.Authors) > 0 {
		info["Author"] = obj.Text(strings.Join(m.Authors, ", "))
	}
	if s := infoSubject(m); s != "" {
		info["Subject"] = obj.Text(s)
	}
	if len(m.Subjects) > 0 {
		info["Keywords"] = obj.Text(strings.Join(m.Subjects, ", "))
	}
	date := obj.String(pdfDate(doc.opts.Created))
	info["CreationDate"], info["ModDate"] = date, date
	claims := xmpClaims{}
	var intents obj.Array
	switch doc.kind {
	case readerPDF:
		claims.ua = doc.tags != nil
		claims.pdfa = doc.opts.Standard.conformance()
		if claims.pdfa != "" {
			intents = append(intents, doc.outputIntent("GTS_PDFA1", srgbCondition))
		}
	case printPDF:
		claims.pdfx = true
		info["GTS_PDFXVersion"] = obj.String("PDF/X-4")
		info["Trapped"] = obj.Name("False")
		intents = append(intents, doc.outputIntent("GTS_PDFX", doc.condition))
	}
	doc.w.Write(doc.info, info)
	meta := doc.w.Alloc()
	// Uncompressed, so that tools that do not parse PDF find it.
	doc.w.Stream(meta, obj.Dict{"Type": obj.Name("Metadata"), "Subtype": obj.Name("XML")}, xmp(m, doc.opts.Created, claims), false)

	prefs := obj.Dict{"DisplayDocTitle": obj.Bool(true)}
	if doc.d.RTL {
		// A book read right to left: viewers lay its spreads out so.
		prefs["Direction"] = obj.Name("R2L")
	}
	cat := obj.Dict{
		"Type":              obj.Name("Catalog"),
		"Pages":             doc.pageTree,
		"ViewerPreferences": prefs,
		"Metadata":          meta,
	}
	if len(intents) > 0 {
		cat["OutputIntents"] = intents
	}
	if m.Lang != "" {
		cat["Lang"] = obj.Text(m.Lang)
	}
	if outline != 0 {
		cat["Outlines"] = outline
		cat["PageMode"] = obj.Name("UseOutlines")
	}
	doc.tags.addToCatalog(doc.w, cat)
	doc.w.Write(doc.catalog, cat)
	if err := doc.w.Close(doc.catalog, doc.info); err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	return nil
}

// pdfDate formats t as a PDF date in UTC, D:YYYYMMDDHHmmSS+00'00'. The
// zero time, which a caller that sets no date passes, is written as it
// is (year 1), which no reader mistakes for a real date.
func pdfDate(t time.Time) string {
	t = t.UTC()
	// A PDF date has four digits for the year.
	year := max(0, min(t.Year(), 9999))
	return fmt.Sprintf("D:%04d%02d%02d%02d%02d%02d+00'00'", year, t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second())
}

// pt returns s in points.
func pt(s units.Sp) float64 { return s.Points() }
