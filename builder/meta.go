package builder

import (
	"fmt"
	"path"
	"strings"

	"github.com/pamphlet/pamphlet/builder/manifest"
	"github.com/pamphlet/pamphlet/internal/ident"
)

// articleID makes an article's ID from its file name. IDs become XML ids
// and file names in the EPUB, so they must start with a letter.
func articleID(file string) string {
	base := path.Base(file)
	s := ident.Slug(strings.TrimSuffix(base, path.Ext(base)), "book")
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
	return ident.UUID(m.Title + "\x00" + strings.Join(m.Authors, "\x00"))
}
