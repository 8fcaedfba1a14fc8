package builder

import (
	"context"
	"errors"
	"io/fs"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/pamphlet/pamphlet/builder/diag"
	"github.com/pamphlet/pamphlet/builder/doc"
	"github.com/pamphlet/pamphlet/builder/importer"
	"github.com/pamphlet/pamphlet/builder/manifest"
	"github.com/pamphlet/pamphlet/builder/markdown"

	"github.com/pamphlet/pamphlet/internal/inputfile"
)

// markdownExts are the file name endings read as Markdown articles;
// importExts those that go through the importer first (web articles
// copied as text or saved as HTML), in memory, at every build.
var (
	markdownExts = []string{".md", ".markdown", ".mdown", ".mkd"}
	importExts   = []string{".txt", ".text", ".html", ".htm", ".xhtml"}
)

// Imported records what the importer removed from one article, for
// `pamphlet build -v`.
type Imported struct {
	File    string
	Removed []importer.Removal
}

// loadBook reads and parses every article of m, in parallel, and returns
// the book. Articles are independent until pagination, so each is read
// and parsed on its own goroutine with its own diagnostics, merged in
// manifest order so that the report is the same on every run.
func loadBook(ctx context.Context, m *manifest.Manifest, maxBytes int64, diags *diag.List) *doc.Book {
	b, _ := loadBookImports(ctx, m, maxBytes, diags)
	return b
}

// loadBookImports is loadBook that also returns what the importer removed
// from .txt and .html articles.
func loadBookImports(ctx context.Context, m *manifest.Manifest, maxBytes int64, diags *diag.List) (*doc.Book, []Imported) {
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
	imports := make([]*Imported, len(m.Articles))
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
			arts[i], imports[i] = loadArticle(ref, maxBytes, importer.Options{Strip: m.ImportStrip}, &lists[i])
		}()
	}
	wg.Wait()
	ids := map[string]bool{}
	var imported []Imported
	for i := range m.Articles {
		diags.Merge(&lists[i])
		if imports[i] != nil {
			imported = append(imported, *imports[i])
		}
		a := arts[i]
		if a == nil {
			continue
		}
		a.ID = uniqueID(articleID(a.Path), ids)
		book.Articles = append(book.Articles, a)
	}
	return book, imported
}

// loadArticle reads one article file, reporting file problems at the
// manifest line that names it, and parses it; web articles (.txt, .html)
// are imported to Markdown first.
func loadArticle(ref manifest.Article, maxBytes int64, iopts importer.Options, diags *diag.List) (*doc.Article, *Imported) {
	ext := strings.ToLower(filepath.Ext(ref.File))
	isMarkdown, isImport := slices.Contains(markdownExts, ext), slices.Contains(importExts, ext)
	if err := inputfile.Check(ref.Path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		// A folder or a device is named as what it is before its
		// name's extension is judged.
		diags.Errorf(ref.Pos, "A002", "article %s: %v", ref.File, err)
		return nil, nil
	}
	if !isMarkdown && !isImport {
		diags.Errorf(ref.Pos, "A001", "article %s: unsupported format %q: articles are Markdown (.md), text (.txt) or HTML (.html) files", ref.File, ext)
		return nil, nil
	}
	src, err := readLimited(ref.Path, maxBytes)
	if err != nil {
		diags.Errorf(ref.Pos, "A002", "article %s: %v", ref.File, err)
		return nil, nil
	}
	var imp *Imported
	path := filepath.ToSlash(ref.Path)
	if isImport {
		res, err := importer.Import(path, src, iopts, diags)
		if err != nil {
			return nil, nil // the importer has said why
		}
		src = res.Markdown
		imp = &Imported{File: path, Removed: res.Removed}
	} else if looksBinary(src) {
		diags.Errorf(ref.Pos, "A003", "article %s: is a binary file, not Markdown text", ref.File)
		return nil, nil
	}
	a := markdown.Parse(path, src, diags)
	a.Path = path
	if ref.Title != "" {
		a.Meta.Title = ref.Title
	}
	if strings.TrimSpace(a.Meta.Title) == "" {
		// The reader has warned; the file's name is the best title left.
		base := strings.TrimSuffix(filepath.Base(ref.File), filepath.Ext(ref.File))
		a.Meta.Title = strings.ReplaceAll(base, "-", " ")
	}
	return a, imp
}

// readLimited reads a regular file of at most max bytes.
func readLimited(path string, max int64) ([]byte, error) {
	return inputfile.Read(path, max)
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
