package manifest

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

func TestAppendArticles(t *testing.T) {
	tests := []struct{ in, want string }{
		{"title: T\narticles: [a.md, \"b.md\"]  # flow\nlayout: a5\n", "title: T\narticles: [a.md, \"b.md\", new.md]  # flow\nlayout: a5\n"},
		{"title: T\narticles: []\n", "title: T\narticles: [new.md]\n"},
		{"title: T\narticles:\nlayout: a5\n", "title: T\narticles:\n  - new.md\nlayout: a5\n"},
		{"title: T\n", "title: T\narticles:\n  - new.md\n"},
		{"title: T\narticles:\n    - \"a.md\"\n\n# comment kept\nlayout: a5", "title: T\narticles:\n    - \"a.md\"\n    - \"new.md\"\n\n# comment kept\nlayout: a5\n"},
		{"articles:\n- a.md\n- new.md\n", "articles:\n- a.md\n- new.md\n"},
		{"articles:\n  - file: a.md # first\n    title: A\n# between\nlayout: a5\n", "articles:\n  - file: a.md # first\n    title: A\n  - new.md\n# between\nlayout: a5\n"},
	}
	for _, tt := range tests {
		got, err := AppendArticles([]byte(tt.in), []string{"new.md"})
		if err != nil || string(got) != tt.want {
			t.Errorf("AppendArticles(%q) = %q, %v\nwant %q", tt.in, got, err, tt.want)
		}
	}
	for _, bad := range []string{"articles: 3\n", "- a\n- b\n"} {
		if _, err := AppendArticles([]byte(bad), []string{"x.md"}); err == nil {
			t.Errorf("AppendArticles(%q) accepted", bad)
		}
	}
}

// TestAddArticles edits a manifest on disk: comments stay, paths are
// made relative to the manifest, nothing is added twice, and an
// unreadable manifest is an error naming why.
func TestAddArticles(t *testing.T) {
	dir := t.TempDir()
	book := filepath.Join(dir, "book.yaml")
	src := "# My book\ntitle: T   # short\narticles:\n  - articles/one.md # first\n# the end\n"
	if err := os.WriteFile(book, []byte(src), 0o600); err != nil {
		t.Fatal(err)
	}
	a := filepath.Join(dir, "articles", "two.md")
	for range 2 {
		if err := AddArticles(context.Background(), book, []string{a}); err != nil {
			t.Fatal(err)
		}
	}
	got, _ := os.ReadFile(book)
	if want := "# My book\ntitle: T   # short\narticles:\n  - articles/one.md # first\n  - articles/two.md\n# the end\n"; string(got) != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	if fi, _ := os.Stat(book); fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600 kept", fi.Mode().Perm())
	}
	if err := AddArticles(context.Background(), filepath.Join(dir, "none.yaml"), []string{a}); err == nil {
		t.Errorf("missing manifest accepted")
	}
	strip, err := ImportStrip(writeTemp(t, "import:\n  strip: ['sponsored by .*', 'ad']\n"))
	if err != nil || len(strip) != 2 || strip[0] != "sponsored by .*" {
		t.Errorf("ImportStrip = %q, %v", strip, err)
	}
	if _, err := ImportStrip(writeTemp(t, "import:\n  strip: {a: 1}\n")); err == nil {
		t.Errorf("ImportStrip accepted a mapping")
	}
}

func writeTemp(t *testing.T, s string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "book.yaml")
	if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}
