package sfnt

import (
	"encoding/binary"
	"fmt"
)

// cff is a parsed CFF font program (one font), as much of it as
// subsetting needs.
type cff struct {
	name        []byte
	top         dict
	strings     [][]byte // the String INDEX: SID 391 onwards
	gsubrs      [][]byte
	charstrings [][]byte
	cid         bool       // CID-keyed (the Top DICT has ROS)
	fds         []fontDict // one for a name-keyed font: its Private DICT
	fdSelect    []uint8    // per glyph, the index of its fds entry; nil when len(fds) == 1
}

// fontDict is one Font DICT of a CID-keyed font's FDArray (for a
// name-keyed font, a stand-in holding only its Private DICT) and its
// Private DICT and local subroutines.
type fontDict struct {
	dict    dict
	private dict
	subrs   [][]byte
}

// DICT operators (Technical Note 5176, appendix H); two-byte operators
// are 1200 + their second byte.
const (
	opVersion      = 0
	opNotice       = 1
	opFullName     = 2
	opFamilyName   = 3
	opWeight       = 4
	opUniqueID     = 13
	opXUID         = 14
	opCharset      = 15
	opEncoding     = 16
	opCharStrings  = 17
	opPrivate      = 18
	opSubrs        = 19
	opCopyright    = 1200
	opCSType       = 1206
	opFontMatrix   = 1207
	opSynthetic    = 1220
	opPostScript   = 1221
	opBaseFontName = 1222
	opROS          = 1230
	opCIDCount     = 1234
	opUIDBase      = 1235
	opFDArray      = 1236
	opFDSelect     = 1237
	opFontName     = 1238
)

// sidOps are the DICT operators whose operands are string IDs (all of
// them for these; ROS's first two).
var sidOps = map[int]int{
	opVersion: 1, opNotice: 1, opFullName: 1, opFamilyName: 1, opWeight: 1,
	opCopyright: 1, opPostScript: 1, opBaseFontName: 1, opFontName: 1, opROS: 2,
}

// numStdStrings is the number of CFF's predefined strings: SIDs from it
// on index the String INDEX.
const numStdStrings = 391

// maxSubrDepth is Type 2's limit on nested subroutine calls.
const maxSubrDepth = 10

// parseCFF reads the CFF table b, which must hold exactly one font.
func parseCFF(b []byte) (*cff, error) {
	if len(b) < 4 || b[0] != 1 {
		return nil, fmt.Errorf("%w: CFF table is not CFF version 1", ErrMalformed)
	}
	p := int(b[2]) // hdrSize
	names, p, err := readIndex(b, p)
	if err != nil {
		return nil, fmt.Errorf("CFF Name INDEX: %w", err)
	}
	tops, p, err := readIndex(b, p)
	if err != nil {
		return nil, fmt.Errorf("CFF Top DICT INDEX: %w", err)
	}
	if len(names) != 1 || len(tops) != 1 {
		return nil, fmt.Errorf("%w: CFF table holds %d fonts, not one", ErrMalformed, len(tops))
	}
	c := &cff{name: names[0]}
	if c.strings, p, err = readIndex(b, p); err != nil {
		return nil, fmt.Errorf("CFF String INDEX: %w", err)
	}
	if c.gsubrs, _, err = readIndex(b, p); err != nil {
		return nil, fmt.Errorf("CFF Global Subr INDEX: %w", err)
	}
	if c.top, err = parseDict(tops[0]); err != nil {
		return nil, fmt.Errorf("CFF Top DICT: %w", err)
	}
	if t, ok := c.top.int(opCSType, 0); ok && t != 2 {
		return nil, fmt.Errorf("%w: CFF charstring type %d", ErrUnsupported, t)
	}
	if _, ok := c.top.get(opSynthetic); ok {
		return nil, fmt.Errorf("%w: synthetic CFF font", ErrUnsupported)
	}
	off, ok := c.top.int(opCharStrings, 0)
	if !ok {
		return nil, fmt.Errorf("%w: CFF without CharStrings", ErrMalformed)
	}
	if c.charstrings, _, err = readIndex(b, off); err != nil {
		return nil, fmt.Errorf("CFF CharStrings INDEX: %w", err)
	}
	if len(c.charstrings) == 0 {
		return nil, fmt.Errorf("%w: CFF without glyphs", ErrMalformed)
	}
	_, c.cid = c.top.get(opROS)
	if !c.cid {
		fd, err := readPrivate(b, c.top)
		if err != nil {
			return nil, err
		}
		c.fds = []fontDict{fd}
		return c, nil
	}
	off, ok = c.top.int(opFDArray, 0)
	if !ok {
		return nil, fmt.Errorf("%w: CID-keyed CFF without FDArray", ErrMalformed)
	}
	fdArray, _, err := readIndex(b, off)
	if err != nil {
		return nil, fmt.Errorf("CFF FDArray: %w", err)
	}
	if len(fdArray) == 0 || len(fdArray) > 256 {
		return nil, fmt.Errorf("%w: CFF FDArray of %d Font DICTs", ErrMalformed, len(fdArray))
	}
	for i, raw := range fdArray {
		d, err := parseDict(raw)
		if err != nil {
			return nil, fmt.Errorf("CFF Font DICT %d: %w", i, err)
		}
		fd, err := readPrivate(b, d)
		if err != nil {
			return nil, fmt.Errorf("CFF Font DICT %d: %w", i, err)
		}
		fd.dict = d
		c.fds = append(c.fds, fd)
	}
	off, ok = c.top.int(opFDSelect, 0)
	if !ok {
		return nil, fmt.Errorf("%w: CID-keyed CFF without FDSelect", ErrMalformed)
	}
	if c.fdSelect, err = readFDSelect(b, off, len(c.charstrings), len(c.fds)); err != nil {
		return nil, err
	}
	return c, nil
}

// readPrivate reads the Private DICT that d points to, and its local
// subroutines. A missing Private DICT is an empty one.
func readPrivate(b []byte, d dict) (fontDict, error) {
	var fd fontDict
	e, ok := d.get(opPrivate)
	if !ok {
		return fd, nil
	}
	if len(e.args) != 2 {
		return fd, fmt.Errorf("%w: CFF Private operator with %d operands", ErrMalformed, len(e.args))
	}
	size, off := e.args[0].int(), e.args[1].int()
	if size < 0 || off < 0 || off+size > len(b) {
		return fd, fmt.Errorf("%w: CFF Private DICT outside the table", ErrMalformed)
	}
	var err error
	if fd.private, err = parseDict(b[off : off+size]); err != nil {
		return fd, fmt.Errorf("CFF Private DICT: %w", err)
	}
	if rel, ok := fd.private.int(opSubrs, 0); ok {
		if rel <= 0 || off+rel > len(b) {
			return fd, fmt.Errorf("%w: CFF local Subrs outside the table", ErrMalformed)
		}
		if fd.subrs, _, err = readIndex(b, off+rel); err != nil {
			return fd, fmt.Errorf("CFF local Subrs: %w", err)
		}
	}
	return fd, nil
}

// readFDSelect reads an FDSelect of format 0 or 3 for n glyphs.
func readFDSelect(b []byte, off, n, fds int) ([]uint8, error) {
	bad := fmt.Errorf("%w: CFF FDSelect", ErrMalformed)
	if off < 0 || off >= len(b) {
		return nil, bad
	}
	sel := make([]uint8, n)
	switch b[off] {
	case 0:
		if off+1+n > len(b) {
			return nil, bad
		}
		copy(sel, b[off+1:])
	case 3:
		if off+3 > len(b) {
			return nil, bad
		}
		ranges := int(binary.BigEndian.Uint16(b[off+1:]))
		r := b[off+3:]
		if ranges == 0 || len(r) < 3*ranges+2 {
			return nil, bad
		}
		for i := range ranges {
			first := int(binary.BigEndian.Uint16(r[3*i:]))
			next := int(binary.BigEndian.Uint16(r[3*i+3:])) // the next range's first, or the sentinel
			if i == 0 && first != 0 || next < first {
				return nil, bad
			}
			for g := first; g < next && g < n; g++ {
				sel[g] = r[3*i+2]
			}
		}
	default:
		return nil, fmt.Errorf("%w: CFF FDSelect format %d", ErrUnsupported, b[off])
	}
	for _, fd := range sel {
		if int(fd) >= fds {
			return nil, fmt.Errorf("%w: CFF FDSelect names Font DICT %d of %d", ErrMalformed, fd, fds)
		}
	}
	return sel, nil
}

// readIndex reads the CFF INDEX at b[p:] and returns its items (slices of
// b) and the offset just past it.
func readIndex(b []byte, p int) ([][]byte, int, error) {
	if p < 0 || p+2 > len(b) {
		return nil, 0, fmt.Errorf("%w: INDEX past the end of the table", ErrMalformed)
	}
	n := int(binary.BigEndian.Uint16(b[p:]))
	if n == 0 {
		return nil, p + 2, nil
	}
	if p+3 > len(b) {
		return nil, 0, fmt.Errorf("%w: INDEX header truncated", ErrMalformed)
	}
	size := int(b[p+2])
	if size < 1 || size > 4 {
		return nil, 0, fmt.Errorf("%w: INDEX offset size %d", ErrMalformed, size)
	}
	offs := p + 3
	data := offs + (n+1)*size - 1 // item offsets count from the byte before the data
	if data >= len(b) {
		return nil, 0, fmt.Errorf("%w: INDEX offsets truncated", ErrMalformed)
	}
	at := func(i int) int {
		v := 0
		for _, c := range b[offs+i*size : offs+(i+1)*size] {
			v = v<<8 | int(c)
		}
		return data + v
	}
	items := make([][]byte, n)
	start := at(0)
	if start != data+1 {
		return nil, 0, fmt.Errorf("%w: INDEX first offset is not 1", ErrMalformed)
	}
	for i := range n {
		end := at(i + 1)
		if end < start || end > len(b) {
			return nil, 0, fmt.Errorf("%w: INDEX item %d outside the table", ErrMalformed, i)
		}
		items[i] = b[start:end:end]
		start = end
	}
	return items, start, nil
}

// writeIndex appends a CFF INDEX of items to out.
func writeIndex(out []byte, items [][]byte) []byte {
	out = binary.BigEndian.AppendUint16(out, uint16(len(items)))
	if len(items) == 0 {
		return out
	}
	total := 1
	for _, it := range items {
		total += len(it)
	}
	size := 1
	for total >= 1<<(8*size) {
		size++
	}
	out = append(out, byte(size))
	put := func(v int) {
		for s := size - 1; s >= 0; s-- {
			out = append(out, byte(v>>(8*s)))
		}
	}
	o := 1
	put(o)
	for _, it := range items {
		o += len(it)
		put(o)
	}
	for _, it := range items {
		out = append(out, it...)
	}
	return out
}

// indexSize is the length of the INDEX writeIndex would write.
func indexSize(items [][]byte) int {
	if len(items) == 0 {
		return 2
	}
	total := 1
	for _, it := range items {
		total += len(it)
	}
	size := 1
	for total >= 1<<(8*size) {
		size++
	}
	return 3 + (len(items)+1)*size + total - 1
}

// dict is a parsed CFF DICT: its entries in order.
type dict []dictEntry

// dictEntry is one operator of a DICT with its operands.
type dictEntry struct {
	op   int
	args []operand
}

// operand is one DICT operand: its encoded bytes, kept to write it back
// unchanged, and its value when it is an integer.
type operand struct {
	raw  []byte
	val  int
	real bool
}

func (o operand) int() int {
	if o.real {
		return -1
	}
	return o.val
}

// parseDict reads a DICT's entries.
func parseDict(b []byte) (dict, error) {
	var d dict
	var args []operand
	for p := 0; p < len(b); {
		c := b[p]
		start := p
		switch {
		case c <= 21:
			op := int(c)
			p++
			if c == 12 {
				if p >= len(b) {
					return nil, fmt.Errorf("%w: DICT escape at its end", ErrMalformed)
				}
				op = 1200 + int(b[p])
				p++
			}
			d = append(d, dictEntry{op: op, args: args})
			args = nil
			continue
		case c == 28:
			if p+3 > len(b) {
				return nil, fmt.Errorf("%w: DICT truncated", ErrMalformed)
			}
			args = append(args, operand{val: int(int16(binary.BigEndian.Uint16(b[p+1:])))})
			p += 3
		case c == 29:
			if p+5 > len(b) {
				return nil, fmt.Errorf("%w: DICT truncated", ErrMalformed)
			}
			args = append(args, operand{val: int(int32(binary.BigEndian.Uint32(b[p+1:])))})
			p += 5
		case c == 30:
			p++
			for p < len(b) && b[p]&0x0F != 0x0F && b[p]&0xF0 != 0xF0 {
				p++
			}
			if p >= len(b) {
				return nil, fmt.Errorf("%w: DICT real number truncated", ErrMalformed)
			}
			p++
			args = append(args, operand{real: true})
		case c >= 32 && c <= 246:
			args = append(args, operand{val: int(c) - 139})
			p++
		case c >= 247 && c <= 254:
			if p+2 > len(b) {
				return nil, fmt.Errorf("%w: DICT truncated", ErrMalformed)
			}
			if c <= 250 {
				args = append(args, operand{val: (int(c)-247)*256 + int(b[p+1]) + 108})
			} else {
				args = append(args, operand{val: -(int(c)-251)*256 - int(b[p+1]) - 108})
			}
			p += 2
		default:
			return nil, fmt.Errorf("%w: DICT byte %d", ErrMalformed, c)
		}
		args[len(args)-1].raw = b[start:p:p]
		if len(args) > 48 {
			return nil, fmt.Errorf("%w: DICT operand stack overflow", ErrMalformed)
		}
	}
	return d, nil
}

// get returns the entry of operator op.
func (d dict) get(op int) (dictEntry, bool) {
	for _, e := range d {
		if e.op == op {
			return e, true
		}
	}
	return dictEntry{}, false
}

// int returns operand i of operator op, an integer.
func (d dict) int(op, i int) (int, bool) {
	e, ok := d.get(op)
	if !ok || i >= len(e.args) || e.args[i].real {
		return 0, false
	}
	return e.args[i].val, true
}

// appendInt appends v in the shortest DICT encoding.
func appendInt(out []byte, v int) []byte {
	switch {
	case v >= -107 && v <= 107:
		return append(out, byte(v+139))
	case v >= 108 && v <= 1131:
		v -= 108
		return append(out, byte(v>>8+247), byte(v))
	case v >= -1131 && v <= -108:
		v = -v - 108
		return append(out, byte(v>>8+251), byte(v))
	case v >= -32768 && v <= 32767:
		return append(out, 28, byte(v>>8), byte(v))
	}
	return appendInt32(out, v)
}

// appendInt32 appends v in the five-byte DICT encoding, whose size does
// not depend on v: offsets are written so, before they are known.
func appendInt32(out []byte, v int) []byte {
	return binary.BigEndian.AppendUint32(append(out, 29), uint32(int32(v)))
}

// appendOp appends a DICT operator.
func appendOp(out []byte, op int) []byte {
	if op >= 1200 {
		return append(out, 12, byte(op-1200))
	}
	return append(out, byte(op))
}
