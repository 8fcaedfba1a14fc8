package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/pamphlet/pamphlet/builder/manifest"
	"github.com/pamphlet/pamphlet/builder/style"
	"github.com/pamphlet/pamphlet/builder/units"
	"github.com/pamphlet/pamphlet/internal/ident"
)

// exampleArticle is the file `pamphlet new` writes as a start. It passes
// `pamphlet check` without a finding, so a writer's first findings are
// about their own text.
const exampleArticle = `---
title: "A first article"
author: "Your Name"
---

Write each article as a Markdown file in this folder and list it in
` + "`book.yaml`" + `. Paragraphs are separated by an empty line; *italics*
and **bold** work as usual, and so do footnotes.[^1]

## A section heading

Straight quotes and double hyphens are printed as curly quotes and
dashes: "quoted" -- like this. Run ` + "`pamphlet check`" + ` to see what a printer would
notice, and ` + "`pamphlet build`" + ` to make the PDF and the EPUB in build/.

[^1]: A footnote is printed at the foot of its page, and in the EPUB
    opens where it is referenced.
`

func newNew(stdout io.Writer) *cobra.Command {
	var title string
	cmd := &cobra.Command{
		Use:   "new DIR",
		Short: "Start a new book in DIR",
		Long: `New creates DIR with a ready book: book.yaml with every manifest key listed
and explained (the optional ones commented out, showing their defaults),
articles/ with one short example article, and a .gitignore for build/.
Run 'pamphlet build' inside it at once.

DIR must not exist or be empty. The title defaults to DIR's name.`,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usageError{fmt.Errorf("new takes one folder, got %d arguments", len(args))}
			}
			return nil
		},
		RunE: func(_ *cobra.Command, args []string) error {
			dir := args[0]
			if title == "" {
				title = titleFromDir(dir)
			}
			if err := checkEmptyDir(dir); err != nil {
				return err
			}
			yaml, err := manifestTemplate(title)
			if err != nil {
				return err
			}
			files := []struct{ name, body string }{
				{"book.yaml", yaml},
				{".gitignore", "# pamphlet's outputs\nbuild/\n"},
				{filepath.Join("articles", "01-first-article.md"), exampleArticle},
			}
			for _, f := range files {
				p := filepath.Join(dir, f.name)
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					return fmt.Errorf("creating %s: %w", filepath.Dir(p), err)
				}
				if err := os.WriteFile(p, []byte(f.body), 0o644); err != nil {
					return fmt.Errorf("writing %s: %w", p, err)
				}
			}
			fmt.Fprintf(stdout, "pamphlet: created %s (book.yaml, articles/01-first-article.md, .gitignore)\n", dir)
			fmt.Fprintf(stdout, "next: cd %s && pamphlet build\n", dir)
			return nil
		},
	}
	cmd.Flags().StringVar(&title, "title", "", "the book's title (default: from DIR's name)")
	return cmd
}

// checkEmptyDir refuses to write into a folder that holds anything, so
// that new never overwrites a writer's work.
func checkEmptyDir(dir string) error {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("%s: %w", dir, err)
	}
	if len(entries) > 0 {
		return fmt.Errorf("%s is not empty; new only writes into a new or empty folder", dir)
	}
	return nil
}

// titleFromDir makes "My Pamphlet" of "my-pamphlet".
func titleFromDir(dir string) string {
	base := filepath.Base(filepath.Clean(dir))
	words := strings.FieldsFunc(base, func(r rune) bool { return r == '-' || r == '_' || r == ' ' || r == '.' })
	for i, w := range words {
		words[i] = strings.ToUpper(w[:1]) + w[1:]
	}
	if len(words) == 0 {
		return "My Pamphlet"
	}
	return strings.Join(words, " ")
}

// manifestTemplate writes book.yaml for a new book. The keys come from
// manifest.Keys and manifest.PDFKeys, so a key added there appears here
// without a change; example values for the keys it knows come from
// newValues, the layout defaults from the a5 preset itself.
func manifestTemplate(title string) (string, error) {
	st, err := style.Load("a5", "", nil)
	if err != nil {
		return "", fmt.Errorf("reading the default layout: %w", err)
	}
	pdfDefaults := map[string]string{
		"page":      mm(st.PageWidth) + "x" + mm(st.PageHeight),
		"margins":   fmt.Sprintf("{inner: %s, outer: %s, top: %s, bottom: %s}", mm(st.Inner), mm(st.Outer), mm(st.Top), mm(st.Bottom)),
		"font-size": st.FontSize.String(),
		"leading":   st.Leading.String(),
		"ragged":    strconv.FormatBool(st.Ragged),
		"microtype": strconv.FormatBool(st.Microtype),
	}
	values := map[string]string{
		"title":       strconv.Quote(title),
		"subtitle":    `""`,
		"author":      `""`,
		"authors":     "[]",
		"publisher":   `""`,
		"date":        `""  # files are then dated 1980-01-01, or SOURCE_DATE_EPOCH`,
		"language":    "en",
		"identifier":  `""`,
		"description": `""`,
		"rights":      `""`,
		"subjects":    "[]",
		"hyphenate":   "[]",
		"layout":      "a5",
	}
	live := map[string]bool{"title": true, "language": true, "layout": true, "articles": true}
	var b strings.Builder
	fmt.Fprintf(&b, "# book.yaml: the manifest of %q.\n", title)
	b.WriteString("# Every key is listed; those commented out show their default value.\n")
	b.WriteString("# Run `pamphlet build` here to make build/*.pdf and build/*.epub,\n")
	b.WriteString("# `pamphlet check` for a preflight, `pamphlet help build` for more.\n")
	for _, k := range manifest.Keys {
		fmt.Fprintf(&b, "\n# %s: %s\n", k.Name, k.Doc)
		c := "# "
		if live[k.Name] {
			c = ""
		}
		switch k.Name {
		case "articles":
			b.WriteString("articles:\n  - articles/01-first-article.md\n")
		case "output":
			fmt.Fprintf(&b, "# output:\n#   name: %s\n", ident.Slug(title, "book"))
		case "fonts":
			// The bundled defaults, which need nothing installed.
			b.WriteString("# fonts:\n#   body: Charis SIL\n#   headings: Charis SIL\n#   mono: DejaVu Sans Mono\n#   fallback: []\n#   features: []\n")
		case "pdf":
			b.WriteString("# pdf:\n")
			for _, pk := range manifest.PDFKeys {
				v, ok := pdfDefaults[pk]
				if !ok {
					v = `""`
				}
				fmt.Fprintf(&b, "#   %s: %s\n", pk, v)
			}
		default:
			v, ok := values[k.Name]
			if !ok {
				v = `""`
			}
			fmt.Fprintf(&b, "%s%s: %s\n", c, k.Name, v)
		}
	}
	return b.String(), nil
}

// mm formats a length in whole or tenth millimetres.
func mm(s units.Sp) string {
	v := math.Round(s.MM()*10) / 10
	return strconv.FormatFloat(v, 'f', -1, 64) + "mm"
}
