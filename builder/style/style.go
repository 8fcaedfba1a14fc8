// Package style is the typed layout of the print edition: page size,
// margins and type sizes, read from a preset in layouts/ or a YAML file,
// with the manifest's overrides applied on top. A page is a paper size of
// builder/paper by name (page: a5) or two lengths.
package style

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/pamphlet/pamphlet/builder/paper"
	"github.com/pamphlet/pamphlet/builder/units"
	"github.com/pamphlet/pamphlet/internal/inputfile"
	"github.com/pamphlet/pamphlet/layouts"
)

// Style is the geometry and typography of the printed page. Lengths are
// in scaled points.
type Style struct {
	// Name is the preset's name or the file's path.
	Name string
	// PageWidth and PageHeight are the trimmed page size.
	PageWidth, PageHeight units.Sp
	// Inner is the margin at the spine, Outer at the fore-edge; verso
	// pages mirror recto ones.
	Inner, Outer, Top, Bottom units.Sp
	// FontSize and Leading (baseline to baseline) of body text.
	FontSize, Leading units.Sp
	// Title is the size of an article's title; H2, H3 and H4 of section
	// headings (deeper levels use H4).
	Title, H2, H3, H4 units.Sp
	// Indent is the first-line indent of paragraphs that follow another.
	Indent units.Sp
	// Ragged sets text flush left instead of justified.
	Ragged bool
	// Hyphenate says which languages are hyphenated: "auto" (every
	// language with patterns but the scripts of India, whose books are
	// set without hyphens), "all" or "none".
	Hyphenate string
	// RectoOpenings starts every article on a right-hand page, leaving
	// the verso before it blank when needed.
	RectoOpenings bool
	// Microtype sets justified text with character protrusion and font
	// expansion (the layout key microtype, default true).
	Microtype bool
}

// TextWidth is the width of the text block.
func (s *Style) TextWidth() units.Sp { return s.PageWidth - s.Inner - s.Outer }

// TextHeight is the height of the text block.
func (s *Style) TextHeight() units.Sp { return s.PageHeight - s.Top - s.Bottom }

// HeadingSize returns the size of a heading of level (1 = the article title).
func (s *Style) HeadingSize(level int) units.Sp {
	switch {
	case level <= 1:
		return s.Title
	case level == 2:
		return s.H2
	case level == 3:
		return s.H3
	}
	return s.H4
}

// Presets lists the names of the built-in layouts, sorted.
func Presets() []string {
	ents, _ := fs.Glob(layouts.FS, "*.yaml")
	var out []string
	for _, e := range ents {
		out = append(out, strings.TrimSuffix(e, ".yaml"))
	}
	sort.Strings(out)
	return out
}

// file is a layout as written in YAML. Lengths are strings ("148mm",
// "10.5pt", "1.5em"; em is the body font size).
type file struct {
	Page     size              `yaml:"page"`
	Margins  margins           `yaml:"margins"`
	FontSize string            `yaml:"font-size"`
	Leading  string            `yaml:"leading"`
	Headings map[string]string `yaml:"headings"`
	Indent   string            `yaml:"indent"`
	Ragged   *bool             `yaml:"ragged"`
	// Hyphenate is auto, all or none.
	Hyphenate string `yaml:"hyphenate"`
	// Recto is the layout key recto-openings.
	Recto *bool `yaml:"recto-openings"`
	// Microtype turns protrusion and font expansion on or off.
	Microtype *bool `yaml:"microtype"`
}

// size is a layout's page: a paper size of builder/paper by name
// (page: a5) or its two lengths (page: {width: 4.25in, height: 6.87in}).
type size struct {
	Name   string
	Width  string `yaml:"width"`
	Height string `yaml:"height"`
}

// UnmarshalYAML reads a page given by name or by its lengths.
func (s *size) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		*s = size{Name: n.Value}
		return nil
	}
	type lengths size // without this method
	var l lengths
	if err := n.Decode(&l); err != nil {
		return err
	}
	*s = size(l)
	return nil
}

type margins struct {
	Inner  string `yaml:"inner"`
	Outer  string `yaml:"outer"`
	Top    string `yaml:"top"`
	Bottom string `yaml:"bottom"`
}

// Load returns the layout name: a preset of layouts/ ("a5" when name is
// empty) or the path of a YAML file, relative paths resolved against dir.
// overrides are the manifest's pdf keys (page, margins, font-size,
// leading, ragged) and may be nil.
func Load(name, dir string, overrides map[string]any) (*Style, error) {
	if name == "" {
		name = "a5"
	}
	src, err := read(name, dir)
	if err != nil {
		return nil, err
	}
	var f file
	dec := yaml.NewDecoder(bytes.NewReader(src))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("layout %s: %w", name, err)
	}
	if err := applyOverrides(&f, overrides, dir); err != nil {
		return nil, &OverrideError{fmt.Errorf("layout %s: %w", name, err)}
	}
	s, err := f.resolve()
	if err != nil {
		return nil, fmt.Errorf("layout %s: %w", name, err)
	}
	s.Name = name
	return s, nil
}

// OverrideError is Load's error for a bad override (a key of the
// manifest's pdf: map), as against a bad layout, so that the caller can
// point at the right key.
type OverrideError struct{ Err error }

func (e *OverrideError) Error() string { return e.Err.Error() }
func (e *OverrideError) Unwrap() error { return e.Err }

func read(name, dir string) ([]byte, error) {
	if !strings.ContainsAny(name, `/\.`) {
		b, err := fs.ReadFile(layouts.FS, name+".yaml")
		if err != nil {
			return nil, fmt.Errorf("layout %q is not a preset (presets: %s) nor a file", name, strings.Join(Presets(), ", "))
		}
		return b, nil
	}
	p := name
	if !filepath.IsAbs(p) {
		p = filepath.Join(dir, p)
	}
	b, err := inputfile.Read(p, maxLayoutBytes)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return b, nil
}

// maxLayoutBytes bounds a layout file read: a layout is a page of YAML.
const maxLayoutBytes = 1 << 20

func applyOverrides(f *file, o map[string]any, dir string) error {
	keys := make([]string, 0, len(o))
	for k := range o {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		v := o[k]
		switch strings.ToLower(k) {
		case "page":
			s, ok := v.(string)
			if !ok {
				return fmt.Errorf("pdf.page: want a preset name or WIDTHxHEIGHT, got %v", v)
			}
			if w, h, ok := strings.Cut(strings.ReplaceAll(strings.ToLower(s), "×", "x"), "x"); ok && strings.ContainsAny(w, "0123456789") {
				f.Page = size{Width: strings.TrimSpace(w), Height: strings.TrimSpace(h)}
				continue
			}
			if _, ok := paper.ByName(s); ok {
				f.Page = size{Name: s}
				continue
			}
			src, err := read(s, dir)
			if err != nil {
				return err
			}
			var p file
			if err := yaml.Unmarshal(src, &p); err != nil {
				return fmt.Errorf("page %s: %w", s, err)
			}
			f.Page = p.Page
		case "margins":
			switch m := v.(type) {
			case map[string]any:
				for mk, mv := range m {
					l := lengthString(mv)
					switch strings.ToLower(mk) {
					case "inner":
						f.Margins.Inner = l
					case "outer":
						f.Margins.Outer = l
					case "top":
						f.Margins.Top = l
					case "bottom":
						f.Margins.Bottom = l
					default:
						return fmt.Errorf("pdf.margins: unknown key %q (inner, outer, top, bottom)", mk)
					}
				}
			default:
				l := lengthString(v)
				f.Margins = margins{l, l, l, l}
			}
		case "font-size", "fontsize", "font_size":
			f.FontSize = lengthString(v)
		case "leading":
			f.Leading = lengthString(v)
		case "ragged":
			b, err := toBool(v)
			if err != nil {
				return fmt.Errorf("pdf.ragged: %w", err)
			}
			f.Ragged = &b
		case "indent":
			f.Indent = lengthString(v)
		case "microtype":
			b, err := toBool(v)
			if err != nil {
				return fmt.Errorf("pdf.microtype: %w", err)
			}
			f.Microtype = &b
		case "hyphenate":
			s := strings.ToLower(strings.TrimSpace(fmt.Sprint(v)))
			if b, err := toBool(v); err == nil {
				s = map[bool]string{true: "all", false: "none"}[b]
			}
			if s != "auto" && s != "all" && s != "none" {
				return fmt.Errorf("pdf.hyphenate: %q is not auto, all or none", fmt.Sprint(v))
			}
			f.Hyphenate = s
		default:
			return fmt.Errorf("unknown pdf key %q (page, margins, font-size, leading, indent, ragged, hyphenate, microtype)", k)
		}
	}
	return nil
}

func lengthString(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case int:
		return strconv.Itoa(x)
	case int64:
		return strconv.FormatInt(x, 10)
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	}
	return fmt.Sprint(v)
}

func toBool(v any) (bool, error) {
	switch x := v.(type) {
	case bool:
		return x, nil
	case string:
		return strconv.ParseBool(x)
	}
	return false, fmt.Errorf("want true or false, got %v", v)
}

func (f *file) resolve() (*Style, error) {
	s := &Style{}
	var errs []error
	length := func(field, v string, em units.Sp, def units.Sp) units.Sp {
		if strings.TrimSpace(v) == "" {
			if def < 0 {
				errs = append(errs, fmt.Errorf("%s is missing", field))
			}
			return max(def, 0)
		}
		if t := strings.TrimSpace(v); strings.HasSuffix(t, "em") && em > 0 {
			x, err := strconv.ParseFloat(strings.TrimSpace(strings.TrimSuffix(t, "em")), 64)
			if err != nil || x < 0 || x > 100 {
				errs = append(errs, fmt.Errorf("%s: %q is not a length", field, v))
				return 0
			}
			return units.Sp(x * float64(em))
		}
		l, err := units.Parse(v)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", field, err))
		}
		return l
	}
	if f.Page.Name != "" {
		p, ok := paper.ByName(f.Page.Name)
		if !ok {
			errs = append(errs, fmt.Errorf("page: %q is not a paper size (%s); give {width: …, height: …} for others", f.Page.Name, paper.Names()))
		}
		s.PageWidth, s.PageHeight = p.W, p.H
	} else {
		s.PageWidth = length("page.width", f.Page.Width, 0, -1)
		s.PageHeight = length("page.height", f.Page.Height, 0, -1)
	}
	s.Inner = length("margins.inner", f.Margins.Inner, 0, -1)
	s.Outer = length("margins.outer", f.Margins.Outer, 0, -1)
	s.Top = length("margins.top", f.Margins.Top, 0, -1)
	s.Bottom = length("margins.bottom", f.Margins.Bottom, 0, -1)
	s.FontSize = length("font-size", f.FontSize, 0, -1)
	s.Leading = length("leading", f.Leading, s.FontSize, s.FontSize*6/5)
	h := f.Headings
	s.Title = length("headings.title", h["title"], s.FontSize, s.FontSize*2)
	s.H2 = length("headings.h2", h["h2"], s.FontSize, s.FontSize*5/4)
	s.H3 = length("headings.h3", h["h3"], s.FontSize, s.FontSize*11/10)
	s.H4 = length("headings.h4", h["h4"], s.FontSize, s.FontSize)
	for k := range h {
		switch k {
		case "title", "h2", "h3", "h4":
		default:
			errs = append(errs, fmt.Errorf("headings: unknown key %q (title, h2, h3, h4)", k))
		}
	}
	s.Indent = length("indent", f.Indent, s.FontSize, s.FontSize*3/2)
	if f.Recto != nil {
		s.RectoOpenings = *f.Recto
	}
	if f.Ragged != nil {
		s.Ragged = *f.Ragged
	}
	s.Microtype = f.Microtype == nil || *f.Microtype
	s.Hyphenate = "auto"
	if f.Hyphenate != "" {
		s.Hyphenate = f.Hyphenate
	}
	if len(errs) == 0 {
		switch {
		case s.FontSize < 4*units.Pt || s.FontSize > 72*units.Pt:
			errs = append(errs, fmt.Errorf("font-size %v is outside 4pt–72pt", s.FontSize))
		case s.Leading < s.FontSize*9/10:
			errs = append(errs, fmt.Errorf("leading %v is smaller than the font size %v", s.Leading, s.FontSize))
		case s.TextWidth() < 20*s.FontSize/2:
			errs = append(errs, fmt.Errorf("the text block is %v wide: too narrow for %v type (margins too wide?)", s.TextWidth(), s.FontSize))
		case s.TextHeight() < 8*s.Leading:
			errs = append(errs, fmt.Errorf("the text block is %v high: too short for %v leading", s.TextHeight(), s.Leading))
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return s, nil
}
