package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/pamphlet/pamphlet/internal/testtool"
)

// TestBadInputCatalogue builds books with every kind of bad input a
// writer sends, through the CLI's run(), and checks the exit status and
// the exact lines printed: never a panic, an empty message or a bare
// "error". Paths in the output are shown relative to the book's folder.
// The manifest cases (malformed YAML, unknown and misspelled keys, wrong
// types, empty manifest, missing articles key) and the missing, folder
// and binary article files are in testdata/script/bad_*.txtar.
func TestBadInputCatalogue(t *testing.T) {
	type file = struct{ name, data string }
	md := func(s string) []file { return []file{{"a.md", s}} }
	tests := []struct {
		name  string
		files []file
		// manifest defaults to a book of a.md.
		manifest string
		exit     int
		// want are the lines of standard error, in order; a line
		// starting with ~ is a regular expression.
		want []string
	}{
		{name: "empty article", files: md(""), want: []string{
			"a.md: warning: article is empty",
			`~^pamphlet: \d+ pages, 0 words → `}},
		{name: "blank article", files: md("\n \n\t\n"), want: []string{
			"a.md: warning: article is empty",
			`~^pamphlet: \d+ pages, 0 words → `}},
		{name: "no articles", manifest: "title: T\narticles: []\n", exit: 1, want: []string{
			"book.yaml:2:11: articles is empty: list at least one article",
			`~^pamphlet: 1 error; no output written`}},
		{name: "invalid UTF-8", files: md("# T\n\nGood line.\n\nBad \xff\xfe here.\n"), want: []string{
			"a.md:5: warning: invalid UTF-8 replaced by U+FFFD",
			`~^pamphlet: \d+ pages, 5 words → `}},
		{name: "NUL byte", files: md("# T\n\nA NUL \x00 here.\n"), want: []string{
			"a.md:3: warning: NUL byte replaced by U+FFFD",
			`~^pamphlet: \d+ pages, 4 words → `}},
		{name: "200,000-character paragraph", files: md("# T\n\n" + strings.Repeat("word ", 40000) + "\n"), want: []string{
			`~^pamphlet: \d+ pages, 40000 words → `}},
		{name: "10,000-deep list", files: md("# T\n\n" + strings.Repeat("- ", 10000) + "x\n"), exit: 1, want: []string{
			"a.md:3:203: content nested more than 100 levels deep; the deeper levels are flattened",
			`~^pamphlet: 1 error; no output written`}},
		{name: "10,000-deep quote", files: md("# T\n\n" + strings.Repeat(">", 10000) + " x\n"), exit: 1, want: []string{
			"a.md:3:102: content nested more than 100 levels deep; the deeper levels are flattened",
			`~^pamphlet: 1 error; no output written`}},
		{name: "10,000 footnotes", files: md("# T\n\n" + notes(10000)), want: []string{
			`~^pamphlet: \d+ pages, 30000 words → `}},
		{name: "footnote undefined and unused", files: md("# T\n\nUses an undefined note.[^x]\n\n[^y]: Defined, never used.\n"), want: []string{
			"a.md:3: warning: note [^x] is not defined",
			"a.md:3: warning: footnote [^x] has no text",
			"a.md:5: warning: note [^y] is never referenced; it is dropped",
			`~^pamphlet: \d+ pages, 4 words → `}},
		{name: "duplicate headings", files: md("# T\n\n## Part\n\nx\n\n## Part\n\ny [to the first](#part), [to the second](#part-1).\n"), want: []string{
			`~^pamphlet: \d+ pages, \d+ words → `}},
		{name: "missing image", files: []file{{"a.md", "# T\n\n![missing](nothere.png)\n\n![folder](pics)\n"}, {"pics/x", ""}}, exit: 1, want: []string{
			`a.md:3:1: image "nothere.png" not found: no such file`,
			`a.md:5:1: image "pics": not a regular file (a folder)`,
			`~^pamphlet: 2 errors; no output written`}},
		{name: "bad images", files: []file{
			{"a.md", "# T\n\n![corrupt](corrupt.png)\n\n![unsupported](pic.webp)\n\n![svg](pic.svg)\n\n![remote](https://example.com/x.png)\n\n![huge](huge.png)\n"},
			{"corrupt.png", "\x89PNG\r\n\x1a\nthis is not a png"},
			{"pic.webp", "RIFF\x00\x00\x00\x00WEBPVP8 "},
			{"pic.svg", `<svg xmlns="http://www.w3.org/2000/svg"/>`},
			{"huge.png", string(testtool.HugePNG(50000, 50000))},
		}, want: []string{
			"a.md:3: warning: image corrupt.png is not a PNG, JPEG or GIF image (unexpected EOF); its description is printed instead",
			"a.md:5: warning: image pic.webp is not a PNG, JPEG or GIF image (image: unknown format); its description is printed instead",
			"a.md:7: warning: image pic.svg is not a PNG, JPEG or GIF image (image: unknown format); its description is printed instead",
			`a.md:9: warning: remote image "https://example.com/x.png" not fetched; its alt text is used`,
			"a.md:11: warning: image huge.png is 50000 × 50000 pixels, more than the 50-megapixel limit (scale it down); its description is printed instead",
			`~^pamphlet: \d+ pages, \d+ words → `}},
		{name: "outside the BMP", files: md("# T\n\nAn emoji 😀 and a private \U000F0001.\n"), want: []string{
			`a.md:3: warning: no font has the character U+1F600 GRINNING FACE ("😀"); it is left out of the PDF`,
			`a.md:3: warning: no font has the character U+F0001 <Plane 15 Private Use> ("\U000f0001"); it is left out of the PDF`,
			`~^pamphlet: \d+ pages, \d+ words → `}},
		// The PDF is written by glyph: a character beyond U+FFFF that a
		// bundled face has is set like any other.
		{name: "Fraktur beyond the BMP", files: md("# T\n\nQ 𝔔 here.\n"), want: []string{
			`~^pamphlet: \d+ pages, 3 words → `}},
		{name: "title without glyphs", files: md("# 😀\n\nText.\n"), want: []string{
			`a.md:1: warning: no font has the character U+1F600 GRINNING FACE ("😀"); it is left out of the PDF`,
			`~^pamphlet: \d+ pages, \d+ words → `}},
		// Arabic is bundled (Noto Naskh), shaped and set right to left.
		{name: "right to left", files: md("# T\n\nEnglish then العربية mixed.\n"), want: []string{
			`~^pamphlet: \d+ pages, \d+ words → `}},
		{name: "paths with .. and symlinks", manifest: "title: T\narticles:\n  - ../shared/s.md\n  - link.md\n", files: []file{
			{"../shared/s.md", "# Shared\n\nText.\n"},
		}, want: []string{
			`~^pamphlet: \d+ pages, 2 words → `}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			dir := filepath.Join(root, "book")
			if err := os.Mkdir(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			manifest := tt.manifest
			if manifest == "" {
				manifest = "title: T\narticles: [a.md]\n"
			}
			tt.files = append(tt.files, file{"book.yaml", manifest})
			for _, f := range tt.files {
				p := filepath.Join(dir, f.name)
				os.MkdirAll(filepath.Dir(p), 0o755)
				if err := os.WriteFile(p, []byte(f.data), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			if tt.name == "paths with .. and symlinks" {
				if err := os.Symlink("../shared/s.md", filepath.Join(dir, "link.md")); err != nil {
					t.Skip("no symlinks here:", err)
				}
			}
			var stdout, stderr bytes.Buffer
			code := run(context.Background(), []string{"build", filepath.Join(dir, "book.yaml"), "--out", filepath.Join(root, "out")}, &stdout, &stderr)
			got := strings.Split(strings.TrimRight(strings.ReplaceAll(stderr.String(), dir+string(filepath.Separator), ""), "\n"), "\n")
			if code != tt.exit {
				t.Errorf("exit %d, want %d", code, tt.exit)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %d lines, want %d:\n%s", len(got), len(tt.want), strings.Join(got, "\n"))
			}
			for i, w := range tt.want {
				if re, ok := strings.CutPrefix(w, "~"); ok {
					if !regexp.MustCompile(re).MatchString(got[i]) {
						t.Errorf("line %d: %q does not match %q", i+1, got[i], re)
					}
				} else if got[i] != w {
					t.Errorf("line %d:\n got %q\nwant %q", i+1, got[i], w)
				}
			}
			for _, l := range got {
				if strings.Contains(l, "panic") || strings.TrimSpace(l) == "" || strings.TrimSpace(l) == "error" {
					t.Errorf("bad line %q", l)
				}
			}
		})
	}
}

// TestUnreadableArticle: an article the user may not read is an error at
// its manifest line. Root reads everything, so the test needs a user.
func TestUnreadableArticle(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root can read files without permission")
	}
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "book.yaml"), []byte("title: T\narticles:\n  - a.md\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "a.md"), []byte("# A\n"), 0o000)
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), []string{"build", filepath.Join(dir, "book.yaml")}, &stdout, &stderr)
	want := filepath.Join(dir, "book.yaml") + ":3: article a.md: permission denied\n"
	if code != exitBook || !strings.HasPrefix(stderr.String(), want) {
		t.Errorf("exit %d, stderr %q, want %q first", code, stderr.String(), want)
	}
}

func notes(n int) string {
	var b strings.Builder
	for i := range n {
		b.WriteString("Text.[^" + strconv.Itoa(i) + "]\n\n")
	}
	for i := range n {
		b.WriteString("[^" + strconv.Itoa(i) + "]: Note " + strconv.Itoa(i) + ".\n\n")
	}
	return b.String()
}

// TestSpecialFiles names a named pipe, a device and a folder wherever a
// book names a file: as the manifest, an article, an image, a font, the
// layout and the cover. Each must be refused at once, at the position
// that named it, saying what is there; a named pipe must never be opened
// for reading (that blocks until a writer comes).
func TestSpecialFiles(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no named pipes or /dev/zero")
	}
	dir := t.TempDir()
	for name, data := range map[string]string{"a.md": "# A\n\nText.\n"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "feed.md"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dir, "folder.md"), 0o755); err != nil {
		t.Fatal(err)
	}
	const (
		pipe   = "not a regular file (a named pipe)"
		device = "not a regular file (a character device)"
		folder = "not a regular file (a folder)"
	)
	for _, c := range []struct {
		name, manifest, want string
	}{
		{"article pipe", "articles: [feed.md]", "book.yaml:2: article feed.md: " + pipe},
		{"article device", "articles: [/dev/zero]", "book.yaml:2: article /dev/zero: " + device},
		{"article folder", "articles: [folder.md]", "book.yaml:2: article folder.md: " + folder},
		{"image pipe", "articles: [img-pipe.md]", `img-pipe.md:3:1: image "feed.md": ` + pipe},
		{"image device", "articles: [img-dev.md]", `img-dev.md:3:1: image "/dev/zero": ` + device},
		{"image folder", "articles: [img-dir.md]", `img-dir.md:3:1: image "folder.md": ` + folder},
		{"font pipe", "articles: [a.md]\nfonts: {body: feed.md}", `book.yaml:3:15: body font "feed.md": feed.md: ` + pipe},
		{"font device", "articles: [a.md]\nfonts: {body: /dev/zero}", `book.yaml:3:15: body font "/dev/zero": /dev/zero: ` + device},
		{"font folder", "articles: [a.md]\nfonts: {body: folder.md}", `book.yaml:3:15: body font "folder.md": folder.md: ` + folder},
		{"layout pipe", "articles: [a.md]\nlayout: feed.md", "book.yaml:3:9: layout: feed.md: " + pipe},
		{"layout device", "articles: [a.md]\nlayout: /dev/zero", "book.yaml:3:9: layout: /dev/zero: " + device},
		{"cover pipe", "articles: [a.md]\ncover: feed.md", "book.yaml:3:8: cannot read the cover image feed.md: " + pipe},
		{"cover device", "articles: [a.md]\ncover: /dev/zero", "book.yaml:3:8: cannot read the cover image /dev/zero: " + device},
		{"manifest pipe", "", "feed.md: cannot read manifest: " + pipe},
	} {
		t.Run(c.name, func(t *testing.T) {
			for name, src := range map[string]string{"feed.md": "pipe", "/dev/zero": "dev", "folder.md": "dir"} {
				md := "# I\n\n![picture](" + name + ")\n"
				if err := os.WriteFile(filepath.Join(dir, "img-"+src+".md"), []byte(md), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			manifest := filepath.Join(dir, "feed.md")
			if c.manifest != "" {
				manifest = filepath.Join(dir, "book.yaml")
				if err := os.WriteFile(manifest, []byte("title: T\n"+c.manifest+"\n"), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			var stdout, stderr bytes.Buffer
			done := make(chan int, 1)
			go func() {
				done <- run(context.Background(), []string{"build", manifest, "--out", filepath.Join(dir, "out")}, &stdout, &stderr)
			}()
			var code int
			select {
			case code = <-done:
			case <-time.After(10 * time.Second):
				t.Fatal("the build blocked") // a pipe opened for reading
			}
			first, _, _ := strings.Cut(strings.ReplaceAll(stderr.String(), dir+string(filepath.Separator), ""), "\n")
			if code != exitBook || first != c.want {
				t.Errorf("exit %d, first line\n got %q\nwant %q", code, first, c.want)
			}
		})
	}
}
