package hyphen

import (
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode"
)

// show renders word with "-" at each point.
func show(word string, pts []int) string {
	var b strings.Builder
	last := 0
	for _, p := range pts {
		b.WriteString(word[last:p])
		b.WriteString("-")
		last = p
	}
	return b.String() + word[last:]
}

func newEN(t testing.TB) *Hyphenator {
	t.Helper()
	h, err := New("en-US")
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func TestPoints(t *testing.T) {
	h := newEN(t)
	for _, c := range []struct{ word, want string }{
		{"international", "in-ter-na-tional"},
		{"imperialism", "im-pe-ri-al-ism"},
		{"geopolitical", "geopo-lit-i-cal"},
		{"manufacturers", "man-u-fac-tur-ers"},
		{"hyphenation", "hy-phen-ation"},
		// Capitals and punctuation around the word.
		{"Imperialism", "Im-pe-ri-al-ism"},
		{"INTERNATIONAL", "IN-TER-NA-TIONAL"},
		{"“Imperialism,”", "“Im-pe-ri-al-ism,”"},
		{"(international)", "(in-ter-na-tional)"},
		{"Emerson’s", "Emer-son’s"},
		{"manufacturer's", "man-u-fac-turer's"},
		// Exceptions from hyph-en-us.hyp.txt.
		{"table", "ta-ble"},
		{"project", "project"},
		{"associates", "as-so-ciates"},
		{"Reformation.", "Ref-or-ma-tion."},
		// Nothing for short words, numbers, URLs, addresses, code.
		{"sword", "sword"},
		{"the", "the"},
		{"1850s", "1850s"},
		{"international2", "international2"},
		{"https://example.com/imperialism", "https://example.com/imperialism"},
		{"www.international.org", "www.international.org"},
		{"example.international", "example.international"},
		{"someone@international.org", "someone@international.org"},
		{"snake_case_identifier", "snake_case_identifier"},
		{"", ""},
		{"—", "—"},
		// Compounds: each part on its own.
		{"self-reliance", "self-re-liance"},
		{"international—imperialism", "in-ter-na-tional—im-pe-ri-al-ism"},
		{"international\u2060—imperialism", "in-ter-na-tional\u2060—im-pe-ri-al-ism"},
		// Soft hyphens: the writer's points only.
		{"inter\u00adnational", "inter-\u00adnational"},
		{"\u00adtable", "\u00adtable"},
		// Non-ASCII letters.
		{"naïveté", "naïveté"},
		{"Übermensch", "Über-men-sch"},
	} {
		if got := show(c.word, h.Points(c.word)); got != c.want {
			t.Errorf("Points(%q) gives %q, want %q", c.word, got, c.want)
		}
	}
}

func TestMinimaAndOffsets(t *testing.T) {
	h := newEN(t)
	LeftMin, RightMin := h.Mins()
	words := strings.FieldsFunc(readBook(t), func(r rune) bool { return unicode.IsSpace(r) })
	for _, w := range words {
		pts := h.Points(w)
		if !slices.IsSorted(pts) {
			t.Fatalf("%q: unsorted %v", w, pts)
		}
		for _, p := range pts {
			if p <= 0 || p >= len(w) || !isRuneStart(w, p) {
				t.Fatalf("%q: bad offset %d", w, p)
			}
			if strings.ContainsRune(w, '\u00ad') {
				continue
			}
			before := strings.LastIndexFunc(w[:p], func(r rune) bool { return !isLetter(r) })
			left := []rune(w[before+1 : p])
			if len(left) < LeftMin {
				t.Fatalf("%q: only %q before point %d", w, string(left), p)
			}
			rest := w[p:]
			if e := strings.IndexFunc(rest, func(r rune) bool { return !isLetter(r) }); e >= 0 {
				rest = rest[:e]
			}
			if len([]rune(rest)) < RightMin {
				t.Fatalf("%q: only %q after point %d", w, rest, p)
			}
		}
	}
}

func isRuneStart(s string, i int) bool { return s[i]&0xC0 != 0x80 }

func TestExceptions(t *testing.T) {
	h := newEN(t)
	h.Points("pamphlet") // cached before the exception: must not stick
	h.AddExceptions([]string{"pam-phlet", "Imperialism", "re-cord-ings"})
	for _, c := range []struct{ word, want string }{
		{"pamphlet", "pam-phlet"},
		{"Pamphlet,", "Pam-phlet,"},
		{"imperialism", "imperialism"}, // listed without hyphens: never
		{"recordings", "re-cord-ings"},
	} {
		if got := show(c.word, h.Points(c.word)); got != c.want {
			t.Errorf("Points(%q) = %q, want %q", c.word, got, c.want)
		}
	}
	// LeftMin and RightMin apply to exceptions too, as in TeX.
	h.AddExceptions([]string{"a-b-c-d-e-f"})
	if got := show("abcdef", h.Points("abcdef")); got != "ab-c-def" {
		t.Errorf("abcdef: %q", got)
	}
}

func TestNewFromPatterns(t *testing.T) {
	// The classic example from Liang's thesis, in part.
	h, err := NewFromPatterns(strings.NewReader("% comment\n1co 4m1p pu2t 5pute put3er"), strings.NewReader("com-put-ers"))
	if err != nil {
		t.Fatal(err)
	}
	if got := show("computer", h.Points("computer")); got != "com-puter" {
		t.Errorf("computer: %q", got)
	}
	if got := show("computers", h.Points("computers")); got != "com-put-ers" {
		t.Errorf("computers: %q", got) // the exception, not the patterns
	}
	if _, err := NewFromPatterns(nil, nil); err == nil {
		t.Error("nil patterns accepted")
	}
}

func TestNew(t *testing.T) {
	for _, tag := range []string{"en", "en-US", "en_us", "EN-GB", "en-CA"} {
		if _, err := New(tag); err != nil {
			t.Errorf("New(%q): %v", tag, err)
		}
	}
	var nilH *Hyphenator
	if nilH.Points("international") != nil {
		t.Error("nil Hyphenator gave points")
	}
}

func TestResultIsACopy(t *testing.T) {
	h := newEN(t)
	p := h.Points("international")
	p[0] = 99
	if got := h.Points("international"); got[0] == 99 {
		t.Error("cached slice shared with the caller")
	}
}

func TestConcurrent(t *testing.T) {
	h := newEN(t)
	words := strings.Fields(readBook(t))[:4000]
	want := make([][]int, len(words))
	ref := newEN(t)
	for i, w := range words {
		want[i] = ref.Points(w)
	}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range words {
				j := (i + g*500) % len(words)
				if got := h.Points(words[j]); !slices.Equal(got, want[j]) {
					t.Errorf("%q: %v, want %v", words[j], got, want[j])
					return
				}
				if g == 0 && i%1000 == 0 {
					h.AddExceptions([]string{"pam-phlet"})
				}
			}
		})
	}
	wg.Wait()
}

func readBook(t testing.TB) string {
	t.Helper()
	b, err := os.ReadFile("testdata/self-reliance.md")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// BenchmarkPoints hyphenates every word of an essay (Emerson's
// "Self-Reliance"), cached as the typesetter uses it and uncached.
func BenchmarkPoints(b *testing.B) {
	words := strings.Fields(readBook(b))
	b.Run("cached", func(b *testing.B) {
		h := newEN(b)
		b.ReportAllocs()
		for b.Loop() {
			for _, w := range words {
				h.Points(w)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(words)), "ns/word")
	})
	b.Run("uncached", func(b *testing.B) {
		h := newEN(b)
		b.ReportAllocs()
		for b.Loop() {
			for _, w := range words {
				h.compute(w)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(words)), "ns/word")
	})
}

// TestCache checks that a Cache gives Points' answers, the first time
// and when remembered, and that nil ones find nothing.
func TestCache(t *testing.T) {
	h := newEN(t)
	c := h.NewCache()
	words := strings.Fields(readBook(t))
	for range 2 {
		for _, w := range words {
			got := c.AppendPoints([]int{-1}, w)
			if want := h.Points(w); !slices.Equal(got[1:], want) || got[0] != -1 {
				t.Fatalf("%q: cache gives %v, Points %v", w, got[1:], want)
			}
		}
	}
	var nilH *Hyphenator
	if c := nilH.NewCache(); c != nil || c.AppendPoints(nil, "international") != nil {
		t.Error("nil cache found points")
	}
}

// TestShortWords checks the shortcut for words under MinLetters bytes: a
// soft hyphen still counts there.
func TestShortWords(t *testing.T) {
	h := newEN(t)
	c := h.NewCache()
	for _, w := range []string{"a\u00adb", "ab\u00ad", "the", "a-bc", "Über", "naïf"} {
		want := h.compute(w)
		if got := h.Points(w); !slices.Equal(got, want) {
			t.Errorf("Points(%q) = %v, want %v", w, got, want)
		}
		if got := c.AppendPoints(nil, w); !slices.Equal(got, want) {
			t.Errorf("Cache.AppendPoints(%q) = %v, want %v", w, got, want)
		}
	}
	if got := h.Points("a\u00adb"); !slices.Equal(got, []int{1}) {
		t.Errorf("soft hyphen in a short word: %v", got)
	}
}
