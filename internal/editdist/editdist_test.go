package editdist

import "testing"

func TestDistance(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"title", "title", 0}, {"tittle", "title", 1}, {"Charis SLI", "Charis SIL", 2},
		{"kitten", "sitting", 3}, {"", "abc", 3}, {"ab", "", 2}, {"नमस्ते", "नमस्कार", 3},
	} {
		if got := Distance(c.a, c.b); got != c.want {
			t.Errorf("Distance(%q, %q) = %d, want %d", c.a, c.b, got, c.want)
		}
		if got := Distance(c.b, c.a); got != c.want {
			t.Errorf("Distance(%q, %q) = %d, want %d (not symmetric)", c.b, c.a, got, c.want)
		}
	}
}
