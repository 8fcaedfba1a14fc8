package epub

import (
	"io/fs"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/pamphlet/pamphlet/layouts"
)

// labels are the words the EPUB prints, in one language, read from
// layouts/lang/*.yaml.
type labels struct {
	own, en map[string]string
}

// loadLabels reads the labels for lang ("de-AT" uses de.yaml) with English
// behind it. A missing or broken file only means English words.
func loadLabels(lang string) labels {
	base := strings.ToLower(lang)
	if i := strings.IndexByte(base, '-'); i >= 0 {
		base = base[:i]
	}
	l := labels{en: readLabels("en")}
	if base != "en" {
		l.own = readLabels(base)
	}
	return l
}

func readLabels(base string) map[string]string {
	data, err := fs.ReadFile(layouts.FS, "lang/"+base+".yaml")
	if err != nil {
		return nil
	}
	m := make(map[string]string)
	if err := yaml.Unmarshal(data, &m); err != nil {
		return nil
	}
	return m
}

// builtin are the last resort, should layouts/lang/en.yaml lack a key.
var builtin = map[string]string{
	"contents":      "Contents",
	"titlepage":     "Title page",
	"start":         "Start of content",
	"pages":         "Pages",
	"landmarks":     "Landmarks",
	"notes":         "Notes",
	"copyright":     "Copyright",
	"backlink":      "Back to text",
	"made-with":     "Made with {tool}.",
	"by":            "by {authors}",
	"page":          "page {page}",
	"cover":         "Cover",
	"cover-alt":     "Cover: {title}",
	"print-edition": "{title}, print edition (PDF)",
}

// get returns the label for key, replacing each {name} with its value
// from the name/value pairs in args.
func (l labels) get(key string, args ...string) string {
	s, ok := l.own[key]
	if !ok || s == "" {
		s, ok = l.en[key]
	}
	if !ok || s == "" {
		s = builtin[key]
	}
	for i := 0; i+1 < len(args); i += 2 {
		s = strings.ReplaceAll(s, "{"+args[i]+"}", args[i+1])
	}
	return s
}
