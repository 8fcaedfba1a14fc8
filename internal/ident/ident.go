// Package ident makes the names pamphlet derives from text: file names
// and XML ids (Slug), heading anchors (Anchor) and stable identifiers
// (UUID). Each is made in this one place, so that the output's name, an
// article's EPUB file, an imported article's file and a library's feed
// ids follow one rule each.
//
// Slug and Anchor are two rules on purpose: Slug makes names that must be
// safe everywhere (ASCII file names, XML ids), Anchor the ids of headings
// by GitHub's rules, which authors already write links against
// ([see](#dont-stop) for "Don't stop").
package ident

import (
	"crypto/sha1"
	"fmt"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// maxSlug bounds a slug's length in bytes: a file name, not a sentence.
const maxSlug = 80

// Slug turns a title into a name for a file or an XML id: lower case
// ASCII letters and digits joined by single hyphens ("Common Sense" →
// "common-sense"), accented letters without their accents, at most 80
// bytes. When nothing is left (a title in another script) it returns
// fallback ("book", "article").
func Slug(title, fallback string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range norm.NFKD.String(title) {
		switch {
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			hyphen = false
			b.WriteRune(unicode.ToLower(r))
		case unicode.Is(unicode.Mn, r):
			// a combining accent split off by NFKD: drop it
		default:
			hyphen = true
		}
	}
	s := b.String()
	if len(s) > maxSlug {
		s = strings.TrimRight(s[:maxSlug], "-")
	}
	if s == "" {
		return fallback
	}
	return s
}

// Anchor makes an id from a heading's text by GitHub's rules: lower case;
// letters, digits, marks, hyphens, underscores and spaces kept, other
// characters removed; each space becomes a hyphen.
func Anchor(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch {
		case r == ' ':
			b.WriteByte('-')
		case r == '-' || r == '_':
			b.WriteRune(r)
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r):
			b.WriteRune(r)
		}
	}
	return b.String()
}

// urlNamespace is the namespace of pamphlet's UUIDs: RFC 9562's URL
// namespace.
var urlNamespace = [16]byte{0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8}

// UUID returns "urn:uuid:" and the name-based UUID (version 5, RFC 9562
// §5.5) of "pamphlet:" + name: the same name gives the same identifier
// on every run and every machine, as reading systems and feed readers
// expect of a book or a feed.
func UUID(name string) string {
	h := sha1.New()
	h.Write(urlNamespace[:])
	h.Write([]byte("pamphlet:" + name))
	u := h.Sum(nil)
	u[6] = u[6]&0x0f | 0x50
	u[8] = u[8]&0x3f | 0x80
	return fmt.Sprintf("urn:uuid:%x-%x-%x-%x-%x", u[0:4], u[4:6], u[6:8], u[8:10], u[10:16])
}
