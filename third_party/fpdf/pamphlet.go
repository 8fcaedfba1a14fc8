// This file is pamphlet's addition to fpdf (see README.md).

package fpdf

import (
	"math"
	"strconv"
)

// TextLine draws words[i] at (xs[i], y) in the current font, all on one
// baseline, in a single text object: each word after the first is
// placed by a move relative to the one before ("dx 0 Td") instead of a
// text object of its own, so that a line costs about a third fewer
// bytes to store and compress. Positions are rounded to 1/100 point
// before they are differenced, so they do not drift along the line.
// Where Text would not take its fast path (a font that is not UTF-8,
// right to left, underline, strike-out, text colour, no page), TextLine
// calls Text for each word.
func (f *Fpdf) TextLine(y float64, xs []float64, words []string) {
	if len(xs) != len(words) || len(words) == 0 {
		return
	}
	if !(f.isCurrentUTF8 && !f.isRTL && !f.underline && !f.strikeout && !f.colorFlag && f.state == 2) {
		for i, w := range words {
			f.Text(xs[i], y, w)
		}
		return
	}
	used := f.currentFont.usedRunes
	b := append(f.textBuf[:0], "BT "...)
	prev := int64(0)
	for i, w := range words {
		for _, r := range w {
			used[int(r)] = int(r)
		}
		x := int64(math.Round(xs[i] * f.k * 100))
		if i == 0 {
			b = appendHundredths(b, x)
			b = append(b, ' ')
			b = strconv.AppendFloat(b, (f.h-y)*f.k, 'f', 2, 64)
		} else {
			b = appendHundredths(b, x-prev)
			b = append(b, " 0"...)
		}
		prev = x
		b = append(b, " Td ("...)
		b = appendEscapedUTF16(b, w)
		b = append(b, ") Tj\n"...)
	}
	b = append(b, "ET\n"...)
	must(f.pages[f.page].Write(b))
	f.textBuf = b
}

// appendHundredths appends n/100 with two decimals.
func appendHundredths(b []byte, n int64) []byte {
	if n < 0 {
		b = append(b, '-')
		n = -n
	}
	b = strconv.AppendInt(b, n/100, 10)
	return append(b, '.', byte('0'+n/10%10), byte('0'+n%10))
}
