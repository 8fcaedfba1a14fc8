package site

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/pamphlet/pamphlet/builder"
	"github.com/pamphlet/pamphlet/builder/library"
)

var update = flag.Bool("update", false, "rewrite testdata/golden")

// testCatalog is a small catalogue: an English book with a booklet in a
// group, and a German one with a title that needs escaping.
func testCatalog() *library.Catalog {
	book := func(id, title, lang string, groups []string, kinds ...string) *library.Book {
		b := &library.Book{
			ID: id, Groups: groups, Pages: 12, Words: 3456,
			Info: builder.Info{
				Title: title, Authors: []string{"A. Writer", "B. Writer"}, Language: lang, Date: "1901-02-03",
				Identifier: "urn:uuid:00000000-0000-5000-8000-" + strings.Repeat("0", 12-len(id)) + id,
				Contents:   []string{"One", "Two"}, Modified: time.Date(1901, 2, 3, 0, 0, 0, 0, time.UTC),
			},
			Cover:     library.Image{Path: "files/" + id + "/cover.png", MediaType: "image/png", Width: 1400, Height: 2100},
			Thumbnail: library.Image{Path: "files/" + id + "/thumbnail.png", MediaType: "image/png", Width: 240, Height: 360},
		}
		for _, k := range kinds {
			d := library.Download{Kind: k, Path: "files/" + id + "/" + id + "." + k, MediaType: "application/pdf", Size: 123456, Pages: 12}
			if k == "epub" {
				d.MediaType, d.Pages = "application/epub+zip", 0
			}
			b.Downloads = append(b.Downloads, d)
		}
		return b
	}
	return &library.Catalog{
		Title: "Test <Library>", Description: "Books & more.", Language: "en",
		Groups:  []library.Group{{ID: "essays", Title: "Essays", Description: "Short ones."}},
		Books:   []*library.Book{book("one", "First", "en-GB", []string{"essays"}, "pdf", "epub", "booklet"), book("zwei", "Zweites <b>Buch</b>", "de", nil, "pdf", "epub")},
		Updated: time.Date(1901, 2, 3, 0, 0, 0, 0, time.UTC),
	}
}

// TestRenderGolden compares every file of the test catalogue's site with
// testdata/golden (rewritten with -update).
func TestRenderGolden(t *testing.T) {
	files, err := Render(testCatalog(), Feeds{Navigation: "opds/root.xml", JSON: "opds/catalog.json"})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"style.css", "index.html", "language/de.html", "language/en.html", "group/essays.html", "books/one.html", "books/zwei.html"}
	if len(files) != len(want) {
		t.Errorf("%d files, want %d", len(files), len(want))
	}
	for i, f := range files {
		if i < len(want) && f.Path != want[i] {
			t.Errorf("file %d is %s, want %s", i, f.Path, want[i])
		}
		golden := filepath.Join("testdata", "golden", filepath.FromSlash(f.Path))
		if *update {
			os.MkdirAll(filepath.Dir(golden), 0o755)
			if err := os.WriteFile(golden, f.Data, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		old, err := os.ReadFile(golden)
		if err != nil || !bytes.Equal(old, f.Data) {
			t.Errorf("%s differs from %s (go test -update, then review the diff)", f.Path, golden)
		}
		if strings.HasSuffix(f.Path, ".html") {
			if _, err := html.Parse(bytes.NewReader(f.Data)); err != nil {
				t.Errorf("%s: %v", f.Path, err)
			}
			if bytes.Contains(f.Data, []byte("<b>Buch")) || bytes.Contains(f.Data, []byte("<Library>")) {
				t.Errorf("%s: a title is not escaped", f.Path)
			}
		}
	}
}

// TestRenderOneLanguage checks that a library in one language has no
// language filter, and that the book pages carry the book's language.
func TestRenderOneLanguage(t *testing.T) {
	cat := testCatalog()
	cat.Books = cat.Books[:1]
	cat.Groups = nil
	files, err := Render(cat, Feeds{})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if strings.HasPrefix(f.Path, "language/") || bytes.Contains(f.Data, []byte("<nav")) || bytes.Contains(f.Data, []byte("opds")) {
			t.Errorf("%s: filters or feeds in a one-language library without feeds", f.Path)
		}
		if f.Path == "books/one.html" && !bytes.Contains(f.Data, []byte(`<h1 lang="en-GB">First</h1>`)) {
			t.Errorf("the book's heading lacks its language:\n%s", f.Data)
		}
	}
}

func TestSize(t *testing.T) {
	for n, want := range map[int64]string{999: "999 bytes", 1000: "1 KB", 74499: "74 KB", 999499: "999 KB", 1_500_000: "1.5 MB"} {
		if got := Size(n); got != want {
			t.Errorf("Size(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestLanguageNames(t *testing.T) {
	cat := testCatalog()
	got := Languages(cat)
	if len(got) != 2 || got[0] != (Language{Base: "de", Name: "German", Self: "Deutsch"}) || got[1] != (Language{Base: "en", Name: "English", Self: "English"}) {
		t.Errorf("languages %+v", got)
	}
}
