// Package hyphen finds where a word may be hyphenated, with Frank Liang's
// algorithm and TeX's pattern files (hyph-utf8), as TeX does.
//
// Each language has its own patterns, embedded from layouts/hyphenation
// with their licences, and its own minimum letters before and after a
// hyphen (TeX's \lefthyphenmin and \righthyphenmin) as hyph-utf8
// recommends them. New picks the patterns for a BCP 47 tag; a language
// without patterns gets an error wrapping ErrNoPatterns, and its words are
// not hyphenated.
//
// The patterns are applied here rather than through
// github.com/speedata/hyphenation: the algorithm is forty lines, and owning it
// lets Points map character positions back to byte offsets in the caller's
// string, apply exceptions, which that package does not read, and share
// one parsed copy of a language's patterns between all its Hyphenators.
package hyphen

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// MinLetters is the shortest word that is hyphenated at all, in
// characters (letters and combining marks, so a Devanagari vowel sign
// counts as one).
const MinLetters = 5

// maxCache bounds the per-word cache so that a pathological input (a book
// of random strings) cannot grow it without end; a book has ~20k distinct
// words, so real books never reach it.
const maxCache = 1 << 17

// Hyphenator hyphenates words of one language with TeX patterns. It is safe
// for concurrent use: the typesetter breaks articles in parallel, and results
// are cached per word under a mutex.
type Hyphenator struct {
	// p is the language's patterns and exceptions, shared with every
	// other Hyphenator of the language and never changed.
	p *patterns

	mu         sync.RWMutex
	exceptions map[string][]int // added by AddExceptions: lower-case word → rune positions
	cache      map[string][]int // word as given → byte offsets
}

// New returns a Hyphenator for a BCP 47 language tag ("en-US", "de",
// "pt-BR", "el" …), with the patterns embedded as
// layouts/hyphenation/hyph-<name>.pat.txt and the exceptions in
// hyph-<name>.hyp.txt when that file exists. The name is the whole tag
// when such a file exists ("en-GB" → en-gb), else the tag less its last
// subtag, and so on down to the language ("de-CH" → de → de-1996,
// "pt-BR" → pt, "en-CA" → en → en-us; "de", "el", "en", "no" and "nn"
// stand for de-1996, el-monoton, en-us and nb). A language without
// patterns is an error wrapping ErrNoPatterns.
//
// A language's files are parsed once per process, when first asked for;
// each Hyphenator has its own cache and its own added exceptions.
func New(lang string) (*Hyphenator, error) {
	name := resolve(lang)
	if name == "" {
		return nil, fmt.Errorf("%w for language %q", ErrNoPatterns, lang)
	}
	p, err := embedded[name]()
	if err != nil {
		return nil, fmt.Errorf("hyphenation patterns for language %q (hyph-%s): %w", lang, name, err)
	}
	return newHyphenator(p), nil
}

func newHyphenator(p *patterns) *Hyphenator {
	return &Hyphenator{p: p, exceptions: make(map[string][]int), cache: make(map[string][]int)}
}

// NewFromPatterns builds a Hyphenator from a TeX pattern file (one pattern
// per whitespace-separated token, "%" starts a comment) and an optional
// exception list (nil: none) in the format AddExceptions takes. Words
// keep at least two letters before a hyphen and three after it, plain
// TeX's minimums.
func NewFromPatterns(patterns, exceptions io.Reader) (*Hyphenator, error) {
	p, err := parsePatterns(patterns, exceptions, 2, 3)
	if err != nil {
		return nil, err
	}
	return newHyphenator(p), nil
}

// Language returns the name of the pattern file h uses ("de-1996",
// "en-us" …), "" for one built by NewFromPatterns or a nil h.
func (h *Hyphenator) Language() string {
	if h == nil {
		return ""
	}
	return h.p.name
}

// Mins returns the fewest letters h leaves before a hyphen and after it.
func (h *Hyphenator) Mins() (left, right int) {
	if h == nil {
		return 0, 0
	}
	return h.p.left, h.p.right
}

// AddExceptions adds words with hyphens marking the allowed points
// ("pam-phlet"); a word given without a hyphen is never hyphenated. Case is
// ignored. The language's minimum letters before and after a hyphen still
// apply, as in TeX82 and pdfTeX (LuaTeX ignores them for exceptions; no
// word of the embedded exception lists is affected). The words are h's own: other Hyphenators of the
// language do not see them.
func (h *Hyphenator) AddExceptions(words []string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	addExceptions(h.exceptions, words)
	clear(h.cache) // earlier answers may be stale
}

// Points returns the byte offsets in word where a hyphen may be inserted:
// word[:i] + "-" ends the line and word[i:] starts the next.
//
// There are none for words with fewer than MinLetters letters, words with
// digits, '@', '/', ':', '.', '_' or other non-letters inside them (numbers,
// URLs, e-mail addresses, code), and no point lies closer to a word's start
// or end than Mins allows. Letters include combining marks (accents,
// Indic vowel signs and viramas) and the other characters of the
// language's patterns: the apostrophe of French l’homme, the zero-width
// joiners of Indic scripts. Case does not matter. Punctuation around the
// word (quotes, brackets, commas, an English possessive ’s) is ignored and
// the offsets still index the original string.
//
// A compound with a hyphen or an en or em dash is hyphenated part by part,
// each part as a word of its own (the breaks after the dashes themselves are
// the typesetter's business, not points). If the word contains soft hyphens
// (U+00AD), the writer chose: the offsets of those soft hyphens are returned
// and nothing else; the typesetter must not show soft hyphens.
//
// The result is a fresh slice (nil when there are no points).
func (h *Hyphenator) Points(word string) []int {
	return slices.Clip(h.AppendPoints(nil, word))
}

// AppendPoints appends the points of word, as Points returns them, to dst
// and returns the extended slice: a caller hyphenating word after word
// reuses one buffer instead of receiving a fresh slice for each.
func (h *Hyphenator) AppendPoints(dst []int, word string) []int {
	if h == nil || short(word) || shortScript(word) {
		return dst
	}
	return append(dst, h.cached(word)...)
}

// cached returns the points of word from h's cache, computing and
// remembering them the first time. The slice is shared: not to be
// modified.
func (h *Hyphenator) cached(word string) []int {
	h.mu.RLock()
	pts, ok := h.cache[word]
	h.mu.RUnlock()
	if !ok {
		pts = h.compute(word)
		h.mu.Lock()
		if len(h.cache) < maxCache {
			h.cache[word] = pts
		}
		h.mu.Unlock()
	}
	return pts
}

// Cache remembers the points of the words one goroutine has hyphenated,
// in front of a shared Hyphenator: the Hyphenator's own cache takes a
// lock for every word, and two cores taking turns at one lock cost more
// than the lookup. A word new to the Cache is looked up in the
// Hyphenator's cache, so that each word of a book is hyphenated once
// however many goroutines meet it. A Cache must not be used by two
// goroutines at once.
type Cache struct {
	h *Hyphenator
	m map[string][]int
}

// NewCache returns an empty Cache in front of h (nil for a nil h; a nil
// Cache finds no points).
func (h *Hyphenator) NewCache() *Cache {
	if h == nil {
		return nil
	}
	return &Cache{h: h, m: make(map[string][]int, 1024)}
}

// AppendPoints is Hyphenator.AppendPoints, remembered in c. Exceptions
// added to the Hyphenator after a word was looked up here do not change
// its answer.
func (c *Cache) AppendPoints(dst []int, word string) []int {
	if c == nil || short(word) || shortScript(word) {
		return dst
	}
	pts, ok := c.m[word]
	if !ok {
		pts = c.h.cached(word)
		if len(c.m) < maxCache {
			c.m[word] = pts
		}
	}
	return append(dst, pts...)
}

// short reports whether word is too short to have points without
// looking it up: it has fewer than MinLetters bytes, so fewer letters,
// and no soft hyphen (U+00AD) of the writer's, whose encoding starts with
// 0xC2 (so do those of other Latin-1 characters, which merely take the
// longer way). Nearly half the words of English prose are that short.
func short(word string) bool {
	return len(word) < MinLetters && strings.IndexByte(word, 0xC2) < 0
}

// shortScript is short for a word in a script of several bytes a letter
// (Cyrillic, Greek, Indic), where a short word has more bytes than
// MinLetters: one that starts beyond ASCII and has too few bytes for
// MinLetters characters of three bytes has its characters counted. A
// separate test, as one function with both would be too large to be
// inlined into the lookups.
func shortScript(word string) bool {
	return len(word) > 0 && word[0] >= utf8.RuneSelf && len(word) < 3*MinLetters && fewLetters(word)
}

// fewLetters reports whether word has fewer than MinLetters characters
// and no soft hyphen.
func fewLetters(word string) bool {
	return utf8.RuneCountInString(word) < MinLetters && !strings.Contains(word, "\u00AD")
}

func (h *Hyphenator) compute(word string) []int {
	if strings.ContainsRune(word, '\u00AD') {
		var pts []int
		for i, c := range word {
			if c == '\u00AD' && i > 0 && i+len("\u00AD") < len(word) {
				pts = append(pts, i)
			}
		}
		return pts
	}
	if strings.ContainsAny(word, "0123456789@/:\\_#&=?%") || strings.Contains(word, "www.") {
		return nil
	}
	var buf [32]int
	pts := buf[:0]
	start := 0
	for i, c := range word {
		if c == '-' || c == '\u2010' || c == '\u2011' || c == '\u2013' || c == '\u2014' {
			pts = h.part(pts, word, start, i)
			start = i + utf8.RuneLen(c)
		}
	}
	pts = h.part(pts, word, start, len(word))
	if len(pts) == 0 {
		return nil
	}
	return slices.Clone(pts)
}

// part hyphenates word[from:to], one word of a compound, and appends the
// offsets into word to dst.
func (h *Hyphenator) part(dst []int, word string, from, to int) []int {
	s := word[from:to]
	// Strip punctuation around the letters.
	lo := strings.IndexFunc(s, isLetter)
	if lo < 0 {
		return dst
	}
	hi := strings.LastIndexFunc(s, isLetter)
	_, size := utf8.DecodeRuneInString(s[hi:])
	hi += size
	core := s[lo:hi]
	// A possessive ’s or 's is not part of an English word; in French
	// or Italian an apostrophe is inside words, and in the patterns.
	if !h.p.apostrophe {
		for _, suf := range []string{"’s", "'s", "’S", "'S"} {
			if strings.HasSuffix(core, suf) {
				core = core[:len(core)-len(suf)]
				break
			}
		}
	}
	// Fixed arrays keep a word of ordinary length off the heap.
	var offArr [48]int
	offs := offArr[:0] // byte offset of each character of core
	var lowArr [96]byte
	lower := lowArr[:0] // core in lower case, for the exceptions
	var codeArr [50]byte
	a := &h.p.alpha
	codes := append(codeArr[:0], a.code('.')) // "." + core + "."
	for i, c := range core {
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
		} else {
			c = unicode.ToLower(c)
		}
		code := a.code(c)
		// Inside the word only letters, combining marks and the
		// language's pattern characters may appear: anything else
		// (o’clock in English, e.g, ibid.) is left alone.
		if code == 0 && !isLetter(c) || c == '.' {
			return dst
		}
		offs = append(offs, i)
		lower = utf8.AppendRune(lower, c)
		codes = append(codes, code)
	}
	n := len(offs)
	if n < MinLetters {
		return dst
	}
	codes = append(codes, a.code('.'))
	var ptArr [32]int
	runePts := h.runePoints(ptArr[:0], codes, lower, n)
	base := from + lo
	for _, k := range runePts {
		dst = append(dst, base+offs[k])
	}
	return dst
}

// isLetter reports whether r may be part of a word: a letter or a
// combining mark (Mn, Mc, Me), so that accents and the vowel signs and
// viramas of Indic scripts do not split words.
func isLetter(r rune) bool { return unicode.IsLetter(r) || unicode.IsMark(r) }

// runePoints returns the character positions k (a hyphen between
// character k-1 and k) allowed in the n-letter word whose letters'
// alphabet codes are codes[1:n+1], codes[0] and codes[n+1] being the
// word boundary's; lower is the word in lower case. They are appended to
// pts.
func (h *Hyphenator) runePoints(pts []int, codes, lower []byte, n int) []int {
	left, right := h.p.left, h.p.right
	h.mu.RLock()
	exc, isExc := h.exceptions[string(lower)]
	h.mu.RUnlock()
	if !isExc {
		exc, isExc = h.p.exceptions[string(lower)]
	}
	if isExc {
		for _, k := range exc {
			if k >= left && k <= n-right {
				pts = append(pts, k)
			}
		}
		return pts
	}
	m := n + 2
	// levels[j] is the level between character j-1 and j of the dotted
	// word.
	var lvArr [64]uint8
	levels := lvArr[:0]
	for range m + 1 {
		levels = append(levels, 0)
	}
	t := &h.p.trie
	for i := range m {
		// Every pattern that starts at character i.
		node := int32(0)
		for _, c := range codes[i:m] {
			if c == 0 {
				break
			}
			if node = t.next[int(node)*t.size+int(c)-1]; node == 0 {
				break
			}
			if p := t.pat[node]; p != 0 {
				for k, v := range t.levels[p-1] {
					if v > levels[i+k] {
						levels[i+k] = v
					}
				}
			}
		}
	}
	// Letter k of the word (0-based) is character k+1 of the dotted
	// word; a break before letter k is levels[k+1].
	for k := left; k <= n-right; k++ {
		if levels[k+1]%2 == 1 {
			pts = append(pts, k)
		}
	}
	return pts
}
