package library

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
)

// TestBuild builds a library of three tiny books, one of them broken,
// three at a time (go test -race checks the parallel builds), then again.
func TestBuild(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "a/book.yaml", "title: Alpha\nauthor: A\ndate: 2001-02-03\nlanguage: de\narticles: [a.md, {file: z.md, title: Zwei}]\n")
	write(t, dir, "a/a.md", "# Eins\n\nText.\n")
	write(t, dir, "a/z.md", "# Zweiter Teil\n\nMehr.\n")
	write(t, dir, "b/book.yaml", "title: Beta\narticles: [b.md]\npdf: {booklet: true}\n")
	write(t, dir, "b/b.md", "# B\n\nText.\n")
	write(t, dir, "c/book.yaml", "title: Broken\narticles: [missing.md]\n")
	var mu sync.Mutex
	var reports []Report
	opts := Options{Dir: dir, Jobs: 3, Version: "test", Getenv: func(string) string { return "" },
		Report: func(r Report) { mu.Lock(); reports = append(reports, r); mu.Unlock() }}

	cat, sum, err := Build(context.Background(), opts)
	if !errors.Is(err, ErrFailed) {
		t.Errorf("error %v, want ErrFailed", err)
	}
	if sum != (Summary{Books: 3, Rebuilt: 2, Failed: 1}) {
		t.Errorf("summary %+v", sum)
	}
	if len(reports) != 3 {
		t.Fatalf("%d reports, want 3", len(reports))
	}
	sort.Slice(reports, func(i, j int) bool { return reports[i].ID < reports[j].ID })
	if r := reports[2]; r.ID != "c" || r.Err == nil || r.Result == nil || !strings.Contains(r.Result.Diags.Sorted()[0].String(), "c/book.yaml:2") {
		t.Errorf("the broken book's report: %+v", r)
	}
	if len(cat.Books) != 2 || cat.Books[0].ID != "a" || cat.Books[1].ID != "b" {
		t.Fatalf("catalogue %+v, want a and b", cat.Books)
	}
	a, b := cat.Books[0], cat.Books[1]
	if a.Info.Language != "de" || !slices.Equal(a.Info.Contents, []string{"Eins", "Zwei"}) || a.Info.Modified.Year() != 2001 || cat.Updated != a.Info.Modified {
		t.Errorf("book a: %+v", a.Info)
	}
	var kinds []string
	for _, d := range b.Downloads {
		kinds = append(kinds, d.Kind)
		if fi, err := os.Stat(filepath.Join(dir, "site", d.Path)); err != nil || fi.Size() != d.Size {
			t.Errorf("%s: size %d recorded, file %v", d.Path, d.Size, err)
		}
	}
	if !slices.Equal(kinds, []string{"pdf", "epub", "booklet"}) {
		t.Errorf("book b's downloads %v", kinds)
	}
	// The cover is the EPUB's, of the page's proportion (A5 here).
	if b.Cover.Width != 1400 || b.Cover.Height != 1986 || b.Thumbnail.Width != ThumbnailWidth || b.Thumbnail.Height != 340 || b.Cover.MediaType != "image/png" {
		t.Errorf("cover %+v, thumbnail %+v", b.Cover, b.Thumbnail)
	}
	if !bytes.Equal(readFile(t, filepath.Join(dir, "site", b.Cover.Path)), epubEntry(t, filepath.Join(dir, "site", FilesDir, "b", "beta.epub"), "OEBPS/images/cover.png")) {
		t.Error("the site's cover of b is not its EPUB's")
	}
	if _, err := Publish(context.Background(), cat, []File{{Path: "index.html", Data: []byte("x")}}); err != nil {
		t.Fatal(err)
	}

	// Nothing changed: nothing is built but the broken book, tried again.
	reports = nil
	cat, sum, _ = Build(context.Background(), opts)
	if sum != (Summary{Books: 3, Rebuilt: 0, Failed: 1}) || len(cat.Books) != 2 {
		t.Errorf("second run: %+v, %d books", sum, len(cat.Books))
	}
	for _, r := range reports {
		if r.Rebuilt != (r.ID == "c") {
			t.Errorf("second run: %s rebuilt %v", r.ID, r.Rebuilt)
		}
	}
	// Another version of pamphlet rebuilds everything.
	opts.Version = "test 2"
	if _, sum, _ = Build(context.Background(), opts); sum.Rebuilt != 2 {
		t.Errorf("a new version rebuilt %d books, want 2", sum.Rebuilt)
	}
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// epubEntry returns the file name in the EPUB at path.
func epubEntry(t *testing.T, path, name string) []byte {
	t.Helper()
	z, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	f, err := z.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	data, err := io.ReadAll(f)
	if err != nil {
		t.Fatal(err)
	}
	return data
}
