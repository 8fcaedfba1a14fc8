package layouts

import (
	"io/fs"
	"strings"

	"go.yaml.in/yaml/v3"
	"golang.org/x/text/language"
)

// Words are the words the outputs print in one language, read from
// lang/*.yaml: the files that fit the language tag, most particular
// first, then English. The front matter (builder/front) and the EPUB's
// navigation read them; nothing else prints words of its own.
type Words struct {
	maps []map[string]string
}

// WordsFor reads the words for lang with English behind them. A tag is
// looked up with its script, then with its region, then alone: "zh-TW"
// reads zh-Hant.yaml (its likely script) before zh.yaml, "pt-BR"
// pt-BR.yaml before pt.yaml, "de-AT" de.yaml. A missing file only means
// the next one's words.
func WordsFor(lang string) Words {
	var w Words
	for _, name := range WordFiles(lang) {
		if m := readWords(name); m != nil {
			w.maps = append(w.maps, m)
		}
	}
	if m := readWords("en"); m != nil {
		w.maps = append(w.maps, m)
	}
	return w
}

// WordFiles returns the names of the word files for a language tag, most
// particular first, without English.
func WordFiles(lang string) []string {
	base, _, _ := strings.Cut(strings.ToLower(lang), "-")
	var names []string
	if t, err := language.Parse(lang); err == nil {
		b, _ := t.Base()
		base = b.String()
		if s, conf := t.Script(); conf != language.No {
			names = append(names, base+"-"+s.String())
		}
		if r, conf := t.Region(); conf == language.Exact {
			names = append(names, base+"-"+r.String())
		}
	}
	if base != "en" && base != "" {
		names = append(names, base)
	}
	// Norwegian and Nynorsk books read the Bokmål words (nb.yaml), as
	// their hyphenation reads Bokmål's patterns.
	if base == "no" || base == "nn" {
		names = append(names, "nb")
	}
	return names
}

func readWords(name string) map[string]string {
	data, err := fs.ReadFile(FS, "lang/"+name+".yaml")
	if err != nil {
		return nil
	}
	m := make(map[string]string)
	if err := yaml.Unmarshal(data, &m); err != nil {
		return nil
	}
	return m
}

// Get returns the words for key, replacing each {name} with its value
// from the name/value pairs in args; the key itself when no file has it
// (layouts' TestLangKeys keeps en.yaml complete).
func (w Words) Get(key string, args ...string) string {
	s := key
	for _, m := range w.maps {
		if v := m[key]; v != "" {
			s = v
			break
		}
	}
	for i := 0; i+1 < len(args); i += 2 {
		s = strings.ReplaceAll(s, "{"+args[i]+"}", args[i+1])
	}
	return s
}

// Names joins a list of names by the language's rule (the patterns of
// CLDR's standard list): "A, B and C", "A, B und C", "A، B، اور C".
func (w Words) Names(names []string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	case 2:
		return w.Get("list-two", "a", names[0], "b", names[1])
	}
	n := len(names)
	s := w.Get("list-end", "a", names[n-2], "b", names[n-1])
	for i := n - 3; i >= 0; i-- {
		s = w.Get("list", "a", names[i], "b", s)
	}
	return s
}
