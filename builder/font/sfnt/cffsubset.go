package sfnt

import (
	"encoding/binary"
	"fmt"
)

// endchar is the charstring of a dropped glyph: no outline, the default
// width.
var endchar = []byte{14}

// SubsetCFF returns a bare CFF font program (for a PDF FontFile3 of
// Subtype /CIDFontType0C) in which the glyphs gids and glyph 0 keep their
// charstrings and every other glyph is empty (endchar), with glyph IDs
// unchanged; glyphs after the highest kept one are cut off.
//
// The program is always CID-keyed with CID == GID: ROS Adobe/Identity/0
// and an identity charset. A name-keyed font (EB Garamond, Linux
// Libertine) is converted: its Private DICT moves into the one Font DICT
// of an FDArray (with the Top DICT's FontMatrix, which is where PDF
// readers agree to find it), and FDSelect maps every glyph to it. A
// CID-keyed font (Noto CJK) keeps the Font DICTs its kept glyphs use, and
// gets the identity charset. The glyph names, Encoding, UniqueID and XUID
// are dropped.
//
// Only the subroutines the kept glyphs call are kept, renumbered, and the
// calls rewritten. When a call cannot be followed to a literal subroutine
// number, or a global subroutine calls a local one, subroutines keep their
// numbers and the unused ones are emptied in place; when a charstring
// computes (arithmetic operators) every subroutine is kept whole. A kept
// glyph that uses the deprecated seac accent composition is an error
// wrapping ErrUnsupported (no Debian CFF font tried uses it).
func (f *Font) SubsetCFF(gids []uint16) ([]byte, error) {
	raw, ok := f.Table("CFF ")
	if !ok {
		return nil, fmt.Errorf("sfnt: the font has no CFF table: use SubsetTrueType")
	}
	c, err := parseCFF(raw)
	if err != nil {
		return nil, err
	}
	keep, err := keepSet(gids, len(c.charstrings))
	if err != nil {
		return nil, err
	}
	return c.subset(keep, false)
}

// SubsetCFFPacked is SubsetCFF with the kept glyphs packed together: the
// program holds only them, in glyph ID order, and its charset maps each
// to a CID equal to its glyph ID in the original font. A PDF uses it
// exactly as it uses SubsetCFF's (CIDFontType0, Identity-H, CIDs = the
// original glyph IDs, widths by those CIDs): PDF readers find a
// CIDFontType0's glyphs by CID through the charset. It is much smaller
// for fonts whose kept glyphs have high IDs (Noto CJK: tens of thousands
// of empty glyphs, over 100 KB, are not written).
func (f *Font) SubsetCFFPacked(gids []uint16) ([]byte, error) {
	raw, ok := f.Table("CFF ")
	if !ok {
		return nil, fmt.Errorf("sfnt: the font has no CFF table: use SubsetTrueType")
	}
	c, err := parseCFF(raw)
	if err != nil {
		return nil, err
	}
	keep, err := keepSet(gids, len(c.charstrings))
	if err != nil {
		return nil, err
	}
	return c.subset(keep, true)
}

// subset writes the CID-keyed subset of c that keeps the glyphs keep
// marks (its length is the subset's CID count): every glyph up to the
// highest kept one, with CID == GID, or with packed only the kept
// glyphs, each with its original glyph ID as CID.
func (c *cff) subset(keep []bool, packed bool) ([]byte, error) {
	n := len(keep)
	plan, err := c.planSubrs(keep)
	if err != nil {
		return nil, err
	}
	// The Font DICTs the kept glyphs use, renumbered in their order.
	fdNew := make([]int, len(c.fds))
	for g := range n {
		if keep[g] {
			fdNew[c.fdOf(g)] = 1
		}
	}
	var fdOld []int
	for i, used := range fdNew {
		fdNew[i] = -1
		if used == 1 {
			fdNew[i] = len(fdOld)
			fdOld = append(fdOld, i)
		}
	}

	// The subroutines: renumbered when every call can be followed to a
	// literal number, else with the unused ones emptied, else all kept.
	gsubrs := c.gsubrs
	lsubrs := make([][][]byte, len(fdOld))
	for j, i := range fdOld {
		lsubrs[j] = c.fds[i].subrs
	}
	charstrings := make([][]byte, n)
	for g := range n {
		charstrings[g] = endchar
		if keep[g] {
			charstrings[g] = c.charstrings[g]
		}
	}
	switch {
	case plan.calls != nil:
		var newG []int
		gsubrs, newG = compact(c.gsubrs, plan.gused)
		gb := bias(len(gsubrs))
		for k, used := range plan.gused {
			if used {
				gsubrs[newG[k]] = renumber(c.gsubrs[k], plan.calls[csKey{csGlobal, k}], newG, nil, gb, 0)
			}
		}
		newL := make([][]int, len(fdOld))
		for j, i := range fdOld {
			lsubrs[j], newL[j] = compact(c.fds[i].subrs, plan.lused[i])
			lb := bias(len(lsubrs[j]))
			for k, used := range plan.lused[i] {
				if used {
					lsubrs[j][newL[j][k]] = renumber(c.fds[i].subrs[k], plan.calls[csKey{csLocal + i, k}], newG, newL[j], gb, lb)
				}
			}
		}
		for g := range n {
			if keep[g] {
				j := fdNew[c.fdOf(g)]
				charstrings[g] = renumber(c.charstrings[g], plan.calls[csKey{csGlyph, g}], newG, newL[j], gb, bias(len(lsubrs[j])))
			}
		}
	case plan.gused != nil:
		gsubrs = blank(c.gsubrs, plan.gused)
		for j, i := range fdOld {
			lsubrs[j] = blank(c.fds[i].subrs, plan.lused[i])
		}
	}

	strs := newStrings(c.strings)
	adobe, identity := strs.add("Adobe"), strs.add("Identity")

	// The Font DICTs and their Private DICTs with local subroutines.
	var fdDicts [][]byte
	var privates, subrIdx [][]byte
	var fontMatrix []operand
	if !c.cid {
		if e, ok := c.top.get(opFontMatrix); ok {
			fontMatrix = e.args
		}
	}
	for j, i := range fdOld {
		fd := c.fds[i]
		var d []byte
		if c.cid {
			d = strs.encode(nil, fd.dict, func(op int) bool { return op != opPrivate })
		} else if fontMatrix != nil {
			for _, a := range fontMatrix {
				d = append(d, a.raw...)
			}
			d = appendOp(d, opFontMatrix)
		}
		fdDicts = append(fdDicts, d)
		p := strs.encode(nil, fd.private, func(op int) bool { return op != opSubrs })
		if len(lsubrs[j]) > 0 {
			p = appendInt32(p, len(p)+6) // the local Subrs follow the Private DICT
			p = appendOp(p, opSubrs)
			subrIdx = append(subrIdx, writeIndex(nil, lsubrs[j]))
		} else {
			subrIdx = append(subrIdx, nil)
		}
		privates = append(privates, p)
	}

	// The Top DICT, CID-keyed; its offsets are five-byte numbers whose
	// values are filled in once the layout is known.
	dropped := map[int]bool{
		opROS: true, opCIDCount: true, opCharset: true, opEncoding: true, opCharStrings: true,
		opPrivate: true, opFDArray: true, opFDSelect: true, opUniqueID: true, opXUID: true, opUIDBase: true,
	}
	if !c.cid {
		dropped[opFontMatrix] = true
	}
	top := func(charset, charStrings, fdSelect, fdArray int) []byte {
		t := appendInt(appendInt(appendInt(nil, adobe), identity), 0)
		t = appendOp(t, opROS)
		t = strs.encode(t, c.top, func(op int) bool { return !dropped[op] })
		t = appendOp(appendInt(t, n), opCIDCount)
		t = appendOp(appendInt32(t, charset), opCharset)
		t = appendOp(appendInt32(t, charStrings), opCharStrings)
		t = appendOp(appendInt32(t, fdSelect), opFDSelect)
		return appendOp(appendInt32(t, fdArray), opFDArray)
	}
	// The subset's glyphs, by their original glyph IDs (their CIDs).
	var glyphs []int
	for g := range n {
		if keep[g] || !packed {
			glyphs = append(glyphs, g)
		}
	}
	fdSelect := c.writeFDSelect(glyphs, keep, fdNew)
	charset := writeCharset(glyphs)
	if packed {
		cs := make([][]byte, len(glyphs))
		for i, g := range glyphs {
			cs[i] = charstrings[g]
		}
		charstrings = cs
	}
	fdArrayDicts := func(offs []int) [][]byte {
		out := make([][]byte, len(fdDicts))
		for i, d := range fdDicts {
			d = append([]byte(nil), d...)
			d = appendInt32(d, len(privates[i]))
			out[i] = appendOp(appendInt32(d, offs[i]), opPrivate)
		}
		return out
	}

	nameIdx := writeIndex(nil, [][]byte{c.name})
	topSize := indexSize([][]byte{top(0, 0, 0, 0)}) // adds the Top DICT's strings
	strIdx := writeIndex(nil, strs.out)
	gsubrIdx := writeIndex(nil, gsubrs)
	csIdx := writeIndex(nil, charstrings)
	pos := 4 + len(nameIdx) + topSize + len(strIdx) + len(gsubrIdx)
	charsetAt := pos
	pos += len(charset)
	fdSelectAt := pos
	pos += len(fdSelect)
	charStringsAt := pos
	pos += len(csIdx)
	fdArrayAt := pos
	privateAt := make([]int, len(privates))
	pos += indexSize(fdArrayDicts(privateAt))
	for i := range privates {
		privateAt[i] = pos
		pos += len(privates[i]) + len(subrIdx[i])
	}

	out := make([]byte, 0, pos)
	out = append(out, 1, 0, 4, 4)
	out = append(out, nameIdx...)
	out = writeIndex(out, [][]byte{top(charsetAt, charStringsAt, fdSelectAt, fdArrayAt)})
	out = append(out, strIdx...)
	out = append(out, gsubrIdx...)
	out = append(out, charset...)
	out = append(out, fdSelect...)
	out = append(out, csIdx...)
	out = writeIndex(out, fdArrayDicts(privateAt))
	for i := range privates {
		out = append(out, privates[i]...)
		out = append(out, subrIdx[i]...)
	}
	if len(out) != pos {
		return nil, fmt.Errorf("sfnt: internal error: CFF laid out as %d bytes, written as %d", pos, len(out))
	}
	return out, nil
}

// writeFDSelect returns a format 3 FDSelect for the subset's glyphs (by
// original glyph ID): each kept glyph keeps its Font DICT, a dropped glyph
// takes its predecessor's (an empty charstring does not care) so that the
// ranges stay few.
func (c *cff) writeFDSelect(glyphs []int, keep []bool, fdNew []int) []byte {
	type rng struct {
		first int
		fd    uint8
	}
	var rs []rng
	for i, g := range glyphs {
		fd := uint8(fdNew[c.fdOf(g)])
		if len(rs) > 0 && (!keep[g] || rs[len(rs)-1].fd == fd) {
			continue
		}
		rs = append(rs, rng{i, fd})
	}
	out := []byte{3}
	out = binary.BigEndian.AppendUint16(out, uint16(len(rs)))
	for _, r := range rs {
		out = binary.BigEndian.AppendUint16(out, uint16(r.first))
		out = append(out, r.fd)
	}
	return binary.BigEndian.AppendUint16(out, uint16(len(glyphs)))
}

// writeCharset returns the charset that gives glyph i of the subset the
// CID glyphs[i] (glyph 0 is .notdef, CID 0, and not listed): format 2
// ranges of consecutive CIDs, or format 0 when that is shorter.
func writeCharset(glyphs []int) []byte {
	ranges := []byte{2}
	for i := 1; i < len(glyphs); {
		j := i + 1
		for j < len(glyphs) && glyphs[j] == glyphs[j-1]+1 && j-i <= 0xFFFF {
			j++
		}
		ranges = binary.BigEndian.AppendUint16(ranges, uint16(glyphs[i]))
		ranges = binary.BigEndian.AppendUint16(ranges, uint16(j-i-1))
		i = j
	}
	if len(ranges) < 1+2*(len(glyphs)-1) {
		return ranges
	}
	list := []byte{0}
	for _, g := range glyphs[1:] {
		list = binary.BigEndian.AppendUint16(list, uint16(g))
	}
	return list
}

// fdOf returns the index of glyph g's Font DICT.
func (c *cff) fdOf(g int) int {
	if c.fdSelect == nil {
		return 0
	}
	return int(c.fdSelect[g])
}

// compact returns the used subrs, and for each old number its new one.
func compact(subrs [][]byte, used []bool) ([][]byte, []int) {
	var out [][]byte
	idx := make([]int, len(subrs))
	for i, s := range subrs {
		idx[i] = -1
		if used[i] {
			idx[i] = len(out)
			out = append(out, s)
		}
	}
	return out, idx
}

// blank returns subrs with the unused ones emptied: the numbers of the
// used ones stay, and so does the bias, which depends on the count.
func blank(subrs [][]byte, used []bool) [][]byte {
	out := make([][]byte, len(subrs))
	for i, s := range subrs {
		if used[i] {
			out[i] = s
		}
	}
	return out
}

// cffStrings builds the String INDEX of a subset: the strings its DICTs
// name, renumbered.
type cffStrings struct {
	old [][]byte
	out [][]byte
	sid map[string]int
}

func newStrings(old [][]byte) *cffStrings {
	return &cffStrings{old: old, sid: map[string]int{}}
}

// add returns the SID of s in the new String INDEX.
func (s *cffStrings) add(str string) int {
	if sid, ok := s.sid[str]; ok {
		return sid
	}
	sid := numStdStrings + len(s.out)
	s.out = append(s.out, []byte(str))
	s.sid[str] = sid
	return sid
}

// encode appends the entries of d for which want is true, their string
// operands renumbered; an entry naming a string that does not exist is
// dropped.
func (s *cffStrings) encode(out []byte, d dict, want func(op int) bool) []byte {
entries:
	for _, e := range d {
		if !want(e.op) {
			continue
		}
		nsid := sidOps[e.op]
		var buf []byte
		for i, a := range e.args {
			if i >= nsid || a.real || a.val < numStdStrings {
				buf = append(buf, a.raw...)
				continue
			}
			j := a.val - numStdStrings
			if j >= len(s.old) {
				continue entries
			}
			buf = appendInt(buf, s.add(string(s.old[j])))
		}
		out = appendOp(append(out, buf...), e.op)
	}
	return out
}

// keepSet returns which of n glyphs a subset keeps (glyph 0 and gids),
// cut after the highest kept one: its length is the subset's glyph count.
func keepSet(gids []uint16, n int) ([]bool, error) {
	keep, err := markGlyphs(gids, n)
	if err != nil {
		return nil, err
	}
	return keep[:count(keep)], nil
}

// markGlyphs returns which of n glyphs are glyph 0 or in gids.
func markGlyphs(gids []uint16, n int) ([]bool, error) {
	if n <= 0 {
		return nil, fmt.Errorf("%w: the font has no glyphs", ErrMalformed)
	}
	keep := make([]bool, n)
	keep[0] = true
	for _, g := range gids {
		if int(g) >= n {
			return nil, fmt.Errorf("sfnt: glyph %d asked of a font of %d glyphs", g, n)
		}
		keep[g] = true
	}
	return keep, nil
}
