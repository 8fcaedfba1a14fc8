// Package builder builds a book: it reads the manifest and the articles,
// turns them into the document model, and runs each output format.
//
// The data flows one way:
//
//	book.yaml → manifest.Load → markdown.Parse (each article, in parallel)
//	  → doc.Book → transform.Apply → front.Make → typeset → frame → pdf
//	                                         ↘ epub (with the print page starts)
//
// Build writes nothing unless the whole book is free of errors, and it
// writes each output to a temporary file in the output folder that it
// renames into place only when every output has been written, so a
// failed or interrupted build leaves the previous good outputs intact.
package builder

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/pamphlet/pamphlet/builder/diag"
	"github.com/pamphlet/pamphlet/builder/doc"
	"github.com/pamphlet/pamphlet/builder/epub"
	"github.com/pamphlet/pamphlet/builder/front"
	laidout "github.com/pamphlet/pamphlet/builder/laid"
	"github.com/pamphlet/pamphlet/builder/manifest"
	"github.com/pamphlet/pamphlet/builder/pdf"
	"github.com/pamphlet/pamphlet/builder/style"
	"github.com/pamphlet/pamphlet/builder/transform"
	"github.com/pamphlet/pamphlet/builder/typeset"
	"github.com/pamphlet/pamphlet/internal/ident"

	"github.com/pamphlet/pamphlet/internal/inputfile"
)

// Formats lists the output formats Build knows, in the order it reports
// them.
var Formats = []string{"pdf", "epub"}

// Options says what to build.
type Options struct {
	// Manifest is the path of book.yaml.
	Manifest string
	// OutDir is the output folder; empty means build/ beside the manifest.
	OutDir string
	// Formats are the formats to write (see Formats); empty means all.
	Formats []string
	// Getenv reads the environment (SOURCE_DATE_EPOCH, PAMPHLET_*);
	// nil means os.Getenv. Tests inject their own.
	Getenv func(string) string
	// MaxArticleBytes bounds the size of one article file; 0 means
	// DefaultMaxArticleBytes.
	MaxArticleBytes int64
	// MaxPages bounds the typeset book's pages, so that a runaway input
	// fails with a message before the writers use memory in proportion;
	// 0 means DefaultMaxPages.
	MaxPages int
	// Parsed, when set, is called once the articles are parsed, with the
	// book's word count, before typesetting. The library leaves the
	// process alone; a caller that owns the process (the CLI) may use it
	// to trade time for memory on a very large book (see cmd/pamphlet).
	Parsed func(words int)
	// DryRun runs the pipeline up to the finished layout and writes
	// nothing; Result.Laid then holds the laid-out book.
	DryRun bool
	// Booklet, Sheet and Duplex override the manifest's pdf.booklet,
	// pdf.sheet and pdf.duplex (--booklet, --sheet, --duplex); zero
	// values keep the manifest's.
	Booklet bool
	Sheet   string
	Duplex  string

	// writeApart writes the outputs one after the other whatever the
	// book's length, as a long book is written (tests compare both ways).
	writeApart bool
}

// DefaultMaxArticleBytes is the largest article Build reads unless told
// otherwise: far beyond any real article, small enough to fail fast on a
// file that was never meant to be one.
const DefaultMaxArticleBytes = 64 << 20

// DefaultMaxPages is the most pages Build writes unless told otherwise:
// ten times a long novel, far beyond any pamphlet.
const DefaultMaxPages = 10000

// sequentialPages is the length beyond which Build writes its outputs
// one after the other: below it, writing them at once on both cores
// saves time; above it, the writers' buffers held side by side would
// raise the peak memory more than the time is worth (measured on
// Emerson's essays: ×10 at 3,400 pages).
const sequentialPages = 1000

// Result describes a finished (or failed) build.
type Result struct {
	// Diags holds every diagnostic, errors and warnings.
	Diags *diag.List
	// Name is the outputs' base name; Outputs the files written.
	Name    string
	Outputs []string
	Pages   int
	Words   int
	// Timings records how long each stage took, in the order run.
	Timings []Timing
	// Imported lists what the importer removed from each .txt or .html
	// article, in manifest order.
	Imported []Imported
	// Laid is the typeset book of a DryRun build; nil otherwise, and
	// when the build stopped before typesetting.
	Laid *laidout.Book
	// Print describes the booklet and printer's PDF, when written.
	Print PrintSummary
	// Info is the book's metadata and contents, once the articles are
	// parsed.
	Info Info
}

// Timing is the duration of one build stage.
type Timing struct {
	Stage string
	Took  time.Duration
	// Alloc is the number of bytes the stage allocated (whatever the
	// garbage collector has since freed), from runtime.MemStats.
	Alloc uint64
}

// ErrBook is returned (wrapped) when the book has errors; the details are
// in Result.Diags.
var ErrBook = errors.New("the book has errors")

// Build builds the book described by opts.Manifest. The returned Result is
// never nil. The error wraps ErrBook when the input has errors, and
// describes the failure otherwise (an unwritable output folder, say).
func Build(ctx context.Context, opts Options) (*Result, error) {
	res := &Result{Diags: &diag.List{}}
	getenv := opts.Getenv
	if getenv == nil {
		getenv = os.Getenv
	}
	formats, err := checkFormats(opts.Formats)
	if err != nil {
		return res, err
	}
	clock := stopwatch{res: res}

	m := manifest.LoadEnv(opts.Manifest, getenv, res.Diags)
	if m == nil {
		return res, ErrBook
	}
	clock.lap("manifest")
	printSet, err := resolvePrint(m.Print, opts)
	if err != nil {
		return res, err
	}

	modified, err := buildTime(getenv, m.Date)
	if err != nil {
		res.Diags.Errorf(diag.Pos{}, "O001", "%v", err)
		return res, ErrBook
	}

	book, imported := loadBookImports(ctx, m, opts.maxBytes(), res.Diags)
	res.Imported = imported
	if err := ctx.Err(); err != nil {
		return res, err
	}
	if res.Diags.HasErrors() {
		return res, ErrBook
	}
	clock.lap("parse")

	transform.Apply(book, transform.Options{Stat: inputfile.Check, Dirs: articleDirs(book), Open: openFile}, res.Diags)
	if res.Diags.HasErrors() {
		return res, ErrBook
	}
	for _, a := range book.Articles {
		res.Words += doc.WordCount(a)
	}
	res.Info = describe(m, book, modified)
	if opts.Parsed != nil {
		opts.Parsed(res.Words)
	}
	clock.lap("transform")

	st, err := style.Load(m.Layout, m.Dir, m.PDF)
	if err != nil {
		pos := m.LayoutPos
		if m.PDF != nil && strings.Contains(err.Error(), "pdf") {
			pos = m.PDFPos
		}
		if pos.File == "" {
			pos.File = m.Path
		}
		res.Diags.Errorf(pos, "M010", "layout: %v", err)
		return res, ErrBook
	}
	fonts, err := loadFonts(m, book, res.Diags)
	if err != nil {
		if errors.Is(err, ErrBook) {
			return res, err
		}
		return res, fmt.Errorf("loading the fonts: %w", err)
	}
	// The front matter, in the book's words, once for both formats.
	front.Make(book, front.Options{Faces: textFaces(book, fonts)})
	// The print layout is needed by the PDF and, for its page-list, by
	// the EPUB, so it is made whichever formats were asked for.
	laid, err := typeset.Typeset(ctx, book, typeset.Options{Style: st, Fonts: fonts}, res.Diags)
	if err != nil {
		if ctxErr := ctx.Err(); ctxErr != nil {
			return res, ctxErr
		}
		return res, fmt.Errorf("typesetting: %w", err)
	}
	if max := opts.maxPages(); len(laid.Pages) > max {
		res.Diags.Errorf(diag.Pos{File: m.Path}, "O002", "the book has %d pages, more than the limit of %d: split it into several books", len(laid.Pages), max)
		return res, ErrBook
	}
	if opts.DryRun {
		res.Pages = len(laid.Pages)
		res.Laid = &laidout.Book{Manifest: m, Book: book, Style: st, Fonts: fonts, Doc: laid}
		clock.lap("typeset")
		if res.Diags.HasErrors() {
			return res, ErrBook
		}
		return res, nil
	}
	if res.Diags.HasErrors() {
		return res, ErrBook
	}
	var fitNote string
	if m.Print.Fit > 0 {
		laid, fitNote = fitPages(ctx, book, st, fonts, laid, m.Print.Fit)
	}
	res.Pages = len(laid.Pages)
	clock.lap("typeset")

	res.Name = m.OutputName
	if res.Name == "" {
		res.Name = ident.Slug(m.Title, "book")
	}
	outDir := opts.OutDir
	if outDir == "" {
		outDir = filepath.Join(m.Dir, "build")
	}
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		return res, fmt.Errorf("creating the output folder: %w", err)
	}

	// The cover is read before anything is written, so that a missing
	// file fails the build as a missing article does.
	var cover []byte
	for _, f := range formats {
		if f == "epub" && m.Cover != "" {
			if cover, err = inputfile.Read(m.Cover, maxCoverBytes); err != nil {
				res.Diags.Errorf(m.CoverPos, "M011", "cannot read the cover image: %v", err)
				return res, ErrBook
			}
		}
	}
	// The print cover is laid out before anything is written too, and
	// the EPUB's cover drawn from the same front (cover.go).
	var cov *coverPlan
	if slices.Contains(formats, "pdf") {
		if cov, err = planCover(ctx, m, st, fonts, len(laid.Pages), printSet, res.Diags); err != nil {
			return res, err
		}
		printSet.bookletDoc, printSet.backCover = cov.selfCovered(laid)
	}
	if cover == nil && slices.Contains(formats, "epub") {
		if cover, err = epubCover(ctx, m, st, fonts); err != nil {
			return res, fmt.Errorf("drawing the EPUB cover: %w", err)
		}
	}

	// consume: the reader's PDF may free each page's items once painted
	// when no booklet or printer's PDF reads them after it.
	consume := false
	writers := map[string]func(io.Writer) error{
		"pdf": func(w io.Writer) error {
			return pdf.Write(w, laid, fonts, pdf.Options{Created: modified, Consume: consume, Standard: printSet.standard})
		},
		"epub": func(w io.Writer) error {
			return epub.Write(w, book, epub.Options{
				Modified:   modified,
				Identifier: identifier(m),
				PageStarts: laid.PageStarts,
				Cover:      cover,
				CoverAt:    m.CoverPos,
				EmbedFonts: m.EPUB.EmbedFonts,
			}, res.Diags)
		},
	}
	// The EPUB writer reports warnings into res.Diags, so it is the
	// only writer allowed to touch it; the PDF writer reports none.
	jobs := make([]outputJob, 0, len(formats)+2)
	for _, f := range formats {
		jobs = append(jobs, outputJob{res.Name + "." + f, writers[f]})
	}
	if slices.Contains(formats, "pdf") {
		extra, sum, err := printJobs(printSet, res.Name, laid, fonts, modified)
		if err != nil {
			res.Diags.Errorf(m.PDFPos, "M010", "booklet: %v", err)
			return res, ErrBook
		}
		jobs, res.Print = append(jobs, extra...), sum
		consume = len(extra) == 0
		if cov != nil {
			jobs = append(jobs, cov.job(res.Name, fonts, modified))
			res.Print.Cover = cov.summary()
		}
	}
	res.Print.Fit = fitNote
	files := make([]*pending, len(jobs))
	errs := make([]error, len(jobs))
	if opts.writeApart || len(laid.Pages) > sequentialPages {
		// One after the other, the reader's PDF first: each writer's
		// buffers are freed before the next starts, and the EPUB runs
		// once the painted words are gone.
		for i, j := range jobs {
			if ctx.Err() != nil {
				break // the check below discards what was written
			}
			files[i], errs[i] = writeTemp(ctx, outDir, j.name, j.write)
		}
	} else {
		var wg sync.WaitGroup
		for i, j := range jobs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				files[i], errs[i] = writeTemp(ctx, outDir, j.name, j.write)
			}()
		}
		wg.Wait()
	}
	commit := ctx.Err() == nil && !res.Diags.HasErrors()
	for _, e := range errs {
		if e != nil {
			commit = false
		}
	}
	if !commit {
		for _, p := range files {
			p.discard()
		}
		if err := ctx.Err(); err != nil {
			return res, err
		}
		if err := errors.Join(errs...); err != nil {
			return res, err
		}
		return res, ErrBook
	}
	for _, p := range files {
		if err := p.commit(); err != nil {
			return res, err
		}
		res.Outputs = append(res.Outputs, p.final)
	}
	clock.lap("write")
	return res, nil
}

// maxCoverBytes bounds the cover image read: a full-bleed cover at
// 600 dpi is well under it.
const maxCoverBytes = 64 << 20

func (o Options) maxBytes() int64 {
	if o.MaxArticleBytes > 0 {
		return o.MaxArticleBytes
	}
	return DefaultMaxArticleBytes
}

func (o Options) maxPages() int {
	if o.MaxPages > 0 {
		return o.MaxPages
	}
	return DefaultMaxPages
}

func checkFormats(fs []string) ([]string, error) {
	if len(fs) == 0 {
		return Formats, nil
	}
	var out []string
	for _, known := range Formats {
		for _, f := range fs {
			if f == known {
				out = append(out, f)
				break
			}
		}
	}
	for _, f := range fs {
		found := false
		for _, known := range Formats {
			found = found || f == known
		}
		if !found {
			return nil, &UsageError{Msg: fmt.Sprintf("unknown format %q (known: %s)", f, strings.Join(Formats, ", "))}
		}
	}
	return out, nil
}

// UsageError is a mistake in how Build was called rather than in the book.
type UsageError struct{ Msg string }

func (e *UsageError) Error() string { return e.Msg }

// articleDirs returns the folder of each article's source, against which
// its image paths are resolved.
func articleDirs(b *doc.Book) []string {
	dirs := make([]string, len(b.Articles))
	for i, a := range b.Articles {
		dirs[i] = filepath.Dir(filepath.FromSlash(a.Path))
	}
	return dirs
}

// openFile opens an image: a regular file only, never blocking on a
// named pipe (see internal/inputfile).
func openFile(path string) (io.ReadCloser, error) {
	f, _, err := inputfile.Open(path)
	if err != nil {
		return nil, err
	}
	return f, nil
}

// stopwatch records the duration of each stage into a Result.
type stopwatch struct {
	res   *Result
	last  time.Time
	alloc uint64
}

// lap ends a stage. Reading the memory statistics stops the world for
// some microseconds, a few times a build.
func (s *stopwatch) lap(stage string) {
	now := time.Now()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	if s.last.IsZero() {
		s.last, s.alloc = now, ms.TotalAlloc
		s.res.Timings = append(s.res.Timings, Timing{Stage: stage})
		return
	}
	s.res.Timings = append(s.res.Timings, Timing{Stage: stage, Took: now.Sub(s.last), Alloc: ms.TotalAlloc - s.alloc})
	s.last, s.alloc = now, ms.TotalAlloc
}

// buildTime returns the date stamped into the outputs: SOURCE_DATE_EPOCH
// when set (the reproducible-builds convention), else the manifest's date,
// else a fixed epoch, so that builds never depend on the clock.
func buildTime(getenv func(string) string, date string) (time.Time, error) {
	if s := strings.TrimSpace(getenv("SOURCE_DATE_EPOCH")); s != "" {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil || n < 0 || n > 253402300799 {
			return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH=%q is not a number of seconds since 1970", s)
		}
		return time.Unix(n, 0).UTC(), nil
	}
	for _, layout := range []string{"2006-01-02", "2006-01", "2006", time.RFC3339} {
		if t, err := time.Parse(layout, date); err == nil {
			return t.UTC(), nil
		}
	}
	return FixedEpoch, nil
}

// FixedEpoch is the date of a build that has neither SOURCE_DATE_EPOCH nor
// a manifest date: the earliest a zip file can record.
var FixedEpoch = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)
