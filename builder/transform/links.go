package transform

import (
	"net/url"
	"path"
	"strings"

	"github.com/pamphlet/pamphlet/builder/diag"
	"github.com/pamphlet/pamphlet/builder/doc"
)

// ResolveLinks marks links to places in the book as internal. A link
// without a scheme is a path relative to its article's file ("other.md",
// "./other.md#a-section", "../articles/other.md"; "/x.md" is relative to
// the book's root) or a fragment ("#a-section"); it must name an article
// of the book, and its fragment a heading id of that article (else the
// link goes to the article's start, with a warning). A link that resolves
// nowhere, or has a scheme other than http, https or mailto, is replaced
// by its text, with a warning. Run it after HeadingIDs.
func ResolveLinks(b *doc.Book, diags *diag.List) {
	byPath := map[string]*doc.Article{}
	ids := map[*doc.Article]map[string]bool{}
	for _, a := range b.Articles {
		byPath[path.Clean(a.Path)] = a
		set := map[string]bool{}
		allBlocks(a, func(bs []doc.Block) {
			doc.InspectBlocks(bs, func(n doc.Node) bool {
				if h, ok := n.(*doc.Heading); ok && h.ID != "" {
					set[h.ID] = true
				}
				return isBlockContainer(n)
			})
		})
		ids[a] = set
	}
	for _, a := range b.Articles {
		dir := path.Dir(path.Clean(a.Path))
		resolve := func(in doc.Inline) ([]doc.Inline, bool) {
			l, ok := in.(*doc.Link)
			if !ok {
				return nil, false
			}
			return resolveLink(a, dir, l, byPath, ids, diags)
		}
		allBlocks(a, func(bs []doc.Block) { rewriteInlines(bs, resolve) })
	}
}

// resolveLink returns the link's replacement and true when the link must
// be unwrapped, and sets its target when it is internal.
func resolveLink(a *doc.Article, dir string, l *doc.Link, byPath map[string]*doc.Article,
	ids map[*doc.Article]map[string]bool, diags *diag.List) ([]doc.Inline, bool) {
	raw := strings.TrimSpace(l.URL)
	u, err := url.Parse(raw)
	if err != nil {
		diags.Warnf(at(a, l.At), codeBrokenLink, "link %q is not a valid URL; its text is kept", l.URL)
		return l.Inlines, true
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https", "mailto":
		return nil, false
	case "":
	default:
		diags.Warnf(at(a, l.At), codeBadScheme, "link %q has the scheme %q, which a book cannot follow; its text is kept", l.URL, u.Scheme)
		return l.Inlines, true
	}
	if u.Host != "" {
		return nil, false // "//host/path": the reader's scheme, a web link
	}
	target := a
	if u.Path != "" {
		p := u.Path
		if strings.HasPrefix(p, "/") {
			p = path.Clean(strings.TrimPrefix(p, "/"))
		} else {
			p = path.Join(dir, p)
		}
		target = byPath[p]
		if target == nil {
			diags.Warnf(at(a, l.At), codeBrokenLink, "link %q names no article of the book; its text is kept", l.URL)
			return l.Inlines, true
		}
	}
	frag := u.Fragment
	if frag != "" && !ids[target][frag] {
		if target == a {
			diags.Warnf(at(a, l.At), codeBrokenLink, "link %q names no heading of this article; its text is kept", l.URL)
			return l.Inlines, true
		}
		diags.Warnf(at(a, l.At), codeBrokenLink, "link %q names no heading of %s; it goes to the article's start", l.URL, target.Path)
		frag = ""
	}
	l.Internal = true
	l.TargetArticle = target.ID
	l.TargetID = frag
	return nil, false
}
