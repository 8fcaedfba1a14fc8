package typeset

import (
	"math"
	"unicode/utf8"

	"github.com/pamphlet/pamphlet/builder/frame"
	"github.com/pamphlet/pamphlet/builder/linebreak"
	"github.com/pamphlet/pamphlet/builder/units"
)

// Micro-typography, after pdfTeX and the microtype package: character
// protrusion (punctuation and a few letters hang partly into the margins,
// so that the text edge looks straight rather than the edge of the
// glyphs' boxes) and font expansion (a line's glyphs are drawn up to
// maxExpand wider or narrower, so that its spaces vary less). Both are
// made known to the line breaker, which chooses the breaks with them, as
// pdfTeX does with \pdfprotrudechars=2 and \pdfadjustspacing=2. They apply
// to justified left-to-right paragraphs; Style.Microtype turns them off.

// maxExpand is the most a line's glyphs are widened or narrowed, in
// thousandths: microtype's default stretch and shrink of 20.
const maxExpand = 20

// protrusion returns how much of character r's width hangs into the left
// and the right margin when it starts or ends a line, in thousandths:
// microtype's default set (microtype.cfg, "default"), the anchor the
// issue names. Characters it does not list do not protrude.
func protrusion(r rune) (left, right int) {
	switch r {
	case 'A', 'T', 'V', 'W', 'X', 'Y', 'v', 'w', 'x', '1', '4', '7', '@', '%':
		return 50, 50
	case 'F', 'K', 'L', 'k', 'r', 'y':
		return 0, 50
	case 'J':
		return 50, 0
	case '.':
		return 0, 700
	case ',', ':':
		return 0, 500
	case ';':
		return 0, 300
	case '!', '?':
		return 0, 100
	case '~':
		return 200, 250
	case '*':
		return 200, 200
	case '+':
		return 250, 250
	case '(':
		return 100, 0
	case ')':
		return 0, 200
	case '/':
		return 100, 200
	case '-', '\u2010', '\u2011':
		return 500, 500
	case '–':
		return 200, 200
	case '—':
		return 150, 150
	case '‘', '’':
		return 300, 400
	case '“', '”':
		return 300, 300
	case '‚', '„':
		return 400, 400
	case '‹':
		return 400, 300
	case '›':
		return 300, 400
	case '«', '»':
		return 200, 200
	case '…':
		return 150, 200
	}
	return 0, 0
}

// microtype gives h's items their protrusion and font expansion for the
// line breaker: each box of text stretches and shrinks by maxExpand of
// its width and protrudes by its first and last character's share of
// their width; a hyphenation break protrudes by its hyphen's. Boxes
// without text (an indent, a fixed space, a picture) neither stretch nor
// protrude. Every item's fields are set afresh, so h may be broken again.
func (ts *articleSetter) microtype(h *hbuilder) {
	for i := range h.items {
		it := &h.items[i]
		sp := &h.spans[i]
		switch it.Kind {
		case linebreak.Box:
			it.Stretch, it.Shrink, it.Left, it.Right = 0, 0, 0, 0
			if sp.text == "" || sp.img != "" {
				continue
			}
			e := it.Width * maxExpand / 1000
			it.Stretch, it.Shrink = e, e
			first, _ := utf8.DecodeRuneInString(sp.text)
			last, _ := utf8.DecodeLastRuneInString(sp.text)
			if l, _ := protrusion(first); l != 0 {
				it.Left = ts.charShare(sp, first, l)
			}
			if _, r := protrusion(last); r != 0 {
				it.Right = ts.charShare(sp, last, r)
			}
		case linebreak.Penalty:
			it.Right = 0
			if it.Width > 0 && sp.hyphen != "" {
				last, _ := utf8.DecodeLastRuneInString(sp.hyphen)
				if _, r := protrusion(last); r != 0 {
					it.Right = it.Width * units.Sp(r) / 1000
				}
			}
		}
	}
}

// charShare returns share thousandths of the width of r in sp's face and
// size.
func (ts *articleSetter) charShare(sp *span, r rune, share int) units.Sp {
	var buf [utf8.UTFMax]byte
	n := utf8.EncodeRune(buf[:], r)
	return ts.fc.Width(sp.face, sp.size, string(buf[:n])) * units.Sp(share) / 1000
}

// expandSteps returns a line's font expansion (Line.Expand, a share of
// maxExpand) in frame.Item.Expand's steps.
func expandSteps(e float64) int8 {
	s := math.Round(e * maxExpand * frame.ExpandSteps / 1000)
	return int8(max(-maxExpand*frame.ExpandSteps/1000, min(maxExpand*frame.ExpandSteps/1000, s)))
}
