// Package sfnt reads OpenType font files and writes subsets of them for
// embedding: the one subsetter of pamphlet, for the PDF writer (TrueType
// FontFile2 and bare CFF FontFile3 programs) and the EPUB packer
// (standalone web fonts).
//
// Subsets keep glyph IDs (unless packed, below): text shaped with the original font (its
// HarfBuzz glyph IDs) is written with the subset unchanged, so the PDF
// writer needs no renumbering. A dropped glyph stays in the subset as an
// empty glyph (no outline), and the glyphs after the highest kept one are
// cut off: a subset has numGlyphs = highest kept glyph ID + 1.
//
// The API:
//
//	func NumFonts(data []byte) (int, error)
//	func Parse(data []byte, index int) (*Font, error)
//	func (f *Font) Table(tag string) ([]byte, bool)
//	func (f *Font) IsCFF() bool
//	func (f *Font) NumGlyphs() int
//	func (f *Font) Names() Names     // PostScript name, family, subfamily, full name
//	func (f *Font) Metrics() Metrics // unitsPerEm, bbox, ascender, cap height, italic angle…
//	func (f *Font) Advance(gid uint16) int
//	func (f *Font) CharGlyphs(use func(rune) bool) (used, unmapped []uint16, err error)
//	func (f *Font) SubsetTrueType(gids []uint16, opts Options) ([]byte, error)
//	func (f *Font) SubsetCFF(gids []uint16) ([]byte, error)
//	func (f *Font) SubsetCFFPacked(gids []uint16) ([]byte, error)
//	func (f *Font) SubsetOpenType(gids []uint16, opts Options) ([]byte, error)
//
// For the PDF writer: a TrueType font is embedded with SubsetTrueType
// (Options{}) as the FontFile2 of a CIDFontType2 with CIDToGIDMap
// /Identity; a CFF font with SubsetCFF or SubsetCFFPacked as the
// FontFile3 (Subtype /CIDFontType0C) of a CIDFontType0. Both CFF programs
// are CID-keyed with ROS Adobe/Identity/0, whether the font was name-keyed
// (EB Garamond, Linux Libertine) or CID-keyed (Noto CJK), and in both the
// CID of a glyph is its glyph ID in the original font: the PDF's
// CIDSystemInfo is Adobe/Identity/0, the content stream writes the
// shaper's glyph IDs as two-byte codes (Identity-H) and /W lists widths by
// those IDs. SubsetCFF keeps the glyph IDs inside the program too
// (CID == GID, identity charset); SubsetCFFPacked holds only the kept
// glyphs and its charset gives each its original ID as CID, which PDF
// readers follow (poppler and MuPDF draw both alike, TestPDF): much
// smaller when the kept glyphs have high IDs (Noto CJK).
//
// For web fonts: SubsetTrueType with Options{KeepCmap: true} and
// SubsetOpenType give standalone fonts (cmap, OS/2, name, post kept;
// layout tables dropped), and Options.Pack renumbers their glyphs, as
// browsers find glyphs through the cmap. The EPUB's fonts, whose reading
// system shapes the text itself, are made with Options{KeepCmap: true,
// KeepLayout: true} from the glyphs CharGlyphs gives (builder/font's
// ReaderSubset): GSUB and GPOS stay, and so do the glyph IDs they name.
//
// Parse reads .ttf and .otf files and .ttc/.otc collections. It refuses,
// with an error wrapping ErrUnsupported, WOFF and WOFF2 web fonts, Type 1
// fonts and CFF2 (variable CFF) fonts; malformed data gives an error
// wrapping ErrMalformed. Bad input gives an error, never a panic (which
// FuzzParse checks).
//
// The package reads only the standard library; it was written from the
// OpenType specification and Adobe's technical notes 5176 (CFF) and 5177
// (Type 2 charstrings).
package sfnt

import (
	"encoding/binary"
	"errors"
	"fmt"
	"sort"
)

// ErrUnsupported is wrapped by the errors for font files that are not
// plain OpenType: WOFF, WOFF2, Type 1, CFF2.
var ErrUnsupported = errors.New("sfnt: unsupported font format")

// ErrMalformed is wrapped by the errors for truncated or corrupt fonts.
var ErrMalformed = errors.New("sfnt: malformed font")

// The first four bytes of the files this package reads or recognises.
const (
	tagTrueType   = 0x00010000
	tagTrue       = 0x74727565 // "true", old Apple TrueType
	tagOTTO       = 0x4F54544F // "OTTO", CFF outlines
	tagTTCF       = 0x74746366 // "ttcf", a collection
	tagWOFF       = 0x774F4646 // "wOFF"
	tagWOFF2      = 0x774F4632 // "wOF2"
	tagTyp1       = 0x74797031 // "typ1", Apple's Type 1 wrapper
	tagPFAStart   = 0x25215053 // "%!PS", a PFA Type 1 font
	tagPFAStartFT = 0x2521466F // "%!Fo" (%!FontType1)
)

// maxCollection bounds the faces a collection may claim, so that a corrupt
// count cannot make NumFonts promise millions of faces.
const maxCollection = 1 << 16

// Font is one face of an sfnt file or collection: its table directory.
// The tables are slices of the data given to Parse, which must not change
// while the Font is in use.
type Font struct {
	tables    []table // sorted by tag
	version   uint32  // the face's sfnt version: tagTrueType, tagTrue or tagOTTO
	numGlyphs int
}

// table is one table of a font: its tag and its bytes.
type table struct {
	tag  string
	data []byte
}

// kind sniffs data's first four bytes: nil for a single font or a
// collection, an error for everything else.
func kind(data []byte) (uint32, error) {
	if len(data) < 4 {
		return 0, fmt.Errorf("%w: %d bytes is too short for a font file", ErrMalformed, len(data))
	}
	tag := binary.BigEndian.Uint32(data)
	switch tag {
	case tagTrueType, tagTrue, tagOTTO, tagTTCF:
		return tag, nil
	case tagWOFF:
		return 0, fmt.Errorf("%w: WOFF web font (decompress it to .ttf or .otf first)", ErrUnsupported)
	case tagWOFF2:
		return 0, fmt.Errorf("%w: WOFF2 web font (decompress it to .ttf or .otf first)", ErrUnsupported)
	case tagTyp1, tagPFAStart, tagPFAStartFT:
		return 0, fmt.Errorf("%w: PostScript Type 1 font (use an OpenType .otf or .ttf)", ErrUnsupported)
	}
	if data[0] == 0x80 && data[1] == 0x01 { // PFB segment header
		return 0, fmt.Errorf("%w: PostScript Type 1 font (.pfb; use an OpenType .otf or .ttf)", ErrUnsupported)
	}
	if data[0] == 1 && data[1] == 0 && data[2] == 4 {
		return 0, fmt.Errorf("%w: a bare CFF font program, not an OpenType file", ErrUnsupported)
	}
	return 0, fmt.Errorf("%w: not an OpenType font (file starts with % x)", ErrUnsupported, data[:4])
}

// NumFonts returns the number of faces in data: 1 for a .ttf or .otf
// file, n for an n-face .ttc or .otc collection.
func NumFonts(data []byte) (int, error) {
	tag, err := kind(data)
	if err != nil {
		return 0, err
	}
	if tag != tagTTCF {
		return 1, nil
	}
	if len(data) < 12 {
		return 0, fmt.Errorf("%w: truncated collection header", ErrMalformed)
	}
	n := binary.BigEndian.Uint32(data[8:])
	if n == 0 || n > maxCollection || uint64(len(data)) < 12+4*uint64(n) {
		return 0, fmt.Errorf("%w: collection claims %d faces", ErrMalformed, n)
	}
	return int(n), nil
}

// Parse reads the table directory of face index of data (0 for a plain
// font file). It checks that every table lies inside data and that head
// and maxp are there; the other tables are read when they are used.
func Parse(data []byte, index int) (*Font, error) {
	tag, err := kind(data)
	if err != nil {
		return nil, err
	}
	off := uint64(0)
	if tag == tagTTCF {
		n, err := NumFonts(data)
		if err != nil {
			return nil, err
		}
		if index < 0 || index >= n {
			return nil, fmt.Errorf("sfnt: face %d asked of a collection of %d", index, n)
		}
		off = uint64(binary.BigEndian.Uint32(data[12+4*index:]))
	} else if index != 0 {
		return nil, fmt.Errorf("sfnt: face %d asked of a single-face font file", index)
	}
	if off+12 > uint64(len(data)) {
		return nil, fmt.Errorf("%w: table directory past the end of the file", ErrMalformed)
	}
	f := &Font{version: binary.BigEndian.Uint32(data[off:])}
	switch f.version {
	case tagTrueType, tagTrue, tagOTTO:
	default:
		return nil, fmt.Errorf("%w: face %d has sfnt version % x", ErrMalformed, index, data[off:off+4])
	}
	n := uint64(binary.BigEndian.Uint16(data[off+4:]))
	dir := off + 12
	if dir+16*n > uint64(len(data)) {
		return nil, fmt.Errorf("%w: table directory of %d tables is truncated", ErrMalformed, n)
	}
	seen := make(map[string]bool, n)
	for i := range n {
		rec := data[dir+16*i:]
		t := string(rec[:4])
		start := uint64(binary.BigEndian.Uint32(rec[8:]))
		length := uint64(binary.BigEndian.Uint32(rec[12:]))
		if start+length > uint64(len(data)) {
			return nil, fmt.Errorf("%w: table %q runs past the end of the file", ErrMalformed, t)
		}
		if seen[t] {
			continue // the first of duplicate tables wins, as in most readers
		}
		seen[t] = true
		f.tables = append(f.tables, table{tag: t, data: data[start : start+length : start+length]})
	}
	sort.Slice(f.tables, func(i, j int) bool { return f.tables[i].tag < f.tables[j].tag })

	if _, ok := f.Table("CFF2"); ok && !f.IsCFF() {
		return nil, fmt.Errorf("%w: CFF2 variable fonts are not supported", ErrUnsupported)
	}
	head, ok := f.Table("head")
	if !ok || len(head) < 54 {
		return nil, fmt.Errorf("%w: no head table", ErrMalformed)
	}
	maxp, ok := f.Table("maxp")
	if !ok || len(maxp) < 6 {
		return nil, fmt.Errorf("%w: no maxp table", ErrMalformed)
	}
	f.numGlyphs = int(binary.BigEndian.Uint16(maxp[4:]))
	if f.numGlyphs == 0 {
		return nil, fmt.Errorf("%w: the font has no glyphs", ErrMalformed)
	}
	return f, nil
}

// Table returns the bytes of the table tag ("glyf", "CFF ", "OS/2"), a
// slice of the data given to Parse that the caller must not change.
func (f *Font) Table(tag string) ([]byte, bool) {
	i := sort.Search(len(f.tables), func(i int) bool { return f.tables[i].tag >= tag })
	if i < len(f.tables) && f.tables[i].tag == tag {
		return f.tables[i].data, true
	}
	return nil, false
}

// IsCFF reports whether the font has CFF outlines (a 'CFF ' table): its
// subset is made with SubsetCFF, else with SubsetTrueType.
func (f *Font) IsCFF() bool {
	_, ok := f.Table("CFF ")
	return ok
}

// NumGlyphs returns the number of glyphs, from the maxp table.
func (f *Font) NumGlyphs() int { return f.numGlyphs }

// writeSfnt assembles a font file of the given sfnt version from tables:
// the table directory sorted by tag, every table padded to four bytes,
// checksums, and head's checksumAdjustment.
func writeSfnt(version uint32, tables []table) []byte {
	sort.Slice(tables, func(i, j int) bool { return tables[i].tag < tables[j].tag })
	n := len(tables)
	entrySelector := 0
	for 1<<(entrySelector+1) <= n {
		entrySelector++
	}
	searchRange := 16 << entrySelector
	size := 12 + 16*n
	for _, t := range tables {
		size += (len(t.data) + 3) &^ 3
	}
	out := make([]byte, 12+16*n, size)
	be := binary.BigEndian
	be.PutUint32(out, version)
	be.PutUint16(out[4:], uint16(n))
	be.PutUint16(out[6:], uint16(searchRange))
	be.PutUint16(out[8:], uint16(entrySelector))
	be.PutUint16(out[10:], uint16(16*n-searchRange))
	headAt := -1
	for i, t := range tables {
		rec := out[12+16*i:]
		copy(rec, t.tag)
		be.PutUint32(rec[8:], uint32(len(out)))
		be.PutUint32(rec[12:], uint32(len(t.data)))
		if t.tag == "head" {
			headAt = len(out)
		}
		out = append(out, t.data...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
		if t.tag == "head" && len(t.data) >= 12 {
			be.PutUint32(out[headAt+8:], 0) // checksumAdjustment is summed as 0
		}
		be.PutUint32(rec[4:], checksum(out[be.Uint32(rec[8:]):]))
	}
	if headAt >= 0 && headAt+12 <= len(out) {
		be.PutUint32(out[headAt+8:], 0xB1B0AFBA-checksum(out))
	}
	return out
}

// checksum is the OpenType table checksum: the sum of big-endian uint32s,
// b being padded with zeros to a multiple of four.
func checksum(b []byte) uint32 {
	var sum uint32
	for len(b) >= 4 {
		sum += binary.BigEndian.Uint32(b)
		b = b[4:]
	}
	if len(b) > 0 {
		var last [4]byte
		copy(last[:], b)
		sum += binary.BigEndian.Uint32(last[:])
	}
	return sum
}
