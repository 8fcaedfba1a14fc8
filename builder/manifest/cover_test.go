package manifest

import (
	"strings"
	"testing"

	"github.com/pamphlet/pamphlet/builder/units"
)

func TestCoverMap(t *testing.T) {
	m, msgs := parse(t, "title: x\narticles: [a.md]\ncover:\n  front: art/front.jpg\n  back: |\n    A *short* text.\n  isbn: 978-0-306-40615-7\n  price: 5.00 USD\n  paper: 444ppi\n  binding: Perfect\n  inside-back: Printed by hand.\n")
	if m == nil {
		t.Fatalf("errors: %v", msgs)
	}
	c := m.CoverSpec
	if !c.Print || c.Back != "A *short* text.\n" || c.ISBN != "9780306406157" || c.Price != "50500" || c.Binding != "perfect" || c.InsideBack != "Printed by hand." {
		t.Errorf("cover = %+v", c)
	}
	if m.Cover != "art/front.jpg" || m.CoverPos.Line != 4 {
		t.Errorf("the front image is not the EPUB's cover: %q at %v", m.Cover, m.CoverPos)
	}
	if c.ISBNPos.Line != 7 || c.PaperPos.Line != 9 {
		t.Errorf("positions %v %v", c.ISBNPos, c.PaperPos)
	}
	if got, want := c.Caliper, units.FromMM(2*25.4/444); got != want {
		t.Errorf("444ppi caliper %v, want %v", got, want)
	}
}

// The form every book has used: cover: PATH is the front image, and no
// print cover.
func TestCoverPath(t *testing.T) {
	m, msgs := parse(t, "title: x\narticles: [a.md]\ncover: art/c.png\n")
	if m == nil {
		t.Fatalf("errors: %v", msgs)
	}
	if m.Cover != "art/c.png" || m.CoverSpec.Print || m.CoverSpec.Front != "art/c.png" || m.CoverSpec.FrontPos.Line != 3 {
		t.Errorf("cover %q print=%v front %q at %v", m.Cover, m.CoverSpec.Print, m.CoverSpec.Front, m.CoverSpec.FrontPos)
	}
	m, _ = parse(t, "title: x\narticles: [a.md]\npdf: {cover: true}\n")
	if m == nil || !m.CoverSpec.Print || m.CoverSpec.SheetCaliper() != units.FromMM(0.1) {
		t.Errorf("pdf.cover: true: %+v", m.CoverSpec)
	}
}

func TestParsePaper(t *testing.T) {
	for in, mm := range map[string]float64{"80gsm": 0.1, "100gsm": 0.125, "0.1mm": 0.1, "ppi 508": 0.1, "508ppi": 0.1, "ppi: 254": 0.2} {
		got, err := ParsePaper(in)
		if err != nil {
			t.Errorf("%s: %v", in, err)
			continue
		}
		if d := got.MM() - mm; d > 0.0005 || d < -0.0005 {
			t.Errorf("%s: %.4fmm, want %.4fmm", in, got.MM(), mm)
		}
	}
}

func TestBadCover(t *testing.T) {
	for _, tt := range []struct{ src, want string }{
		{"isbn: 978-0-306-40615-8", `book.yaml:4:9: cover.isbn: ISBN 978-0-306-40615-8: wrong check digit: the last digit should be 7, not 8`},
		{"isbn: 977-1234-5678-90", `book.yaml:4:9: cover.isbn: 977-1234-5678-90 is not an ISBN: an ISBN-13 starts with 978 or 979 (the Bookland prefixes), not 977`},
		{"price: 5 EUR", `book.yaml:4:10: cover.price: "5 EUR": the Bookland price add-on has no code for "EUR" (known: USD, GBP, CAD, AUD, NZD; or none)`},
		{"paper: heavy", `book.yaml:4:10: cover.paper: "heavy" is not a paper: write a weight (80gsm), a caliper (0.1mm) or pages per inch (444ppi)`},
		{"binding: spiral", `book.yaml:4:12: cover.binding: must be perfect (a glued spine) or saddle (stapled through the fold), not "spiral"`},
		{"isbnn: 1", `book.yaml:4: unknown key "isbnn" in cover (did you mean "isbn"?)`},
		{"back: [a]", `book.yaml:4:9: cover.back must be a single value, not a list`},
	} {
		src := "title: x\narticles: [a.md]\ncover:\n  " + tt.src + "\n"
		if strings.HasPrefix(tt.src, "price") {
			src += "  isbn: 9780306406157\n" // a price alone is another error
		}
		m, msgs := parse(t, src)
		if m != nil {
			t.Errorf("%s: accepted", tt.src)
		}
		if got := strings.Join(msgs, "\n"); got != tt.want {
			t.Errorf("%s:\n got %s\nwant %s", tt.src, got, tt.want)
		}
	}
	_, msgs := parse(t, "title: x\narticles: [a.md]\ncover:\n  price: none\n")
	if got := strings.Join(msgs, "\n"); got != `book.yaml:4:10: cover.price: a price add-on needs an ISBN (cover.isbn) to stand beside` {
		t.Errorf("price without ISBN: %s", got)
	}
}
