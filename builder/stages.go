package builder

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/pamphlet/pamphlet/builder/diag"
	"github.com/pamphlet/pamphlet/builder/doc"
	"github.com/pamphlet/pamphlet/builder/front"
	"github.com/pamphlet/pamphlet/builder/laid"
	"github.com/pamphlet/pamphlet/builder/manifest"
	"github.com/pamphlet/pamphlet/builder/style"
	"github.com/pamphlet/pamphlet/builder/transform"
	"github.com/pamphlet/pamphlet/builder/typeset"
	"github.com/pamphlet/pamphlet/internal/ident"
	"github.com/pamphlet/pamphlet/internal/inputfile"
)

// run is one Build: its options, what each stage has made so far, and
// the Result it fills in.
type run struct {
	ctx   context.Context
	opts  Options
	res   *Result
	clock stopwatch

	formats []laid.Format // those asked for, in Build's order
	m       *manifest.Manifest
	print   printSettings
	book    laid.Book // filled in stage by stage
	// writerDiags are the formats' own diagnostics (see plan).
	writerDiags []*diag.List
}

// load reads the manifest and works out the print settings and the date
// stamped into the outputs.
func (r *run) load() error {
	getenv := r.opts.Getenv
	if getenv == nil {
		getenv = os.Getenv
	}
	var err error
	if r.formats, err = pickFormats(r.opts.Formats); err != nil {
		return err
	}
	r.m = manifest.LoadEnv(r.opts.Manifest, getenv, r.res.Diags)
	if r.m == nil {
		return ErrBook
	}
	if r.print, err = resolvePrint(r.m.Print, r.opts); err != nil {
		return err
	}
	r.book.Manifest = r.m
	r.book.Identifier = identifier(r.m)
	if r.book.Modified, err = buildTime(getenv, r.m.Date); err != nil {
		r.res.Diags.Errorf(diag.Pos{}, "O001", "%v", err)
		return ErrBook
	}
	return nil
}

// parse reads the articles (importing .txt and .html ones) into one
// doc.Book.
func (r *run) parse() error {
	var imported []Imported
	r.book.Book, imported = loadBookImports(r.ctx, r.m, r.opts.maxBytes(), r.res.Diags)
	r.res.Imported = imported
	if err := r.ctx.Err(); err != nil {
		return err
	}
	if r.res.Diags.HasErrors() {
		return ErrBook
	}
	return nil
}

// transform gives headings their ids, numbers the notes, checks the
// internal links and reads the images, then counts the words.
func (r *run) transform() error {
	book := r.book.Book
	transform.Apply(book, transform.Options{Stat: inputfile.Check, Dirs: articleDirs(book), Open: openFile}, r.res.Diags)
	if r.res.Diags.HasErrors() {
		return ErrBook
	}
	for _, a := range book.Articles {
		r.res.Words += doc.WordCount(a)
	}
	r.res.Info = describe(r.m, book, r.book.Modified)
	if r.opts.Parsed != nil {
		r.opts.Parsed(r.res.Words)
	}
	return nil
}

// layOut loads the style and the fonts, makes the front matter, and
// typesets the print edition, which the PDF needs and, for its
// page-list, the EPUB too; with pdf.fit it aims at the page count asked
// for.
func (r *run) layOut() error {
	m, b := r.m, &r.book
	var err error
	if b.Style, err = style.Load(m.Layout, m.Dir, m.PDF); err != nil {
		pos := m.LayoutPos
		var oe *style.OverrideError
		if m.PDF != nil && errors.As(err, &oe) {
			pos = m.PDFPos
		}
		if pos.File == "" {
			pos.File = m.Path
		}
		r.res.Diags.Errorf(pos, "M010", "layout: %v", err)
		return ErrBook
	}
	if b.Fonts, err = loadFonts(m, b.Book, r.res.Diags); err != nil {
		if errors.Is(err, ErrBook) {
			return err
		}
		return fmt.Errorf("loading the fonts: %w", err)
	}
	// The front matter, in the book's words, once for both formats.
	front.Make(b.Book, front.Options{Faces: textFaces(b.Book, b.Fonts)})
	if b.Doc, err = typeset.Typeset(r.ctx, b.Book, typeset.Options{Style: b.Style, Fonts: b.Fonts}, r.res.Diags); err != nil {
		if ctxErr := r.ctx.Err(); ctxErr != nil {
			return ctxErr
		}
		return fmt.Errorf("typesetting: %w", err)
	}
	if max := r.opts.maxPages(); len(b.Doc.Pages) > max {
		r.res.Diags.Errorf(diag.Pos{File: m.Path}, "O002", "the book has %d pages, more than the limit of %d: split it into several books", len(b.Doc.Pages), max)
		return ErrBook
	}
	if r.opts.DryRun {
		r.res.Pages = len(b.Doc.Pages)
		r.res.Laid = &laid.Book{Manifest: m, Book: b.Book, Style: b.Style, Fonts: b.Fonts, Doc: b.Doc}
		if r.res.Diags.HasErrors() {
			return ErrBook
		}
		return nil
	}
	if r.res.Diags.HasErrors() {
		return ErrBook
	}
	if m.Print.Fit > 0 {
		b.Doc, r.res.Print.Fit = fitPages(r.ctx, b.Book, b.Style, b.Fonts, b.Doc, m.Print.Fit)
	}
	r.res.Pages = len(b.Doc.Pages)
	return nil
}

// write writes every output to a temporary file in the output folder:
// each format asked for, and with the PDF the booklet, the printer's PDF
// and the cover the manifest asks for. Only when all are written without
// error are they renamed into place.
func (r *run) write() error {
	jobs, err := r.plan()
	if err != nil {
		return err
	}
	return r.writeAll(jobs)
}

// plan names the outputs and works out, before anything is written, what
// could still fail the build: the output folder, the cover image, the
// print cover and the booklet's plan.
func (r *run) plan() ([]outputJob, error) {
	m, b := r.m, &r.book
	r.res.Name = m.OutputName
	if r.res.Name == "" {
		r.res.Name = ident.Slug(m.Title, "book")
	}
	outDir := r.outDir()
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		return nil, fmt.Errorf("creating the output folder: %w", err)
	}
	wants := func(name string) bool {
		return slices.ContainsFunc(r.formats, func(f laid.Format) bool { return f.Name() == name })
	}
	var err error
	if wants("epub") && m.Cover != "" {
		if b.Cover, err = inputfile.Read(m.Cover, maxCoverBytes); err != nil {
			r.res.Diags.Errorf(m.CoverPos, "M011", "cannot read the cover image %s: %v", relTo(m.Dir, m.Cover), err)
			return nil, ErrBook
		}
	}
	// The print cover is laid out before anything is written too, and
	// the EPUB's cover drawn from the same front (cover.go).
	var cov *coverPlan
	if wants("pdf") {
		if cov, err = planCover(r.ctx, m, b.Style, b.Fonts, len(b.Doc.Pages), r.print, r.res.Diags); err != nil {
			return nil, err
		}
		r.print.bookletDoc, r.print.backCover = cov.selfCovered(b.Doc)
	}
	if b.Cover == nil && wants("epub") {
		if b.Cover, err = epubCover(r.ctx, m, b.Style, b.Fonts); err != nil {
			return nil, fmt.Errorf("drawing the EPUB cover: %w", err)
		}
	}
	r.res.Cover = b.Cover

	// Each writer reports into a list of its own, merged into the
	// result's once all are done: they run side by side.
	jobs := make([]outputJob, 0, len(r.formats)+3)
	for _, f := range r.formats {
		diags := &diag.List{}
		r.writerDiags = append(r.writerDiags, diags)
		jobs = append(jobs, outputJob{r.res.Name + "." + f.Name(), func(w io.Writer) error {
			return f.Write(w, b, diags)
		}})
	}
	if wants("pdf") {
		extra, sum, err := printJobs(r.print, r.res.Name, b.Doc, b.Fonts, b.Modified)
		if err != nil {
			r.res.Diags.Errorf(m.PDFPos, "M010", "booklet: %v", err)
			return nil, ErrBook
		}
		fit := r.res.Print.Fit
		jobs, r.res.Print = append(jobs, extra...), sum
		r.res.Print.Fit = fit
		// The reader's PDF may free each page's items once painted when
		// no booklet or printer's PDF reads them after it.
		b.Consume = len(extra) == 0
		if cov != nil {
			jobs = append(jobs, cov.job(r.res.Name, b.Fonts, b.Modified))
			r.res.Print.Cover = cov.summary()
		}
	}
	return jobs, nil
}

func (r *run) outDir() string {
	if r.opts.OutDir != "" {
		return r.opts.OutDir
	}
	return filepath.Join(r.m.Dir, "build")
}

// writeAll runs the jobs, side by side or, for a long book, one after the
// other, and renames their files into place when all succeeded.
func (r *run) writeAll(jobs []outputJob) error {
	ctx, outDir := r.ctx, r.outDir()
	files := make([]*pending, len(jobs))
	errs := make([]error, len(jobs))
	if r.opts.writeApart || len(r.book.Doc.Pages) > sequentialPages {
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
	for _, d := range r.writerDiags {
		r.res.Diags.Merge(d)
	}
	commit := ctx.Err() == nil && !r.res.Diags.HasErrors()
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
			return err
		}
		if err := errors.Join(errs...); err != nil {
			return err
		}
		return ErrBook
	}
	for _, p := range files {
		if err := p.commit(); err != nil {
			return err
		}
		r.res.Outputs = append(r.res.Outputs, p.final)
	}
	return nil
}

// pickFormats returns the formats of names in Build's order (all when
// names is empty); an unknown name is a usage error.
func pickFormats(names []string) ([]laid.Format, error) {
	for _, n := range names {
		if !slices.Contains(Formats, n) {
			return nil, &UsageError{Msg: fmt.Sprintf("unknown format %q (known: %s)", n, strings.Join(Formats, ", "))}
		}
	}
	var out []laid.Format
	for _, f := range formats {
		if len(names) == 0 || slices.Contains(names, f.Name()) {
			out = append(out, f)
		}
	}
	return out, nil
}

// relTo returns path relative to dir when it lies inside dir, else path:
// messages name a file as the manifest's author wrote it.
func relTo(dir, path string) string {
	if r, err := filepath.Rel(dir, path); err == nil && r != ".." && !strings.HasPrefix(r, ".."+string(filepath.Separator)) {
		return r
	}
	return path
}
