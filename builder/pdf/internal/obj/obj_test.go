package obj

import (
	"bytes"
	"compress/zlib"
	"io"
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

func syntax(o Object) string { return string(o.AppendPDF(nil)) }

func TestNumbers(t *testing.T) {
	for _, c := range []struct {
		v    float64
		dec  int
		want string
	}{
		{0, 3, "0"},
		{1, 3, "1"},
		{-1, 3, "-1"},
		{0.5, 3, "0.5"},
		{0.05, 3, "0.05"},
		{0.005, 3, "0.005"},
		{0.0004, 3, "0"},
		{-0.0004, 3, "0"}, // no negative zero
		{-0.0005, 3, "-0.001"},
		{595.2755905511812, 3, "595.276"},
		{595.2755905511812, 2, "595.28"},
		{419.52755905511816, 5, "419.52756"},
		{1e20, 3, "1000000000"},
		{-1e20, 3, "-1000000000"},
		{math.NaN(), 3, "0"},
		{math.Inf(1), 0, "1000000000"},
		{12.5, 0, "13"},
		{2.25, 9, "2.25"}, // decimals clamp at 6
	} {
		if got := string(AppendNumber(nil, c.v, c.dec)); got != c.want {
			t.Errorf("AppendNumber(%v, %d) = %q, want %q", c.v, c.dec, got, c.want)
		}
	}
	for _, c := range []struct {
		n    int64
		dec  int
		want string
	}{
		{12345, 3, "12.345"}, {12300, 3, "12.3"}, {-5, 2, "-0.05"}, {7, 0, "7"}, {1000, 3, "1"},
	} {
		if got := string(AppendFixed(nil, c.n, c.dec)); got != c.want {
			t.Errorf("AppendFixed(%d, %d) = %q, want %q", c.n, c.dec, got, c.want)
		}
	}
}

// TestNumbersParse: every number written reads back as what it rounds
// to, without exponent.
func TestNumbersParse(t *testing.T) {
	for i := -2000; i <= 2000; i++ {
		v := float64(i) * 0.3337
		s := string(AppendNumber(nil, v, 3))
		if strings.ContainsAny(s, "eE") || strings.HasSuffix(s, ".") || (strings.Contains(s, ".") && strings.HasSuffix(s, "0")) {
			t.Fatalf("%v written as %q", v, s)
		}
		got, err := strconv.ParseFloat(s, 64)
		if err != nil || math.Abs(got-v) > 0.0005+1e-12 {
			t.Fatalf("%v written as %q", v, s)
		}
	}
}

func TestSyntax(t *testing.T) {
	for _, c := range []struct {
		o    Object
		want string
	}{
		{Name("Type"), "/Type"},
		{Name("A B#(c)/é"), "/A#20B#23#28c#29#2F#C3#A9"},
		{Name(""), "/"},
		{String(`a(b)c\d` + "\r\n\x00"), `(a\(b\)c\\d\r\n` + "\x00)"},
		{Text("Plain title"), "(Plain title)"},
		{Text("Grüße"), "<FEFF0047007200FC00DF0065>"},
		{Text("𝔄"), "<FEFFD835DD04>"},
		{Text("a\xffb"), "<FEFF0061FFFD0062>"},
		{Hex{0, 0xab}, "<00AB>"},
		{Int(-42), "-42"},
		{Real(1.5), "1.5"},
		{Bool(true), "true"},
		{Null{}, "null"},
		{Ref(12), "12 0 R"},
		{Array{Int(1), Name("X"), Array{}}, "[1 /X []]"},
		{Dict{"Type": Name("Page"), "A": Int(1), "Skip": nil}, "<</A 1\n/Type /Page>>"},
		{Dict{}, "<<>>"},
		{Rect(0, 0, 419.52755, 595.27559), "[0 0 419.52755 595.27559]"},
	} {
		if got := syntax(c.o); got != c.want {
			t.Errorf("%#v: got %q, want %q", c.o, got, c.want)
		}
	}
}

// TestDictOrder: a dictionary's bytes do not depend on map order.
func TestDictOrder(t *testing.T) {
	want := syntax(Dict{"B": Int(2), "A": Int(1), "C": Int(3), "D": Int(4), "E": Int(5)})
	for range 50 {
		if got := syntax(Dict{"E": Int(5), "D": Int(4), "C": Int(3), "B": Int(2), "A": Int(1)}); got != want {
			t.Fatalf("got %q, want %q", got, want)
		}
	}
}

var xrefEntry = regexp.MustCompile(`(?m)^(\d{10}) 00000 n\r$`)

// TestWriter writes a small file and checks its structure: header,
// objects where the cross-reference table says they are, compressed
// streams that inflate back, a trailer with a content-derived /ID.
func TestWriter(t *testing.T) {
	file := func(payload string) []byte {
		var buf bytes.Buffer
		w := NewWriter(&buf)
		cat, pages, content := w.Alloc(), w.Alloc(), w.Alloc()
		// Written out of order, as the painter does.
		w.Stream(content, nil, []byte(payload), true)
		w.Write(pages, Dict{"Type": Name("Pages"), "Kids": Array{}, "Count": Int(0)})
		w.Write(cat, Dict{"Type": Name("Catalog"), "Pages": pages})
		if err := w.Close(cat, 0); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	b := file("BT /F1 12 Tf (hello) Tj ET")
	if !bytes.HasPrefix(b, []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")) {
		t.Errorf("header %q", b[:20])
	}
	offs := xrefEntry.FindAllSubmatch(b, -1)
	if len(offs) != 3 {
		t.Fatalf("%d xref entries in\n%s", len(offs), b)
	}
	for i, m := range offs {
		off, _ := strconv.Atoi(string(m[1]))
		want := strconv.Itoa(i+1) + " 0 obj\n"
		if !bytes.HasPrefix(b[off:], []byte(want)) {
			t.Errorf("object %d: offset %d points at %q", i+1, off, b[off:min(off+12, len(b))])
		}
	}
	start := bytes.LastIndex(b, []byte("startxref\n"))
	xref, _ := strconv.Atoi(strings.Fields(string(b[start+10:]))[0])
	if !bytes.HasPrefix(b[xref:], []byte("xref\n0 4\n0000000000 65535 f\r\n")) {
		t.Errorf("startxref %d points at %q", xref, b[xref:xref+20])
	}
	if !bytes.HasSuffix(b, []byte("%%EOF\n")) {
		t.Error("no end-of-file marker")
	}
	// The stream inflates back.
	i := bytes.Index(b, []byte("stream\n")) + len("stream\n")
	j := bytes.Index(b, []byte("\nendstream"))
	zr, err := zlib.NewReader(bytes.NewReader(b[i:j]))
	if err != nil {
		t.Fatal(err)
	}
	plain, _ := io.ReadAll(zr)
	if string(plain) != "BT /F1 12 Tf (hello) Tj ET" {
		t.Errorf("stream inflates to %q", plain)
	}
	if !regexp.MustCompile(`/Length ` + strconv.Itoa(j-i) + `\b`).Match(b) {
		t.Errorf("/Length is not %d", j-i)
	}
	// Same objects, same bytes; other content, other /ID.
	if !bytes.Equal(b, file("BT /F1 12 Tf (hello) Tj ET")) {
		t.Error("the same objects give other bytes")
	}
	id := regexp.MustCompile(`/ID \[<([0-9A-F]{32})> <([0-9A-F]{32})>\]`)
	m1, m2 := id.FindSubmatch(b), id.FindSubmatch(file("other"))
	if m1 == nil || m2 == nil || string(m1[1]) == string(m2[1]) || string(m1[1]) != string(m1[2]) {
		t.Errorf("/ID %q and %q", m1, m2)
	}
}

func TestWriterErrors(t *testing.T) {
	var buf bytes.Buffer
	w := NewWriter(&buf)
	r := w.Alloc()
	w.Alloc() // never written
	w.Write(r, Int(1))
	if err := w.Close(r, 0); err == nil || !strings.Contains(err.Error(), "never written") {
		t.Errorf("unwritten object: %v", err)
	}
	w = NewWriter(&buf)
	r = w.Alloc()
	w.Write(r, Int(1))
	w.Write(r, Int(2))
	w.Write(99, Int(3))
	if err := w.Close(r, 0); err == nil || !strings.Contains(err.Error(), "written twice") {
		t.Errorf("object written twice: %v", err)
	}
}

// FuzzText: a text string of any bytes is one PDF string token, whose
// contents decode back to the input's runes.
func FuzzText(f *testing.F) {
	for _, s := range []string{"", "plain", "(paren) \\ back", "Grüße", "\xff\xfe", "𝔄\r\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		b := Text(s).AppendPDF(nil)
		switch b[0] {
		case '(':
			if !balancedLiteral(b) {
				t.Fatalf("%q: unbalanced literal %q", s, b)
			}
		case '<':
			if !regexp.MustCompile(`^<FEFF([0-9A-F]{4})*>$`).Match(b) {
				t.Fatalf("%q: bad hex string %q", s, b)
			}
		default:
			t.Fatalf("%q: %q", s, b)
		}
		n := Name(s).AppendPDF(nil)
		if !regexp.MustCompile(`^/[!-~]*$`).Match(n) || bytes.ContainsAny(n[1:], "()<>[]{}/%") {
			t.Fatalf("%q: bad name %q", s, n)
		}
	})
}

// balancedLiteral reports whether b is exactly one literal string: it
// ends at its last byte, escapes taken into account.
func balancedLiteral(b []byte) bool {
	depth := 0
	for i := 0; i < len(b); i++ {
		switch b[i] {
		case '\\':
			i++
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return i == len(b)-1
			}
		case '\r':
			return false // a raw carriage return would be read as a newline
		}
	}
	return false
}
