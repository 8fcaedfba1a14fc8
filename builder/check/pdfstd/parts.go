package pdfstd

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/pamphlet/pamphlet/builder/pdf/pdfread"
)

// intent checks the output intent of subtype s: its condition named,
// its profile embedded with n components (0: any).
func (c *checker) intent(s string, n int64) (bool, string) {
	for _, o := range c.f.Array(c.cat["OutputIntents"]) {
		d := c.f.Dict(o)
		if d["S"] != pdfread.Name(s) {
			continue
		}
		id := pdfread.Text(d["OutputConditionIdentifier"])
		prof := c.f.Stream(d["DestOutputProfile"])
		if prof == nil {
			return false, fmt.Sprintf("%s %q without an embedded profile", s, id)
		}
		data, err := prof.Data()
		if err != nil || len(data) < 128 || string(data[36:40]) != "acsp" {
			return false, fmt.Sprintf("%s %q: the profile is not an ICC profile", s, id)
		}
		comps, _ := intNum(prof.Dict["N"])
		if id == "" || (n > 0 && comps != n) {
			return false, fmt.Sprintf("%s %q, profile of %d components", s, id, comps)
		}
		return true, fmt.Sprintf("%s %q, ICC profile of %d bytes, %d components (%s)", s, id, len(data), comps, strings.TrimSpace(string(data[16:20])))
	}
	return false, "no output intent " + s
}

func (c *checker) idAndNoEncryption() (bool, string) {
	id := c.f.Array(c.f.Trailer["ID"])
	_, enc := c.f.Trailer["Encrypt"]
	ok := len(id) == 2 && !enc
	return ok, fmt.Sprintf("/ID with %d strings, /Encrypt %v", len(id), enc)
}

// fonts returns the fonts of every page's resources, by object.
func (c *checker) fonts() map[string]pdfread.Dict {
	out := map[string]pdfread.Dict{}
	for _, p := range c.pages {
		res := c.f.Dict(c.f.Inherited(p.Dict, "Resources"))
		for name, ref := range c.f.Dict(res["Font"]) {
			key := fmt.Sprint(ref)
			if _, ok := out[key]; !ok {
				d := c.f.Dict(ref)
				if d != nil {
					d = mergeName(d, string(name))
					out[key] = d
				}
			}
		}
	}
	return out
}

func mergeName(d pdfread.Dict, name string) pdfread.Dict {
	if _, ok := d["BaseFont"]; !ok {
		d["BaseFont"] = pdfread.Name(name)
	}
	return d
}

func (c *checker) fontsEmbedded() (bool, string) {
	var bad []string
	fonts := c.fonts()
	keys := make([]string, 0, len(fonts))
	for k := range fonts {
		keys = append(keys, k)
	}
	sort.Strings(keys) // the report the same from run to run
	for _, k := range keys {
		d := fonts[k]
		fd := c.f.Dict(d["FontDescriptor"])
		if d["Subtype"] == pdfread.Name("Type0") {
			if desc := c.f.Array(d["DescendantFonts"]); len(desc) > 0 {
				fd = c.f.Dict(c.f.Dict(desc[0])["FontDescriptor"])
			}
		}
		if fd["FontFile"] == nil && fd["FontFile2"] == nil && fd["FontFile3"] == nil {
			name, _ := d["BaseFont"].(pdfread.Name)
			bad = append(bad, string(name)+" not embedded")
		}
	}
	return pass(len(bad) == 0, fmt.Sprintf("%d fonts, all embedded", len(fonts)), bad)
}

// imageXObject is an image XObject a page paints.
type imageXObject struct {
	where, space string
	smask        bool
	page         int
}

// images lists the image XObjects in the pages' resources (pamphlet's
// pages share them), with their colour space family.
func (c *checker) images() []imageXObject {
	var out []imageXObject
	seen := map[string]bool{}
	for pi, p := range c.pages {
		res := c.f.Dict(c.f.Inherited(p.Dict, "Resources"))
		xo := c.f.Dict(res["XObject"])
		names := make([]string, 0, len(xo))
		for n := range xo {
			names = append(names, string(n))
		}
		sort.Strings(names)
		for _, n := range names {
			name, ref := pdfread.Name(n), xo[pdfread.Name(n)]
			d := c.f.Dict(ref)
			if d["Subtype"] != pdfread.Name("Image") || seen[fmt.Sprint(ref)] {
				continue
			}
			seen[fmt.Sprint(ref)] = true
			space := ""
			switch cs := c.f.Resolve(d["ColorSpace"]).(type) {
			case pdfread.Name:
				space = string(cs)
			case pdfread.Array:
				if len(cs) > 0 {
					n, _ := cs[0].(pdfread.Name)
					space = string(n)
				}
			}
			out = append(out, imageXObject{where: "image " + string(name), space: space, smask: d["SMask"] != nil, page: pi})
		}
	}
	return out
}

// groups checks that pages painting soft-masked images have a
// transparency group with a colour space. The pages share one resource
// dictionary, so a page is taken to paint an image when its content has
// a Do of the image's name.
func (c *checker) groups() (bool, string) {
	masked := map[string]bool{}
	for _, im := range c.images() {
		if im.smask {
			masked[strings.TrimPrefix(im.where, "image ")] = true
		}
	}
	var bad []string
	n := 0
	for pi, p := range c.pages {
		if len(masked) == 0 {
			break
		}
		data, err := c.f.Contents(p.Dict)
		if err != nil {
			continue
		}
		uses := false
		pdfread.Content(data, func(op pdfread.Op) bool {
			if op.Name == "Do" && len(op.Args) == 1 {
				if nm, ok := op.Args[0].(pdfread.Name); ok && masked[string(nm)] {
					uses = true
					return false
				}
			}
			return true
		})
		if !uses {
			continue
		}
		n++
		g := c.f.Dict(p.Dict["Group"])
		if g["S"] != pdfread.Name("Transparency") || g["CS"] == nil {
			bad = append(bad, fmt.Sprintf("page %d paints a soft-masked image without a transparency group colour space", pi+1))
		}
	}
	return pass(len(bad) == 0, fmt.Sprintf("%d pages with soft-masked images, each with a group colour space", n), bad)
}

// infoAgrees compares the information dictionary with XMP.
func (c *checker) infoAgrees() (bool, string) {
	var bad []string
	cmp := func(key, infoVal, xmpName, xmpVal string) {
		if infoVal != "" && infoVal != xmpVal {
			bad = append(bad, fmt.Sprintf("/%s %q but %s %q", key, infoVal, xmpName, xmpVal))
		}
	}
	cmp("Title", pdfread.Text(c.info["Title"]), "dc:title", c.xmpValue("dc:title"))
	cmp("Author", pdfread.Text(c.info["Author"]), "dc:creator", strings.Join(c.xmpValues("dc:creator"), ", "))
	cmp("Subject", pdfread.Text(c.info["Subject"]), "dc:description", c.xmpValue("dc:description"))
	cmp("Producer", pdfread.Text(c.info["Producer"]), "pdf:Producer", c.xmpValue("pdf:Producer"))
	cmp("Creator", pdfread.Text(c.info["Creator"]), "xmp:CreatorTool", c.xmpValue("xmp:CreatorTool"))
	dates := 0
	for _, d := range [][2]string{{"CreationDate", "xmp:CreateDate"}, {"ModDate", "xmp:ModifyDate"}} {
		iv := pdfread.Text(c.info[pdfread.Name(d[0])])
		if iv == "" {
			continue
		}
		dates++
		it, err1 := pdfTime(iv)
		xt, err2 := time.Parse(time.RFC3339, c.xmpValue(d[1]))
		if err1 != nil || err2 != nil || !it.Equal(xt) {
			bad = append(bad, fmt.Sprintf("/%s %q but %s %q", d[0], iv, d[1], c.xmpValue(d[1])))
		}
	}
	if c.xmp == "" {
		bad = append(bad, "no XMP metadata")
	}
	return pass(len(bad) == 0, fmt.Sprintf("title, author, subject, producer, creator and %d dates agree", dates), bad)
}

// pdfTime parses a PDF date, D:YYYYMMDDHHmmSS with an optional zone.
func pdfTime(s string) (time.Time, error) {
	s = strings.TrimPrefix(s, "D:")
	s = strings.ReplaceAll(s, "'", "")
	if len(s) < 14 {
		return time.Time{}, fmt.Errorf("short date %q", s)
	}
	zone := s[14:]
	switch {
	case zone == "" || zone == "Z":
		return time.Parse("20060102150405", s[:14])
	default:
		return time.Parse("20060102150405-0700", s[:14]+zone)
	}
}
