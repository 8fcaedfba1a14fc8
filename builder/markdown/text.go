package markdown

import (
	"strings"

	"github.com/pamphlet/pamphlet/builder/doc"
	"github.com/yuin/goldmark/ast"
	"golang.org/x/net/html"
)

// unescape resolves what CommonMark resolves in text: backslash escapes
// of ASCII punctuation and entity and numeric character references
// ("&amp;", "&#8212;"). goldmark leaves both in the source ranges it
// gives, for its HTML renderer to resolve.
func unescape(v []byte) string {
	i := 0
	for i < len(v) && v[i] != '\\' && v[i] != '&' {
		i++
	}
	if i == len(v) {
		return string(v)
	}
	var sb strings.Builder
	sb.Grow(len(v))
	sb.Write(v[:i])
	for i < len(v) {
		ch := v[i]
		switch {
		case ch == '\\' && i+1 < len(v) && isASCIIPunct(v[i+1]):
			sb.WriteByte(v[i+1])
			i += 2
		case ch == '&':
			if n := entityLen(v[i:]); n > 0 {
				ref := string(v[i : i+n])
				if s := html.UnescapeString(ref); s != ref {
					if s == "\x00" {
						s = "\uFFFD"
					}
					sb.WriteString(s)
					i += n
					continue
				}
			}
			sb.WriteByte(ch)
			i++
		default:
			sb.WriteByte(ch)
			i++
		}
	}
	return sb.String()
}

func isASCIIPunct(c byte) bool {
	return c >= '!' && c <= '/' || c >= ':' && c <= '@' || c >= '[' && c <= '`' || c >= '{' && c <= '~'
}

// entityLen returns the length of the entity or numeric reference at the
// start of v, with its semicolon, or 0: "&name;" (up to 32 letters and
// digits), "&#1234567;" or "&#x10FFFF;".
func entityLen(v []byte) int {
	if len(v) < 3 || v[0] != '&' {
		return 0
	}
	isDigit := func(c byte) bool { return c >= '0' && c <= '9' }
	isHex := func(c byte) bool { return isDigit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' }
	isAlnum := func(c byte) bool { return isDigit(c) || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
	i, limit := 1, 0
	var ok func(byte) bool
	switch {
	case v[1] == '#' && len(v) > 2 && (v[2] == 'x' || v[2] == 'X'):
		i, limit, ok = 3, 6, isHex
	case v[1] == '#':
		i, limit, ok = 2, 7, isDigit
	default:
		i, limit, ok = 1, 32, isAlnum
	}
	start := i
	for i < len(v) && i-start < limit && ok(v[i]) {
		i++
	}
	if i == start || i >= len(v) || v[i] != ';' {
		return 0
	}
	return i + 1
}

// plainAST returns the text under n, walking the tree without recursion
// (it serves content too deep to convert normally).
func plainAST(c *converter, n ast.Node) string {
	var sb strings.Builder
	walkAST(n, func(m ast.Node) {
		switch m := m.(type) {
		case *ast.Text:
			sb.WriteString(unescape(m.Value(c.src)))
			if m.SoftLineBreak() || m.HardLineBreak() {
				sb.WriteByte(' ')
			}
		case *ast.String:
			sb.Write(m.Value)
		}
	})
	return sb.String()
}

// flattenAST turns a subtree too deep to convert into one paragraph per
// leaf block, keeping its words.
func flattenAST(c *converter, n ast.Node) []doc.Block {
	var out []doc.Block
	walkAST(n, func(m ast.Node) {
		if m.Type() == ast.TypeBlock && m.FirstChild() != nil && m.FirstChild().Type() == ast.TypeInline {
			if s := strings.TrimSpace(plainAST(c, m)); s != "" {
				at := c.posOf(m)
				out = append(out, &doc.Para{Inlines: []doc.Inline{&doc.Text{Value: s, At: at}}, At: at})
			}
		}
		if code, ok := m.(*ast.FencedCodeBlock); ok {
			out = append(out, &doc.CodeBlock{Text: string(code.Lines().Value(c.src)), At: c.posOf(m)})
		}
	})
	return out
}

// walkAST calls f on n and each node under it in document order, using
// the tree's links instead of the call stack. Inline nodes are visited
// only as part of their leaf block's text when f wants them.
func walkAST(root ast.Node, f func(ast.Node)) {
	n := root
	for n != nil {
		f(n)
		if n.FirstChild() != nil && !(n.Type() == ast.TypeBlock && n.FirstChild().Type() == ast.TypeInline && n != root) {
			n = n.FirstChild()
			continue
		}
		for n != root && n.NextSibling() == nil {
			n = n.Parent()
		}
		if n == root {
			return
		}
		n = n.NextSibling()
	}
}
