package layouts

import (
	"slices"
	"testing"
)

// TestWordFiles checks which lang files a language tag reads: script,
// then region, then the language alone, English last.
func TestWordFiles(t *testing.T) {
	for tag, want := range map[string][]string{
		"zh-TW":   {"zh-Hant", "zh-TW", "zh"},
		"zh-Hant": {"zh-Hant", "zh"},
		"pt-BR":   {"pt-Latn", "pt-BR", "pt"},
		"de":      {"de-Latn", "de"},
		"en-US":   {"en-Latn", "en-US"},
		"iw":      {"he-Hebr", "he"}, // the deprecated code reads he.yaml
		"nn-NO":   {"nn-Latn", "nn-NO", "nn", "nb"},
		"bad tag": {"bad tag"},
	} {
		if got := WordFiles(tag); !slices.Equal(got, want) {
			t.Errorf("WordFiles(%q) = %q, want %q", tag, got, want)
		}
	}
	for tag, want := range map[string]string{
		"zh": "目录", "zh-CN": "目录", "zh-TW": "目錄", "zh-HK": "目錄", "zh-Hant": "目錄",
		"pt": "Índice", "pt-PT": "Índice", "pt-BR": "Sumário",
		"he": "תוכן העניינים", "iw": "תוכן העניינים", "fa-IR": "فهرست مطالب",
		"ru": "Содержание", "ja": "目次", "de-AT": "Inhalt", "en-US": "Contents", "xx": "Contents",
		"nb": "Innhold", "no": "Innhold", "nn": "Innhold",
	} {
		if got := WordsFor(tag).Get("contents"); got != want {
			t.Errorf("%s: contents = %q, want %q", tag, got, want)
		}
	}
	if got := WordsFor("hi").Get("by", "authors", "X"); got != "X द्वारा" {
		t.Errorf("hi by = %q", got)
	}
}

// TestNames joins names by each language's rule.
func TestNames(t *testing.T) {
	for _, c := range []struct {
		lang  string
		names []string
		want  string
	}{
		{"en", nil, ""},
		{"en", []string{"A"}, "A"},
		{"en", []string{"A", "B"}, "A and B"},
		{"en", []string{"A", "B", "C"}, "A, B and C"},
		{"en", []string{"A", "B", "C", "D"}, "A, B, C and D"},
		{"de", []string{"A", "B", "C"}, "A, B und C"},
		{"hi", []string{"A", "B"}, "A और B"},
		{"hi", []string{"A", "B", "C"}, "A, B, और C"},
		{"ur", []string{"A", "B", "C"}, "A، B، اور C"},
		{"zh", []string{"A", "B", "C"}, "A、B和C"},
		{"ja", []string{"A", "B"}, "A、B"},
	} {
		if got := WordsFor(c.lang).Names(c.names); got != c.want {
			t.Errorf("%s %q: %q, want %q", c.lang, c.names, got, c.want)
		}
	}
}
