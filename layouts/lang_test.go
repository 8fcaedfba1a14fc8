package layouts

import (
	"io/fs"
	"maps"
	"path"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// readLang reads lang/<name>.yaml as the flat map of strings the backends
// expect.
func readLang(t *testing.T, name string) map[string]string {
	t.Helper()
	data, err := fs.ReadFile(FS, "lang/"+name+".yaml")
	if err != nil {
		t.Fatal(err)
	}
	if !utf8.Valid(data) {
		t.Fatalf("%s.yaml is not UTF-8", name)
	}
	m := make(map[string]string)
	if err := yaml.Unmarshal(data, &m); err != nil {
		t.Fatalf("%s.yaml: %v", name, err)
	}
	return m
}

var placeholderRE = regexp.MustCompile(`\{[a-z]+\}`)

// placeholders returns the {names} in s, sorted.
func placeholders(s string) []string {
	ps := placeholderRE.FindAllString(s, -1)
	slices.Sort(ps)
	return ps
}

// langName is the form of a file name: a language, then a script or a
// region (BCP 47 case).
var langName = regexp.MustCompile(`^[a-z]{2,3}(-[A-Z][a-z]{3}|-[A-Z]{2})?$`)

// TestLangKeys holds every language file to en.yaml: the same keys, none
// empty, none unknown (a misspelt key would silently fall back to
// English), and the same placeholders in each value (a translation that
// drops {title} would lose the title).
func TestLangKeys(t *testing.T) {
	en := readLang(t, "en")
	if len(en) < 15 {
		t.Fatalf("en.yaml has %d keys; the backends read at least 15", len(en))
	}
	files, err := fs.Glob(FS, "lang/*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		name := strings.TrimSuffix(path.Base(f), ".yaml")
		t.Run(name, func(t *testing.T) {
			if !langName.MatchString(name) {
				t.Errorf("file name %q is not a language tag such as de, zh-Hant or pt-BR", name)
			}
			m := readLang(t, name)
			for _, k := range slices.Sorted(maps.Keys(en)) {
				v, ok := m[k]
				switch {
				case !ok:
					t.Errorf("no key %q (en: %q)", k, en[k])
				case strings.TrimSpace(v) == "":
					t.Errorf("%s is empty", k)
				case strings.TrimFunc(v, unicode.IsSpace) != v:
					t.Errorf("%s = %q has space at an end", k, v)
				case !slices.Equal(placeholders(v), placeholders(en[k])):
					t.Errorf("%s = %q has placeholders %v, en.yaml %v", k, v, placeholders(v), placeholders(en[k]))
				}
			}
			for k := range m {
				if _, ok := en[k]; !ok {
					t.Errorf("unknown key %q (not in en.yaml)", k)
				}
			}
		})
	}
}

// TestLangCoverage checks that the languages pamphlet hyphenates and sets
// (issue "Every script and every OpenType font in print") have their
// words.
func TestLangCoverage(t *testing.T) {
	for _, l := range []string{
		"en", "de", "fr", "es", "it", "pt", "nl", "ru", "uk", "pl", "cs", "sv", "da", "el",
		"hi", "mr", "bn", "ta", "te", "kn", "ml", "gu", "pa",
		"ar", "fa", "ur", "he", "ja", "zh",
	} {
		if _, err := fs.Stat(FS, "lang/"+l+".yaml"); err != nil {
			t.Errorf("no words for %s: %v", l, err)
		}
	}
}
