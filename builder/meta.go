package builder

import (
	"crypto/sha1"
	"fmt"
	"path"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/pamphlet/pamphlet/builder/manifest"
)

// Slug turns a title into a file name: lower case ASCII letters and
// digits joined by hyphens ("Common Sense" → "common-sense"). Accented
// letters lose their accents; a title with nothing left gives "book".
func Slug(title string) string {
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
	if len(s) > 80 {
		s = strings.TrimRight(s[:80], "-")
	}
	if s == "" {
		return "book"
	}
	return s
}

// articleID makes an article's ID from its file name. IDs become XML ids
// and file names in the EPUB, so they must start with a letter.
func articleID(file string) string {
	base := path.Base(file)
	s := Slug(strings.TrimSuffix(base, path.Ext(base)))
	if s[0] < 'a' || s[0] > 'z' {
		s = "a-" + s
	}
	return s
}

// uniqueID returns id, or id with a number appended when it is taken.
func uniqueID(id string, taken map[string]bool) string {
	out := id
	for n := 2; taken[out]; n++ {
		out = fmt.Sprintf("%s-%d", id, n)
	}
	taken[out] = true
	return out
}

// identifier returns the manifest's identifier or, without one, a UUID
// derived from the title and authors (version 5, so the same book keeps
// the same identifier from build to build, as reading systems expect).
func identifier(m *manifest.Manifest) string {
	if m.Identifier != "" {
		return m.Identifier
	}
	return "urn:uuid:" + uuid5(m.Title+"\x00"+strings.Join(m.Authors, "\x00"))
}

// uuidNamespace is an arbitrary fixed namespace for pamphlet's UUIDs:
// RFC 9562's URL namespace.
var uuidNamespace = [16]byte{0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8}

// uuid5 computes a name-based UUID (RFC 9562 §5.5) of name.
func uuid5(name string) string {
	h := sha1.New()
	h.Write(uuidNamespace[:])
	h.Write([]byte("pamphlet:" + name))
	sum := h.Sum(nil)
	sum[6] = sum[6]&0x0f | 0x50
	sum[8] = sum[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", sum[0:4], sum[4:6], sum[6:8], sum[8:10], sum[10:16])
}
