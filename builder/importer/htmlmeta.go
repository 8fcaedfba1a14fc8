package importer

import (
	"encoding/json"
	"regexp"
	"strconv"
	"strings"
	"time"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// lineAttr carries each start tag's input line through the parser, which
// keeps no positions of its own.
const lineAttr = "data-pamphlet-line"

// annotateLines returns src with a lineAttr attribute added to every start
// tag, so that removals and warnings can name the line they concern.
func annotateLines(src string) string {
	z := html.NewTokenizer(strings.NewReader(src))
	var b strings.Builder
	b.Grow(len(src) + len(src)/4)
	ln := 1
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		raw := z.Raw()
		if tt == html.StartTagToken || tt == html.SelfClosingTagToken {
			end := 1
			for end < len(raw) && !strings.ContainsRune(" \t\n\f\r/>", rune(raw[end])) {
				end++
			}
			b.Write(raw[:end])
			b.WriteString(` ` + lineAttr + `="` + strconv.Itoa(ln) + `"`)
			b.Write(raw[end:])
		} else {
			b.Write(raw)
		}
		for _, c := range raw {
			if c == '\n' {
				ln++
			}
		}
	}
	return b.String()
}

// walk visits n and its descendants in document order without recursion,
// so that absurdly deep documents cannot exhaust the stack; f returns
// false to skip a node's children.
func walk(n *html.Node, f func(*html.Node) bool) {
	stack := []*html.Node{n}
	for len(stack) > 0 {
		c := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if !f(c) {
			continue
		}
		for k := c.LastChild; k != nil; k = k.PrevSibling {
			stack = append(stack, k)
		}
	}
}

// textOf returns the text of n with runs of white space made one space.
func textOf(n *html.Node) string {
	var b strings.Builder
	walk(n, func(c *html.Node) bool {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
			b.WriteByte(' ')
		}
		return c.Type != html.ElementNode || !skipText(c)
	})
	return strings.Join(strings.Fields(b.String()), " ")
}

// skipText is true for elements whose text is never prose.
func skipText(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Svg, atom.Math:
		return true
	}
	return false
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return true
		}
	}
	return false
}

// lineOf is the input line of n's nearest element.
func lineOf(n *html.Node) int {
	for ; n != nil; n = n.Parent {
		if n.Type == html.ElementNode {
			if v, err := strconv.Atoi(attr(n, lineAttr)); err == nil {
				return v
			}
		}
	}
	return 0
}

// classTokens returns the lower-cased class names and id of n.
func classTokens(n *html.Node) []string {
	toks := strings.Fields(strings.ToLower(attr(n, "class")))
	if id := strings.ToLower(attr(n, "id")); id != "" {
		toks = append(toks, id)
	}
	return toks
}

func hasClass(n *html.Node, name string) bool {
	for _, t := range strings.Fields(strings.ToLower(attr(n, "class"))) {
		if t == name {
			return true
		}
	}
	return false
}

// pageMeta is what the page says about itself in its markup.
type pageMeta struct {
	props     map[string]string // <meta property|name> → content, first wins
	title     string            // <title>
	canonical string
	base      string
	ld        ldArticle
	time      string // the first <time datetime>
	byline    string // a visible byline
	deck      string // a visible subtitle
	h1        string
	heading   string // the article's first heading, set by the caller
	dateText  string // the text of an element classed as a date
}

// ldArticle is the part of a schema.org Article in JSON-LD that matters.
type ldArticle struct {
	found                              bool
	headline, alternative, description string
	authors                            []string
	datePublished, url                 string
}

var deckClasses = map[string]bool{
	"subtitle": true, "sub-title": true, "subhead": true, "subheadline": true, "deck": true,
	"dek": true, "standfirst": true, "article-subtitle": true, "post-subtitle": true,
	"entry-subtitle": true, "article__dek": true, "article-dek": true, "summary-deck": true,
}

// readMeta collects the page's metadata from the whole document.
func readMeta(doc *html.Node) *pageMeta {
	m := &pageMeta{props: map[string]string{}}
	walk(doc, func(n *html.Node) bool {
		if n.Type != html.ElementNode {
			return true
		}
		switch n.DataAtom {
		case atom.Meta:
			key := strings.ToLower(attr(n, "property"))
			if key == "" {
				key = strings.ToLower(attr(n, "name"))
			}
			if key == "" {
				key = strings.ToLower(attr(n, "itemprop"))
			}
			if v := strings.TrimSpace(attr(n, "content")); key != "" && v != "" {
				if _, ok := m.props[key]; !ok {
					m.props[key] = v
				}
			}
		case atom.Title:
			if m.title == "" && !inSVG(n) {
				m.title = textOf(n)
			}
			return false
		case atom.Link:
			if strings.EqualFold(attr(n, "rel"), "canonical") && m.canonical == "" {
				m.canonical = strings.TrimSpace(attr(n, "href"))
			}
		case atom.Base:
			if m.base == "" {
				m.base = strings.TrimSpace(attr(n, "href"))
			}
		case atom.Script:
			if strings.EqualFold(strings.TrimSpace(attr(n, "type")), "application/ld+json") && n.FirstChild != nil && !m.ld.found {
				m.ld = parseLD(n.FirstChild.Data)
			}
			return false
		case atom.Time:
			if m.time == "" && attr(n, "datetime") != "" {
				m.time = attr(n, "datetime")
			}
		case atom.H1:
			if m.h1 == "" {
				m.h1 = textOf(n)
			}
		}
		toks := classTokens(n)
		if m.dateText == "" && hasAnyClass(toks, dateClasses...) {
			m.dateText = textOf(n)
		}
		if m.deck == "" {
			for _, t := range toks {
				if deckClasses[t] {
					if s := textOf(n); len(s) > 0 && len(s) <= 300 {
						m.deck = s
					}
				}
			}
		}
		if m.byline == "" && (attr(n, "rel") == "author" || attr(n, "itemprop") == "author" || hasAnyClass(toks, "byline", "author-name", "byline__name", "post-author", "entry-author", "article-author")) {
			if s := cleanByline(textOf(n)); s != "" && len(s) <= 80 {
				m.byline = s
			}
		}
		return true
	})
	return m
}

func inSVG(n *html.Node) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if p.DataAtom == atom.Svg {
			return true
		}
	}
	return false
}

func hasAnyClass(toks []string, names ...string) bool {
	for _, t := range toks {
		for _, n := range names {
			if t == n {
				return true
			}
		}
	}
	return false
}

// dateClasses mark an element holding the publication date.
var dateClasses = []string{"date", "post-date", "entry-date", "published", "dateline", "timestamp", "article-date"}

var (
	byPrefixRE = regexp.MustCompile(`(?i)^(written |posted |words )?by\s+`)
	initialsRE = regexp.MustCompile(`^[^.]*(\b\p{Lu}\.\s?)+[^.]*$`)
	isoDateRE  = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}`)
)

// cleanByline turns "By Jane Doe" into "Jane Doe".
func cleanByline(s string) string {
	s = strings.TrimSpace(byPrefixRE.ReplaceAllString(strings.TrimSpace(s), ""))
	if strings.ContainsAny(s, "!?") || (strings.Contains(s, ".") && !initialsRE.MatchString(s)) {
		return ""
	}
	return s
}

// parseLD finds an Article (or a kind of one) in a JSON-LD script, which
// may hold one object, a list, or an @graph.
func parseLD(s string) ldArticle {
	var v any
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		return ldArticle{}
	}
	var found ldArticle
	var visit func(v any, depth int) bool
	visit = func(v any, depth int) bool {
		if depth > 20 {
			return false
		}
		switch t := v.(type) {
		case []any:
			for _, e := range t {
				if visit(e, depth+1) {
					return true
				}
			}
		case map[string]any:
			if isArticleType(t["@type"]) {
				found = ldArticle{
					found:         true,
					headline:      ldString(t["headline"]),
					alternative:   ldString(t["alternativeHeadline"]),
					description:   ldString(t["description"]),
					authors:       ldNames(t["author"]),
					datePublished: ldString(t["datePublished"]),
					url:           ldString(t["url"]),
				}
				if found.url == "" {
					if m, ok := t["mainEntityOfPage"].(map[string]any); ok {
						found.url = ldString(m["@id"])
					} else {
						found.url = ldString(t["mainEntityOfPage"])
					}
				}
				return true
			}
			if g, ok := t["@graph"]; ok {
				return visit(g, depth+1)
			}
		}
		return false
	}
	visit(v, 0)
	return found
}

func isArticleType(v any) bool {
	switch t := v.(type) {
	case string:
		switch t {
		case "Article", "NewsArticle", "BlogPosting", "Report", "ScholarlyArticle",
			"ReportageNewsArticle", "AnalysisNewsArticle", "OpinionNewsArticle", "TechArticle", "SocialMediaPosting":
			return true
		}
	case []any:
		for _, e := range t {
			if isArticleType(e) {
				return true
			}
		}
	}
	return false
}

func ldString(v any) string {
	if s, ok := v.(string); ok {
		return strings.Join(strings.Fields(html.UnescapeString(s)), " ")
	}
	return ""
}

// ldNames reads schema.org author values: a name, a Person, or a list.
func ldNames(v any) []string {
	switch t := v.(type) {
	case string:
		if s := ldString(t); s != "" && !isRemote(s) {
			return []string{s}
		}
	case map[string]any:
		if s := ldString(t["name"]); s != "" {
			return []string{s}
		}
	case []any:
		var out []string
		for _, e := range t {
			out = append(out, ldNames(e)...)
		}
		return out
	}
	return nil
}

var titleSuffixRE = regexp.MustCompile(`\s+([|–—·•-]|::|»)\s+[^|–—·•]{1,60}$`)

// resolve fills the article's metadata from what the page says, most
// specific source first: JSON-LD, then Open Graph and <meta>, then
// visible markup.
func (m *pageMeta) resolve(bodyText string) meta {
	var out meta
	first := func(vals ...string) string {
		for _, v := range vals {
			if v = strings.Join(strings.Fields(v), " "); v != "" {
				return v
			}
		}
		return ""
	}
	title := ""
	if m.title != "" {
		title = titleSuffixRE.ReplaceAllString(m.title, "")
	}
	if m.heading != "" && strings.HasPrefix(strings.ToLower(m.title), strings.ToLower(m.heading)) {
		title = m.heading // the page's <title> is its heading and the site's name
	}
	out.title = first(m.ld.headline, m.props["og:title"], m.props["twitter:title"], m.h1, title)
	desc := first(m.deck, m.ld.alternative, m.props["og:description"], m.ld.description, m.props["description"], m.props["twitter:description"])
	if desc != "" && desc != out.title && len(desc) <= 300 && !startsLike(bodyText, desc) {
		out.subtitle = desc
	}
	switch {
	case len(m.ld.authors) > 0:
		out.authors = m.ld.authors
	case m.props["author"] != "" && !isRemote(m.props["author"]):
		out.authors = []string{m.props["author"]}
	case m.props["article:author"] != "" && !isRemote(m.props["article:author"]):
		out.authors = []string{m.props["article:author"]}
	case m.byline != "":
		out.authors = []string{m.byline}
	}
	out.date = normDate(first(m.ld.datePublished, m.props["article:published_time"], m.props["datepublished"], m.props["date"], m.time, m.dateText))
	for _, u := range []string{m.canonical, m.props["og:url"], m.ld.url} {
		if l := strings.ToLower(u); strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://") {
			out.source = u
			break
		}
	}
	return out
}

// startsLike reports whether a description merely repeats the start of the
// body (a generated excerpt, not a deck).
func startsLike(body, desc string) bool {
	d := strings.TrimRight(desc, ".… ")
	if len(d) > 60 {
		d = d[:60]
	}
	return d != "" && strings.Contains(body[:min(len(body), 2000)], d)
}

// normDate turns a timestamp into YYYY-MM-DD, leaving what it cannot read
// as the page wrote it.
func normDate(s string) string {
	s = strings.TrimSpace(s)
	if len(s) >= 10 && isoDateRE.MatchString(s) {
		return s[:10]
	}
	for _, layout := range []string{"Monday, 2 January 2006", "Monday, January 2, 2006", "January 2, 2006", "Jan 2, 2006", "2 January 2006", "02/01/2006", time.RFC1123, time.RFC1123Z} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.Format("2006-01-02")
		}
	}
	return s
}
