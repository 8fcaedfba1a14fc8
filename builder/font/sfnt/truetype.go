package sfnt

import (
	"encoding/binary"
	"fmt"
)

// Options tunes SubsetTrueType.
type Options struct {
	// KeepCmap also keeps the tables a standalone font needs to be used by
	// a browser or an e-reader (EPUB web fonts): cmap (reduced to the
	// characters whose glyphs are kept), OS/2, name and post (version 3,
	// without glyph names). A PDF FontFile2 needs none of them.
	KeepCmap bool
	// Pack renumbers the kept glyphs 0, 1, 2… in glyph ID order, the
	// cmap (with KeepCmap) and composite glyphs following: the subset has
	// only the kept glyphs. For web fonts, whose users find glyphs through
	// the cmap; a PDF, which writes the original glyph IDs, must not pack
	// a TrueType font.
	Pack bool
	// KeepLayout, with KeepCmap, is for a font whose reader shapes the
	// text itself (an EPUB's): the subset also keeps the OpenType layout
	// tables (GDEF, GSUB, GPOS, kern, BASE, JSTF, MATH) and gasp, and
	// with them every glyph ID and the glyph count, which those tables
	// refer to: no glyph after the highest kept one is cut off. It cannot
	// be combined with Pack.
	KeepLayout bool
}

// layoutTables are the tables Options.KeepLayout keeps as they are.
var layoutTables = []string{"BASE", "GDEF", "GPOS", "GSUB", "JSTF", "MATH", "gasp", "kern"}

// count returns the highest kept glyph ID + 1: the subset's glyph count.
func count(keep []bool) int {
	n := len(keep)
	for n > 1 && !keep[n-1] {
		n--
	}
	return n
}

// SubsetTrueType returns a standalone TrueType font that holds the
// outlines of gids, of glyph 0 and of every component of a composite
// glyph among them, with glyph IDs unchanged: every other glyph is empty,
// and the glyphs after the highest kept one are cut off (opts.Pack
// renumbers instead). It keeps the tables head (checksumAdjustment
// recomputed), hhea, hmtx, maxp, loca, glyf, and the hinting tables cvt,
// fpgm and prep; opts.KeepCmap adds the tables a web font needs, and
// opts.KeepLayout those of its reader's shaper. Without
// Pack the result is a PDF FontFile2 program for a CIDFontType2 with
// CIDToGIDMap /Identity. The subset of a variable font is its default
// instance (gvar and fvar are not kept).
func (f *Font) SubsetTrueType(gids []uint16, opts Options) ([]byte, error) {
	if f.IsCFF() {
		return nil, fmt.Errorf("sfnt: the font has CFF outlines: use SubsetCFF or SubsetOpenType")
	}
	if opts.KeepLayout && (opts.Pack || !opts.KeepCmap) {
		return nil, fmt.Errorf("sfnt: KeepLayout needs KeepCmap and cannot renumber glyphs (Pack)")
	}
	glyf, ok1 := f.Table("glyf")
	locaRaw, ok2 := f.Table("loca")
	if !ok1 || !ok2 {
		return nil, fmt.Errorf("%w: no glyf and loca tables (a bitmap-only font?)", ErrMalformed)
	}
	head, _ := f.Table("head")
	loca, err := readLoca(locaRaw, int16(binary.BigEndian.Uint16(head[50:])), f.numGlyphs, len(glyf))
	if err != nil {
		return nil, err
	}
	keep, err := markGlyphs(gids, f.numGlyphs)
	if err != nil {
		return nil, err
	}
	// Composite glyphs draw their components: keep those too, and theirs.
	var todo []int
	for g, k := range keep {
		if k {
			todo = append(todo, g)
		}
	}
	for len(todo) > 0 {
		g := todo[len(todo)-1]
		todo = todo[:len(todo)-1]
		for _, c := range components(glyf[loca[g]:loca[g+1]]) {
			if int(c) < f.numGlyphs && !keep[c] {
				keep[c] = true
				todo = append(todo, int(c))
			}
		}
	}
	if !opts.KeepLayout {
		keep = keep[:count(keep)]
	}
	glyphs, newID := order(keep, opts.Pack)
	n := len(glyphs)

	// The new glyf, every glyph padded to four bytes, and its loca, short
	// when the offsets fit.
	offs := make([]int, n+1)
	var newGlyf []byte
	for i, g := range glyphs {
		offs[i] = len(newGlyf)
		if keep[g] {
			data := glyf[loca[g]:loca[g+1]]
			if opts.Pack {
				data = renumberComponents(data, newID)
			}
			newGlyf = append(newGlyf, data...)
			for len(newGlyf)%4 != 0 {
				newGlyf = append(newGlyf, 0)
			}
		}
	}
	size := len(newGlyf)
	offs[n] = size
	var newLoca []byte
	format := int16(1)
	if size <= 0x1FFFE {
		format = 0
		newLoca = make([]byte, 2*(n+1))
		for g, o := range offs {
			binary.BigEndian.PutUint16(newLoca[2*g:], uint16(o/2))
		}
	} else {
		newLoca = make([]byte, 4*(n+1))
		for g, o := range offs {
			binary.BigEndian.PutUint32(newLoca[4*g:], uint32(o))
		}
	}
	newHead := append([]byte(nil), head...)
	binary.BigEndian.PutUint16(newHead[50:], uint16(format))

	tables := []table{{"head", newHead}, {"glyf", newGlyf}, {"loca", newLoca}}
	common, err := f.metricTables(glyphs, newID, opts.KeepCmap)
	if err != nil {
		return nil, err
	}
	tables = append(tables, common...)
	kept := []string{"cvt ", "fpgm", "prep"}
	if opts.KeepLayout {
		kept = append(kept, layoutTables...)
	}
	for _, tag := range kept {
		if t, ok := f.Table(tag); ok {
			tables = append(tables, table{tag, t})
		}
	}
	return writeSfnt(f.version, tables), nil
}

// readLoca returns the n+1 glyph offsets of a loca table in format
// (0 short, 1 long). Offsets past glyf's end are cut to it and a glyph
// whose end precedes its start is empty, so that every glyf[loca[g]:loca[g+1]]
// is a valid slice.
func readLoca(b []byte, format int16, n, glyfLen int) ([]int, error) {
	loca := make([]int, n+1)
	switch format {
	case 0:
		if len(b) < 2*(n+1) {
			return nil, fmt.Errorf("%w: loca table too short", ErrMalformed)
		}
		for i := range loca {
			loca[i] = 2 * int(binary.BigEndian.Uint16(b[2*i:]))
		}
	case 1:
		if len(b) < 4*(n+1) {
			return nil, fmt.Errorf("%w: loca table too short", ErrMalformed)
		}
		for i := range loca {
			loca[i] = int(binary.BigEndian.Uint32(b[4*i:]))
		}
	default:
		return nil, fmt.Errorf("%w: head.indexToLocFormat is %d", ErrMalformed, format)
	}
	for i := range loca {
		loca[i] = min(loca[i], glyfLen)
		if i > 0 && loca[i] < loca[i-1] {
			loca[i] = loca[i-1]
		}
	}
	return loca, nil
}

// The flags of a composite glyph's component records.
const (
	argsAreWords    = 0x0001
	haveScale       = 0x0008
	moreComponents  = 0x0020
	haveXYScale     = 0x0040
	haveTwoByTwo    = 0x0080
	compositeHeader = 10
)

// components returns the glyph IDs a composite glyph draws (nil for a
// simple or empty glyph), as far as its data can be read.
func components(g []byte) []uint16 {
	if len(g) < compositeHeader || int16(binary.BigEndian.Uint16(g)) >= 0 {
		return nil
	}
	var out []uint16
	p := compositeHeader
	for p+4 <= len(g) {
		flags := binary.BigEndian.Uint16(g[p:])
		out = append(out, binary.BigEndian.Uint16(g[p+2:]))
		p += 4 + componentArgs(flags)
		if flags&moreComponents == 0 {
			break
		}
	}
	return out
}

// componentArgs returns the length of a component record's arguments and
// transform, after its flags and glyph index.
func componentArgs(flags uint16) int {
	n := 2
	if flags&argsAreWords != 0 {
		n = 4
	}
	switch {
	case flags&haveScale != 0:
		n += 2
	case flags&haveXYScale != 0:
		n += 4
	case flags&haveTwoByTwo != 0:
		n += 8
	}
	return n
}

// order returns the subset's glyphs by their original IDs, and each
// original glyph's new ID (-1 for a dropped one): every glyph up to the
// highest kept one (the new ID of a kept glyph is its ID), or with pack
// only the kept ones.
func order(keep []bool, pack bool) (glyphs, newID []int) {
	newID = make([]int, len(keep))
	for g, k := range keep {
		newID[g] = -1
		if k {
			newID[g] = len(glyphs)
		}
		if k || !pack {
			glyphs = append(glyphs, g)
		}
	}
	return glyphs, newID
}

// renumberComponents returns the composite glyph g with its components'
// glyph IDs rewritten by newID (g itself when it is not composite).
func renumberComponents(g []byte, newID []int) []byte {
	if len(g) < compositeHeader || int16(binary.BigEndian.Uint16(g)) >= 0 {
		return g
	}
	g = append([]byte(nil), g...)
	p := compositeHeader
	for p+4 <= len(g) {
		flags := binary.BigEndian.Uint16(g[p:])
		if c := int(binary.BigEndian.Uint16(g[p+2:])); c < len(newID) && newID[c] >= 0 {
			binary.BigEndian.PutUint16(g[p+2:], uint16(newID[c]))
		}
		p += 4 + componentArgs(flags)
		if flags&moreComponents == 0 {
			break
		}
	}
	return g
}

// metricTables returns the subset's hhea, hmtx and maxp for glyphs (by
// original ID, in the subset's order; newID maps them back), and with web
// true also its cmap (reduced to the kept glyphs), OS/2, name and post
// (version 3).
func (f *Font) metricTables(glyphs, newID []int, web bool) ([]table, error) {
	n := len(glyphs)
	if len(newID) > f.numGlyphs {
		return nil, fmt.Errorf("%w: the outlines hold more glyphs than maxp's %d", ErrMalformed, f.numGlyphs)
	}
	hhea, ok1 := f.Table("hhea")
	hmtx, ok2 := f.Table("hmtx")
	maxp, _ := f.Table("maxp")
	if !ok1 || !ok2 || len(hhea) < 36 {
		return nil, fmt.Errorf("%w: no hhea and hmtx tables", ErrMalformed)
	}
	long := int(binary.BigEndian.Uint16(hhea[34:]))
	if long == 0 || long > f.numGlyphs || len(hmtx) < 4*long+2*(f.numGlyphs-long) {
		return nil, fmt.Errorf("%w: hmtx table too short for %d glyphs", ErrMalformed, f.numGlyphs)
	}
	var newHmtx []byte
	newLong := min(long, n)
	if n == len(newID) { // not packed: the original metrics, cut
		newHmtx = append(newHmtx, hmtx[:4*newLong+2*(n-newLong)]...)
	} else {
		newLong = n
		for _, g := range glyphs {
			adv := hmtx[4*min(g, long-1):]
			var lsb []byte
			if g < long {
				lsb = hmtx[4*g+2:]
			} else {
				lsb = hmtx[4*long+2*(g-long):]
			}
			newHmtx = append(newHmtx, adv[0], adv[1], lsb[0], lsb[1])
		}
	}
	newHhea := append([]byte(nil), hhea...)
	binary.BigEndian.PutUint16(newHhea[34:], uint16(newLong))
	newMaxp := append([]byte(nil), maxp...)
	binary.BigEndian.PutUint16(newMaxp[4:], uint16(n))
	tables := []table{{"hhea", newHhea}, {"hmtx", newHmtx}, {"maxp", newMaxp}}
	if !web {
		return tables, nil
	}
	cmap, err := f.subsetCmap(newID)
	if err != nil {
		return nil, err
	}
	tables = append(tables, table{"cmap", cmap})
	if t, ok := f.Table("OS/2"); ok {
		tables = append(tables, table{"OS/2", t})
	}
	if t, ok := f.Table("name"); ok {
		tables = append(tables, table{"name", windowsNames(t)})
	}
	if post, ok := f.Table("post"); ok && len(post) >= 32 {
		post = append([]byte(nil), post[:32]...)
		binary.BigEndian.PutUint32(post, 0x00030000) // no glyph names
		tables = append(tables, table{"post", post})
	}
	return tables, nil
}

// windowsNames returns the name table b with only its Windows records
// (the ones browsers and e-readers read) of the predefined names (IDs
// below 256; the others name GSUB features and variation instances,
// which a subset does not have), or b itself when it has none or cannot
// be read. The Macintosh records repeat the Windows ones, licence text
// and all.
func windowsNames(b []byte) []byte {
	be := binary.BigEndian
	if len(b) < 6 || be.Uint16(b) != 0 {
		return b
	}
	count, storage := int(be.Uint16(b[2:])), int(be.Uint16(b[4:]))
	if len(b) < 6+12*count {
		return b
	}
	var recs [][]byte
	for i := range count {
		rec := b[6+12*i : 6+12*i+12]
		length, off := int(be.Uint16(rec[8:])), storage+int(be.Uint16(rec[10:]))
		if be.Uint16(rec) == 3 && be.Uint16(rec[6:]) < 256 && off+length <= len(b) {
			recs = append(recs, rec)
		}
	}
	if len(recs) == 0 {
		return b
	}
	out := make([]byte, 6+12*len(recs))
	be.PutUint16(out[2:], uint16(len(recs)))
	be.PutUint16(out[4:], uint16(len(out)))
	var strs []byte
	at := map[string]int{}
	for i, rec := range recs {
		length, off := int(be.Uint16(rec[8:])), storage+int(be.Uint16(rec[10:]))
		s := string(b[off : off+length])
		o, ok := at[s]
		if !ok {
			o = len(strs)
			at[s] = o
			strs = append(strs, s...)
		}
		r := out[6+12*i:]
		copy(r, rec[:10])
		be.PutUint16(r[10:], uint16(o))
	}
	if len(strs) > 0xFFFF {
		return b
	}
	return append(out, strs...)
}
