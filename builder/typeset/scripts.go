package typeset

import (
	"strings"

	"github.com/pamphlet/pamphlet/builder/doc"
	"github.com/pamphlet/pamphlet/builder/font"
	"github.com/pamphlet/pamphlet/builder/linebreak"
	"github.com/pamphlet/pamphlet/builder/units"
)

// What the scripts of the world ask of the page beyond their direction:
// no hyphens where a language is not hyphenated, room between lines for
// letters that stack signs above and below, and ragged lines where long
// unbroken words would open gaps.

// unhyphenated reports whether a language is written without
// hyphenation, so that its lack of patterns is no loss worth a warning:
// Chinese, Japanese and Korean break between characters, and the
// Arabic and Hebrew scripts do not break words at all.
func unhyphenated(tag string) bool {
	primary, _, _ := strings.Cut(strings.ToLower(tag), "-")
	switch primary {
	case "zh", "ja", "ko", "th", "lo", "km", "my":
		return true
	}
	return IsRTLLang(tag)
}

// articleLeading returns the distance between the baselines of the
// article's text: the layout's, or more for an article written in a
// script whose letters stack vowel signs above and below (Kannada,
// Devanagari): its lines are spaced by the face's own extent, as a
// browser spaces them, so that one line's signs do not touch the next
// line's. The article keeps one leading throughout, so its lines stay on
// one grid.
func (ts *articleSetter) articleLeading() units.Sp {
	s := ts.style
	counts := map[font.Face]int{}
	total := 0
	for _, blk := range ts.art.Blocks {
		p, ok := blk.(*doc.Para)
		if !ok {
			continue
		}
		for _, r := range doc.PlainText(p.Inlines) {
			if r < 0x0370 || r == ' ' {
				total++
				continue
			}
			total++
			if f, ok := ts.fonts.Pick(font.Regular, r); ok && f >= font.Fallback {
				counts[f]++
			}
		}
		if total > 4000 {
			break
		}
	}
	lead := s.Leading
	for f, n := range counts {
		if n*3 < total {
			continue // a script quoted here and there keeps the book's leading
		}
		ext := ts.fonts.Ascent(f, s.FontSize) + ts.fonts.Descent(f, s.FontSize)
		// Rounded up to a quarter point.
		ext = (ext + units.Pt/4 - 1) / (units.Pt / 4) * (units.Pt / 4)
		lead = max(lead, ext)
	}
	return lead
}

// maxGapRatio is the adjustment ratio past which a justified line's
// spaces are gaps: twice the stretch TeX allows them at its tolerance.
const maxGapRatio = 2.5

// tooLoose reports whether any line but the last of a paragraph set by
// res stretches its spaces past maxGapRatio.
func tooLoose(res linebreak.Result) bool {
	for i, ln := range res.Lines {
		if i < len(res.Lines)-1 && ln.Ratio > maxGapRatio {
			return true
		}
	}
	return false
}
