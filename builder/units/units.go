// Package units holds the typesetter's length unit, the scaled point, and
// parses lengths as writers give them in layouts and manifests.
//
// Lengths are integers (1/65536 pt, as in TeX) so that line and page breaks
// come out the same on every machine: floating point sums depend on the
// order of addition, integers do not.
package units

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Sp is a length in scaled points: 65536 sp = 1 pt = 1/72 in.
type Sp int64

// Common lengths.
const (
	Pt Sp = 65536
	In Sp = 72 * Pt
)

// Mm is one millimetre, rounded to the nearest scaled point.
const Mm Sp = 185771 // 72/25.4 pt = 2.834645669 pt, rounded

// FromPt converts points to scaled points, rounding to the nearest.
func FromPt(pt float64) Sp { return Sp(math.Round(pt * float64(Pt))) }

// FromMM converts millimetres to scaled points, rounding to the nearest.
func FromMM(mm float64) Sp { return Sp(math.Round(mm * 72 / 25.4 * float64(Pt))) }

// Points returns s in points.
func (s Sp) Points() float64 { return float64(s) / float64(Pt) }

// MM returns s in millimetres.
func (s Sp) MM() float64 { return s.Points() * 25.4 / 72 }

// String formats s in points with up to three decimals, e.g. "10.5pt".
func (s Sp) String() string {
	return strconv.FormatFloat(math.Round(s.Points()*1000)/1000, 'f', -1, 64) + "pt"
}

// Parse reads a length such as "12mm", "1.5cm", "0.5in", "10pt" or "10.5"
// (points). It rejects negative, infinite and absurd values (over 10 m),
// so that a typo cannot make the typesetter loop or allocate without end.
func Parse(s string) (Sp, error) {
	t := strings.TrimSpace(strings.ToLower(s))
	factor := 1.0 // points
	for _, u := range []struct {
		suffix string
		pt     float64
	}{{"mm", 72 / 25.4}, {"cm", 720 / 25.4}, {"in", 72}, {"pt", 1}, {"pc", 12}} {
		if strings.HasSuffix(t, u.suffix) {
			t = strings.TrimSpace(strings.TrimSuffix(t, u.suffix))
			factor = u.pt
			break
		}
	}
	v, err := strconv.ParseFloat(t, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, fmt.Errorf("%q is not a length (use a number with mm, cm, in or pt)", s)
	}
	if v < 0 {
		return 0, fmt.Errorf("length %q is negative", s)
	}
	pt := v * factor
	if pt > 28346 { // 10 m
		return 0, fmt.Errorf("length %q is too large", s)
	}
	return FromPt(pt), nil
}
