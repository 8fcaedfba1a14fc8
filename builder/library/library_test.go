package library

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func write(t testing.TB, dir, name, text string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

const tinyBook = "title: T\narticles: [a.md]\n"

func TestDiscover(t *testing.T) {
	dir := t.TempDir()
	for _, b := range []string{"b/book.yaml", "a/book.yaml", "a/nested/book.yaml", ".hidden/book.yaml", "site/x/book.yaml", "node_modules/p/book.yaml"} {
		write(t, dir, b, tinyBook)
	}
	c, err := LoadConfig(dir, filepath.Join(dir, "site"))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range c.Books {
		rel, _ := filepath.Rel(dir, e.Manifest)
		got = append(got, filepath.ToSlash(rel))
	}
	want := []string{"a/book.yaml", "a/nested/book.yaml", "b/book.yaml"}
	if !slices.Equal(got, want) {
		t.Errorf("found %v, want %v (hidden folders, node_modules and the site skipped)", got, want)
	}
	if c.Language != "en" || c.Path != "" {
		t.Errorf("language %q path %q, want en and none", c.Language, c.Path)
	}
}

func TestLoadConfig(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "one/book.yaml", tinyBook)
	write(t, dir, "two/book.yaml", tinyBook)
	write(t, dir, "library.yaml", `title: L
base-url: https://example.org/books
groups:
  - id: g
    title: G
books:
  - two
  - path: one/book.yaml
    groups: [g]
`)
	c, err := LoadConfig(dir, "")
	if err != nil {
		t.Fatal(err)
	}
	if c.Title != "L" || c.BaseURL != "https://example.org/books/" || len(c.Groups) != 1 || c.Groups[0].Title != "G" {
		t.Errorf("config %+v", c)
	}
	if len(c.Books) != 2 || filepath.Base(filepath.Dir(c.Books[0].Manifest)) != "two" || !slices.Equal(c.Books[1].Groups, []string{"g"}) || c.Books[1].Line != 8 {
		t.Errorf("books %+v, want two, then one in group g at line 8", c.Books)
	}
}

// TestConfigErrors checks that each mistake in library.yaml is an error
// naming the file and the line.
func TestConfigErrors(t *testing.T) {
	tests := []struct{ yaml, want string }{
		{"titel: x\n", `library.yaml:1: unknown key "titel" (known: title, description, base-url, language, groups, books)`},
		{"groups:\n  - id: a\n    name: A\n", `library.yaml:3: unknown key "name" (known: id, title, description)`},
		{"books:\n  - path: one\n    group: [a]\n", `library.yaml:3: unknown key "group" (known: path, groups)`},
		{"books:\n  - nowhere\n", `library.yaml:2: book "nowhere": no such folder or manifest`},
		{"books:\n  - one\n  - one/book.yaml\n", `library.yaml:3: book "one/book.yaml" is already listed at line 2`},
		{"books:\n  - path: one\n    groups: [x]\n", `library.yaml:2: book "one": group "x" is not among the groups (none defined)`},
		{"groups:\n  - title: No id\n", "library.yaml:2: a group needs an id"},
		{"groups:\n  - id: a\n  - id: a\n", `library.yaml:3: group "a" is listed twice`},
		{"books:\n  - path: ''\n", "library.yaml:2: a book needs a path"},
		{"books: [\n", "library.yaml:1: did not find expected node content"},
	}
	for _, tc := range tests {
		dir := t.TempDir()
		write(t, dir, "one/book.yaml", tinyBook)
		write(t, dir, "library.yaml", tc.yaml)
		_, err := LoadConfig(dir, "")
		if err == nil || !strings.Contains(filepath.ToSlash(err.Error()), tc.want) {
			t.Errorf("%q: error %v, want one containing %q", tc.yaml, err, tc.want)
		}
	}
}

func TestBookIDs(t *testing.T) {
	dir := "/lib"
	got := bookIDs(dir, []Entry{
		{Manifest: "/lib/Common Sense/book.yaml"},
		{Manifest: "/lib/series/one/book.yaml"},
		{Manifest: "/lib/series-one/book.yaml"},
		{Manifest: "/lib/book.yaml"},
		{Manifest: "/lib/extra/other.yaml"},
	})
	want := []string{"common-sense", "series-one", "series-one-2", "lib", "extra-other"}
	if !slices.Equal(got, want) {
		t.Errorf("ids %v, want %v", got, want)
	}
}

// TestInputs checks which files count as a book's inputs, and that the
// hash changes with a file's content but not with its folder's place.
func TestInputs(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "book")
	write(t, dir, "book.yaml", "title: T\narticles: [a.md, ../shared/s.md]\nlayout: ../layouts/l.yaml\n")
	write(t, dir, "a.md", "# A\n")
	write(t, dir, "images/p.png", "png")
	write(t, dir, "build/book.pdf", "output")
	write(t, dir, ".git/HEAD", "hidden")
	write(t, dir, "site/index.html", "site")
	write(t, dir, "part/book.yaml", tinyBook)
	write(t, dir, "part/x.md", "another book's")
	write(t, root, "shared/s.md", "# S\n")
	write(t, root, "shared/unrelated.md", "# U\n")
	write(t, root, "layouts/l.yaml", "page: a5\n")
	files, err := inputs(filepath.Join(dir, "book.yaml"), []string{filepath.Join(dir, "site")})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range files {
		rel, _ := filepath.Rel(root, f)
		got = append(got, filepath.ToSlash(rel))
	}
	want := []string{"book/a.md", "book/book.yaml", "book/images/p.png", "layouts/l.yaml", "shared/s.md"}
	if !slices.Equal(got, want) {
		t.Errorf("inputs %v, want %v", got, want)
	}
	hash := func() string {
		files, _ := inputs(filepath.Join(dir, "book.yaml"), nil)
		h, _ := inputHash(filepath.Join(dir, "book.yaml"), "v1", nil, files)
		return h
	}
	h1 := hash()
	write(t, dir, "images/p.png", "png")
	if hash() != h1 {
		t.Error("rewriting a file with the same bytes changed the hash")
	}
	write(t, dir, "images/p.png", "PNG")
	if hash() == h1 {
		t.Error("changing an image did not change the hash")
	}
	moved := filepath.Join(t.TempDir(), "elsewhere")
	if err := os.Rename(root, moved); err != nil {
		t.Fatal(err)
	}
	dir = filepath.Join(moved, "book")
	h2 := hash()
	write(t, dir, "images/p.png", "png")
	if hash() != h1 || h2 == h1 {
		t.Error("moving the library changed its books' hashes")
	}
}

func TestPublishRefusesPaths(t *testing.T) {
	cat := &Catalog{out: t.TempDir(), old: loadState(t.TempDir())}
	for _, p := range []string{"../x.html", "/etc/x", "a/../../x", "files/x/evil.pdf", StateFile, ""} {
		if _, err := Publish(context.Background(), cat, []File{{Path: p, Data: []byte("x")}}); err == nil {
			t.Errorf("Publish wrote %q", p)
		}
	}
}

// TestPublishKeepsUnchanged checks that Publish rewrites only what
// changed and removes what the last run wrote and this one does not.
func TestPublishKeepsUnchanged(t *testing.T) {
	out := t.TempDir()
	run := func(files ...File) []string {
		cat := &Catalog{out: out, old: loadState(out)}
		w, err := Publish(context.Background(), cat, files)
		if err != nil {
			t.Fatal(err)
		}
		return w
	}
	if w := run(File{"index.html", []byte("a")}, File{"lang/x.html", []byte("b")}); len(w) != 2 {
		t.Errorf("first publish wrote %v", w)
	}
	if w := run(File{"index.html", []byte("a")}, File{"lang/x.html", []byte("c")}); !slices.Equal(w, []string{"lang/x.html"}) {
		t.Errorf("second publish wrote %v, want lang/x.html only", w)
	}
	run(File{"index.html", []byte("a")})
	if _, err := os.Stat(filepath.Join(out, "lang/x.html")); err == nil {
		t.Error("a page no longer made was left in the site")
	}
}

// TestStateUnsafe checks that a tampered state file cannot make the
// library remove files outside the site's own.
func TestStateUnsafe(t *testing.T) {
	out := t.TempDir()
	outside := filepath.Join(t.TempDir(), "keep.txt")
	write(t, filepath.Dir(outside), "keep.txt", "keep")
	write(t, out, StateFile, `{"format":1,"books":{"../../x":{"hash":"h"}},"pages":["`+filepath.ToSlash(outside)+`","../keep.txt"]}`)
	cat := &Catalog{out: out, old: loadState(out)}
	if _, err := Publish(context.Background(), cat, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(outside); err != nil {
		t.Errorf("a path from the state file outside the site was removed: %v", err)
	}
}

// FuzzLoadConfig feeds library.yaml arbitrary text: an error or a
// config, never a panic.
func FuzzLoadConfig(f *testing.F) {
	f.Add("title: L\nbooks:\n  - one\n")
	f.Add("groups:\n  - id: g\nbooks:\n  - path: one\n    groups: [g]\n")
	f.Add("books: [one, {path: one}]\n")
	f.Add("books:\n  - !!binary AAAA\n")
	dir := f.TempDir()
	write(f, dir, "one/book.yaml", tinyBook)
	f.Fuzz(func(t *testing.T, text string) {
		if err := os.WriteFile(filepath.Join(dir, ConfigFile), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		c, err := LoadConfig(dir, "")
		if err == nil && c.Language == "" {
			t.Error("a config without a language")
		}
	})
}
