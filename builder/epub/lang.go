package epub

import (
	"io/fs"
	"strings"

	"go.yaml.in/yaml/v3"
	"golang.org/x/text/language"

	"github.com/pamphlet/pamphlet/layouts"
)

// labels are the words the EPUB prints, in one language, read from
// layouts/lang/*.yaml: the files that fit the language tag, most
// particular first, then English.
type labels struct {
	maps []map[string]string
}

// loadLabels reads the labels for lang with English behind them. A tag
// is looked up with its script, then with its region, then alone:
// "zh-TW" reads zh-Hant.yaml (its likely script) before zh.yaml,
// "pt-BR" pt-BR.yaml before pt.yaml, "de-AT" de.yaml. A missing or
// broken file only means the next one's words.
func loadLabels(lang string) labels {
	var l labels
	for _, name := range labelFiles(lang) {
		if m := readLabels(name); m != nil {
			l.maps = append(l.maps, m)
		}
	}
	if m := readLabels("en"); m != nil {
		l.maps = append(l.maps, m)
	}
	return l
}

// labelFiles returns the names of the label files for a language tag,
// most particular first, without English.
func labelFiles(lang string) []string {
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
	return names
}

func readLabels(name string) map[string]string {
	data, err := fs.ReadFile(layouts.FS, "lang/"+name+".yaml")
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
	s := ""
	for _, m := range l.maps {
		if s = m[key]; s != "" {
			break
		}
	}
	if s == "" {
		s = builtin[key]
	}
	for i := 0; i+1 < len(args); i += 2 {
		s = strings.ReplaceAll(s, "{"+args[i]+"}", args[i+1])
	}
	return s
}
