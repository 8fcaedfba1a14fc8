package units

import "testing"

func TestParse(t *testing.T) {
	tests := []struct {
		in   string
		want Sp
		err  bool
	}{
		{"10pt", 10 * Pt, false},
		{"10", 10 * Pt, false},
		{"1in", In, false},
		{"25.4mm", In, false},
		{"2.54cm", In, false},
		{"1pc", 12 * Pt, false},
		{" 3 mm ", FromMM(3), false},
		{"-1mm", 0, true},
		{"abc", 0, true},
		{"NaNmm", 0, true},
		{"1e9mm", 0, true},
	}
	for _, tt := range tests {
		got, err := Parse(tt.in)
		if (err != nil) != tt.err {
			t.Errorf("Parse(%q) error = %v, want error %v", tt.in, err, tt.err)
			continue
		}
		if !tt.err && got != tt.want {
			t.Errorf("Parse(%q) = %d, want %d", tt.in, got, tt.want)
		}
	}
	if got := FromMM(148).MM(); got < 147.999 || got > 148.001 {
		t.Errorf("FromMM(148).MM() = %v", got)
	}
	if Mm != FromMM(1) {
		t.Errorf("Mm = %d, FromMM(1) = %d", Mm, FromMM(1))
	}
}
