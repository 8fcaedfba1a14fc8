package epub

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// xmlOK reports whether r may appear in an XML 1.0 document. Characters
// outside this set (most C0 controls, lone surrogates, U+FFFE, U+FFFF)
// make the whole file unreadable for a strict parser, so they are dropped.
func xmlOK(r rune) bool {
	switch {
	case r == 0x9 || r == 0xA || r == 0xD:
		return true
	case r >= 0x20 && r <= 0xD7FF:
		return true
	case r >= 0xE000 && r <= 0xFFFD:
		return true
	case r >= 0x10000 && r <= 0x10FFFF:
		return true
	}
	return false
}

// needsEscape reports whether s holds anything escape must change, so the
// common case (plain prose) is copied in one piece.
func needsEscape(s string, attr bool) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '&' || c == '<' || c == '>':
			return true
		case attr && (c == '"' || c == '\n' || c == '\r' || c == '\t'):
			return true
		case c < 0x20 && c != '\n' && c != '\t' && c != '\r':
			return true
		case c == '\r':
			return true
		case c >= 0x80:
			// Multi-byte sequences may be invalid UTF-8 or U+FFFE/U+FFFF;
			// check them rune by rune.
			r, size := utf8.DecodeRuneInString(s[i:])
			if (r == utf8.RuneError && size == 1) || !xmlOK(r) {
				return true
			}
			i += size - 1
		}
	}
	return false
}

// escape writes s to b as XML character data, or as the content of a
// double-quoted attribute when attr is set. It escapes &, <, > (and " in
// attributes), writes invalid UTF-8 as U+FFFD and drops characters XML 1.0
// forbids. Everything else, including U+00A0, U+200A and U+2060, is kept
// literally: the file is UTF-8, so there is no need for references.
func escape(b *strings.Builder, s string, attr bool) {
	if !needsEscape(s, attr) {
		b.WriteString(s)
		return
	}
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == utf8.RuneError && size == 1:
			b.WriteRune(utf8.RuneError)
		case r == '&':
			b.WriteString("&amp;")
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r == '"' && attr:
			b.WriteString("&quot;")
		case (r == '\n' || r == '\t') && attr:
			// Attribute value normalisation would turn these into
			// spaces anyway; say so explicitly.
			b.WriteByte(' ')
		case r == '\r':
			// A carriage return is normalised away by parsers; a
			// stray one in the model is a line end.
			if attr {
				b.WriteByte(' ')
			} else {
				b.WriteByte('\n')
			}
		case !xmlOK(r):
			// dropped
		default:
			b.WriteRune(r)
		}
	}
}

// esc returns s escaped as character data.
func esc(s string) string {
	var b strings.Builder
	escape(&b, s, false)
	return b.String()
}

// attr returns s escaped for a double-quoted attribute.
func attr(s string) string {
	var b strings.Builder
	escape(&b, s, true)
	return b.String()
}

// clean returns s without characters XML forbids (invalid UTF-8 becomes
// U+FFFD) and with white space runs collapsed, for metadata and labels
// that are one line: a title of control characters alone is empty.
func clean(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.Map(func(r rune) rune {
		if !xmlOK(r) {
			return -1
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

// uriSafe marks the ASCII characters a URI may hold literally (RFC 3986
// unreserved and reserved characters).
func uriSafe(c byte) bool {
	switch {
	case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		return true
	}
	return strings.IndexByte("-._~:/?#[]@!$&'()*+,;=", c) >= 0
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

// cleanURL percent-encodes what a URI may not hold (spaces, quotes, angle
// brackets, non-ASCII bytes, a '%' that starts no escape), so that a
// link written loosely in Markdown is still a valid URI in the EPUB.
// Existing escapes are kept, so clean URLs pass unchanged.
func cleanURL(u string) string {
	var b strings.Builder
	for i := 0; i < len(u); i++ {
		c := u[i]
		switch {
		case c == '%' && i+2 < len(u) && isHex(u[i+1]) && isHex(u[i+2]):
			b.WriteByte(c)
		case c != '%' && uriSafe(c):
			b.WriteByte(c)
		default:
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}
