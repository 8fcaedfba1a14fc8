// Package font is the one font book of a build: the faces a book is set
// in, found by role (body, italic, bold, monospace) and by coverage
// (fallbacks per script), shaped with HarfBuzz into glyph runs, and handed
// to the PDF writer and the EPUB packer as subset font programs.
//
// Every piece of text the typesetter measures and the PDF writer paints
// goes through Shape, so that what is measured is what is drawn: the same
// glyphs (ligatures, Indic conjuncts and reordered vowel signs, Arabic
// joining forms), the same kerning. Shaped runs are cached per face and
// text, so a word that occurs a thousand times is shaped once.
//
// A Set is parsed lazily (a face costs milliseconds to parse and most
// books never touch the bold italic, the monospace or a script fallback)
// and is safe for concurrent use: articles are laid out in parallel and
// share one Set and its caches.
package font

import (
	"bytes"
	"fmt"
	"io/fs"
	"sync"

	gofont "github.com/go-text/typesetting/font"
	ot "github.com/go-text/typesetting/font/opentype"

	"github.com/pamphlet/pamphlet/builder/units"
	"github.com/pamphlet/pamphlet/fonts"
)

// Face names one face of a Set: the five roles first, then the fallback
// faces in the order they are tried.
type Face uint8

// The faces every Set has, and the first fallback.
const (
	Regular Face = iota
	Italic
	Bold
	BoldItalic
	Mono
	// Fallback is the first fallback face; more may follow it. The
	// typesetter switches to a fallback for the characters the book's
	// faces lack (see Pick).
	Fallback
	numRoles = Fallback
)

// MaxFaces is the most faces a Set holds: Face is one byte, so that a
// frame item stays small.
const MaxFaces = 255

var roleNames = [numRoles]string{"serif", "serif-italic", "serif-bold", "serif-bolditalic", "mono"}

// SetHeadings gives headings a family of their own, in the order
// regular, italic, bold, bold italic. It must be called before the set
// is used; faces beyond MaxFaces are refused.
func (s *Set) SetHeadings(srcs [4]Source) error {
	if len(s.faces)+4 > MaxFaces {
		return fmt.Errorf("font: too many faces for a headings family")
	}
	for i, src := range srcs {
		if err := sniff(src.Name, src.Data); err != nil {
			return err
		}
		s.heading[i] = Face(len(s.faces))
		s.faces = append(s.faces, &lazyFace{src: src, role: Face(i), heading: true})
	}
	return nil
}

// Heading returns the face headings set in role f use: f itself, or the
// headings family's face of that style.
func (s *Set) Heading(f Face) Face {
	if f <= BoldItalic {
		return s.heading[f]
	}
	return f
}

// SmallCaps returns the face that sets the lower-case letters of face f
// as the font's own small capitals (the smcp feature), and false when f
// is not one of the four text roles or its font has no small capitals:
// the typesetter then scales capitals down instead.
func (s *Set) SmallCaps(f Face) (Face, bool) {
	if f > BoldItalic || s.smcp[f] == 0 {
		return f, false
	}
	v := s.smcp[f]
	fc := s.face(v)
	if fc.font == nil {
		return f, false
	}
	for _, ft := range fc.font.GSUB.Features {
		if ft.Tag == ot.MustNewTag("smcp") {
			return v, true
		}
	}
	return f, false
}

// String returns the face's short name, as frame dumps print it.
func (f Face) String() string {
	if f < numRoles {
		return roleNames[f]
	}
	if f == Fallback {
		return "fallback"
	}
	return fmt.Sprintf("fallback%d", int(f-Fallback))
}

// WithItalic returns the italic (or upright, when on is false) counterpart
// of f; Mono and the fallbacks have none and stay themselves.
func (f Face) WithItalic(on bool) Face {
	switch {
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

// IsBold reports whether f is a bold role.
func (f Face) IsBold() bool { return f == Bold || f == BoldItalic }

// Source is one face to load: the bytes of a font file and where it came
// from.
type Source struct {
	// Name is what messages call the font: its file name or path.
	Name string
	Data []byte
	// Index picks the face of a collection (.ttc, .otc); 0 otherwise.
	Index int
	// Bold and Italic say what the face is for when it is a fallback,
	// so that bold text falls back to a bold face where there is one.
	Bold, Italic bool
	// Scripts are the ISO 15924 codes a fallback is meant for; empty
	// means any. Pick skips a fallback whose scripts do not include a
	// character's, without parsing it.
	Scripts []string
	// Features are OpenType features for this face ("onum", "-liga"),
	// applied on top of the defaults (kerning and standard ligatures on,
	// off for Mono).
	Features []string
}

// Set is the faces of one build.
type Set struct {
	faces []*lazyFace
	// smcp holds, for each of the four text roles, a face of the same
	// font with the smcp feature on (true small capitals), after the
	// fallbacks; see SmallCaps.
	smcp [4]Face
	// heading holds the faces headings are set in, by role: the roles
	// themselves unless SetHeadings gave a family of their own.
	heading [4]Face
	runs    [runShards]runShard
	pool    sync.Pool
}

// lazyFace is a face parsed on first use.
type lazyFace struct {
	once sync.Once
	src  Source
	role Face
	// smallCaps marks a role's small-caps variant and heading a face of
	// the headings family: neither is a fallback.
	smallCaps, heading bool
	f                  *face
	err                error
}

// face returns face f, parsing it on first use. A face that fails to
// parse has no glyphs (its text falls back or is reported missing) and
// its error is kept for Err.
func (s *Set) face(f Face) *face {
	if int(f) >= len(s.faces) {
		f = Regular
	}
	l := s.faces[f]
	l.once.Do(func() {
		if l.smallCaps {
			// The same font as its role's, with other features: share
			// the parsed tables rather than parse the file again.
			base := s.face(l.role)
			if base.font != nil {
				v := *base
				v.features, l.err = parseFeatures(l.src.Name, l.src.Features, false)
				v.gface = gofont.NewFace(base.font)
				v.simple = simpleRunes(&v)
				l.f = &v
				if l.err == nil {
					return
				}
			}
		}
		l.f, l.err = parse(l.src, l.role)
		if l.err != nil {
			l.f = &face{name: l.src.Name, upem: 1000, asc: 800, desc: 200, space: 250}
		}
	})
	return l.f
}

// Err returns the first error met parsing a face so far, in face order:
// Load parses only the regular face, the others when first used.
func (s *Set) Err() error {
	for _, l := range s.faces {
		if l.f != nil && l.err != nil {
			return l.err
		}
	}
	return nil
}

// NumFaces returns the number of faces: 0 … NumFaces()-1 are valid.
func (s *Set) NumFaces() int { return len(s.faces) }

// Faces returns every face of s in order.
func (s *Set) Faces() []Face {
	out := make([]Face, len(s.faces))
	for i := range out {
		out[i] = Face(i)
	}
	return out
}

// Default returns the embedded faces: Charis SIL in four styles, DejaVu
// Sans Mono, Gentium Plus as the first fallback, then the bundled Noto
// faces for the scripts of India and for Arabic.
func Default() (*Set, error) {
	roles, err := DefaultRoles()
	if err != nil {
		return nil, err
	}
	fb, err := DefaultFallbacks()
	if err != nil {
		return nil, err
	}
	return Load(append(roles[:], fb...))
}

// DefaultRoles returns the embedded faces of the five roles (fonts.Roles).
func DefaultRoles() ([numRoles]Source, error) {
	var out [numRoles]Source
	for i, f := range fonts.Roles() {
		src, err := ReadSource(fonts.FS, f.File)
		if err != nil {
			return out, err
		}
		out[i] = src
	}
	return out, nil
}

// DefaultFallbacks returns the embedded fallback faces in the order they
// are tried: Gentium Plus, then each bundled script face, bold after
// regular.
func DefaultFallbacks() ([]Source, error) {
	src, err := ReadSource(fonts.FS, fonts.FallbackFace().File)
	if err != nil {
		return nil, err
	}
	out := []Source{src}
	for _, sc := range fonts.Scripts() {
		for i, name := range []string{sc.Regular, sc.Bold} {
			src, err := ReadSource(fonts.FS, name)
			if err != nil {
				return nil, err
			}
			src.Bold = i == 1
			src.Scripts = sc.Scripts
			out = append(out, src)
		}
	}
	return out, nil
}

// ReadSource reads a font file from fsys.
func ReadSource(fsys fs.FS, name string) (Source, error) {
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		return Source{}, fmt.Errorf("font: %w", err)
	}
	return Source{Name: name, Data: b}, nil
}

// Load makes a set of srcs: the regular, italic, bold, bold italic and
// monospace faces, then the fallbacks in the order they are tried. The
// regular face is parsed at once, so that a broken file is reported here;
// the others when first used.
func Load(srcs []Source) (*Set, error) {
	if len(srcs) < int(numRoles) {
		return nil, fmt.Errorf("font: a set needs at least %d faces, got %d", numRoles, len(srcs))
	}
	if len(srcs) > MaxFaces {
		return nil, fmt.Errorf("font: too many faces (%d, at most %d)", len(srcs), MaxFaces)
	}
	s := &Set{}
	s.pool.New = func() any { return newShaper() }
	for i, src := range srcs {
		if err := sniff(src.Name, src.Data); err != nil {
			return nil, err
		}
		role := Face(i)
		if i >= int(numRoles) {
			role = Fallback
		}
		s.faces = append(s.faces, &lazyFace{src: src, role: role})
	}
	s.heading = [4]Face{Regular, Italic, Bold, BoldItalic}
	if len(s.faces)+4 <= MaxFaces {
		for i := range s.smcp {
			src := srcs[i]
			src.Features = append(append([]string(nil), src.Features...), "smcp")
			s.smcp[i] = Face(len(s.faces))
			s.faces = append(s.faces, &lazyFace{src: src, role: Face(i), smallCaps: true})
		}
	}
	s.face(Regular)
	if err := s.faces[Regular].err; err != nil {
		return nil, err
	}
	return s, nil
}

// sniff refuses what is not an OpenType font at all, with the reason a
// user can act on.
func sniff(name string, b []byte) error {
	if len(b) < 4 {
		return fmt.Errorf("font %s: not a font file (too short)", name)
	}
	switch string(b[:4]) {
	case "\x00\x01\x00\x00", "true", "OTTO", "ttcf":
		return nil
	case "wOFF", "wOF2":
		return fmt.Errorf("font %s: a WOFF web font; give the TrueType or OpenType file (.ttf, .otf) instead", name)
	}
	if b[0] == 0x80 && b[1] == 0x01 || bytes.HasPrefix(b, []byte("%!PS-AdobeFont")) || bytes.HasPrefix(b, []byte("%!FontType1")) {
		return fmt.Errorf("font %s: a Type 1 font, which is not supported; use an OpenType (.otf) or TrueType (.ttf) version", name)
	}
	return fmt.Errorf("font %s: not a TrueType or OpenType font", name)
}

// face is one parsed face.
type face struct {
	name  string // the family name as the font itself gives it
	src   Source
	role  Face
	ld    *ot.Loader
	font  *gofont.Font
	gface *gofont.Face
	cff   bool
	upem  int32
	asc   int32 // font units
	desc  int32 // font units, positive below the baseline
	space int32 // advance of U+0020 in font units
	// adv holds the advance of each rune below len(adv) in font units,
	// -1 for a rune the font lacks: coverage by table lookup.
	adv []int32
	// gids holds the glyph of each rune below len(adv), and simple
	// whether the layout tables leave it alone (see simpleRunes; nil:
	// every word goes through HarfBuzz).
	gids     []uint16
	simple   []bool
	features []feature
	scripts  map[string]bool // nil: any
}

// advTable covers Latin, Greek, Cyrillic and the punctuation blocks.
const advTable = 0x2200

func parse(src Source, role Face) (f *face, err error) {
	defer func() {
		// go-text is robust, but a font is untrusted input and a panic
		// deep in a table parser must not take the build down.
		if r := recover(); r != nil {
			f, err = nil, fmt.Errorf("font %s: corrupt font (%v)", src.Name, r)
		}
	}()
	lds, err := ot.NewLoaders(bytes.NewReader(src.Data))
	if err != nil {
		return nil, fmt.Errorf("font %s: %w", src.Name, err)
	}
	if src.Index < 0 || src.Index >= len(lds) {
		return nil, fmt.Errorf("font %s: no face %d in the collection (it has %d)", src.Name, src.Index, len(lds))
	}
	ld := lds[src.Index]
	ft, err := gofont.NewFont(ld)
	if err != nil {
		return nil, fmt.Errorf("font %s: %w", src.Name, err)
	}
	hasGlyf := ld.HasTable(ot.MustNewTag("glyf"))
	hasCFF := ld.HasTable(ot.MustNewTag("CFF "))
	if ld.HasTable(ot.MustNewTag("CFF2")) && !hasGlyf && !hasCFF {
		return nil, fmt.Errorf("font %s: CFF2 (variable OpenType) outlines are not supported; use a static instance", src.Name)
	}
	if !hasGlyf && !hasCFF {
		return nil, fmt.Errorf("font %s: has no outlines (a bitmap or colour font); use an outline font", src.Name)
	}
	fc := gofont.NewFace(ft)
	f = &face{src: src, role: role, ld: ld, font: ft, gface: fc, cff: !hasGlyf, upem: int32(ft.Upem())}
	if f.upem <= 0 {
		return nil, fmt.Errorf("font %s: invalid units per em", src.Name)
	}
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
	f.adv = make([]int32, advTable)
	f.gids = make([]uint16, advTable)
	for r := range f.adv {
		f.adv[r] = -1
		if gid, ok := ft.NominalGlyph(rune(r)); ok {
			f.adv[r] = int32(fc.HorizontalAdvance(gid))
			f.gids[r] = uint16(gid)
		}
	}
	f.name = ft.Describe().Family
	if f.name == "" {
		f.name = src.Name
	}
	f.features, err = parseFeatures(src.Name, src.Features, role == Mono)
	if err != nil {
		return nil, err
	}
	f.simple = simpleRunes(f)
	if len(src.Scripts) > 0 {
		f.scripts = map[string]bool{}
		for _, sc := range src.Scripts {
			f.scripts[sc] = true
		}
	}
	return f, nil
}

// Name returns the family name of face f ("Charis SIL").
func (s *Set) Name(f Face) string { return s.face(f).name }

// Source returns where face f came from.
func (s *Set) Source(f Face) Source { return s.faces[min(int(f), len(s.faces)-1)].src }

// IsCFF reports whether face f has CFF (PostScript) outlines.
func (s *Set) IsCFF(f Face) bool { return s.face(f).cff }

// Upem returns the units per em of face f.
func (s *Set) Upem(f Face) int32 { return s.face(f).upem }

// HasGlyph reports whether face f maps r to a glyph.
func (s *Set) HasGlyph(f Face, r rune) bool {
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

// Covers reports whether face f has a glyph for every character of text
// that needs one (joiners and variation selectors need none).
func (s *Set) Covers(f Face, text string) bool {
	fc := s.face(f)
	for _, r := range text {
		if r >= 0 && int(r) < len(fc.adv) {
			if fc.adv[r] < 0 {
				return false
			}
		} else if invisible(r) {
			continue
		} else if fc.font == nil {
			return false
		} else if _, ok := fc.font.NominalGlyph(r); !ok {
			return false
		}
	}
	return true
}

// invisible reports whether r is a format character that shapes without
// a glyph of its own: zero-width (non-)joiners, marks of direction and
// variation selectors. A face lacking them still covers the text.
func invisible(r rune) bool {
	switch {
	case r == 0x200C || r == 0x200D || r == 0x200E || r == 0x200F:
		return true
	case r >= 0xFE00 && r <= 0xFE0F, r >= 0xE0100 && r <= 0xE01EF:
		return true
	}
	return false
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

// Scale converts a length in font units of face f to size.
func (s *Set) Scale(f Face, size units.Sp, v int32) units.Sp {
	return scale(v, size, s.face(f).upem)
}

// Width returns the width of text shaped in face f at size.
func (s *Set) Width(f Face, size units.Sp, text string) units.Sp {
	if text == "" {
		return 0
	}
	return scale(s.Shape(f, text).Width, size, s.face(f).upem)
}

// GlyphAdvance returns the advance of glyph gid of face f in font units,
// as a PDF's /W array gives it.
func (s *Set) GlyphAdvance(f Face, gid uint16) int32 {
	fc := s.face(f)
	if fc.gface == nil {
		return 0
	}
	return int32(fc.gface.HorizontalAdvance(gofont.GID(gid)))
}

// Pick returns the face that sets r when the text is in face pref: pref
// itself when it has the character, else the first fallback that has it
// (a bold one for bold text where there is one), else Mono, whose
// symbols cover much. ok is false when no face has r.
func (s *Set) Pick(pref Face, r rune) (Face, bool) {
	if s.HasGlyph(pref, r) || invisible(r) {
		return pref, true
	}
	sc := ScriptOf(r)
	bold := pref.IsBold()
	var any Face
	found := false
	for i := int(Fallback); i < len(s.faces); i++ {
		l := s.faces[i]
		if l.smallCaps || l.heading || len(l.src.Scripts) > 0 && !contains(l.src.Scripts, sc) {
			continue
		}
		if found && l.src.Bold != bold {
			continue
		}
		if !s.HasGlyph(Face(i), r) {
			continue
		}
		if l.src.Bold == bold {
			return Face(i), true
		}
		if !found {
			any, found = Face(i), true
		}
	}
	if found {
		return any, true
	}
	if pref != Mono && s.HasGlyph(Mono, r) {
		return Mono, true
	}
	return pref, false
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// PickText returns the face that sets all of text (a run of one script)
// when the text is in face pref: pref when it covers it, else the first
// fallback that does (a bold one for bold text where there is one), else
// Mono. ok is false when no single face has all of it.
func (s *Set) PickText(pref Face, text string) (Face, bool) {
	if s.Covers(pref, text) {
		return pref, true
	}
	sc := ""
	for _, r := range text {
		if c := ScriptOf(r); c != "Zyyy" && c != "Zinh" {
			sc = c
			break
		}
	}
	bold := pref.IsBold()
	for pass := 0; pass < 2; pass++ {
		for i := int(Fallback); i < len(s.faces); i++ {
			l := s.faces[i]
			if l.smallCaps || l.heading || sc != "" && len(l.src.Scripts) > 0 && !contains(l.src.Scripts, sc) {
				continue
			}
			if (l.src.Bold == bold) != (pass == 0) {
				continue
			}
			if s.Covers(Face(i), text) {
				return Face(i), true
			}
		}
	}
	if pref != Mono && s.Covers(Mono, text) {
		return Mono, true
	}
	return pref, false
}
