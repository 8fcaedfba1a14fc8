package impose

import (
	"reflect"
	"testing"

	"github.com/pamphlet/pamphlet/builder/units"
)

func seqN(n int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = i
	}
	return s
}

// pages turns 0-based sequence entries into 1-based page numbers (0 for
// blank) so the expectations read like a printer's imposition sheet.
func pages(sh []Sheet) [][4]int {
	num := func(i int) int { return i + 1 }
	var out [][4]int
	for _, s := range sh {
		out = append(out, [4]int{num(s.Front.Left), num(s.Front.Right), num(s.Back.Left), num(s.Back.Right)})
	}
	return out
}

func TestOrderEight(t *testing.T) {
	sh, err := Order(seqN(8), 0)
	if err != nil {
		t.Fatal(err)
	}
	want := [][4]int{{8, 1, 2, 7}, {6, 3, 4, 5}}
	if got := pages(sh); !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
	if sh[0].Depth != 0 || sh[1].Depth != 1 || sh[1].Signature != 0 {
		t.Errorf("depths/signatures: %+v", sh)
	}
}

// TestOrderCoversEveryPageOnce checks, for many sizes, that each page
// appears exactly once and that pages facing each other in the folded
// booklet sum to n+1 on every side.
func TestOrderCoversEveryPageOnce(t *testing.T) {
	for n := 4; n <= 64; n += 4 {
		sh, err := Order(seqN(n), 0)
		if err != nil {
			t.Fatal(err)
		}
		if len(sh) != n/4 {
			t.Fatalf("n=%d: %d sheets", n, len(sh))
		}
		seen := map[int]int{}
		for _, p := range pages(sh) {
			for _, x := range p {
				seen[x]++
			}
			if p[0]+p[1] != n+1 || p[2]+p[3] != n+1 {
				t.Errorf("n=%d: side %v does not sum to %d", n, p, n+1)
			}
			if p[1]%2 != 1 || p[2]%2 != 0 {
				t.Errorf("n=%d: %v: odd (recto) pages belong on the right of fronts", n, p)
			}
		}
		for i := 1; i <= n; i++ {
			if seen[i] != 1 {
				t.Errorf("n=%d: page %d appears %d times", n, i, seen[i])
			}
		}
	}
}

func TestNestedSignatures(t *testing.T) {
	// 20 pages in signatures of 8: 8 + 8 + 4.
	sh, err := Order(seqN(20), 8)
	if err != nil {
		t.Fatal(err)
	}
	want := [][4]int{
		{8, 1, 2, 7}, {6, 3, 4, 5},
		{16, 9, 10, 15}, {14, 11, 12, 13},
		{20, 17, 18, 19},
	}
	if got := pages(sh); !reflect.DeepEqual(got, want) {
		t.Errorf("got %v\nwant %v", got, want)
	}
	var sigs, depths []int
	for _, s := range sh {
		sigs = append(sigs, s.Signature)
		depths = append(depths, s.Depth)
	}
	if !reflect.DeepEqual(sigs, []int{0, 0, 1, 1, 2}) || !reflect.DeepEqual(depths, []int{0, 1, 0, 1, 0}) {
		t.Errorf("signatures %v depths %v", sigs, depths)
	}
}

func TestOrderErrors(t *testing.T) {
	if _, err := Order(seqN(6), 0); err == nil {
		t.Error("6 pages: want an error")
	}
	for _, sig := range []int{-4, 6, 2} {
		if _, err := Order(seqN(8), sig); err == nil {
			t.Errorf("signature %d: want an error", sig)
		}
	}
	if sh, err := Order(nil, 0); err != nil || len(sh) != 0 {
		t.Errorf("empty: %v %v", sh, err)
	}
}

func TestPad(t *testing.T) {
	for _, tc := range []struct {
		n         int
		backCover bool
		want      []int
		added     int
	}{
		{8, false, seqN(8), 0},
		{5, false, []int{0, 1, 2, 3, 4, Blank, Blank, Blank}, 3},
		{6, false, []int{0, 1, 2, 3, 4, 5, Blank, Blank}, 2},
		{7, false, []int{0, 1, 2, 3, 4, 5, 6, Blank}, 1},
		{6, true, []int{0, 1, 2, 3, 4, Blank, Blank, 5}, 2},
		{1, true, []int{0, Blank, Blank, Blank}, 3},
		{0, false, nil, 0},
	} {
		got, added := Pad(tc.n, tc.backCover)
		if !reflect.DeepEqual(got, tc.want) || added != tc.added {
			t.Errorf("Pad(%d, %v) = %v, %d; want %v, %d", tc.n, tc.backCover, got, added, tc.want, tc.added)
		}
	}
	// A padded 10-page book: the two blanks land on the last sheet, as
	// pages 11 and 12, never between two pages of text.
	seq, _ := Pad(10, false)
	sh, _ := Order(seq, 0)
	if sh[0].Front.Left != Blank || sh[0].Back.Right != Blank {
		t.Errorf("blanks at the wrong place: %+v", sh[0])
	}
}

func TestCreep(t *testing.T) {
	per := units.FromMM(0.1)
	for d, want := range []units.Sp{0, per, 2 * per, 3 * per} {
		if got := Creep(d, per); got != want {
			t.Errorf("Creep(%d) = %v, want %v", d, got, want)
		}
	}
}

func TestDefaultSheet(t *testing.T) {
	mm := units.FromMM
	in := func(x float64) units.Sp { return units.FromPt(x * 72) }
	for _, tc := range []struct {
		w, h units.Sp
		want string
	}{
		{mm(148), mm(210), "a4"},
		{mm(105), mm(148), "a5"},
		{mm(210), mm(297), "a3"},
		{in(5.5), in(8.5), "letter"},
		{in(8.5), in(11), "tabloid"},
		{mm(74), mm(105), "a6"},
		{mm(400), mm(400), "custom"},
	} {
		if got := DefaultSheet(tc.w, tc.h); got.Name != tc.want {
			t.Errorf("DefaultSheet(%v, %v) = %s, want %s", tc.w, tc.h, got.Name, tc.want)
		}
	}
	if s := DefaultSheet(mm(400), mm(300)); s.W != 2*mm(400) || s.H != mm(300) {
		t.Errorf("custom sheet %v×%v", s.W, s.H)
	}
}

func TestSheetByNameAndFit(t *testing.T) {
	a4, ok := SheetByName(" A4 ")
	if !ok || a4.W != units.FromMM(297) || a4.H != units.FromMM(210) {
		t.Fatalf("a4: %+v %v", a4, ok)
	}
	if _, ok := SheetByName("a7"); ok {
		t.Error("a7 is not a sheet we know")
	}
	if s, ok := SheetByName("ledger"); !ok || s.Name != "tabloid" {
		t.Errorf("ledger: %+v", s)
	}
	if f := Fit(a4, units.FromMM(148), units.FromMM(210)); f != 1 {
		t.Errorf("A5 on A4: scale %v, want 1", f)
	}
	if f := Fit(a4, units.FromMM(105), units.FromMM(148)); f != 1 {
		t.Errorf("A6 on A4: scale %v, want 1 (never enlarged)", f)
	}
	if f := Fit(a4, units.FromMM(210), units.FromMM(297)); f < 0.70 || f > 0.71 {
		t.Errorf("A4 on A4: scale %v, want 0.707", f)
	}
}

// TestRightToLeft: a right-to-left booklet of 8 pages prints 1|8 on the
// outer sheet's front (page 1 on the right of a left-bound book, on the
// left here), so that folded it opens from the right.
func TestRightToLeft(t *testing.T) {
	seq, _ := Pad(8, false)
	order, err := Order(seq, 0)
	if err != nil {
		t.Fatal(err)
	}
	rtl := RightToLeft(order)
	if len(rtl) != len(order) {
		t.Fatalf("%d sheets, want %d", len(rtl), len(order))
	}
	for i := range order {
		if rtl[i].Front.Left != order[i].Front.Right || rtl[i].Front.Right != order[i].Front.Left ||
			rtl[i].Back.Left != order[i].Back.Right || rtl[i].Back.Right != order[i].Back.Left {
			t.Errorf("sheet %d: %+v from %+v", i, rtl[i], order[i])
		}
	}
	if order[0].Front.Right != 0 || rtl[0].Front.Left != 0 {
		t.Errorf("the first page is at %+v (left-bound %+v)", rtl[0].Front, order[0].Front)
	}
}
