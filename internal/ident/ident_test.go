package ident

import (
	"regexp"
	"testing"
)

func TestSlug(t *testing.T) {
	for in, want := range map[string]string{
		"Common Sense":             "common-sense",
		"  Mutual Aid: A Factor ":  "mutual-aid-a-factor",
		"Émile, ou De l’éducation": "emile-ou-de-l-education",
		"2+2 dialogue":             "2-2-dialogue",
		"—":                        "book",
		"मानव अधिकार":              "book",
	} {
		if got := Slug(in, "book"); got != want {
			t.Errorf("Slug(%q) = %q, want %q", in, got, want)
		}
	}
	long := Slug("a very long title that goes on and on and on beyond any file name one would like to type, truly", "book")
	if len(long) > 80 || long[len(long)-1] == '-' {
		t.Errorf("long slug %q (%d bytes)", long, len(long))
	}
}

func TestAnchor(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Hello, World!", "hello-world"},
		{"  Two  spaces ", "--two--spaces-"},
		{"Émile’s “Book” — Part 2", "émiles-book--part-2"},
		{"snake_case and-hyphen", "snake_case-and-hyphen"},
		{"C++ & Go?", "c--go"},
		{"", ""},
	} {
		if got := Anchor(tc.in); got != tc.want {
			t.Errorf("Anchor(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestUUID(t *testing.T) {
	a, b := UUID("Common Sense\x00Thomas Paine"), UUID("Common Sense\x00Thomas Paine")
	if a != b || a == UUID("Common Sense") {
		t.Errorf("UUID is not a function of its name: %s %s", a, b)
	}
	if !regexp.MustCompile(`^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`).MatchString(a) {
		t.Errorf("%q is not a version-5 UUID URN", a)
	}
	// The identifier Common Sense's EPUB (../shared/corpus, no
	// identifier in its manifest) has carried: it must not change from
	// version to version, or reading systems take it for another book.
	if want := "urn:uuid:83669dd6-dca5-5716-be25-955129a0f026"; a != want {
		t.Errorf("UUID = %q, want %q", a, want)
	}
}
