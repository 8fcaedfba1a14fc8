package importer

import (
	"encoding/json"
	"regexp"
	"strconv"
	"strings"
	"time"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/text/language"

	"github.com/pamphlet/pamphlet/builder/importer/readable"
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
	heading   string   // the article's first heading, set by the caller
	dateText  string   // the text of an element classed as a date
	lang      string   // <html lang>
	headings  []string // the page's first h1–h3 headings
	// authorFrom says where the authors came from, set by authors.
	authorFrom string
}

// ldArticle is the part of a schema.org Article in JSON-LD that matters.
type ldArticle struct {
	found                              bool
	headline, alternative, description string
	authors                            []string
	datePublished, url, publisher      string
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
		case atom.Html:
			if m.lang == "" {
				m.lang = strings.TrimSpace(attr(n, "lang"))
			}
		case atom.H2, atom.H3:
			if len(m.headings) < 20 {
				m.headings = append(m.headings, textOf(n))
			}
		case atom.H1:
			if len(m.headings) < 20 {
				m.headings = append(m.headings, textOf(n))
			}
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

// bylineDateRE is a date after the name in a byline ("Nathan Willis
// March 25, 2015", "Jane Doe | 3 May 2021").
var bylineDateRE = regexp.MustCompile(`(?i)[\s,|·•–—-]+(on\s+)?((jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{4}|\d{4}-\d{2}-\d{2})\b.*$`)

var (
	bylineURLRE     = regexp.MustCompile(`\s*[(<]?https?://\S*[)>]?`)
	bylineNotNameRE = regexp.MustCompile(`(?i)^((jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d|\d)|updated|:$`)
)

// cleanByline turns "By Jane Doe" into "Jane Doe", and "Jane Doe March
// 25, 2015" too.
func cleanByline(s string) string {
	s = strings.TrimSpace(byPrefixRE.ReplaceAllString(strings.TrimSpace(s), ""))
	s = strings.TrimSpace(bylineDateRE.ReplaceAllString(s, ""))
	s = strings.TrimSpace(bylineURLRE.ReplaceAllString(s, ""))
	if strings.EqualFold(s, "by") || bylineNotNameRE.MatchString(s) {
		return "" // a byline element holding only "By", or a date
	}
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
					publisher:     ldName(t["publisher"]),
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

// ldName reads a schema.org Organization or Person's name, or a plain
// string.
func ldName(v any) string {
	if n := ldNames(v); len(n) > 0 {
		return n[0]
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

// cand is one candidate value for a metadata field and where it came
// from, as `import -v` names it.
type cand struct{ v, from string }

// pick returns the first candidate with a value, its white space
// collapsed.
func pick(cs ...cand) cand {
	for _, c := range cs {
		if v := strings.Join(strings.Fields(c.v), " "); v != "" {
			return cand{v, c.from}
		}
	}
	return cand{}
}

// prop is the candidate of the first of the <meta> keys the page has.
func (m *pageMeta) prop(keys ...string) cand {
	for _, k := range keys {
		if v := m.props[k]; v != "" {
			return cand{v, metaName(k)}
		}
	}
	return cand{}
}

// metaName names a <meta> key by the vocabulary it belongs to.
func metaName(k string) string {
	switch {
	case strings.HasPrefix(k, "og:"), strings.HasPrefix(k, "article:"):
		return "Open Graph " + k
	case strings.HasPrefix(k, "twitter:"):
		return "Twitter card " + k
	case strings.HasPrefix(k, "dc.") || strings.HasPrefix(k, "dc:") || strings.HasPrefix(k, "dcterms") || strings.HasPrefix(k, "dcterm:"):
		return "Dublin Core " + k
	}
	return `<meta name="` + k + `">`
}

var dcTitle = []string{"dc.title", "dc:title", "dcterm:title", "dcterms.title", "dcterms:title"}

// resolve fills the article's metadata from what the page says, most
// specific source first: JSON-LD, then Dublin Core, Open Graph and
// <meta>, then visible markup, and records where each value came from.
// With Readability's reading of the page (ra, may be nil), its title and
// byline are taken: it weighs the <title> against the page's headings
// and cuts the site's name off better than a pattern does.
func (m *pageMeta) resolve(bodyText string, ra *readable.Article) (meta, []MetaSource) {
	var out meta
	var src []MetaSource
	note := func(field string, c cand) string {
		if c.v != "" {
			src = append(src, MetaSource{Field: field, Value: c.v, From: c.from})
		}
		return c.v
	}
	ldHeadline := cand{m.ld.headline, "JSON-LD headline"}
	var title cand
	if ra != nil && ra.Title != "" {
		title = cand{ra.Title, m.titleFrom(ra.Title)}
		if cut := titleSuffixRE.ReplaceAllString(ra.Title, ""); cut != ra.Title && m.isHeading(cut) {
			// "Heading :: Site" where the page's heading says which
			// part is the article's.
			title = cand{cut, "<title> without the site's name (the rest is the page's heading)"}
		}
	} else {
		t := ""
		if m.title != "" {
			t = titleSuffixRE.ReplaceAllString(m.title, "")
		}
		from := "<title>, the site's name cut off"
		if m.heading != "" && strings.HasPrefix(strings.ToLower(m.title), strings.ToLower(m.heading)) {
			t, from = m.heading, "the article's first heading, which starts the <title>"
		}
		dc := m.prop(dcTitle...)
		title = pick(ldHeadline, dc, m.prop("og:title", "twitter:title"), cand{m.h1, "the page's <h1>"}, cand{t, from})
	}
	out.title = note("title", title)
	desc := pick(cand{m.deck, "the page's subtitle (deck) element"}, cand{m.ld.alternative, "JSON-LD alternativeHeadline"},
		m.prop("og:description", "dc.description", "dcterms.description"), cand{m.ld.description, "JSON-LD description"},
		m.prop("description", "twitter:description"))
	if desc.v != "" && desc.v != out.title && len(desc.v) <= 300 && (!startsLike(bodyText, desc.v) || startsWithDeck(bodyText, desc.v)) {
		out.subtitle = note("subtitle", desc)
	}
	out.authors = m.authors(ra)
	if len(out.authors) > 0 {
		note("author", cand{strings.Join(out.authors, "; "), m.authorFrom})
	}
	var raDate cand
	if ra != nil && !ra.Published.IsZero() {
		raDate = cand{ra.Published.Format("2006-01-02"), "Readability's reading of the page's dates"}
	}
	date := pick(cand{m.ld.datePublished, "JSON-LD datePublished"}, m.prop("article:published_time", "dc.date", "dc:date", "dcterms.date", "dcterms.created", "datepublished", "date"),
		raDate, cand{m.time, "the first <time datetime>"}, cand{m.dateText, "the page's date element"})
	date.v = normDate(date.v)
	out.date = note("date", date)
	for _, c := range []cand{{m.canonical, `<link rel="canonical">`}, m.prop("og:url"), {m.ld.url, "JSON-LD url"}} {
		if l := strings.ToLower(c.v); strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://") {
			out.source = note("source", c)
			break
		}
	}
	site := pick(cand{m.ld.publisher, "JSON-LD publisher"}, m.prop("og:site_name", "application-name"))
	if ra != nil && site.v == "" {
		site = cand{ra.SiteName, "Readability"}
	}
	out.site = note("site", site)
	lang := pick(cand{m.lang, "<html lang>"}, m.prop("og:locale", "dc.language", "dcterms.language", "content-language", "language"))
	if tag, err := language.Parse(strings.ReplaceAll(lang.v, "_", "-")); err == nil && tag != language.Und {
		lang.v = tag.String()
		out.lang = note("lang", lang)
	}
	return out, src
}

// isHeading reports whether one of the page's headings reads t.
func (m *pageMeta) isHeading(t string) bool {
	for _, h := range m.headings {
		if sameText(h, t) {
			return true
		}
	}
	return false
}

// titleFrom names where Readability's title came from by finding it
// among the page's metadata.
func (m *pageMeta) titleFrom(t string) string {
	for _, c := range []cand{{m.ld.headline, "JSON-LD headline"}, m.prop(dcTitle...), m.prop("og:title"), m.prop("twitter:title"), {m.title, "<title>"}, {m.h1, "the page's <h1>"}} {
		if c.v != "" && sameText(c.v, t) {
			return c.from
		}
	}
	if m.title != "" && strings.Contains(strings.ToLower(m.title), strings.ToLower(t)) {
		return "<title>, the site's name cut off by Readability"
	}
	return "Readability's choice of the page's headings"
}

// authors returns the article's authors: JSON-LD's list of names, else
// the byline Readability found (in <meta> or the page), else the
// importer's own reading of the page; m.authorFrom says which.
func (m *pageMeta) authors(ra *readable.Article) []string {
	if len(m.ld.authors) > 0 {
		m.authorFrom = "JSON-LD author"
		return m.ld.authors
	}
	var cs []cand
	if ra != nil {
		from := "a byline in the page, found by Readability"
		for _, c := range []cand{m.prop("author", "dc.creator", "dc:creator", "dcterms.creator", "article:author", "parsely-author", "sailthru.author"), {m.byline, "the page's byline element"}} {
			if c.v != "" && sameText(cleanByline(c.v), cleanByline(ra.Byline)) {
				from = c.from
			}
		}
		cs = append(cs, cand{ra.Byline, from})
	}
	cs = append(cs, m.prop("author", "dc.creator", "dc:creator", "dcterms.creator"), m.prop("article:author"), cand{m.byline, "the page's byline element"})
	for _, c := range cs {
		if c.v == "" || isRemote(c.v) {
			continue
		}
		if s := cleanByline(c.v); s != "" {
			m.authorFrom = c.from
			return []string{s}
		}
	}
	return nil
}

// startsWithDeck reports whether the body begins with the deck itself,
// which then moves to the front matter.
func startsWithDeck(body, deck string) bool {
	return strings.HasPrefix(strings.ToLower(body), strings.ToLower(deck))
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
