package typeset

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/pamphlet/pamphlet/builder/doc"
	"github.com/pamphlet/pamphlet/builder/font"
	"github.com/pamphlet/pamphlet/builder/frame"
	"github.com/pamphlet/pamphlet/builder/hyphen"
	"github.com/pamphlet/pamphlet/builder/linebreak"
	"github.com/pamphlet/pamphlet/builder/units"
)

// hyphenPenalty and exHyphenPenalty are TeX's \hyphenpenalty and
// \exhyphenpenalty: the cost of breaking at a discretionary hyphen and
// after an explicit hyphen or dash.
const (
	hyphenPenalty   = 50
	exHyphenPenalty = 50
	// rareHyphenPenalty is the hyphen penalty of the scripts of India
	// when they are hyphenated at all (pdf: {hyphenate: all}): their
	// books are mostly set without hyphens, so a word is broken only
	// where the spacing would otherwise be poor.
	rareHyphenPenalty = 1000
)

// hyphenPenaltyFor returns the hyphen penalty for text hyphenated by h.
func hyphenPenaltyFor(h *hyphen.Hyphenator) int {
	if h == nil {
		return hyphenPenalty
	}
	if indic(h.Language()) {
		return rareHyphenPenalty
	}
	return hyphenPenalty
}

// indic reports whether a pattern language is one of the scripts of
// India.
func indic(lang string) bool {
	switch lang {
	case "hi", "mr", "bn", "ta", "te", "kn", "ml", "gu", "pa":
		return true
	}
	return false
}

// span is the payload of a box: what to draw and how.
type span struct {
	text string
	face font.Face
	size units.Sp
	rise units.Sp // baseline shift upwards (superscripts)
	url  string   // external link
	dest string   // internal link: an anchor name
	// note is the number of a footnote referenced here (0: none).
	note int
	// anchor names a place at this box (a note reference's back link).
	anchor string
	// off is the rune offset of the box in doc.PlainText of its block.
	off int
	// hyphen is the text a hyphenated break after this box draws.
	hyphen string
	// strike draws a rule through the box.
	strike bool
	// img is the file of an inline image drawn in the box, imgH its
	// height; it stands on the baseline like a capital.
	img  string
	imgH units.Sp
	// node is the structure element of the box's text when it is not
	// the paragraph's (a link, a note reference, an inline figure).
	node int32
}

// style is the inline state while items are built.
type istyle struct {
	face font.Face
	size units.Sp
	rise units.Sp
	url  string
	dest string
	code bool // no hyphenation, monospace
	// smallCaps sets lower-case letters as the font's small capitals,
	// or as capitals at smallCapScale when it has none.
	smallCaps bool
	strike    bool
	// node is the structure element of a link or note reference (0:
	// the paragraph's).
	node int32
}

// smallCapScale is the size of small capitals relative to the text: a
// capital that high matches the x-height of a book face like Charis.
const smallCapScale = 76

// hbuilder turns inlines into Knuth–Plass items with parallel payloads.
type hbuilder struct {
	ts    *articleSetter
	items []linebreak.Item
	spans []span // spans[i] is the payload of items[i] when it is a box
	off   int    // rune offset in PlainText
	at    doc.Pos
	// hyphenate is false for headings and code.
	hyphenate bool
	// ragged sets the lines flush left: spaces do not stretch.
	ragged bool
	// glueFace is the face whose space sizes the next interword glue.
	st istyle
	// looseness is TeX's \looseness for this paragraph.
	looseness int
	// rtl sets the paragraph right to left: its lines are mirrored
	// within the measure after breaking.
	rtl bool
	// micro is set when the paragraph is broken with protrusion and
	// font expansion (microtype.go).
	micro bool
	// node is the structure element of the paragraph's text.
	node int32
	// res is the line breaker's last result.
	res linebreak.Result
	// accept, when set, may refuse the breaks found: no line is then
	// set (a trial setting that fails costs only the breaking). Such a
	// trial never wants the line breaker's last resort (pass 4).
	accept func(linebreak.Result) bool
}

func (h *hbuilder) push(it linebreak.Item, sp span) {
	h.items = append(h.items, it)
	h.spans = append(h.spans, sp)
}

func (h *hbuilder) box(text string, st istyle) {
	if text == "" {
		return
	}
	fonts := h.ts.fonts
	if fonts.Covers(st.face, text) {
		h.push1(text, st, h.off)
		return
	}
	// Some characters are not in the face. Each run of one script goes
	// whole to the first face that has all of it (a word of mixed faces
	// looks patched, and a cluster split between fonts cannot shape).
	for _, rn := range scriptRuns(text) {
		seg := text[rn[0]:rn[1]]
		off := h.off + utf8.RuneCountInString(text[:rn[0]])
		if f, ok := fonts.PickText(st.face, seg); ok {
			s := st
			s.face = f
			h.push1(seg, s, off)
			continue
		}
		h.boxByRune(seg, st, off)
	}
}

// boxByRune sets text, which no one face covers, in runs of the faces
// that have its characters; what no face has is left out and reported,
// so that the measured width is what is drawn.
func (h *hbuilder) boxByRune(text string, st istyle, off int) {
	fonts := h.ts.fonts
	start := 0
	cur, curOK := st.face, true
	flush := func(end int) {
		if end > start && curOK {
			s := st
			s.face = cur
			h.push1(text[start:end], s, off+utf8.RuneCountInString(text[:start]))
		}
	}
	for i, r := range text {
		if curOK && i > 0 && fonts.HasGlyph(cur, r) {
			continue
		}
		f, ok := fonts.Pick(st.face, r)
		if !ok {
			flush(i)
			h.ts.checkGlyphs(string(r), st.face, h.at)
			start, cur, curOK = i+utf8.RuneLen(r), st.face, false
			continue
		}
		if f != cur || !curOK {
			flush(i)
			start, cur, curOK = i, f, true
		}
	}
	flush(len(text))
}

// scriptRuns splits text into byte ranges of one script each; common
// characters (punctuation, digits) and marks belong to the run they
// follow, or to the first run when they open the text.
func scriptRuns(text string) [][2]int {
	var runs [][2]int
	cur := ""
	start := 0
	for i, r := range text {
		sc := font.ScriptOf(r)
		if sc == "Zyyy" || sc == "Zinh" {
			continue
		}
		if cur != "" && sc != cur {
			runs = append(runs, [2]int{start, i})
			start = i
		}
		cur = sc
	}
	return append(runs, [2]int{start, len(text)})
}

// push1 appends one box of text in one face.
func (h *hbuilder) push1(text string, st istyle, off int) {
	w := h.ts.fc.Width(st.face, st.size, text)
	h.push(linebreak.Item{Kind: linebreak.Box, Width: w},
		span{text: text, face: st.face, size: st.size, rise: st.rise, url: st.url, dest: st.dest, off: off, strike: st.strike, node: st.node})
}

// smallCaps appends a word in small capitals: runs of lower-case letters
// upper-cased at a smaller size, the rest as it is, as adjacent boxes.
func (h *hbuilder) smallCaps(w string, st istyle, off int) {
	if f, ok := h.ts.fonts.SmallCaps(st.face); ok && h.ts.fonts.Covers(f, w) {
		// The font's own small capitals: drawn for the text's weight and
		// size, not capitals scaled down and too light.
		sc := st
		sc.smallCaps = false
		sc.face = f
		h.piece(w, sc, off)
		return
	}
	small := st
	small.smallCaps = false
	small.size = st.size * smallCapScale / 100
	big := st
	big.smallCaps = false
	start, lower := 0, false
	runeStart := off
	n := 0
	flush := func(end int) {
		if end <= start {
			return
		}
		if lower {
			h.piece(strings.ToUpper(w[start:end]), small, runeStart)
		} else {
			h.piece(w[start:end], big, runeStart)
		}
	}
	for i, r := range w {
		l := unicode.IsLower(r)
		if i == 0 {
			lower = l
		} else if l != lower {
			flush(i)
			start, lower, runeStart = i, l, off+n
		}
		n++
	}
	flush(len(w))
}

// space appends an interword glue sized from the current face.
func (h *hbuilder) space(st istyle) {
	if n := len(h.items); n == 0 || h.items[n-1].Kind == linebreak.Glue {
		return // spaces collapse, and none opens a paragraph
	}
	sw := h.ts.fonts.SpaceWidth(st.face, st.size)
	if h.ragged {
		// TeX's ragged right (The TeXbook, ch. 14): each space may end a
		// line that is then filled by up to 3em of stretch.
		r := 3 * st.size
		h.push(linebreak.Item{Kind: linebreak.Glue, Stretch: r}, span{})
		h.push(linebreak.Item{Kind: linebreak.Penalty}, span{})
		h.push(linebreak.Item{Kind: linebreak.Glue, Width: sw, Stretch: -r}, span{})
		return
	}
	h.push(linebreak.Item{Kind: linebreak.Glue, Width: sw, Stretch: sw / 2, Shrink: sw / 3}, span{})
}

func (h *hbuilder) penalty(p int, flagged bool, w units.Sp, sp span) {
	h.push(linebreak.Item{Kind: linebreak.Penalty, Penalty: p, Flagged: flagged, Width: w}, sp)
}

func (h *hbuilder) inlines(ins []doc.Inline, st istyle) {
	for _, in := range ins {
		h.inline(in, st)
	}
}

func (h *hbuilder) inline(in doc.Inline, st istyle) {
	switch n := in.(type) {
	case *doc.Text:
		h.at = n.At
		h.text(n.Value, st)
	case *doc.SoftBreak:
		h.space(st)
		h.off++
	case *doc.LineBreak:
		h.penalty(linebreak.Infinity, false, 0, span{})
		h.push(linebreak.Item{Kind: linebreak.Glue, Stretch: linebreak.Fil}, span{})
		h.penalty(-linebreak.Infinity, false, 0, span{})
		h.off++
	case *doc.Emph:
		st.face = st.face.WithItalic(!st.face.IsItalic())
		h.inlines(n.Inlines, st)
	case *doc.Strong:
		st.face = st.face.WithBold()
		h.inlines(n.Inlines, st)
	case *doc.Strike:
		st.strike = true
		h.inlines(n.Inlines, st)
	case *doc.SmallCaps:
		st.smallCaps = true
		h.inlines(n.Inlines, st)
	case *doc.Sup:
		st.rise += st.size * 35 / 100
		st.size = st.size * 7 / 10
		h.inlines(n.Inlines, st)
	case *doc.Sub:
		st.rise -= st.size * 15 / 100
		st.size = st.size * 7 / 10
		h.inlines(n.Inlines, st)
	case *doc.Code:
		h.at = n.At
		cs := st
		cs.face, cs.code = font.Mono, true
		cs.size = st.size * 88 / 100
		h.text(n.Value, cs)
	case *doc.Link:
		if id := h.ts.node(n); id != 0 {
			st.node = id
		}
		if n.Internal {
			st.dest = anchorName(n.TargetArticle, n.TargetID)
		} else if n.URL != "" && !strings.HasPrefix(n.URL, "#") {
			st.url = n.URL
		}
		h.inlines(n.Inlines, st)
	case *doc.Image:
		h.at = n.At
		if n.Path != "" {
			if w, ht, err := imageSize(n.Path); err != nil {
				h.ts.diags.Warnf(n.At, "T003", "image %s: %v; printing its description instead", n.Src, err)
			} else {
				h.image(n, w, ht, st)
				return
			}
		}
		alt := n.Alt
		if alt == "" {
			alt = "[image]"
		}
		st.face = st.face.WithItalic(true)
		h.text(alt, st)
	case *doc.NoteRef:
		h.at = n.At
		if n.N <= 0 {
			// Numbering is the transform stage's job; without it, find
			// the note by its label.
			for i, note := range h.ts.art.Notes {
				if note.Label == n.Label {
					n = &doc.NoteRef{Label: n.Label, N: noteNumber(i, note), At: n.At}
					break
				}
			}
		}
		if n.N <= 0 {
			h.ts.diags.Warnf(n.At, "T004", "footnote [^%s] has no text", n.Label)
			return
		}
		num := strconv.Itoa(n.N)
		ss := st
		ss.face = font.Regular
		if st.face.IsItalic() {
			ss.face = font.Italic
		}
		ss.rise = st.rise + st.size*38/100
		ss.size = st.size * 62 / 100
		w := h.ts.fc.Width(ss.face, ss.size, num)
		h.push(linebreak.Item{Kind: linebreak.Box, Width: w}, span{
			node: h.ts.node(in),
			text: num, face: ss.face, size: ss.size, rise: ss.rise,
			dest: noteAnchor(h.ts.art.ID, n.N), note: n.N, anchor: refAnchor(h.ts.art.ID, n.N), off: h.off,
		})
	}
}

// image places an inline picture of w × ht pixels as a box as tall as the
// type (one em, from the height of a capital to the depth of a
// descender), no wider than the measure the paragraph is likely set in.
// Its description counts in the plain text's offsets as doc.PlainText
// counts it.
func (h *hbuilder) image(n *doc.Image, w, ht int, st istyle) {
	ih := st.size
	iw := units.Sp(int64(ih) * int64(w) / int64(ht))
	if maxW := h.ts.style.TextWidth(); iw > maxW {
		ih = units.Sp(int64(ih) * int64(maxW) / int64(iw))
		iw = maxW
	}
	h.push(linebreak.Item{Kind: linebreak.Box, Width: iw}, span{img: n.Path, imgH: ih, rise: st.rise, off: h.off, size: st.size, node: h.ts.node(n)})
	h.off += utf8.RuneCountInString(n.Alt)
}

// text splits s into words, spaces and the special characters of good
// typography, and appends their items.
func (h *hbuilder) text(s string, st istyle) {
	start := 0 // start of the current word (byte offset)
	wordOff := h.off
	flush := func(end int) {
		if end > start {
			h.word(s[start:end], st, wordOff)
		}
	}
	for i, r := range s {
		special := true
		switch r {
		case ' ', '\n', '\t', '\r':
			flush(i)
			if st.code && r == ' ' {
				// Code keeps its spaces: a fixed space that may break.
				h.codeSpace(st)
			} else {
				h.space(st)
			}
		case '\u00a0', '\u202f', '\u2007':
			flush(i)
			w := h.ts.fonts.SpaceWidth(st.face, st.size)
			if r == '\u202f' {
				w = st.size / 6
			}
			h.penalty(linebreak.Infinity, false, 0, span{})
			if r == '\u00a0' && !h.ragged {
				h.push(linebreak.Item{Kind: linebreak.Glue, Width: w, Stretch: w / 2, Shrink: w / 3}, span{})
			} else {
				h.push(linebreak.Item{Kind: linebreak.Glue, Width: w}, span{})
			}
		case '\u2060', '\ufeff':
			// A word joiner draws nothing and forbids a break; the
			// only breaks we make are explicit, so it needs no item
			// unless the word around it is split.
			flush(i)
		case '\u200b':
			flush(i)
			h.penalty(0, false, 0, span{})
		case '\u00ad':
			flush(i)
			hw := h.ts.fc.Width(st.face, st.size, "-")
			h.penalty(h.ts.hyphenPenalty, true, hw, span{hyphen: "-", face: st.face, size: st.size, rise: st.rise})
		case '\u200a', '\u2009', '\u2006', '\u2005', '\u2004', '\u2008':
			flush(i)
			w := st.size / 12
			switch r {
			case '\u2009':
				w = st.size / 6
			case '\u2006':
				w = st.size / 6
			case '\u2005':
				w = st.size / 4
			case '\u2004':
				w = st.size / 3
			case '\u2008':
				w = h.ts.fc.Width(st.face, st.size, ".")
			}
			h.push(linebreak.Item{Kind: linebreak.Box, Width: w}, span{})
		default:
			special = false
		}
		if special {
			start = i + utf8.RuneLen(r)
			h.off++
			wordOff = h.off
			continue
		}
		h.off++
	}
	flush(len(s))
}

func (h *hbuilder) codeSpace(st istyle) {
	w := h.ts.fonts.SpaceWidth(st.face, st.size)
	h.push(linebreak.Item{Kind: linebreak.Glue, Width: w}, span{})
}

// word appends the boxes of one word, with break opportunities after its
// dashes and explicit hyphens and at its hyphenation points.
func (h *hbuilder) word(w string, st istyle, off int) {
	if st.smallCaps {
		h.smallCaps(w, st, off)
		return
	}
	if !st.code && font.NeedsBreaks(w) {
		h.cjkWord(w, st, off)
		return
	}
	var pts []int
	if h.hyphenate && !st.code && h.ts.hyph != nil && st.url == "" {
		pts = h.ts.hyph.AppendPoints(h.ts.pts[:0], w)
		h.ts.pts = pts
	}
	// A word in one face is shaped whole, and its pieces measured from
	// that run, so that a ligature or kerning pair across a hyphenation
	// point is measured as it is drawn when the word is not broken.
	var run *font.Run
	if (len(pts) > 0 || strings.ContainsAny(w, "—–-")) && h.ts.fonts.Covers(st.face, w) {
		run = h.ts.fc.Shape(st.face, w)
	}
	piece := func(a, b int, off int) {
		if run == nil || a >= b {
			h.piece(w[a:b], st, off)
			return
		}
		wd := h.ts.fonts.Scale(st.face, st.size, run.WidthBefore(b)) - h.ts.fonts.Scale(st.face, st.size, run.WidthBefore(a))
		h.push(linebreak.Item{Kind: linebreak.Box, Width: wd},
			span{text: w[a:b], face: st.face, size: st.size, rise: st.rise, url: st.url, dest: st.dest, off: off, strike: st.strike, node: st.node})
	}
	// Explicit breaks: after an em or en dash or a hyphen between
	// letters (never at the word's end, where the space breaks anyway).
	last := 0
	lastOff := off
	pi := 0
	runeIdx := 0
	for i, r := range w {
		for pi < len(pts) && pts[pi] <= i {
			if pts[pi] == i && i > last {
				piece(last, i, lastOff)
				hw := h.ts.fc.Width(st.face, st.size, "-")
				h.penalty(h.ts.hyphenPenalty, true, hw, span{hyphen: "-", face: st.face, size: st.size, rise: st.rise})
				last, lastOff = i, off+runeIdx
			}
			pi++
		}
		runeIdx++
		end := i + utf8.RuneLen(r)
		if (r == '—' || r == '–' || (r == '-' && i > 0)) && end < len(w) && !st.code {
			piece(last, end, lastOff)
			h.penalty(exHyphenPenalty, r == '-', 0, span{})
			last, lastOff = end, off+runeIdx
		}
	}
	piece(last, len(w), lastOff)
}

// cjkWord appends a run of text without spaces in which lines may break
// between characters (Chinese, Japanese): its pieces between the break
// opportunities of UAX #14, with a glue of no width that stretches a
// little at each, as the space between ideographs does in a justified
// line.
func (h *hbuilder) cjkWord(w string, st istyle, off int) {
	last := 0
	n := off
	for _, b := range font.LineBreaks(w) {
		h.piece(w[last:b], st, n)
		n += utf8.RuneCountInString(w[last:b])
		h.push(linebreak.Item{Kind: linebreak.Glue, Stretch: st.size / 8, Shrink: 0}, span{})
		last = b
	}
	h.piece(w[last:], st, n)
}

func (h *hbuilder) piece(s string, st istyle, off int) {
	if s == "" {
		return
	}
	save := h.off
	h.off = off
	h.box(s, st)
	h.off = save
}

// setLines breaks the items into lines of width w (line 0 may have its own
// width), returning one laid-out line per result line.
func (ts *articleSetter) breakLines(h *hbuilder, width func(int) units.Sp) ([]hline, linebreak.Result) {
	if len(h.items) == 0 {
		return nil, linebreak.Result{}
	}
	p := linebreak.Defaults(0)
	p.LineWidth = width
	p.EmergencyStretch = width(1) / 20
	p.MaxItems = 20000
	p.Looseness = h.looseness
	if h.accept != nil {
		// A trial takes no setting from the last resort: on a long
		// paragraph at another looseness, that pass alone took
		// milliseconds.
		p.MaxPass = 3
	}
	h.micro = !h.ragged && !h.rtl && ts.style != nil && ts.style.Microtype
	if h.micro {
		ts.microtype(h)
		// With the glyphs' stretch counted, TeX's first pass (without
		// hyphenation, at PreTolerance) accepts far more paragraphs,
		// whose lines then stretch their spaces where a hyphen would
		// have kept them even: skip it (TeX's \pretolerance=-1). On
		// Common Sense and Mutual Aid the spread of word spaces
		// (p95/median) goes from 1.305 and 1.300 to 1.243 and 1.234,
		// with 4.6% and 6.7% of lines hyphenated (8.3% and 11.7%
		// without microtype).
		p.PreTolerance = -1
	}
	res := ts.breaker.Break(h.items, p)
	h.res = res
	if h.accept != nil && !h.accept(res) {
		return nil, res
	}
	lines := make([]hline, 0, len(res.Lines))
	for _, ln := range res.Lines {
		cont := len(lines) > 0 && lines[len(lines)-1].hyphen
		lines = append(lines, ts.setLine(h, ln, width(len(lines)), cont))
	}
	return lines, res
}

// hline is a laid-out line: text items relative to the line's left edge
// and baseline.
type hline struct {
	items   []frame.Item
	anchors []string
	notes   []int
	off     int // rune offset of the first box
	width   units.Sp
	over    bool
	empty   bool
	// hyphen is set when the line ends with a hyphen drawn at the break.
	hyphen bool
}

// setLine places the boxes of one line: glue gets its natural width
// adjusted by the line's ratio, as TeX sets a line (§625).
func (ts *articleSetter) setLine(h *hbuilder, ln linebreak.Line, width units.Sp, cont bool) hline {
	// The items gather in a buffer kept for the next line and are
	// copied out at their exact length: appended one by one into a fresh
	// slice they cost several growths per line, and the copy's spare
	// capacity would stay with the line until its page is painted.
	out := hline{off: -1, over: ln.Overfull, empty: true, items: ts.lineBuf[:0]}
	ts.lineNode = h.node
	var x float64
	ratio := ln.Ratio
	if ratio > 0 && h.ragged {
		ratio = 0
	}
	items := h.items
	end := ln.End
	if end > len(items) {
		end = len(items)
	}
	// A word broken at a hyphenation point is measured, unbroken, from
	// the whole word's glyphs; broken, its two parts are drawn as words
	// of their own (a ligature across the break comes apart, a kerning
	// pair goes). The difference is taken from the line's spaces, so
	// that the line still fills its measure and nothing overlaps.
	firstBox, fix, glues := -1, 0.0, 0
	for i := ln.Start; i < end; i++ {
		switch it := items[i]; it.Kind {
		case linebreak.Glue:
			if it.Stretch < linebreak.Fil && (it.Width > 0 || it.Stretch > 0) {
				glues++
			}
		case linebreak.Box:
			if sp := &h.spans[i]; cont && firstBox < 0 && sp.text != "" && sp.img == "" {
				firstBox = i
				fix += float64(ts.fc.Width(sp.face, sp.size, sp.text) - it.Width)
			}
		}
	}
	if ln.Hyphenated && ln.End < len(items) && h.spans[ln.End].hyphen != "" {
		for i := end - 1; i >= ln.Start; i-- {
			if sp := &h.spans[i]; items[i].Kind == linebreak.Box && sp.text != "" && sp.img == "" {
				if i != firstBox {
					fix += float64(ts.fc.Width(sp.face, sp.size, sp.text+h.spans[ln.End].hyphen) - items[i].Width - items[ln.End].Width)
				}
				break
			}
		}
	}
	perGlue := 0.0
	if glues > 0 && !h.ragged {
		perGlue = -fix / float64(glues)
	}
	// Font expansion draws the line's glyphs scale times as wide, which
	// the line breaker counted as Expand of their stretch or shrink; the
	// rounding of the scale to frame.Item.Expand's steps, the hyphen's
	// expansion and the broken word's fix are taken from the spaces.
	scale, steps := 1.0, int8(0)
	if h.micro {
		steps = expandSteps(ln.Expand)
		scale = 1 + float64(steps)/frame.ExpandSteps
		var tw, fe float64
		for i := ln.Start; i < end; i++ {
			if it := items[i]; it.Kind == linebreak.Box && h.spans[i].text != "" && h.spans[i].img == "" {
				tw += float64(it.Width)
				if ln.Expand > 0 {
					fe += float64(it.Stretch)
				} else {
					fe += float64(it.Shrink)
				}
			}
		}
		if ln.Hyphenated && ln.End < len(items) && h.spans[ln.End].hyphen != "" {
			tw += float64(items[ln.End].Width)
		}
		if glues > 0 {
			perGlue = -((scale-1)*tw + scale*fix - ln.Expand*fe) / float64(glues)
		}
		x = -float64(ln.Left)
	}
	var lastSpan *span
	// Link rectangles are collected apart from the text and appended at
	// the end: kept in out.items, they would sit between two pieces of a
	// word that must merge, and a pointer into out.items would go stale
	// when append grows it.
	var links, rules []frame.Item
	inLink := false
	for i := ln.Start; i < end; i++ {
		it := items[i]
		switch it.Kind {
		case linebreak.Glue:
			g := float64(it.Width)
			if ratio > 0 && it.Stretch < linebreak.Fil {
				g += ratio * float64(it.Stretch)
			} else if ratio < 0 {
				g += ratio * float64(it.Shrink)
			}
			if it.Stretch < linebreak.Fil && (it.Width > 0 || it.Stretch > 0) {
				g += perGlue
			}
			x += g
		case linebreak.Box:
			sp := &h.spans[i]
			if i == firstBox {
				it.Width = ts.fc.Width(sp.face, sp.size, sp.text)
			}
			if steps != 0 && sp.text != "" && sp.img == "" {
				it.Width = units.Sp(float64(it.Width)*scale + 0.5)
			}
			if sp.img != "" {
				if out.off < 0 {
					out.off = sp.off
				}
				out.empty = false
				// From a capital's height (0.8 of the size, scaled to
				// the picture) down to its bottom below the baseline.
				top := -sp.rise - sp.size*8/10*sp.imgH/max(sp.size, 1)
				out.items = append(out.items, frame.Item{Kind: frame.Image, X: units.Sp(x + 0.5), Y: top, W: it.Width, H: sp.imgH, Path: sp.img, Node: nodeOr(sp.node, h.node)})
				lastSpan = nil // text after it is a new item
				inLink = false
				x += float64(it.Width)
				continue
			}
			if sp.text == "" {
				x += float64(it.Width)
				continue
			}
			if out.off < 0 {
				out.off = sp.off
			}
			xs := units.Sp(x + 0.5)
			out.empty = false
			// Merge with the previous piece of the same word (split at a
			// hyphenation point or dash) when nothing lies between.
			n := len(out.items)
			if lastSpan != nil && i > 0 && items[i-1].Kind != linebreak.Glue && n > 0 &&
				lastSpan.face == sp.face && lastSpan.size == sp.size && lastSpan.rise == sp.rise && sp.note == 0 && lastSpan.note == 0 && !sp.strike && lastSpan.node == sp.node {
				out.items[n-1].Text += sp.text
				out.items[n-1].W += it.Width
			} else {
				ts.placeText(&out, sp, xs, it.Width)
			}
			if sp.strike {
				// Through the middle of the lower-case letters.
				rules = append(rules, frame.Item{Kind: frame.Rule, X: xs, Y: -sp.rise - sp.size*26/100, W: it.Width, H: max(sp.size/18, units.Pt*4/10)})
			}
			if sp.url != "" || sp.dest != "" {
				if l := len(links) - 1; inLink && links[l].URL == sp.url && links[l].Dest == sp.dest {
					links[l].W = xs + it.Width - links[l].X
				} else {
					links = append(links, frame.Item{Kind: frame.Link, X: xs, Y: -sp.size * 8 / 10, W: it.Width, H: sp.size, URL: sp.url, Dest: sp.dest, Node: nodeOr(sp.node, h.node)})
				}
				inLink = true
			} else {
				inLink = false
			}
			if sp.note > 0 {
				out.notes = append(out.notes, sp.note)
			}
			if sp.anchor != "" {
				out.anchors = append(out.anchors, sp.anchor)
			}
			lastSpan = sp
			x += float64(it.Width)
		case linebreak.Penalty:
			// Only a break penalty draws (its hyphen); others are inside.
		}
	}
	// A break at a discretionary draws its hyphen; one after an explicit
	// hyphen or dash draws nothing more ("bird-" not "bird--").
	if ln.Hyphenated && ln.End < len(items) && lastSpan != nil && h.spans[ln.End].hyphen != "" {
		sp := h.spans[ln.End]
		hy := sp.hyphen
		if n := len(out.items); n > 0 && out.items[n-1].Kind == frame.Text {
			out.items[n-1].Text += hy
			out.items[n-1].Flags |= frame.Hyphenated
		} else {
			out.items = append(out.items, frame.Item{Kind: frame.Text, X: units.Sp(x), Face: sp.face, Size: sp.size, Text: hy, Node: h.node, Flags: frame.Hyphenated})
		}
		out.hyphen = true
		x += float64(items[ln.End].Width) * scale
	}
	if steps != 0 {
		for i := range out.items {
			if out.items[i].Kind == frame.Text {
				out.items[i].Expand = steps
			}
		}
	}
	if cont {
		for i := range out.items {
			if out.items[i].Kind == frame.Text {
				out.items[i].Flags |= frame.Continues
				break
			}
		}
	}
	out.width = units.Sp(x)
	out.items = append(out.items, rules...)
	out.items = append(out.items, links...)
	ts.lineBuf = out.items
	out.items = slices.Clone(out.items)
	return out
}

// placeText appends the text of one box: the PDF writer paints its glyph
// run, kerning and ligatures included, from x.
func (ts *articleSetter) placeText(out *hline, sp *span, x, w units.Sp) {
	out.items = append(out.items, frame.Item{Kind: frame.Text, X: x, Y: -sp.rise, W: w, Face: sp.face, Size: sp.size, Text: sp.text, Node: nodeOr(sp.node, ts.lineNode)})
}

// nodeOr returns n, or def when n is 0.
func nodeOr(n, def int32) int32 {
	if n != 0 {
		return n
	}
	return def
}

func anchorName(article, id string) string {
	if id == "" {
		return "art:" + article
	}
	return "art:" + article + "#" + id
}

func noteAnchor(article string, n int) string { return fmt.Sprintf("note:%s:%d", article, n) }
func refAnchor(article string, n int) string  { return fmt.Sprintf("ref:%s:%d", article, n) }

// noteNumber is a note's number: its N, or its place in the article when
// the transform stage has not numbered the notes.
func noteNumber(i int, n *doc.Note) int {
	if n.N > 0 {
		return n.N
	}
	return i + 1
}

// firstStrongRTL reports whether the paragraph's first character with a
// strong direction is right to left (UAX #9, P2): the paragraph is then
// set right to left.
func (h *hbuilder) firstStrongRTL() bool {
	for i := range h.spans {
		switch textDir(h.spans[i].text) {
		case 'R':
			return true
		case 'L':
			return false
		}
	}
	return false
}
