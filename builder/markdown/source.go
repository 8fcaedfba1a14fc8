package markdown

import (
	"bytes"
	"sort"
	"unicode/utf8"

	"github.com/pamphlet/pamphlet/builder/diag"
)

// maxRepairWarnings bounds the warnings about bad bytes in one file: a
// binary file given by mistake should not bury every other message.
const maxRepairWarnings = 10

// sanitize returns src with invalid UTF-8 and NUL bytes replaced by
// U+FFFD, warning once per affected line. It returns src itself when
// nothing needs repair. Line breaks are kept, so line numbers of the
// repaired text are those of the file.
func sanitize(path string, src []byte, diags *diag.List) []byte {
	if utf8.Valid(src) && bytes.IndexByte(src, 0) < 0 {
		return src
	}
	out := make([]byte, 0, len(src)+16)
	line := 1
	lastBad, lastNUL := 0, 0
	nBad, nNUL := 0, 0
	warn := func(last *int, n *int, code, msg string) {
		if *last == line {
			return
		}
		*last = line
		*n++
		if *n <= maxRepairWarnings {
			diags.Warnf(diag.Pos{File: path, Line: line}, code, "%s", msg)
		}
	}
	for i := 0; i < len(src); {
		b := src[i]
		switch {
		case b == '\n':
			line++
			out = append(out, b)
			i++
		case b == 0:
			warn(&lastNUL, &nNUL, codeNUL, "NUL byte replaced by U+FFFD")
			out = append(out, "\uFFFD"...)
			i++
		case b < utf8.RuneSelf:
			out = append(out, b)
			i++
		default:
			r, size := utf8.DecodeRune(src[i:])
			if r == utf8.RuneError && size == 1 {
				warn(&lastBad, &nBad, codeBadUTF8, "invalid UTF-8 replaced by U+FFFD")
				out = append(out, "\uFFFD"...)
			} else {
				out = append(out, src[i:i+size]...)
			}
			i += size
		}
	}
	if nBad > maxRepairWarnings {
		diags.Warnf(diag.Pos{File: path}, codeBadUTF8, "invalid UTF-8 on %d more lines", nBad-maxRepairWarnings)
	}
	if nNUL > maxRepairWarnings {
		diags.Warnf(diag.Pos{File: path}, codeNUL, "NUL bytes on %d more lines", nNUL-maxRepairWarnings)
	}
	return out
}

// lineIndex turns byte offsets into line and column numbers.
type lineIndex struct {
	starts []int // byte offset of each line's first byte
}

func newLineIndex(src []byte) *lineIndex {
	starts := make([]int, 1, bytes.Count(src, []byte{'\n'})+1)
	for i, b := range src {
		if b == '\n' {
			starts = append(starts, i+1)
		}
	}
	return &lineIndex{starts: starts}
}

// at returns the 1-based line and byte column of offset off.
func (x *lineIndex) at(off int) (line, col int) {
	if off < 0 {
		return 0, 0
	}
	i := sort.Search(len(x.starts), func(i int) bool { return x.starts[i] > off }) - 1
	if i < 0 {
		i = 0
	}
	return i + 1, off - x.starts[i] + 1
}
