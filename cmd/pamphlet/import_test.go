package main

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// runImport runs the import command as the root command would, returning
// its outputs and the exit status run() would give.
func runImport(t *testing.T, dir string, args ...string) (string, string, int) {
	t.Helper()
	wd, _ := os.Getwd()
	if err := os.Chdir(dir); err != nil {
		t.Fatal(err)
	}
	defer os.Chdir(wd)
	var out, errb bytes.Buffer
	cmd := newImport(&out, &errb)
	cmd.SilenceErrors, cmd.SilenceUsage = true, true
	cmd.SetArgs(args)
	err := cmd.Execute()
	code := exitOK
	var be bookError
	var ue usageError
	switch {
	case err == nil:
	case errors.As(err, &be):
		code = exitBook
	case errors.As(err, &ue) || isCobraUsage(err):
		code = exitUsage
	default:
		code = exitBook
	}
	return out.String(), errb.String(), code
}

func write(t *testing.T, path, s string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestImportCommand(t *testing.T) {
	dir := t.TempDir()
	manifest := "# My book\ntitle: T\narticles:\n  - articles/one.md   # first\n  - file: articles/two.md\n    title: Two\n# the end\noutput:\n  name: t\nimport:\n  strip: ['sponsored by .*']\n"
	write(t, filepath.Join(dir, "book.yaml"), manifest)
	write(t, filepath.Join(dir, "raw", "My Post.txt"), "A Title\nA deck line\n\nFirst paragraph of prose, long enough to be body text.\n\nSponsored by Acme\n\nLast paragraph.\n\nShare this:\nTwitter\n")
	write(t, filepath.Join(dir, "raw", "page.html"), `<html><head><title>Page</title></head><body><article><h1>Page</h1><p>Some article text that is long enough to be found as the body of the page, with a comma, and more words after it to pass the threshold.</p><img src="page_files/pic.png" alt="A picture"></article></body></html>`)
	write(t, filepath.Join(dir, "raw", "page_files", "pic.png"), "PNG")

	out, errs, code := runImport(t, dir, "--dry-run", "raw/My Post.txt")
	if code != 0 || !strings.Contains(out, "raw/My Post.txt → articles/my-post.md") ||
		!strings.Contains(out, `raw/My Post.txt:6: removed "Sponsored by Acme": matches strip pattern sponsored by .*`) ||
		!strings.Contains(out, `raw/My Post.txt:10: removed "Share this:": share prompt: the site's trailing matter starts here`) {
		t.Errorf("dry run: %d\n%s\n%s", code, out, errs)
	}
	if _, err := os.Stat(filepath.Join(dir, "articles")); err == nil {
		t.Errorf("dry run wrote files")
	}

	_, errs, code = runImport(t, dir, "raw/My Post.txt", "raw/page.html", "--add", "book.yaml")
	if code != 0 {
		t.Fatalf("import: %d\n%s", code, errs)
	}
	got, _ := os.ReadFile(filepath.Join(dir, "articles", "my-post.md"))
	if want := "---\ntitle: \"A Title\"\nsubtitle: \"A deck line\"\n---\n\nFirst paragraph of prose, long enough to be body text.\n\nLast paragraph.\n"; string(got) != want {
		t.Errorf("article:\n%s\nwant:\n%s", got, want)
	}
	if _, err := os.Stat(filepath.Join(dir, "articles", "page_files", "pic.png")); err != nil {
		t.Errorf("image not copied: %v", err)
	}
	m, _ := os.ReadFile(filepath.Join(dir, "book.yaml"))
	wantM := strings.Replace(manifest, "    title: Two\n", "    title: Two\n  - articles/my-post.md\n  - articles/page.md\n", 1)
	if string(m) != wantM {
		t.Errorf("manifest:\n%s\nwant:\n%s", m, wantM)
	}

	// No overwriting without --force; nothing added twice.
	_, errs, code = runImport(t, dir, "raw/My Post.txt", "--add", "book.yaml")
	if code != exitBook || !strings.Contains(errs, "raw/My Post.txt: articles/my-post.md already exists; use --force to overwrite it") {
		t.Errorf("second import: %d\n%s", code, errs)
	}
	_, errs, code = runImport(t, dir, "--force", "raw/My Post.txt", "--add", "book.yaml")
	m2, _ := os.ReadFile(filepath.Join(dir, "book.yaml"))
	if code != 0 || string(m2) != wantM {
		t.Errorf("forced import: %d %s\n%s", code, errs, m2)
	}

	// Usage and bad input.
	if _, _, code := runImport(t, dir); code != exitUsage {
		t.Errorf("no files: exit %d", code)
	}
	write(t, filepath.Join(dir, "bin.txt"), "\x00\x01")
	if _, errs, code := runImport(t, dir, "bin.txt", "missing.txt"); code != exitBook ||
		!strings.Contains(errs, "bin.txt: this is a binary file (NUL byte at offset 0), not text or HTML") ||
		!strings.Contains(errs, "missing.txt: cannot read: no such file or directory") {
		t.Errorf("bad input: %d\n%s", code, errs)
	}
}

func TestAppendArticles(t *testing.T) {
	tests := []struct{ in, want string }{
		{"title: T\narticles: [a.md, \"b.md\"]  # flow\nlayout: a5\n", "title: T\narticles: [a.md, \"b.md\", new.md]  # flow\nlayout: a5\n"},
		{"title: T\narticles: []\n", "title: T\narticles: [new.md]\n"},
		{"title: T\narticles:\nlayout: a5\n", "title: T\narticles:\n  - new.md\nlayout: a5\n"},
		{"title: T\n", "title: T\narticles:\n  - new.md\n"},
		{"title: T\narticles:\n    - \"a.md\"\n\n# comment kept\nlayout: a5", "title: T\narticles:\n    - \"a.md\"\n    - \"new.md\"\n\n# comment kept\nlayout: a5\n"},
		{"articles:\n- a.md\n- new.md\n", "articles:\n- a.md\n- new.md\n"},
	}
	for _, tt := range tests {
		got, err := appendArticles([]byte(tt.in), []string{"new.md"})
		if err != nil || string(got) != tt.want {
			t.Errorf("appendArticles(%q) = %q, %v\nwant %q", tt.in, got, err, tt.want)
		}
	}
	if _, err := appendArticles([]byte("articles: 3\n"), []string{"x.md"}); err == nil {
		t.Errorf("articles: 3 accepted")
	}
}
