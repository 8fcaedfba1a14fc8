package epub

import (
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// idSet hands out ids that are unique within one XHTML file.
type idSet struct {
	used map[string]bool
}

func newIDSet(reserved ...string) *idSet {
	s := &idSet{used: make(map[string]bool)}
	for _, r := range reserved {
		s.used[r] = true
	}
	return s
}

// take returns want, or want-2, want-3 … when it is taken, and marks the
// result as used.
func (s *idSet) take(want string) string {
	id := want
	for n := 2; s.used[id]; n++ {
		id = fmt.Sprintf("%s-%d", want, n)
	}
	s.used[id] = true
	return id
}

// reservedPrefixes are the id prefixes the writer itself uses in an
// article file; a heading id that starts with one gets a prefix so that it
// can never clash with a note or a page marker.
var reservedPrefixes = []string{"fn-", "fnref-", "page-"}

// reservedIDs are whole ids the writer uses in an article file.
var reservedIDs = []string{"title", "notes", "notes-title"}

// idChars reduces s to characters that are safe in an XML name and in a
// URL fragment without escaping: letters and digits (any script), '-', '_'
// and '.'. Other characters become '-'.
func idChars(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' || r == '-' || r == '.':
			b.WriteRune(r)
		default:
			b.WriteByte('-')
		}
	}
	return b.String()
}

// headingID turns a model heading id into an id for the XHTML file, or ""
// when the id is empty.
func headingID(id string) string {
	id = idChars(id)
	if id == "" {
		return ""
	}
	first := []rune(id)[0]
	clash := !(unicode.IsLetter(first) || first == '_')
	for _, p := range reservedPrefixes {
		if strings.HasPrefix(id, p) {
			clash = true
		}
	}
	for _, r := range reservedIDs {
		if id == r {
			clash = true
		}
	}
	if clash {
		return "h-" + id
	}
	return id
}

// fileName turns an article id into a file name stem of ASCII letters,
// digits, '-' and '_', which every zip tool and reading system handles.
func fileName(id string) string {
	var b strings.Builder
	for _, r := range id {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '-', r == '_':
			b.WriteRune(r)
		case r >= 'A' && r <= 'Z':
			// Lower case, so no two names differ only in case.
			b.WriteRune(r - 'A' + 'a')
		default:
			b.WriteByte('-')
		}
	}
	return strings.Trim(b.String(), "-")
}

var langTag = regexp.MustCompile(`^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$`)

// validLang reports whether tag looks like a BCP 47 language tag.
func validLang(tag string) bool { return langTag.MatchString(tag) }

var dcDate = regexp.MustCompile(`^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$`)

// validDate reports whether s is a date dc:date accepts without a
// warning: YYYY, YYYY-MM, YYYY-MM-DD or an RFC 3339 time.
func validDate(s string) bool {
	if dcDate.MatchString(s) {
		if len(s) == 10 {
			_, err := time.Parse("2006-01-02", s)
			return err == nil
		}
		return true
	}
	_, err := time.Parse(time.RFC3339, s)
	return err == nil
}

// fileAs gives the sort form of a personal name: "Thomas Paine" becomes
// "Paine, Thomas". Names that already hold a comma, and single words, are
// kept as they are.
func fileAs(name string) string {
	name = clean(name)
	if strings.Contains(name, ",") {
		return name
	}
	words := strings.Fields(name)
	if len(words) < 2 {
		return name
	}
	// A body rather than a person ("The pamphlet project", "Society
	// for the Diffusion of Useful Knowledge") is filed under its own
	// words, a leading article moved to the end.
	if !personal(words) {
		switch strings.ToLower(words[0]) {
		case "the", "a", "an":
			return strings.Join(words[1:], " ") + ", " + words[0]
		}
		return name
	}
	last := len(words) - 1
	suffix := ""
	if suffixes[strings.TrimSuffix(words[last], ".")] && last >= 2 {
		suffix, last = ", "+words[last], last-1
	}
	return words[last] + ", " + strings.Join(words[:last], " ") + suffix
}

// particles may stand in lower case in a person's name.
var particles = map[string]bool{
	"van": true, "von": true, "de": true, "da": true, "du": true, "le": true, "la": true,
	"di": true, "del": true, "della": true, "der": true, "den": true, "ten": true, "ter": true,
	"bin": true, "ibn": true, "al": true, "y": true, "e": true, "dos": true, "das": true,
}

// suffixes follow a surname: "Martin Luther King Jr." is filed as
// "King, Martin Luther, Jr.".
var suffixes = map[string]bool{"Jr": true, "Sr": true, "II": true, "III": true, "IV": true}

// personal reports whether words look like a person's name: at most five
// words, each capitalised or a particle, and no leading article.
func personal(words []string) bool {
	if len(words) > 5 {
		return false
	}
	switch strings.ToLower(words[0]) {
	case "the", "a", "an":
		return false
	}
	for _, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) && !particles[w] {
			return false
		}
	}
	return true
}
