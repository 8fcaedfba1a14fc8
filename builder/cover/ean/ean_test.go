package ean

import (
	"errors"
	"strings"
	"testing"
)

// Published ISBNs: the worked examples of the ISBN Users' Manual and
// Wikipedia's ISBN article, and books' own copyright pages.
func TestParseISBN(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"978-0-306-40615-7", "9780306406157"}, // Wikipedia, ISBN-13 check digit example
		{"0-306-40615-2", "9780306406157"},     // the same book's ISBN-10
		{"978-3-16-148410-0", "9783161484100"}, // the specimen ISBN of Wikipedia's barcode picture
		{"ISBN 978 1 56619 909 4"[5:], "9781566199094"},
		{"0-8044-2957-X", "9780804429573"},     // an ISBN-10 with check character X
		{"979-10-90636-07-1", "9791090636071"}, // a 979 ISBN (France)
	} {
		got, err := ParseISBN(c.in)
		if err != nil {
			t.Errorf("%s: %v", c.in, err)
			continue
		}
		if string(got) != c.want {
			t.Errorf("%s: got %s, want %s", c.in, got, c.want)
		}
	}
	for _, c := range []struct{ in, says string }{
		{"978-0-306-40615-8", "should be 7, not 8"},
		{"0-306-40615-3", "should be 2, not 3"},
		{"977-0-306-40615-7", "starts with 978 or 979"},
		{"4006381333931", "starts with 978 or 979"},
		{"978-0-306-40615", "12 digits"},
		{"978-0-306-40615-77", "more than 13"},
		{"978/0-306", "neither a digit"},
		{"", "0 digits"},
	} {
		_, err := ParseISBN(c.in)
		if err == nil || !strings.Contains(err.Error(), c.says) {
			t.Errorf("%q: error %v, want one that says %q", c.in, err, c.says)
		}
	}
	if _, err := ParseISBN("978-0-306-40615-8"); !errors.Is(err, ErrChecksum) {
		t.Errorf("a wrong check digit is not ErrChecksum: %v", err)
	}
}

// The check digit of GS1's general EAN-13 example (Wikipedia, EAN-13).
func TestCheck13(t *testing.T) {
	for _, c := range []string{"4006381333931", "9780306406157", "5901234123457", "9783161484100"} {
		if got := Check13(c[:12]); got != c[12] {
			t.Errorf("%s: check digit %c", c, got)
		}
	}
}

// TestEAN13Structure checks the symbol against the standard's shape:
// guards, the left half's parities set by the first digit, each
// character seven modules in two bars and two spaces.
func TestEAN13Structure(t *testing.T) {
	m, err := EAN13("9780306406157")
	if err != nil {
		t.Fatal(err)
	}
	s := str(m)
	if len(s) != EAN13Modules {
		t.Fatalf("%d modules", len(s))
	}
	if s[:3] != "101" || s[45:50] != "01010" || s[92:] != "101" {
		t.Errorf("guards wrong: %s", s)
	}
	// First digit 9: LGGLGL (GS1 General Specifications, table 5.2.2.4.1).
	// L characters have an odd number of dark modules, G an even one.
	for i, want := range "LGGLGL" {
		c := s[3+7*i : 10+7*i]
		odd := strings.Count(c, "1")%2 == 1
		if odd != (want == 'L') || c[0] != '0' || c[6] != '1' {
			t.Errorf("left character %d %s: want parity %c", i+1, c, want)
		}
	}
	for i := 0; i < 6; i++ {
		c := s[50+7*i : 57+7*i]
		if strings.Count(c, "1")%2 != 0 || c[0] != '1' || c[6] != '0' {
			t.Errorf("right character %d %s is not an R pattern", i+1, c)
		}
	}
	// The digits 9 780306 406157 spelled out: 780306 (L G G L G L) and 406157 (R).
	want := "101" + "0111011" + "0001001" + "0100111" + "0111101" + "0100111" + "0101111" +
		"01010" + "1011100" + "1110010" + "1010000" + "1100110" + "1001110" + "1000100" + "101"
	if s != want {
		t.Errorf("EAN-13 of 9780306406157:\n got %s\nwant %s", s, want)
	}
	if _, err := EAN13("9780306406158"); err == nil {
		t.Error("a wrong check digit was encoded")
	}
}

// EAN-5 checksums and parities: the worked examples of the Bookland
// convention (US$24.95 is 52495; Wikipedia's EAN-5 example 54495 sums to 159).
func TestEAN5(t *testing.T) {
	if got := Check5("54495"); got != 9 {
		t.Errorf("Check5(54495) = %d, want 9", got)
	}
	if got := Check5("52495"); got != 1 {
		t.Errorf("Check5(52495) = %d, want 1", got)
	}
	m, err := EAN5("52495")
	if err != nil {
		t.Fatal(err)
	}
	s := str(m)
	if len(s) != EAN5Modules {
		t.Fatalf("%d modules", len(s))
	}
	// Checksum 1: GLGLL; start 1011, separators 01.
	want := "1011" + gCodes[5] + "01" + lCodes[2] + "01" + gCodes[4] + "01" + lCodes[9] + "01" + lCodes[5]
	if s != want {
		t.Errorf("EAN-5 of 52495:\n got %s\nwant %s", s, want)
	}
	// The G pattern of 5 is 0111001 and the L of 2 is 0010011 (GS1 table 5.2.2.1).
	if s[4:11] != "0111001" || s[13:20] != "0010011" {
		t.Errorf("first characters %s %s", s[4:11], s[13:20])
	}
}

func TestParsePrice(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"5.00 USD", "50500"},
		{"USD 24.95", "52495"},
		{"$24.95", "52495"},
		{"£7.99", "00799"},
		{"12 GBP", "01200"},
		{"19.95 cad", "61995"},
		{"150 USD", "59999"},
		{"none", "90000"},
		{"90000", "90000"},
		{"9.5 AUD", "30950"},
	} {
		got, err := ParsePrice(c.in)
		if err != nil {
			t.Errorf("%s: %v", c.in, err)
			continue
		}
		if string(got) != c.want {
			t.Errorf("%s: got %s, want %s", c.in, got, c.want)
		}
	}
	for _, in := range []string{"5.00 EUR", "5,00 USD", "120 GBP", "USD", "5.001 USD", "-3 USD", "1e3 USD", "five dollars", ""} {
		if p, err := ParsePrice(in); err == nil {
			t.Errorf("%q: accepted as %s", in, p)
		}
	}
}

func TestBars(t *testing.T) {
	got := Bars(modules("0110100111"))
	want := []Bar{{1, 2}, {4, 1}, {7, 3}}
	if len(got) != len(want) {
		t.Fatalf("%v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("%v, want %v", got, want)
		}
	}
}

func str(m []bool) string {
	var b strings.Builder
	for _, v := range m {
		if v {
			b.WriteByte('1')
		} else {
			b.WriteByte('0')
		}
	}
	return b.String()
}

// FuzzParse feeds the ISBN and price parsers anything: they never panic,
// and what they accept encodes.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"978-0-306-40615-7", "0-8044-2957-X", "979-10-90636-07-1", "5.00 USD", "£7.99", "none", "90000", "$", "1.", ".5 USD", "99999999 USD"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if isbn, err := ParseISBN(s); err == nil {
			if _, err := EAN13(string(isbn)); err != nil {
				t.Fatalf("%q parsed to %s, which does not encode: %v", s, isbn, err)
			}
		}
		if p, err := ParsePrice(s); err == nil {
			if _, err := EAN5(string(p)); err != nil {
				t.Fatalf("%q parsed to %s, which does not encode: %v", s, p, err)
			}
		}
	})
}
