package typeset

import (
	"strings"

	"github.com/pamphlet/pamphlet/builder/doc"
	"github.com/pamphlet/pamphlet/builder/font"
	"github.com/pamphlet/pamphlet/builder/frame"
	"github.com/pamphlet/pamphlet/builder/units"
)

// Right-to-left text is broken into lines in logical order, like any
// text, and each line is then reordered for display (UAX #9, rule L2):
// a right-to-left paragraph's line is mirrored within its measure, and
// runs of left-to-right words inside it (Latin, numbers) are turned back;
// in a left-to-right paragraph only the runs of right-to-left words are
// turned. Words are the units: their glyphs come from the shaper already
// in visual order.

// textDir returns the direction of a text item: 'R', 'L', 'D' (digits)
// or 'N' (neutral), from its first strong character, or 'D' when it
// has digits and no strong character.
func textDir(s string) byte {
	d := byte('N')
	for _, r := range s {
		if r < 0x80 {
			switch {
			case r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z':
				return 'L'
			case r >= '0' && r <= '9':
				d = 'D'
			}
			continue
		}
		switch c := font.Direction(r); c {
		case 'L', 'R':
			return c
		case 'D':
			d = 'D'
		}
	}
	return d
}

// hasRTL reports whether any text item of items is right to left.
func hasRTL(items []frame.Item) bool {
	for i := range items {
		if items[i].Kind == frame.Text && textDir(items[i].Text) == 'R' {
			return true
		}
	}
	return false
}

// reorderLine moves the items of one line, set left to right in logical
// order from the line's left edge, to their display positions within
// width.
func reorderLine(items []frame.Item, width units.Sp, rtl bool) {
	if !rtl && !hasRTL(items) {
		return
	}
	// The text items in logical order with their embedding levels.
	type unit struct {
		i     int // index into items
		level int
	}
	var us []unit
	base := 0
	if rtl {
		base = 1
	}
	for i := range items {
		if items[i].Kind != frame.Text {
			continue
		}
		lv := -1
		switch textDir(items[i].Text) {
		case 'R':
			lv = 1
		case 'L':
			lv = base + base // 0 in a left-to-right paragraph, 2 in a right-to-left one
		case 'D':
			lv = base + base
		}
		us = append(us, unit{i, lv})
	}
	// Neutrals take the level of the text around them when both sides
	// agree, else the paragraph's (UAX #9, N1 and N2).
	for k := range us {
		if us[k].level >= 0 {
			continue
		}
		prev, next := base, base
		for j := k - 1; j >= 0; j-- {
			if us[j].level >= 0 {
				prev = us[j].level
				break
			}
		}
		for j := k + 1; j < len(us); j++ {
			if us[j].level >= 0 {
				next = us[j].level
				break
			}
		}
		if prev == next {
			us[k].level = prev
		} else {
			us[k].level = base
		}
	}
	// Everything is first laid out left to right as set; in a
	// right-to-left paragraph the whole line then turns within its
	// measure, which is the reversal at level 1.
	flip := func(a, b units.Sp, pick func(it *frame.Item) bool) {
		for i := range items {
			it := &items[i]
			if pick(it) {
				it.X = a + b - it.X - it.W
			}
		}
	}
	inside := func(a, b units.Sp) func(it *frame.Item) bool {
		return func(it *frame.Item) bool {
			c := it.X + it.W/2
			return c >= a && c <= b
		}
	}
	maxLevel := 0
	for _, u := range us {
		maxLevel = max(maxLevel, u.level)
	}
	// L2: from the highest level down to the lowest odd level, reverse
	// every maximal run of units at that level or higher. Positions are
	// reversed within the run's extent, so the spaces between words
	// travel with them. Each run's extent is taken before any flip of
	// this level.
	for lv := maxLevel; lv >= 1; lv-- {
		var spans [][2]units.Sp
		for k := 0; k < len(us); {
			if us[k].level < lv {
				k++
				continue
			}
			j := k
			a, b := items[us[k].i].X, items[us[k].i].X+items[us[k].i].W
			for j < len(us) && us[j].level >= lv {
				it := items[us[j].i]
				a, b = min(a, it.X), max(b, it.X+it.W)
				j++
			}
			spans = append(spans, [2]units.Sp{a, b})
			k = j
		}
		if lv == 1 && rtl {
			// The whole line turns within the measure, so a short last
			// line ends up flush with the right margin.
			spans = [][2]units.Sp{{0, width}}
		}
		for _, sp := range spans {
			flip(sp[0], sp[1], inside(sp[0], sp[1]))
		}
	}
	// The items stay in logical order: a tagged PDF's content follows the
	// text as written, whatever its direction.
}

// rtlLangs are the languages written right to left, by primary subtag.
var rtlLangs = map[string]bool{"ar": true, "fa": true, "ur": true, "he": true, "iw": true, "yi": true, "ps": true, "sd": true, "ug": true, "dv": true, "ckb": true, "syr": true}

// IsRTLLang reports whether the BCP 47 tag names a language written right
// to left (by its script subtag when it has one: "az-Arab").
func IsRTLLang(tag string) bool {
	tag = strings.ToLower(tag)
	parts := strings.FieldsFunc(tag, func(r rune) bool { return r == '-' || r == '_' })
	if len(parts) == 0 {
		return false
	}
	for _, p := range parts[1:] {
		if len(p) == 4 {
			switch p {
			case "arab", "hebr", "thaa", "syrc", "nkoo", "adlm", "rohg":
				return true
			}
			return false
		}
	}
	return rtlLangs[parts[0]]
}

// articleRTL reports whether article a is written right to left: by its
// language, else the book's, else by the first strong character of its
// text.
func articleRTL(a *doc.Article, bookLang string) bool {
	if a.Meta.Lang != "" {
		return IsRTLLang(a.Meta.Lang)
	}
	for _, blk := range a.Blocks {
		if p, ok := blk.(*doc.Para); ok {
			switch textDir(doc.PlainText(p.Inlines)) {
			case 'R':
				return true
			case 'L':
				return false
			}
		}
	}
	return IsRTLLang(bookLang)
}

// runItems sets a short text on one line, outside any paragraph (a
// running head, a folio): its words in the faces that cover them, from
// x = 0 on baseline 0, reordered for display when it holds right-to-left
// text. It returns the items and their width.
func runItems(fs *font.Set, f font.Face, size units.Sp, text string) ([]frame.Item, units.Sp) {
	var items []frame.Item
	var x units.Sp
	words := strings.Fields(text)
	for i, w := range words {
		if i > 0 {
			x += fs.SpaceWidth(f, size)
		}
		for _, rn := range scriptRuns(w) {
			seg := w[rn[0]:rn[1]]
			face, ok := fs.PickText(f, seg)
			if !ok {
				// Per character, leaving out what no face has.
				var b strings.Builder
				for _, r := range seg {
					if _, ok := fs.Pick(f, r); ok {
						b.WriteRune(r)
					}
				}
				seg = b.String()
				if seg == "" {
					continue
				}
				face, _ = fs.Pick(f, []rune(seg)[0])
			}
			wd := fs.Width(face, size, seg)
			items = append(items, frame.Item{Kind: frame.Text, X: x, W: wd, Face: face, Size: size, Text: seg})
			x += wd
		}
	}
	reorderLine(items, x, textDir(text) == 'R')
	return items, x
}
