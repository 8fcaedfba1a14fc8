// Package markdown reads one Markdown article into the document model.
//
// It is the only package that knows goldmark: goldmark parses CommonMark
// with the GFM tables, strikethrough and task-list extensions, footnotes
// and smart punctuation, and this package turns goldmark's tree (text as
// byte ranges of the source) into a doc.Article that owns its text and
// carries FILE:LINE positions. Raw HTML is never passed through: it is
// parsed with golang.org/x/net/html and mapped onto the model, and what
// has no place in the model is dropped with a warning.
//
// Positions count lines of the whole file, front matter included; Col
// counts bytes from 1, as compilers do.
//
// Diagnostic codes reported by Parse:
//
//	A001  warning  invalid UTF-8, repaired with U+FFFD
//	A002  warning  NUL byte, replaced with U+FFFD
//	A003  warning  article is empty
//	A004  warning  article has no title (the builder falls back to the file name)
//	A010  error    front matter is not valid YAML, or a field has the wrong type
//	A011  warning  unknown front-matter key
//	A012  error    front matter is not closed by a "---" line
//	A020  warning  raw HTML element dropped (script, iframe, form, unknown tags...)
//	A021  warning  HTML comment, declaration or processing instruction dropped
//	A030  error    nesting too deep; the deeper content is kept as plain paragraphs
package markdown

import (
	"strings"
	"sync"

	"github.com/pamphlet/pamphlet/builder/diag"
	"github.com/pamphlet/pamphlet/builder/doc"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Diagnostic codes; see the package comment.
const (
	codeBadUTF8       = "A001"
	codeNUL           = "A002"
	codeEmpty         = "A003"
	codeNoTitle       = "A004"
	codeYAML          = "A010"
	codeUnknownKey    = "A011"
	codeUnclosedFront = "A012"
	codeHTMLDropped   = "A020"
	codeHTMLComment   = "A021"
	codeTooDeep       = "A030"
)

// maxDepth bounds the nesting of containers (quotes, lists, emphasis,
// HTML elements) that the conversion follows; real books stay far below
// it, and a bound keeps hostile input from exhausting the stack.
const maxDepth = 100

// typography maps goldmark's smart punctuation to the Unicode characters
// themselves, not HTML entities, because the model holds plain text.
// Angle quotes stay off: "<<" in prose is rarely meant as a guillemet.
var typography = map[extension.TypographicPunctuation][]byte{
	extension.LeftSingleQuote:  []byte("‘"),
	extension.RightSingleQuote: []byte("’"),
	extension.LeftDoubleQuote:  []byte("“"),
	extension.RightDoubleQuote: []byte("”"),
	extension.EnDash:           []byte("–"),
	extension.EmDash:           []byte("—"),
	extension.Ellipsis:         []byte("…"),
	extension.Apostrophe:       []byte("’"),
	extension.LeftAngleQuote:   nil,
	extension.RightAngleQuote:  nil,
}

// newParser builds the goldmark parser. It is built once: a goldmark
// parser holds no per-document state and is safe for concurrent use.
var newParser = sync.OnceValue(func() parser.Parser {
	md := goldmark.New(
		goldmark.WithExtensions(
			extension.Table,
			extension.Strikethrough,
			extension.TaskList,
			extension.NewTypographer(extension.WithTypographicSubstitutions(typography)),
		),
		// Footnotes: goldmark's block parser for definitions, but our own
		// reference parser and no goldmark transformer, because goldmark
		// drops unreferenced notes and leaves references to undefined
		// ones as text; the transform stage reports both instead.
		goldmark.WithParserOptions(
			parser.WithBlockParsers(util.Prioritized(extension.NewFootnoteBlockParser(), 999)),
			parser.WithInlineParsers(util.Prioritized(noteRefParser{}, 101)),
		),
	)
	return md.Parser()
})

// Parse parses one Markdown article. path is the name used in diagnostics
// (as the manifest wrote it, e.g. "articles/x.md"); src is the file's
// bytes. It never panics and never returns nil.
func Parse(path string, src []byte, diags *diag.List) *doc.Article {
	if diags == nil {
		diags = &diag.List{}
	}
	src = sanitize(path, src, diags)
	c := &converter{
		path:  path,
		src:   src,
		lines: newLineIndex(src),
		diags: diags,
	}
	a := &doc.Article{Path: path, At: doc.Pos{File: path, Line: 1}}

	fm, bodyStart := c.frontMatter()
	a.Meta = fm

	body := src[bodyStart:]
	c.base = bodyStart
	root := newParser().Parse(text.NewReader(body))
	c.src = body
	a.Blocks, a.Notes = c.document(root)

	c.title(a)
	if len(a.Blocks) == 0 && len(a.Notes) == 0 {
		diags.Warnf(doc.Pos{File: path}, codeEmpty, "article is empty")
	} else if a.Meta.Title == "" {
		diags.Warnf(doc.Pos{File: path, Line: 1}, codeNoTitle,
			"article has no title: give it a front-matter title or a level-1 heading")
	}
	return a
}

// title takes the article's title from its first level-1 heading when the
// front matter has none, and drops a leading heading that repeats the
// front-matter title, so that the title is printed once.
func (c *converter) title(a *doc.Article) {
	if a.Meta.Title != "" {
		if len(a.Blocks) > 0 {
			if h, ok := a.Blocks[0].(*doc.Heading); ok && h.Level == 1 && plainTitle(h.Inlines) == a.Meta.Title {
				a.Blocks = a.Blocks[1:]
			}
		}
		return
	}
	for i, b := range a.Blocks {
		if h, ok := b.(*doc.Heading); ok && h.Level == 1 {
			a.Meta.Title = plainTitle(h.Inlines)
			a.Blocks = append(a.Blocks[:i:i], a.Blocks[i+1:]...)
			return
		}
	}
}

// plainTitle is a heading's text as a title: plain, on one line.
func plainTitle(ins []doc.Inline) string {
	return strings.TrimSpace(doc.PlainText(ins))
}
