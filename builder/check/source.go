package check

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// markerRE matches the block markers at a line's start: quote marks,
// list bullets and numbers, heading hashes, with the spaces after them.
var markerRE = regexp.MustCompile(`^(?:(?:>|[-*+]|\d{1,9}[.)]|#{1,6})(?: +|$))+`)

// maxPerArticle bounds the findings of one kind in one article: past it, a
// writer needs a search-and-replace, not a longer list.
const maxPerArticle = 20

// sourceFindings scans an article's Markdown for text problems the
// parsed model no longer shows: double spaces (Markdown keeps them, but
// a printed book should not) and straight quotes in a text that uses
// curly ones (the typographer guesses their direction, often wrongly for
// apostrophes at a word's start and for quotes after punctuation).
func sourceFindings(file, src string) []Finding {
	curly := strings.ContainsAny(src, "‘’“”")
	var out []Finding
	nSpace, nQuote := 0, 0
	lines := strings.Split(src, "\n")
	inFence, fence := false, ""
	start := 0
	if len(lines) > 0 && strings.TrimRight(lines[0], " \r") == "---" {
		for i := 1; i < len(lines); i++ {
			if t := strings.TrimRight(lines[i], " \r"); t == "---" || t == "..." {
				start = i + 1
				break
			}
		}
	}
	for i := start; i < len(lines); i++ {
		line := strings.TrimRight(lines[i], "\r")
		trimmed := strings.TrimLeft(line, " ")
		if f := fenceOf(trimmed); f != "" {
			switch {
			case !inFence:
				inFence, fence = true, f
			case strings.HasPrefix(trimmed, fence) && strings.TrimSpace(trimmed[len(fence):]) == "":
				inFence = false
			}
			continue
		}
		if inFence || strings.HasPrefix(line, "\t") || strings.HasPrefix(line, "    ") && i > 0 && strings.TrimSpace(lines[i-1]) == "" {
			continue
		}
		text := maskCode(line)
		// Indentation, and the spaces after a list marker or a quote's
		// ">", are Markdown's own, not the text's.
		indent := len(line) - len(trimmed)
		if m := markerRE.FindStringIndex(trimmed); m != nil {
			indent += m[1]
		}
		body := strings.TrimRight(text, " ")
		if !strings.HasPrefix(trimmed, "|") && nSpace < maxPerArticle {
			if j := strings.Index(body[indent:], "  "); j >= 0 {
				col := indent + j
				nSpace++
				out = append(out, Finding{Code: "P001", Severity: Warning, File: file, Line: i + 1, Col: runeCol(line, col),
					Message: "two spaces between words: a printed line shows them as a gap"})
			}
		}
		if curly && nQuote < maxPerArticle {
			if j := strings.IndexAny(text, `'"`); j >= 0 {
				nQuote++
				out = append(out, Finding{Code: "P002", Severity: Warning, File: file, Line: i + 1, Col: runeCol(line, j),
					Message: "straight quote " + string(text[j]) + " in a text that uses curly quotes: type the curly one (‘ ’ “ ”)"})
			}
		}
	}
	return out
}

// fenceOf returns the fence a line opens or closes (``` or ~~~, any
// length of three or more), or "".
func fenceOf(s string) string {
	for _, c := range []byte{'`', '~'} {
		n := 0
		for n < len(s) && s[n] == c {
			n++
		}
		if n >= 3 {
			return s[:n]
		}
	}
	return ""
}

// maskCode blanks what is not prose in a line, keeping byte offsets: code
// spans, link destinations, autolinks and HTML tags.
func maskCode(line string) string {
	b := []byte(line)
	blank := func(from, to int) {
		for k := from; k < to && k < len(b); k++ {
			b[k] = 'x'
		}
	}
	for i := 0; i < len(b); i++ {
		switch b[i] {
		case '`':
			n := 0
			for i+n < len(b) && b[i+n] == '`' {
				n++
			}
			closer := strings.Index(string(b[i+n:]), strings.Repeat("`", n))
			if closer < 0 {
				i += n - 1
				continue
			}
			blank(i, i+n+closer+n)
			i += n + closer + n - 1
		case ']':
			if i+1 < len(b) && b[i+1] == '(' {
				if j := strings.IndexByte(string(b[i+1:]), ')'); j >= 0 {
					blank(i+1, i+2+j)
					i += j + 1
				}
			}
		case '<':
			if j := strings.IndexByte(string(b[i:]), '>'); j > 0 {
				blank(i, i+j+1)
				i += j
			}
		}
	}
	return string(b)
}

// runeCol turns a byte offset into a 1-based column in characters.
func runeCol(line string, off int) int {
	return utf8.RuneCountInString(line[:off]) + 1
}
