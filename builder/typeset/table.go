package typeset

import (
	"github.com/pamphlet/pamphlet/builder/doc"
	"github.com/pamphlet/pamphlet/builder/font"
	"github.com/pamphlet/pamphlet/builder/frame"
	"github.com/pamphlet/pamphlet/builder/linebreak"
	"github.com/pamphlet/pamphlet/builder/units"
)

// table lays out a table: column widths from the cells' natural widths,
// each row an unbreakable element, the header repeated after a page
// break, rules above and below (booktabs style, no vertical rules).
func (ts *articleSetter) table(t *doc.Table, c bctx) []vel {
	ncol := 0
	for _, rows := range [][][]*doc.Cell{t.Head, t.Rows} {
		for _, r := range rows {
			ncol = max(ncol, len(r))
		}
	}
	if ncol == 0 {
		return nil
	}
	size := c.size * 9 / 10
	lead := c.lead * 9 / 10
	pad := size / 2
	nat := make([]units.Sp, ncol)  // natural widths
	minw := make([]units.Sp, ncol) // longest words
	measure := func(cell *doc.Cell, face font.Face) {}
	_ = measure
	cellItems := func(cell *doc.Cell, face font.Face) *hbuilder {
		h := &hbuilder{ts: ts, at: cell.At, ragged: true, node: ts.node(cell)}
		h.inlines(cell.Inlines, istyle{face: face, size: size})
		return h
	}
	for ri, rows := range [][][]*doc.Cell{t.Head, t.Rows} {
		face := font.Regular
		if ri == 0 {
			face = font.Bold
		}
		for _, r := range rows {
			for j, cell := range r {
				if cell == nil {
					continue
				}
				h := cellItems(cell, face)
				var w, word units.Sp
				for _, it := range h.items {
					switch it.Kind {
					case linebreak.Box:
						w += it.Width
						word += it.Width
						minw[j] = max(minw[j], word)
					case linebreak.Glue:
						w += it.Width
						word = 0
					}
				}
				nat[j] = max(nat[j], w)
			}
		}
	}
	avail := c.width - units.Sp(ncol)*2*pad
	widths := make([]units.Sp, ncol)
	var sumNat, sumMin units.Sp
	for j := range nat {
		sumNat += nat[j]
		sumMin += minw[j]
	}
	switch {
	case sumNat <= avail:
		copy(widths, nat)
	case sumMin >= avail:
		for j := range widths {
			widths[j] = units.Sp(int64(avail) * int64(minw[j]) / int64(max(sumMin, 1)))
		}
	default:
		extra := avail - sumMin
		for j := range widths {
			widths[j] = minw[j] + units.Sp(int64(extra)*int64(nat[j]-minw[j])/int64(max(sumNat-sumMin, 1)))
		}
	}
	var total units.Sp
	for _, w := range widths {
		total += w + 2*pad
	}
	x0 := c.left + (c.width-total)/2
	rule := func(y, thick units.Sp) frame.Item {
		return frame.Item{Kind: frame.Rule, X: x0, Y: y, W: total, H: thick}
	}
	cc := bctx{size: size, lead: lead, face: font.Regular, ragged: true, block: c.block}
	// row sets row ri, counting the head rows first (doc.PageStart.Path).
	row := func(ri int, r []*doc.Cell, face font.Face) vel {
		e := vel{block: c.block, path: c.path, hasStart: true}
		if c.top {
			e.path = subPath(c.path, ri)
		}
		var rowH units.Sp
		x := x0
		for j := 0; j < ncol; j++ {
			if j < len(r) && r[j] != nil {
				cell := r[j]
				h := cellItems(cell, face)
				k := cc
				k.face = face
				k.left = x + pad
				k.width = widths[j]
				lines := ts.linesToVels(h, k, cell.At, nil)
				align := doc.AlignDefault
				if j < len(t.Align) {
					align = t.Align[j]
				}
				// A quarter of the side padding above and below: rows
				// of running text, not boxes.
				y := pad / 4
				for _, ln := range lines {
					shift := units.Sp(0)
					if align == doc.AlignRight || align == doc.AlignCenter {
						var right units.Sp
						for _, it := range ln.items {
							if it.Kind == frame.Text {
								right = max(right, it.X+it.W)
							}
						}
						free := k.left + k.width - right
						if align == doc.AlignCenter {
							free /= 2
						}
						shift = max(free, 0)
					}
					for _, it := range ln.items {
						it.X += shift
						it.Y += y
						e.items = append(e.items, it)
					}
					for _, a := range ln.anchors {
						a.Y += y
						e.anchors = append(e.anchors, a)
					}
					e.notes = append(e.notes, ln.notes...)
					if ln.over != nil && e.over == nil {
						e.over = ln.over
					}
					y += ln.h
				}
				rowH = max(rowH, y+pad/4)
			}
			x += widths[j] + 2*pad
		}
		e.h = max(rowH, lead+pad/2)
		return e
	}
	thick, thin := units.Pt*6/10, units.Pt*3/10
	var head []vel
	for i, r := range t.Head {
		e := row(i, r, font.Bold)
		if i == 0 {
			e.items = append(e.items, rule(0, thick))
		}
		if i == len(t.Head)-1 {
			e.items = append(e.items, rule(e.h-thin, thin))
		}
		if i > 0 {
			e.brk = inf
		}
		head = append(head, e)
	}
	out := append([]vel(nil), head...)
	for i, r := range t.Rows {
		e := row(len(t.Head)+i, r, font.Regular)
		if i == 0 && len(head) == 0 {
			e.items = append(e.items, rule(0, thick))
		}
		if i == len(t.Rows)-1 {
			e.items = append(e.items, rule(e.h, thick))
		}
		if i == 0 && len(head) > 0 {
			e.brk = inf
		}
		if len(head) > 0 {
			e.repeat = head
		}
		out = append(out, e)
	}
	return out
}
