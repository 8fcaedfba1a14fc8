package sfnt

import (
	"encoding/binary"
	"fmt"
	"sort"
)

// mapping is one character of a cmap: a code point (or a symbol font's
// code) and its glyph.
type mapping struct {
	r   uint32
	gid uint16
}

// cmapFull caps the mappings read from one subtable: Unicode has fewer
// than 1.2 million code points, and a hostile format 12 table must not
// make the subsetter allocate without bound.
const cmapFull = 0x110000

// Cmap returns the font's best Unicode character map as sorted
// (code point, glyph) pairs, and whether it is a symbol cmap (platform 3,
// encoding 0, whose codes are mostly U+F000 + byte). It reads subtables of
// format 4 and 12; the font's other subtables are ignored.
func (f *Font) cmap() (maps []mapping, symbol bool, err error) {
	b, ok := f.Table("cmap")
	if !ok {
		return nil, false, fmt.Errorf("%w: no cmap table", ErrMalformed)
	}
	if len(b) < 4 {
		return nil, false, fmt.Errorf("%w: cmap table too short", ErrMalformed)
	}
	n := int(binary.BigEndian.Uint16(b[2:]))
	if len(b) < 4+8*n {
		return nil, false, fmt.Errorf("%w: cmap table too short", ErrMalformed)
	}
	// rank orders the subtables: full Unicode, then BMP, then symbol.
	rank := func(platform, encoding, format uint16) int {
		switch {
		case format == 12 && (platform == 3 && encoding == 10 || platform == 0 && (encoding == 4 || encoding == 6)):
			return 4
		case format == 4 && (platform == 3 && encoding == 1 || platform == 0):
			return 3
		case format == 12 && platform == 0:
			return 2
		case format == 4 && platform == 3 && encoding == 0:
			return 1
		}
		return 0
	}
	best, bestRank := -1, 0
	for i := range n {
		rec := b[4+8*i:]
		off := binary.BigEndian.Uint32(rec[4:])
		if uint64(off)+2 > uint64(len(b)) {
			continue
		}
		r := rank(binary.BigEndian.Uint16(rec), binary.BigEndian.Uint16(rec[2:]), binary.BigEndian.Uint16(b[off:]))
		if r > bestRank {
			best, bestRank = int(off), r
		}
	}
	if best < 0 {
		return nil, false, fmt.Errorf("%w: no Unicode cmap of format 4 or 12", ErrUnsupported)
	}
	sub := b[best:]
	if binary.BigEndian.Uint16(sub) == 12 {
		maps, err = cmap12(sub)
	} else {
		maps, err = cmap4(sub)
	}
	sort.Slice(maps, func(i, j int) bool { return maps[i].r < maps[j].r })
	return maps, bestRank == 1, err
}

// CharGlyphs returns the glyphs the font's cmap gives the characters for
// which use returns true, and the glyphs it gives no character at all
// (ligatures, small capitals, alternates: glyphs a shaper reaches only
// through GSUB), each list in glyph ID order without repeats. Glyph 0 is
// in neither. A symbol font's codes are passed to use as they are.
func (f *Font) CharGlyphs(use func(rune) bool) (used, unmapped []uint16, err error) {
	maps, _, err := f.cmap()
	if err != nil {
		return nil, nil, err
	}
	const (
		mapped = 1 << iota
		wanted
	)
	state := make([]uint8, f.numGlyphs)
	for _, m := range maps {
		if int(m.gid) >= len(state) {
			continue
		}
		state[m.gid] |= mapped
		if m.r <= 0x10FFFF && use(rune(m.r)) {
			state[m.gid] |= wanted
		}
	}
	for g := 1; g < len(state); g++ {
		switch {
		case state[g]&wanted != 0:
			used = append(used, uint16(g))
		case state[g]&mapped == 0:
			unmapped = append(unmapped, uint16(g))
		}
	}
	return used, unmapped, nil
}

// cmap4 reads a format 4 subtable.
func cmap4(b []byte) ([]mapping, error) {
	if len(b) < 14 {
		return nil, fmt.Errorf("%w: cmap format 4 too short", ErrMalformed)
	}
	segs := int(binary.BigEndian.Uint16(b[6:]) / 2)
	// The subtable's own length field is often wrong in old fonts: read
	// the arrays as far as the table goes.
	if len(b) < 16+8*segs {
		return nil, fmt.Errorf("%w: cmap format 4 too short for %d segments", ErrMalformed, segs)
	}
	ends := b[14:]
	starts := b[16+2*segs:]
	deltas := b[16+4*segs:]
	ranges := 16 + 6*segs // offset of idRangeOffset[0] in b
	var out []mapping
	steps := 0
	for i := range segs {
		end := uint32(binary.BigEndian.Uint16(ends[2*i:]))
		start := uint32(binary.BigEndian.Uint16(starts[2*i:]))
		delta := binary.BigEndian.Uint16(deltas[2*i:])
		ro := int(binary.BigEndian.Uint16(b[ranges+2*i:]))
		if start > end {
			continue
		}
		// Segments of a sound table do not overlap: more than 2^16 codes
		// in all is a corrupt (or hostile) table.
		if steps += int(end - start + 1); steps > 0x10000 {
			return nil, fmt.Errorf("%w: cmap format 4 segments overlap", ErrMalformed)
		}
		for c := start; c <= end && c != 0xFFFF; c++ {
			var gid uint16
			if ro == 0 {
				gid = uint16(c) + delta
			} else {
				at := ranges + 2*i + ro + 2*int(c-start)
				if at+2 > len(b) {
					break
				}
				gid = binary.BigEndian.Uint16(b[at:])
				if gid != 0 {
					gid += delta
				}
			}
			if gid != 0 {
				out = append(out, mapping{c, gid})
			}
		}
	}
	return out, nil
}

// cmap12 reads a format 12 subtable.
func cmap12(b []byte) ([]mapping, error) {
	if len(b) < 16 {
		return nil, fmt.Errorf("%w: cmap format 12 too short", ErrMalformed)
	}
	groups := uint64(binary.BigEndian.Uint32(b[12:]))
	if 16+12*groups > uint64(len(b)) {
		return nil, fmt.Errorf("%w: cmap format 12 too short for %d groups", ErrMalformed, groups)
	}
	var out []mapping
	for i := range int(groups) {
		g := b[16+12*i:]
		start := binary.BigEndian.Uint32(g)
		end := binary.BigEndian.Uint32(g[4:])
		gid := binary.BigEndian.Uint32(g[8:])
		if start > end || end >= cmapFull || len(out)+int(end-start) >= cmapFull {
			continue
		}
		for c := start; c <= end; c++ {
			if gid+c-start > 0xFFFF {
				break
			}
			out = append(out, mapping{c, uint16(gid + c - start)})
		}
	}
	return out, nil
}

// subsetCmap returns a cmap table that maps the characters of the font's
// cmap whose glyphs the subset keeps, to their new IDs newID[gid] (-1 for
// a dropped glyph): a format 4 subtable (platform 3, encoding 1, or 0 for
// a symbol font) for the Basic Multilingual Plane, and a format 12 (3,
// 10) for all of Unicode when some character lies beyond it. Glyph 0 is
// never mapped, and a character whose glyph was dropped is unmapped, so
// that a browser falls back to another font for it instead of drawing
// nothing.
func (f *Font) subsetCmap(newID []int) ([]byte, error) {
	all, symbol, err := f.cmap()
	if err != nil {
		return nil, err
	}
	var maps []mapping
	wide := false
	for _, m := range all {
		if int(m.gid) < len(newID) && newID[m.gid] > 0 {
			maps = append(maps, mapping{m.r, uint16(newID[m.gid])})
			wide = wide || m.r > 0xFFFF
		}
	}
	var bmp []mapping
	for _, m := range maps {
		if m.r < 0xFFFF {
			bmp = append(bmp, m)
		}
	}
	f4 := writeCmap4(bmp)
	be := binary.BigEndian
	var out []byte
	if !wide {
		out = make([]byte, 12)
		be.PutUint16(out[2:], 1)
		be.PutUint16(out[4:], 3)
		if !symbol {
			be.PutUint16(out[6:], 1)
		}
		be.PutUint32(out[8:], 12)
		return append(out, f4...), nil
	}
	out = make([]byte, 20)
	be.PutUint16(out[2:], 2)
	be.PutUint16(out[4:], 3)
	be.PutUint16(out[6:], 1)
	be.PutUint32(out[8:], 20)
	be.PutUint16(out[12:], 3)
	be.PutUint16(out[14:], 10)
	be.PutUint32(out[16:], uint32(20+len(f4)))
	out = append(out, f4...)
	return append(out, writeCmap12(maps)...), nil
}

// runs splits sorted mappings into runs of consecutive characters mapped
// to consecutive glyphs: the segments of format 4 and groups of format 12.
func runs(maps []mapping) [][2]int {
	var out [][2]int
	for i := 0; i < len(maps); {
		j := i + 1
		for j < len(maps) && maps[j].r == maps[j-1].r+1 && maps[j].gid == maps[j-1].gid+1 {
			j++
		}
		out = append(out, [2]int{i, j})
		i = j
	}
	return out
}

// writeCmap4 returns a format 4 subtable for maps (all below U+FFFF), each
// run a segment with idDelta and the closing 0xFFFF segment.
func writeCmap4(maps []mapping) []byte {
	rs := runs(maps)
	segs := len(rs) + 1
	// A format 4 subtable's length is 16 bits: cut the runs that do not fit
	// (65,000 characters in a few thousand segments fit in practice).
	for 16+8*segs > 0xFFFF {
		rs = rs[:len(rs)-1]
		segs--
	}
	b := make([]byte, 16+8*segs)
	be := binary.BigEndian
	be.PutUint16(b, 4)
	be.PutUint16(b[2:], uint16(len(b)))
	be.PutUint16(b[6:], uint16(2*segs))
	sr, sel := 2, 0
	for sr*2 <= 2*segs {
		sr *= 2
		sel++
	}
	be.PutUint16(b[8:], uint16(sr))
	be.PutUint16(b[10:], uint16(sel))
	be.PutUint16(b[12:], uint16(2*segs-sr))
	ends, starts, deltas := b[14:], b[16+2*segs:], b[16+4*segs:]
	for i, r := range rs {
		first, last := maps[r[0]], maps[r[1]-1]
		be.PutUint16(ends[2*i:], uint16(last.r))
		be.PutUint16(starts[2*i:], uint16(first.r))
		be.PutUint16(deltas[2*i:], first.gid-uint16(first.r))
	}
	be.PutUint16(ends[2*len(rs):], 0xFFFF)
	be.PutUint16(starts[2*len(rs):], 0xFFFF)
	be.PutUint16(deltas[2*len(rs):], 1)
	return b
}

// writeCmap12 returns a format 12 subtable for maps.
func writeCmap12(maps []mapping) []byte {
	rs := runs(maps)
	b := make([]byte, 16+12*len(rs))
	be := binary.BigEndian
	be.PutUint16(b, 12)
	be.PutUint32(b[4:], uint32(len(b)))
	be.PutUint32(b[12:], uint32(len(rs)))
	for i, r := range rs {
		g := b[16+12*i:]
		be.PutUint32(g, maps[r[0]].r)
		be.PutUint32(g[4:], maps[r[1]-1].r)
		be.PutUint32(g[8:], uint32(maps[r[0]].gid))
	}
	return b
}
