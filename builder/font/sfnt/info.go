package sfnt

import (
	"encoding/binary"
	"strings"
	"unicode/utf16"
)

// Names holds the names of a font from its name table.
type Names struct {
	// PostScript is the PostScript name (name ID 6), the PDF BaseFont
	// before its subset tag: printable ASCII without spaces or PDF
	// delimiters ("CharisSIL-Bold"). A font without one gets the family
	// and subfamily names run together and cleaned so.
	PostScript string
	// Family is the typographic family (name ID 16), else the family
	// (ID 1): "Charis SIL", "EB Garamond".
	Family string
	// Subfamily is the typographic subfamily (ID 17), else the subfamily
	// (ID 2): "Bold Italic".
	Subfamily string
	// Full is the full name (ID 4): "Charis SIL Bold Italic".
	Full string
}

// Names returns the font's names, the English (United States) Windows
// records first, then any Windows record, then Unicode and Macintosh
// Roman ones. Missing names are empty.
func (f *Font) Names() Names {
	get := func(id uint16) string { return f.name(id) }
	n := Names{
		PostScript: get(6),
		Family:     get(16),
		Subfamily:  get(17),
		Full:       get(4),
	}
	if n.Family == "" {
		n.Family = get(1)
	}
	if n.Subfamily == "" {
		n.Subfamily = get(2)
	}
	if n.PostScript == "" {
		n.PostScript = get(1) + "-" + get(2)
	}
	n.PostScript = strings.Map(func(r rune) rune {
		if r <= ' ' || r > '~' || strings.ContainsRune("[](){}<>/%", r) {
			return -1
		}
		return r
	}, n.PostScript)
	return n
}

// name returns the best record of name ID id.
func (f *Font) name(id uint16) string {
	b, ok := f.Table("name")
	if !ok || len(b) < 6 {
		return ""
	}
	be := binary.BigEndian
	count := int(be.Uint16(b[2:]))
	storage := int(be.Uint16(b[4:]))
	best, bestRank := "", 0
	for i := range count {
		rec := b[6+12*i:]
		if len(rec) < 12 {
			break
		}
		if be.Uint16(rec[6:]) != id {
			continue
		}
		platform, encoding, lang := be.Uint16(rec), be.Uint16(rec[2:]), be.Uint16(rec[4:])
		rank := 0
		switch {
		case platform == 3 && (encoding == 1 || encoding == 10) && lang == 0x409:
			rank = 5
		case platform == 3 && (encoding == 1 || encoding == 10):
			rank = 4
		case platform == 0:
			rank = 3
		case platform == 1 && encoding == 0 && lang == 0:
			rank = 2
		case platform == 3 && encoding == 0:
			rank = 1
		}
		if rank <= bestRank {
			continue
		}
		length, off := int(be.Uint16(rec[8:])), storage+int(be.Uint16(rec[10:]))
		if off+length > len(b) {
			continue
		}
		s := b[off : off+length]
		if platform == 1 {
			best = macRoman(s)
		} else {
			u := make([]uint16, len(s)/2)
			for j := range u {
				u[j] = be.Uint16(s[2*j:])
			}
			best = string(utf16.Decode(u))
		}
		bestRank = rank
	}
	return strings.TrimSpace(best)
}

// macRoman decodes Mac OS Roman, as far as names use it: ASCII, and a
// replacement character for the rest.
func macRoman(b []byte) string {
	r := make([]rune, len(b))
	for i, c := range b {
		r[i] = rune(c)
		if c >= 0x80 {
			r[i] = '\uFFFD'
		}
	}
	return string(r)
}

// Metrics holds the numbers a PDF font descriptor needs, in font units.
// A value whose table is missing is zero.
type Metrics struct {
	UnitsPerEm int // head.unitsPerEm
	// BBox is the union of the glyphs' boxes, from head: xMin, yMin,
	// xMax, yMax.
	BBox [4]int
	// Ascender, Descender (negative) and LineGap are hhea's, the metrics
	// most renderers use for line spacing.
	Ascender, Descender, LineGap int
	// TypoAscender and TypoDescender (negative) are OS/2's typographic
	// ascender and descender; WinAscent and WinDescent (positive) its
	// clipping extents.
	TypoAscender, TypoDescender int
	WinAscent, WinDescent       int
	// CapHeight and XHeight are OS/2's (version 2 and later); for a
	// TrueType font with an older OS/2 (DejaVu), the tops of H and x.
	CapHeight, XHeight int
	// ItalicAngle is post.italicAngle, in degrees counter-clockwise from
	// the vertical (negative for fonts leaning right).
	ItalicAngle float64
	FixedPitch  bool // post.isFixedPitch
	// Weight is OS/2's usWeightClass (400 regular, 700 bold).
	Weight int
	// Italic and Bold come from OS/2.fsSelection, else head.macStyle.
	Italic, Bold bool
	// Serif reports a serif design, from OS/2's IBM family class (classes
	// 1 to 5 and 7) or, when that is unset, its PANOSE family and serif
	// style (Latin text, not sans serif).
	Serif bool
}

// Metrics reads the font's metrics from head, hhea, OS/2 and post.
func (f *Font) Metrics() Metrics {
	be := binary.BigEndian
	s16 := func(b []byte, off int) int { return int(int16(be.Uint16(b[off:]))) }
	var m Metrics
	head, _ := f.Table("head") // Parse checked its length
	m.UnitsPerEm = int(be.Uint16(head[18:]))
	m.BBox = [4]int{s16(head, 36), s16(head, 38), s16(head, 40), s16(head, 42)}
	macStyle := be.Uint16(head[44:])
	m.Bold, m.Italic = macStyle&1 != 0, macStyle&2 != 0
	if hhea, ok := f.Table("hhea"); ok && len(hhea) >= 10 {
		m.Ascender, m.Descender, m.LineGap = s16(hhea, 4), s16(hhea, 6), s16(hhea, 8)
	}
	if post, ok := f.Table("post"); ok && len(post) >= 16 {
		m.ItalicAngle = float64(int32(be.Uint32(post[4:]))) / 65536
		m.FixedPitch = be.Uint32(post[12:]) != 0
	}
	os2, ok := f.Table("OS/2")
	if !ok || len(os2) < 78 {
		return m
	}
	m.Weight = int(be.Uint16(os2[4:]))
	fsSelection := be.Uint16(os2[62:])
	m.Italic, m.Bold = fsSelection&1 != 0, fsSelection&0x20 != 0
	m.TypoAscender, m.TypoDescender = s16(os2, 68), s16(os2, 70)
	m.WinAscent, m.WinDescent = int(be.Uint16(os2[74:])), int(be.Uint16(os2[76:]))
	if be.Uint16(os2) >= 2 && len(os2) >= 90 {
		m.XHeight, m.CapHeight = s16(os2, 86), s16(os2, 88)
	} else {
		m.CapHeight, m.XHeight = f.glyphTop('H'), f.glyphTop('x')
	}
	class := os2[30] // sFamilyClass's class byte
	switch {
	case class >= 1 && class <= 5 || class == 7:
		m.Serif = true
	case class == 0:
		panoseFamily, panoseSerif := os2[32], os2[33]
		m.Serif = panoseFamily == 2 && panoseSerif >= 2 && panoseSerif <= 10
	}
	return m
}

// Advance returns the advance width of glyph gid in font units, from
// hmtx (0 for a glyph the font does not have).
func (f *Font) Advance(gid uint16) int {
	hhea, ok1 := f.Table("hhea")
	hmtx, ok2 := f.Table("hmtx")
	if !ok1 || !ok2 || len(hhea) < 36 || int(gid) >= f.numGlyphs {
		return 0
	}
	long := int(binary.BigEndian.Uint16(hhea[34:]))
	i := min(int(gid), long-1)
	if i < 0 || 4*i+2 > len(hmtx) {
		return 0
	}
	return int(binary.BigEndian.Uint16(hmtx[4*i:]))
}

// glyphTop returns the top (yMax) of character r's TrueType glyph, or 0.
func (f *Font) glyphTop(r rune) int {
	maps, _, err := f.cmap()
	glyf, ok1 := f.Table("glyf")
	locaRaw, ok2 := f.Table("loca")
	head, _ := f.Table("head")
	if err != nil || !ok1 || !ok2 {
		return 0
	}
	loca, err := readLoca(locaRaw, int16(binary.BigEndian.Uint16(head[50:])), f.numGlyphs, len(glyf))
	if err != nil {
		return 0
	}
	for _, m := range maps {
		if m.r == uint32(r) && int(m.gid) < f.numGlyphs {
			if g := glyf[loca[m.gid]:loca[m.gid+1]]; len(g) >= 10 {
				return int(int16(binary.BigEndian.Uint16(g[8:])))
			}
		}
	}
	return 0
}
