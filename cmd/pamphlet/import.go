package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"
	"go.yaml.in/yaml/v3"

	"github.com/pamphlet/pamphlet/builder/diag"
	"github.com/pamphlet/pamphlet/builder/importer"
)

const importHelp = `Import turns web articles into Markdown articles for a book: each FILE, a
.txt copy of a page, a saved .html/.htm page or a loose .md file, becomes
DIR/NAME.md with front matter (title, subtitle, author, date and source,
where they can be found) and a clean Markdown body.

Plain text: the first line is the title, a short line after it without a
final full stop the subtitle; blank lines separate paragraphs; a short line
alone between paragraphs that reads as a heading (a question, or in title
case) becomes one. Straight quotes and -- become typographic ones unless
the text has curly quotes already.

HTML: the article is found by content density, helped by <article>,
<main> and the usual content classes; metadata comes from Open Graph,
<meta>, <time> and schema.org JSON-LD. Navigation, sidebars, share
buttons, comment sections and cookie notices are removed. Local images
are copied beside the article; remote images are never fetched (their
alt text is kept, with a warning).

Site leftovers such as "Share this:", "Leave a Reply" or "Tags:" are
removed; add your site's own with the manifest key import.strip (regular
expressions matched against whole lines). --dry-run prints every removal
and its reason, and writes nothing.

DIR is articles/ beside the manifest (./book.yaml), or ./articles.
Existing files are never overwritten without --force. --add MANIFEST
appends the new articles to the manifest's articles list, keeping the
rest of the file as it was.`

func newImport(stdout, stderr io.Writer) *cobra.Command {
	var (
		outDir   string
		force    bool
		dryRun   bool
		manifest string
	)
	cmd := &cobra.Command{
		Use:   "import FILE... [--out DIR] [--force] [--add book.yaml] [--dry-run]",
		Short: "Turn web articles (.txt, .html, .md) into Markdown articles",
		Long:  importHelp,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usageError{errors.New("import needs at least one file")}
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			im := &importRun{stdout: stdout, stderr: stderr, force: force, dryRun: dryRun}
			book := manifest
			if book == "" {
				if _, err := os.Stat("book.yaml"); err == nil {
					book = "book.yaml"
				}
			} else if fi, err := os.Stat(book); err == nil && fi.IsDir() {
				book = filepath.Join(book, "book.yaml")
			}
			if book != "" {
				strip, err := readStrip(book)
				if err != nil {
					if manifest != "" || !errors.Is(err, fs.ErrNotExist) {
						fmt.Fprintf(stderr, "pamphlet: %v\n", err)
						return bookError{}
					}
				}
				im.opts.Strip = strip
			}
			im.dir = outDir
			if im.dir == "" {
				im.dir = "articles"
				if book != "" {
					im.dir = filepath.Join(filepath.Dir(book), "articles")
				}
			}
			var written []string
			for _, f := range args {
				if out, ok := im.one(f); ok && out != "" {
					written = append(written, out)
				}
			}
			printDiags(stderr, &im.diags, false)
			if manifest != "" && !dryRun && len(written) > 0 {
				if err := addToManifest(book, written); err != nil {
					fmt.Fprintf(stderr, "pamphlet: %v\n", err)
					return bookError{}
				}
				fmt.Fprintf(stderr, "pamphlet: added %s to %s\n", plural(len(written), "article"), book)
			}
			if im.diags.HasErrors() {
				fmt.Fprintf(stderr, "pamphlet: %s\n", countDiags(&im.diags))
				return bookError{}
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVarP(&outDir, "out", "o", "", "folder for the articles (default: articles/ beside the manifest)")
	f.BoolVar(&force, "force", false, "overwrite existing articles and images")
	f.BoolVarP(&dryRun, "dry-run", "n", false, "print what would be written and removed, and write nothing")
	f.StringVar(&manifest, "add", "", "append the new articles to this manifest's articles list")
	return cmd
}

// importRun is one run of the import command.
type importRun struct {
	stdout, stderr io.Writer
	dir            string
	force, dryRun  bool
	opts           importer.Options
	diags          diag.List
}

// one imports one file and returns the path written.
func (im *importRun) one(file string) (string, bool) {
	src, err := os.ReadFile(file)
	if err != nil {
		im.diags.Errorf(diag.Pos{File: file}, "I000", "cannot read: %v", unwrapPath(err))
		return "", false
	}
	res, err := importer.Import(file, src, im.opts, &im.diags)
	if err != nil {
		return "", false
	}
	base := filepath.Base(file)
	out := filepath.Join(im.dir, slugName(strings.TrimSuffix(base, filepath.Ext(base)))+".md")
	if im.dryRun {
		fmt.Fprintf(im.stdout, "%s → %s\n", file, out)
		for _, r := range res.Removed {
			fmt.Fprintf(im.stdout, "%s: removed %q: %s\n", diag.Pos{File: file, Line: r.Line}, r.Text, r.Why)
		}
		for _, img := range res.Images {
			fmt.Fprintf(im.stdout, "%s: image %s → %s\n", file, img, filepath.Join(im.dir, filepath.FromSlash(img)))
		}
		return "", true
	}
	if same(file, out) {
		im.diags.Errorf(diag.Pos{File: file}, "I020", "would overwrite itself: give another --out folder")
		return "", false
	}
	if _, err := os.Stat(out); err == nil && !im.force {
		im.diags.Errorf(diag.Pos{File: file}, "I020", "%s already exists; use --force to overwrite it", out)
		return "", false
	}
	if err := os.MkdirAll(im.dir, 0o755); err != nil {
		im.diags.Errorf(diag.Pos{File: out}, "I021", "cannot create the folder: %v", unwrapPath(err))
		return "", false
	}
	if err := writeAtomic(out, res.Markdown); err != nil {
		im.diags.Errorf(diag.Pos{File: out}, "I021", "cannot write: %v", err)
		return "", false
	}
	for _, img := range res.Images {
		im.copyImage(file, img)
	}
	fmt.Fprintf(im.stderr, "pamphlet: %s → %s (%s removed; --dry-run lists them)\n", file, out, plural(len(res.Removed), "item"))
	return out, true
}

// copyImage copies a local image the article uses to the same relative
// place beside the article.
func (im *importRun) copyImage(file, img string) {
	from := filepath.Join(filepath.Dir(file), filepath.FromSlash(img))
	to := filepath.Join(im.dir, filepath.FromSlash(img))
	data, err := os.ReadFile(from)
	if err != nil {
		im.diags.Warnf(diag.Pos{File: file}, "I022", "image %s not found; the article refers to it", img)
		return
	}
	if old, err := os.ReadFile(to); err == nil {
		if bytes.Equal(old, data) {
			return
		}
		if !im.force {
			im.diags.Warnf(diag.Pos{File: file}, "I022", "image %s already exists and differs; use --force to overwrite it", to)
			return
		}
	}
	if err := os.MkdirAll(filepath.Dir(to), 0o755); err == nil {
		err = writeAtomic(to, data)
	}
	if err != nil {
		im.diags.Warnf(diag.Pos{File: file}, "I022", "cannot copy image %s: %v", img, err)
	}
}

func same(a, b string) bool {
	fa, err1 := os.Stat(a)
	fb, err2 := os.Stat(b)
	return err1 == nil && err2 == nil && os.SameFile(fa, fb)
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// slugName makes a file name of s: lower case, letters, digits and
// hyphens.
func slugName(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 127 && (r < 0x2000 || r > 0x206f):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		default:
			dash = true
		}
	}
	if b.Len() == 0 {
		return "article"
	}
	return b.String()
}

// writeAtomic writes data to path through a temporary file, so that an
// interrupted import leaves no half-written article.
func writeAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	_, err = tmp.Write(data)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp.Name(), 0o644)
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		os.Remove(tmp.Name())
	}
	return err
}

// readStrip reads import.strip from the manifest.
func readStrip(path string) ([]string, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var root yaml.Node
	if err := yaml.Unmarshal(src, &root); err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	imp := mapValue(docMapping(&root), "import")
	strip := mapValue(imp, "strip")
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

func docMapping(root *yaml.Node) *yaml.Node {
	if root.Kind == yaml.DocumentNode && len(root.Content) == 1 && root.Content[0].Kind == yaml.MappingNode {
		return root.Content[0]
	}
	return nil
}

func mapValue(m *yaml.Node, key string) *yaml.Node {
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

// addToManifest appends articles to the manifest's articles list by
// editing its text: new lines in the list's own style go after its last
// entry, so comments, order and quoting elsewhere stay as they were.
func addToManifest(path string, articles []string) error {
	src, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("cannot add to the manifest: %w", unwrapPath(err))
	}
	var entries []string
	for _, a := range articles {
		rel, err := filepath.Rel(filepath.Dir(path), a)
		if err != nil {
			rel = a
		}
		entries = append(entries, filepath.ToSlash(rel))
	}
	out, err := appendArticles(src, entries)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if bytes.Equal(out, src) {
		return nil
	}
	return writeAtomic(path, out)
}

// appendArticles returns the manifest text src with entries appended to
// its articles list, skipping those already listed.
func appendArticles(src []byte, entries []string) ([]byte, error) {
	var root yaml.Node
	if err := yaml.Unmarshal(src, &root); err != nil {
		return nil, err
	}
	m := docMapping(&root)
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
	list := mapValue(m, "articles")
	listed := map[string]bool{}
	if list != nil {
		for _, it := range list.Content {
			if it.Kind == yaml.ScalarNode {
				listed[it.Value] = true
			} else if f := mapValue(it, "file"); f != nil {
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
			if v := mapValue(docMapping(&n), "x"); v != nil && v.Kind == yaml.ScalarNode && v.Tag == "!!str" && v.Value == s && !strings.ContainsAny(s, "#,[]{}") {
				return s
			}
		}
	}
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}
