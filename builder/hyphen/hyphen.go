// Package hyphen finds where a word may be hyphenated, with Frank Liang's
// algorithm and TeX's pattern files (hyph-utf8), as TeX does.
//
// The patterns are applied here rather than through
// github.com/speedata/hyphenation: the algorithm is forty lines, and owning it
// lets Points map rune positions back to byte offsets in the caller's string
// and apply exceptions, which that package does not read.
package hyphen

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/pamphlet/pamphlet/layouts"
)

// Minimum letters before the first and after the last hyphen, as TeX's
// \lefthyphenmin and \righthyphenmin for English.
const (
	LeftMin  = 2
	RightMin = 3
	// MinLetters is the shortest word that is hyphenated at all.
	MinLetters = 5
)

// maxCache bounds the per-word cache so that a pathological input (a book
// of random strings) cannot grow it without end; a book has ~20k distinct
// words, so real books never reach it.
const maxCache = 1 << 17

// Hyphenator hyphenates words of one language with TeX patterns. It is safe
// for concurrent use: the typesetter breaks articles in parallel, and results
// are cached per word under a mutex.
type Hyphenator struct {
	// The patterns, as a trie over the bytes of their letters: walking
	// it from each position of a word finds every pattern there in one
	// pass, where looking up each substring in a map hashed it anew.
	trie trie

	mu         sync.RWMutex
	exceptions map[string][]int // lower-case word → rune positions
	cache      map[string][]int // word as given → byte offsets
}

// New loads the patterns for a BCP 47 language tag ("en-US", "en",
// "en-GB" …) from the embedded layouts/hyphenation/hyph-<tag>.pat.txt,
// falling back from a bare or unknown-region English tag to en-us, and the
// exceptions from hyph-<tag>.hyp.txt when that file exists.
func New(lang string) (*Hyphenator, error) {
	tag := strings.ToLower(strings.ReplaceAll(strings.TrimSpace(lang), "_", "-"))
	candidates := []string{tag}
	if base, _, _ := strings.Cut(tag, "-"); base != tag {
		candidates = append(candidates, base)
	}
	if tag == "en" || strings.HasPrefix(tag, "en-") {
		candidates = append(candidates, "en-us")
	}
	for _, c := range candidates {
		if c == "" || strings.ContainsAny(c, "/.\\") {
			continue
		}
		pat, err := layouts.FS.Open("hyphenation/hyph-" + c + ".pat.txt")
		if err != nil {
			continue
		}
		defer pat.Close()
		var exc io.Reader
		if f, err := layouts.FS.Open("hyphenation/hyph-" + c + ".hyp.txt"); err == nil {
			defer f.Close()
			exc = f
		} else if !isNotExist(err) {
			return nil, fmt.Errorf("hyphenation exceptions for %q: %w", lang, err)
		}
		h, err := NewFromPatterns(pat, exc)
		if err != nil {
			return nil, fmt.Errorf("hyphenation patterns for %q: %w", lang, err)
		}
		return h, nil
	}
	return nil, fmt.Errorf("no hyphenation patterns for language %q", lang)
}

func isNotExist(err error) bool { return err != nil && errors.Is(err, fs.ErrNotExist) }

// NewFromPatterns builds a Hyphenator from a TeX pattern file (one pattern
// per whitespace-separated token, "%" starts a comment) and an optional
// exception list (nil: none) in the format AddExceptions takes.
func NewFromPatterns(patterns, exceptions io.Reader) (*Hyphenator, error) {
	h := &Hyphenator{
		exceptions: make(map[string][]int),
		cache:      make(map[string][]int),
	}
	if patterns == nil {
		return nil, fmt.Errorf("no pattern reader")
	}
	if err := h.readPatterns(patterns); err != nil {
		return nil, err
	}
	if exceptions != nil {
		words, err := readWords(exceptions)
		if err != nil {
			return nil, fmt.Errorf("reading exceptions: %w", err)
		}
		h.AddExceptions(words)
	}
	return h, nil
}

func (h *Hyphenator) readPatterns(r io.Reader) error {
	words, err := readWords(r)
	if err != nil {
		return fmt.Errorf("reading patterns: %w", err)
	}
	keys := make([]string, 0, len(words))
	levels := make([][]uint8, 0, len(words))
	for _, tok := range words {
		var letters strings.Builder
		lv := []uint8{0}
		for _, c := range tok {
			if c >= '0' && c <= '9' {
				lv[len(lv)-1] = uint8(c - '0')
				continue
			}
			letters.WriteRune(unicode.ToLower(c))
			lv = append(lv, 0)
		}
		key := letters.String()
		if key == "" {
			continue
		}
		keys = append(keys, key)
		levels = append(levels, lv)
	}
	h.trie = newTrie(keys, levels)
	return nil
}

// trie holds patterns keyed by byte strings. Bytes are numbered by class
// (those that occur in no pattern have none), and node n's child through
// class c is next[n*classes+c-1], 0 for none: the root, node 0, is no
// node's child. The table is dense, so a step is one index; with the 28
// bytes of English patterns it takes about 2 MB.
type trie struct {
	class   [256]uint8 // byte → class, 1-based; 0: in no pattern
	classes int
	next    []int32
	// pat[n] is node n's pattern, levels[pat[n]-1], or 0 for none.
	pat    []int32
	levels [][]uint8
}

// newTrie builds the trie of keys; levels[i] is keys[i]'s. A later
// duplicate key replaces an earlier one.
func newTrie(keys []string, levels [][]uint8) trie {
	var t trie
	for _, k := range keys {
		for i := 0; i < len(k); i++ {
			if t.class[k[i]] == 0 {
				t.classes++
				t.class[k[i]] = uint8(t.classes) // at most 256 classes
			}
		}
	}
	t.next = make([]int32, t.classes, 16*1024*max(t.classes, 1))
	t.pat = make([]int32, 1, 16*1024)
	t.levels = levels
	for i, k := range keys {
		n := int32(0)
		for j := 0; j < len(k); j++ {
			slot := int(n)*t.classes + int(t.class[k[j]]) - 1
			if t.next[slot] == 0 {
				t.next[slot] = int32(len(t.pat))
				t.pat = append(t.pat, 0)
				t.next = append(t.next, make([]int32, t.classes)...)
			}
			n = t.next[slot]
		}
		t.pat[n] = int32(i + 1)
	}
	return t
}

// readWords returns the whitespace-separated tokens of r, skipping "%"
// comments.
func readWords(r io.Reader) ([]string, error) {
	var out []string
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	for sc.Scan() {
		line, _, _ := strings.Cut(sc.Text(), "%")
		out = append(out, strings.Fields(line)...)
	}
	return out, sc.Err()
}

// AddExceptions adds words with hyphens marking the allowed points
// ("pam-phlet"); a word given without a hyphen is never hyphenated. Case is
// ignored. LeftMin and RightMin still apply, as in TeX.
func (h *Hyphenator) AddExceptions(words []string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for _, w := range words {
		var pts []int
		var b strings.Builder
		n := 0
		for _, c := range w {
			if c == '-' {
				if n > 0 && (len(pts) == 0 || pts[len(pts)-1] != n) {
					pts = append(pts, n)
				}
				continue
			}
			b.WriteRune(unicode.ToLower(c))
			n++
		}
		if n == 0 {
			continue
		}
		for len(pts) > 0 && pts[len(pts)-1] >= n {
			pts = pts[:len(pts)-1]
		}
		h.exceptions[b.String()] = pts
	}
	clear(h.cache) // earlier answers may be stale
}

// Points returns the byte offsets in word where a hyphen may be inserted:
// word[:i] + "-" ends the line and word[i:] starts the next.
//
// There are none for words with fewer than MinLetters letters, words with
// digits, '@', '/', ':', '.', '_' or other non-letters inside them (numbers,
// URLs, e-mail addresses, code), and no point lies within LeftMin letters
// of a word's start or RightMin of its end. Case does not matter.
// Punctuation around the word (quotes, brackets, commas, a possessive ’s)
// is ignored and the offsets still index the original string.
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
	if h == nil || short(word) {
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
	if c == nil || short(word) {
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

// short reports whether word is too short to have points: fewer bytes
// than MinLetters cannot hold that many letters, and without a soft
// hyphen (U+00AD, whose encoding starts with 0xC2) it has no points of
// the writer's. Nearly half the words of English prose are that short,
// and need no cache lookup.
func short(word string) bool {
	return len(word) < MinLetters && strings.IndexByte(word, 0xC2) < 0
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
	// A possessive ’s or 's is not part of the word.
	for _, suf := range []string{"’s", "'s", "’S", "'S"} {
		if strings.HasSuffix(core, suf) {
			core = core[:len(core)-len(suf)]
			break
		}
	}
	// Inside the word only letters (and combining marks) may appear:
	// anything else (o’clock, e.g, ibid.) is left alone.
	if strings.IndexFunc(core, func(r rune) bool { return !isLetter(r) }) >= 0 {
		return dst
	}
	n := utf8.RuneCountInString(core)
	if n < MinLetters {
		return dst
	}
	// Fixed arrays keep a word of ordinary length off the heap.
	var offArr [48]int
	offs := offArr[:0] // byte offset of each rune of core
	var lowArr [64]byte
	lower := append(lowArr[:0], '.')
	for i, c := range core {
		offs = append(offs, i)
		lower = utf8.AppendRune(lower, unicode.ToLower(c))
	}
	lower = append(lower, '.')
	var ptArr [32]int
	runePts := h.runePoints(ptArr[:0], lower, n)
	base := from + lo
	for _, k := range runePts {
		dst = append(dst, base+offs[k])
	}
	return dst
}

func isLetter(r rune) bool { return unicode.IsLetter(r) || unicode.Is(unicode.Mn, r) }

// runePoints returns the rune positions k (a hyphen between rune k-1 and k)
// allowed in the n-letter word dotted = "." + lower-case word + ".".
// They are appended to pts.
func (h *Hyphenator) runePoints(pts []int, dotted []byte, n int) []int {
	h.mu.RLock()
	exc, isExc := h.exceptions[string(dotted[1:len(dotted)-1])]
	h.mu.RUnlock()
	if isExc {
		for _, k := range exc {
			if k >= LeftMin && k <= n-RightMin {
				pts = append(pts, k)
			}
		}
		return pts
	}
	// Byte offset of each rune of dotted, plus its end: where the walks
	// through the trie start.
	var offArr [64]int
	off := offArr[:0]
	for i := 0; i < len(dotted); {
		off = append(off, i)
		_, size := utf8.DecodeRune(dotted[i:])
		i += size
	}
	off = append(off, len(dotted))
	m := len(off) - 1 // runes in dotted = n+2
	// levels[j] is the level between rune j-1 and rune j of dotted.
	var lvArr [64]uint8
	levels := lvArr[:0]
	for range m + 1 {
		levels = append(levels, 0)
	}
	t := &h.trie
	for i := range m {
		// Every pattern that starts at rune i: it ends on a rune
		// boundary, as its key is whole runes.
		node := int32(0)
		for j := off[i]; j < len(dotted); j++ {
			c := t.class[dotted[j]]
			if c == 0 {
				break
			}
			if node = t.next[int(node)*t.classes+int(c)-1]; node == 0 {
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
	// Letter k of the word (0-based) is rune k+1 of dotted; a break before
	// letter k is levels[k+1].
	for k := LeftMin; k <= n-RightMin; k++ {
		if levels[k+1]%2 == 1 {
			pts = append(pts, k)
		}
	}
	return pts
}
