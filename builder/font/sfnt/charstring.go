package sfnt

import (
	"errors"
	"fmt"
	"sort"
)

// errSeac is the error for a glyph that uses the deprecated seac form of
// endchar: its accent and base are found by glyph name through the
// Standard Encoding, which a CID-keyed font does not have.
var errSeac = errors.New("uses seac (accented-character composition by glyph name), which a CID-keyed CFF cannot express")

// errOpaque is returned by the scanner when a charstring computes a
// subroutine number with arithmetic (or otherwise cannot be followed):
// the subsetter then keeps every subroutine.
var errOpaque = errors.New("charstring cannot be followed")

// maxSteps bounds the operators one glyph may execute while it is scanned
// (with its subroutines): real glyphs take hundreds, and a hostile font
// whose subroutines call each other many times over must not hang the
// subsetter.
const maxSteps = 100000

// subrUse finds the subroutines that the kept glyphs' charstrings call,
// and where each call's subroutine number is written, so that the
// subroutines can be renumbered.
type subrUse struct {
	gsubrs, lsubrs [][]byte
	gused, lused   []bool
	fd             int // the Font DICT of the glyph being scanned
	stack          []int32
	stems          int
	steps          int
	// calls holds, per charstring, the subroutine calls whose number is
	// the literal just before the call operator.
	calls map[csKey][]call
	// fixed is set when some call's number is not such a literal, or when a
	// global subroutine calls a local one (whose number would depend on the
	// calling glyph's Font DICT): then subroutines keep their numbers.
	fixed bool
}

// csKey names a charstring: a glyph's (kind csGlyph), a global
// subroutine's (csGlobal) or a local subroutine of Font DICT kind-csLocal.
type csKey struct {
	kind  int
	index int
}

const (
	csGlyph = iota
	csGlobal
	csLocal
)

// call is a subroutine call in a charstring: the bytes [start, end) of its
// number operand, and the subroutine it calls.
type call struct {
	start, end int
	global     bool
	subr       int
}

// bias is the number Type 2 adds to a subroutine operand, from the count
// of subroutines.
func bias(n int) int {
	switch {
	case n < 1240:
		return 107
	case n < 33900:
		return 1131
	}
	return 32768
}

// glyph scans the charstring of glyph g, of Font DICT fd, with that Font
// DICT's local subrs.
func (u *subrUse) glyph(g int, cs []byte, fd int, lsubrs [][]byte, lused []bool) error {
	u.lsubrs, u.lused, u.fd = lsubrs, lused, fd
	u.stack = u.stack[:0]
	u.stems, u.steps = 0, 0
	_, err := u.run(cs, csKey{csGlyph, g}, 0)
	return err
}

// run interprets cs as far as subroutine calls go: it follows the operand
// stack (numbers only), the stem count (to skip hintmask bytes) and calls.
// It reports whether the charstring ended (endchar).
func (u *subrUse) run(cs []byte, key csKey, depth int) (bool, error) {
	if depth > maxSubrDepth {
		return false, errOpaque
	}
	numStart, numEnd := -1, -1 // the last token, when it is a number
	for p := 0; p < len(cs); {
		if u.steps++; u.steps > maxSteps {
			return false, errOpaque
		}
		c := cs[p]
		start := p
		if c >= 32 || c == 28 {
			var v int32
			switch {
			case c == 28:
				if p+3 > len(cs) {
					return false, errOpaque
				}
				v, p = int32(int16(uint16(cs[p+1])<<8|uint16(cs[p+2]))), p+3
			case c <= 246:
				v, p = int32(c)-139, p+1
			case c <= 250:
				if p+2 > len(cs) {
					return false, errOpaque
				}
				v, p = (int32(c)-247)*256+int32(cs[p+1])+108, p+2
			case c <= 254:
				if p+2 > len(cs) {
					return false, errOpaque
				}
				v, p = -(int32(c)-251)*256-int32(cs[p+1])-108, p+2
			default: // 255: a 16.16 fixed number
				if p+5 > len(cs) {
					return false, errOpaque
				}
				v, p = int32(uint32(cs[p+1])<<24|uint32(cs[p+2])<<16|uint32(cs[p+3])<<8|uint32(cs[p+4]))>>16, p+5
			}
			if len(u.stack) >= 48 {
				return false, errOpaque
			}
			u.stack = append(u.stack, v)
			numStart, numEnd = start, p
			continue
		}
		literal, litStart := numEnd == p, numStart
		numStart, numEnd = -1, -1
		p++
		switch c {
		case 1, 3, 18, 23: // hstem, vstem, hstemhm, vstemhm
			u.stems += len(u.stack) / 2
			u.stack = u.stack[:0]
		case 19, 20: // hintmask, cntrmask: implicit vstems, then the mask
			u.stems += len(u.stack) / 2
			u.stack = u.stack[:0]
			p += (u.stems + 7) / 8
		case 10, 29: // callsubr, callgsubr
			if len(u.stack) == 0 {
				return false, errOpaque
			}
			global := c == 29
			subrs, used := u.lsubrs, u.lused
			next := csKey{csLocal + u.fd, 0}
			if global {
				subrs, used = u.gsubrs, u.gused
				next.kind = csGlobal
			} else if key.kind == csGlobal {
				u.fixed = true
			}
			i := int(u.stack[len(u.stack)-1]) + bias(len(subrs))
			u.stack = u.stack[:len(u.stack)-1]
			if i < 0 || i >= len(subrs) {
				return false, errOpaque
			}
			if !literal {
				u.fixed = true
			} else if !u.fixed {
				u.record(key, call{start: litStart, end: p - 1, global: global, subr: i})
			}
			used[i] = true
			next.index = i
			end, err := u.run(subrs[i], next, depth+1)
			if end || err != nil {
				return end, err
			}
		case 11: // return
			return false, nil
		case 14: // endchar
			if len(u.stack) >= 4 {
				return true, errSeac
			}
			return true, nil
		case 12:
			if p >= len(cs) {
				return false, errOpaque
			}
			switch cs[p] {
			case 34, 35, 36, 37: // hflex, flex, hflex1, flex1
				u.stack = u.stack[:0]
			default: // arithmetic, storage, conditionals: operands unknown
				return false, errOpaque
			}
			p++
		case 4, 5, 6, 7, 8, 21, 22, 24, 25, 26, 27, 30, 31: // path operators
			u.stack = u.stack[:0]
		default:
			return false, errOpaque
		}
	}
	return false, nil
}

// record notes a call in charstring key, once.
func (u *subrUse) record(key csKey, c call) {
	for _, old := range u.calls[key] {
		if old.start == c.start {
			return
		}
	}
	u.calls[key] = append(u.calls[key], c)
}

// subrPlan is what the subsetter does with a font's subroutines.
type subrPlan struct {
	// gused and lused (per Font DICT) mark the subroutines the kept glyphs
	// call; nil when some glyph could not be followed, and every
	// subroutine must be kept.
	gused []bool
	lused [][]bool
	// calls, when not nil, lists the calls of every kept charstring: the
	// subroutines can be renumbered, keeping only the used ones.
	calls map[csKey][]call
}

// planSubrs scans the kept glyphs' charstrings. A kept glyph using seac is
// an error.
func (c *cff) planSubrs(keep []bool) (subrPlan, error) {
	u := &subrUse{gsubrs: c.gsubrs, gused: make([]bool, len(c.gsubrs)), calls: map[csKey][]call{}}
	lused := make([][]bool, len(c.fds))
	for i, fd := range c.fds {
		lused[i] = make([]bool, len(fd.subrs))
	}
	for g, k := range keep {
		if !k {
			continue
		}
		fd := 0
		if c.fdSelect != nil {
			fd = int(c.fdSelect[g])
		}
		err := u.glyph(g, c.charstrings[g], fd, c.fds[fd].subrs, lused[fd])
		if errors.Is(err, errSeac) {
			return subrPlan{}, fmt.Errorf("%w: glyph %d %w", ErrUnsupported, g, err)
		}
		if err != nil {
			return subrPlan{}, nil
		}
	}
	p := subrPlan{gused: u.gused, lused: lused}
	if !u.fixed {
		p.calls = u.calls
	}
	return p, nil
}

// appendNumber appends v in the shortest Type 2 charstring encoding of an
// integer.
func appendNumber(out []byte, v int) []byte {
	switch {
	case v >= -107 && v <= 107:
		return append(out, byte(v+139))
	case v >= 108 && v <= 1131:
		v -= 108
		return append(out, byte(v>>8+247), byte(v))
	case v >= -1131 && v <= -108:
		v = -v - 108
		return append(out, byte(v>>8+251), byte(v))
	}
	return append(out, 28, byte(v>>8), byte(v))
}

// renumber returns cs with the numbers of its calls rewritten: newGlobal
// and newLocal give a subroutine's new number (its index in the subset's
// INDEX), gbias and lbias the subset's biases.
func renumber(cs []byte, calls []call, newGlobal, newLocal []int, gbias, lbias int) []byte {
	if len(calls) == 0 {
		return cs
	}
	sort.Slice(calls, func(i, j int) bool { return calls[i].start < calls[j].start })
	out := make([]byte, 0, len(cs)+len(calls))
	p := 0
	for _, c := range calls {
		out = append(out, cs[p:c.start]...)
		if c.global {
			out = appendNumber(out, newGlobal[c.subr]-gbias)
		} else {
			out = appendNumber(out, newLocal[c.subr]-lbias)
		}
		p = c.end
	}
	return append(out, cs[p:]...)
}
