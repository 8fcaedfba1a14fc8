package font

import (
	"fmt"

	"github.com/pamphlet/pamphlet/builder/font/sfnt"
)

// subset cuts the font program of src down to gids with the one
// subsetter (builder/font/sfnt); the PDF writes glyph IDs as they are.
func subset(src Source, gids []uint16) ([]byte, error) {
	f, err := sfnt.Parse(src.Data, src.Index)
	if err != nil {
		return nil, fmt.Errorf("font %s: %w", src.Name, err)
	}
	var b []byte
	if f.IsCFF() {
		// Only the kept glyphs, each with its original glyph ID as its
		// CID: a CJK font's empty glyphs below the last one used would
		// cost a hundred kilobytes.
		b, err = f.SubsetCFFPacked(gids)
	} else {
		b, err = f.SubsetTrueType(gids, sfnt.Options{})
	}
	if err != nil {
		return nil, fmt.Errorf("font %s: %w", src.Name, err)
	}
	return b, nil
}
