package pdf

import (
	"strconv"

	"github.com/pamphlet/pamphlet/builder/font"
	"github.com/pamphlet/pamphlet/builder/frame"
	"github.com/pamphlet/pamphlet/builder/pdf/internal/obj"
	"github.com/pamphlet/pamphlet/builder/units"
)

// noFace is a face number no set has: the content has no font yet.
const noFace = font.Face(255)

// content is one content stream being built: a page's or a booklet
// page's form. Its methods take frame coordinates (points or scaled
// points from the top-left corner, y down) and write PDF's (from the
// bottom-left, y up), flipping against the height h.
type content struct {
	b []byte
	h units.Sp

	// face and size are the font in the graphics state: a run of words
	// in one face sets it once. noFace after a restore (Q) or at the
	// start.
	face font.Face
	size units.Sp
	// expand is the horizontal scaling (Tz) in the graphics state, as
	// frame.Item.Expand: 0 for 100%. saved holds it at each open save
	// (q), for the restore (Q) that brings it back.
	expand int8
	saved  []int8

	// mcid is the next marked-content identifier of this stream, and
	// marks the number of marked-content sequences open: the hooks for
	// tagging (see tags.go).
	mcid  int
	marks int
	// mark is what the open sequence the painter manages marks (a node,
	// or an artifact key; markNone when none is open), and markInText
	// whether it was opened inside the current text object, where it
	// must also end (see document.setMark).
	mark       int32
	markInText bool
}

// reset empties c for a new page or form of height h, keeping its
// buffer.
func (c *content) reset(h units.Sp) {
	*c = content{b: c.b[:0], h: h, face: noFace, mark: markNone, saved: c.saved[:0]}
}

// cpt returns s in hundredths of a point, rounded: positions are written
// from these integers, so that differences between them do not drift. A
// hundredth of a point (3.5 µm) is below what any printer resolves, and
// two decimals keep the page content short.
func cpt(s units.Sp) int64 { return (int64(s)*100 + 1<<15) >> 16 }

// num appends a number of points with at most three decimals and a space.
func (c *content) num(v float64) {
	c.b = obj.AppendNumber(c.b, v, 3)
	c.b = append(c.b, ' ')
}

// fixed appends hundredths of a point as points, and a space.
func (c *content) fixed(m int64) {
	c.b = obj.AppendFixed(c.b, m, 2)
	c.b = append(c.b, ' ')
}

func (c *content) op(s string) { c.b = append(c.b, s...); c.b = append(c.b, '\n') }

// save and restore write q and Q. A restore brings back the font of the
// save, which c no longer knows: the next text sets its font again.
func (c *content) save() {
	c.op("q")
	c.saved = append(c.saved, c.expand)
}

func (c *content) restore() {
	c.op("Q")
	c.face = noFace
	c.popExpand()
}

// popExpand brings back the horizontal scaling of the last save.
func (c *content) popExpand() {
	if n := len(c.saved); n > 0 {
		c.expand = c.saved[n-1]
		c.saved = c.saved[:n-1]
	}
}

// hscale sets the horizontal scaling of the text that follows to
// expand's (frame.Item.Expand), writing Tz when it changes.
func (c *content) hscale(expand int8) {
	if expand == c.expand {
		return
	}
	// Tz takes a percentage: 100 + expand/50, exact in hundredths.
	c.b = obj.AppendFixed(c.b, 10000+int64(expand)*10000/frame.ExpandSteps, 2)
	c.op(" Tz")
	c.expand = expand
}

// transform concatenates the matrix [a b c d e f] (PDF coordinates).
func (c *content) transform(a, b, cc, d, e, f float64) {
	for _, v := range [...]float64{a, b, cc, d} {
		c.b = obj.AppendNumber(c.b, v, 5)
		c.b = append(c.b, ' ')
	}
	c.num(e)
	c.num(f)
	c.op("cm")
}

// fillRect fills the rectangle with top-left (x, y) and size w × h in
// frame coordinates.
func (c *content) fillRect(x, y, w, h units.Sp) {
	c.fixed(cpt(x))
	c.fixed(cpt(c.h - y - h))
	c.fixed(cpt(w))
	c.fixed(cpt(h))
	c.op("re f")
}

// clipRect clips to the rectangle (x, y, w, h) in points, frame
// coordinates.
func (c *content) clipRect(x, y, w, h float64) {
	c.num(x)
	c.num(c.h.Points() - y - h)
	c.num(w)
	c.num(h)
	c.op("re W n")
}

// line strokes a line from (x1, y1) to (x2, y2) in points, frame
// coordinates.
func (c *content) line(x1, y1, x2, y2 float64) {
	hp := c.h.Points()
	c.num(x1)
	c.num(hp - y1)
	c.op("m")
	c.num(x2)
	c.num(hp - y2)
	c.op("l S")
}

// lineWidth sets the width of stroked lines in points.
func (c *content) lineWidth(w float64) {
	c.num(w)
	c.op("w")
}

// dash sets a dash pattern in points; none gives solid lines.
func (c *content) dash(pattern ...float64) {
	c.b = append(c.b, '[')
	for i, v := range pattern {
		if i > 0 {
			c.b = append(c.b, ' ')
		}
		c.b = obj.AppendNumber(c.b, v, 3)
	}
	c.op("] 0 d")
}

// xobject paints the XObject name (an image) in the box (x, y, w, h),
// frame coordinates.
func (c *content) xobject(name string, x, y, w, h units.Sp) {
	c.save()
	c.fixed(cpt(w))
	c.b = append(c.b, "0 0 "...)
	c.fixed(cpt(h))
	c.fixed(cpt(x))
	c.fixed(cpt(c.h - y - h))
	c.op("cm")
	c.b = obj.AppendName(c.b, name)
	c.op(" Do")
	c.op("Q") // the font survives: nothing in between set one
	c.popExpand()
}

// Marked content: the hooks for tagged PDF (PDF/UA, PDF/A level a).
// Tagging wraps each run of a structure element's content in
// beginTag … endMarked, and what is not content (running heads, folios,
// rules) in beginArtifact … endMarked; the MCIDs a page hands out are
// what its /StructParents entry in the parent tree lists (tags.go). A
// sequence must not cross a text object's boundary, so the text painter
// opens and closes them between lines, or inside one line's BT … ET.

// beginTag opens a marked-content sequence of structure type tag ("P",
// "H1", "Span") with the next MCID of this stream, and returns the MCID.
func (c *content) beginTag(tag string) int {
	id := c.mcid
	c.mcid++
	c.marks++
	c.b = obj.AppendName(c.b, tag)
	c.b = append(c.b, " <</MCID "...)
	c.b = strconv.AppendInt(c.b, int64(id), 10)
	c.op(">> BDC")
	return id
}

// beginArtifact opens an artifact sequence; kind is "" or the artifact's
// /Type ("Pagination", "Layout").
func (c *content) beginArtifact(kind string) {
	c.marks++
	if kind == "" {
		c.op("/Artifact BMC")
		return
	}
	c.b = append(c.b, "/Artifact <</Type "...)
	c.b = obj.AppendName(c.b, kind)
	c.op(">> BDC")
}

// beginArtifactProps opens an artifact sequence with the property list
// props ("<</Type /Pagination>>").
func (c *content) beginArtifactProps(props string) {
	c.marks++
	c.b = append(c.b, "/Artifact "...)
	c.b = append(c.b, props...)
	c.op(" BDC")
}

// endMarked closes the innermost open sequence; without one it does
// nothing, so that a stream stays balanced.
func (c *content) endMarked() {
	if c.marks == 0 {
		return
	}
	c.marks--
	c.op("EMC")
}

// closeMarks closes every sequence still open, at the end of a stream.
func (c *content) closeMarks() {
	for c.marks > 0 {
		c.endMarked()
	}
}
