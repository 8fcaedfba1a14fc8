// Package readable finds a web page's article the way a browser's reader
// view does. It is the one place that uses go-readability
// (codeberg.org/readeck/go-readability/v2, a Go port of Mozilla's
// Readability.js): on a public set of saved pages with expected reader-view
// extractions it keeps the article's words far more often than the content
// density scoring the importer had before, and picks better titles.
//
// The importer turns the extracted tree into Markdown itself; this package
// only chooses what belongs to the article.
package readable

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	readability "codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// maxElements bounds the pages Readability is asked to read: its scoring
// walks the tree many times, and a page of more elements than this is not
// an article but a dump (the caller falls back to its own extraction).
const maxElements = 60000

// ErrNoArticle is returned when Readability finds no article in the page.
var ErrNoArticle = errors.New("no article found")

// Article is what Readability found: the article's content as a tree
// (a <div> holding the article's elements, relative links made absolute
// against the page's URL) and the metadata it read from the page.
type Article struct {
	Content *html.Node
	// Title is Readability's choice among JSON-LD, Dublin Core, Open
	// Graph, Twitter and the <title> (with the site's name cut off).
	Title     string
	Byline    string
	Excerpt   string
	SiteName  string
	Language  string
	Published time.Time
}

// Options tune an extraction.
type Options struct {
	// KeepClasses keeps class attributes in the content, so that the
	// caller's own boilerplate rules can still read them.
	KeepClasses bool
}

// Extract runs Readability over a copy of doc; doc itself is left as it
// was. page is the page's address, used to make links absolute; it may
// be nil for a saved page whose address is unknown.
func Extract(doc *html.Node, page *url.URL, opts Options) (art *Article, err error) {
	defer func() {
		// A bug in the library on a strange page must not take the
		// import down; the caller has its own extraction to fall back on.
		if r := recover(); r != nil {
			art, err = nil, fmt.Errorf("readability failed: %v", r)
		}
	}()
	p := readability.NewParser()
	p.MaxElemsToParse = maxElements
	p.KeepClasses = opts.KeepClasses
	a, err := p.ParseDocument(doc, page)
	if err != nil {
		return nil, err
	}
	if a.Node == nil {
		return nil, ErrNoArticle
	}
	fixAtoms(a.Node)
	out := &Article{
		Content:  a.Node,
		Title:    clean(a.Title()),
		Byline:   clean(a.Byline()),
		Excerpt:  clean(a.Excerpt()),
		SiteName: clean(a.SiteName()),
		Language: strings.TrimSpace(a.Language()),
	}
	if t, err := a.PublishedTime(); err == nil {
		out.Published = t
	}
	return out, nil
}

// fixAtoms sets each element's DataAtom from its tag name: the library
// renames elements (a <div> made a <p>) and creates new ones by name
// only, and the importer's renderer goes by the atom.
func fixAtoms(n *html.Node) {
	stack := []*html.Node{n}
	for len(stack) > 0 {
		c := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if c.Type == html.ElementNode {
			c.DataAtom = atom.Lookup([]byte(c.Data))
		}
		for k := c.FirstChild; k != nil; k = k.NextSibling {
			stack = append(stack, k)
		}
	}
}

func clean(s string) string { return strings.Join(strings.Fields(s), " ") }
