package pdf

import (
	"math"
	"strconv"
	"strings"

	"github.com/pamphlet/pamphlet/builder/font"
	"github.com/pamphlet/pamphlet/builder/frame"
	"github.com/pamphlet/pamphlet/builder/pdf/internal/obj"
	"github.com/pamphlet/pamphlet/builder/units"
)

// textLine paints items, text items on one baseline, in one text object.
// The words of a run in one face and size share one TJ array: each word
// is one string of two-byte glyph IDs (more where kerning or marks move
// a glyph), followed by the face's space glyph, and the space before the
// next word is a TJ adjustment computed from its position, so that
// rounding does not drift along the line. A word that needs more than
// that (a text rise, /ActualText) and the first word after a change of
// font are placed by a Td relative to the word before (positions rounded
// to hundredths of a point before they are differenced).
//
// The space glyphs (after each left-to-right word but a line's last
// piece of a hyphenated word) are there for the readers that take a
// structure element's text glyph by glyph, as screen readers and
// poppler's structure text do, which would otherwise run the words
// together; pdftotext, which finds words by their gaps, reads the same.
//
// In a tagged document a line whose items are all one node's (or all
// artifacts of one kind) continues the marked-content sequence of the
// line before when it is the same node's, so that a paragraph's lines on
// a page are one sequence; a line that mixes nodes opens a sequence per
// run inside its text object. rest are the page's items after the line,
// where the rest of a word hyphenated at its end is found.
//
// In a tagged document a word that needs /ActualText is a marked-content
// sequence of its own with the /ActualText in its property list, not a
// /Span nested in its paragraph's: poppler (22.12) ends a structure
// element's text at the first nested sequence's end.
func (doc *document) textLine(c *content, items, rest []frame.Item) {
	tagged := doc.tags != nil
	mixed := false
	ws := doc.lineWords[:0]
	for k := range items {
		it := &items[k]
		w := doc.word(doc.faceUse(it.Face), *it)
		ws = append(ws, w)
		if tagged {
			mixed = mixed || it.Flags != 0 || !w.plain || doc.band.key(it) != doc.band.key(&items[0])
			doc.tags.addText(it)
		}
	}
	doc.lineWords = ws
	if tagged {
		if mixed {
			doc.endMark(c)
		} else {
			doc.setMark(c, doc.band.key(&items[0]), false)
		}
	}
	c.b = append(c.b, "BT\n"...)
	var lx, ly int64 // where the last Td put the line's start
	open := false    // a TJ array is open
	var pos float64  // in it, the text position from (lx, ly), thousandths of an em
	spaced := false  // the space after the item before is painted
	for i, it := range items {
		w := ws[i]
		fu := doc.faceUse(it.Face)
		if i > 0 && !spaced {
			doc.space(c, &items[i-1], &items[i], ws[i-1], w, open, &pos)
		}
		spaced = false
		// A word broken at a line's end copies as its two pieces, the
		// hyphen with the first, as the typesetting checks read lines
		// (../shared/tools/pdfcheck.py counts hyphenated lines and
		// widows from pdftotext): /ActualText over the pieces hid the
		// hyphens from them.
		var actual string
		span := false
		// own: the word is a tagged sequence of its own, with its
		// /ActualText.
		own := false
		if mixed {
			k := doc.band.key(&it)
			if own = k > 0 && (span || !w.plain); own && !span {
				actual, span = it.Text, true
			}
			if own && span {
				// The space painted after the word, inside its
				// sequence, is part of what the sequence stands for.
				next := paintedWord{}
				var nextItem *frame.Item
				if i+1 < len(items) {
					next, nextItem = ws[i+1], &items[i+1]
				} else if len(rest) > 0 && rest[0].Kind == frame.Text && (rest[0].Y-it.Y < it.Size && it.Y-rest[0].Y < it.Size) {
					nextItem = &rest[0]
				}
				if spaceWanted(&it, nextItem, w, next) && len(doc.spaceOps(it.Face)) > 0 {
					actual += " "
				}
			}
			if k != c.mark || own {
				if open {
					c.op("]TJ")
					open = false
				}
				if own {
					doc.setMarkText(c, k, actual)
				} else {
					doc.setMark(c, k, true)
				}
			}
		}
		if it.Expand != c.expand {
			// Font expansion: the line's glyphs drawn wider or
			// narrower (Tz scales TJ's adjustments too, not Td).
			if open {
				c.op("]TJ")
				open = false
			}
			c.hscale(it.Expand)
		}
		x, y := cpt(it.X), cpt(c.h-it.Y)
		same := it.Face == c.face && it.Size == c.size
		if open && same && y == ly && w.inline && !span && w.alt == 0 {
			// The space before the word, in thousandths of an em, to
			// one decimal: TJ subtracts its numbers.
			target := float64(x-lx) * 1000 / float64(cpt(it.Size))
			if it.Expand != 0 {
				target /= it.HScale()
			}
			if adj := int64(math.Round((pos - target) * 10)); adj != 0 {
				c.b = obj.AppendFixed(c.b, adj, 1)
				pos -= float64(adj) / 10
			}
			c.b = append(c.b, w.ops...)
			pos += w.adv
			continue
		}
		if open {
			c.op("]TJ")
			open = false
		}
		if w.alt > 0 {
			c.b = obj.AppendName(c.b, fu.alts[w.alt-1].name)
			c.b = append(c.b, ' ')
			c.fixed(cpt(it.Size))
			c.op("Tf")
			// The next word sets the face's own font again.
			c.face, c.size = noFace, it.Size
		} else if !same {
			c.b = obj.AppendName(c.b, fu.name)
			c.b = append(c.b, ' ')
			c.fixed(cpt(it.Size))
			c.op("Tf")
			c.face, c.size = it.Face, it.Size
		}
		if i == 0 {
			c.fixed(x)
			c.fixed(y)
		} else {
			c.fixed(x - lx)
			c.fixed(y - ly)
		}
		c.op("Td")
		lx, ly = x, y
		if w.inline && !span {
			c.b = append(c.b, '[')
			c.b = append(c.b, w.ops...)
			open, pos = true, w.adv
			continue
		}
		if span && !own {
			c.b = append(c.b, "/Span <</ActualText "...)
			c.b = obj.AppendText(c.b, actual)
			c.op(">> BDC")
		}
		switch {
		case w.inline:
			c.b = append(c.b, '[')
			c.b = append(c.b, w.ops...)
			c.op("]TJ")
		case own && !w.plain:
			// The sequence carries the /ActualText: the word's
			// operators without their own /Span.
			c.b, _ = fu.appendWord(c.b, w.run, true, it.Text, it.Size, fu.hider(w))
		case w.ops != nil:
			c.b = append(c.b, w.ops...)
		default:
			c.b, _ = fu.appendWord(c.b, w.run, w.plain, it.Text, it.Size, fu.hider(w))
		}
		if span && !own {
			c.op("EMC")
		}
		if own {
			// The space after the word goes inside its sequence: there
			// is none open after it.
			next := paintedWord{}
			var nextItem *frame.Item
			if i+1 < len(items) {
				next, nextItem = ws[i+1], &items[i+1]
			} else if len(rest) > 0 && rest[0].Kind == frame.Text && (rest[0].Y-it.Y < it.Size && it.Y-rest[0].Y < it.Size) {
				nextItem = &rest[0]
			}
			doc.space(c, &items[i], nextItem, w, next, false, &pos)
			spaced = true
			doc.endMark(c)
		}
	}
	if n := len(items) - 1; n >= 0 && !spaced {
		// What follows on the page close by, raised or lowered (a note
		// reference's number), counts as the next word.
		var after *frame.Item
		if len(rest) > 0 && rest[0].Kind == frame.Text && (rest[0].Y-items[n].Y < items[n].Size && items[n].Y-rest[0].Y < items[n].Size) {
			after = &rest[0]
		}
		doc.space(c, &items[n], after, ws[n], paintedWord{}, open, &pos)
	}
	if open {
		c.op("]TJ")
	}
	if c.markInText {
		doc.endMark(c)
	}
	c.b = append(c.b, "ET\n"...)
}

// space paints the space glyph of prev's face after prev, a word painted
// as pw and followed on its line by next (the zero paintedWord at the
// line's end): inside the TJ array when open is set (moving pos), else
// as a Tj of its own. There is none after a piece of a hyphenated word,
// beside a right-to-left word (whose spaces a reader places by its
// gaps), or where the face has no space glyph.
func (doc *document) space(c *content, prev, nextItem *frame.Item, pw, next paintedWord, open bool, pos *float64) {
	if !spaceWanted(prev, nextItem, pw, next) || c.face == noFace {
		return
	}
	fu := doc.faceUse(c.face)
	if len(doc.spaceOps(c.face)) == 0 {
		return
	}
	if open {
		// Inside the word's own string when it ends one: two bytes
		// a word fewer than a string of its own.
		if n := len(c.b); n > 0 && c.b[n-1] == ')' && fu.spaceOps[0] == '(' {
			c.b = append(c.b[:n-1], fu.spaceOps[1:]...)
		} else {
			c.b = append(c.b, fu.spaceOps...)
		}
		*pos += fu.spaceAdv
		return
	}
	c.b = append(c.b, fu.spaceOps...)
	c.op("Tj")
}

// paintedWord is a word as a face paints it: its glyph run, whether it
// copies back without /ActualText (faceUse.record: the answer cannot
// change once its glyphs are known, since a glyph's ToUnicode text is
// fixed when it is first seen), and its operators.
//
// An inline word (plain, without text rise, the common case) has as ops
// the elements of a TJ array, strings and adjustments, and as adv the
// distance they move the text position, in thousandths of an em. Any
// other word has its own operators in ops, or nil when they depend on
// the size (a text rise), to be written afresh each time.
type paintedWord struct {
	run    *font.Run
	plain  bool
	inline bool
	ops    []byte
	adv    float64
	// alt is the alternate font (from 1) a word with raised marks is
	// painted in (marks.go); 0 for the face's own.
	alt int
}

// word returns text item it painted in face fu. A book repeats its
// words: each face keeps every distinct word it painted, so that a repeat
// costs one map lookup, not font.Set.Shape's shared cache and a walk over
// the glyphs. The operators do not depend on the size, TJ's adjustments
// being in thousandths of an em, except for a text rise.
func (doc *document) word(fu *faceUse, it frame.Item) paintedWord {
	if w, ok := fu.words[it.Text]; ok {
		return w
	}
	run := doc.fonts.Shape(fu.face, it.Text)
	w := paintedWord{run: run, plain: fu.record(doc.fonts, run, it.Text)}
	if m := fu.rtlMap(run, it.Text, w.plain); m != nil {
		w.alt, w.plain = doc.alt(fu, m), true
	}
	// The operators go into one growing buffer per face, not an
	// allocation each.
	start := len(fu.ops)
	hide := fu.hider(w)
	hides := false
	for _, g := range run.Glyphs {
		hides = hides || hide != nil && hide(g.ID)
	}
	if b, adv, ok := fu.appendInline(fu.ops, run); ok && w.plain && !hides {
		w.inline, w.adv = true, adv
		fu.ops, w.ops = b, b[start:len(b):len(b)]
	} else if b, risen := fu.appendWord(fu.ops[:start], run, w.plain, it.Text, it.Size, hide); !risen {
		fu.ops, w.ops = b, b[start:len(b):len(b)]
	}
	if fu.words == nil {
		fu.words = map[string]paintedWord{}
	}
	// The key is a copy: with Options.Consume the page's text is freed
	// once painted.
	fu.words[strings.Clone(it.Text)] = w
	return w
}

// spaceWanted reports whether a space glyph follows prev, painted as pw
// and followed on its line by next (see space).
// A word set close against the next (a note reference's number after
// its word) has none: a reader would read them apart.
func spaceWanted(prev, nextItem *frame.Item, pw, next paintedWord) bool {
	if nextItem != nil && prev.W > 0 && nextItem.X-(prev.X+prev.W) < prev.Size/10 {
		return false
	}
	return prev.Flags&frame.Hyphenated == 0 && pw.run != nil && !pw.run.RTL && (next.run == nil || !next.run.RTL)
}

// spaceOps returns face f's space glyph as a TJ string, empty when the
// face has none.
func (doc *document) spaceOps(f font.Face) []byte {
	fu := doc.faceUse(f)
	if fu.spaceOps == nil {
		sw := doc.word(fu, frame.Item{Text: " "})
		fu.spaceOps, fu.spaceAdv = []byte{}, 0
		if sw.inline && sw.plain && len(sw.run.Glyphs) == 1 && sw.run.Glyphs[0].ID != 0 {
			fu.spaceOps, fu.spaceAdv = sw.ops, sw.adv
		}
	}
	return fu.spaceOps
}

// appendInline appends run, shaped in face fu, as elements of a TJ array:
// strings of glyphs, and between them adjustments that move a glyph whose
// origin is not where the glyph before leaves the text position (kerning,
// a mark moved sideways). It returns the distance the elements move the
// text position, in thousandths of an em; ok is false, and nothing is
// appended, when a glyph is moved up or down, which TJ cannot do.
func (fu *faceUse) appendInline(b []byte, run *font.Run) (_ []byte, adv float64, ok bool) {
	for _, g := range run.Glyphs {
		if g.YOff != 0 {
			return b, 0, false
		}
	}
	start := len(b)
	upem := int64(fu.upem)
	em := 1000 / float64(fu.upem)
	// pen is the pen position of the glyph being painted, cur the text
	// position after the glyph painted before: font units from the
	// word's left edge.
	var pen, cur int32
	inString := false
	for _, g := range run.Glyphs {
		origin := pen + g.XOff
		d := origin - cur
		cur = origin + fu.width[g.ID]
		pen += g.Advance
		adv += float64(fu.width[g.ID]) * em
		// TJ's numbers are thousandths of an em, subtracted; a
		// thousandth is 0.01 pt at 10 pt.
		if n := roundDiv(-int64(d)*1000, upem); n != 0 {
			if inString {
				b = append(b, ')')
				inString = false
			}
			b = strconv.AppendInt(b, n, 10)
			adv -= float64(n)
		}
		if !inString {
			b = append(b, '(')
			inString = true
		}
		b = appendGlyph(b, g.ID)
	}
	if !inString {
		return b[:start], 0, false // no glyphs
	}
	return append(b, ')'), adv, true
}

// appendWord appends the operators that paint run, text shaped in face
// fu at size, from the current text position, in visual order, left to
// right, and reports whether they use the text rise (and so depend on
// size). Each glyph is placed where the shaper put it: where its origin
// is not where the text position stands after the glyph before (kerning,
// a mark moved sideways), a TJ adjustment moves it; a glyph moved up or
// down gets a text rise (Ts). A word without either is one Tj. A word
// that is not plain (would not copy back as its text, see
// faceUse.record) is wrapped in a /Span with /ActualText.
//
// The glyphs hide reports (when it is not nil: those an alternate font
// maps to a mere filler, see marks.go) are each wrapped in a /Span with
// an empty /ActualText, so that a reader takes no text from them.
func (fu *faceUse) appendWord(b []byte, run *font.Run, plainText bool, text string, size units.Sp, hide func(uint16) bool) ([]byte, bool) {
	gs := run.Glyphs
	if len(gs) == 0 {
		return b, false
	}
	if !plainText {
		b = append(b, "/Span <</ActualText <FEFF"...)
		b = obj.AppendUTF16(b, text)
		b = append(b, ">>> BDC\n"...)
	}
	upem := int64(fu.upem)
	var pen, cur int32 // as in appendInline
	start := len(b)    // where the current TJ array opens
	b = append(b, '[')
	inString, plain := false, true
	var rise int32
	risen := false
	for _, g := range gs {
		origin := pen + g.XOff
		d := origin - cur
		cur = origin + fu.width[g.ID]
		pen += g.Advance
		if g.YOff != rise {
			plain, risen = false, true
			if inString {
				b = append(b, ')')
				inString = false
			}
			if len(b) == start+1 {
				b = b[:start] // an empty array: drop it
			} else {
				b = append(b, "]TJ\n"...)
			}
			rise = g.YOff
			b = obj.AppendFixed(b, roundDiv(int64(rise)*cpt(size), upem), 2)
			b = append(b, " Ts\n"...)
			start = len(b)
			b = append(b, '[')
		}
		hidden := hide != nil && hide(g.ID)
		if hidden {
			plain = false
			if inString {
				b = append(b, ')')
				inString = false
			}
			if len(b) == start+1 {
				b = b[:start]
			} else {
				b = append(b, "]TJ\n"...)
			}
			b = append(b, "/Span <</ActualText ()>> BDC\n["...)
		}
		if n := roundDiv(-int64(d)*1000, upem); n != 0 {
			plain = false
			if inString {
				b = append(b, ')')
				inString = false
			}
			b = strconv.AppendInt(b, n, 10)
		}
		if !inString {
			b = append(b, '(')
			inString = true
		}
		b = appendGlyph(b, g.ID)
		if hidden {
			b = append(b, ")]TJ\nEMC\n"...)
			inString = false
			start = len(b)
			b = append(b, '[')
		}
	}
	if inString {
		b = append(b, ')')
	}
	if len(b) == start+1 {
		b = b[:start] // an empty array: drop it
	} else if plain {
		// One string and nothing else: "(…)Tj" instead of "[(…)]TJ".
		copy(b[start:], b[start+1:])
		b = b[:len(b)-1]
		b = append(b, "Tj\n"...)
	} else {
		b = append(b, "]TJ\n"...)
	}
	if rise != 0 {
		b = append(b, "0 Ts\n"...)
	}
	if !plainText {
		b = append(b, "EMC\n"...)
	}
	return b, risen
}

// appendGlyph appends glyph gid as two bytes of a literal string
// (Identity-H), escaped where the string syntax needs it.
func appendGlyph(b []byte, gid uint16) []byte {
	for _, c := range [2]byte{byte(gid >> 8), byte(gid)} {
		switch c {
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

// roundDiv returns n / d rounded half away from zero; d > 0.
func roundDiv(n, d int64) int64 {
	if n < 0 {
		return -((-n + d/2) / d)
	}
	return (n + d/2) / d
}
