package importer

import (
	"regexp"
	"strconv"
	"strings"
)

// importMarkdown keeps a Markdown file as written, removing only site
// boilerplate lines; without front matter, a leading "# Title" heading or
// the first line becomes the title.
func importMarkdown(text string, strip []*regexp.Regexp) *article {
	a := &article{}
	body := text
	if strings.HasPrefix(text, "---\n") {
		if end := strings.Index(text[4:], "\n---\n"); end >= 0 {
			a.front = text[:4+end+5]
			body = text[4+end+5:]
		} else if strings.HasSuffix(text[4:], "\n---") {
			a.front = text + "\n"
			body = ""
		}
	}
	first := strings.Count(a.front, "\n") // lines before the body
	raw := strings.Split(body, "\n")
	var lines []line
	group := 0
	for i, s := range raw {
		if strings.TrimSpace(s) == "" {
			group++
			continue
		}
		lines = append(lines, line{no: first + i + 1, s: s, group: group})
	}
	if a.front == "" {
		lines = dropLeading(a, lines, strip)
		if len(lines) > 0 {
			t := strings.TrimSpace(lines[0].s)
			if strings.HasPrefix(t, "# ") {
				t = strings.TrimSpace(strings.TrimRight(t[2:], "#"))
				a.meta.title = t
				lines = lines[1:]
			}
		}
	}
	kept := stripMarkdownBoilerplate(a, lines, strip)
	// Rebuild the body with its original blank lines between groups.
	var b strings.Builder
	for i, l := range kept {
		if i > 0 {
			b.WriteString("\n")
			if kept[i-1].group != l.group {
				b.WriteString("\n")
			}
		}
		b.WriteString(strings.TrimRight(l.s, " \t"))
	}
	if b.Len() > 0 {
		a.blocks = []block{{md: b.String(), line: first + 1}}
	}
	return a
}

// stripMarkdownBoilerplate applies the text rules to Markdown lines,
// matching each line without its emphasis and link markup, and leaving
// code blocks alone.
func stripMarkdownBoilerplate(a *article, lines []line, strip []*regexp.Regexp) []line {
	var plain []line
	inFence := false
	var fenced []bool
	for _, l := range lines {
		t := strings.TrimSpace(l.s)
		if strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~") {
			inFence = !inFence
			fenced = append(fenced, true)
		} else {
			fenced = append(fenced, inFence)
		}
		plain = append(plain, line{no: l.no, s: markdownPlain(t), group: l.group})
	}
	var kept []line
	for i, l := range lines {
		if fenced[i] {
			kept = append(kept, l)
			continue
		}
		why, cut, drop := boilerLine(plain[i].s, strip)
		switch {
		case cut && len(kept) > 0:
			a.remove(l.no, l.s, why+": the site's trailing matter starts here")
			for _, m := range lines[i+1:] {
				a.remove(m.no, m.s, "trailing matter after line "+strconv.Itoa(l.no))
			}
			return kept
		case cut || drop:
			a.remove(l.no, l.s, why)
		default:
			kept = append(kept, l)
		}
	}
	return kept
}

var mdMarkupRE = regexp.MustCompile(`^(#{1,6}\s+|[-*+]\s+|>\s*)|[*_]{1,3}|\[|\]\([^)]*\)`)

// markdownPlain strips the markup a boilerplate line might carry
// ("**Share this:**", "[Leave a comment](#respond)").
func markdownPlain(s string) string {
	return strings.TrimSpace(mdMarkupRE.ReplaceAllString(s, ""))
}
