package hyphen

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/pamphlet/pamphlet/layouts"
)

// ErrNoPatterns is wrapped by New's error for a language that has no
// embedded patterns.
var ErrNoPatterns = errors.New("no hyphenation patterns")

// aliases maps a language subtag to the hyph-utf8 file its patterns are in
// when the two names differ: German in the reformed spelling, Greek in
// the monotonic, American English, and Norwegian (hyph-utf8's Nynorsk
// patterns are the Bokmål ones).
var aliases = map[string]string{
	"de": "de-1996",
	"el": "el-monoton",
	"en": "en-us",
	"no": "nb",
	"nn": "nb",
}

// embedded holds, for each hyph-<name>.pat.txt in layouts/hyphenation, a
// function that parses that language's files the first time it is called
// and returns the same patterns ever after. A book's articles may use
// several languages and a process may build many books: each file is
// parsed once, when first needed. The map is filled once, when the
// package is initialised, and only read after; the patterns are never
// changed once built.
var embedded = func() map[string]func() (*patterns, error) {
	m := make(map[string]func() (*patterns, error))
	entries, err := fs.ReadDir(layouts.FS, "hyphenation")
	if err != nil {
		return m // no files: every language reports ErrNoPatterns
	}
	for _, e := range entries {
		name, ok := strings.CutSuffix(e.Name(), ".pat.txt")
		if !ok {
			continue
		}
		name, ok = strings.CutPrefix(name, "hyph-")
		if !ok {
			continue
		}
		m[name] = sync.OnceValues(func() (*patterns, error) { return loadEmbedded(name) })
	}
	return m
}()

// resolve returns the name of the embedded pattern file for a BCP 47 tag:
// the whole tag if a file has that name ("en-GB" → en-gb, "de-1996"),
// else the tag without its last subtag, and so on to the language
// ("de-CH" → de → de-1996, "pt-BR" → pt). "" when none fits.
func resolve(lang string) string {
	tag := strings.ToLower(strings.ReplaceAll(strings.TrimSpace(lang), "_", "-"))
	for _, c := range tag {
		if (c < 'a' || c > 'z') && (c < '0' || c > '9') && c != '-' {
			return "" // not a tag; keeps paths out of the file names
		}
	}
	for tag != "" {
		if _, ok := embedded[tag]; ok {
			return tag
		}
		if a, ok := aliases[tag]; ok {
			if _, ok := embedded[a]; ok {
				return a
			}
		}
		i := strings.LastIndexByte(tag, '-')
		if i < 0 {
			break
		}
		tag = tag[:i]
	}
	return ""
}

// Languages returns the names of the embedded pattern files ("de-1996",
// "en-us", "ru" …), sorted: the tags that New accepts besides their
// parents and aliases.
func Languages() []string {
	out := make([]string, 0, len(embedded))
	for name := range embedded {
		out = append(out, name)
	}
	slices.Sort(out)
	return out
}

// patterns is one language's compiled pattern file and exception list.
// It is shared by every Hyphenator of that language and never changed.
type patterns struct {
	name        string
	left, right int // \lefthyphenmin and \righthyphenmin
	alpha       alphabet
	trie        trie
	exceptions  map[string][]int // lower-case word → rune positions
	// apostrophe: the patterns contain an apostrophe (French, Italian,
	// Ukrainian, Greek), so l’homme is one word to them and a final ’s
	// is not an English possessive.
	apostrophe bool
}

// loadEmbedded parses layouts/hyphenation/hyph-<name>.*.
func loadEmbedded(name string) (*patterns, error) {
	pat, err := layouts.FS.Open("hyphenation/hyph-" + name + ".pat.txt")
	if err != nil {
		return nil, err
	}
	defer pat.Close()
	var exc io.Reader
	if f, err := layouts.FS.Open("hyphenation/hyph-" + name + ".hyp.txt"); err == nil {
		defer f.Close()
		exc = f
	} else if !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	lic, err := fs.ReadFile(layouts.FS, "hyphenation/hyph-"+name+".lic.txt")
	if err != nil {
		return nil, fmt.Errorf("the licence must travel with the patterns: %w", err)
	}
	left, right, err := hyphenMins(string(lic))
	if err != nil {
		return nil, fmt.Errorf("hyph-%s.lic.txt: %w", name, err)
	}
	p, err := parsePatterns(pat, exc, left, right)
	if err != nil {
		return nil, err
	}
	p.name = name
	return p, nil
}

// hyphenMins reads the minimum letters before and after a hyphen that
// hyph-utf8 recommends, from the metadata at the head of its pattern
// files (kept in hyph-*.lic.txt):
//
//	% hyphenmins:
//	%     generation:
//	%         left: 1
//	%         right: 2
//	%     typesetting:
//	%         left: 2
//	%         right: 2
//
// The typesetting values are those TeX Live's language.dat uses; a file
// that gives only generation values means them for typesetting too.
func hyphenMins(header string) (left, right int, err error) {
	var in bool
	var section string
	found := map[string][2]int{}
	for line := range strings.Lines(header) {
		body, ok := strings.CutPrefix(strings.TrimRight(line, "\r\n"), "%")
		if !ok {
			continue
		}
		text := strings.TrimSpace(body)
		indent := len(body) - len(strings.TrimLeft(body, " "))
		if indent <= 1 { // a top-level key
			in = text == "hyphenmins:"
			section = ""
			continue
		}
		if !in {
			continue
		}
		key, val, _ := strings.Cut(text, ":")
		val = strings.TrimSpace(val)
		if val == "" {
			section = key
			continue
		}
		n, err := strconv.Atoi(val)
		if err != nil || n < 1 || n > 9 {
			return 0, 0, fmt.Errorf("hyphenmins: bad %s %q", key, val)
		}
		v := found[section]
		switch key {
		case "left":
			v[0] = n
		case "right":
			v[1] = n
		}
		found[section] = v
	}
	for _, s := range []string{"typesetting", "generation"} {
		if v, ok := found[s]; ok && v[0] > 0 && v[1] > 0 {
			return v[0], v[1], nil
		}
	}
	return 0, 0, errors.New("no hyphenmins")
}

// parsePatterns compiles a TeX pattern file (one pattern per
// whitespace-separated token, "%" starts a comment) and an optional
// exception list (nil: none) in the format AddExceptions takes.
func parsePatterns(r, exceptions io.Reader, left, right int) (*patterns, error) {
	if r == nil {
		return nil, errors.New("no pattern reader")
	}
	p := &patterns{left: left, right: right, exceptions: map[string][]int{}}
	// All letters in one slice and all levels in another, each pattern
	// a piece of them: German has 30,000 patterns, and a slice each
	// made parsing slow.
	var runes []rune
	var lvs []uint8
	var ends [][2]int // where each pattern's letters and levels end
	err := scanWords(r, func(tok []byte) {
		start, lstart := len(runes), len(lvs)
		lvs = append(lvs, 0)
		for _, c := range string(tok) { // no copy: the compiler sees to it
			if c >= '0' && c <= '9' {
				lvs[len(lvs)-1] = uint8(c - '0')
				continue
			}
			runes = append(runes, unicode.ToLower(c))
			lvs = append(lvs, 0)
		}
		if len(runes) == start {
			lvs = lvs[:lstart]
			return
		}
		ends = append(ends, [2]int{len(runes), len(lvs)})
	})
	if err != nil {
		return nil, fmt.Errorf("reading patterns: %w", err)
	}
	keys := make([][]rune, len(ends))
	levels := make([][]uint8, len(ends))
	k, l := 0, 0
	for i, e := range ends {
		keys[i], levels[i] = runes[k:e[0]:e[0]], lvs[l:e[1]:e[1]]
		k, l = e[0], e[1]
	}
	if p.alpha, err = newAlphabet(keys); err != nil {
		return nil, err
	}
	p.apostrophe = p.alpha.code('\'') != 0 || p.alpha.code('’') != 0
	p.trie = newTrie(&p.alpha, keys, levels)
	if exceptions != nil {
		words, err := readWords(exceptions)
		if err != nil {
			return nil, fmt.Errorf("reading exceptions: %w", err)
		}
		addExceptions(p.exceptions, words)
	}
	return p, nil
}

// readWords returns the whitespace-separated tokens of r, skipping "%"
// comments.
func readWords(r io.Reader) ([]string, error) {
	var out []string
	err := scanWords(r, func(tok []byte) { out = append(out, string(tok)) })
	return out, err
}

// scanWords calls f with each whitespace-separated token of r, skipping
// "%" comments. The token is valid only during the call.
func scanWords(r io.Reader, f func(tok []byte)) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	for sc.Scan() {
		line := sc.Bytes()
		if i := bytes.IndexByte(line, '%'); i >= 0 {
			line = line[:i]
		}
		for len(line) > 0 {
			i := bytes.IndexFunc(line, func(r rune) bool { return !unicode.IsSpace(r) })
			if i < 0 {
				break
			}
			line = line[i:]
			j := bytes.IndexFunc(line, unicode.IsSpace)
			if j < 0 {
				j = len(line)
			}
			f(line[:j])
			line = line[j:]
		}
	}
	return sc.Err()
}

// addExceptions enters words with hyphens marking their points into m.
func addExceptions(m map[string][]int, words []string) {
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
		m[b.String()] = pts
	}
}

// alphabet numbers the characters of a language's patterns from 1, in
// order of first use, so that the trie steps by one small number per
// letter whatever its script: Cyrillic letters take two bytes in UTF-8
// and Devanagari three, and a trie over bytes would be that many times
// deeper and, with the many distinct bytes, wider.
type alphabet struct {
	ascii [128]uint8
	// rest[c-lo] is the code of a non-ASCII c in [lo, lo+len(rest)).
	lo   rune
	rest []uint8
	size int // codes are 1..size
}

// newAlphabet numbers the runes of keys. A trie's steps are bytes, so at
// most 255 characters fit; hyph-utf8's largest alphabets (Ethiopic aside)
// have under 100.
func newAlphabet(keys [][]rune) (alphabet, error) {
	var a alphabet
	lo, hi := rune(-1), rune(-1)
	for _, k := range keys {
		for _, c := range k {
			if c >= utf8.RuneSelf {
				if lo < 0 || c < lo {
					lo = c
				}
				hi = max(hi, c)
			}
		}
	}
	if lo >= 0 {
		if hi-lo >= 1<<16 {
			return a, fmt.Errorf("pattern characters span U+%04X to U+%04X: too wide an alphabet", lo, hi)
		}
		a.lo = lo
		a.rest = make([]uint8, hi-lo+1)
	}
	for _, k := range keys {
		for _, c := range k {
			if a.code(c) != 0 {
				continue
			}
			if a.size == 255 {
				return a, errors.New("more than 255 distinct characters in the patterns")
			}
			a.size++
			if c < utf8.RuneSelf {
				a.ascii[c] = uint8(a.size)
			} else {
				a.rest[c-a.lo] = uint8(a.size)
			}
		}
	}
	return a, nil
}

// code returns c's number, 0 for a character in no pattern.
func (a *alphabet) code(c rune) uint8 {
	if c < utf8.RuneSelf {
		if c < 0 {
			return 0
		}
		return a.ascii[c]
	}
	if i := c - a.lo; i >= 0 && int(i) < len(a.rest) {
		return a.rest[i]
	}
	return 0
}

// trie holds the patterns keyed by their letters' codes. Node n's child
// through code c is next[n*size+c-1], 0 for none: the root, node 0, is no
// node's child. The table is dense, so a step is one index: English's 27
// codes and 8,400 nodes take 0.9 MB, German's 44 codes and 55,000 nodes
// 9.7 MB, which a book in German pays once.
type trie struct {
	size int
	next []int32
	// pat[n] is node n's pattern, levels[pat[n]-1], or 0 for none.
	pat    []int32
	levels [][]uint8
}

// newTrie builds the trie of keys; levels[i] is keys[i]'s. A later
// duplicate key replaces an earlier one.
func newTrie(a *alphabet, keys [][]rune, levels [][]uint8) trie {
	t := trie{size: max(a.size, 1), levels: levels}
	// Count the nodes first, one per distinct prefix, so that the table
	// is made once at its size: grown by appends, German's 10 MB were
	// copied over and over, which took most of the parsing time.
	sorted := slices.Clone(keys)
	slices.SortFunc(sorted, slices.Compare)
	nodes := 1
	var prev []rune
	for _, k := range sorted {
		common := 0
		for common < len(k) && common < len(prev) && k[common] == prev[common] {
			common++
		}
		nodes += len(k) - common
		prev = k
	}
	t.next = make([]int32, nodes*t.size)
	t.pat = make([]int32, 1, nodes)
	for i, k := range keys {
		n := int32(0)
		for _, c := range k {
			slot := int(n)*t.size + int(a.code(c)) - 1
			if t.next[slot] == 0 {
				t.next[slot] = int32(len(t.pat))
				t.pat = append(t.pat, 0)
			}
			n = t.next[slot]
		}
		t.pat[n] = int32(i + 1)
	}
	return t
}
