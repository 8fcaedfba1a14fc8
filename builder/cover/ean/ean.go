// Package ean reads ISBNs and Bookland prices and encodes them as the
// barcode printed on a book's back cover: an EAN-13 symbol of the ISBN and
// an EAN-5 add-on of the price.
//
// Encoding follows ISO/IEC 15420 (EAN/UPC): a symbol is a string of
// modules, each dark or light, of one width X; the caller draws each run
// of dark modules as a vector bar. Nothing here knows about PDF.
package ean

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// ISBN is a checked 13-digit ISBN (an EAN-13 in the Bookland 978/979
// prefixes), digits only.
type ISBN string

// ErrChecksum is wrapped by ParseISBN when the check digit is wrong.
var ErrChecksum = errors.New("wrong check digit")

// ParseISBN reads an ISBN as people write it: 13 digits starting 978 or
// 979, or an ISBN-10 (its last character may be X), with hyphens or
// spaces anywhere. An ISBN-10 is converted to its 978 form. The check digit
// must be right: a typo in an ISBN prints a barcode that scans as another
// book.
func ParseISBN(s string) (ISBN, error) {
	var digits []byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			digits = append(digits, c)
		case (c == 'X' || c == 'x') && len(digits) == 9:
			digits = append(digits, 'X')
		case c == '-' || c == ' ':
		default:
			return "", fmt.Errorf("%q is not an ISBN: %q is neither a digit nor a hyphen", s, rune(c))
		}
		if len(digits) > 13 {
			return "", fmt.Errorf("%q is not an ISBN: more than 13 digits", s)
		}
	}
	switch len(digits) {
	case 10:
		if want := check10(digits[:9]); digits[9] != want {
			return "", fmt.Errorf("ISBN-10 %s: %w: the last digit should be %c, not %c", s, ErrChecksum, want, digits[9])
		}
		d := append([]byte("978"), digits[:9]...)
		return ISBN(append(d, Check13(string(d)))), nil
	case 13:
		if digits[12] == 'X' {
			return "", fmt.Errorf("%q is not an ISBN-13: X is only an ISBN-10's check digit", s)
		}
		p := string(digits[:3])
		if p != "978" && p != "979" {
			return "", fmt.Errorf("%s is not an ISBN: an ISBN-13 starts with 978 or 979 (the Bookland prefixes), not %s", s, p)
		}
		if want := Check13(string(digits[:12])); digits[12] != want {
			return "", fmt.Errorf("ISBN %s: %w: the last digit should be %c, not %c", s, ErrChecksum, want, digits[12])
		}
		return ISBN(digits), nil
	}
	return "", fmt.Errorf("%q is not an ISBN: it has %d digits, not 13 (or 10)", s, len(digits))
}

// Check13 returns the EAN-13 check digit of the 12 digits d: weights 1
// and 3 alternating from the left, the digit that makes the sum a
// multiple of 10.
func Check13(d string) byte {
	sum := 0
	for i := 0; i < 12 && i < len(d); i++ {
		v := int(d[i] - '0')
		if i%2 == 1 {
			v *= 3
		}
		sum += v
	}
	return byte('0' + (10-sum%10)%10)
}

// check10 returns the ISBN-10 check character of the 9 digits d:
// weights 10 down to 2, modulo 11, X for 10.
func check10(d []byte) byte {
	sum := 0
	for i, c := range d {
		sum += (10 - i) * int(c-'0')
	}
	c := (11 - sum%11) % 11
	if c == 10 {
		return 'X'
	}
	return byte('0' + c)
}

// String returns the 13 digits.
func (i ISBN) String() string { return string(i) }

// Price is a Bookland EAN-5 add-on: a currency digit and four price
// digits, or 90000 for no suggested price.
type Price string

// NoPrice is the add-on of a book without a suggested retail price.
const NoPrice Price = "90000"

// Currency digits of the Bookland EAN-5 convention (the first digit of
// the add-on). The pound has two, 0 and 1; 0 is written.
var currencies = map[string]byte{
	"GBP": '0', "AUD": '3', "NZD": '4', "USD": '5', "CAD": '6',
}

// Currencies lists the currency codes ParsePrice knows, for messages.
const Currencies = "USD, GBP, CAD, AUD, NZD"

// ParsePrice reads a price: an amount and a currency code ("5.00 USD",
// "USD 5.00", "$5", "£7.99"), "none" (90000), or five digits given as
// the add-on itself. A US dollar price of 100 or more is written 59999,
// as the convention asks; other currencies have no such code and are an
// error above 99.99.
func ParsePrice(s string) (Price, error) {
	t := strings.TrimSpace(s)
	if strings.EqualFold(t, "none") {
		return NoPrice, nil
	}
	if len(t) == 5 && allDigits(t) {
		return Price(t), nil
	}
	cur, amount := "", ""
	for _, sym := range []struct{ sym, code string }{{"US$", "USD"}, {"C$", "CAD"}, {"A$", "AUD"}, {"NZ$", "NZD"}, {"$", "USD"}, {"£", "GBP"}} {
		if strings.HasPrefix(t, sym.sym) {
			cur, amount = sym.code, strings.TrimSpace(t[len(sym.sym):])
			break
		}
	}
	if cur == "" {
		f := strings.Fields(t)
		if len(f) != 2 {
			return "", fmt.Errorf("%q is not a price: write an amount and a currency (5.00 USD), or none", s)
		}
		amount, cur = f[0], strings.ToUpper(f[1])
		if _, err := strconv.ParseFloat(amount, 64); err != nil {
			amount, cur = f[1], strings.ToUpper(f[0])
		}
	}
	digit, ok := currencies[cur]
	if !ok {
		return "", fmt.Errorf("%q: the Bookland price add-on has no code for %q (known: %s; or none)", s, cur, Currencies)
	}
	if !validAmount(amount) {
		return "", fmt.Errorf("%q: %q is not an amount (e.g. 5.00)", s, amount)
	}
	v, err := strconv.ParseFloat(amount, 64)
	if err != nil || v < 0 || math.IsInf(v, 0) || math.IsNaN(v) {
		return "", fmt.Errorf("%q: %q is not an amount (e.g. 5.00)", s, amount)
	}
	cents := int64(math.Round(v * 100))
	if cents > 9999 {
		if digit == '5' {
			return "59999", nil
		}
		return "", fmt.Errorf("%q: the add-on holds prices up to 99.99 only", s)
	}
	return Price(fmt.Sprintf("%c%04d", digit, cents)), nil
}

// validAmount accepts digits with at most one point and two decimals.
func validAmount(a string) bool {
	whole, frac, dot := strings.Cut(a, ".")
	if whole == "" && frac == "" {
		return false
	}
	if !allDigits(whole) && whole != "" {
		return false
	}
	if dot && (len(frac) > 2 || (frac != "" && !allDigits(frac))) {
		return false
	}
	return len(whole) <= 6
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// Module counts of the symbols and their quiet zones (ISO/IEC 15420).
const (
	// EAN13Modules is the width of an EAN-13 symbol without quiet zones.
	EAN13Modules = 95
	// EAN13QuietLeft and EAN13QuietRight are the light margins an
	// EAN-13 needs on either side.
	EAN13QuietLeft  = 11
	EAN13QuietRight = 7
	// AddOnGap is the light space between the main symbol and the
	// add-on (7 to 12 modules; 9 is common).
	AddOnGap = 9
	// EAN5Modules is the width of an EAN-5 add-on.
	EAN5Modules = 47
	// EAN5QuietRight is the light margin after an add-on.
	EAN5QuietRight = 5
)

// The digit patterns: L (odd parity), G (even parity) and R, as module
// strings, 1 dark.
var (
	lCodes = [10]string{"0001101", "0011001", "0010011", "0111101", "0100011", "0110001", "0101111", "0111011", "0110111", "0001011"}
	gCodes = [10]string{"0100111", "0110011", "0011011", "0100001", "0011101", "0111001", "0000101", "0010001", "0001001", "0010111"}
	rCodes = [10]string{"1110010", "1100110", "1101100", "1000010", "1011100", "1001110", "1010000", "1000100", "1001000", "1110100"}
	// parity13 is the L/G choice of the left half for each first digit.
	parity13 = [10]string{"LLLLLL", "LLGLGG", "LLGGLG", "LLGGGL", "LGLLGG", "LGGLLG", "LGGGLL", "LGLGLG", "LGLGGL", "LGGLGL"}
	// parity5 is the L/G choice of an EAN-5's digits for each checksum.
	parity5 = [10]string{"GGLLL", "GLGLL", "GLLGL", "GLLLG", "LGGLL", "LLGGL", "LLLGG", "LGLGL", "LGLLG", "LLGLG"}
)

// EAN13 returns the 95 modules of the EAN-13 symbol of the 13 digits
// code, 1 for dark, or an error when code is not 13 digits with a right
// check digit.
func EAN13(code string) ([]bool, error) {
	if len(code) != 13 || !allDigits(code) {
		return nil, fmt.Errorf("ean: %q is not 13 digits", code)
	}
	if Check13(code[:12]) != code[12] {
		return nil, fmt.Errorf("ean: %s: %w", code, ErrChecksum)
	}
	var b strings.Builder
	b.WriteString("101")
	par := parity13[code[0]-'0']
	for i := 1; i <= 6; i++ {
		d := code[i] - '0'
		if par[i-1] == 'L' {
			b.WriteString(lCodes[d])
		} else {
			b.WriteString(gCodes[d])
		}
	}
	b.WriteString("01010")
	for i := 7; i <= 12; i++ {
		b.WriteString(rCodes[code[i]-'0'])
	}
	b.WriteString("101")
	return modules(b.String()), nil
}

// Check5 returns the EAN-5 checksum of the five digits p: three times
// the digits in odd places plus nine times those in even places, modulo
// ten. It chooses the digits' parities; it is not printed.
func Check5(p string) int {
	sum := 0
	for i := 0; i < 5 && i < len(p); i++ {
		v := int(p[i] - '0')
		if i%2 == 0 {
			v *= 3
		} else {
			v *= 9
		}
		sum += v
	}
	return sum % 10
}

// EAN5 returns the 47 modules of the EAN-5 add-on of the five digits p.
func EAN5(p string) ([]bool, error) {
	if len(p) != 5 || !allDigits(p) {
		return nil, fmt.Errorf("ean: %q is not 5 digits", p)
	}
	par := parity5[Check5(p)]
	var b strings.Builder
	b.WriteString("1011")
	for i := 0; i < 5; i++ {
		if i > 0 {
			b.WriteString("01")
		}
		d := p[i] - '0'
		if par[i] == 'L' {
			b.WriteString(lCodes[d])
		} else {
			b.WriteString(gCodes[d])
		}
	}
	return modules(b.String()), nil
}

func modules(s string) []bool {
	m := make([]bool, len(s))
	for i := range s {
		m[i] = s[i] == '1'
	}
	return m
}

// Bar is a run of dark modules: its first module and its width in
// modules.
type Bar struct{ Start, Width int }

// Bars returns the runs of dark modules of m.
func Bars(m []bool) []Bar {
	var out []Bar
	for i := 0; i < len(m); {
		if !m[i] {
			i++
			continue
		}
		j := i
		for j < len(m) && m[j] {
			j++
		}
		out = append(out, Bar{i, j - i})
		i = j
	}
	return out
}

// GuardBar reports whether module i of an EAN-13 belongs to a guard
// pattern (start, middle, end), whose bars reach below the digits.
func GuardBar(i int) bool {
	return i < 3 || (i >= 45 && i < 50) || i >= 92
}

// Hyphenated returns the ISBN-13 as "ISBN 978-…" is printed above the
// barcode when the hyphenation is not known: the prefix apart and the
// check digit apart, which every ISBN shares; the registration groups
// need the ISBN agency's ranges, which pamphlet does not carry.
func (i ISBN) Hyphenated() string {
	s := string(i)
	if len(s) != 13 {
		return s
	}
	return s[:3] + "-" + s[3:12] + "-" + s[12:]
}
