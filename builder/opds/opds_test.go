package opds

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pamphlet/pamphlet/builder"
	"github.com/pamphlet/pamphlet/builder/library"
)

var update = flag.Bool("update", false, "rewrite testdata/golden")

func testCatalog(base string) *library.Catalog {
	book := func(id, title, lang, ident string, groups []string) *library.Book {
		return &library.Book{
			ID: id, Groups: groups, Pages: 12,
			Info: builder.Info{
				Title: title, Subtitle: "A & B", Authors: []string{"A. Writer"}, Language: lang, Date: "1901",
				Identifier: ident, Description: "About <it>.", Subjects: []string{"Politics"},
				Modified: time.Date(1901, 1, 1, 0, 0, 0, 0, time.UTC),
			},
			Downloads: []library.Download{
				{Kind: "pdf", Path: "files/" + id + "/" + id + ".pdf", MediaType: "application/pdf", Size: 1000, Pages: 12},
				{Kind: "epub", Path: "files/" + id + "/" + id + ".epub", MediaType: "application/epub+zip", Size: 900},
			},
			Cover:     library.Image{Path: "files/" + id + "/cover.jpg", MediaType: "image/jpeg", Width: 600, Height: 900},
			Thumbnail: library.Image{Path: "files/" + id + "/thumbnail.png", MediaType: "image/png", Width: 240, Height: 360},
		}
	}
	return &library.Catalog{
		Title: "Test Library", Description: "Books.", Language: "en", BaseURL: base,
		Groups:  []library.Group{{ID: "g", Title: "Group"}},
		Books:   []*library.Book{book("one", "First", "en", "urn:isbn:9780000000002", []string{"g"}), book("two", "Second", "fr", "my id", nil)},
		Updated: time.Date(1901, 1, 1, 0, 0, 0, 0, time.UTC),
	}
}

func baseOf(tag string) string  { return strings.SplitN(tag, "-", 2)[0] }
func bookPage(id string) string { return "books/" + id + ".html" }

var langs = []Language{{Base: "en", Name: "English"}, {Base: "fr", Name: "French"}}

// TestRenderGolden compares the feeds of a small catalogue with
// testdata/golden (rewritten with -update) and checks that each is
// well-formed.
func TestRenderGolden(t *testing.T) {
	files, err := Render(testCatalog(""), langs, baseOf, bookPage)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{Navigation, AllBooks, LanguageFeed("en"), LanguageFeed("fr"), GroupFeed("g"), JSON}
	if len(files) != len(want) {
		t.Fatalf("%d feeds, want %d", len(files), len(want))
	}
	for i, f := range files {
		if f.Path != want[i] {
			t.Errorf("feed %d is %s, want %s", i, f.Path, want[i])
		}
		if strings.HasSuffix(f.Path, ".xml") {
			var v struct{}
			if err := xml.Unmarshal(f.Data, &v); err != nil {
				t.Errorf("%s is not well-formed: %v", f.Path, err)
			}
		} else if !json.Valid(f.Data) {
			t.Errorf("%s is not JSON", f.Path)
		}
		golden := filepath.Join("testdata", "golden", filepath.FromSlash(f.Path))
		if *update {
			os.MkdirAll(filepath.Dir(golden), 0o755)
			if err := os.WriteFile(golden, f.Data, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if old, err := os.ReadFile(golden); err != nil || !bytes.Equal(old, f.Data) {
			t.Errorf("%s differs from %s (go test -update, then review the diff)", f.Path, golden)
		}
	}
}

// TestBaseURL checks that with a base URL every link and id is absolute.
func TestBaseURL(t *testing.T) {
	files, err := Render(testCatalog("https://example.org/books/"), langs, baseOf, bookPage)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if bytes.Contains(f.Data, []byte(`href="../`)) || bytes.Contains(f.Data, []byte(`"href": "files/`)) || bytes.Contains(f.Data, []byte("urn:uuid")) {
			t.Errorf("%s has relative links or made-up ids under a base URL", f.Path)
		}
		if !bytes.Contains(f.Data, []byte("https://example.org/books/files/one/one.epub")) && f.Path != Navigation && f.Path != LanguageFeed("fr") {
			t.Errorf("%s lacks the absolute EPUB link", f.Path)
		}
	}
}

func TestRelative(t *testing.T) {
	for _, tc := range [][3]string{
		{"opds/all.xml", "files/a/b.pdf", "../files/a/b.pdf"},
		{"opds/all.xml", "opds/root.xml", "root.xml"},
		{"index.json", "files/x", "files/x"},
		{"a/b/c.xml", "d.xml", "../../d.xml"},
	} {
		if got := relative(tc[0], tc[1]); got != tc[2] {
			t.Errorf("relative(%q, %q) = %q, want %q", tc[0], tc[1], got, tc[2])
		}
	}
}

func TestBookID(t *testing.T) {
	for ident, want := range map[string]string{
		"urn:isbn:9780000000002": "urn:isbn:9780000000002",
		"urn:uuid:1234":          "urn:uuid:1234",
		"my id":                  "urn:pamphlet:my%20id",
		"a b:c":                  "urn:pamphlet:a%20b:c",
	} {
		if got := bookID(&library.Book{Info: builder.Info{Identifier: ident}}); got != want {
			t.Errorf("bookID(%q) = %q, want %q", ident, got, want)
		}
	}
}
