package library

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"
)

// ConfigFile is the name of a library's optional settings file, in the
// library's folder.
const ConfigFile = "library.yaml"

// Config is what library.yaml says, or what a folder without one implies.
type Config struct {
	// Path is library.yaml's path; empty when the books were found by
	// walking the folder.
	Path        string
	Title       string
	Description string
	// BaseURL is where the site will be served from ("https://example.org/books/"),
	// for the feeds' absolute links; empty leaves links relative.
	BaseURL string
	// Language is the site's own language (its pages' lang); "en" by default.
	Language string
	// Groups are the series or topics, in the order the index shows them.
	Groups []Group
	// Books are the books in order.
	Books []Entry
}

// Group is a series or topic that books belong to.
type Group struct {
	ID          string
	Title       string
	Description string
}

// Entry is one book of the library: its manifest and its groups.
type Entry struct {
	Manifest string
	Groups   []string
	// Line is the entry's line in library.yaml, for messages; 0 when found
	// by walking.
	Line int
}

// fileConfig is library.yaml as written.
type fileConfig struct {
	Title       string      `yaml:"title"`
	Description string      `yaml:"description"`
	BaseURL     string      `yaml:"base-url"`
	Language    string      `yaml:"language"`
	Groups      []fileGroup `yaml:"groups"`
	Books       []fileEntry `yaml:"books"`
}

type fileGroup struct {
	ID          string `yaml:"id"`
	Title       string `yaml:"title"`
	Description string `yaml:"description"`
	line        int
}

func (g *fileGroup) UnmarshalYAML(n *yaml.Node) error {
	type plain fileGroup
	var p plain
	if err := checkKeys(n, "fileGroup", "id", "title", "description"); err != nil {
		return err
	}
	if err := n.Decode(&p); err != nil {
		return err
	}
	*g = fileGroup(p)
	g.line = n.Line
	return nil
}

// fileEntry is a book: a folder (or book.yaml) as a string, or a map
// with path and groups.
type fileEntry struct {
	Path   string   `yaml:"path"`
	Groups []string `yaml:"groups"`
	line   int
}

func (e *fileEntry) UnmarshalYAML(n *yaml.Node) error {
	e.line = n.Line
	if n.Kind == yaml.ScalarNode {
		e.Path = n.Value
		return nil
	}
	type plain fileEntry
	var p plain
	if err := checkKeys(n, "plain", "path", "groups"); err != nil {
		return err
	}
	if err := n.Decode(&p); err != nil {
		return err
	}
	e.Path, e.Groups = p.Path, p.Groups
	return nil
}

// checkKeys reports a key of the mapping n that is not among known, in
// the words of the yaml package's own strict decoding (which a custom
// UnmarshalYAML does not inherit), for yamlError to rewrite.
func checkKeys(n *yaml.Node, typ string, known ...string) error {
	if n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		if !slices.Contains(known, k.Value) {
			return fmt.Errorf("line %d: field %s not found in type library.%s", k.Line, k.Value, typ)
		}
	}
	return nil
}

// maxConfigBytes bounds library.yaml: a catalogue of thousands of books
// is far below it.
const maxConfigBytes = 4 << 20

// LoadConfig reads DIR/library.yaml, or, when there is none, finds every
// book.yaml under dir (in path order), skipping hidden folders and skip
// (the site's own folder, which may lie inside dir). Errors name the file
// and line.
func LoadConfig(dir, skip string) (*Config, error) {
	path := filepath.Join(dir, ConfigFile)
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return discover(dir, skip)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(data) > maxConfigBytes {
		return nil, fmt.Errorf("%s: larger than %d MB", path, maxConfigBytes>>20)
	}
	var fc fileConfig
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&fc); err != nil && !errors.Is(err, io.EOF) {
		return nil, yamlError(path, err)
	}
	c := &Config{Path: path, Title: fc.Title, Description: fc.Description, BaseURL: fc.BaseURL, Language: fc.Language}
	if c.BaseURL != "" && !strings.HasSuffix(c.BaseURL, "/") {
		c.BaseURL += "/"
	}
	known := map[string]bool{}
	for _, g := range fc.Groups {
		if g.ID == "" || !isSlug(g.ID) {
			return nil, fmt.Errorf("%s:%d: a group needs an id of lower-case letters, digits and hyphens (got %q)", path, g.line, g.ID)
		}
		if known[g.ID] {
			return nil, fmt.Errorf("%s:%d: group %q is listed twice", path, g.line, g.ID)
		}
		known[g.ID] = true
		if g.Title == "" {
			g.Title = g.ID
		}
		c.Groups = append(c.Groups, Group{ID: g.ID, Title: g.Title, Description: g.Description})
	}
	if len(fc.Books) == 0 {
		found, err := discover(dir, skip)
		if err != nil {
			return nil, err
		}
		c.Books = found.Books
	}
	seen := map[string]int{}
	for _, e := range fc.Books {
		if strings.TrimSpace(e.Path) == "" {
			return nil, fmt.Errorf("%s:%d: a book needs a path (its folder or its book.yaml)", path, e.line)
		}
		m := filepath.Join(dir, filepath.FromSlash(e.Path))
		if fi, err := os.Stat(m); err == nil && fi.IsDir() {
			m = filepath.Join(m, "book.yaml")
		}
		if _, err := os.Stat(m); errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("%s:%d: book %q: no such folder or manifest", path, e.line, e.Path)
		} else if err != nil {
			return nil, fmt.Errorf("%s:%d: book %q: %w", path, e.line, e.Path, err)
		}
		key := filepath.Clean(m)
		if l, dup := seen[key]; dup {
			return nil, fmt.Errorf("%s:%d: book %q is already listed at line %d", path, e.line, e.Path, l)
		}
		seen[key] = e.line
		for _, g := range e.Groups {
			if !known[g] {
				return nil, fmt.Errorf("%s:%d: book %q: group %q is not among the groups (%s)", path, e.line, e.Path, g, strings.Join(groupIDs(c.Groups), ", "))
			}
		}
		c.Books = append(c.Books, Entry{Manifest: m, Groups: e.Groups, Line: e.line})
	}
	if c.Language == "" {
		c.Language = "en"
	}
	return c, nil
}

// yamlLine matches the yaml package's messages ("yaml: line 3: ...",
// "line 3: field x not found in type library.fileGroup").
var (
	yamlLine    = regexp.MustCompile(`^(?:yaml: )?line (\d+): (.*)$`)
	yamlUnknown = regexp.MustCompile(`^field (\S+) not found in type library\.(\w+)$`)
)

// knownKeys lists the keys of each part of library.yaml, for messages.
var knownKeys = map[string]string{
	"fileConfig": "title, description, base-url, language, groups, books",
	"fileGroup":  "id, title, description",
	"plain":      "path, groups",
}

// yamlError rewrites the yaml package's errors as pamphlet's messages:
// FILE:LINE: message, an unknown key with the known ones.
func yamlError(path string, err error) error {
	msg := strings.TrimPrefix(err.Error(), "yaml: unmarshal errors:\n")
	var out []string
	for _, l := range strings.Split(msg, "\n") {
		l = strings.TrimSpace(l)
		m := yamlLine.FindStringSubmatch(l)
		if m == nil {
			out = append(out, fmt.Sprintf("%s: %s", path, strings.TrimPrefix(l, "yaml: ")))
			continue
		}
		text := m[2]
		if u := yamlUnknown.FindStringSubmatch(text); u != nil {
			text = fmt.Sprintf("unknown key %q (known: %s)", u[1], knownKeys[u[2]])
		}
		out = append(out, fmt.Sprintf("%s:%s: %s", path, m[1], text))
	}
	return errors.New(strings.Join(out, "\n"))
}

func groupIDs(gs []Group) []string {
	var out []string
	for _, g := range gs {
		out = append(out, g.ID)
	}
	if len(out) == 0 {
		return []string{"none defined"}
	}
	return out
}

func isSlug(s string) bool {
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
			return false
		}
	}
	return s != ""
}

// discover finds every book.yaml under dir.
func discover(dir, skip string) (*Config, error) {
	skipAbs, _ := filepath.Abs(skip)
	var books []Entry
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == dir {
				return err
			}
			return nil // an unreadable folder holds no book we can build
		}
		if d.IsDir() {
			if p != dir && (strings.HasPrefix(d.Name(), ".") || d.Name() == "node_modules") {
				return filepath.SkipDir
			}
			if abs, _ := filepath.Abs(p); skip != "" && abs == skipAbs {
				return filepath.SkipDir
			}
			return nil
		}
		if d.Name() == "book.yaml" {
			books = append(books, Entry{Manifest: p})
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("finding books: %w", err)
	}
	sort.Slice(books, func(i, j int) bool { return books[i].Manifest < books[j].Manifest })
	return &Config{Language: "en", Books: books}, nil
}
