package pdf

import (
	"strings"

	"github.com/pamphlet/pamphlet/builder/font"
	"github.com/pamphlet/pamphlet/builder/frame"
	"github.com/pamphlet/pamphlet/builder/pdf/internal/obj"
)

// textLine paints items, text items on one baseline, in one text object:
// the first word placed by an absolute Td, each next one by a Td relative
// to the one before (positions rounded to thousandths of a point before
// they are differenced, so there is no drift along the line), each word's
// glyphs in one Tj or TJ.
func (doc *document) textLine(c *content, items []frame.Item) {
	c.b = append(c.b, "BT\n"...)
	var lx, ly int64
	for i, it := range items {
		fu := doc.faceUse(it.Face)
		if it.Face != c.face || it.Size != c.size {
			c.b = obj.AppendName(c.b, fu.name)
			c.b = append(c.b, ' ')
			c.fixed(mpt(it.Size))
			c.op("Tf")
			c.face, c.size = it.Face, it.Size
		}
		x, y := mpt(it.X), mpt(c.h-it.Y)
		if i == 0 {
			c.fixed(x)
			c.fixed(y)
		} else {
			c.fixed(x - lx)
			c.fixed(y - ly)
		}
		c.op("Td")
		lx, ly = x, y
		doc.word(c, fu, it)
	}
	c.b = append(c.b, "ET\n"...)
}

// word paints it's glyphs from the current text position, in visual
// order, left to right. Each glyph is placed where the shaper put it:
// where its origin is not where the text position stands after the glyph
// before (kerning, a mark moved sideways), a TJ adjustment moves it; a
// glyph moved up or down gets a text rise (Ts). A word without either is
// one Tj. A word whose glyphs would not copy back as its text (see
// faceUse.record) is wrapped in a /Span with /ActualText.
func (doc *document) word(c *content, fu *faceUse, it frame.Item) {
	sw := doc.shaped(fu, it.Text)
	run, plainText := sw.run, sw.plain
	gs := run.Glyphs
	if len(gs) == 0 {
		return
	}
	if !plainText {
		c.b = append(c.b, "/Span <</ActualText <FEFF"...)
		c.b = obj.AppendUTF16(c.b, it.Text)
		c.b = append(c.b, ">>> BDC\n"...)
	}

	upem := int64(fu.upem)
	// pen is the pen position of the glyph being painted, cur the text
	// position after the glyph painted before: font units from the
	// word's left edge.
	var pen, cur int32
	start := len(c.b) // where the current TJ array opens
	c.b = append(c.b, '[')
	inString, plain := false, true
	var rise int32
	for _, g := range gs {
		origin := pen + g.XOff
		d := origin - cur
		cur = origin + fu.width[g.ID]
		pen += g.Advance
		if g.YOff != rise {
			plain = false
			if inString {
				c.b = append(c.b, ')')
				inString = false
			}
			if len(c.b) == start+1 {
				c.b = c.b[:start] // an empty array: drop it
			} else {
				c.b = append(c.b, "]TJ\n"...)
			}
			rise = g.YOff
			c.fixed(roundDiv(int64(rise)*mpt(it.Size), upem))
			c.b = append(c.b, "Ts\n"...)
			start = len(c.b)
			c.b = append(c.b, '[')
		}
		if d != 0 {
			plain = false
			if inString {
				c.b = append(c.b, ')')
				inString = false
			}
			// TJ's numbers are thousandths of an em, subtracted.
			c.b = obj.AppendFixed(c.b, roundDiv(-int64(d)*100000, upem), 2)
		}
		if !inString {
			c.b = append(c.b, '(')
			inString = true
		}
		c.b = appendGlyph(c.b, g.ID)
	}
	c.b = append(c.b, ')')
	if plain {
		// One string and nothing else: "(…)Tj" instead of "[(…)]TJ".
		copy(c.b[start:], c.b[start+1:])
		c.b = c.b[:len(c.b)-1]
		c.b = append(c.b, "Tj\n"...)
	} else {
		c.b = append(c.b, "]TJ\n"...)
	}
	if rise != 0 {
		c.op("0 Ts")
	}
	if !plainText {
		c.op("EMC")
	}
}

// shapedWord is a word as painted: its glyph run and whether it copies
// back without /ActualText.
type shapedWord struct {
	run   *font.Run
	plain bool
}

// wordKey is a word in a face.
type wordKey struct {
	face font.Face
	text string
}

// shaped returns text shaped in face fu and recorded (faceUse.record).
// A book repeats its words: the document keeps each distinct word, so
// that a repeat costs one map lookup, not font.Set.Shape's shared cache
// and a walk over its glyphs. record's answer for a word cannot change
// once all its glyphs are known, since a glyph's ToUnicode text is fixed
// when it is first seen.
func (doc *document) shaped(fu *faceUse, text string) shapedWord {
	k := wordKey{fu.face, text}
	if sw, ok := doc.words[k]; ok {
		return sw
	}
	run := doc.fonts.Shape(fu.face, text)
	sw := shapedWord{run: run, plain: fu.record(doc.fonts, run, text)}
	if doc.words == nil {
		doc.words = map[wordKey]shapedWord{}
	}
	// The key owns a copy: the page's text is freed once painted when
	// Options.Consume is set.
	doc.words[wordKey{fu.face, strings.Clone(text)}] = sw
	return sw
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
