package linebreak

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pamphlet/pamphlet/builder/units"
	"github.com/pamphlet/pamphlet/internal/testtool"
)

// itemsFromBytes turns fuzz input into a paragraph and parameters: two
// bytes an item, so every byte string is some paragraph.
func itemsFromBytes(data []byte) ([]Item, Params) {
	lw := units.Pt
	if len(data) > 0 {
		lw = units.Sp(data[0]) * units.Pt
	}
	p := Defaults(lw)
	if len(data) > 1 {
		c := data[1]
		p.MaxConsecutiveHyphens = int(c % 4)
		if c&4 != 0 {
			p.EmergencyStretch = 3 * units.Pt
		}
		if c&8 != 0 {
			p.PreTolerance = -1
		}
		if c&16 != 0 {
			p.Looseness = int(c>>5) - 3
		}
		if c&128 != 0 {
			p.MaxItems = 8
		}
	}
	if len(data) > 2 && data[2]&1 != 0 {
		p.LineWidth = func(n int) units.Sp { return lw + units.Sp(n%3)*units.Pt }
		p.EasyLine = int(data[2] >> 1 % 4)
	}
	var items []Item
	for i := 3; i+1 < len(data); i += 2 {
		k, v := data[i], data[i+1]
		switch k % 6 {
		case 0, 1:
			items = append(items, Item{Kind: Box, Width: units.Sp(v) * units.Pt / 4})
		case 2:
			items = append(items, Item{Kind: Glue, Width: units.Sp(v%16) * units.Pt / 2,
				Stretch: units.Sp(v>>4) * units.Pt / 4, Shrink: units.Sp(v&3) * units.Pt / 4})
		case 3:
			items = append(items, Item{Kind: Penalty, Penalty: (int(v) - 128) * 100,
				Flagged: k&8 != 0, Width: units.Sp(k>>4) * units.Pt})
		case 4:
			items = append(items, Item{Kind: Glue, Stretch: Fil})
		case 5:
			items = append(items, Item{Kind: Penalty, Penalty: -Infinity})
		}
	}
	return items, p
}

func FuzzBreak(f *testing.F) {
	f.Add([]byte{40, 2, 0, 0, 20, 2, 4, 0, 30, 3, 50, 1, 10})
	f.Add([]byte{1, 255, 255, 0, 255, 0, 255, 5, 0, 5, 0})
	f.Add([]byte{200, 0, 1, 2, 0, 2, 0, 2, 0, 3, 0})
	f.Add([]byte(strings.Repeat("\x00\x10\x02\x35\x0b\x60", 50)))
	f.Fuzz(func(t *testing.T, data []byte) {
		items, p := itemsFromBytes(data)
		start := time.Now()
		res := Break(items, p)
		if d := time.Since(start); d > 2*time.Second {
			t.Fatalf("%d items took %v", len(items), d)
		}
		checkCover(t, items, res)
		if len(items) > 0 && len(res.Lines) == 0 {
			t.Fatalf("%d items gave no lines", len(items))
		}
		for _, ln := range res.Lines {
			if ln.End > len(items)+2 {
				t.Fatalf("line ends at %d of %d items", ln.End, len(items))
			}
		}
	})
}

// TestCoverProperty breaks every prefix of a real paragraph at several
// widths and checks that no box is lost or repeated.
func TestCoverProperty(t *testing.T) {
	f := build(strings.ReplaceAll(readText(t, "heroism.txt"), "ing ", "in-g "))
	for cols := 1; cols <= 80; cols += 7 {
		for n := 0; n <= len(f.items); n += 13 {
			res := Break(f.items[:n], Defaults(units.Sp(cols)*cw))
			checkCover(t, f.items[:n], res)
		}
	}
}

// longParagraph is about n characters of text with hyphenation points.
func longParagraph(tb testing.TB, n int) fake {
	words := strings.Fields(readText(tb, "heroism.txt"))
	var b strings.Builder
	for i := 0; b.Len() < n; i++ {
		w := words[i%len(words)]
		if len(w) >= 7 {
			w = w[:3] + "-" + w[3:]
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(w)
	}
	return build(b.String())
}

// TestHugeParagraph breaks paragraphs of 50,000 and 200,000 characters
// at a narrow and a wide measure: every box must be set once, and four
// times the text may take at most ten times as long (Knuth–Plass with
// a bounded active list is linear; a quadratic breaker takes sixteen).
func TestHugeParagraph(t *testing.T) {
	paras := map[int]fake{50000: longParagraph(t, 50000), 200000: longParagraph(t, 200000)}
	for _, cols := range []int{20, 65} {
		p := Defaults(units.Sp(cols) * cw)
		f := paras[200000]
		res := Break(f.items, p)
		checkCover(t, f.items, res)
		t.Logf("%d items, %d cols: %d lines, %s, pass %d, overfull %d",
			len(f.items), cols, len(res.Lines), res.Method, res.Pass, res.Overfull)
		if testing.Short() {
			continue
		}
		g := testtool.Growth(50000, func(n int) { Break(paras[n].items, p) })
		t.Logf("%d cols: growth %.1f", cols, g)
		if g > 10 {
			t.Errorf("%d cols: four times the text took %.1f times as long", cols, g)
		}
	}
}

func BenchmarkBreak(b *testing.B) {
	words := strings.Fields(readText(b, "heroism.txt"))
	typical := build(strings.Join(words[:150], " "))
	huge := longParagraph(b, 200000)
	hugeWords := len(strings.Fields(strings.Join(huge.text, "")))
	for _, c := range []struct {
		name  string
		f     fake
		words int
	}{{"150words", typical, 150}, {"200000chars", huge, hugeWords}} {
		b.Run(c.name, func(b *testing.B) {
			p := Defaults(65 * cw)
			b.ReportAllocs()
			for b.Loop() {
				Break(c.f.items, p)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(c.words), "ns/word")
		})
	}
}

// TestBreakerReuse breaks many paragraphs of every size with one Breaker
// and checks each result against a fresh Break: no state may leak from
// one paragraph, or one pass, into the next.
func TestBreakerReuse(t *testing.T) {
	var br Breaker
	seed := uint32(1)
	for n := range 400 {
		data := make([]byte, 3+2*((n*37)%300))
		for i := range data {
			seed = seed*1664525 + 1013904223
			data[i] = byte(seed >> 24)
		}
		data[0] = byte(20 + n%200)
		items, p := itemsFromBytes(data)
		orig := slices.Clone(items)
		want := Break(items, p)
		got := br.Break(items, p)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("paragraph %d: reused Breaker gives %+v, fresh Break %+v", n, got, want)
		}
		if !slices.Equal(items, orig) {
			t.Fatalf("paragraph %d: items modified", n)
		}
	}
}

// TestMaxPass checks that stopping after pass 3 gives the same lines as
// all passes wherever those end by pass 3, and none where they need the
// last resort.
func TestMaxPass(t *testing.T) {
	seed := uint32(7)
	var sawNone, sawSame int
	for n := range 600 {
		data := make([]byte, 3+2*((n*53)%200))
		for i := range data {
			seed = seed*1664525 + 1013904223
			data[i] = byte(seed >> 24)
		}
		data[0] = byte(20 + n%120)
		items, p := itemsFromBytes(data)
		full := Break(items, p)
		p.MaxPass = 3
		got := Break(items, p)
		switch {
		case full.Method == "first-fit":
			if !reflect.DeepEqual(got, full) {
				t.Fatalf("paragraph %d: first-fit differs under MaxPass", n)
			}
		case full.Pass <= 3:
			if !reflect.DeepEqual(got, full) {
				t.Fatalf("paragraph %d: MaxPass 3 gives %+v, all passes %+v", n, got, full)
			}
			sawSame++
		default:
			if got.Method != "none" || len(got.Lines) != 0 {
				t.Fatalf("paragraph %d: needs pass 4 but MaxPass 3 gives %+v", n, got)
			}
			sawNone++
		}
	}
	if sawNone == 0 || sawSame == 0 {
		t.Fatalf("cases not covered: %d none, %d same", sawNone, sawSame)
	}
}
