package importer

import (
	"fmt"
	"net/url"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/pamphlet/pamphlet/builder/diag"
	"github.com/pamphlet/pamphlet/builder/importer/readable"
)

// htmlImport is the state of one HTML import.
type htmlImport struct {
	file  string
	a     *article
	diags *diag.List
	strip []*regexp.Regexp
	ids   map[string]*html.Node
	base  *url.URL
	// fetch is set when the caller loads images: every image is then
	// listed for loading, not only local ones.
	fetch bool
	// fetched is set for a page fetched from its URL (not a saved file).
	fetched bool
}

// importHTML reads a web page: it finds the article among the page's
// furniture and writes it as Markdown. Readability (package readable)
// chooses the article; when it finds none, the importer's own content
// density scoring does.
func importHTML(file, text string, opts Options, strip []*regexp.Regexp, diags *diag.List) *article {
	doc, err := html.Parse(strings.NewReader(annotateLines(text)))
	if err != nil {
		// The parser refuses pathological nesting; the words can still
		// be had from the tokens.
		diags.Warnf(diag.Pos{File: file}, codeHTMLParse, "cannot lay out this page (%v); imported its text only", err)
		return importText(tokenText(text), strip)
	}
	a := &article{}
	h := &htmlImport{file: file, a: a, diags: diags, strip: strip, ids: map[string]*html.Node{}}
	pm := readMeta(doc)
	var page *url.URL
	if u, err := url.Parse(opts.URL); err == nil && u.IsAbs() {
		page = u
	}
	var root *html.Node
	var how string
	// A section heading's class is styling, never a reason to drop it,
	// but Readability drops one whose class says "header" (Substack's
	// "header-anchor-post").
	unclassHeadings(doc)
	ra, rerr := readable.Extract(doc, page, readable.Options{KeepClasses: true})
	if rerr == nil && utf8.RuneCountInString(textOf(ra.Content)) >= minReadable {
		root, how = ra.Content, "Readability"
		h.collectIDs(root)
		h.recordDropped(findBody(doc), root)
		h.pruneContent(root)
	} else {
		h.collectIDs(doc)
		body := findBody(doc)
		h.prune(body)
		root, how = h.contentRoot(body)
		h.recordOutside(root, how)
		h.pruneLinkLists(root)
		ra = nil
	}
	a.how = how
	bodyText := textOf(root)
	walk(root, func(n *html.Node) bool {
		if pm.heading == "" && headingLevel(n) > 0 {
			pm.heading = textOf(n)
		}
		return pm.heading == ""
	})
	a.meta, a.sources = pm.resolve(bodyText, ra)
	if page != nil {
		h.base, h.fetched = page, true
		if a.meta.source == "" {
			a.meta.source = page.String()
			a.sources = append(a.sources, MetaSource{Field: "source", Value: a.meta.source, From: "the address it was fetched from"})
		}
	}
	if h.base == nil {
		for _, b := range []string{pm.base, a.meta.source} {
			if u, err := url.Parse(b); err == nil && u.IsAbs() {
				h.base = u
				break
			}
		}
	}
	h.fetch = opts.Fetch != nil
	r := newRenderer(h, root)
	blocks := r.render(root)
	blocks = h.dropTitleHeading(blocks)
	blocks = h.dropDeck(blocks)
	a.blocks = h.filterBlocks(blocks)
	a.notes = r.renderNotes()
	sort.SliceStable(a.removed, func(i, j int) bool { return a.removed[i].Line < a.removed[j].Line })
	return a
}

// unclassHeadings removes the class of the h2–h6 headings under n.
func unclassHeadings(n *html.Node) {
	walk(n, func(c *html.Node) bool {
		if l := headingLevel(c); l > 1 {
			for i := range c.Attr {
				if c.Attr[i].Key == "class" {
					c.Attr[i].Val = ""
				}
			}
		}
		return true
	})
}

// minReadable is the least text (in characters) Readability's article
// must hold to be taken; below it the page is a stub or Readability
// missed, and the importer's own scoring gets its turn.
const minReadable = 140

// collectIDs maps the ids and names under n to their elements, for
// footnote links.
func (h *htmlImport) collectIDs(n *html.Node) {
	walk(n, func(n *html.Node) bool {
		if n.Type == html.ElementNode {
			for _, k := range []string{"id", "name"} {
				if v := attr(n, k); v != "" {
					if _, ok := h.ids[v]; !ok {
						h.ids[v] = n
					}
				}
			}
		}
		return true
	})
}

// recordDropped lists the blocks of the page whose text Readability left
// out of the article, for --dry-run: each top-level run of text of the
// page that does not appear in the article.
func (h *htmlImport) recordDropped(body, content *html.Node) {
	kept := map[string]bool{}
	walk(content, func(n *html.Node) bool {
		if n.Type == html.TextNode {
			if t := strings.Join(strings.Fields(n.Data), " "); t != "" {
				kept[t] = true
			}
		}
		return true
	})
	walk(body, func(n *html.Node) bool {
		if n.Type != html.ElementNode || skipText(n) {
			return false
		}
		if n.DataAtom == atom.Body || n.DataAtom == atom.Html || !isBlockElem(n) {
			return true
		}
		t := textOf(n)
		if t == "" {
			return false
		}
		all := true
		anyKept := false
		walk(n, func(c *html.Node) bool {
			if c.Type == html.TextNode {
				if s := strings.Join(strings.Fields(c.Data), " "); s != "" {
					if kept[s] {
						anyKept = true
					} else {
						all = false
					}
				}
			}
			return c.Type != html.ElementNode || !skipText(c)
		})
		switch {
		case !anyKept:
			why := "left out by Readability (not part of the article)"
			if w, bad, _ := furnitureReason(n); bad && w != "" {
				why += ": " + w
			}
			h.a.remove(lineOf(n), t, why)
			return false
		case all:
			return false
		}
		return true
	})
}

func findBody(doc *html.Node) *html.Node {
	var body *html.Node
	walk(doc, func(n *html.Node) bool {
		if body == nil && n.DataAtom == atom.Body {
			body = n
		}
		return body == nil
	})
	if body == nil {
		return doc
	}
	return body
}

// removedTags are elements that never hold an article's text, with the
// reason their removal gives; silent ones are not worth listing.
var removedTags = map[atom.Atom]string{
	atom.Nav: "navigation", atom.Aside: "aside (sidebar)", atom.Footer: "page footer",
	atom.Header: "page or article header (title and byline go to the front matter)",
	atom.Form:   "form", atom.Button: "button", atom.Select: "form", atom.Textarea: "form",
	atom.Iframe: "embedded frame", atom.Dialog: "dialog", atom.Menu: "menu",
	atom.Object: "embedded object", atom.Embed: "embedded object", atom.Canvas: "",
	atom.Script: "", atom.Style: "", atom.Noscript: "", atom.Template: "", atom.Svg: "",
	atom.Input: "", atom.Link: "", atom.Meta: "", atom.Video: "video", atom.Audio: "audio",
}

var removedRoles = map[string]string{
	"navigation": "navigation", "banner": "page header", "contentinfo": "page footer",
	"complementary": "aside (sidebar)", "search": "search form", "dialog": "dialog",
	"alertdialog": "dialog", "menu": "menu", "menubar": "menu",
}

// boilerWords mark class names and ids of site furniture; each is matched
// as a substring of one class name or id.
var boilerWords = []struct{ word, why string }{
	{"share", "share widget"}, {"social", "share widget"}, {"sharedaddy", "share widget"},
	{"related", "related posts"}, {"comment", "comment section"}, {"respond", "comment form"},
	{"newsletter", "newsletter widget"}, {"subscribe", "subscribe widget"}, {"signup", "subscribe widget"},
	{"sign-up", "subscribe widget"}, {"cookie", "cookie notice"}, {"consent", "cookie notice"},
	{"gdpr", "cookie notice"}, {"advert", "advertisement"}, {"promo", "promotion"},
	{"sponsor", "advertisement"}, {"sidebar", "sidebar"}, {"widget", "widget"},
	{"breadcrumb", "navigation"}, {"navbar", "navigation"}, {"menu", "navigation"},
	{"pagination", "navigation"}, {"post-navigation", "navigation"}, {"nav-links", "navigation"},
	{"popup", "pop-up"}, {"modal", "pop-up"}, {"paywall", "paywall notice"},
	{"byline", "byline (moved to the front matter)"}, {"dateline", "date (moved to the front matter)"}, {"entry-meta", "post metadata (moved to the front matter)"},
	{"post-meta", "post metadata (moved to the front matter)"}, {"article-meta", "post metadata (moved to the front matter)"},
	{"entry-footer", "post footer"}, {"post-footer", "post footer"}, {"tags", "tag list"},
	{"author-bio", "author box"}, {"author-box", "author box"}, {"outbrain", "advertisement"},
	{"taboola", "advertisement"}, {"jp-relatedposts", "related posts"}, {"skip-link", "navigation"},
	{"screen-reader", "hidden text"}, {"visually-hidden", "hidden text"}, {"sr-only", "hidden text"},
}

// adTokens are class names or ids that mark ads only as whole tokens
// ("ad" is inside "header" and "read").
var adTokens = map[string]bool{"ad": true, "ads": true, "adsbygoogle": true, "ad-slot": true, "ad-container": true, "advertisement": true}

// furnitureReason says why n is site furniture ("<nav>: navigation"),
// with silent true for elements never worth listing (scripts, styles).
func furnitureReason(n *html.Node) (why string, bad, silent bool) {
	return furniture(n, false)
}

// furniture is furnitureReason, gentler inside an article Readability
// has chosen: there a <header> or <footer> is the article's own (a
// section's heading and deck), and an id is a section's name made of
// its heading's words ("getting-into-trouble-with-shared-…"), so only
// class names count, matched by whole words.
func furniture(n *html.Node, inArticle bool) (why string, bad, silent bool) {
	tag := "<" + n.Data + ">"
	if why, ok := removedTags[n.DataAtom]; ok && !(inArticle && (n.DataAtom == atom.Header || n.DataAtom == atom.Footer)) {
		return tag + ": " + why, true, why == ""
	}
	if why, ok := removedRoles[strings.ToLower(attr(n, "role"))]; ok {
		return fmt.Sprintf("<%s role=%q>: %s", n.Data, attr(n, "role"), why), true, false
	}
	if hasAttr(n, "hidden") || strings.EqualFold(attr(n, "aria-hidden"), "true") {
		return tag + ": hidden element", true, false
	}
	style := strings.ToLower(strings.ReplaceAll(attr(n, "style"), " ", ""))
	if strings.Contains(style, "display:none") || strings.Contains(style, "visibility:hidden") {
		return tag + ": hidden element", true, false
	}
	if isPreferred(n) {
		return "", false, false
	}
	toks := classTokens(n)
	if inArticle {
		toks = strings.Fields(strings.ToLower(attr(n, "class")))
	}
	for _, t := range toks {
		what := fmt.Sprintf("<%s class=%q>", n.Data, t)
		if t == strings.ToLower(attr(n, "id")) {
			what = fmt.Sprintf("<%s id=%q>", n.Data, t)
		}
		if hasAnyClass([]string{t}, dateClasses...) {
			return what + ": date (moved to the front matter)", true, false
		}
		if adTokens[t] || strings.HasPrefix(t, "ad-") || strings.HasPrefix(t, "ads-") {
			return what + ": advertisement", true, false
		}
		if isContentClass(t) {
			continue
		}
		for _, w := range boilerWords {
			if strings.Contains(t, w.word) && (!inArticle || hasWord(t, w.word)) {
				return what + ": " + w.why, true, false
			}
		}
	}
	return "", false, false
}

// hasWord reports whether the class name t holds word between hyphens
// or underscores ("share" in "post-share-buttons", not in "shared").
func hasWord(t, word string) bool {
	for i := 0; ; {
		j := strings.Index(t[i:], word)
		if j < 0 {
			return false
		}
		j += i
		end := j + len(word)
		if (j == 0 || t[j-1] == '-' || t[j-1] == '_') && (end == len(t) || t[end] == '-' || t[end] == '_' || t[end] == 's') {
			return true
		}
		i = j + 1
	}
}

// pruneContent removes site furniture left inside the article
// Readability chose: share and subscribe widgets, bylines and dates
// (which the front matter holds), hidden elements.
func (h *htmlImport) pruneContent(root *html.Node) {
	var doomed []*html.Node
	walk(root, func(n *html.Node) bool {
		if n == root || n.Type != html.ElementNode {
			return n.Type == html.ElementNode || n.Type == html.DocumentNode
		}
		why, bad, silent := furniture(n, true)
		if n.DataAtom == atom.Time && standsAlone(n) {
			// A date standing alone: the front matter holds it.
			why, bad, silent = "<time>: date (moved to the front matter)", true, false
		}
		if !bad {
			return true
		}
		t := textOf(n)
		if strings.Contains(why, " class=") && utf8.RuneCountInString(t) > 300 && linkDensity(n) < 0.5 {
			// Prose, whatever its class says: The New Yorker classes
			// its article's paragraphs "paywall".
			return true
		}
		if !silent && t != "" {
			h.a.remove(lineOf(n), t, why)
		}
		doomed = append(doomed, n)
		return false
	})
	for _, n := range doomed {
		n.Parent.RemoveChild(n)
	}
}

// standsAlone reports whether n is a block of its own: no text or
// phrasing element beside it in its parent, or only the parent's.
func standsAlone(n *html.Node) bool {
	for p := n; p.Parent != nil; p = p.Parent {
		alone := true
		for s := p.Parent.FirstChild; s != nil; s = s.NextSibling {
			switch {
			case s == p:
			case s.Type == html.TextNode && strings.TrimSpace(s.Data) != "":
				alone = false
			case s.Type == html.ElementNode && !isBlockElem(s) && textOf(s) != "":
				alone = false
			}
		}
		if !alone {
			return false
		}
		if isBlockElem(p.Parent) {
			return true
		}
	}
	return true
}

// contentClasses name the article's container on common platforms
// (WordPress, Substack, Ghost, Medium-like and news templates).
var contentClasses = []string{
	"entry-content", "post-content", "article-content", "article-body", "article__body",
	"post-body", "story-body", "entry-body", "body markup", "available-content", "post-entry",
	"blog-post-content", "article-text", "story-content", "c-entry-content", "gh-content", "content-body",
}

func isContentClass(t string) bool {
	for _, c := range contentClasses {
		if t == c {
			return true
		}
	}
	return false
}

// isPreferred reports whether n is marked up as the article's container.
func isPreferred(n *html.Node) bool {
	if n.Type != html.ElementNode {
		return false
	}
	switch n.DataAtom {
	case atom.Article, atom.Main:
		return true
	}
	if strings.EqualFold(attr(n, "itemprop"), "articleBody") || strings.EqualFold(attr(n, "role"), "main") {
		return true
	}
	cls := " " + strings.Join(strings.Fields(strings.ToLower(attr(n, "class"))), " ") + " "
	for _, c := range contentClasses {
		if strings.Contains(cls, " "+c+" ") {
			return true
		}
	}
	return false
}

// prune removes site furniture from the tree under body, recording each
// removal that held text. The article's marked-up container and the
// elements around it are kept whatever their class says (themes put
// "has-sidebar" on the wrappers of everything), and so is an element
// holding most of the page's text when nothing is marked up.
func (h *htmlImport) prune(body *html.Node) {
	keep := map[*html.Node]bool{}
	for n := preferredRoot(body); n != nil; n = n.Parent {
		keep[n] = true
	}
	total := utf8.RuneCountInString(textOf(body))
	var doomed []*html.Node
	walk(body, func(n *html.Node) bool {
		if n == body || n.Type != html.ElementNode {
			return n.Type == html.ElementNode || n.Type == html.DocumentNode
		}
		why, bad, silent := furnitureReason(n)
		if !bad {
			return true
		}
		if keep[n] {
			return true
		}
		t := textOf(n)
		if !silent && len(keep) == 0 && total > 0 && utf8.RuneCountInString(t)*2 > total && !strings.Contains(why, "comment") {
			return true
		}
		if !silent && t != "" {
			h.a.remove(lineOf(n), t, why)
		}
		doomed = append(doomed, n)
		return false
	})
	for _, n := range doomed {
		if n.Parent != nil {
			n.Parent.RemoveChild(n)
		}
	}
}

// contentRoot picks the element that holds the article: the marked-up
// container when the page has one with enough text, else the element
// with the best content-density score.
func (h *htmlImport) contentRoot(body *html.Node) (*html.Node, string) {
	if n := preferredRoot(body); n != nil {
		return n, "marked up as the article"
	}
	if n := densest(body); n != nil {
		return n, "chosen by content density"
	}
	return body, ""
}

// recordOutside lists what lies outside the article's container: the
// siblings of the container and of each element around it.
func (h *htmlImport) recordOutside(root *html.Node, how string) {
	what := "<" + root.Data
	if id := attr(root, "id"); id != "" {
		what += fmt.Sprintf(" id=%q", id)
	} else if c := attr(root, "class"); c != "" {
		what += fmt.Sprintf(" class=%q", c)
	}
	what += ">"
	var outside []*html.Node
	for n := root; n != nil && n.DataAtom != atom.Body && n.Parent != nil; n = n.Parent {
		for s := n.Parent.FirstChild; s != nil; s = s.NextSibling {
			if s != n && (s.Type == html.ElementNode || s.Type == html.TextNode) {
				outside = append(outside, s)
			}
		}
	}
	for _, s := range outside {
		if t := textOf(s); t != "" && s.Parent != nil {
			h.a.remove(lineOf(s), t, fmt.Sprintf("outside the article (%s, %s)", what, how))
		}
	}
}

// preferredRoot returns the page's marked-up article container with the
// most text, most specific first: an articleBody or content class beats
// the <article> around it, which beats <main>.
func preferredRoot(body *html.Node) *html.Node {
	rank := func(n *html.Node) int {
		switch {
		case strings.EqualFold(attr(n, "itemprop"), "articleBody"):
			return 4
		case n.DataAtom != atom.Article && n.DataAtom != atom.Main && !strings.EqualFold(attr(n, "role"), "main"):
			return 3
		case n.DataAtom == atom.Article:
			return 2
		}
		return 1
	}
	var best *html.Node
	bestRank, bestLen := 0, 0
	walk(body, func(n *html.Node) bool {
		if !isPreferred(n) {
			return true
		}
		l := utf8.RuneCountInString(textOf(n))
		if l < 140 {
			return true
		}
		if r := rank(n); r > bestRank || (r == bestRank && l > bestLen) {
			best, bestRank, bestLen = n, r, l
		}
		return true
	})
	return best
}

var (
	positiveRE = regexp.MustCompile(`(?i)article|body|content|entry|main|page|post|text|blog|story`)
	negativeRE = regexp.MustCompile(`(?i)combx|comment|contact|foot|masthead|media|meta|related|scroll|shoutbox|sidebar|sponsor|shopping|tags|tool|widget`)
)

// densest scores the page's blocks as Readability does: each paragraph
// gives its parent points for its length and commas (and its grandparent
// half as many), class names add or take away, and a container's score is
// scaled down by the share of its text that is links.
func densest(body *html.Node) *html.Node {
	scores := map[*html.Node]float64{}
	var order []*html.Node
	initial := func(n *html.Node) {
		if _, ok := scores[n]; ok {
			return
		}
		s := 0.0
		switch n.DataAtom {
		case atom.Div:
			s = 5
		case atom.Pre, atom.Td, atom.Blockquote:
			s = 3
		case atom.Address, atom.Ol, atom.Ul, atom.Dl, atom.Dd, atom.Dt, atom.Li, atom.Form:
			s = -3
		case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Th:
			s = -5
		}
		cls := attr(n, "class") + " " + attr(n, "id")
		if positiveRE.MatchString(cls) {
			s += 25
		}
		if negativeRE.MatchString(cls) {
			s -= 25
		}
		scores[n] = s
		order = append(order, n)
	}
	walk(body, func(n *html.Node) bool {
		switch n.DataAtom {
		case atom.P, atom.Pre, atom.Td, atom.Blockquote:
		default:
			return true
		}
		t := textOf(n)
		l := utf8.RuneCountInString(t)
		if l < 25 || n.Parent == nil || n.Parent.Type != html.ElementNode {
			return true
		}
		s := 1 + float64(strings.Count(t, ",")) + min(float64(l)/100, 3)
		initial(n.Parent)
		scores[n.Parent] += s
		if gp := n.Parent.Parent; gp != nil && gp.Type == html.ElementNode {
			initial(gp)
			scores[gp] += s / 2
		}
		return true
	})
	var best *html.Node
	bestScore := 0.0
	for _, n := range order {
		s := scores[n] * (1 - linkDensity(n))
		if best == nil || s > bestScore {
			best, bestScore = n, s
		}
	}
	return best
}

// linkDensity is the share of n's text inside links.
func linkDensity(n *html.Node) float64 {
	all := utf8.RuneCountInString(textOf(n))
	if all == 0 {
		return 0
	}
	links := 0
	walk(n, func(c *html.Node) bool {
		if c.DataAtom == atom.A {
			links += utf8.RuneCountInString(textOf(c))
			return false
		}
		return true
	})
	return float64(links) / float64(all)
}

// pruneLinkLists removes lists and boxes inside the article that are
// mostly links and little text: tag clouds, "more from" lists, menus
// without markup.
func (h *htmlImport) pruneLinkLists(root *html.Node) {
	var doomed []*html.Node
	walk(root, func(n *html.Node) bool {
		if n == root {
			return true
		}
		switch n.DataAtom {
		case atom.Ul, atom.Ol, atom.Div, atom.Section, atom.Table, atom.P:
		default:
			return true
		}
		links := 0
		walk(n, func(c *html.Node) bool {
			if c.DataAtom == atom.A && !strings.HasPrefix(attr(c, "href"), "#") {
				links++
			}
			return true
		})
		if links < 3 {
			return true
		}
		t := textOf(n)
		if d := linkDensity(n); d > 0.6 && utf8.RuneCountInString(t) < 400 {
			h.a.remove(lineOf(n), t, fmt.Sprintf("<%s> that is mostly links (%d links, %.0f%% of its text)", n.Data, links, d*100))
			doomed = append(doomed, n)
			return false
		}
		return true
	})
	for _, n := range doomed {
		n.Parent.RemoveChild(n)
	}
}

// dropTitleHeading removes a first heading that repeats the title.
func (h *htmlImport) dropTitleHeading(blocks []block) []block {
	for i, b := range blocks {
		if i > 1 {
			break
		}
		if strings.HasPrefix(b.md, "#") && sameText(b.plain, h.a.meta.title) {
			h.a.remove(b.line, b.plain, "heading repeats the title (now in the front matter)")
			return append(blocks[:i:i], blocks[i+1:]...)
		}
	}
	return blocks
}

// dropDeck removes a first paragraph that is the subtitle, now in the
// front matter.
func (h *htmlImport) dropDeck(blocks []block) []block {
	if len(blocks) > 0 && blocks[0].kind == 0 && h.a.meta.subtitle != "" && sameText(blocks[0].plain, h.a.meta.subtitle) {
		h.a.remove(blocks[0].line, blocks[0].plain, "the subtitle (now in the front matter)")
		return blocks[1:]
	}
	return blocks
}

func sameText(a, b string) bool {
	norm := func(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }
	return norm(a) == norm(b)
}

// filterBlocks applies the text rules to the rendered blocks: boilerplate
// paragraphs go, and a line that starts the site's trailing matter ends
// the article.
func (h *htmlImport) filterBlocks(blocks []block) []block {
	var kept []block
	total := 0
	for _, b := range blocks {
		total += utf8.RuneCountInString(b.plain)
	}
	seen := 0
	for i, b := range blocks {
		seen += utf8.RuneCountInString(b.plain)
		why, cut, drop := boilerLine(b.plain, h.strip)
		if b.kind == 't' || b.kind == 'c' {
			// A table's cell or a code block is the article's.
			cut, drop = false, false
		}
		if cut && (total-seen)*2 > total {
			// The site's trailing matter does not make up most of
			// the article: a line like "Comments" halfway through is
			// the article's own.
			cut = false
		}
		switch {
		case cut && len(kept) > 0:
			h.a.remove(b.line, b.plain, why+": the site's trailing matter starts here")
			for _, m := range blocks[i+1:] {
				h.a.remove(m.line, m.plain, fmt.Sprintf("trailing matter after line %d", b.line))
			}
			return trimRules(h.dropTail(kept))
		case cut || drop:
			h.a.remove(b.line, b.plain, why)
		case b.allLink && b.kind == 0:
			h.a.remove(b.line, b.plain, "paragraph that is only a link (a promotion or navigation)")
		default:
			kept = append(kept, b)
		}
	}
	return trimRules(h.dropTail(kept))
}

// dropTail removes the copyright and "powered by" lines that end the
// article's container.
func (h *htmlImport) dropTail(kept []block) []block {
	for len(kept) > 1 {
		b := kept[len(kept)-1]
		if b.kind != 0 && b.kind != 'r' {
			break
		}
		why, ok := matchAny(pageTailPatterns, b.plain)
		if b.kind == 0 && !ok {
			break
		}
		if b.kind == 0 {
			h.a.remove(b.line, b.plain, why+" at the end of the page")
		}
		kept = kept[:len(kept)-1]
	}
	return kept
}

// trimRules drops thematic breaks at the end, left behind by removals.
func trimRules(blocks []block) []block {
	for len(blocks) > 0 && blocks[len(blocks)-1].md == "---" {
		blocks = blocks[:len(blocks)-1]
	}
	for len(blocks) > 0 && blocks[0].md == "---" {
		blocks = blocks[1:]
	}
	return blocks
}

// tokenText extracts the text of a page that cannot be parsed into a
// tree: block tags become paragraph breaks, scripts and styles vanish.
func tokenText(src string) string {
	z := html.NewTokenizer(strings.NewReader(src))
	var b strings.Builder
	skip := 0
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return b.String()
		case html.TextToken:
			if skip == 0 {
				b.WriteString(strings.Join(strings.FieldsFunc(string(z.Text()), isHTMLSpace), " "))
				b.WriteByte(' ')
			}
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			n := &html.Node{Type: html.ElementNode, DataAtom: atom.Lookup(name)}
			if skipText(n) {
				if tt == html.StartTagToken {
					skip++
				} else if tt == html.EndTagToken && skip > 0 {
					skip--
				}
			}
			if isBlockElem(n) || n.DataAtom == atom.Br {
				b.WriteString("\n\n")
			}
		}
	}
}
