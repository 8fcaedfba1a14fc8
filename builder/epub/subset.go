package epub

import (
	"encoding/binary"
	"errors"
	"sort"
	"unicode"

	"golang.org/x/image/font/sfnt"
	"golang.org/x/text/unicode/norm"
)

// subsetTTF returns a copy of the TrueType font data in which the
// outlines of the glyphs for characters the book does not use are empty.
//
// It is a subsetter of the simplest kind, written because no Go library
// at hand subsets fonts (go-text has none; fpdf's is internal to PDF
// output): glyph ids do not change, so cmap, hmtx, kerning and the
// OpenType layout tables stay valid as they are. Glyphs that no character
// maps to directly (ligatures, small capitals, alternates reached through
// GSUB) are kept whole, and so are the components of every kept composite
// glyph; the Graphite tables (Silf, Glat, Gloc, Feat, Sill), which no
// EPUB reading system uses, and DSIG, which the change would invalidate,
// are dropped. The name table, with the font's copyright and licence,
// stays. Charis SIL shrinks from 750 KB to about a third for a book in
// English.
func subsetTTF(data []byte, used map[rune]bool) ([]byte, error) {
	if len(data) < 12 || binary.BigEndian.Uint32(data) != 0x00010000 {
		return nil, errors.New("not a TrueType font")
	}
	type table struct {
		tag  string
		data []byte
	}
	n := int(binary.BigEndian.Uint16(data[4:]))
	if len(data) < 12+16*n {
		return nil, errors.New("truncated table directory")
	}
	var tables []table
	byTag := map[string][]byte{}
	for i := 0; i < n; i++ {
		rec := data[12+16*i:]
		tag := string(rec[:4])
		off, length := binary.BigEndian.Uint32(rec[8:]), binary.BigEndian.Uint32(rec[12:])
		if uint64(off)+uint64(length) > uint64(len(data)) {
			return nil, errors.New("table outside the file")
		}
		t := table{tag, data[off : off+length]}
		tables = append(tables, t)
		byTag[tag] = t.data
	}
	head, maxp, loca, glyf := byTag["head"], byTag["maxp"], byTag["loca"], byTag["glyf"]
	if len(head) < 54 || len(maxp) < 6 || loca == nil || glyf == nil {
		return nil, errors.New("not a glyf font")
	}
	numGlyphs := int(binary.BigEndian.Uint16(maxp[4:]))
	long := binary.BigEndian.Uint16(head[50:]) == 1
	offsets := make([]int, numGlyphs+1)
	for i := range offsets {
		if long {
			if len(loca) < 4*(i+1) {
				return nil, errors.New("short loca")
			}
			offsets[i] = int(binary.BigEndian.Uint32(loca[4*i:]))
		} else {
			if len(loca) < 2*(i+1) {
				return nil, errors.New("short loca")
			}
			offsets[i] = 2 * int(binary.BigEndian.Uint16(loca[2*i:]))
		}
	}
	for i := 0; i < numGlyphs; i++ {
		if offsets[i] > offsets[i+1] || offsets[i+1] > len(glyf) {
			return nil, errors.New("bad loca")
		}
	}

	f, err := sfnt.Parse(data)
	if err != nil {
		return nil, err
	}
	var buf sfnt.Buffer
	// Which glyphs characters map to (planes 0 and 1; a glyph mapped
	// only from beyond counts as unmapped and is kept), and which of
	// them the book uses.
	mapped := make([]bool, numGlyphs)
	keep := make([]bool, numGlyphs)
	keep[0] = true // .notdef
	for r := rune(0); r < 0x20000; r++ {
		if r == 0xD800 {
			r = 0xE000
		}
		gi, err := f.GlyphIndex(&buf, r)
		if err != nil || gi == 0 || int(gi) >= numGlyphs {
			continue
		}
		mapped[gi] = true
		if used[r] {
			keep[gi] = true
		}
	}
	for gi := range keep {
		if !mapped[gi] {
			keep[gi] = true
		}
	}
	// Components of kept composite glyphs.
	stack := []int{}
	for gi, k := range keep {
		if k {
			stack = append(stack, gi)
		}
	}
	for len(stack) > 0 {
		gi := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for _, c := range components(glyf[offsets[gi]:offsets[gi+1]]) {
			if c < numGlyphs && !keep[c] {
				keep[c] = true
				stack = append(stack, c)
			}
		}
	}

	var newGlyf []byte
	newLoca := make([]byte, 4*(numGlyphs+1))
	for gi := 0; gi < numGlyphs; gi++ {
		binary.BigEndian.PutUint32(newLoca[4*gi:], uint32(len(newGlyf)))
		if keep[gi] {
			newGlyf = append(newGlyf, glyf[offsets[gi]:offsets[gi+1]]...)
			for len(newGlyf)%4 != 0 {
				newGlyf = append(newGlyf, 0)
			}
		}
	}
	binary.BigEndian.PutUint32(newLoca[4*numGlyphs:], uint32(len(newGlyf)))
	newHead := append([]byte(nil), head...)
	binary.BigEndian.PutUint16(newHead[50:], 1) // long loca
	binary.BigEndian.PutUint32(newHead[8:], 0)  // checkSumAdjustment, set below

	drop := map[string]bool{"Silf": true, "Glat": true, "Gloc": true, "Feat": true, "Sill": true, "DSIG": true}
	var out []table
	for _, t := range tables {
		switch {
		case drop[t.tag]:
			continue
		case t.tag == "glyf":
			t.data = newGlyf
		case t.tag == "loca":
			t.data = newLoca
		case t.tag == "head":
			t.data = newHead
		}
		out = append(out, t)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].tag < out[j].tag })

	// Write the file: directory, then the tables, each 4-byte aligned.
	nt := len(out)
	size := 12 + 16*nt
	for _, t := range out {
		size += (len(t.data) + 3) &^ 3
	}
	res := make([]byte, 12+16*nt, size)
	binary.BigEndian.PutUint32(res, 0x00010000)
	binary.BigEndian.PutUint16(res[4:], uint16(nt))
	es := 0
	for 1<<(es+1) <= nt {
		es++
	}
	binary.BigEndian.PutUint16(res[6:], uint16(16<<es))
	binary.BigEndian.PutUint16(res[8:], uint16(es))
	binary.BigEndian.PutUint16(res[10:], uint16(16*nt-16<<es))
	headAt := 0
	for i, t := range out {
		rec := res[12+16*i:]
		copy(rec, t.tag)
		binary.BigEndian.PutUint32(rec[4:], checksum(t.data))
		binary.BigEndian.PutUint32(rec[8:], uint32(len(res)))
		binary.BigEndian.PutUint32(rec[12:], uint32(len(t.data)))
		if t.tag == "head" {
			headAt = len(res)
		}
		res = append(res, t.data...)
		for len(res)%4 != 0 {
			res = append(res, 0)
		}
	}
	binary.BigEndian.PutUint32(res[headAt+8:], 0xB1B0AFBA-checksum(res))
	return res, nil
}

// components returns the glyph ids a composite glyph is made of (none
// for a simple or empty glyph).
func components(g []byte) []int {
	if len(g) < 10 || int16(binary.BigEndian.Uint16(g)) >= 0 {
		return nil
	}
	var ids []int
	p := 10
	for p+4 <= len(g) {
		flags := binary.BigEndian.Uint16(g[p:])
		ids = append(ids, int(binary.BigEndian.Uint16(g[p+2:])))
		p += 4
		if flags&0x0001 != 0 { // ARG_1_AND_2_ARE_WORDS
			p += 4
		} else {
			p += 2
		}
		switch {
		case flags&0x0008 != 0: // WE_HAVE_A_SCALE
			p += 2
		case flags&0x0040 != 0: // WE_HAVE_AN_X_AND_Y_SCALE
			p += 4
		case flags&0x0080 != 0: // WE_HAVE_A_TWO_BY_TWO
			p += 8
		}
		if flags&0x0020 == 0 { // MORE_COMPONENTS
			break
		}
	}
	return ids
}

// checksum is the OpenType table checksum: the sum of big-endian uint32s,
// the last one padded with zeros.
func checksum(b []byte) uint32 {
	var sum uint32
	for i := 0; i < len(b); i += 4 {
		var w [4]byte
		copy(w[:], b[i:])
		sum += binary.BigEndian.Uint32(w[:])
	}
	return sum
}

// usedRunes collects every character of the rendered text files, with
// the other case of each letter (reading systems make small capitals
// from capitals when the font has none) and the canonical decompositions
// and compositions of the text: a shaper that finds no ὰ (U+1F70) in a
// face draws α and a combining grave from it instead, so α must keep its
// outline even when the book never writes it alone.
func usedRunes(texts ...string) map[rune]bool {
	used := map[rune]bool{}
	for r := rune(0x20); r < 0x7f; r++ {
		used[r] = true
	}
	for _, s := range texts {
		for _, form := range []string{s, norm.NFD.String(s), norm.NFC.String(s)} {
			for _, r := range form {
				used[r] = true
			}
		}
	}
	base := make([]rune, 0, len(used))
	for r := range used {
		base = append(base, r)
	}
	for _, r := range base {
		used[unicode.ToUpper(r)] = true
		used[unicode.ToLower(r)] = true
	}
	return used
}
