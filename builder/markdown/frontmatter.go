package markdown

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/pamphlet/pamphlet/builder/doc"
	"go.yaml.in/yaml/v3"
)

// bom is the UTF-8 byte order mark some editors put at the start of a file.
var bom = []byte("\uFEFF")

// yamlLine finds the line number in a go-yaml error message.
var yamlLine = regexp.MustCompile(`line (\d+): `)

// frontMatter reads the YAML front matter at the top of c.src, if any,
// and returns the metadata and the offset where the Markdown body starts.
func (c *converter) frontMatter() (doc.Meta, int) {
	var meta doc.Meta
	start := 0
	if bytes.HasPrefix(c.src, bom) {
		start = len(bom)
	}
	first, next := lineAt(c.src, start)
	if strings.TrimRight(string(first), " \t\r") != "---" {
		return meta, start
	}
	yamlStart := next
	for off := next; off < len(c.src); {
		l, n := lineAt(c.src, off)
		if t := strings.TrimRight(string(l), " \t\r"); t == "---" || t == "..." {
			c.decodeFront(c.src[yamlStart:off], yamlStart, &meta)
			return meta, n
		}
		off = n
	}
	c.diags.Errorf(c.pos(start), codeUnclosedFront, "front matter is not closed: add a line \"---\" after it")
	return meta, len(c.src)
}

// lineAt returns the line starting at off, without its newline, and the
// offset of the next line.
func lineAt(src []byte, off int) ([]byte, int) {
	if i := bytes.IndexByte(src[off:], '\n'); i >= 0 {
		return src[off : off+i], off + i + 1
	}
	return src[off:], len(src)
}

// decodeFront decodes the YAML text y, which starts at byte off of the
// file, into meta. Errors and unknown keys are reported at their line in
// the file, not in the front matter.
func (c *converter) decodeFront(y []byte, off int, meta *doc.Meta) {
	firstLine, _ := c.lines.at(off)
	fileLine := func(yl int) doc.Pos { return doc.Pos{File: c.path, Line: firstLine + yl - 1} }

	var root yaml.Node
	if err := yaml.Unmarshal(y, &root); err != nil {
		msg := strings.TrimPrefix(err.Error(), "yaml: ")
		pos := doc.Pos{File: c.path, Line: firstLine}
		if m := yamlLine.FindStringSubmatchIndex(msg); m != nil {
			n, _ := strconv.Atoi(msg[m[2]:m[3]])
			if strings.Contains(msg, "did not find expected") {
				// go-yaml counts lines from 0 for parser (not scanner)
				// errors, which name the line where the unfinished
				// construct began.
				n++
			}
			pos = fileLine(n)
			msg = msg[:m[0]] + msg[m[1]:]
		}
		c.diags.Errorf(pos, codeYAML, "front matter: %s", msg)
		return
	}
	if len(root.Content) == 0 {
		return // empty front matter
	}
	m := root.Content[0]
	if m.Kind != yaml.MappingNode {
		c.diags.Errorf(fileLine(m.Line), codeYAML, "front matter must be a mapping of keys to values")
		return
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		var err error
		switch k.Value {
		case "title":
			err = decodeString(v, &meta.Title)
		case "subtitle":
			err = decodeString(v, &meta.Subtitle)
		case "author", "authors":
			var names []string
			names, err = decodeStrings(v)
			meta.Authors = append(meta.Authors, names...)
		case "date":
			err = decodeString(v, &meta.Date)
		case "source":
			err = decodeString(v, &meta.Source)
		case "lang":
			err = decodeString(v, &meta.Lang)
		case "hyphenate":
			var words []string
			words, err = decodeStrings(v)
			meta.Hyphenate = append(meta.Hyphenate, words...)
		default:
			c.diags.Warnf(fileLine(k.Line), codeUnknownKey,
				"unknown front-matter key %q (known: title, subtitle, author, authors, date, source, lang, hyphenate)", k.Value)
		}
		if err != nil {
			c.diags.Errorf(fileLine(v.Line), codeYAML, "front matter: %s: %v", k.Value, err)
		}
	}
}

// decodeString accepts a scalar of any YAML type (a date or a number is
// read as written) and rejects lists and mappings.
func decodeString(v *yaml.Node, out *string) error {
	if v.Kind != yaml.ScalarNode {
		return fmt.Errorf("want a single value, not a %s", kindName(v.Kind))
	}
	if v.Tag == "!!null" {
		return nil
	}
	*out = strings.TrimSpace(v.Value)
	return nil
}

// decodeStrings accepts one string or a list of strings.
func decodeStrings(v *yaml.Node) ([]string, error) {
	switch v.Kind {
	case yaml.ScalarNode:
		var s string
		if err := decodeString(v, &s); err != nil || s == "" {
			return nil, err
		}
		return []string{s}, nil
	case yaml.SequenceNode:
		out := make([]string, 0, len(v.Content))
		for _, e := range v.Content {
			var s string
			if err := decodeString(e, &s); err != nil {
				return nil, fmt.Errorf("list entries: %w", err)
			}
			if s != "" {
				out = append(out, s)
			}
		}
		return out, nil
	}
	return nil, fmt.Errorf("want a string or a list of strings, not a %s", kindName(v.Kind))
}

func kindName(k yaml.Kind) string {
	switch k {
	case yaml.SequenceNode:
		return "list"
	case yaml.MappingNode:
		return "mapping"
	case yaml.AliasNode:
		return "alias"
	}
	return "value"
}
