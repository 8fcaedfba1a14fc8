// Package pdfstd checks a finished PDF against the requirements of the
// standards it claims (PDF/UA-1, PDF/A-2, PDF/X-4), as far as this
// package verifies them: each requirement has a stable code and says
// whether the file meets it and what was seen. It reads the file itself
// (pdfread), not the model it was made from, so a check fails when the
// writer breaks the requirement. It is no validator: what it does not
// list, it does not check.
//
//	code     standard  requirement
//	UA001    PDF/UA-1  the document is tagged (/MarkInfo /Marked true)
//	UA002    PDF/UA-1  a structure tree root with a document element
//	UA003    PDF/UA-1  every page's content is tagged content or an artifact
//	UA004    PDF/UA-1  every Figure has alternative text (/Alt)
//	UA005    PDF/UA-1  heading levels do not skip (H1 then H3)
//	UA006    PDF/UA-1  every Table has header cells (TH)
//	UA007    PDF/UA-1  the title is shown (/DisplayDocTitle true) and is dc:title in XMP
//	UA008    PDF/UA-1  the natural language is set (catalog /Lang)
//	UA009    PDF/UA-1  every glyph has Unicode (ToUnicode) or is inside /ActualText
//	UA010    PDF/UA-1  XMP metadata says pdfuaid:part 1
//	UA011    PDF/UA-1  every link annotation is in the structure (/StructParent), with /Contents
//	UA012    PDF/UA-1  pages with annotations order them by structure (/Tabs /S)
//	UA013    PDF/UA-1  every Note element has an /ID
//	PDFA001  PDF/A-2   XMP metadata, unfiltered, that parses as XML, with pdfaid:part 2 and a conformance
//	PDFA002  PDF/A-2   an output intent GTS_PDFA1 with an embedded ICC profile
//	PDFA003  PDF/A-2   not encrypted, and the trailer has an /ID
//	PDFA004  PDF/A-2   every font is embedded
//	PDFA005  PDF/A-2   every glyph maps to Unicode (ToUnicode; level u and a)
//	PDFA006  PDF/A-2   no JavaScript and no actions PDF/A forbids (Launch, Sound, Movie, ResetForm, ImportData)
//	PDFA007  PDF/A-2   every annotation is printed (/F 4) and not hidden
//	PDFA008  PDF/A-2   the information dictionary agrees with XMP (title, author, dates, producer)
//	PDFA009  PDF/A-2   device colour matches the output intent (no DeviceCMYK with an RGB intent)
//	PDFA010  PDF/A-2   a page that paints a soft-masked image has a transparency group with a colour space
//	PDFA011  PDF/A-2   the header is %PDF-1.n with a binary comment line
//	PDFA012  PDF/A-2a  the document is tagged (UA001 and UA002)
//	PDFX001  PDF/X-4   GTS_PDFXVersion (PDF/X-4) in /Info and pdfxid:GTS_PDFXVersion in XMP
//	PDFX002  PDF/X-4   an output intent GTS_PDFX naming its condition, with an embedded CMYK profile
//	PDFX003  PDF/X-4   every page has a TrimBox inside its BleedBox inside its MediaBox
//	PDFX004  PDF/X-4   /Trapped is False in /Info and pdf:Trapped in XMP
//	PDFX005  PDF/X-4   no annotation inside a page's TrimBox
//	PDFX006  PDF/X-4   no device RGB colour (RGB images ICC-based)
//	PDFX007  PDF/X-4   every font is embedded
//	PDFX008  PDF/X-4   a title in /Info and dc:title in XMP, not encrypted, an /ID
package pdfstd

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/pamphlet/pamphlet/builder/pdf/pdfread"
)

// The standards a file can claim.
const (
	UA   = "PDF/UA-1"
	PDFA = "PDF/A-2"
	PDFX = "PDF/X-4"
)

// Result is one requirement checked on a file.
type Result struct {
	Code        string `json:"code"`
	Standard    string `json:"standard"`
	Requirement string `json:"requirement"`
	Pass        bool   `json:"pass"`
	// Saw says what the check found: what passed, or the first few
	// things that failed.
	Saw string `json:"saw"`
}

// Report is what Check found in one file.
type Report struct {
	// Claims are the standards the file claims in its XMP metadata
	// ("PDF/UA-1", "PDF/A-2u", "PDF/X-4").
	Claims  []string `json:"claims"`
	Results []Result `json:"results"`
}

// Failed returns the results that did not pass.
func (r *Report) Failed() []Result {
	var out []Result
	for _, x := range r.Results {
		if !x.Pass {
			out = append(out, x)
		}
	}
	return out
}

// WriteText writes the report, one line per requirement.
func (r *Report) WriteText(w io.Writer, name string) error {
	var b strings.Builder
	claims := "no standard"
	if len(r.Claims) > 0 {
		claims = strings.Join(r.Claims, ", ")
	}
	fmt.Fprintf(&b, "%s: claims %s\n", name, claims)
	for _, x := range r.Results {
		verdict := "ok  "
		if !x.Pass {
			verdict = "FAIL"
		}
		fmt.Fprintf(&b, "  %s %-7s %s: %s (%s)\n", verdict, x.Code, x.Standard, x.Requirement, x.Saw)
	}
	fmt.Fprintf(&b, "%d requirements checked, %d failed\n", len(r.Results), len(r.Failed()))
	_, err := io.WriteString(w, b.String())
	return err
}

// Check reads the PDF data and checks every requirement of the
// standards it claims in its XMP metadata; standards adds others to
// check whatever the file claims (UA, PDFA, PDFX).
func Check(data []byte, standards ...string) (*Report, error) {
	f, err := pdfread.Open(data)
	if err != nil {
		return nil, err
	}
	c := &checker{f: f, data: data}
	c.load()
	want := map[string]bool{}
	for _, s := range standards {
		want[s] = true
	}
	r := &Report{}
	if c.has("pdfuaid:part") {
		r.Claims = append(r.Claims, UA)
		want[UA] = true
	}
	if conf := c.xmpValue("pdfaid:conformance"); c.has("pdfaid:part") {
		r.Claims = append(r.Claims, "PDF/A-"+c.xmpValue("pdfaid:part")+strings.ToLower(conf))
		want[PDFA] = true
	}
	if c.has("pdfxid:GTS_PDFXVersion") {
		r.Claims = append(r.Claims, c.xmpValue("pdfxid:GTS_PDFXVersion"))
		want[PDFX] = true
	}
	for _, req := range requirements {
		if want[req.std] && (req.onlyIf == nil || req.onlyIf(c)) {
			pass, saw := req.check(c)
			r.Results = append(r.Results, Result{Code: req.code, Standard: req.std, Requirement: req.text, Pass: pass, Saw: saw})
		}
	}
	return r, nil
}

// checker holds what the checks share: the file and what was read from
// it once.
type checker struct {
	f    *pdfread.File
	data []byte
	cat  pdfread.Dict
	info pdfread.Dict
	// xmp is the metadata stream's text; xmpFiltered whether it was
	// compressed; xmpErr what XML parsing said.
	xmp         string
	xmpFiltered bool
	xmpErr      error
	pages       []pdfread.Page

	scanned bool
	scan    contentScan
	tree    *structScan
}

func (c *checker) load() {
	c.cat = c.f.Catalog()
	c.info = c.f.Info()
	c.pages = c.f.Pages()
	if s := c.f.Stream(c.cat["Metadata"]); s != nil {
		c.xmpFiltered = s.Dict["Filter"] != nil
		if b, err := s.Data(); err == nil {
			c.xmp = string(b)
		} else {
			c.xmpErr = err
		}
		if c.xmpErr == nil {
			c.xmpErr = wellFormed(c.xmp)
		}
	}
}

func wellFormed(s string) error {
	d := xml.NewDecoder(strings.NewReader(s))
	for {
		_, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// has reports whether the XMP packet holds the element or attribute
// name ("pdfuaid:part").
func (c *checker) has(name string) bool {
	return strings.Contains(c.xmp, "<"+name+">") || strings.Contains(c.xmp, name+"=\"")
}

// xmpValue returns the text of the first element name in the packet
// (its first rdf:li when it is a container), or its attribute value.
func (c *checker) xmpValue(name string) string {
	vs := c.xmpValues(name)
	if len(vs) == 0 {
		return ""
	}
	return vs[0]
}

// xmpValues returns the texts of element name: its rdf:li items, or its
// text.
func (c *checker) xmpValues(name string) []string {
	re := regexp.MustCompile(`(?s)<` + regexp.QuoteMeta(name) + `>(.*?)</` + regexp.QuoteMeta(name) + `>`)
	m := re.FindStringSubmatch(c.xmp)
	if m == nil {
		if a := regexp.MustCompile(regexp.QuoteMeta(name) + `="([^"]*)"`).FindStringSubmatch(c.xmp); a != nil {
			return []string{unescape(a[1])}
		}
		return nil
	}
	items := regexp.MustCompile(`(?s)<rdf:li[^>]*>(.*?)</rdf:li>`).FindAllStringSubmatch(m[1], -1)
	if items == nil {
		return []string{unescape(strings.TrimSpace(m[1]))}
	}
	var out []string
	for _, it := range items {
		out = append(out, unescape(it[1]))
	}
	return out
}

func unescape(s string) string {
	var b strings.Builder
	d := xml.NewDecoder(strings.NewReader("<a>" + s + "</a>"))
	for {
		t, err := d.Token()
		if err != nil {
			break
		}
		if cd, ok := t.(xml.CharData); ok {
			b.Write(cd)
		}
	}
	return b.String()
}

// few joins up to five examples and says how many there were.
func few(xs []string) string {
	if len(xs) <= 5 {
		return strings.Join(xs, "; ")
	}
	return fmt.Sprintf("%s; and %d more", strings.Join(xs[:5], "; "), len(xs)-5)
}

// rect reads a rectangle.
func (c *checker) rect(o pdfread.Object) ([4]float64, bool) {
	a := c.f.Array(o)
	var r [4]float64
	if len(a) != 4 {
		return r, false
	}
	for i, v := range a {
		switch n := c.f.Resolve(v).(type) {
		case pdfread.Int:
			r[i] = float64(n)
		case pdfread.Real:
			r[i] = float64(n)
		default:
			return r, false
		}
	}
	return r, true
}

func inside(in, out [4]float64) bool {
	const eps = 0.01
	return in[0] >= out[0]-eps && in[1] >= out[1]-eps && in[2] <= out[2]+eps && in[3] <= out[3]+eps
}

func intNum(o pdfread.Object) (int64, bool) {
	switch n := o.(type) {
	case pdfread.Int:
		return int64(n), true
	case pdfread.Real:
		return int64(n), true
	}
	return 0, false
}

// containsBytes reports whether the raw file holds s (for keys no
// pamphlet PDF should have anywhere).
func (c *checker) containsBytes(s string) bool { return bytes.Contains(c.data, []byte(s)) }
