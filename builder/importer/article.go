package importer

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// meta is what the importer learns about an article besides its body.
type meta struct {
	title, subtitle string
	authors         []string
	date, source    string
	site, lang      string
}

// block is one Markdown block of the body, already escaped, with the
// plain text it came from (for boilerplate matching) and its input line.
type block struct {
	md    string
	plain string
	line  int
	// kind is 'h' heading, 'l' list, 'q' quote, 'c' code, 't' table,
	// 'r' rule, 0 paragraph.
	kind byte
	// allLink marks a short paragraph that is nothing but a link: a
	// promotion or navigation left inside the article.
	allLink bool
}

// note is a footnote: its label and its Markdown paragraphs.
type note struct {
	label string
	paras []string
}

// article is an import in progress, shared by the readers and the writer.
type article struct {
	meta meta
	// front, when set, is front matter kept verbatim (from a .md file);
	// it replaces the one built from meta.
	front   string
	blocks  []block
	notes   []note
	removed []Removal
	images  []string
	// sources says where each metadata value came from.
	sources []MetaSource
	// fetches are the images to load with Options.Fetch, in order.
	fetches []imageRef
	// how names what found the article's body in an HTML page.
	how string
}

func (a *article) empty() bool {
	for _, b := range a.blocks {
		if strings.TrimSpace(b.md) != "" {
			return false
		}
	}
	return a.meta.title == "" && a.front == ""
}

// remove records a removal, its text shortened to one line.
func (a *article) remove(line int, text, why string) {
	a.removed = append(a.removed, Removal{Line: line, Text: shorten(text, 72), Why: why})
}

// addImage lists a local image once.
func (a *article) addImage(src string) {
	for _, s := range a.images {
		if s == src {
			return
		}
	}
	a.images = append(a.images, src)
}

// markdown writes the article: front matter, blocks, then notes.
func (a *article) markdown() []byte {
	var b strings.Builder
	if a.front != "" {
		b.WriteString(a.front)
	} else {
		b.WriteString("---\n")
		field := func(k, v string) {
			if v != "" {
				b.WriteString(k + ": " + yamlQuote(v) + "\n")
			}
		}
		field("title", a.meta.title)
		field("subtitle", a.meta.subtitle)
		switch len(a.meta.authors) {
		case 0:
		case 1:
			field("author", a.meta.authors[0])
		default:
			b.WriteString("author:\n")
			for _, n := range a.meta.authors {
				b.WriteString("  - " + yamlQuote(n) + "\n")
			}
		}
		field("date", a.meta.date)
		field("source", a.meta.source)
		if a.meta.site != "" {
			// The builder has no use for the site's name yet; a
			// comment keeps it for the writer without a warning.
			b.WriteString("# site: " + strings.Join(strings.Fields(a.meta.site), " ") + "\n")
		}
		field("lang", a.meta.lang)
		b.WriteString("---\n")
	}
	for _, bl := range a.blocks {
		if strings.TrimSpace(bl.md) == "" {
			continue
		}
		b.WriteString("\n")
		b.WriteString(bl.md)
		b.WriteString("\n")
	}
	for _, n := range a.notes {
		b.WriteString("\n[^" + n.label + "]:")
		for i, p := range n.paras {
			if i == 0 {
				b.WriteString(" " + p + "\n")
				continue
			}
			b.WriteString("\n    " + strings.ReplaceAll(p, "\n", "\n    ") + "\n")
		}
		if len(n.paras) == 0 {
			b.WriteString("\n")
		}
	}
	return []byte(b.String())
}

// yamlQuote writes s as a YAML double-quoted scalar, which has no
// surprises: no type guessing (dates, numbers, "no") and no special
// leading characters.
func yamlQuote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x7f || r == 0x85 || r == 0x2028 || r == 0x2029 || r == 0xfeff:
			b.WriteString(`\u` + strconv.FormatInt(int64(r)|0x10000, 16)[1:])
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// escapeInline escapes the characters that Markdown would read as markup
// anywhere in a line, so that the words come back exactly.
func escapeInline(s string) string {
	if !strings.ContainsAny(s, "\\*_`[]<~&") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		case '\\', '*', '_', '`', '[', ']', '<', '~':
			b.WriteByte('\\')
		case '&':
			if isEntity(s[i+1:]) {
				b.WriteByte('\\')
			}
		}
		b.WriteByte(c)
	}
	return b.String()
}

// isEntity reports whether s (the text after an ampersand) would be read
// as an HTML character reference.
func isEntity(s string) bool {
	n := 0
	for n < len(s) && n < 32 && (isAlnum(s[n]) || (n == 0 && s[n] == '#')) {
		n++
	}
	return n > 0 && n < len(s) && s[n] == ';'
}

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// escapeStart escapes what would make the start of a paragraph line a
// heading, quote, list item, thematic break, setext underline or code
// block.
func escapeStart(s string) string {
	s = strings.TrimLeft(s, " \t")
	if s == "" {
		return s
	}
	switch s[0] {
	case '#', '>', '=':
		return `\` + s
	case '-', '+', '*':
		if len(s) == 1 || s[1] == ' ' || s[1] == '\t' || s[1] == s[0] && (s[0] != '*' || isBreakLine(s)) {
			return `\` + s
		}
	case '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		i := 0
		for i < len(s) && i < 10 && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		if i < len(s) && (s[i] == '.' || s[i] == ')') && (i+1 == len(s) || s[i+1] == ' ' || s[i+1] == '\t') {
			return s[:i] + `\` + s[i:]
		}
	}
	return s
}

// isBreakLine reports whether s is a thematic break: three or more of
// its first character with only spaces between. "**bold**" at the start
// of a line is not one.
func isBreakLine(s string) bool {
	n := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case s[0]:
			n++
		case ' ', '\t':
		default:
			return false
		}
	}
	return n >= 3
}

// escapeHeadingEnd keeps a heading's trailing '#' characters from being
// read as a closing sequence.
func escapeHeadingEnd(s string) string {
	if strings.HasSuffix(s, "#") {
		i := strings.LastIndexFunc(s, func(r rune) bool { return r != '#' })
		return s[:i+1] + `\` + s[i+1:]
	}
	return s
}

// shorten cuts s to at most n runes on one line, marking the cut.
func shorten(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	i := 0
	for j := range s {
		if i == n-1 {
			return s[:j] + "…"
		}
		i++
	}
	return s
}
