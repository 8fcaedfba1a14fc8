// Package builder builds a book: it reads the manifest and the articles,
// turns them into the document model, and runs each output format.
//
// Build is a short sequence of named stages (stages.go), each filling in
// the laid-out book (package laid) that the next reads:
//
//	manifest   book.yaml → manifest.Manifest, print settings, date
//	parse      markdown.Parse (each article, in parallel) → doc.Book
//	transform  transform.Apply: ids, notes, links, images
//	typeset    style and fonts; front.Make (the front matter, in the book's
//	           words, once for both formats); typeset → frame.Document
//	           (pdf.fit aimed at)
//	write      each format's laid.Format (pdf, epub), and with the PDF the
//	           booklet, the printer's PDF and the cover
//
// A format is a package with a laid.Format and a line in formats. A
// failure that is not the book's fault is a *StageError naming its stage;
// problems in the book are diagnostics, and the error is ErrBook.
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
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/pamphlet/pamphlet/builder/diag"
	"github.com/pamphlet/pamphlet/builder/doc"
	"github.com/pamphlet/pamphlet/builder/epub"
	"github.com/pamphlet/pamphlet/builder/laid"
	"github.com/pamphlet/pamphlet/builder/pdf"

	"github.com/pamphlet/pamphlet/internal/inputfile"
)

// formats are the output formats, in the order Build writes and reports
// them: a new format is a package with a laid.Format and a line here.
var formats = []laid.Format{pdf.Format{}, epub.Format{}}

// Formats lists the names of the output formats Build knows.
var Formats = formatNames()

func formatNames() []string {
	var out []string
	for _, f := range formats {
		out = append(out, f.Name())
	}
	return out
}

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
	Laid *laid.Book
	// Print describes the booklet and printer's PDF, when written.
	Print PrintSummary
	// Info is the book's metadata and contents, once the articles are
	// parsed.
	Info Info
	// Cover is the EPUB's cover image as written into it: the
	// manifest's image, or the PNG drawn from the print cover's front.
	// Nil when no EPUB was made. A catalogue shows the same cover
	// without drawing it again.
	Cover []byte
}

// Timing is the duration of one build stage.
type Timing struct {
	Stage Stage
	Took  time.Duration
	// Alloc is the number of bytes the stage allocated (whatever the
	// garbage collector has since freed), from runtime.MemStats.
	Alloc uint64
}

// Stage names a stage of Build, in Result.Timings and in a StageError.
type Stage string

// The stages, in the order Build runs them.
const (
	StageManifest  Stage = "manifest"  // book.yaml, print settings, date
	StageParse     Stage = "parse"     // the articles into one doc.Book
	StageTransform Stage = "transform" // ids, notes, links, images
	StageTypeset   Stage = "typeset"   // style, fonts, pages
	StageWrite     Stage = "write"     // each format, booklet, printer's PDF, cover
)

// StageError is a failure that is not the book's fault (an unreadable
// font, an unwritable folder), with the stage it happened in. Errors in
// the book are diagnostics, and Build returns ErrBook for them.
type StageError struct {
	Stage Stage
	Err   error
}

func (e *StageError) Error() string { return e.Err.Error() }
func (e *StageError) Unwrap() error { return e.Err }

// ErrBook is returned (wrapped) when the book has errors; the details are
// in Result.Diags.
var ErrBook = errors.New("the book has errors")

// Build builds the book described by opts.Manifest. The returned Result is
// never nil. The error wraps ErrBook when the input has errors, is a
// *UsageError for a bad option, the context's error when cancelled, and a
// *StageError otherwise (an unwritable output folder, say).
func Build(ctx context.Context, opts Options) (*Result, error) {
	r := &run{ctx: ctx, opts: opts, res: &Result{Diags: &diag.List{}}}
	r.clock.res = r.res
	for _, st := range []struct {
		name Stage
		do   func() error
	}{
		{StageManifest, r.load},
		{StageParse, r.parse},
		{StageTransform, r.transform},
		{StageTypeset, r.layOut},
		{StageWrite, r.write},
	} {
		if err := st.do(); err != nil {
			return r.res, r.blame(st.name, err)
		}
		r.clock.lap(st.name)
		if st.name == StageTypeset && opts.DryRun {
			break
		}
	}
	return r.res, nil
}

// blame gives err, a failure of stage, its type: ErrBook, a usage error
// and the context's error as they are, anything else as a StageError.
func (r *run) blame(stage Stage, err error) error {
	var ue *UsageError
	var se *StageError
	switch {
	case errors.Is(err, ErrBook), errors.As(err, &ue), errors.As(err, &se):
		return err
	case r.ctx.Err() != nil && errors.Is(err, r.ctx.Err()):
		return err
	}
	return &StageError{Stage: stage, Err: err}
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
func (s *stopwatch) lap(stage Stage) {
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
