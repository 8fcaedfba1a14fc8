package manifest

import (
	"fmt"
	"math"
	"path/filepath"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/pamphlet/pamphlet/builder/cover/ean"
	"github.com/pamphlet/pamphlet/builder/diag"
	"github.com/pamphlet/pamphlet/builder/units"
)

// Cover holds the cover: settings for print. The front image's path is
// also Manifest.Cover, which the EPUB has always read.
type Cover struct {
	// Print asks for NAME-cover.pdf: cover: is a map with any key, or
	// pdf.cover is true.
	Print bool
	// Pos is the position of the cover: key (or pdf.cover), for
	// problems of the cover as a whole.
	Pos diag.Pos
	// Front is the front image's path joined to Dir ("" for the
	// typographic front).
	Front    string
	FrontPos diag.Pos
	// Back is the blurb, Markdown.
	Back    string
	BackPos diag.Pos
	// InsideFront and InsideBack are the inside covers of a self-covered
	// booklet, Markdown ("" leaves them blank).
	InsideFront, InsideBack       string
	InsideFrontPos, InsideBackPos diag.Pos
	// ISBN is the checked ISBN-13 ("" for none); ISBNText as written.
	ISBN     ean.ISBN
	ISBNText string
	ISBNPos  diag.Pos
	// Price is the EAN-5 add-on ("" for none: no add-on is printed).
	Price    ean.Price
	PricePos diag.Pos
	// Caliper is the thickness of one sheet (two pages), 0 when not
	// given (see SheetCaliper); PaperName what was written ("80gsm").
	Caliper   units.Sp
	PaperName string
	PaperPos  diag.Pos
	// Binding is "perfect", "saddle", or "" (saddle up to
	// SaddleMaxPages pages, else perfect).
	Binding    string
	BindingPos diag.Pos
	// Spine is the spine's text when given ("" for title and authors);
	// SpinePos its position (its line is where a spine too narrow for it
	// is reported).
	Spine    string
	SpinePos diag.Pos
}

// CoverKeys are the keys the cover: map accepts.
var CoverKeys = []string{"front", "back", "isbn", "price", "paper", "binding", "spine", "inside-front", "inside-back"}

// SaddleMaxPages is the most pages the default binding staples: above
// it a book is perfect bound.
const SaddleMaxPages = 64

// DefaultPaper is the paper when none is given: 80gsm uncoated.
const DefaultPaper = "80gsm"

// uncoatedVolume is the bulk of uncoated book paper, micrometres of
// thickness per gram per square metre: 80gsm is 0.1 mm a sheet, as
// printers' spine calculators reckon it.
const uncoatedVolume = 1.25

// ParsePaper reads a paper: a weight ("80gsm", uncoated), a caliper
// (a length, "0.1mm", per sheet) or pages per inch ("444ppi", "ppi 444").
// It returns the caliper of one sheet.
func ParsePaper(s string) (units.Sp, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	num := func(v string) (float64, bool) {
		f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
		return f, err == nil && f > 0 && !math.IsInf(f, 0)
	}
	switch {
	case strings.HasSuffix(t, "gsm"):
		g, ok := num(strings.TrimSuffix(t, "gsm"))
		if !ok || g < 30 || g > 400 {
			return 0, fmt.Errorf("%q is not a paper weight from 30gsm to 400gsm", s)
		}
		return units.FromMM(g * uncoatedVolume / 1000), nil
	case strings.HasSuffix(t, "ppi") || strings.HasPrefix(t, "ppi"):
		v := strings.TrimPrefix(strings.TrimSuffix(t, "ppi"), "ppi")
		v = strings.TrimPrefix(strings.TrimSpace(v), ":")
		n, ok := num(v)
		if !ok || n < 100 || n > 2000 {
			return 0, fmt.Errorf("%q is not a number of pages per inch from 100 to 2000", s)
		}
		return units.FromMM(2 * 25.4 / n), nil
	}
	l, err := units.Parse(t)
	if err != nil {
		return 0, fmt.Errorf("%q is not a paper: write a weight (80gsm), a caliper (0.1mm) or pages per inch (444ppi)", s)
	}
	if l < units.FromMM(0.03) || l > units.FromMM(1) {
		return 0, fmt.Errorf("a caliper of %s is not a paper's (0.03mm to 1mm a sheet)", s)
	}
	return l, nil
}

// SheetCaliper returns the caliper of one sheet: the paper's, or that
// of DefaultPaper when none was given.
func (c Cover) SheetCaliper() units.Sp {
	if c.Caliper > 0 {
		return c.Caliper
	}
	cal, _ := ParsePaper(DefaultPaper)
	return cal
}

// coverShape checks the cover: value's shape: a path, or a map of
// CoverKeys with single values.
func (p *parser) coverShape(k, val *yaml.Node, m *Manifest) {
	m.CoverPos = p.pos(val)
	m.CoverSpec.Pos = p.pos(k)
	if val.Kind == yaml.MappingNode {
		p.subMap("cover", val, CoverKeys)
		return
	}
	p.scalar("cover", val)
}

// cover reads the cover: map's values into m.CoverSpec (the scalar form
// is read with the other values).
func (p *parser) cover(m *Manifest) {
	c := &m.CoverSpec
	n := p.nodes["cover"]
	if n != nil && n.Kind == yaml.ScalarNode && m.Cover != "" {
		// cover: PATH is cover: {front: PATH}; with pdf.cover it is
		// the print cover's front too.
		c.Front, c.FrontPos = m.Cover, m.CoverPos
	}
	if n == nil || n.Kind != yaml.MappingNode {
		return
	}
	c.Print = true
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := strings.ToLower(n.Content[i].Value), n.Content[i+1]
		if v.Kind != yaml.ScalarNode || !contains(CoverKeys, k) {
			continue // subMap has reported it
		}
		val := strings.TrimSpace(v.Value)
		pos := p.pos(v)
		bad := func(format string, args ...any) {
			p.diags.Errorf(pos, "M012", "cover.%s: %s", k, fmt.Sprintf(format, args...))
		}
		if v.Tag == "!!null" {
			continue
		}
		switch k {
		case "front":
			if val != "" {
				c.Front, c.FrontPos = coverPath(m.Dir, val), pos
				m.Cover = c.Front
				m.CoverPos = pos
			}
		case "back":
			c.Back, c.BackPos = v.Value, pos
		case "inside-front":
			c.InsideFront, c.InsideFrontPos = v.Value, pos
		case "inside-back":
			c.InsideBack, c.InsideBackPos = v.Value, pos
		case "spine":
			c.Spine, c.SpinePos = val, pos
		case "isbn":
			isbn, err := ean.ParseISBN(val)
			if err != nil {
				bad("%v", err)
				continue
			}
			c.ISBN, c.ISBNText, c.ISBNPos = isbn, val, pos
		case "price":
			pr, err := ean.ParsePrice(val)
			if err != nil {
				bad("%v", err)
				continue
			}
			c.Price, c.PricePos = pr, pos
		case "paper":
			cal, err := ParsePaper(val)
			if err != nil {
				bad("%v", err)
				continue
			}
			c.Caliper, c.PaperName, c.PaperPos = cal, val, pos
		case "binding":
			b := strings.ToLower(val)
			if b != "perfect" && b != "saddle" {
				bad("must be perfect (a glued spine) or saddle (stapled through the fold), not %q", v.Value)
				continue
			}
			c.Binding, c.BindingPos = b, pos
		}
	}
	if c.Price != "" && c.ISBN == "" {
		p.diags.Errorf(c.PricePos, "M012", "cover.price: a price add-on needs an ISBN (cover.isbn) to stand beside")
	}
}

// pdfCover reads pdf.cover: true asks for the cover PDF even without a
// cover: map.
func (p *parser) pdfCover(v *yaml.Node, m *Manifest) {
	if v.Kind != yaml.ScalarNode {
		return
	}
	switch strings.ToLower(strings.TrimSpace(v.Value)) {
	case "true", "yes", "on":
		m.CoverSpec.Print = true
		if m.CoverSpec.Pos.File == "" {
			m.CoverSpec.Pos = p.pos(v)
		}
	case "false", "no", "off":
	default:
		p.diags.Errorf(p.pos(v), "M007", "pdf.cover must be true or false, not %q", v.Value)
	}
}

// coverPath resolves a cover file's path against the manifest's folder,
// leaving an absolute path as it is.
func coverPath(dir, p string) string {
	p = filepath.FromSlash(p)
	if filepath.IsAbs(p) {
		return filepath.Clean(p)
	}
	return filepath.Join(dir, p)
}
