package frame

import (
	"testing"

	"github.com/pamphlet/pamphlet/builder/units"
)

// TestCoverRect: an image wider than its box is fitted to the box's
// height and centred across it, a taller one fitted to its width and
// centred down it, one of the box's proportions fills it exactly.
func TestCoverRect(t *testing.T) {
	pt := units.Pt
	for _, c := range []struct {
		name           string
		iw, ih         int
		x, y, w, h     units.Sp
		cx, cy, cw, ch units.Sp
	}{
		{"wider", 400, 100, 10 * pt, 20 * pt, 100 * pt, 100 * pt, -140 * pt, 20 * pt, 400 * pt, 100 * pt},
		{"taller", 100, 300, 0, 0, 100 * pt, 100 * pt, 0, -100 * pt, 100 * pt, 300 * pt},
		{"same", 200, 100, 5 * pt, 5 * pt, 40 * pt, 20 * pt, 5 * pt, 5 * pt, 40 * pt, 20 * pt},
		{"no pixels", 0, 100, 1, 2, 3, 4, 1, 2, 3, 4},
	} {
		cx, cy, cw, ch := CoverRect(c.x, c.y, c.w, c.h, c.iw, c.ih)
		if cx != c.cx || cy != c.cy || cw != c.cw || ch != c.ch {
			t.Errorf("%s: %v,%v %v×%v, want %v,%v %v×%v", c.name, cx, cy, cw, ch, c.cx, c.cy, c.cw, c.ch)
		}
	}
}
