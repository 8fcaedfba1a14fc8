// Package obj writes the objects of a PDF file: names, strings, numbers,
// arrays, dictionaries and streams, numbered indirect objects, the
// cross-reference table and the trailer.
//
// It knows the syntax of PDF, not what the objects mean: builder/pdf
// decides what goes into a page or a font. Everything it writes is
// deterministic: dictionaries are written with their keys sorted,
// numbers in one fixed format, streams compressed at one fixed level,
// and the file identifier is a hash of the bytes before it, so the same
// objects give the same file.
package obj

import (
	"encoding/binary"
	"math"
	"slices"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// Object is a PDF object that can append its own syntax.
type Object interface {
	// AppendPDF appends the object as PDF syntax to b.
	AppendPDF(b []byte) []byte
}

// Name is a PDF name, written with its leading slash; bytes that a name
// cannot hold raw are written as #xx.
type Name string

// AppendPDF implements Object.
func (n Name) AppendPDF(b []byte) []byte { return AppendName(b, string(n)) }

// Int is an integer.
type Int int64

// AppendPDF implements Object.
func (i Int) AppendPDF(b []byte) []byte { return strconv.AppendInt(b, int64(i), 10) }

// Real is a real number, written with at most five decimals and without
// trailing zeros or an exponent.
type Real float64

// AppendPDF implements Object.
func (r Real) AppendPDF(b []byte) []byte { return AppendNumber(b, float64(r), 5) }

// Bool is true or false.
type Bool bool

// AppendPDF implements Object.
func (v Bool) AppendPDF(b []byte) []byte {
	if v {
		return append(b, "true"...)
	}
	return append(b, "false"...)
}

// Null is the null object.
type Null struct{}

// AppendPDF implements Object.
func (Null) AppendPDF(b []byte) []byte { return append(b, "null"...) }

// Ref is a reference to the indirect object with this number (generation
// 0). Writer.Alloc hands them out; 0 is no object.
type Ref uint32

// AppendPDF implements Object.
func (r Ref) AppendPDF(b []byte) []byte {
	b = strconv.AppendUint(b, uint64(r), 10)
	return append(b, " 0 R"...)
}

// String is a byte string, written as a literal string with the bytes
// that need it escaped.
type String string

// AppendPDF implements Object.
func (s String) AppendPDF(b []byte) []byte {
	b = append(b, '(')
	b = AppendEscaped(b, string(s))
	return append(b, ')')
}

// Text is a text string (PDF 1.7, 7.9.2.2): printable ASCII is written as
// a literal string, anything else as UTF-16BE with a byte order mark.
// Invalid UTF-8 becomes U+FFFD.
type Text string

// AppendPDF implements Object.
func (t Text) AppendPDF(b []byte) []byte { return AppendText(b, string(t)) }

// Hex is a byte string written in hexadecimal.
type Hex []byte

// AppendPDF implements Object.
func (h Hex) AppendPDF(b []byte) []byte {
	b = append(b, '<')
	b = AppendHex(b, h)
	return append(b, '>')
}

// Array is an array.
type Array []Object

// AppendPDF implements Object.
func (a Array) AppendPDF(b []byte) []byte {
	b = append(b, '[')
	for i, o := range a {
		if i > 0 {
			b = append(b, ' ')
		}
		b = o.AppendPDF(b)
	}
	return append(b, ']')
}

// Dict is a dictionary. Its keys are written sorted, so that the output
// does not depend on map order; a nil value leaves its key out.
type Dict map[Name]Object

// AppendPDF implements Object.
func (d Dict) AppendPDF(b []byte) []byte {
	keys := make([]Name, 0, len(d))
	for k, v := range d {
		if v != nil {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	b = append(b, "<<"...)
	for _, k := range keys {
		b = k.AppendPDF(b)
		b = append(b, ' ')
		b = d[k].AppendPDF(b)
		b = append(b, '\n')
	}
	if len(keys) > 0 {
		b = b[:len(b)-1]
	}
	return append(b, ">>"...)
}

// Raw is PDF syntax written as it is; the caller vouches for it.
type Raw string

// AppendPDF implements Object.
func (r Raw) AppendPDF(b []byte) []byte { return append(b, r...) }

// Rect is a rectangle [llx lly urx ury].
func Rect(llx, lly, urx, ury float64) Array {
	return Array{Real(llx), Real(lly), Real(urx), Real(ury)}
}

// AppendName appends the name n with its slash. Bytes outside the
// printable ASCII range, '#' and the delimiters are written as #xx, as
// PDF 1.7 (7.3.5) asks; an empty name is written as a bare slash.
func AppendName(b []byte, n string) []byte {
	b = append(b, '/')
	for i := 0; i < len(n); i++ {
		c := n[i]
		if c < '!' || c > '~' || isDelimiter(c) || c == '#' {
			b = append(b, '#', hexDigits[c>>4], hexDigits[c&15])
			continue
		}
		b = append(b, c)
	}
	return b
}

func isDelimiter(c byte) bool {
	switch c {
	case '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}

const hexDigits = "0123456789ABCDEF"

// AppendHex appends p in upper-case hexadecimal, without brackets.
func AppendHex(b []byte, p []byte) []byte {
	for _, c := range p {
		b = append(b, hexDigits[c>>4], hexDigits[c&15])
	}
	return b
}

// AppendEscaped appends s as the inside of a literal string: parentheses
// and backslashes escaped, and carriage return and line feed as \r and
// \n (a reader turns a raw end of line into a single line feed). Other
// bytes, binary ones included, go as they are.
func AppendEscaped(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '(', ')', '\\':
			b = append(b, '\\', c)
		case '\r':
			b = append(b, '\\', 'r')
		case '\n':
			b = append(b, '\\', 'n')
		default:
			b = append(b, c)
		}
	}
	return b
}

// AppendText appends s as a text string: a literal string when s is
// printable ASCII (which PDFDocEncoding shares), else a hexadecimal
// string of UTF-16BE with a byte order mark.
func AppendText(b []byte, s string) []byte {
	if isPlain(s) {
		return String(s).AppendPDF(b)
	}
	b = append(b, "<FEFF"...)
	b = AppendUTF16(b, s)
	return append(b, '>')
}

func isPlain(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; (c < ' ' && c != '\t' && c != '\n' && c != '\r') || c > '~' {
			return false
		}
	}
	return true
}

// AppendUTF16 appends s as UTF-16BE in hexadecimal, without brackets or
// byte order mark; invalid UTF-8 becomes U+FFFD.
func AppendUTF16(b []byte, s string) []byte {
	var u [4]byte
	for _, r := range s {
		if r1, r2 := utf16.EncodeRune(r); r1 != utf8.RuneError {
			binary.BigEndian.PutUint16(u[:], uint16(r1))
			binary.BigEndian.PutUint16(u[2:], uint16(r2))
			b = AppendHex(b, u[:4])
			continue
		}
		if r > 0xFFFF || r < 0 {
			r = utf8.RuneError
		}
		binary.BigEndian.PutUint16(u[:], uint16(r))
		b = AppendHex(b, u[:2])
	}
	return b
}

// maxNumber bounds what AppendNumber writes: far beyond any page, and
// small enough that the scaled value fits an int64.
const maxNumber = 1e9

// AppendNumber appends v with at most decimals (0 to 6) decimals, rounded
// half away from zero, without an exponent, trailing zeros, a trailing
// point or a negative zero. NaN is written as 0 and values beyond ±1e9
// are clamped: a PDF number has no room for them.
func AppendNumber(b []byte, v float64, decimals int) []byte {
	decimals = max(0, min(decimals, 6))
	if math.IsNaN(v) {
		v = 0
	}
	v = max(-maxNumber, min(v, maxNumber))
	scale := pow10[decimals]
	n := int64(math.Round(v * float64(scale)))
	return AppendFixed(b, n, decimals)
}

var pow10 = [...]int64{1, 10, 100, 1000, 10000, 100000, 1000000}

// AppendFixed appends n / 10^decimals (decimals 0 to 6) in the format of
// AppendNumber. Callers that hold positions as integers use it to write
// them without floating point.
func AppendFixed(b []byte, n int64, decimals int) []byte {
	decimals = max(0, min(decimals, 6))
	if n < 0 {
		b = append(b, '-')
		n = -n
	}
	scale := pow10[decimals]
	b = strconv.AppendInt(b, n/scale, 10)
	frac := n % scale
	if frac == 0 {
		return b
	}
	for frac%10 == 0 {
		frac /= 10
		decimals--
	}
	b = append(b, '.')
	// Leading zeros of the fraction.
	for p := pow10[decimals-1]; p > frac; p /= 10 {
		b = append(b, '0')
	}
	return strconv.AppendInt(b, frac, 10)
}
