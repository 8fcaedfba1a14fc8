package builder

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/pamphlet/pamphlet/builder/diag"
	"github.com/pamphlet/pamphlet/builder/doc"
	"github.com/pamphlet/pamphlet/builder/manifest"
	"github.com/pamphlet/pamphlet/builder/markdown"
)

// markdownExts are the file name endings read as Markdown articles.
var markdownExts = []string{".md", ".markdown", ".mdown", ".mkd"}

// loadBook reads and parses every article of m, in parallel, and returns
// the book. Articles are independent until pagination, so each is read
// and parsed on its own goroutine with its own diagnostics, merged in
// manifest order so that the report is the same on every run.
func loadBook(ctx context.Context, m *manifest.Manifest, maxBytes int64, diags *diag.List) *doc.Book {
	book := &doc.Book{Meta: doc.Meta{
		Title:       m.Title,
		Subtitle:    m.Subtitle,
		Authors:     m.Authors,
		Date:        m.Date,
		Lang:        m.Language,
		Publisher:   m.Publisher,
		Identifier:  m.Identifier,
		Description: m.Description,
		Rights:      m.Rights,
		Subjects:    m.Subjects,
		Hyphenate:   m.Hyphenate,
	}}
	arts := make([]*doc.Article, len(m.Articles))
	lists := make([]diag.List, len(m.Articles))
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for i, ref := range m.Articles {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			if ctx.Err() != nil {
				return
			}
			arts[i] = loadArticle(ref, maxBytes, &lists[i])
		}()
	}
	wg.Wait()
	ids := map[string]bool{}
	for i := range m.Articles {
		diags.Merge(&lists[i])
		a := arts[i]
		if a == nil {
			continue
		}
		a.ID = uniqueID(articleID(a.Path), ids)
		book.Articles = append(book.Articles, a)
	}
	return book
}

// loadArticle reads one article file, reporting file problems at the
// manifest line that names it, and parses it.
func loadArticle(ref manifest.Article, maxBytes int64, diags *diag.List) *doc.Article {
	ext := strings.ToLower(filepath.Ext(ref.File))
	known := false
	for _, e := range markdownExts {
		known = known || ext == e
	}
	if !known {
		diags.Errorf(ref.Pos, "A001", "article %s: unsupported format %q: articles are Markdown files (.md)", ref.File, ext)
		return nil
	}
	src, err := readLimited(ref.Path, maxBytes)
	if err != nil {
		diags.Errorf(ref.Pos, "A002", "article %s: %v", ref.File, err)
		return nil
	}
	if looksBinary(src) {
		diags.Errorf(ref.Pos, "A003", "article %s: is a binary file, not Markdown text", ref.File)
		return nil
	}
	a := markdown.Parse(filepath.ToSlash(ref.Path), src, diags)
	a.Path = filepath.ToSlash(ref.Path)
	if ref.Title != "" {
		a.Meta.Title = ref.Title
	}
	if strings.TrimSpace(a.Meta.Title) == "" {
		// The reader has warned; the file's name is the best title left.
		base := strings.TrimSuffix(filepath.Base(ref.File), filepath.Ext(ref.File))
		a.Meta.Title = strings.ReplaceAll(base, "-", " ")
	}
	return a
}

// readLimited reads a regular file of at most max bytes.
func readLimited(path string, max int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fileErr(err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, fileErr(err)
	}
	if fi.IsDir() {
		return nil, errors.New("is a folder, not a file")
	}
	if !fi.Mode().IsRegular() {
		return nil, errors.New("is not a regular file")
	}
	if fi.Size() > max {
		return nil, fmt.Errorf("is too large (%s; the limit is %s)", sizeString(fi.Size()), sizeString(max))
	}
	src, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, fileErr(err)
	}
	if int64(len(src)) > max {
		return nil, fmt.Errorf("is too large (the limit is %s)", sizeString(max))
	}
	return src, nil
}

func fileErr(err error) error {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return errors.New("no such file")
	case errors.Is(err, fs.ErrPermission):
		return errors.New("permission denied")
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func sizeString(n int64) string {
	if n >= 1<<20 {
		return fmt.Sprintf("%d MB", n>>20)
	}
	return fmt.Sprintf("%d bytes", n)
}

// looksBinary reports whether src is evidently not text: a file whose
// first 8 KB are mostly control bytes or invalid UTF-8. A stray NUL or a
// few bad bytes in a text file are not enough; the reader repairs those
// and warns.
func looksBinary(src []byte) bool {
	head := src
	if len(head) > 8192 {
		head = head[:8192]
	}
	if len(head) == 0 {
		return false
	}
	bad := 0
	for len(head) > 0 {
		r, size := utf8.DecodeRune(head)
		switch {
		case r == utf8.RuneError && size == 1:
			bad++
		case r < 0x20 && r != '\n' && r != '\r' && r != '\t' && r != '\f':
			bad++
		}
		head = head[size:]
	}
	n := min(len(src), 8192)
	return bad*10 > n // more than 10% garbage
}
