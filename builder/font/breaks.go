package font

import "github.com/go-text/typesetting/segmenter"

// NeedsBreaks reports whether a word (text between spaces) may hold line
// break opportunities of its own: Chinese, Japanese and Korean ideographs
// and kana break between characters without spaces (UAX #14).
func NeedsBreaks(word string) bool {
	for _, r := range word {
		if r >= 0x2E80 && (r <= 0x9FFF || r >= 0xF900 && r <= 0xFAFF || r >= 0xFF00 && r <= 0xFFEF || r >= 0x20000 && r <= 0x3FFFF) {
			return true
		}
	}
	return false
}

// LineBreaks returns the byte offsets inside word, after 0 and before
// len(word), where UAX #14 allows a line to break: between ideographs,
// never before a closing bracket or small kana, never inside a grapheme
// cluster.
func LineBreaks(word string) []int {
	var seg segmenter.Segmenter
	seg.InitWithString(word)
	it := seg.LineIterator()
	var out []int
	// Byte offsets of each rune, to turn rune offsets into bytes.
	offs := make([]int, 0, len(word)+1)
	for i := range word {
		offs = append(offs, i)
	}
	offs = append(offs, len(word))
	for it.Next() {
		ln := it.Line()
		end := ln.Offset + len(ln.Text)
		if end > 0 && end < len(offs)-1 {
			out = append(out, offs[end])
		}
	}
	return out
}
