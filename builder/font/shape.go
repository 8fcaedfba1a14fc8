package font

import (
	"fmt"
	"hash/maphash"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/go-text/typesetting/di"
	gofont "github.com/go-text/typesetting/font"
	ot "github.com/go-text/typesetting/font/opentype"
	"github.com/go-text/typesetting/language"
	"github.com/go-text/typesetting/shaping"
	"golang.org/x/image/math/fixed"
	"golang.org/x/text/unicode/bidi"

	"github.com/pamphlet/pamphlet/builder/units"
)

// Glyph is one shaped glyph.
type Glyph struct {
	// ID is the glyph's index in the face's font.
	ID uint16
	// Advance is the horizontal advance in font units, kerning included.
	Advance int32
	// XOff and YOff move the glyph from its pen position, in font units
	// (YOff upwards): marks placed on their base.
	XOff, YOff int32
	// Start and End are the byte range [Start, End) of the shaped text
	// that the glyph's cluster covers. Several glyphs may share a cluster
	// (an Indic conjunct, a base with its marks); one glyph may cover
	// several characters (the ligature fi).
	Start, End int32
}

// Run is text shaped in one face.
type Run struct {
	// Glyphs are in visual order, left to right, as they are painted.
	Glyphs []Glyph
	// Width is the sum of the advances in font units.
	Width int32
	// RTL reports that the text's first strong character is right to
	// left (Arabic, Hebrew): the run was shaped right to left.
	RTL bool
}

// WidthBefore returns the advance, in font units, of the text before
// byte offset off: where a word split at off begins its second part. A
// cluster that off cuts (a ligature "ff" hyphenated between its f's)
// counts in proportion to the bytes on each side, so that the two parts
// add up to the whole. For a right-to-left run it is the width of the
// part to the right.
func (r *Run) WidthBefore(off int) int32 {
	var w int32
	for _, g := range r.Glyphs {
		switch {
		case int(g.End) <= off:
			w += g.Advance
		case int(g.Start) < off:
			w += int32(int64(g.Advance) * int64(off-int(g.Start)) / int64(g.End-g.Start))
		}
	}
	return w
}

type runKey struct {
	face Face
	s    string
}

// The shared cache of shaped runs is split into shards, each a map
// behind its own lock, chosen by a hash of the text: a lookup allocates
// nothing (a sync.Map boxes its key) and two cores rarely want one lock.
const runShards = 64

type runShard struct {
	mu sync.RWMutex
	m  map[runKey]*Run
}

var runSeed = maphash.MakeSeed()

// Shape returns text shaped in face f. The run is cached and shared:
// callers must not modify it.
func (s *Set) Shape(f Face, text string) *Run {
	if int(f) >= len(s.faces) {
		f = Regular
	}
	k := runKey{f, text}
	sh := &s.runs[maphash.String(runSeed, text)%runShards]
	sh.mu.RLock()
	r, ok := sh.m[k]
	sh.mu.RUnlock()
	if ok {
		return r
	}
	hb := s.pool.Get().(*shaper)
	r = hb.shape(s.face(f), text)
	s.pool.Put(hb)
	sh.mu.Lock()
	defer sh.mu.Unlock()
	if old, ok := sh.m[k]; ok {
		return old
	}
	if sh.m == nil {
		sh.m = map[runKey]*Run{}
	}
	// The key owns a copy of text: the caller's string may be a slice
	// of a much larger one that the cache must not keep alive.
	sh.m[runKey{f, strings.Clone(text)}] = r
	return r
}

// Cache is one goroutine's memo in front of a Set's shaped runs: a plain
// map, without locks. The typesetter keeps one per worker.
type Cache struct {
	set *Set
	// byFace holds a map per face: a string key takes the map's fast
	// path, which a struct key does not.
	byFace []map[string]*Run
}

// NewCache returns a Cache in front of s.
func (s *Set) NewCache() *Cache { return &Cache{set: s, byFace: make([]map[string]*Run, len(s.faces))} }

// Shape is Set.Shape through the cache.
func (c *Cache) Shape(f Face, text string) *Run {
	if int(f) >= len(c.byFace) {
		return c.set.Shape(f, text)
	}
	m := c.byFace[f]
	if r, ok := m[text]; ok {
		return r
	}
	if m == nil {
		m = map[string]*Run{}
		c.byFace[f] = m
	}
	r := c.set.Shape(f, text)
	m[strings.Clone(text)] = r
	return r
}

// Width is Set.Width through the cache.
func (c *Cache) Width(f Face, size units.Sp, text string) units.Sp {
	if text == "" {
		return 0
	}
	return scale(c.Shape(f, text).Width, size, c.set.Upem(f))
}

// shaper is one goroutine's HarfBuzz state.
type shaper struct {
	hb    shaping.HarfbuzzShaper
	seg   shaping.Segmenter
	runes []rune
	offs  []int32
}

func newShaper() any { return &shaper{} }

// oneFace is the Fontmap of a single face: the typesetter has already
// chosen the face of each piece of text.
type oneFace struct{ f *gofont.Face }

func (o oneFace) ResolveFace(rune) *gofont.Face { return o.f }

func (sh *shaper) shape(fc *face, text string) (run *Run) {
	run = &Run{}
	if text == "" || fc.font == nil {
		return run
	}
	defer func() {
		// A malformed font table must cost a word, not the build.
		if r := recover(); r != nil {
			run = &Run{}
		}
	}()
	sh.runes = sh.runes[:0]
	sh.offs = sh.offs[:0]
	simple := true
	for i, r := range text {
		sh.runes = append(sh.runes, r)
		sh.offs = append(sh.offs, int32(i))
		if r >= 0x0590 {
			simple = false
		}
	}
	sh.offs = append(sh.offs, int32(len(text)))
	if fc.simple != nil && simple {
		if r, ok := sh.direct(fc); ok {
			return r
		}
	}
	run.RTL = firstStrongRTL(text)
	dir := di.DirectionLTR
	if run.RTL {
		dir = di.DirectionRTL
	}
	in := shaping.Input{
		Text:         sh.runes,
		RunStart:     0,
		RunEnd:       len(sh.runes),
		Direction:    dir,
		Face:         fc.gface,
		Size:         fixed.I(int(fc.upem)),
		Script:       language.Latin,
		Language:     language.NewLanguage("en"),
		FontFeatures: fc.features,
	}
	var inputs []shaping.Input
	if simple {
		// Latin, Greek, Cyrillic and their punctuation: one run, left to
		// right, without the cost of the bidi and script passes.
		in.Script = simpleScript(sh.runes)
		inputs = []shaping.Input{in}
	} else {
		inputs = sh.seg.Split(in, oneFace{fc.gface})
	}
	// The segmenter returns runs in logical order; in a right-to-left
	// word they are painted from the last to the first (UAX #9 L2 for
	// the two levels a word holds: digits and Latin inside Arabic).
	order := make([]int, len(inputs))
	for i := range order {
		order[i] = i
		if run.RTL {
			order[i] = len(inputs) - 1 - i
		}
	}
	for _, i := range order {
		out := sh.hb.Shape(inputs[i])
		for _, g := range out.Glyphs {
			start := g.ClusterIndex
			end := start + max(g.RuneCount, 1)
			start = min(max(start, 0), len(sh.runes))
			end = min(max(end, start), len(sh.runes))
			gl := Glyph{
				ID:      uint16(g.GlyphID),
				Advance: int32(g.Advance.Round()),
				XOff:    int32(g.XOffset.Round()),
				YOff:    int32(g.YOffset.Round()),
				Start:   sh.offs[start],
				End:     sh.offs[end],
			}
			run.Glyphs = append(run.Glyphs, gl)
			run.Width += gl.Advance
		}
	}
	return run
}

// direct shapes the runes in sh.runes without HarfBuzz when face fc
// leaves every one of them alone: one glyph each, at its advance.
func (sh *shaper) direct(fc *face) (*Run, bool) {
	for _, r := range sh.runes {
		if r < 0 || int(r) >= len(fc.simple) || !fc.simple[r] {
			return nil, false
		}
	}
	run := &Run{Glyphs: make([]Glyph, len(sh.runes))}
	for i, r := range sh.runes {
		run.Glyphs[i] = Glyph{ID: fc.gids[r], Advance: fc.adv[r], Start: sh.offs[i], End: sh.offs[i+1]}
		run.Width += fc.adv[r]
	}
	return run, true
}

// simpleScript is the script of the first letter of a word below the
// Hebrew block.
func simpleScript(rs []rune) language.Script {
	for _, r := range rs {
		if sc := language.LookupScript(r); sc.Strong() {
			return sc
		}
	}
	return language.Latin
}

// firstStrongRTL reports whether the first character of text with a
// strong direction is right to left (UAX #9, rules P2 and P3).
func firstStrongRTL(text string) bool {
	for _, r := range text {
		if r < 0x0590 {
			if r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r >= 0xC0 {
				return false
			}
			continue
		}
		p, _ := bidi.LookupRune(r)
		switch p.Class() {
		case bidi.L:
			return false
		case bidi.R, bidi.AL:
			return true
		}
	}
	return false
}

// IsRTL reports whether the first strong character of text is right to
// left: a paragraph that starts so is set right to left (UAX #9 P2).
func IsRTL(text string) bool { return firstStrongRTL(text) }

// Direction returns the bidi class of r as the typesetter orders words:
// 'L' (left to right), 'R' (right to left) or 'N' (neutral: spaces,
// punctuation, and digits, which follow their neighbours).
func Direction(r rune) byte {
	p, _ := bidi.LookupRune(r)
	switch p.Class() {
	case bidi.L:
		return 'L'
	case bidi.R, bidi.AL:
		return 'R'
	case bidi.EN, bidi.AN:
		return 'D'
	}
	return 'N'
}

// ScriptOf returns the ISO 15924 code of r's script ("Latn", "Deva"),
// "Zyyy" for common characters and "Zinh" for inherited marks.
func ScriptOf(r rune) string {
	sc := language.LookupScript(r)
	return tagString(uint32(sc))
}

func tagString(t uint32) string {
	b := [4]byte{byte(t >> 24), byte(t >> 16), byte(t >> 8), byte(t)}
	return string(b[:])
}

// feature is one OpenType feature setting.
type feature = shaping.FontFeature

// parseFeatures turns a face's feature list ("onum", "-liga", "ss01=2")
// into settings on top of the defaults. HarfBuzz turns on kerning and the
// standard ligatures itself; monospace text (code) keeps one glyph per
// character.
func parseFeatures(name string, list []string, mono bool) ([]feature, error) {
	var out []feature
	if mono {
		for _, t := range []string{"liga", "clig", "calt", "dlig"} {
			out = append(out, feature{Tag: ot.MustNewTag(t), Value: 0})
		}
	}
	for _, s := range list {
		v := uint32(1)
		tag := s
		if strings.HasPrefix(tag, "-") {
			v, tag = 0, tag[1:]
		} else if strings.HasPrefix(tag, "+") {
			tag = tag[1:]
		}
		if i := strings.IndexByte(tag, '='); i >= 0 {
			var n uint32
			if _, err := fmt.Sscanf(tag[i+1:], "%d", &n); err != nil {
				return nil, fmt.Errorf("font %s: feature %q: the value after = must be a number", name, s)
			}
			v, tag = n, tag[:i]
		}
		if len(tag) != 4 || !utf8.ValidString(tag) || strings.ContainsAny(tag, " \t") {
			return nil, fmt.Errorf("font %s: feature %q is not a four-letter OpenType tag", name, s)
		}
		out = append(out, feature{Tag: ot.MustNewTag(tag), Value: v})
	}
	return out, nil
}

// ScriptName returns the English name of a script code ("Sinh" →
// "Sinhala"), the code itself when unknown.
func ScriptName(code string) string {
	if sc, err := language.ParseScript(code); err == nil {
		return sc.String()
	}
	return code
}
