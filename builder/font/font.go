// Package font is the set of typefaces one build sets a book in: their
// metrics for the typesetter (advance widths with the font's own kerning)
// and their bytes for the PDF painter.
//
// A Set is parsed once and is safe for concurrent use: the typesetter lays
// out articles in parallel and they share one Set and its width cache.
package font

import (
	"bytes"
	"fmt"
	"io/fs"
	"sync"
	"unicode/utf8"

	gofont "github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/font/opentype/tables"

	"github.com/go-text/typesetting/di"
	"github.com/go-text/typesetting/language"
	"github.com/go-text/typesetting/shaping"
	"golang.org/x/image/math/fixed"

	"github.com/pamphlet/pamphlet/builder/units"
	"github.com/pamphlet/pamphlet/fonts"
)

// Face names one face of a Set.
type Face uint8

// The faces of a Set.
const (
	Regular Face = iota
	Italic
	Bold
	BoldItalic
	Mono
	// Fallback sets characters the other faces lack; the typesetter
	// switches to it for those characters alone.
	Fallback
	numFaces
)

// Faces lists every face in a fixed order.
var faceNames = [numFaces]string{"serif", "serif-italic", "serif-bold", "serif-bolditalic", "mono", "fallback"}

// String returns the face's short name, as frame dumps print it.
func (f Face) String() string {
	if f < numFaces {
		return faceNames[f]
	}
	return fmt.Sprintf("face%d", int(f))
}

// Faces returns every face of a set in a fixed order.
func Faces() []Face { return []Face{Regular, Italic, Bold, BoldItalic, Mono, Fallback} }

// WithItalic returns the italic (or upright, when on is false) counterpart
// of f; Mono has none and stays itself.
func (f Face) WithItalic(on bool) Face {
	switch {
	case f == Mono:
		return f
	case on && f == Regular:
		return Italic
	case on && f == Bold:
		return BoldItalic
	case !on && f == Italic:
		return Regular
	case !on && f == BoldItalic:
		return Bold
	}
	return f
}

// WithBold returns the bold counterpart of f.
func (f Face) WithBold() Face {
	switch f {
	case Regular:
		return Bold
	case Italic:
		return BoldItalic
	}
	return f
}

// IsItalic reports whether f is an italic face.
func (f Face) IsItalic() bool { return f == Italic || f == BoldItalic }

type face struct {
	name  string // the family name as the font itself gives it
	file  string
	ttf   []byte
	font  *gofont.Font
	upem  int32
	asc   int32 // font units
	desc  int32 // font units, positive below the baseline
	space int32 // advance of U+0020 in font units
	// kerning is false for a font without kerning data (Charis SIL has
	// none): its words are measured from the advances alone, without the
	// cost of shaping.
	kerning bool
	// gface is the go-text face for metrics; read-only after load.
	gface *gofont.Face
	// adv holds the advance of each rune below len(adv) in font units,
	// -1 for a rune the font lacks: words are measured by table lookup.
	adv []int32
}

// advTable covers Latin, Greek, Cyrillic and the punctuation blocks.
const advTable = 0x2200

// Set is the faces of one build.
type Set struct {
	faces  [numFaces]lazyFace
	cache  sync.Map // key → *metrics
	shaper sync.Pool
}

// lazyFace is a face parsed on first use: parsing a TrueType file with
// its glyph table and advance table costs milliseconds, and most books
// never touch the bold italic, the monospace or the fallback face.
type lazyFace struct {
	once sync.Once
	file string
	ttf  []byte
	f    *face
	err  error
}

// face returns face f, parsing it on first use. A face that fails to
// parse has no glyphs (its text falls back or is reported missing) and
// its error is kept for Err.
func (s *Set) face(f Face) *face {
	l := &s.faces[f]
	l.once.Do(func() {
		l.f, l.err = parse(l.file, l.ttf)
		if l.err != nil {
			l.f = &face{file: l.file, ttf: l.ttf, upem: 1000, asc: 800, desc: 200, space: 250, name: l.file}
		}
	})
	return l.f
}

// Err returns the first error met parsing a face so far, in face order:
// Load parses only the regular face, the others when first used.
func (s *Set) Err() error {
	for i := range s.faces {
		l := &s.faces[i]
		if l.f != nil && l.err != nil {
			return l.err
		}
	}
	return nil
}

type key struct {
	face Face
	s    string
}

// metrics is a shaped word in font units.
type metrics struct {
	width int32
	// kerns lists positions (byte offsets) where the font's kerning moves
	// the next glyph, with the amount: the painter places the text in
	// pieces split there.
	kerns []Kern
}

// Kern is a kerning adjustment before byte offset At of a word, in font
// units (negative brings glyphs closer).
type Kern struct {
	At    int
	Delta int32
}

// Default returns the embedded faces: Charis SIL in four styles, DejaVu
// Sans Mono, and Gentium Plus as the fallback.
func Default() (*Set, error) {
	return Load(fonts.FS, [numFaces]string{fonts.SerifRegular, fonts.SerifItalic, fonts.SerifBold, fonts.SerifBoldItalic, fonts.Mono, fonts.Fallback})
}

// Load reads a set from TrueType files in fsys, in the order regular,
// italic, bold, bold italic, monospace, fallback.
func Load(fsys fs.FS, files [numFaces]string) (*Set, error) {
	s := &Set{}
	s.shaper.New = func() any { return new(shaping.HarfbuzzShaper) }
	for i, name := range files {
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("font: %w", err)
		}
		if err := checkTrueType(name, b); err != nil {
			return nil, err
		}
		s.faces[i].file, s.faces[i].ttf = name, b
	}
	// Every book is set in the regular face: parse it now so that a
	// broken file is reported here rather than as missing glyphs.
	s.face(Regular)
	if err := s.faceErr(Regular); err != nil {
		return nil, err
	}
	return s, nil
}

func (s *Set) faceErr(f Face) error { return s.faces[f].err }

// checkTrueType refuses what fpdf cannot embed: it embeds only TrueType
// outlines, and an OpenType/CFF file would fail late and silently there.
func checkTrueType(name string, b []byte) error {
	if len(b) < 4 || !(bytes.Equal(b[:4], []byte{0, 1, 0, 0}) || string(b[:4]) == "true") {
		return fmt.Errorf("font %s: not a TrueType (glyf) font; OpenType/CFF fonts are not supported", name)
	}
	return nil
}

func parse(name string, b []byte) (*face, error) {
	if err := checkTrueType(name, b); err != nil {
		return nil, err
	}
	fc, err := gofont.ParseTTF(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("font %s: %w", name, err)
	}
	ft := fc.Font
	f := &face{file: name, ttf: b, font: ft, upem: int32(ft.Upem())}
	// A crude test, but a false positive only costs time: the feature
	// tag of GPOS kerning and the legacy table are both spelt "kern".
	f.kerning = bytes.Contains(b, []byte("kern"))
	if ext, ok := fc.FontHExtents(); ok {
		f.asc = int32(ext.Ascender)
		f.desc = -int32(ext.Descender)
	} else {
		f.asc, f.desc = f.upem*8/10, f.upem/5
	}
	if gid, ok := ft.NominalGlyph(' '); ok {
		f.space = int32(fc.HorizontalAdvance(gid))
	} else {
		f.space = f.upem / 4
	}
	f.gface = fc
	f.adv = make([]int32, advTable)
	for r := range f.adv {
		f.adv[r] = -1
		if gid, ok := ft.NominalGlyph(rune(r)); ok {
			f.adv[r] = int32(fc.HorizontalAdvance(gid))
		}
	}
	f.name = ft.Describe().Family
	if f.name == "" {
		f.name = name
	}
	return f, nil
}

// Name returns the family name of face f ("Charis SIL").
func (s *Set) Name(f Face) string { return s.face(f).name }

// TTF returns the TrueType bytes of face f. The caller must not modify them.
func (s *Set) TTF(f Face) []byte { return s.faces[f].ttf }

// HasGlyph reports whether face f maps r to a glyph.
func (s *Set) HasGlyph(f Face, r rune) bool {
	if r > maxRune {
		return false
	}
	fc := s.face(f)
	if r >= 0 && int(r) < len(fc.adv) {
		return fc.adv[r] >= 0
	}
	if fc.font == nil {
		return false
	}
	_, ok := fc.font.NominalGlyph(r)
	return ok
}

// maxRune is the last character the PDF writer can embed: fpdf keeps a
// UTF-8 font's widths in a table indexed by 16-bit code, and panics on a
// character beyond the Basic Multilingual Plane that the font has (Gentium
// Plus has some mathematical Fraktur). The faces report such characters
// as missing, so the typesetter warns and leaves them out.
const maxRune = 0xFFFF

// Covers reports whether face f has a glyph for every rune of text.
func (s *Set) Covers(f Face, text string) bool {
	fc := s.face(f)
	for _, r := range text {
		if r > maxRune {
			return false
		}
		if r >= 0 && int(r) < len(fc.adv) {
			if fc.adv[r] < 0 {
				return false
			}
		} else if fc.font == nil {
			return false
		} else if _, ok := fc.font.NominalGlyph(r); !ok {
			return false
		}
	}
	return true
}

// advance returns the advance of r in font units (0 when missing).
func (fc *face) advance(r rune) int32 {
	if r >= 0 && int(r) < len(fc.adv) {
		return max(fc.adv[r], 0)
	}
	if fc.font == nil {
		return 0
	}
	if gid, ok := fc.font.NominalGlyph(r); ok {
		return int32(fc.gface.HorizontalAdvance(gid))
	}
	return 0
}

// Ascent and Descent return the face's extents at size (Descent positive).
func (s *Set) Ascent(f Face, size units.Sp) units.Sp {
	return scale(s.face(f).asc, size, s.face(f).upem)
}

// Descent returns the depth of the face below the baseline at size.
func (s *Set) Descent(f Face, size units.Sp) units.Sp {
	return scale(s.face(f).desc, size, s.face(f).upem)
}

// SpaceWidth returns the advance of the face's word space at size.
func (s *Set) SpaceWidth(f Face, size units.Sp) units.Sp {
	return scale(s.face(f).space, size, s.face(f).upem)
}

func scale(v int32, size units.Sp, upem int32) units.Sp {
	return units.Sp((int64(v)*int64(size) + int64(upem)/2) / int64(upem))
}

// Width returns the width of text set in face f at size, with the font's
// kerning applied.
func (s *Set) Width(f Face, size units.Sp, text string) units.Sp {
	fc := s.face(f)
	if !fc.kerning {
		var sum int32
		for _, r := range text {
			sum += fc.advance(r)
		}
		return scale(sum, size, fc.upem)
	}
	m := s.measure(f, text)
	return scale(m.width, size, s.face(f).upem)
}

// Kerns returns the kerning adjustments inside text, scaled to size. The
// slice is shared: callers must not modify it. Most words have none.
func (s *Set) Kerns(f Face, text string) []Kern {
	if !s.face(f).kerning {
		return nil
	}
	return s.measure(f, text).kerns
}

// Scale converts a length in font units of face f to size.
func (s *Set) Scale(f Face, size units.Sp, v int32) units.Sp {
	return scale(v, size, s.face(f).upem)
}

// NominalWidth returns the width of text without kerning, the way a PDF
// viewer advances through a run of text.
func (s *Set) NominalWidth(f Face, size units.Sp, text string) units.Sp {
	fc := s.face(f)
	var sum int32
	for _, r := range text {
		sum += fc.advance(r)
	}
	return scale(sum, size, fc.upem)
}

func (s *Set) measure(f Face, text string) *metrics {
	k := key{f, text}
	if m, ok := s.cache.Load(k); ok {
		return m.(*metrics)
	}
	m := s.shape(f, text)
	v, _ := s.cache.LoadOrStore(key{f, string([]byte(text))}, m)
	return v.(*metrics)
}

// noLigatures turns off the features that replace several characters by
// one glyph: the PDF is written by code point, so shaping must keep one
// glyph per character for its positions to apply.
var noLigatures = []shaping.FontFeature{
	{Tag: tables.Tag(uint32('l')<<24 | uint32('i')<<16 | uint32('g')<<8 | uint32('a')), Value: 0},
	{Tag: tables.Tag(uint32('c')<<24 | uint32('l')<<16 | uint32('i')<<8 | uint32('g')), Value: 0},
	{Tag: tables.Tag(uint32('c')<<24 | uint32('a')<<16 | uint32('l')<<8 | uint32('t')), Value: 0},
	{Tag: tables.Tag(uint32('r')<<24 | uint32('l')<<16 | uint32('i')<<8 | uint32('g')), Value: 0},
}

func (s *Set) shape(f Face, text string) *metrics {
	fc := s.face(f)
	m := &metrics{}
	if text == "" {
		return m
	}
	if !fc.kerning {
		for _, r := range text {
			m.width += fc.advance(r)
		}
		return m
	}
	runes := []rune(text)
	sh := s.shaper.Get().(*shaping.HarfbuzzShaper)
	defer s.shaper.Put(sh)
	// A fresh Face per call: the shaper may set its ppem and coordinates.
	face := gofont.NewFace(fc.font)
	out := sh.Shape(shaping.Input{
		Text:         runes,
		RunEnd:       len(runes),
		Direction:    di.DirectionLTR,
		Face:         face,
		Size:         fixed.I(int(fc.upem)),
		Script:       language.Latin,
		Language:     language.NewLanguage("en"),
		FontFeatures: noLigatures,
	})
	// Byte offset of each rune, to report kerns as byte offsets.
	offs := make([]int, len(runes)+1)
	b := 0
	for i, r := range runes {
		offs[i] = b
		b += utf8.RuneLen(r)
	}
	offs[len(runes)] = b
	var total fixed.Int26_6
	var pend int32 // kerning after the previous glyph, font units
	for _, g := range out.Glyphs {
		if pend != 0 && g.ClusterIndex > 0 && g.ClusterIndex < len(runes) {
			m.kerns = append(m.kerns, Kern{At: offs[g.ClusterIndex], Delta: pend})
		}
		total += g.Advance
		pend = int32((g.Advance - fixed.Int26_6(int32(face.HorizontalAdvance(g.GlyphID))*64)).Round())
	}
	m.width = int32(total.Round())
	return m
}
