package sfnt

import (
	"encoding/binary"
	"fmt"
)

// SubsetOpenType returns a standalone OpenType font with CFF outlines
// (for embedding in an EPUB): the CFF program SubsetCFF makes (with
// opts.Pack, SubsetCFFPacked's, the glyphs renumbered 0, 1, 2… and the
// cmap following), and the tables a browser or an e-reader needs, head,
// hhea, hmtx, maxp, cmap (reduced to the characters whose glyphs are
// kept), OS/2, name and post (version 3, without glyph names); KeepCmap
// is implied. The layout tables (GSUB, GPOS, GDEF) are not kept: the
// subset holds the glyphs a shaper chose, and the reader's own shaper
// must not substitute glyphs that were dropped.
func (f *Font) SubsetOpenType(gids []uint16, opts Options) ([]byte, error) {
	raw, ok := f.Table("CFF ")
	if !ok {
		return nil, fmt.Errorf("sfnt: the font has no CFF table: use SubsetTrueType")
	}
	c, err := parseCFF(raw)
	if err != nil {
		return nil, err
	}
	if len(c.charstrings) != f.numGlyphs {
		return nil, fmt.Errorf("%w: CFF has %d glyphs, maxp %d", ErrMalformed, len(c.charstrings), f.numGlyphs)
	}
	keep, err := keepSet(gids, len(c.charstrings))
	if err != nil {
		return nil, err
	}
	prog, err := c.subset(keep, opts.Pack)
	if err != nil {
		return nil, err
	}
	glyphs, newID := order(keep, opts.Pack)
	tables, err := f.metricTables(glyphs, newID, true)
	if err != nil {
		return nil, err
	}
	head, _ := f.Table("head")
	tables = append(tables, table{"CFF ", prog}, table{"head", head})
	for i, t := range tables {
		if t.tag == "maxp" { // version 0.5: the CFF maxp has only numGlyphs
			m := make([]byte, 6)
			binary.BigEndian.PutUint32(m, 0x00005000)
			copy(m[4:], t.data[4:6])
			tables[i].data = m
		}
	}
	return writeSfnt(tagOTTO, tables), nil
}
