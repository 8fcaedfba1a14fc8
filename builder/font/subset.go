package font

import (
	"fmt"

	"github.com/pamphlet/pamphlet/builder/font/sfnt"
)

// subset cuts the font program of src down to gids with the one
// subsetter (builder/font/sfnt), glyph IDs unchanged.
func subset(src Source, gids []uint16) ([]byte, error) {
	f, err := sfnt.Parse(src.Data, src.Index)
	if err != nil {
		return nil, fmt.Errorf("font %s: %w", src.Name, err)
	}
	var b []byte
	if f.IsCFF() {
		b, err = f.SubsetCFF(gids)
	} else {
		b, err = f.SubsetTrueType(gids, sfnt.Options{})
	}
	if err != nil {
		return nil, fmt.Errorf("font %s: %w", src.Name, err)
	}
	return b, nil
}

// SubsetWeb returns face f as a standalone font file for an e-book (a
// web font): only the outlines of gids kept, with the character map,
// names and metrics a reading system needs; TrueType or OpenType/CFF as
// the face is.
func (s *Set) SubsetWeb(f Face, gids []uint16) ([]byte, error) {
	src := s.Source(f)
	ft, err := sfnt.Parse(src.Data, src.Index)
	if err != nil {
		return nil, fmt.Errorf("font %s: %w", src.Name, err)
	}
	var b []byte
	if ft.IsCFF() {
		b, err = ft.SubsetOpenType(gids, sfnt.Options{KeepCmap: true})
	} else {
		b, err = ft.SubsetTrueType(gids, sfnt.Options{KeepCmap: true})
	}
	if err != nil {
		return nil, fmt.Errorf("font %s: %w", src.Name, err)
	}
	return b, nil
}
