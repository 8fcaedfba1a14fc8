package pdf

import (
	"crypto/sha256"
	"encoding/xml"
	"fmt"
	"strings"
	"time"

	"github.com/pamphlet/pamphlet/builder/doc"
	"github.com/pamphlet/pamphlet/builder/pdf/internal/obj"
	"github.com/pamphlet/pamphlet/icc"
)

// Standard is an archival standard the reader's PDF may be written to.
type Standard string

// The standards Options.Standard accepts.
const (
	// PDFA2U is PDF/A-2 level u: the archival rules (an sRGB output
	// intent, embedded fonts, XMP identification) and Unicode for all
	// text.
	PDFA2U Standard = "pdf/a-2u"
	// PDFA2A is PDF/A-2 level a: PDFA2U and a tagged PDF.
	PDFA2A Standard = "pdf/a-2a"
)

// Standards lists the values of Standard, for messages.
var Standards = []Standard{PDFA2U, PDFA2A}

// ParseStandard returns the standard named s (any case; "" and "none"
// mean none).
func ParseStandard(s string) (Standard, error) {
	switch st := Standard(strings.ToLower(strings.TrimSpace(s))); st {
	case "", "none":
		return "", nil
	case PDFA2U, PDFA2A:
		return st, nil
	}
	return "", fmt.Errorf("unknown PDF standard %q (known: none, %s, %s)", s, PDFA2U, PDFA2A)
}

// conformance is the PDF/A conformance level of st: "U", "A" or "".
func (st Standard) conformance() string {
	switch st {
	case PDFA2U:
		return "U"
	case PDFA2A:
		return "A"
	}
	return ""
}

// kind says which of the package's PDFs a document is, for what it
// claims.
type kind uint8

const (
	readerPDF  kind = iota // Write: tagged (PDF/UA-1), maybe PDF/A-2
	printPDF               // WritePrint: PDF/X-4
	bookletPDF             // WriteBooklet: no standard
)

// ProducerName is what the PDFs name as their creator and producer.
const ProducerName = "pamphlet"

// infoSubject is the /Subject of the information dictionary and XMP's
// dc:description: the description, else the subtitle.
func infoSubject(m doc.Meta) string {
	if m.Description != "" {
		return m.Description
	}
	return m.Subtitle
}

// xmpDate formats t as XMP (ISO 8601) writes it, in UTC, to the second:
// the same instant as pdfDate's.
func xmpDate(t time.Time) string {
	t = t.UTC()
	year := max(0, min(t.Year(), 9999))
	return fmt.Sprintf("%04d-%02d-%02dT%02d:%02d:%02dZ", year, t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second())
}

// xmpClaims are the standards an XMP packet declares.
type xmpClaims struct {
	ua   bool   // pdfuaid:part 1
	pdfa string // pdfaid conformance, "" for none
	pdfx bool   // pdfxid:GTS_PDFXVersion PDF/X-4
}

// xmp returns the XMP metadata packet of a PDF with metadata m, dated
// created, declaring claims. It says what the information dictionary
// says, in the same words.
func xmp(m doc.Meta, created time.Time, claims xmpClaims) []byte {
	var b strings.Builder
	esc := func(s string) string {
		var e strings.Builder
		xml.EscapeText(&e, []byte(s))
		return e.String()
	}
	lang := m.Lang
	alt := func(name, v string) {
		fmt.Fprintf(&b, "   <%s><rdf:Alt><rdf:li xml:lang=\"x-default\">%s</rdf:li>", name, esc(v))
		if lang != "" {
			fmt.Fprintf(&b, "<rdf:li xml:lang=\"%s\">%s</rdf:li>", esc(lang), esc(v))
		}
		fmt.Fprintf(&b, "</rdf:Alt></%s>\n", name)
	}
	list := func(name, kind string, vs []string) {
		fmt.Fprintf(&b, "   <%s><rdf:%s>", name, kind)
		for _, v := range vs {
			fmt.Fprintf(&b, "<rdf:li>%s</rdf:li>", esc(v))
		}
		fmt.Fprintf(&b, "</rdf:%s></%s>\n", kind, name)
	}
	date := xmpDate(created)
	b.WriteString("<?xpacket begin=\"\ufeff\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n")
	b.WriteString("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n")
	b.WriteString("  <rdf:Description rdf:about=\"\"\n")
	b.WriteString("    xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n")
	b.WriteString("    xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n")
	b.WriteString("    xmlns:xmpMM=\"http://ns.adobe.com/xap/1.0/mm/\"\n")
	b.WriteString("    xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"")
	if claims.ua {
		b.WriteString("\n    xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\"")
	}
	if claims.pdfa != "" {
		b.WriteString("\n    xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\"")
	}
	if claims.pdfx {
		b.WriteString("\n    xmlns:pdfxid=\"http://www.npes.org/pdfx/ns/id/\"")
	}
	if claims.pdfa != "" && claims.ua {
		b.WriteString("\n    xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\"")
		b.WriteString("\n    xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\"")
		b.WriteString("\n    xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\"")
	}
	b.WriteString(">\n")
	b.WriteString("   <dc:format>application/pdf</dc:format>\n")
	if m.Title != "" {
		alt("dc:title", m.Title)
	}
	if len(m.Authors) > 0 {
		list("dc:creator", "Seq", m.Authors)
	}
	if s := infoSubject(m); s != "" {
		alt("dc:description", s)
	}
	if lang != "" {
		list("dc:language", "Bag", []string{lang})
	}
	if m.Publisher != "" {
		list("dc:publisher", "Bag", []string{m.Publisher})
	}
	if m.Rights != "" {
		alt("dc:rights", m.Rights)
	}
	if len(m.Subjects) > 0 {
		list("dc:subject", "Bag", m.Subjects)
		fmt.Fprintf(&b, "   <pdf:Keywords>%s</pdf:Keywords>\n", esc(strings.Join(m.Subjects, ", ")))
	}
	fmt.Fprintf(&b, "   <xmp:CreateDate>%s</xmp:CreateDate>\n   <xmp:ModifyDate>%s</xmp:ModifyDate>\n   <xmp:MetadataDate>%s</xmp:MetadataDate>\n", date, date, date)
	fmt.Fprintf(&b, "   <xmp:CreatorTool>%s</xmp:CreatorTool>\n   <pdf:Producer>%s</pdf:Producer>\n", ProducerName, ProducerName)
	fmt.Fprintf(&b, "   <xmpMM:DocumentID>%s</xmpMM:DocumentID>\n   <xmpMM:InstanceID>%s</xmpMM:InstanceID>\n", documentID(m, "document"), documentID(m, "instance"+date))
	b.WriteString("   <xmpMM:VersionID>1</xmpMM:VersionID>\n   <xmpMM:RenditionClass>default</xmpMM:RenditionClass>\n")
	if claims.ua {
		b.WriteString("   <pdfuaid:part>1</pdfuaid:part>\n")
	}
	if claims.pdfa != "" {
		fmt.Fprintf(&b, "   <pdfaid:part>2</pdfaid:part>\n   <pdfaid:conformance>%s</pdfaid:conformance>\n", claims.pdfa)
	}
	if claims.pdfx {
		b.WriteString("   <pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>\n   <pdf:Trapped>False</pdf:Trapped>\n")
	}
	if claims.pdfa != "" && claims.ua {
		// PDF/A admits only the schemas it lists or declares: the
		// PDF/UA identification schema is declared here.
		b.WriteString(`   <pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
    <pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
    <pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
    <pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
    <pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">
     <pdfaProperty:name>part</pdfaProperty:name>
     <pdfaProperty:valueType>Integer</pdfaProperty:valueType>
     <pdfaProperty:category>internal</pdfaProperty:category>
     <pdfaProperty:description>Indicates, which part of ISO 14289 standard is followed</pdfaProperty:description>
    </rdf:li></rdf:Seq></pdfaSchema:property>
   </rdf:li></rdf:Bag></pdfaExtension:schemas>
`)
	}
	b.WriteString("  </rdf:Description>\n </rdf:RDF>\n</x:xmpmeta>\n")
	// Room to edit the packet in place, as XMP writers leave.
	b.WriteString(strings.Repeat(strings.Repeat(" ", 99)+"\n", 20))
	b.WriteString("<?xpacket end=\"w\"?>")
	return []byte(b.String())
}

// documentID is a UUID URN derived from the book's identity and salt,
// so that the same book gets the same identifier in every build.
func documentID(m doc.Meta, salt string) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00%s\x00%s", m.Identifier, m.Title, strings.Join(m.Authors, "\x00"), salt)
	s := h.Sum(nil)
	s[6] = s[6]&0x0f | 0x50 // version 5 style: name-based, SHA
	s[8] = s[8]&0x3f | 0x80
	return fmt.Sprintf("uuid:%x-%x-%x-%x-%x", s[0:4], s[4:6], s[6:8], s[8:10], s[10:16])
}

// outputIntent writes the output intent of a PDF/A (subtype GTS_PDFA1,
// the sRGB profile) or PDF/X (GTS_PDFX, the condition's CMYK profile)
// file and returns it.
func (doc *document) outputIntent(subtype string, cond icc.Condition) obj.Dict {
	n := 3
	if subtype == "GTS_PDFX" {
		n = 4
	}
	prof := doc.w.Alloc()
	doc.w.Stream(prof, obj.Dict{"N": obj.Int(n)}, cond.Profile, true)
	return obj.Dict{
		"Type":                      obj.Name("OutputIntent"),
		"S":                         obj.Name(subtype),
		"OutputConditionIdentifier": obj.Text(cond.Identifier),
		"OutputCondition":           obj.Text(cond.Info),
		"Info":                      obj.Text(cond.Info),
		"RegistryName":              obj.Text(icc.Registry),
		"DestOutputProfile":         prof,
	}
}

// srgbCondition is the output condition of a PDF/A file.
var srgbCondition = icc.Condition{Identifier: "sRGB IEC61966-2.1", Info: "sRGB IEC61966-2.1", Profile: icc.SRGB}

// iccRGB returns the ICCBased sRGB colour space of the document, writing
// its profile stream on first use: the printer's PDF gives its RGB
// images that space, since PDF/X-4 admits device RGB only where it
// matches a CMYK output intent, which it never does.
func (doc *document) iccRGB() obj.Array {
	if doc.srgb == 0 {
		doc.srgb = doc.w.Alloc()
		doc.w.Stream(doc.srgb, obj.Dict{"N": obj.Int(3), "Alternate": obj.Name("DeviceRGB")}, icc.SRGB, true)
	}
	return obj.Array{obj.Name("ICCBased"), doc.srgb}
}
