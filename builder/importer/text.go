package importer

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// line is one non-blank input line: its number, trimmed text and the
// blank-line-separated group it belongs to.
type line struct {
	no    int
	s     string
	group int
}

// importText reads a plain-text copy of a web page.
func importText(text string, strip []*regexp.Regexp) *article {
	a := &article{}
	if !hasCurly(text) {
		text = smarten(text)
	}
	lines := splitLines(text)
	lines = dropLeading(a, lines, strip)
	if len(lines) == 0 {
		return a
	}
	a.meta.title = lines[0].s
	rest := lines[1:]
	if len(rest) > 0 && isDeck(rest[0].s) && (rest[0].group == lines[0].group ||
		(alone(lines, 0) && alone(rest, 0) && len(rest) > 2)) {
		a.meta.subtitle = rest[0].s
		rest = rest[1:]
	}
	if len(rest) > 0 {
		if m := bylineRE.FindStringSubmatch(rest[0].s); m != nil {
			a.meta.authors = []string{m[1]}
			rest = rest[1:]
		}
	}
	kept := stripBoilerplate(a, rest, strip)
	a.blocks = textBlocks(kept)
	return a
}

var bylineRE = regexp.MustCompile(`^(?i:by)\s+(\p{Lu}[^.!?]{1,80})$`)

// splitLines returns the non-blank lines of text with their numbers and
// groups.
func splitLines(text string) []line {
	var out []line
	group := 0
	blank := true
	for i, s := range strings.Split(text, "\n") {
		s = strings.TrimSpace(strings.Map(spaceControl, s))
		if s == "" {
			if !blank {
				group++
			}
			blank = true
			continue
		}
		blank = false
		out = append(out, line{no: i + 1, s: s, group: group})
	}
	return out
}

// spaceControl turns tabs and other control characters into spaces, so
// that they neither indent Markdown nor reach the typesetter.
func spaceControl(r rune) rune {
	if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) {
		return ' '
	}
	return r
}

// alone reports whether lines[i] is the only line of its group.
func alone(lines []line, i int) bool {
	return (i == 0 || lines[i-1].group != lines[i].group) &&
		(i+1 == len(lines) || lines[i+1].group != lines[i].group)
}

// dropLeading removes site navigation copied before the title.
func dropLeading(a *article, lines []line, strip []*regexp.Regexp) []line {
	for len(lines) > 0 {
		why, cut, drop := boilerLine(lines[0].s, strip)
		if !cut && !drop {
			break
		}
		a.remove(lines[0].no, lines[0].s, why+" before the title")
		lines = lines[1:]
	}
	return lines
}

// stripBoilerplate removes boilerplate lines from the body: lines that are
// boilerplate by themselves, everything from a line that starts the
// site's trailing matter, and comment-form labels at the very end.
func stripBoilerplate(a *article, lines []line, strip []*regexp.Regexp) []line {
	var kept []line
	for i, l := range lines {
		why, cut, drop := boilerLine(l.s, strip)
		switch {
		case cut && len(kept) > 0:
			a.remove(l.no, l.s, why+": the site's trailing matter starts here")
			for _, m := range lines[i+1:] {
				w, _, _ := boilerLine(m.s, strip)
				if w == "" {
					w = fmt.Sprintf("trailing matter after line %d", l.no)
				}
				a.remove(m.no, m.s, w)
			}
			return trimTail(a, kept)
		case cut || drop:
			a.remove(l.no, l.s, why)
		default:
			kept = append(kept, l)
		}
	}
	return trimTail(a, kept)
}

// trimTail removes comment-form labels and copyright lines at the end.
func trimTail(a *article, kept []line) []line {
	n := len(kept)
	var whys []string
	for n > 1 {
		why, ok := matchAny(tailPatterns, kept[n-1].s)
		if !ok {
			break
		}
		n--
		whys = append(whys, why)
	}
	for i, l := range kept[n:] {
		a.remove(l.no, l.s, whys[len(whys)-1-i]) // in input order
	}
	return kept[:n]
}

// textItem is a paragraph or list of the text before it becomes Markdown.
type textItem struct {
	text   string   // a paragraph's text
	items  []string // a list's items
	marker string   // "-" or "1." for lists
	no     int
	single bool // the paragraph was one line alone
}

var (
	bulletRE   = regexp.MustCompile(`^[•·▪◦*‣–-]\s+(.+)$`)
	numberedRE = regexp.MustCompile(`^\d{1,3}[.)]\s+(.+)$`)
)

// textBlocks groups lines into paragraphs and lists and writes them as
// Markdown, turning lone heading-like lines into headings.
func textBlocks(lines []line) []block {
	var items []textItem
	for i := 0; i < len(lines); {
		j := i
		for j < len(lines) && lines[j].group == lines[i].group {
			j++
		}
		items = append(items, groupItems(lines[i:j])...)
		i = j
	}
	var out []block
	for i, it := range items {
		switch {
		case it.items != nil:
			var b strings.Builder
			for k, s := range it.items {
				if k > 0 {
					b.WriteString("\n")
				}
				m := it.marker
				if m != "-" {
					m = fmt.Sprintf("%d.", k+1)
				}
				b.WriteString(m + " " + escapeStart(escapeInline(s)))
			}
			out = append(out, block{md: b.String(), plain: strings.Join(it.items, " "), line: it.no})
		case it.single && i > 0 && i+1 < len(items) && isParagraph(items[i-1], it) && isParagraph(items[i+1], it) && isHeading(it.text):
			out = append(out, block{md: "## " + escapeHeadingEnd(escapeInline(it.text)), plain: it.text, line: it.no})
		default:
			out = append(out, block{md: escapeStart(escapeInline(it.text)), plain: it.text, line: it.no})
		}
	}
	return out
}

// isParagraph reports whether a neighbour of a heading candidate is body
// text, longer than the candidate.
func isParagraph(n, cand textItem) bool {
	return n.items == nil && len(n.text) > len(cand.text) && !(n.single && isHeading(n.text) && len(n.text) < 2*len(cand.text))
}

// groupItems turns one blank-line-separated group into items: a list when
// every line is a bullet or number, else paragraphs. Hard-wrapped lines
// are joined; a group of long lines is one paragraph a line, as a
// browser copy gives them.
func groupItems(g []line) []textItem {
	if len(g) > 1 {
		for _, kind := range []struct {
			re     *regexp.Regexp
			marker string
		}{{bulletRE, "-"}, {numberedRE, "1."}} {
			var items []string
			for _, l := range g {
				m := kind.re.FindStringSubmatch(l.s)
				if m == nil {
					items = nil
					break
				}
				items = append(items, m[1])
			}
			if items != nil {
				return []textItem{{items: items, marker: kind.marker, no: g[0].no}}
			}
		}
	}
	wrapped := true
	for _, l := range g[:len(g)-1] {
		if utf8.RuneCountInString(l.s) > 100 {
			wrapped = false
		}
	}
	if wrapped {
		parts := make([]string, len(g))
		for i, l := range g {
			parts[i] = l.s
		}
		return []textItem{{text: strings.Join(parts, " "), no: g[0].no, single: len(g) == 1}}
	}
	var out []textItem
	for _, l := range g {
		out = append(out, textItem{text: l.s, no: l.no, single: true})
	}
	return out
}

// isDeck reports whether s reads as a subtitle: short, and not a
// sentence ending in a full stop.
func isDeck(s string) bool {
	n := utf8.RuneCountInString(s)
	last, _ := utf8.DecodeLastRuneInString(s)
	return n <= 200 && len(strings.Fields(s)) >= 2 && !strings.ContainsRune(".:;,", last)
}

// isHeading reports whether a lone line reads as a section heading: short,
// no final full stop, starting with a capital, and either a question or
// in title case.
func isHeading(s string) bool {
	words := strings.Fields(s)
	if len(words) == 0 || len(words) > 14 || utf8.RuneCountInString(s) > 100 {
		return false
	}
	first, _ := utf8.DecodeRuneInString(s)
	last, _ := utf8.DecodeLastRuneInString(s)
	if !unicode.IsUpper(first) && !unicode.IsDigit(first) {
		return false
	}
	if strings.ContainsRune(".,;:!…-–—", last) {
		return false
	}
	if last == '?' {
		return len(words) >= 2
	}
	return titleCase(words)
}

// minorWords stay lower-case in English title case.
var minorWords = map[string]bool{
	"a": true, "an": true, "the": true, "and": true, "but": true, "or": true, "nor": true,
	"for": true, "so": true, "yet": true, "of": true, "on": true, "in": true, "at": true,
	"to": true, "by": true, "with": true, "from": true, "as": true, "vs": true, "via": true,
	"per": true, "into": true, "over": true, "up": true, "out": true, "off": true,
}

// titleCase reports whether every significant word starts with a capital.
func titleCase(words []string) bool {
	significant := 0
	for _, w := range words {
		w = strings.TrimLeft(w, "“‘\"'([")
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsLetter(r) || minorWords[strings.ToLower(w)] {
			continue
		}
		if !unicode.IsUpper(r) {
			return false
		}
		significant++
	}
	return significant > 0 && (len(words) > 1 || utf8.RuneCountInString(words[0]) >= 4)
}

// hasCurly reports whether the text already uses typographic quotes, in
// which case its straight ones are meant (inches, code) and stay.
func hasCurly(s string) bool { return strings.ContainsAny(s, "“”‘’") }

// smarten turns straight quotes and double hyphens into typographic
// quotes and em dashes.
func smarten(s string) string {
	if !strings.ContainsAny(s, `"'-`) {
		return s
	}
	s = strings.ReplaceAll(s, "---", "—")
	s = strings.ReplaceAll(s, "--", "—")
	var b strings.Builder
	b.Grow(len(s) + len(s)/16)
	prev := ' '
	rs := []rune(s)
	for i, r := range rs {
		next := ' '
		if i+1 < len(rs) {
			next = rs[i+1]
		}
		opening := unicode.IsSpace(prev) || strings.ContainsRune("([{<—–-/“‘", prev)
		switch r {
		case '"':
			if opening && !unicode.IsSpace(next) {
				r = '“'
			} else {
				r = '”'
			}
		case '\'':
			if opening && !unicode.IsSpace(next) && !unicode.IsDigit(next) {
				r = '‘'
			} else {
				r = '’'
			}
		}
		b.WriteRune(r)
		prev = r
	}
	return b.String()
}
