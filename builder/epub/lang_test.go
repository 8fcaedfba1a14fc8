package epub

import (
	"slices"
	"testing"
)

// TestLabelFiles checks which layouts/lang files a language tag reads:
// script, then region, then the language alone, English last.
func TestLabelFiles(t *testing.T) {
	for tag, want := range map[string][]string{
		"zh-TW":   {"zh-Hant", "zh-TW", "zh"},
		"zh-Hant": {"zh-Hant", "zh"},
		"pt-BR":   {"pt-Latn", "pt-BR", "pt"},
		"de":      {"de-Latn", "de"},
		"en-US":   {"en-Latn", "en-US"},
		"iw":      {"he-Hebr", "he"}, // the deprecated code reads he.yaml
		"bad tag": {"bad tag"},
	} {
		if got := labelFiles(tag); !slices.Equal(got, want) {
			t.Errorf("labelFiles(%q) = %q, want %q", tag, got, want)
		}
	}
	for tag, want := range map[string]string{
		"zh": "目录", "zh-CN": "目录", "zh-TW": "目錄", "zh-HK": "目錄", "zh-Hant": "目錄",
		"pt": "Índice", "pt-PT": "Índice", "pt-BR": "Sumário",
		"he": "תוכן העניינים", "iw": "תוכן העניינים", "fa-IR": "فهرست مطالب",
		"ru": "Содержание", "ja": "目次", "de-AT": "Inhalt", "en-US": "Contents", "xx": "Contents",
	} {
		if got := loadLabels(tag).get("contents"); got != want {
			t.Errorf("%s: contents = %q, want %q", tag, got, want)
		}
	}
}
