// Package library builds a whole library of books at once, for
// `pamphlet library`: it finds the books (every book.yaml under a folder,
// or the list in library.yaml), builds them in parallel with
// builder.Build into the site's files/ folder, and keeps each book's
// input hash in the site so that the next run rebuilds only the books
// whose inputs changed. The site's pages and feeds are made from the
// resulting Catalog by builder/site and builder/opds, and written by
// Publish, which rewrites only the files whose bytes changed.
//
// Each book builds in a goroutine of its own, at most Options.Jobs at a
// time; a failed book is reported with its own diagnostics and does not
// stop the others, and a book that built before keeps its previous
// outputs (Build never leaves half-written files) and its place in the
// catalogue.
package library

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/pamphlet/pamphlet/builder"

	"github.com/pamphlet/pamphlet/internal/ident"
)

// Options says which library to build and where.
type Options struct {
	// Dir is the library's folder.
	Dir string
	// Out is the site's folder; empty means DIR/site.
	Out string
	// Jobs is the number of books built at once; 0 means one per CPU.
	Jobs int
	// BaseURL, when set, overrides library.yaml's base-url.
	BaseURL string
	// Version is pamphlet's own version: when it changes, every book is
	// rebuilt.
	Version string
	// Getenv reads the environment (SOURCE_DATE_EPOCH); nil means os.Getenv.
	Getenv func(string) string
	// Report, when set, is called as each book finishes, one call at a
	// time, in the order they finish.
	Report func(Report)
}

// Report is the outcome of one book.
type Report struct {
	ID       string
	Manifest string
	// Rebuilt is set when the book was built in this run; false means its
	// inputs were unchanged and its previous outputs stand.
	Rebuilt bool
	// Result is the build's result when the book was built (with its
	// diagnostics); nil otherwise.
	Result *builder.Result
	// Err is the build's error; nil when it succeeded or was not needed.
	Err error
	// Kept is set when the book failed but an earlier run's outputs stand
	// and keep it in the catalogue.
	Kept bool
	Took time.Duration
}

// Catalog is a built library: its settings and its books in order.
type Catalog struct {
	Title       string
	Description string
	BaseURL     string
	Language    string
	Groups      []Group
	Books       []*Book
	// Updated is the latest of the books' dates (never the clock), so
	// that the same library gives the same site.
	Updated time.Time

	out    string
	hashes map[string]string // book ID → input hash, for books built successfully
	old    *state
}

// Book is one book of the catalogue. Paths are relative to the site's
// folder, with forward slashes.
type Book struct {
	ID        string       `json:"id"`
	Groups    []string     `json:"groups,omitempty"`
	Info      builder.Info `json:"info"`
	Pages     int          `json:"pages"`
	Words     int          `json:"words"`
	Downloads []Download   `json:"downloads"`
	Cover     Image        `json:"cover"`
	Thumbnail Image        `json:"thumbnail"`
}

// Download is one output of a book.
type Download struct {
	// Kind is "pdf", "epub", "booklet" or "print".
	Kind      string `json:"kind"`
	Path      string `json:"path"`
	MediaType string `json:"mediaType"`
	Size      int64  `json:"size"`
	// Pages is the page count of a PDF (sides, for a booklet); 0 for the EPUB.
	Pages int `json:"pages,omitempty"`
}

// Image is a cover or thumbnail file.
type Image struct {
	Path      string `json:"path"`
	MediaType string `json:"mediaType"`
	Width     int    `json:"width"`
	Height    int    `json:"height"`
}

// Summary counts what a run did.
type Summary struct {
	Books, Rebuilt, Failed int
}

// ErrFailed is returned (wrapped) when one or more books failed; the
// catalogue still holds every book that built, now or before.
var ErrFailed = errors.New("some books failed")

// FilesDir is the site folder that holds each book's outputs, cover and
// thumbnail, in a folder named by the book's ID.
const FilesDir = "files"

// Build builds every book of the library in opts.Dir whose inputs
// changed since the last run, and returns the catalogue of all of them.
// The error wraps ErrFailed when books failed, and describes the failure
// otherwise (a bad library.yaml, an unwritable site folder).
func Build(ctx context.Context, opts Options) (*Catalog, Summary, error) {
	var sum Summary
	out := opts.Out
	if out == "" {
		out = filepath.Join(opts.Dir, "site")
	}
	cfg, err := LoadConfig(opts.Dir, out)
	if err != nil {
		return nil, sum, err
	}
	if len(cfg.Books) == 0 {
		return nil, sum, fmt.Errorf("%s: no books (no book.yaml below it, and no %s listing any)", opts.Dir, ConfigFile)
	}
	if opts.BaseURL != "" {
		cfg.BaseURL = strings.TrimSuffix(opts.BaseURL, "/") + "/"
	}
	if err := os.MkdirAll(filepath.Join(out, FilesDir), 0o755); err != nil {
		return nil, sum, fmt.Errorf("creating the site folder: %w", err)
	}
	old := loadState(out)
	getenv := opts.Getenv
	if getenv == nil {
		getenv = os.Getenv
	}
	jobs := opts.Jobs
	if jobs <= 0 {
		jobs = runtime.NumCPU()
	}
	ids := bookIDs(opts.Dir, cfg.Books)
	settings := []string{"SOURCE_DATE_EPOCH=" + strings.TrimSpace(getenv("SOURCE_DATE_EPOCH"))}

	cat := &Catalog{
		Title: cfg.Title, Description: cfg.Description, BaseURL: cfg.BaseURL, Language: cfg.Language,
		Groups: cfg.Groups, out: out, hashes: map[string]string{}, old: old,
	}
	if cat.Title == "" {
		cat.Title = "Library"
	}
	books := make([]*Book, len(cfg.Books))
	hashes := make([]string, len(cfg.Books))
	failed := make([]bool, len(cfg.Books))
	rebuilt := make([]bool, len(cfg.Books))
	var mu sync.Mutex
	report := func(r Report) {
		if opts.Report != nil {
			mu.Lock()
			defer mu.Unlock()
			opts.Report(r)
		}
	}
	// First each book's inputs are hashed (cheap), then the changed
	// books are built, the largest first: started last, a long book
	// would leave one core idle while it finishes alone.
	var todo []int
	cost := make([]int64, len(cfg.Books))
	for i, e := range cfg.Books {
		id := ids[i]
		files, err := inputs(e.Manifest, []string{out})
		if err != nil {
			failed[i] = true
			books[i] = old.book(id, out)
			report(Report{ID: id, Manifest: e.Manifest, Err: err})
			continue
		}
		hashes[i], cost[i] = inputHash(e.Manifest, opts.Version, settings, files)
		if prev := old.book(id, out); prev != nil && old.Books[id].Hash == hashes[i] {
			prev.Groups = e.Groups
			books[i] = prev
			report(Report{ID: id, Manifest: e.Manifest})
			continue
		}
		todo = append(todo, i)
	}
	sort.SliceStable(todo, func(a, b int) bool { return cost[todo[a]] > cost[todo[b]] })
	queue := make(chan int, len(todo))
	for _, i := range todo {
		queue <- i
	}
	close(queue)
	var wg sync.WaitGroup
	for range min(jobs, len(todo)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range queue {
				e, id := cfg.Books[i], ids[i]
				r := Report{ID: id, Manifest: e.Manifest}
				if ctx.Err() != nil {
					r.Err, failed[i] = ctx.Err(), true
					books[i] = old.book(id, out)
					report(r)
					continue
				}
				start := time.Now()
				r.Rebuilt = true
				b, res, err := buildBook(ctx, id, e, out, getenv)
				r.Result, r.Err, r.Took = res, err, time.Since(start)
				if err != nil {
					failed[i] = true
					books[i] = old.book(id, out) // the previous outputs stand
					r.Kept = books[i] != nil
				} else {
					books[i], rebuilt[i] = b, true
				}
				report(r)
			}
		}()
	}
	wg.Wait()

	for i, b := range books {
		sum.Books++
		if failed[i] {
			sum.Failed++
		} else if rebuilt[i] {
			sum.Rebuilt++
		}
		if b == nil {
			continue
		}
		cat.Books = append(cat.Books, b)
		// A failed book keeps its old outputs but not its old hash:
		// the next run tries it again.
		if !failed[i] {
			cat.hashes[b.ID] = hashes[i]
		}
		if b.Info.Modified.After(cat.Updated) {
			cat.Updated = b.Info.Modified
		}
	}
	if cat.Updated.IsZero() {
		cat.Updated = builder.FixedEpoch
	}
	if err := ctx.Err(); err != nil {
		return cat, sum, err
	}
	if sum.Failed > 0 {
		return cat, sum, fmt.Errorf("%d of %d books: %w", sum.Failed, sum.Books, ErrFailed)
	}
	return cat, sum, nil
}

// bookIDs names each book by its folder relative to the library (a slug,
// "series/one" → "series-one"), unique within the library; a book at the
// library's top takes the folder's own name.
func bookIDs(dir string, books []Entry) []string {
	taken := map[string]bool{}
	ids := make([]string, len(books))
	for i, e := range books {
		rel, err := filepath.Rel(dir, filepath.Dir(e.Manifest))
		if err != nil || rel == "." || strings.HasPrefix(rel, "..") {
			abs, _ := filepath.Abs(filepath.Dir(e.Manifest))
			rel = filepath.Base(abs)
		}
		if base := filepath.Base(e.Manifest); base != "book.yaml" {
			rel = filepath.Join(rel, strings.TrimSuffix(base, filepath.Ext(base)))
		}
		id := ident.Slug(filepath.ToSlash(rel), "book")
		out := id
		for n := 2; taken[out]; n++ {
			out = fmt.Sprintf("%s-%d", id, n)
		}
		taken[out] = true
		ids[i] = out
	}
	return ids
}
