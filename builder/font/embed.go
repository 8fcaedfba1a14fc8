package font

import (
	"encoding/binary"
	"fmt"
	"strings"
	"unicode/utf16"

	ot "github.com/go-text/typesetting/font/opentype"
)

// Embedding is what a PDF font descriptor says of a face.
type Embedding struct {
	// PostScriptName is the font's own PostScript name (name ID 6),
	// "CharisSIL-Bold", without spaces.
	PostScriptName string
	Family         string
	// CFF reports PostScript outlines: the program is embedded as
	// FontFile3 /CIDFontType0C under a CIDFontType0; otherwise as
	// FontFile2 under a CIDFontType2.
	CFF  bool
	Upem int32
	// Ascent, Descent (negative below the baseline) and CapHeight are in
	// font units.
	Ascent, Descent, CapHeight int32
	BBox                       [4]int32
	ItalicAngle                float64
	FixedPitch, Serif, Italic  bool
}

// Embedding returns what the PDF writer needs to describe face f.
func (s *Set) Embedding(f Face) Embedding {
	fc := s.face(f)
	e := Embedding{Family: fc.name, CFF: fc.cff, Upem: fc.upem, Ascent: fc.asc, Descent: -fc.desc, Serif: f != Mono}
	e.CapHeight = fc.asc * 7 / 10
	e.BBox = [4]int32{0, -fc.desc, fc.upem, fc.asc}
	if fc.ld == nil {
		e.PostScriptName = psName(fc.name)
		return e
	}
	if b, err := fc.ld.RawTable(ot.MustNewTag("head")); err == nil && len(b) >= 44 {
		for i := range 4 {
			e.BBox[i] = int32(int16(binary.BigEndian.Uint16(b[36+2*i:])))
		}
	}
	if b, err := fc.ld.RawTable(ot.MustNewTag("post")); err == nil && len(b) >= 16 {
		e.ItalicAngle = float64(int32(binary.BigEndian.Uint32(b[4:]))) / 65536
		e.FixedPitch = binary.BigEndian.Uint32(b[12:]) != 0
	}
	if b, err := fc.ld.RawTable(ot.MustNewTag("OS/2")); err == nil && len(b) >= 90 && binary.BigEndian.Uint16(b) >= 2 {
		if ch := int32(int16(binary.BigEndian.Uint16(b[88:]))); ch > 0 {
			e.CapHeight = ch
		}
	}
	e.Italic = e.ItalicAngle != 0 || f.IsItalic()
	if e.FixedPitch || f == Mono {
		e.Serif = false
	}
	if b, err := fc.ld.RawTable(ot.MustNewTag("name")); err == nil {
		e.PostScriptName = nameEntry(b, 6)
	}
	if e.PostScriptName == "" {
		e.PostScriptName = psName(fc.name)
	}
	return e
}

// psName makes a PostScript name of a family name: no spaces, nothing
// outside printable ASCII, as PDF names want.
func psName(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r > ' ' && r < 0x7f && !strings.ContainsRune("[](){}<>/%", r) {
			b.WriteRune(r)
		}
	}
	if b.Len() == 0 {
		return "Font"
	}
	return b.String()
}

// nameEntry returns name id of a name table, preferring the Windows
// Unicode record, sanitised as a PostScript name.
func nameEntry(b []byte, id uint16) string {
	if len(b) < 6 {
		return ""
	}
	count := int(binary.BigEndian.Uint16(b[2:]))
	store := int(binary.BigEndian.Uint16(b[4:]))
	var mac string
	for i := range count {
		r := 6 + 12*i
		if r+12 > len(b) {
			break
		}
		pid := binary.BigEndian.Uint16(b[r:])
		nid := binary.BigEndian.Uint16(b[r+6:])
		n := int(binary.BigEndian.Uint16(b[r+8:]))
		off := store + int(binary.BigEndian.Uint16(b[r+10:]))
		if nid != id || off+n > len(b) {
			continue
		}
		raw := b[off : off+n]
		switch pid {
		case 3, 0:
			u := make([]uint16, len(raw)/2)
			for j := range u {
				u[j] = binary.BigEndian.Uint16(raw[2*j:])
			}
			if s := psName(string(utf16.Decode(u))); s != "Font" {
				return s
			}
		case 1:
			mac = psName(string(raw))
		}
	}
	if mac == "Font" {
		return ""
	}
	return mac
}

// Subset returns the font program of face f holding only the outlines of
// gids (and glyph 0), glyph IDs unchanged: for TrueType a standalone
// font file for FontFile2, for CFF a bare CFF table, CID-keyed with
// CID == GID, for FontFile3 /CIDFontType0C.
func (s *Set) Subset(f Face, gids []uint16) ([]byte, error) {
	fc := s.face(f)
	if fc.ld == nil {
		return nil, fmt.Errorf("font %s: %w", fc.src.Name, s.faces[f].err)
	}
	return subset(fc.src, gids)
}

// TTF returns the bytes of the file face f was read from (TrueType or
// OpenType; a collection for a .ttc). The caller must not modify them.
func (s *Set) TTF(f Face) []byte { return s.Source(f).Data }
