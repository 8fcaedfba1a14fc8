package pdf

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"github.com/pamphlet/pamphlet/builder/font"
	"github.com/pamphlet/pamphlet/builder/pdf/internal/obj"
)

// faceUse is what a document knows of one face while its pages are
// painted: the glyphs used, their widths, and what text each stands for.
// Its font is written once the last page is painted, holding only those
// glyphs.
type faceUse struct {
	face font.Face
	ref  obj.Ref // the Type0 font
	name string  // resource name, "F3" for face 3
	upem int32

	// By glyph ID, grown as glyphs appear: width is the advance in font
	// units (-1 while unknown), uni the text the glyph stands for in the
	// ToUnicode map, seen whether the glyph is used (and uni set).
	width []int32
	uni   []string
	seen  []bool

	// words are the words painted so far, by text, their operators
	// kept in ops (see document.word).
	words map[string]paintedWord
	ops   []byte
	// spaceOps is the face's space glyph as a TJ string ("" when it has
	// none; nil until looked up), spaceAdv its advance in thousandths of
	// an em.
	spaceOps []byte
	spaceAdv float64
	// alts are the face's alternate fonts for words with raised marks
	// (marks.go).
	alts []*altFont
}

// faceUse returns the use record of face f, starting one on first use.
func (doc *document) faceUse(f font.Face) *faceUse {
	if int(f) >= doc.fonts.NumFaces() {
		f = font.Regular // as font.Set.Shape does
	}
	for int(f) >= len(doc.faces) {
		doc.faces = append(doc.faces, nil)
	}
	if fu := doc.faces[f]; fu != nil {
		return fu
	}
	fu := &faceUse{face: f, ref: doc.w.Alloc(), name: "F" + strconv.Itoa(int(f)), upem: doc.fonts.Upem(f)}
	if fu.upem <= 0 {
		fu.upem = 1000
	}
	doc.faces[f] = fu
	return fu
}

// grow makes room for glyph gid.
func (fu *faceUse) grow(gid uint16) {
	n := int(gid) + 1
	if n <= len(fu.seen) {
		return
	}
	n = max(n, min(2*len(fu.seen), 1<<16), 256)
	for len(fu.width) < n {
		fu.width = append(fu.width, -1)
	}
	fu.uni = append(fu.uni, make([]string, n-len(fu.uni))...)
	fu.seen = append(fu.seen, make([]bool, n-len(fu.seen))...)
}

// advance returns glyph gid's advance in font units: its /W width.
func (fu *faceUse) advance(fonts *font.Set, gid uint16) int32 {
	if w := fu.width[gid]; w >= 0 {
		return w
	}
	w := max(fonts.GlyphAdvance(fu.face, gid), 0)
	fu.width[gid] = w
	return w
}

// record notes the glyphs of run, shaped from text in face fu, as used,
// and reports whether the word copies back as text without help: whether
// the concatenation of its glyphs' ToUnicode strings in logical order is
// exactly text and, left to right, no glyph maps to nothing (pdftotext
// breaks a word at such a glyph's gap). Other words get /ActualText.
//
// Logical order is painting order, except in a right-to-left run, where
// it is the reverse: a reader takes such glyphs from right to left, as
// pdftotext does (and it gets a right-to-left word with /ActualText
// backwards: poppler 22.12 lays the actual text out left to right, then
// reverses the right-to-left run).
//
// A glyph maps to the text of the first cluster it was seen in, given to
// the first glyph of the cluster in logical order; the cluster's other
// glyphs map to nothing. So a word needs /ActualText when its glyphs are
// reordered (an Indic vowel sign drawn before its consonant) or one of
// them was first seen standing for something else. A cluster that is a
// base and its marks, each mark drawn as its own glyph, is mapped glyph
// by glyph instead (see splitMarks), so that its base glyph stands for
// the bare letter in the words that follow.
func (fu *faceUse) record(fonts *font.Set, run *font.Run, text string) (plain bool) {
	gs := run.Glyphs
	n := len(gs)
	var top uint16
	for _, g := range gs {
		top = max(top, g.ID)
	}
	fu.grow(top)
	fresh := false
	for _, g := range gs {
		fresh = fresh || !fu.seen[g.ID]
	}
	at := func(k int) font.Glyph {
		if run.RTL {
			return gs[n-1-k]
		}
		return gs[k]
	}
	if fresh {
		for k := 0; k < n; {
			m := k + 1
			for m < n && at(m).Start == at(k).Start {
				m++
			}
			fu.assign(fonts, text, at, k, m)
			k = m
		}
	}
	pos := 0
	for k := range n {
		i := k
		if run.RTL {
			i = n - 1 - k
		}
		u := fu.uni[gs[i].ID]
		if !strings.HasPrefix(text[pos:], u) || (u == "" && !run.RTL) {
			return false
		}
		pos += len(u)
	}
	return pos == len(text)
}

// assign gives the glyphs at logical positions k … m-1 of a run, one
// cluster, that were not seen before their ToUnicode text.
func (fu *faceUse) assign(fonts *font.Set, text string, at func(int) font.Glyph, k, m int) {
	g0 := at(k)
	var ct string
	if g0.Start >= 0 && g0.Start <= g0.End && int(g0.End) <= len(text) {
		ct = text[g0.Start:g0.End]
	}
	var marks []rune
	if m-k > 1 {
		marks = fu.splitMarks(fonts, ct, at, k, m)
	}
	for j := k; j < m; j++ {
		g := at(j)
		if fu.seen[g.ID] {
			continue // known: its text was fixed when first seen
		}
		fu.seen[g.ID] = true
		fu.advance(fonts, g.ID)
		switch {
		case marks != nil:
			fu.uni[g.ID] = string(marks[j-k])
		case j == k:
			// A copy: the ToUnicode map must not keep the page's text
			// alive.
			fu.uni[g.ID] = strings.Clone(ct)
		}
	}
}

// splitMarks returns the characters of cluster text ct one per glyph
// when the cluster is a base followed by marks drawn as glyphs of their
// own: as many characters as glyphs, every one after the first a mark,
// and each of those marks' glyph the one the mark gets shaped alone. It
// returns nil for anything else (a conjunct, a reordered vowel sign, a
// ligature), which is mapped as a whole.
func (fu *faceUse) splitMarks(fonts *font.Set, ct string, at func(int) font.Glyph, k, m int) []rune {
	rs := []rune(ct)
	if len(rs) != m-k {
		return nil
	}
	for j, r := range rs[1:] {
		if !unicode.Is(unicode.M, r) {
			return nil
		}
		alone := fonts.Shape(fu.face, string(r)).Glyphs
		if len(alone) != 1 || alone[0].ID != at(k+1+j).ID {
			return nil
		}
	}
	return rs
}

// usedGlyphs returns the glyph IDs fu used, ascending.
func (fu *faceUse) usedGlyphs() []uint16 {
	var gids []uint16
	for gid, ok := range fu.seen {
		if ok {
			gids = append(gids, uint16(gid))
		}
	}
	return gids
}

// writeFonts writes every used face as a Type0 font with its subset
// program and returns the /Font resource dictionary.
func (doc *document) writeFonts() (obj.Dict, error) {
	res := obj.Dict{}
	for _, fu := range doc.faces {
		if fu == nil {
			continue
		}
		if err := doc.writeFont(fu, res); err != nil {
			return nil, err
		}
		res[obj.Name(fu.name)] = fu.ref
	}
	return res, nil
}

// Font descriptor flags (PDF 1.7, table 123).
const (
	flagFixedPitch = 1 << 0
	flagSerif      = 1 << 1
	flagSymbolic   = 1 << 2
	flagItalic     = 1 << 6
)

// writeFont writes face fu's font: the Type0 font at fu.ref, its
// CIDFont, descriptor, subset program and ToUnicode map, and its
// alternate fonts, which it adds to res.
func (doc *document) writeFont(fu *faceUse, res obj.Dict) error {
	w := doc.w
	gids := fu.usedGlyphs()
	e := doc.fonts.Embedding(fu.face)
	prog, err := doc.fonts.Subset(fu.face, gids)
	if err != nil {
		return fmt.Errorf("pdf: font %s: %w", e.PostScriptName, err)
	}
	base := obj.Name(subsetTag(e.PostScriptName, gids) + "+" + e.PostScriptName)
	upem := float64(e.Upem)
	if upem <= 0 {
		upem = 1000
	}
	em := func(v int32) obj.Object { return obj.Real(float64(v) * 1000 / upem) }

	file := w.Alloc()
	fd := obj.Dict{
		"Type":        obj.Name("FontDescriptor"),
		"FontName":    base,
		"FontBBox":    obj.Array{em(e.BBox[0]), em(e.BBox[1]), em(e.BBox[2]), em(e.BBox[3])},
		"ItalicAngle": obj.Real(e.ItalicAngle),
		"Ascent":      em(e.Ascent),
		"Descent":     em(e.Descent),
		"CapHeight":   em(e.CapHeight),
		"StemV":       obj.Int(80),
	}
	if e.Family != "" {
		fd["FontFamily"] = obj.Text(e.Family)
	}
	// Symbolic: the glyphs are reached by glyph ID, not through a
	// standard Latin encoding.
	flags := flagSymbolic
	if e.FixedPitch {
		flags |= flagFixedPitch
	}
	if e.Serif {
		flags |= flagSerif
	}
	if e.Italic {
		flags |= flagItalic
	}
	fd["Flags"] = obj.Int(flags)
	cid := obj.Dict{
		"Type":     obj.Name("Font"),
		"BaseFont": base,
		"CIDSystemInfo": obj.Dict{
			"Registry":   obj.String("Adobe"),
			"Ordering":   obj.String("Identity"),
			"Supplement": obj.Int(0),
		},
		"W": fu.widths(gids),
	}
	if e.CFF {
		w.Stream(file, obj.Dict{"Subtype": obj.Name("CIDFontType0C")}, prog, true)
		fd["FontFile3"] = file
		cid["Subtype"] = obj.Name("CIDFontType0")
	} else {
		w.Stream(file, obj.Dict{"Length1": obj.Int(len(prog))}, prog, true)
		fd["FontFile2"] = file
		cid["Subtype"] = obj.Name("CIDFontType2")
		cid["CIDToGIDMap"] = obj.Name("Identity")
	}
	fdRef, cidRef, toUni := w.Alloc(), w.Alloc(), w.Alloc()
	w.Write(fdRef, fd)
	cid["FontDescriptor"] = fdRef
	w.Write(cidRef, cid)
	// PDF/A wants every glyph mapped to Unicode. The glyphs that stand
	// for nothing (a cluster's glyphs after its first) are mapped to a
	// zero-width space there: the words that hold them copy back through
	// their /ActualText, which replaces the glyphs' text.
	filler := ""
	if doc.kind == readerPDF && doc.opts.Standard != "" {
		filler = "\u200b"
	}
	w.Stream(toUni, nil, toUnicode(gids, func(g uint16) string { return fu.uni[g] }, filler), true)
	w.Write(fu.ref, obj.Dict{
		"Type":            obj.Name("Font"),
		"Subtype":         obj.Name("Type0"),
		"BaseFont":        base,
		"Encoding":        obj.Name("Identity-H"),
		"DescendantFonts": obj.Array{cidRef},
		"ToUnicode":       toUni,
	})
	doc.writeAlts(fu, base, cidRef, res)
	return nil
}

// subsetTag returns the six capital letters that name a subset (PDF 1.7,
// 9.6.4), derived from the font's name and glyph set: the same subset is
// named the same in every build, different subsets differently.
func subsetTag(psName string, gids []uint16) string {
	h := sha256.New()
	h.Write([]byte(psName))
	var b [2]byte
	for _, g := range gids {
		binary.BigEndian.PutUint16(b[:], g)
		h.Write(b[:])
	}
	sum := h.Sum(nil)
	tag := make([]byte, 6)
	for i := range tag {
		tag[i] = 'A' + sum[i]%26
	}
	return string(tag)
}

// widths returns the /W array of gids (ascending): runs of consecutive
// glyphs as "first [w1 w2 …]", widths in thousandths of an em. A run of
// at least four equal widths, as in a monospaced face, is written as
// "first last w".
func (fu *faceUse) widths(gids []uint16) obj.Array {
	em := func(gid uint16) obj.Real {
		return obj.Real(float64(fu.width[gid]) * 1000 / float64(fu.upem))
	}
	var out obj.Array
	for i := 0; i < len(gids); {
		j := i + 1
		for j < len(gids) && gids[j] == gids[j-1]+1 {
			j++
		}
		// gids[i:j] is consecutive; split it into equal-width runs of
		// four or more and lists of the rest.
		var list obj.Array
		var first uint16
		flush := func() {
			if len(list) > 0 {
				out = append(out, obj.Int(first), list)
				list = nil
			}
		}
		for k := i; k < j; {
			m := k + 1
			for m < j && fu.width[gids[m]] == fu.width[gids[k]] {
				m++
			}
			if m-k >= 4 {
				flush()
				out = append(out, obj.Int(gids[k]), obj.Int(gids[m-1]), em(gids[k]))
			} else {
				for ; k < m; k++ {
					if len(list) == 0 {
						first = gids[k]
					}
					list = append(list, em(gids[k]))
				}
			}
			k = m
		}
		flush()
		i = j
	}
	return out
}

// toUnicode returns the ToUnicode CMap of gids: each glyph to its text,
// uni(gid), the text it was first seen for in the face's own map (glyphs that stand for nothing are left out, or
// mapped to filler when it is not empty), in bfrange runs where
// consecutive glyphs map to consecutive characters.
func toUnicode(gids []uint16, uni func(uint16) string, filler string) []byte {
	type pair struct {
		gid uint16
		u   string
	}
	var singles []pair
	type span struct {
		first, last uint16
		r           rune
	}
	var ranges []span
	for i := 0; i < len(gids); i++ {
		g := gids[i]
		u := uni(g)
		if u == "" && filler == "" {
			continue
		}
		if u == "" {
			singles = append(singles, pair{g, filler})
			continue
		}
		r, one := singleBMP(u)
		if !one {
			singles = append(singles, pair{g, u})
			continue
		}
		// Extend while the next glyph and character follow on, within
		// one high byte of each (a bfrange may only vary the last byte).
		j := i
		for j+1 < len(gids) {
			ng := gids[j+1]
			nr, ok := singleBMP(uni(ng))
			if !ok || ng != gids[j]+1 || ng>>8 != g>>8 || nr != r+rune(ng-g) || nr>>8 != r>>8 {
				break
			}
			j++
		}
		if j == i {
			singles = append(singles, pair{g, u})
			continue
		}
		ranges = append(ranges, span{g, gids[j], r})
		i = j
	}

	b := []byte(cmapHead)
	hex4 := func(v uint16) {
		b = append(b, '<')
		b = obj.AppendHex(b, []byte{byte(v >> 8), byte(v)})
		b = append(b, '>')
	}
	for len(singles) > 0 {
		n := min(len(singles), 100) // at most 100 entries a block
		b = strconv.AppendInt(b, int64(n), 10)
		b = append(b, " beginbfchar\n"...)
		for _, p := range singles[:n] {
			hex4(p.gid)
			b = append(b, " <"...)
			b = obj.AppendUTF16(b, p.u)
			b = append(b, ">\n"...)
		}
		b = append(b, "endbfchar\n"...)
		singles = singles[n:]
	}
	for len(ranges) > 0 {
		n := min(len(ranges), 100)
		b = strconv.AppendInt(b, int64(n), 10)
		b = append(b, " beginbfrange\n"...)
		for _, s := range ranges[:n] {
			hex4(s.first)
			b = append(b, ' ')
			hex4(s.last)
			b = append(b, ' ')
			hex4(uint16(s.r))
			b = append(b, '\n')
		}
		b = append(b, "endbfrange\n"...)
		ranges = ranges[n:]
	}
	return append(b, cmapTail...)
}

// singleBMP reports whether s is one character of the Basic Multilingual
// Plane (one UTF-16 unit), and returns it.
func singleBMP(s string) (rune, bool) {
	rs := []rune(s)
	if len(rs) != 1 || rs[0] > 0xFFFF || (rs[0] >= 0xD800 && rs[0] < 0xE000) {
		return 0, false
	}
	return rs[0], true
}

const cmapHead = `/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
/CMapName /Adobe-Identity-UCS def
/CMapType 2 def
1 begincodespacerange
<0000> <FFFF>
endcodespacerange
`

const cmapTail = `endcmap
CMapName currentdict /CMap defineresource pop
end
end
`
