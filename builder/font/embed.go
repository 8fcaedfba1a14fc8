package font

import (
	"fmt"
	"strings"

	"github.com/pamphlet/pamphlet/builder/font/sfnt"
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
	e.PostScriptName = psName(fc.name)
	ft, err := sfnt.Parse(fc.src.Data, fc.src.Index)
	if err != nil || fc.ld == nil {
		return e
	}
	m := ft.Metrics()
	for i, v := range m.BBox {
		e.BBox[i] = int32(v)
	}
	if m.CapHeight > 0 {
		e.CapHeight = int32(m.CapHeight)
	}
	e.ItalicAngle = m.ItalicAngle
	e.FixedPitch = m.FixedPitch || f == Mono
	e.Italic = m.Italic || m.ItalicAngle != 0 || f.IsItalic()
	e.Serif = m.Serif && !e.FixedPitch
	if n := ft.Names(); n.PostScript != "" {
		e.PostScriptName = n.PostScript
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
