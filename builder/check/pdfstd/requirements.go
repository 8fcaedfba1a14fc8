package pdfstd

import (
	"fmt"
	"strings"

	"github.com/pamphlet/pamphlet/builder/pdf/pdfread"
)

// requirement is one checked requirement of a standard.
type requirement struct {
	code, std, text string
	// onlyIf limits the requirement to files it applies to (PDF/A level
	// a); nil means always.
	onlyIf func(*checker) bool
	check  func(*checker) (bool, string)
}

func pass(ok bool, good string, bad []string) (bool, string) {
	if ok {
		return true, good
	}
	return false, few(bad)
}

var requirements = []requirement{
	{"UA001", UA, "the document is tagged (MarkInfo Marked true)", nil, func(c *checker) (bool, string) {
		m := c.f.Dict(c.cat["MarkInfo"])
		v, _ := m["Marked"].(pdfread.Bool)
		return bool(v), fmt.Sprintf("/MarkInfo /Marked %v", v)
	}},
	{"UA002", UA, "a structure tree root with a Document element", nil, func(c *checker) (bool, string) {
		t := c.structure()
		if c.f.Dict(c.cat["StructTreeRoot"]) == nil {
			return false, "no /StructTreeRoot"
		}
		return t.document, fmt.Sprintf("%d structure elements, Document at the root: %v", t.elements, t.document)
	}},
	{"UA003", UA, "every page's content is tagged content or an artifact", nil, func(c *checker) (bool, string) {
		s := c.content()
		bad := append(append(append([]string{}, s.errs...), s.unbalanced...), s.untagged...)
		return pass(len(bad) == 0, fmt.Sprintf("%d pages, all text, rules and images inside MCID or Artifact sequences", len(c.pages)), bad)
	}},
	{"UA004", UA, "every Figure has alternative text (Alt)", nil, func(c *checker) (bool, string) {
		t := c.structure()
		return pass(len(t.figNoAlt) == 0, fmt.Sprintf("%d figures with Alt", t.roles["Figure"]), append([]string{"without Alt:"}, t.figNoAlt...))
	}},
	{"UA005", UA, "heading levels do not skip", nil, func(c *checker) (bool, string) {
		t := c.structure()
		n := 0
		for _, h := range []string{"H1", "H2", "H3", "H4", "H5", "H6"} {
			n += t.roles[h]
		}
		return pass(len(t.skips) == 0, fmt.Sprintf("%d headings in order", n), t.skips)
	}},
	{"UA006", UA, "every table has header cells (TH)", nil, func(c *checker) (bool, string) {
		t := c.structure()
		return pass(t.tablesNoTH == 0, fmt.Sprintf("%d tables, %d header cells", t.tables, t.roles["TH"]), []string{fmt.Sprintf("%d of %d tables without TH", t.tablesNoTH, t.tables)})
	}},
	{"UA007", UA, "the title is shown (DisplayDocTitle) and is dc:title in XMP", nil, func(c *checker) (bool, string) {
		vp := c.f.Dict(c.cat["ViewerPreferences"])
		shown, _ := vp["DisplayDocTitle"].(pdfread.Bool)
		title := c.xmpValue("dc:title")
		return bool(shown) && title != "", fmt.Sprintf("DisplayDocTitle %v, dc:title %q", shown, title)
	}},
	{"UA008", UA, "the natural language is set (catalog Lang)", nil, func(c *checker) (bool, string) {
		l := pdfread.Text(c.cat["Lang"])
		return l != "", fmt.Sprintf("/Lang %q", l)
	}},
	{"UA009", UA, "every glyph has Unicode (ToUnicode) or is inside ActualText", nil, func(c *checker) (bool, string) {
		s := c.content()
		return pass(len(s.bare) == 0, "every glyph code maps to Unicode or is covered by /ActualText", append([]string{fmt.Sprintf("%d glyphs without Unicode:", len(s.bare))}, s.bare...))
	}},
	{"UA010", UA, "XMP metadata says pdfuaid:part 1", nil, func(c *checker) (bool, string) {
		p := c.xmpValue("pdfuaid:part")
		return p == "1" && c.xmpErr == nil, fmt.Sprintf("pdfuaid:part %q", p)
	}},
	{"UA011", UA, "every link annotation is in the structure and has Contents", nil, func(c *checker) (bool, string) {
		var bad []string
		n := 0
		for pi, p := range c.pages {
			for _, a := range c.f.Array(p.Dict["Annots"]) {
				d := c.f.Dict(a)
				if d["Subtype"] != pdfread.Name("Link") {
					continue
				}
				n++
				if _, ok := d["StructParent"]; !ok {
					bad = append(bad, fmt.Sprintf("page %d: a link without /StructParent", pi+1))
				}
				if pdfread.Text(d["Contents"]) == "" {
					bad = append(bad, fmt.Sprintf("page %d: a link without /Contents", pi+1))
				}
			}
		}
		return pass(len(bad) == 0, fmt.Sprintf("%d links, each with /StructParent and /Contents", n), bad)
	}},
	{"UA012", UA, "pages with annotations order them by structure (Tabs S)", nil, func(c *checker) (bool, string) {
		var bad []string
		n := 0
		for pi, p := range c.pages {
			if len(c.f.Array(p.Dict["Annots"])) == 0 {
				continue
			}
			n++
			if p.Dict["Tabs"] != pdfread.Name("S") {
				bad = append(bad, fmt.Sprintf("page %d has no /Tabs /S", pi+1))
			}
		}
		return pass(len(bad) == 0, fmt.Sprintf("%d pages with annotations, all /Tabs /S", n), bad)
	}},
	{"UA013", UA, "every Note element has an ID", nil, func(c *checker) (bool, string) {
		t := c.structure()
		return pass(t.notesNoID == 0, fmt.Sprintf("%d notes with /ID", t.notes), []string{fmt.Sprintf("%d of %d notes without /ID", t.notesNoID, t.notes)})
	}},

	{"PDFA001", PDFA, "XMP metadata, unfiltered and well-formed, with pdfaid:part 2 and a conformance level", nil, func(c *checker) (bool, string) {
		part, conf := c.xmpValue("pdfaid:part"), c.xmpValue("pdfaid:conformance")
		saw := fmt.Sprintf("pdfaid:part %q, conformance %q", part, conf)
		switch {
		case c.xmp == "":
			return false, "no metadata stream"
		case c.xmpFiltered:
			return false, "the metadata stream is compressed"
		case c.xmpErr != nil:
			return false, "XMP is not well-formed XML: " + c.xmpErr.Error()
		}
		return part == "2" && (conf == "A" || conf == "B" || conf == "U"), saw
	}},
	{"PDFA002", PDFA, "an output intent GTS_PDFA1 with an embedded ICC profile", nil, func(c *checker) (bool, string) {
		return c.intent("GTS_PDFA1", 0)
	}},
	{"PDFA003", PDFA, "not encrypted, and the trailer has an ID", nil, func(c *checker) (bool, string) {
		return c.idAndNoEncryption()
	}},
	{"PDFA004", PDFA, "every font is embedded", nil, func(c *checker) (bool, string) {
		return c.fontsEmbedded()
	}},
	{"PDFA005", PDFA, "every glyph maps to Unicode (ToUnicode)", nil, func(c *checker) (bool, string) {
		s := c.content()
		return pass(len(s.noUnicode) == 0, "every glyph code used maps to Unicode", append([]string{fmt.Sprintf("%d glyphs without Unicode:", len(s.noUnicode))}, s.noUnicode...))
	}},
	{"PDFA006", PDFA, "no JavaScript and no forbidden actions", nil, func(c *checker) (bool, string) {
		var bad []string
		for _, k := range []string{"/JavaScript", "/JS ", "/JS(", "/JS<", "/Launch", "/Sound", "/Movie", "/ResetForm", "/ImportData"} {
			if c.containsBytes(k) {
				bad = append(bad, "the file has "+strings.TrimRight(k, " (<"))
			}
		}
		return pass(len(bad) == 0, "none found", bad)
	}},
	{"PDFA007", PDFA, "every annotation is printed (F 4) and not hidden", nil, func(c *checker) (bool, string) {
		var bad []string
		n := 0
		for pi, p := range c.pages {
			for _, a := range c.f.Array(p.Dict["Annots"]) {
				n++
				f, _ := intNum(c.f.Dict(a)["F"])
				if f&4 == 0 || f&(1|2|32) != 0 {
					bad = append(bad, fmt.Sprintf("page %d: annotation flags %d", pi+1, f))
				}
			}
		}
		return pass(len(bad) == 0, fmt.Sprintf("%d annotations with the print flag", n), bad)
	}},
	{"PDFA008", PDFA, "the information dictionary agrees with XMP", nil, func(c *checker) (bool, string) {
		return c.infoAgrees()
	}},
	{"PDFA009", PDFA, "device colour matches the output intent", nil, func(c *checker) (bool, string) {
		var bad []string
		for _, im := range c.images() {
			if im.space == "DeviceCMYK" {
				bad = append(bad, im.where+": a DeviceCMYK image with an RGB output intent")
			}
		}
		return pass(len(bad) == 0, fmt.Sprintf("%d images, none in DeviceCMYK", len(c.images())), bad)
	}},
	{"PDFA010", PDFA, "a page that paints a soft-masked image has a transparency group with a colour space", nil, func(c *checker) (bool, string) {
		return c.groups()
	}},
	{"PDFA011", PDFA, "the header is %PDF-1.n followed by a binary comment", nil, func(c *checker) (bool, string) {
		line2 := ""
		if i := strings.IndexByte(string(c.data[:min(len(c.data), 64)]), '\n'); i >= 0 && i+5 < len(c.data) {
			line2 = string(c.data[i+1 : i+6])
		}
		ok := strings.HasPrefix(c.f.Header, "1.") && len(line2) == 5 && line2[0] == '%' && line2[1] > 127 && line2[2] > 127 && line2[3] > 127 && line2[4] > 127
		return ok, fmt.Sprintf("header %%PDF-%s, binary comment %v", c.f.Header, ok)
	}},
	{"PDFA012", PDFA, "level a: the document is tagged (MarkInfo and a structure tree)", func(c *checker) bool {
		return c.xmpValue("pdfaid:conformance") == "A"
	}, func(c *checker) (bool, string) {
		m := c.f.Dict(c.cat["MarkInfo"])
		v, _ := m["Marked"].(pdfread.Bool)
		t := c.structure()
		return bool(v) && t.document, fmt.Sprintf("Marked %v, %d structure elements", v, t.elements)
	}},

	{"PDFX001", PDFX, "GTS_PDFXVersion PDF/X-4 in Info and pdfxid:GTS_PDFXVersion in XMP", nil, func(c *checker) (bool, string) {
		info, x := pdfread.Text(c.info["GTS_PDFXVersion"]), c.xmpValue("pdfxid:GTS_PDFXVersion")
		return info == "PDF/X-4" && x == "PDF/X-4", fmt.Sprintf("Info %q, XMP %q", info, x)
	}},
	{"PDFX002", PDFX, "an output intent GTS_PDFX naming its condition, with an embedded CMYK profile", nil, func(c *checker) (bool, string) {
		return c.intent("GTS_PDFX", 4)
	}},
	{"PDFX003", PDFX, "every page has a TrimBox inside its BleedBox inside its MediaBox", nil, func(c *checker) (bool, string) {
		var bad []string
		for pi, p := range c.pages {
			media, ok1 := c.rect(c.f.Inherited(p.Dict, "MediaBox"))
			trim, ok2 := c.rect(p.Dict["TrimBox"])
			bleed, ok3 := c.rect(p.Dict["BleedBox"])
			switch {
			case !ok1 || !ok2:
				bad = append(bad, fmt.Sprintf("page %d: no TrimBox or MediaBox", pi+1))
			case ok3 && (!inside(trim, bleed) || !inside(bleed, media)):
				bad = append(bad, fmt.Sprintf("page %d: boxes not nested", pi+1))
			case !inside(trim, media):
				bad = append(bad, fmt.Sprintf("page %d: TrimBox outside the MediaBox", pi+1))
			}
		}
		return pass(len(bad) == 0, fmt.Sprintf("%d pages with TrimBox ⊂ BleedBox ⊂ MediaBox", len(c.pages)), bad)
	}},
	{"PDFX004", PDFX, "Trapped is False in Info and pdf:Trapped in XMP", nil, func(c *checker) (bool, string) {
		t, _ := c.info["Trapped"].(pdfread.Name)
		x := c.xmpValue("pdf:Trapped")
		return t == "False" && x == "False", fmt.Sprintf("Info /Trapped %q, XMP %q", t, x)
	}},
	{"PDFX005", PDFX, "no annotation inside a page's TrimBox", nil, func(c *checker) (bool, string) {
		var bad []string
		for pi, p := range c.pages {
			trim, ok := c.rect(p.Dict["TrimBox"])
			for _, a := range c.f.Array(p.Dict["Annots"]) {
				r, ok2 := c.rect(c.f.Dict(a)["Rect"])
				if !ok || !ok2 || r[2] > trim[0] && r[0] < trim[2] && r[3] > trim[1] && r[1] < trim[3] {
					bad = append(bad, fmt.Sprintf("page %d: an annotation inside the TrimBox", pi+1))
				}
			}
		}
		return pass(len(bad) == 0, "none", bad)
	}},
	{"PDFX006", PDFX, "no device RGB colour (RGB images ICC-based)", nil, func(c *checker) (bool, string) {
		bad := append([]string{}, c.content().deviceRGB...)
		for _, im := range c.images() {
			if im.space == "DeviceRGB" {
				bad = append(bad, im.where+": a DeviceRGB image")
			}
		}
		return pass(len(bad) == 0, fmt.Sprintf("%d images, none in device RGB; no RGB colour operators", len(c.images())), bad)
	}},
	{"PDFX007", PDFX, "every font is embedded", nil, func(c *checker) (bool, string) {
		return c.fontsEmbedded()
	}},
	{"PDFX008", PDFX, "a title in Info and dc:title in XMP; not encrypted, with an ID", nil, func(c *checker) (bool, string) {
		title, x := pdfread.Text(c.info["Title"]), c.xmpValue("dc:title")
		ok, saw := c.idAndNoEncryption()
		return ok && title != "" && x != "", fmt.Sprintf("Title %q, dc:title %q; %s", title, x, saw)
	}},
}
