package sfnt

import (
	"encoding/binary"
)

// Type 2 charstring operators the tiny fonts use.
const (
	csHstem     = 1
	csVstem     = 3
	csRlineto   = 5
	csRrcurveto = 8
	csCallsubr  = 10
	csReturn    = 11
	csEndchar   = 14
	csHstemhm   = 18
	csHintmask  = 19
	csRmoveto   = 21
	csVstemhm   = 23
	csCallgsubr = 29
)

// cs assembles a charstring: ints are numbers, bytes are operators (and
// hintmask bytes).
func cs(items ...any) []byte {
	var out []byte
	for _, it := range items {
		switch v := it.(type) {
		case int:
			out = appendNumber(out, v)
		case byte:
			out = append(out, v)
		}
	}
	return out
}

// tinyCFF returns a small name-keyed CFF font program of five glyphs
// (.notdef, a, b, c, d) that exercises what the subsetter rewrites:
// global and local subroutines (called from glyphs and from each other),
// hints with hintmask bytes, a FontMatrix, glyph names in the String
// INDEX. Glyph 4 calls subroutines no other glyph calls. With
// localFromGlobal, a global subroutine calls a local one.
func tinyCFF(localFromGlobal bool) []byte {
	gsubrs := [][]byte{
		cs(0, 300, byte(csRlineto), byte(csReturn)),                          // g0: a stroke up
		cs(0, -300, byte(csRlineto), byte(csReturn)),                         // g1: a stroke down
		cs(50, 50, 50, 0, 50, -50, byte(csRrcurveto), byte(csReturn)),        // g2: a curve
		cs(10, 10, byte(csRlineto), -107, byte(csCallgsubr), byte(csReturn)), // g3: calls g0
	}
	if localFromGlobal {
		// g1 calls local subr 0: its number depends on the calling glyph's
		// Font DICT, so the subsetter cannot renumber subroutines.
		gsubrs[1] = cs(-107, byte(csCallsubr), byte(csReturn))
	}
	lsubrs := [][]byte{
		cs(200, 0, byte(csRlineto), 0, 200, byte(csRlineto), byte(csReturn)), // l0
		cs(-200, 0, byte(csRlineto), byte(csReturn)),                         // l1
		cs(30, 30, byte(csRlineto), byte(csReturn)),                          // l2, only glyph 4
	}
	charstrings := [][]byte{
		// .notdef: a box, with a width.
		cs(500, 0, 0, byte(csRmoveto), 400, 0, byte(csRlineto), 0, 600, byte(csRlineto), -400, 0, byte(csRlineto), byte(csEndchar)),
		// a: stems, a move, the global subr that calls local subr 0.
		cs(0, 50, 600, 50, byte(csHstem), 100, 100, byte(csRmoveto), -107+1, byte(csCallgsubr), byte(csEndchar)),
		// b: hintmask after hstemhm and implicit vstems.
		cs(0, 20, 300, 20, byte(csHstemhm), 10, 20, 200, 20, byte(csHintmask), byte(0xF0), 100, 100, byte(csRmoveto), -107, byte(csCallsubr), -107+1, byte(csCallsubr), byte(csEndchar)),
		// c: a curve from a global subr and a stroke from a nested one.
		cs(100, 100, byte(csRmoveto), -107+2, byte(csCallgsubr), -107+3, byte(csCallgsubr), byte(csEndchar)),
		// d: local subr 2 and global subr 0.
		cs(50, 50, byte(csRmoveto), -107+2, byte(csCallsubr), -107, byte(csCallgsubr), byte(csEndchar)),
	}
	strs := [][]byte{[]byte("1.000"), []byte("Tiny Regular"), []byte("Tiny"), []byte("a"), []byte("b"), []byte("c"), []byte("d")}
	const sidVersion, sidFull, sidFamily, sidA = 391, 392, 393, 394

	private := appendOp(appendInt(nil, 500), 20)  // defaultWidthX
	private = appendOp(appendInt(private, 0), 21) // nominalWidthX
	private = appendOp(appendInt32(private, len(private)+6), opSubrs)

	charset := []byte{0}
	for i := range 4 {
		charset = binary.BigEndian.AppendUint16(charset, uint16(sidA+i))
	}
	top := func(charsetAt, csAt, privAt int) []byte {
		t := appendOp(appendInt(nil, sidVersion), opVersion)
		t = appendOp(appendInt(t, sidFull), opFullName)
		t = appendOp(appendInt(t, sidFamily), opFamilyName)
		t = appendOp(appendInt(t, 4711), opUniqueID)
		// FontMatrix [0.001 0 0 0.001 0 0] as reals.
		real := []byte{30, 0x0a, 0x00, 0x1f} // .001
		t = append(t, real...)
		t = appendInt(appendInt(t, 0), 0)
		t = append(t, real...)
		t = appendInt(appendInt(t, 0), 0)
		t = appendOp(t, opFontMatrix)
		t = appendOp(appendInt(appendInt(appendInt(appendInt(t, 0), -200), 600), 800), 5) // FontBBox
		t = appendOp(appendInt32(t, charsetAt), opCharset)
		t = appendOp(appendInt32(t, csAt), opCharStrings)
		return appendOp(appendInt32(appendInt32(t, len(private)), privAt), opPrivate)
	}
	name := writeIndex(nil, [][]byte{[]byte("Tiny-Regular")})
	strIdx := writeIndex(nil, strs)
	gIdx := writeIndex(nil, gsubrs)
	csIdx := writeIndex(nil, charstrings)
	pos := 4 + len(name) + indexSize([][]byte{top(0, 0, 0)}) + len(strIdx) + len(gIdx)
	charsetAt := pos
	csAt := charsetAt + len(charset)
	privAt := csAt + len(csIdx)
	out := append([]byte{1, 0, 4, 4}, name...)
	out = writeIndex(out, [][]byte{top(charsetAt, csAt, privAt)})
	out = append(out, strIdx...)
	out = append(out, gIdx...)
	out = append(out, charset...)
	out = append(out, csIdx...)
	out = append(out, private...)
	return writeIndex(out, lsubrs)
}

// tinyOTF wraps tinyCFF in an OpenType file with the tables a font needs.
func tinyOTF(localFromGlobal bool) []byte {
	be := binary.BigEndian
	const n = 5
	head := make([]byte, 54)
	be.PutUint32(head, 0x00010000)
	be.PutUint32(head[12:], 0x5F0F3CF5)
	be.PutUint16(head[18:], 1000)
	for i, v := range []int16{0, -200, 600, 800} {
		be.PutUint16(head[36+2*i:], uint16(v))
	}
	hhea := make([]byte, 36)
	be.PutUint32(hhea, 0x00010000)
	be.PutUint16(hhea[4:], 800)
	be.PutUint16(hhea[6:], uint16(0xFFFF-199)) // -200
	be.PutUint16(hhea[34:], n)
	hmtx := make([]byte, 4*n)
	for i := range n {
		be.PutUint16(hmtx[4*i:], 500)
	}
	maxp := []byte{0, 0, 0x50, 0, 0, n}
	os2 := make([]byte, 96)
	be.PutUint16(os2, 4)
	be.PutUint16(os2[4:], 400)
	os2[30] = 1 // IBM class: Oldstyle Serifs
	be.PutUint16(os2[62:], 0x40)
	be.PutUint16(os2[68:], 750)
	be.PutUint16(os2[70:], uint16(0xFFFF-249)) // -250
	be.PutUint16(os2[86:], 450)
	be.PutUint16(os2[88:], 650)
	post := make([]byte, 32)
	be.PutUint32(post, 0x00030000)
	cmap := cmapTable([]mapping{{'a', 1}, {'b', 2}, {'c', 3}, {'d', 4}})
	return writeSfnt(tagOTTO, []table{
		{"CFF ", tinyCFF(localFromGlobal)}, {"head", head}, {"hhea", hhea}, {"hmtx", hmtx}, {"maxp", maxp},
		{"OS/2", os2}, {"post", post}, {"cmap", cmap}, {"name", tinyName("Tiny", "Regular", "Tiny-Regular")},
	})
}

// tinyName returns a name table of Windows records for family,
// subfamily and PostScript name.
func tinyName(family, sub, ps string) []byte {
	be := binary.BigEndian
	names := []struct {
		id uint16
		s  string
	}{{1, family}, {2, sub}, {4, family + " " + sub}, {6, ps}}
	out := make([]byte, 6+12*len(names))
	be.PutUint16(out[2:], uint16(len(names)))
	be.PutUint16(out[4:], uint16(len(out)))
	var strs []byte
	for i, nm := range names {
		r := out[6+12*i:]
		be.PutUint16(r, 3)
		be.PutUint16(r[2:], 1)
		be.PutUint16(r[4:], 0x409)
		be.PutUint16(r[6:], nm.id)
		be.PutUint16(r[10:], uint16(len(strs)))
		for _, c := range nm.s {
			strs = be.AppendUint16(strs, uint16(c))
		}
		be.PutUint16(r[8:], uint16(len(strs))-be.Uint16(r[10:]))
	}
	return append(out, strs...)
}
