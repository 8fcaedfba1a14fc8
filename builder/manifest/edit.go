package manifest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/pamphlet/pamphlet/internal/inputfile"
	"github.com/pamphlet/pamphlet/internal/tempfile"
)

// This file edits book.yaml for `pamphlet import --add`: by its text, not
// by re-encoding a parse, so that the writer's comments, order and
// quoting survive.

// ImportStrip reads import.strip from the manifest at path without
// checking the rest of it, for `pamphlet import`, which must work on a
// manifest still being written.
func ImportStrip(path string) ([]string, error) {
	src, err := inputfile.Read(path, maxManifestBytes)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	var root yaml.Node
	if err := yaml.Unmarshal(src, &root); err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	imp := editMapValue(editDocMapping(&root), "import")
	strip := editMapValue(imp, "strip")
	if strip == nil {
		return nil, nil
	}
	var out []string
	if strip.Kind == yaml.ScalarNode {
		return []string{strip.Value}, nil
	}
	if strip.Kind != yaml.SequenceNode {
		return nil, fmt.Errorf("%s:%d: import.strip must be a list of patterns", path, strip.Line)
	}
	for _, n := range strip.Content {
		if n.Kind != yaml.ScalarNode {
			return nil, fmt.Errorf("%s:%d: import.strip: each pattern must be a string", path, n.Line)
		}
		out = append(out, n.Value)
	}
	return out, nil
}

func editDocMapping(root *yaml.Node) *yaml.Node {
	if root.Kind == yaml.DocumentNode && len(root.Content) == 1 && root.Content[0].Kind == yaml.MappingNode {
		return root.Content[0]
	}
	return nil
}

func editMapValue(m *yaml.Node, key string) *yaml.Node {
	if m == nil || m.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

// AddArticles appends articles (paths) to the articles list of the
// manifest at path by editing its text: new lines in the list's own style
// go after its last entry, so comments, order and quoting elsewhere stay
// as they were. Articles already listed are not added again; the file is
// replaced atomically, and left alone when nothing is new.
func AddArticles(ctx context.Context, path string, articles []string) error {
	src, err := inputfile.Read(path, maxManifestBytes)
	if err != nil {
		return fmt.Errorf("cannot add to the manifest: %w", err)
	}
	var entries []string
	for _, a := range articles {
		rel, err := filepath.Rel(filepath.Dir(path), a)
		if err != nil {
			rel = a
		}
		entries = append(entries, filepath.ToSlash(rel))
	}
	out, err := AppendArticles(src, entries)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if bytes.Equal(out, src) {
		return nil
	}
	// An interrupted edit leaves the manifest whole.
	return tempfile.WriteFile(ctx, path, out, 0o644, true)
}

// AppendArticles returns the manifest text src with entries appended to
// its articles list, skipping those already listed.
func AppendArticles(src []byte, entries []string) ([]byte, error) {
	var root yaml.Node
	if err := yaml.Unmarshal(src, &root); err != nil {
		return nil, err
	}
	m := editDocMapping(&root)
	if m == nil && len(bytes.TrimSpace(src)) > 0 {
		return nil, errors.New("the manifest is not a mapping of keys to values")
	}
	lines := strings.SplitAfter(string(src), "\n")
	if len(lines) > 0 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	if n := len(lines); n > 0 && !strings.HasSuffix(lines[n-1], "\n") {
		lines[n-1] += "\n"
	}
	list := editMapValue(m, "articles")
	listed := map[string]bool{}
	if list != nil {
		for _, it := range list.Content {
			if it.Kind == yaml.ScalarNode {
				listed[it.Value] = true
			} else if f := editMapValue(it, "file"); f != nil {
				listed[f.Value] = true
			}
		}
	}
	var fresh []string
	for _, e := range entries {
		if !listed[e] {
			listed[e] = true
			fresh = append(fresh, e)
		}
	}
	if len(fresh) == 0 {
		return src, nil
	}
	var key *yaml.Node
	if m != nil {
		for i := 0; i+1 < len(m.Content); i += 2 {
			if m.Content[i].Value == "articles" {
				key = m.Content[i]
			}
		}
	}
	switch {
	case list == nil || key == nil:
		var b strings.Builder
		b.WriteString("articles:\n")
		for _, e := range fresh {
			b.WriteString("  - " + yamlScalar(e, false) + "\n")
		}
		return []byte(strings.Join(lines, "") + b.String()), nil
	case list.Kind == yaml.ScalarNode && list.Tag == "!!null":
		// "articles:" with nothing after it.
		var b strings.Builder
		indent := strings.Repeat(" ", key.Column-1)
		for _, e := range fresh {
			b.WriteString(indent + "  - " + yamlScalar(e, false) + "\n")
		}
		return insertAfter(lines, key.Line, b.String()), nil
	case list.Kind != yaml.SequenceNode:
		return nil, fmt.Errorf("line %d: articles is not a list", list.Line)
	case list.Style&yaml.FlowStyle != 0:
		return appendFlow(lines, list, fresh)
	}
	first, last := list.Content[0], list.Content[len(list.Content)-1]
	dashLine := lines[first.Line-1]
	dash := strings.LastIndex(dashLine[:min(first.Column-1, len(dashLine))], "-")
	if dash < 0 {
		return nil, fmt.Errorf("line %d: cannot find the list's dash", first.Line)
	}
	prefix := strings.Repeat(" ", dash) + "- "
	quoted := first.Kind == yaml.ScalarNode && first.Style&yaml.DoubleQuotedStyle != 0
	var b strings.Builder
	for _, e := range fresh {
		b.WriteString(prefix + yamlScalar(e, quoted) + "\n")
	}
	return insertAfter(lines, lastLine(last), b.String()), nil
}

// appendFlow adds entries before the closing bracket of a flow list.
func appendFlow(lines []string, list *yaml.Node, fresh []string) ([]byte, error) {
	text := strings.Join(lines, "")
	start := lineOffset(lines, list.Line) + list.Column // just after the '['
	if len(list.Content) > 0 {
		last := list.Content[len(list.Content)-1]
		start = lineOffset(lines, last.Line) + last.Column - 1
	}
	end := closingBracket(text, start)
	if end < 0 {
		return nil, errors.New("cannot find the end of the articles list")
	}
	var add []string
	for _, e := range fresh {
		add = append(add, yamlScalar(e, false))
	}
	sep := ", "
	if len(list.Content) == 0 {
		sep = ""
	}
	before := strings.TrimRight(text[:end], " \t")
	return []byte(before + sep + strings.Join(add, ", ") + text[end:]), nil
}

// closingBracket finds the ']' that closes the flow list around offset
// start, skipping quoted strings.
func closingBracket(s string, start int) int {
	depth := 0
	var quote byte
	for i := start; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '[' || c == '{':
			depth++
		case c == ']' || c == '}':
			if depth == 0 && c == ']' {
				return i
			}
			depth--
		}
	}
	return -1
}

func lineOffset(lines []string, line int) int {
	off := 0
	for _, l := range lines[:min(line-1, len(lines))] {
		off += len(l)
	}
	return off
}

// lastLine is the last line a node's content occupies.
func lastLine(n *yaml.Node) int {
	l := n.Line
	for _, c := range n.Content {
		l = max(l, lastLine(c))
	}
	if n.Kind == yaml.ScalarNode {
		l += strings.Count(strings.TrimRight(n.Value, "\n"), "\n") * boolInt(n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0)
	}
	return l
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func insertAfter(lines []string, line int, text string) []byte {
	line = min(line, len(lines))
	return []byte(strings.Join(lines[:line], "") + text + strings.Join(lines[line:], ""))
}

// yamlScalar writes a path as YAML, quoting it only when it needs to be
// (or when the list quotes its entries).
func yamlScalar(s string, quote bool) string {
	if !quote {
		var n yaml.Node
		if err := yaml.Unmarshal([]byte("x: "+s), &n); err == nil {
			if v := editMapValue(editDocMapping(&n), "x"); v != nil && v.Kind == yaml.ScalarNode && v.Tag == "!!str" && v.Value == s && !strings.ContainsAny(s, "#,[]{}") {
				return s
			}
		}
	}
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}
