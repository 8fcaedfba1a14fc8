package manifest

import (
	"reflect"
	"strings"
	"testing"

	"github.com/pamphlet/pamphlet/builder/units"
)

func TestPrintKeys(t *testing.T) {
	m, msgs := parse(t, "title: x\narticles: [a.md]\npdf:\n  font-size: 10pt\n  booklet: true\n  sheet: A4\n  signature: 16\n  creep: 0.1mm\n  bleed: 3mm\n  marks: yes\n  duplex: long\n  fit: 24\n  standard: PDF/A-2a\n  output-intent: fogra29\n")
	if m == nil {
		t.Fatalf("errors: %v", msgs)
	}
	want := Print{Booklet: true, Sheet: "a4", Signature: 16, Creep: units.FromMM(0.1), Bleed: units.FromMM(3), Marks: true, Duplex: "long", Fit: 24, Standard: "pdf/a-2a", OutputIntent: "FOGRA29"}
	if m.Print != want {
		t.Errorf("Print = %+v, want %+v", m.Print, want)
	}
	// Print keys stay out of the layout overrides, which style.Load
	// would reject.
	if !reflect.DeepEqual(m.PDF, map[string]any{"font-size": "10pt"}) {
		t.Errorf("PDF = %v", m.PDF)
	}
}

func TestBadPrintKeys(t *testing.T) {
	for _, tt := range []struct{ src, want string }{
		{"booklet: maybe", `book.yaml:4:12: pdf.booklet must be true or false, not "maybe"`},
		{"marks: 2", `book.yaml:4:10: pdf.marks must be true or false, not "2"`},
		{"sheet: a7", `book.yaml:4:10: pdf.sheet "a7" is not a sheet size (a6, a5, a4, a3, b5, b4, half-letter, letter, legal, tabloid)`},
		{"signature: 6", `book.yaml:4:14: pdf.signature "6" is not a multiple of 4 (pages per signature; 0 for one signature)`},
		{"signature: -4", `book.yaml:4:14: pdf.signature "-4" is not a multiple of 4 (pages per signature; 0 for one signature)`},
		{"creep: thin", `book.yaml:4:10: pdf.creep "thin" is not a length (e.g. 3mm, 0.1mm, 9pt)`},
		{"creep: 5mm", `book.yaml:4:10: pdf.creep 5mm is more than 2mm`},
		{"bleed: -3mm", `book.yaml:4:10: pdf.bleed "-3mm" is not a length (e.g. 3mm, 0.1mm, 9pt)`},
		{"bleed: 30mm", `book.yaml:4:10: pdf.bleed 30mm is more than 20mm`},
		{"duplex: both", `book.yaml:4:11: pdf.duplex must be long or short, not "both"`},
		{"fit: 0", `book.yaml:4:8: pdf.fit must be a number of pages from 1 to 10000, not "0"`},
		{"fit: lots", `book.yaml:4:8: pdf.fit must be a number of pages from 1 to 10000, not "lots"`},
		{"bleed: [3mm]", `book.yaml:4:10: pdf.bleed must be a single value, not a list`},
		{"standard: pdf/a-1b", `book.yaml:4:13: pdf.standard must be one of none, pdf/a-2u, pdf/a-2a, not "pdf/a-1b"`},
		{"output-intent: SWOP", `book.yaml:4:18: pdf.output-intent must be one of FOGRA39, FOGRA29 (the printing conditions pamphlet has a profile for), not "SWOP"`},
		{"bookelt: true", `book.yaml:4: unknown key "bookelt" in pdf (did you mean "booklet"?)`},
	} {
		m, msgs := parse(t, "title: x\narticles: [a.md]\npdf:\n  "+tt.src+"\n")
		if m != nil {
			t.Errorf("%s: accepted", tt.src)
		}
		if got := strings.Join(msgs, "\n"); got != tt.want {
			t.Errorf("%s:\n got %s\nwant %s", tt.src, got, tt.want)
		}
	}
}
