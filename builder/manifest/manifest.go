// Package manifest reads a book's manifest, book.yaml, into a Manifest.
//
// viper is confined to this package. It reads the scalar values, with
// the PAMPHLET_* environment overrides of scalar keys (e.g.
// PAMPHLET_LAYOUT=a4) set into it; a yaml.Node parse of the same bytes
// checks the shape and gives every key its line, because viper reports
// neither unknown keys with positions nor the line of a wrongly typed
// value, and reads dates and lists as written.
//
// Why viper does not do more. Its own environment binding (SetEnvPrefix,
// AutomaticEnv) reads os.LookupEnv itself (viper.go, getEnv), so it
// cannot honour the environment a caller injects (builder.Options.Getenv,
// which the tests and the library's parallel builds use): the overrides
// are read through getenv and handed to viper with Set. Its defaults
// (SetDefault) would take an explicit empty value (language: "") over the
// default, where pamphlet keeps "en" and "a5"; and a layout: map's name
// must replace the default but not a given layout, which viper cannot
// tell apart. Reading twice costs little: BenchmarkParse on the sample
// book.yaml measured 0.95 ms in all, 0.41 ms of it viper's read and
// 0.21 ms the yaml.Node parse, against 150 ms for building the book.
//
// Problems are diagnostics with codes M001..M099, positioned at the key or
// value they concern:
//
//	M001 the manifest cannot be read
//	M002 YAML syntax error
//	M003 unknown key (with a suggestion)
//	M004 wrong type
//	M005 missing required key
//	M006 duplicate key (keys are case-insensitive)
//	M007 bad value (date, language, name)
//	M008 duplicate article
//	M009 the manifest is empty
//	M011 the cover image cannot be read (reported by the builder)
//	M012 bad cover value (ISBN, price, paper, binding; the builder adds
//	     an image too small for the trim, a spine too narrow, a blurb too long)
package manifest

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/spf13/viper"
	"go.yaml.in/yaml/v3"
	"golang.org/x/text/language"

	"github.com/pamphlet/pamphlet/builder/diag"

	"github.com/pamphlet/pamphlet/internal/editdist"
	"github.com/pamphlet/pamphlet/internal/inputfile"
)

// Manifest is a parsed book.yaml.
type Manifest struct {
	// Path is the manifest's file name as given; Dir its folder, against
	// which every path in it is resolved.
	Path string
	Dir  string

	Title       string
	Subtitle    string
	Authors     []string
	Publisher   string
	Date        string // as written: YYYY, YYYY-MM or YYYY-MM-DD
	Language    string // BCP 47; "en" when not given
	Identifier  string
	Description string
	Rights      string
	Subjects    []string
	Hyphenate   []string
	Layout      string // a preset name or a path; "a5" when not given
	Articles    []Article
	OutputName  string
	// ImportStrip lists extra boilerplate patterns for imported (.txt,
	// .html) articles, from import.strip.
	ImportStrip []string
	// PDF holds the pdf: overrides of the layout, keyed by their names.
	PDF map[string]any
	// PDFPos is the position of the pdf: key, for errors in its values;
	// LayoutPos that of the layout value.
	PDFPos    diag.Pos
	LayoutPos diag.Pos
	// Print holds the pdf: keys for print production (booklet, bleed, …).
	Print Print
	// Cover is the cover image's path joined to Dir ("" when not
	// given); CoverPos the position of its value.
	Cover    string
	CoverPos diag.Pos
	// CoverSpec holds the cover: settings for print (see cover.go).
	CoverSpec Cover
	// EPUB holds the epub: settings.
	EPUB EPUB
	// Fonts holds the fonts: settings (family names or font files).
	Fonts Fonts
}

// EPUB holds the epub: settings.
type EPUB struct {
	// EmbedFonts embeds the book's fonts in the EPUB (epub: {embed-fonts: true}).
	EmbedFonts bool
}

// Article is one entry of the manifest's articles list.
type Article struct {
	// File is the path as written in the manifest; Path is it joined
	// to the manifest's folder (what messages print and what is read).
	File  string
	Path  string
	Title string // overrides the article's own title when set
	Pos   diag.Pos
}

// Keys lists every top-level key with a one-line description, for
// `pamphlet help build` and for suggestions.
var Keys = []struct{ Name, Doc string }{
	{"title", "the book's title (required)"},
	{"subtitle", "the book's subtitle"},
	{"author", "the author (or use authors)"},
	{"authors", "a list of authors"},
	{"publisher", "the publisher"},
	{"date", "publication date, YYYY-MM-DD (also used as the files' date)"},
	{"language", "BCP 47 language tag, e.g. en-US (default en)"},
	{"identifier", "e.g. urn:isbn:...; default: a UUID derived from title and authors"},
	{"description", "a short description for the EPUB's metadata"},
	{"rights", "copyright or licence statement"},
	{"subjects", "a list of subjects"},
	{"hyphenate", "exception words with their hyphens, e.g. [pam-phlet]"},
	{"layout", "a preset from layouts/ (a5, a6, a4, letter, half-letter, digest, pocket) or a path to a layout file (default a5); or a map of name (the preset or file) and the layout's own keys (page, margins, font-size, leading, ragged, hyphenate, microtype), e.g. {microtype: false}"},
	{"fonts", "typefaces: body, headings, mono (each a family, bundled, in fonts/ or installed, or a font file), fallback (a list), features (e.g. [onum])"},
	{"articles", "the articles in reading order: paths, or maps with file and title (required)"},
	{"output", "output settings: name (the files' base name; default a slug of the title)"},
	{"pdf", "layout overrides: page, margins, font-size, leading, ragged, hyphenate (auto, all, none), microtype (true, false); print: booklet, sheet, signature, creep, bleed, marks, duplex, fit; standards: standard (none, pdf/a-2u, pdf/a-2a), output-intent (FOGRA39, FOGRA29)"},
	{"import", "for .txt and .html articles: strip, a list of patterns of site boilerplate to remove"},
	{"cover", "an image (the front, PNG or JPEG), or a map for the print cover NAME-cover.pdf: front (image), back (blurb, Markdown), isbn, price (5.00 USD; none), paper (80gsm, 0.1mm, 444ppi), binding (perfect, saddle), spine, inside-front, inside-back"},
	{"epub", "EPUB settings: embed-fonts (true embeds the book's fonts; default false)"},
}

var (
	articleKeys = []string{"file", "title"}
	importKeys  = []string{"strip"}
	outputKeys  = []string{"name"}
	// EPUBKeys are the keys the epub: map accepts.
	EPUBKeys = []string{"embed-fonts"}
	// LayoutKeys are the keys the layout: map accepts: the preset or
	// file it names, and the layout keys it sets over it.
	LayoutKeys = []string{"name", "page", "margins", "font-size", "leading", "ragged", "hyphenate", "microtype"}
	// PDFKeys are the keys the pdf: map accepts.
	PDFKeys = append(append([]string{"page", "margins", "font-size", "leading", "ragged", "hyphenate", "microtype"}, PrintKeys...), "cover")
)

// Load reads and checks the manifest at path. It returns nil when the
// manifest has errors, which it reports into diags.
func Load(path string, diags *diag.List) *Manifest {
	return LoadEnv(path, os.Getenv, diags)
}

// LoadEnv is Load with the PAMPHLET_* overrides read through getenv, so
// that a caller (and its tests) decides what environment a build sees.
func LoadEnv(path string, getenv func(string) string, diags *diag.List) *Manifest {
	src, err := inputfile.Read(path, maxManifestBytes)
	if err != nil {
		diags.Errorf(diag.Pos{File: path}, "M001", "cannot read manifest: %v", err)
		return nil
	}
	return Parse(path, src, getenv, diags)
}

// resolve returns the path p names: relative to the manifest's folder,
// or as it is when absolute (joining "/dev/zero" under the book's folder
// would send the user looking in the wrong place).
func (m *Manifest) resolve(p string) string {
	p = filepath.FromSlash(p)
	if filepath.IsAbs(p) {
		return filepath.Clean(p)
	}
	return filepath.Join(m.Dir, p)
}

// maxManifestBytes bounds the manifest read: a book.yaml is a few
// kilobytes, and a path into /dev or a runaway file must not fill memory.
const maxManifestBytes = 16 << 20

// Parse checks the manifest src read from path. getenv supplies the
// PAMPHLET_* overrides (nil for none). It returns nil when src has errors.
func Parse(path string, src []byte, getenv func(string) string, diags *diag.List) *Manifest {
	before := diags.Len()
	p := &parser{path: path, diags: diags}
	root := p.parseYAML(src)
	if root == nil {
		return nil
	}
	m := &Manifest{Path: path, Dir: filepath.Dir(path), Language: "en", Layout: "a5"}
	p.check(root, m)
	if hasErrorsSince(diags, before) {
		return nil
	}

	// The shape is right: let viper supply the values, so that
	// environment overrides apply as to any viper configuration.
	v := viper.New()
	v.SetConfigType("yaml")
	if err := v.ReadConfig(bytes.NewReader(src)); err != nil {
		diags.Errorf(diag.Pos{File: path}, "M002", "%v", err)
		return nil
	}
	if getenv != nil {
		for _, k := range []string{"title", "subtitle", "publisher", "language", "identifier", "layout", "rights", "description"} {
			if val := getenv("PAMPHLET_" + strings.ToUpper(k)); val != "" {
				v.Set(k, val)
			}
		}
	}
	m.Title = strings.TrimSpace(v.GetString("title"))
	m.Subtitle = v.GetString("subtitle")
	m.Publisher = v.GetString("publisher")
	m.Identifier = v.GetString("identifier")
	m.Description = v.GetString("description")
	m.Rights = v.GetString("rights")
	if s := v.GetString("language"); s != "" {
		m.Language = s
	}
	if s := v.GetString("layout"); s != "" {
		m.Layout, p.layoutGiven = s, true
	}
	p.values(m)
	if hasErrorsSince(diags, before) {
		return nil
	}
	return m
}

func hasErrorsSince(l *diag.List, n int) bool {
	for _, d := range l.Items()[n:] {
		if d.Severity == diag.Error {
			return true
		}
	}
	return false
}

type parser struct {
	path  string
	diags *diag.List
	// scalars holds the top-level scalar and list values found by check,
	// keyed by lower-case key, with their nodes, for values().
	nodes map[string]*yaml.Node
	// layoutGiven is set when layout is a single value (or the
	// environment's): a layout: map's name does not replace it.
	layoutGiven bool
}

func (p *parser) pos(n *yaml.Node) diag.Pos {
	return diag.Pos{File: p.path, Line: n.Line, Col: n.Column}
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

var parserErrors = []string{
	"did not find expected key",
	"did not find expected '-' indicator",
	"did not find expected ',' or ']'",
	"did not find expected ',' or '}'",
	"did not find expected node content",
	"did not find expected <document start>",
}

// parseYAML parses src into its document's mapping node, reporting syntax
// errors with the manifest's name and line.
func (p *parser) parseYAML(src []byte) *yaml.Node {
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		msg := err.Error()
		pos := diag.Pos{File: p.path}
		if m := yamlLine.FindStringSubmatch(msg); m != nil {
			fmt.Sscan(m[1], &pos.Line)
			msg = m[2]
			// yaml.v3 prints the 0-based line for parser (not scanner)
			// errors, which all read "did not find expected" one of these.
			for _, s := range parserErrors {
				if strings.HasSuffix(msg, s) {
					pos.Line++
					break
				}
			}
		} else {
			msg = strings.TrimPrefix(msg, "yaml: ")
		}
		p.diags.Errorf(pos, "M002", "invalid YAML: %s", msg)
		return nil
	}
	if len(doc.Content) == 0 || (doc.Content[0].Kind == yaml.ScalarNode && doc.Content[0].Tag == "!!null") {
		p.diags.Errorf(diag.Pos{File: p.path}, "M009", "the manifest is empty: it needs at least a title and a list of articles")
		return nil
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		p.diags.Errorf(p.pos(root), "M004", "the manifest must be a map of keys (title:, articles:, ...), not %s", kindName(root))
		return nil
	}
	return root
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "a list"
	case yaml.MappingNode:
		return "a map"
	case yaml.AliasNode:
		return "an alias"
	}
	if n.Tag == "!!null" {
		return "empty"
	}
	return "a single value"
}

// check walks the top-level mapping: unknown, duplicate and wrongly typed
// keys, and required keys.
func (p *parser) check(root *yaml.Node, m *Manifest) {
	p.nodes = map[string]*yaml.Node{}
	known := make([]string, len(Keys))
	for i, k := range Keys {
		known[i] = k.Name
	}
	seen := map[string]*yaml.Node{}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, val := root.Content[i], root.Content[i+1]
		name := strings.ToLower(k.Value)
		if prev, dup := seen[name]; dup {
			p.diags.Errorf(p.pos(k), "M006", "duplicate key %q (already given at line %d; keys are not case-sensitive)", k.Value, prev.Line)
			continue
		}
		seen[name] = k
		if !contains(known, name) {
			p.unknown(k, known)
			continue
		}
		p.nodes[name] = val
		switch name {
		case "author", "authors", "subjects", "hyphenate":
			p.stringList(name, val)
		case "articles":
			p.articles(val, m)
		case "output":
			p.subMap(name, val, outputKeys)
		case "import":
			p.subMap(name, val, importKeys)
		case "epub":
			p.subMap(name, val, EPUBKeys)
		case "fonts":
			p.subMap(name, val, FontKeys)
			m.Fonts.Pos = p.pos(k)
		case "pdf":
			p.subMap(name, val, PDFKeys)
			m.PDFPos = p.pos(k)
		case "layout":
			m.LayoutPos = p.pos(val)
			if val.Kind == yaml.MappingNode {
				p.subMap(name, val, LayoutKeys)
			} else {
				p.scalar(name, val)
			}
		case "cover":
			p.coverShape(k, val, m)
		default:
			p.scalar(name, val)
		}
	}
	if _, ok := seen["title"]; !ok {
		p.diags.Errorf(diag.Pos{File: p.path}, "M005", "missing required key \"title\"")
	} else if n := p.nodes["title"]; n != nil && n.Kind == yaml.ScalarNode && strings.TrimSpace(n.Value) == "" {
		p.diags.Errorf(p.pos(n), "M005", "title is empty")
	}
	if _, ok := seen["articles"]; !ok {
		p.diags.Errorf(diag.Pos{File: p.path}, "M005", "missing required key \"articles\"")
	}
	if _, a := seen["author"]; a {
		if _, b := seen["authors"]; b {
			p.diags.Errorf(p.pos(seen["authors"]), "M006", "give either author or authors, not both")
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func (p *parser) unknown(k *yaml.Node, known []string) {
	msg := fmt.Sprintf("unknown key %q", k.Value)
	if s := suggest(strings.ToLower(k.Value), known); s != "" {
		msg += fmt.Sprintf(" (did you mean %q?)", s)
	}
	p.diags.Errorf(diag.Pos{File: p.path, Line: k.Line}, "M003", "%s", msg)
}

// scalar checks that val is a single value.
func (p *parser) scalar(name string, val *yaml.Node) bool {
	if val.Kind != yaml.ScalarNode {
		p.diags.Errorf(p.pos(val), "M004", "%s must be a single value, not %s", name, kindName(val))
		return false
	}
	return true
}

// stringList checks that val is a list of single values (or one value).
func (p *parser) stringList(name string, val *yaml.Node) {
	if val.Kind == yaml.ScalarNode {
		return
	}
	if val.Kind != yaml.SequenceNode {
		p.diags.Errorf(p.pos(val), "M004", "%s must be a list, not %s", name, kindName(val))
		return
	}
	for _, it := range val.Content {
		if it.Kind != yaml.ScalarNode {
			p.diags.Errorf(p.pos(it), "M004", "each entry of %s must be a single value, not %s", name, kindName(it))
		}
	}
}

func (p *parser) subMap(name string, val *yaml.Node, keys []string) {
	if val.Kind == yaml.ScalarNode && val.Tag == "!!null" {
		return
	}
	if val.Kind != yaml.MappingNode {
		p.diags.Errorf(p.pos(val), "M004", "%s must be a map of keys (%s), not %s", name, strings.Join(keys, ", "), kindName(val))
		return
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(val.Content); i += 2 {
		k, v := val.Content[i], val.Content[i+1]
		kn := strings.ToLower(k.Value)
		if seen[kn] {
			p.diags.Errorf(p.pos(k), "M006", "duplicate key %q in %s", k.Value, name)
			continue
		}
		seen[kn] = true
		if !contains(keys, kn) {
			msg := fmt.Sprintf("unknown key %q in %s", k.Value, name)
			if s := suggest(kn, keys); s != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", s)
			}
			p.diags.Errorf(diag.Pos{File: p.path, Line: k.Line}, "M003", "%s", msg)
			continue
		}
		switch {
		case name == "import" && kn == "strip",
			name == "fonts" && (kn == "fallback" || kn == "features"):
			p.stringList(name+"."+kn, v)
		case kn != "margins":
			p.scalar(name+"."+kn, v)
		}
	}
}

func (p *parser) articles(val *yaml.Node, m *Manifest) {
	if val.Kind != yaml.SequenceNode {
		if val.Kind == yaml.ScalarNode && val.Tag == "!!null" {
			p.diags.Errorf(p.pos(val), "M005", "articles is empty: list at least one article")
			return
		}
		p.diags.Errorf(p.pos(val), "M004", "articles must be a list of files, not %s", kindName(val))
		return
	}
	if len(val.Content) == 0 {
		p.diags.Errorf(p.pos(val), "M005", "articles is empty: list at least one article")
		return
	}
	seen := map[string]int{}
	for _, it := range val.Content {
		a := Article{Pos: diag.Pos{File: p.path, Line: it.Line}}
		switch it.Kind {
		case yaml.ScalarNode:
			a.File = it.Value
		case yaml.MappingNode:
			for i := 0; i+1 < len(it.Content); i += 2 {
				k, v := it.Content[i], it.Content[i+1]
				kn := strings.ToLower(k.Value)
				if !contains(articleKeys, kn) {
					msg := fmt.Sprintf("unknown key %q in article entry", k.Value)
					if s := suggest(kn, articleKeys); s != "" {
						msg += fmt.Sprintf(" (did you mean %q?)", s)
					}
					p.diags.Errorf(diag.Pos{File: p.path, Line: k.Line}, "M003", "%s", msg)
					continue
				}
				if !p.scalar("article "+kn, v) {
					continue
				}
				if kn == "file" {
					a.File = v.Value
				} else {
					a.Title = v.Value
				}
			}
			if a.File == "" {
				p.diags.Errorf(p.pos(it), "M005", "article entry has no file")
				continue
			}
		default:
			p.diags.Errorf(p.pos(it), "M004", "each article must be a file path or a map with file and title, not %s", kindName(it))
			continue
		}
		if strings.TrimSpace(a.File) == "" {
			p.diags.Errorf(p.pos(it), "M005", "article entry has an empty file name")
			continue
		}
		a.Path = m.resolve(a.File)
		key := filepath.Clean(a.Path)
		if prev, dup := seen[key]; dup {
			p.diags.Errorf(a.Pos, "M008", "article %s is listed twice (first at line %d)", a.File, prev)
			continue
		}
		seen[key] = it.Line
		m.Articles = append(m.Articles, a)
	}
}

var dateRE = regexp.MustCompile(`^\d{4}(-\d{2}(-\d{2})?)?$`)

// values fills the list and checked values from the nodes. Scalars come
// from viper; dates and lists are read from the nodes, since YAML would
// turn an unquoted date into a timestamp and lose how it was written.
func (p *parser) values(m *Manifest) {
	list := func(name string) []string {
		n := p.nodes[name]
		if n == nil {
			return nil
		}
		if n.Kind == yaml.ScalarNode {
			if n.Tag == "!!null" || strings.TrimSpace(n.Value) == "" {
				return nil
			}
			return []string{n.Value}
		}
		var out []string
		for _, it := range n.Content {
			if s := strings.TrimSpace(it.Value); s != "" {
				out = append(out, s)
			}
		}
		return out
	}
	m.Authors = list("author")
	if len(m.Authors) == 0 {
		m.Authors = list("authors")
	}
	m.Subjects = list("subjects")
	m.Hyphenate = list("hyphenate")
	if n := p.nodes["date"]; n != nil {
		m.Date = strings.TrimSpace(n.Value)
		if m.Date != "" && !validDate(m.Date) {
			p.diags.Errorf(p.pos(n), "M007", "date %q is not a date (write YYYY-MM-DD)", m.Date)
		}
	}
	if n := p.nodes["language"]; n != nil {
		if _, err := language.Parse(m.Language); err != nil {
			p.diags.Errorf(p.pos(n), "M007", "language %q is not a BCP 47 language tag (e.g. en, en-US, de)", m.Language)
		}
	}
	if n := p.nodes["output"]; n != nil && n.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(n.Content); i += 2 {
			if strings.ToLower(n.Content[i].Value) == "name" {
				v := n.Content[i+1]
				m.OutputName = strings.TrimSpace(v.Value)
				if m.OutputName == "" || strings.ContainsAny(m.OutputName, `/\`) || m.OutputName == "." || m.OutputName == ".." || strings.HasPrefix(m.OutputName, ".") {
					p.diags.Errorf(p.pos(v), "M007", "output name %q must be a plain file name without folders or extension", v.Value)
				}
			}
		}
	}
	if n := p.nodes["import"]; n != nil && n.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(n.Content); i += 2 {
			if strings.ToLower(n.Content[i].Value) != "strip" {
				continue
			}
			v := n.Content[i+1]
			if v.Kind == yaml.ScalarNode && v.Value != "" {
				m.ImportStrip = append(m.ImportStrip, v.Value)
			}
			for _, it := range v.Content {
				m.ImportStrip = append(m.ImportStrip, it.Value)
			}
			for _, pat := range m.ImportStrip {
				if _, err := regexp.Compile("(?i)" + pat); err != nil {
					p.diags.Errorf(p.pos(v), "M007", "import.strip: %q is not a regular expression: %v", pat, err)
				}
			}
		}
	}
	if n := p.nodes["pdf"]; n != nil && n.Kind == yaml.MappingNode {
		m.PDF = map[string]any{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := strings.ToLower(n.Content[i].Value), n.Content[i+1]
			if !contains(PDFKeys, k) {
				continue
			}
			if isPrintKey(k) {
				p.printKey(k, v, &m.Print)
				continue
			}
			if k == "cover" {
				p.pdfCover(v, m)
				continue
			}
			var val any
			if err := v.Decode(&val); err == nil {
				m.PDF[k] = val
			}
		}
	}
	if n := p.nodes["layout"]; n != nil && n.Kind == yaml.MappingNode {
		// layout: {name: a5, microtype: false}: the layout it names,
		// with its keys set as the pdf: map sets them (which wins
		// where both set one).
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := strings.ToLower(n.Content[i].Value), n.Content[i+1]
			if !contains(LayoutKeys, k) {
				continue
			}
			if k == "name" {
				if s := strings.TrimSpace(v.Value); v.Kind == yaml.ScalarNode && s != "" && !p.layoutGiven {
					m.Layout = s
				}
				continue
			}
			var val any
			if err := v.Decode(&val); err != nil {
				continue
			}
			if m.PDF == nil {
				m.PDF = map[string]any{}
			}
			if _, set := m.PDF[k]; !set {
				m.PDF[k] = val
			}
		}
	}
	if n := p.nodes["cover"]; n != nil && n.Kind == yaml.ScalarNode {
		if c := strings.TrimSpace(n.Value); c != "" {
			m.Cover = m.resolve(c)
		}
	}
	p.cover(m)
	if n := p.nodes["epub"]; n != nil && n.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := strings.ToLower(n.Content[i].Value), n.Content[i+1]
			if k != "embed-fonts" || v.Kind != yaml.ScalarNode {
				continue
			}
			if err := v.Decode(&m.EPUB.EmbedFonts); err != nil {
				p.diags.Errorf(p.pos(v), "M007", "epub.embed-fonts must be true or false, not %q", v.Value)
			}
		}
	}
	if n := p.nodes["fonts"]; n != nil {
		p.fonts(n, m)
	}
	for i := range m.Articles {
		if m.Articles[i].Title != "" {
			m.Articles[i].Title = strings.TrimSpace(m.Articles[i].Title)
		}
	}
}

func validDate(s string) bool {
	if !dateRE.MatchString(s) {
		_, err := time.Parse(time.RFC3339, s)
		return err == nil
	}
	layout := "2006-01-02"[:len(s)]
	_, err := time.Parse(layout, s)
	return err == nil
}

// suggest returns the known key nearest to s by edit distance, when it is
// near enough to be a likely misspelling.
func suggest(s string, known []string) string {
	best, bestD := "", 1<<30
	sorted := append([]string(nil), known...)
	sort.Strings(sorted)
	for _, k := range sorted {
		if d := editdist.Distance(s, k); d < bestD {
			best, bestD = k, d
		}
	}
	limit := 2
	if len(s) > 6 {
		limit = 3
	}
	if bestD <= limit && bestD < len(s) {
		return best
	}
	return ""
}
