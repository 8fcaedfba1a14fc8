package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/pamphlet/pamphlet/builder/diag"
	"github.com/pamphlet/pamphlet/builder/importer"
	"github.com/pamphlet/pamphlet/builder/importer/fetch"
	"github.com/pamphlet/pamphlet/builder/importer/mhtml"
	"github.com/pamphlet/pamphlet/builder/manifest"
	"github.com/pamphlet/pamphlet/internal/ident"
	"github.com/pamphlet/pamphlet/internal/inputfile"
	"github.com/pamphlet/pamphlet/internal/tempfile"
)

const importHelp = `Import turns web articles into Markdown articles for a book: each URL, or
FILE (a .txt copy of a page, a saved .html/.htm page or a loose .md file),
becomes DIR/NAME.md with front matter (title, subtitle, author, date,
source, language, where the page says them) and a clean Markdown body.

A page saved as one file (.mhtml, .mht) is read with the images saved in
it. URLs are fetched over HTTP(S) by pamphlet itself: redirects are followed
(at most 10), --timeout bounds each download, a page or image over 20 MB
is refused, and the page's charset is read from its header, its <meta>
tag or its bytes. --from FILE reads more URLs or files from FILE, one a
line (# starts a comment). A page that fails (no such host, refused,
404, not HTML, too big, too slow) is reported in one line and the others
still import; the exit status is then 1.

HTML: the article is found by Readability (the reader view's algorithm,
go-readability), then turned into Markdown by pamphlet: headings,
emphasis, lists, quotations, tables, footnotes, figures with captions,
links. Share buttons, comment forms, bylines and dates (which go to the
front matter) and site leftovers are removed. Metadata comes from
JSON-LD, Dublin Core, Open Graph and <title>; -v says where each value
came from.

Images in the article are downloaded (the largest srcset candidate up to
2000 px; data: URIs decoded) into DIR/images/NAME-N.ext; GIF and WebP are
converted to PNG, SVG is refused with a message, its alt text kept. A
saved page's own image files (NAME_files/) are copied the same way.
--no-images keeps remote images out (their alt text stays). The build
never touches the network; only import does.

Plain text: the first line is the title, a short line after it without a
final full stop the subtitle; blank lines separate paragraphs; a short line
alone between paragraphs that reads as a heading (a question, or in title
case) becomes one. Straight quotes and -- become typographic ones unless
the text has curly quotes already.

Site leftovers such as "Share this:", "Leave a Reply" or "Tags:" are
removed; add your site's own with the manifest key import.strip (regular
expressions matched against whole lines). --dry-run prints every removal
and its reason, and writes nothing.

DIR is articles/ beside the manifest (./book.yaml), or ./articles.
Existing files are never overwritten without --force. --add MANIFEST
appends the new articles to the manifest's articles list, keeping the
rest of the file as it was.`

// Diagnostic codes of the import command, beside the importer's own
// (I001–I013):
//
//	I000  error    a file cannot be read
//	I020  error    the article exists (use --force) or would overwrite its input
//	I021  error    the article cannot be written
//	I022  warning  an image cannot be copied or written
//	I030  error    a URL cannot be fetched (the cause in words)
//	I031  error    a .mhtml file cannot be read

// maxImportBytes bounds each page and image import downloads; a saved
// file is bounded by importer.MaxSize.
const maxImportBytes = 20 << 20

// maxListBytes bounds a --from reading list: a list of a few thousand
// addresses is well under it.
const maxListBytes = 4 << 20

func newImport(stdout, stderr io.Writer) *cobra.Command {
	var (
		outDir       string
		force        bool
		dryRun       bool
		manifestPath string
		from         string
		timeout      time.Duration
		verbose      bool
		noImages     bool
	)
	cmd := &cobra.Command{
		Use:   "import URL|FILE... [--from FILE] [--out DIR] [--force] [--add book.yaml] [--dry-run] [-v]",
		Short: "Turn web articles (URLs, .html, .mhtml, .txt, .md) into Markdown articles",
		Long:  importHelp,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) == 0 && from == "" {
				return usageError{errors.New("import needs at least one URL or file (or --from FILE)")}
			}
			if timeout <= 0 {
				return usageError{fmt.Errorf("--timeout %v: give a positive duration, e.g. 30s", timeout)}
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			im := &importRun{stdout: stdout, stderr: stderr, force: force, dryRun: dryRun, verbose: verbose, noImages: noImages}
			im.client = fetch.New(fetch.Options{
				UserAgent: "pamphlet/" + versionString() + " (+https://github.com/pamphlet/pamphlet; article import)",
				Timeout:   timeout,
				MaxBytes:  maxImportBytes,
			})
			im.ctx = cmd.Context()
			if im.ctx == nil {
				im.ctx = context.Background()
			}
			if from != "" {
				more, err := readList(from)
				if err != nil {
					fmt.Fprintf(stderr, "pamphlet: %v\n", err)
					return bookError{}
				}
				args = append(args, more...)
			}
			book := manifestPath
			if book == "" {
				if _, err := os.Stat("book.yaml"); err == nil {
					book = "book.yaml"
				}
			} else if fi, err := os.Stat(book); err == nil && fi.IsDir() {
				book = filepath.Join(book, "book.yaml")
			}
			if book != "" {
				strip, err := manifest.ImportStrip(book)
				if err != nil {
					if manifestPath != "" || !errors.Is(err, fs.ErrNotExist) {
						fmt.Fprintf(stderr, "pamphlet: %v\n", err)
						return bookError{}
					}
				}
				im.opts.Strip = strip
			}
			im.dir = outDir
			if im.dir == "" {
				im.dir = "articles"
				if book != "" {
					im.dir = filepath.Join(filepath.Dir(book), "articles")
				}
			}
			var written []string
			for _, f := range args {
				if out, ok := im.one(f); ok && out != "" {
					written = append(written, out)
				}
			}
			printDiags(stderr, &im.diags, false)
			if manifestPath != "" && !dryRun && len(written) > 0 {
				if err := manifest.AddArticles(im.ctx, book, written); err != nil {
					fmt.Fprintf(stderr, "pamphlet: %s: %v\n", book, unwrapPath(err))
					return bookError{}
				}
				fmt.Fprintf(stderr, "pamphlet: added %s to %s\n", plural(len(written), "article"), book)
			}
			if im.diags.HasErrors() {
				fmt.Fprintf(stderr, "pamphlet: %s\n", countDiags(&im.diags))
				return bookError{}
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVarP(&outDir, "out", "o", "", "folder for the articles (default: articles/ beside the manifest)")
	f.BoolVar(&force, "force", false, "overwrite existing articles and images")
	f.BoolVarP(&dryRun, "dry-run", "n", false, "print what would be written and removed, and write nothing")
	f.StringVar(&manifestPath, "add", "", "append the new articles to this manifest's articles list")
	f.StringVar(&from, "from", "", "read URLs or files to import from this file, one a line (# comments)")
	f.DurationVar(&timeout, "timeout", fetch.DefaultTimeout, "give up on a page or image that takes longer than this")
	f.BoolVarP(&verbose, "verbose", "v", false, "say where each front matter value and image came from")
	f.BoolVar(&noImages, "no-images", false, "do not download remote images (their alt text is kept)")
	return cmd
}

// readList reads a reading list: one URL or file a line, blank lines and
// # comments skipped.
func readList(file string) ([]string, error) {
	src, err := inputfile.Read(file, maxListBytes)
	if err != nil {
		return nil, fmt.Errorf("%s: cannot read the list: %w", file, err)
	}
	var out []string
	sc := bufio.NewScanner(bytes.NewReader(src))
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		l := strings.TrimSpace(sc.Text())
		if i := strings.Index(l, " #"); i >= 0 {
			l = strings.TrimSpace(l[:i])
		}
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		out = append(out, l)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: the list names no URL or file", file)
	}
	return out, nil
}

// importRun is one run of the import command.
type importRun struct {
	stdout, stderr    io.Writer
	ctx               context.Context
	client            *fetch.Client
	dir               string
	force, dryRun     bool
	verbose, noImages bool
	opts              importer.Options
	diags             diag.List
}

func isURL(s string) bool {
	l := strings.ToLower(s)
	return strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://")
}

// one imports one URL or file and returns the article's path.
func (im *importRun) one(arg string) (string, bool) {
	opts := im.opts
	var src []byte
	name := arg
	var base string // the article's file name, without .md
	if isURL(arg) {
		page, err := im.client.Page(im.ctx, arg)
		if err != nil {
			var fe *fetch.Error
			if errors.As(err, &fe) {
				im.diags.Errorf(diag.Pos{File: arg}, "I030", "%s", fe.Reason)
			} else {
				im.diags.Errorf(diag.Pos{File: arg}, "I030", "%v", err)
			}
			return "", false
		}
		if im.verbose {
			fmt.Fprintf(im.stderr, "pamphlet: %s: fetched %s, %s\n", arg, page.URL, page.Charset)
		}
		src, opts.URL = page.HTML, page.URL
		base = urlName(page.URL)
	} else {
		var err error
		src, err = inputfile.Read(arg, importer.MaxSize)
		if err != nil {
			im.diags.Errorf(diag.Pos{File: arg}, "I000", "cannot read: %v", err)
			return "", false
		}
		b := filepath.Base(arg)
		base = ident.Slug(strings.TrimSuffix(b, filepath.Ext(b)), "article")
	}
	opts.Name = base
	ext := strings.ToLower(filepath.Ext(arg))
	var archived map[string][]byte
	if ext == ".mhtml" || ext == ".mht" {
		a, err := mhtml.Read(src)
		if err != nil {
			im.diags.Errorf(diag.Pos{File: arg}, "I031", "%v", err)
			return "", false
		}
		src, opts.URL, opts.HTML, archived = a.HTML, a.URL, true, a.Files
		if im.verbose {
			fmt.Fprintf(im.stderr, "pamphlet: %s: saved page of %s with %d files\n", arg, a.URL, len(a.Files))
		}
	}
	if isURL(arg) || opts.HTML || ext == ".html" || ext == ".htm" || ext == ".xhtml" {
		load := im.loader(arg)
		opts.Fetch = func(ref string) ([]byte, error) {
			if b, ok := archived[ref]; ok {
				return b, nil
			}
			return load(ref)
		}
	}
	res, err := importer.Import(name, src, opts, &im.diags)
	if err != nil {
		return "", false
	}
	out := filepath.Join(im.dir, base+".md")
	if im.verbose {
		im.explain(arg, res)
	}
	if im.dryRun {
		fmt.Fprintf(im.stdout, "%s → %s\n", arg, out)
		for _, r := range res.Removed {
			fmt.Fprintf(im.stdout, "%s: removed %q: %s\n", diag.Pos{File: arg, Line: r.Line}, r.Text, r.Why)
		}
		for _, img := range res.Images {
			fmt.Fprintf(im.stdout, "%s: image %s → %s\n", arg, img, filepath.Join(im.dir, filepath.FromSlash(img)))
		}
		for _, f := range res.Files {
			fmt.Fprintf(im.stdout, "%s: image %s → %s\n", arg, shortRef(f.From), filepath.Join(im.dir, filepath.FromSlash(f.Path)))
		}
		return "", true
	}
	if !isURL(arg) && same(arg, out) {
		im.diags.Errorf(diag.Pos{File: arg}, "I020", "would overwrite itself: give another --out folder")
		return "", false
	}
	if _, err := os.Stat(out); err == nil && !im.force {
		im.diags.Errorf(diag.Pos{File: arg}, "I020", "%s already exists; use --force to overwrite it", out)
		return "", false
	}
	if err := os.MkdirAll(im.dir, 0o755); err != nil {
		im.diags.Errorf(diag.Pos{File: out}, "I021", "cannot create the folder: %v", unwrapPath(err))
		return "", false
	}
	for _, f := range res.Files {
		im.writeImage(arg, filepath.Join(im.dir, filepath.FromSlash(f.Path)), f.Data)
	}
	for _, img := range res.Images {
		im.copyImage(arg, img)
	}
	if err := tempfile.WriteFile(im.ctx, out, res.Markdown, 0o644, false); err != nil {
		im.diags.Errorf(diag.Pos{File: out}, "I021", "cannot write: %v", err)
		return "", false
	}
	imgs := ""
	if n := len(res.Files) + len(res.Images); n > 0 {
		imgs = ", " + plural(n, "image")
	}
	fmt.Fprintf(im.stderr, "pamphlet: %s → %s (%s removed%s; --dry-run lists them)\n", arg, out, plural(len(res.Removed), "item"), imgs)
	return out, true
}

// loader returns the Options.Fetch for an HTML page: URLs through the
// client (unless --no-images), paths from beside a saved page.
func (im *importRun) loader(arg string) func(string) ([]byte, error) {
	return func(ref string) ([]byte, error) {
		if isURL(ref) {
			if im.noImages {
				return nil, errors.New("not downloaded (--no-images)")
			}
			b, _, err := im.client.Image(im.ctx, ref)
			var fe *fetch.Error
			if errors.As(err, &fe) {
				return nil, errors.New(fe.Reason)
			}
			return b, err
		}
		if isURL(arg) || strings.HasSuffix(strings.ToLower(arg), ".mhtml") || strings.HasSuffix(strings.ToLower(arg), ".mht") {
			return nil, errors.New("not in the saved page and not a web address")
		}
		p := filepath.Join(filepath.Dir(arg), filepath.FromSlash(ref))
		b, err := inputfile.Read(p, maxImportBytes)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", p, err)
		}
		return b, nil
	}
}

// explain prints, for -v, what found the article and where each front
// matter value and image came from.
func (im *importRun) explain(arg string, res *importer.Result) {
	if res.Extractor != "" {
		fmt.Fprintf(im.stderr, "pamphlet: %s: article found by %s\n", arg, res.Extractor)
	}
	for _, s := range res.Sources {
		fmt.Fprintf(im.stderr, "pamphlet: %s: %s %q from %s\n", arg, s.Field, shorten(s.Value, 80), s.From)
	}
	for _, f := range res.Files {
		fmt.Fprintf(im.stderr, "pamphlet: %s: image %s from %s\n", arg, f.Path, shortRef(f.From))
	}
}

// shortRef shortens a data: URI for messages.
func shortRef(ref string) string {
	if strings.HasPrefix(strings.ToLower(ref), "data:") {
		if i := strings.IndexByte(ref, ','); i >= 0 {
			return ref[:i] + ",… (embedded)"
		}
	}
	return shorten(ref, 120)
}

func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// urlName makes an article's file name from a page's address: the last
// segment of its path without an extension, else the host.
func urlName(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "article"
	}
	p := strings.TrimRight(u.Path, "/")
	seg := path.Base(p)
	seg = strings.TrimSuffix(seg, path.Ext(seg))
	switch strings.ToLower(seg) {
	case "", ".", "/", "index", "default":
		seg = ""
		if dir := path.Base(path.Dir(p)); dir != "." && dir != "/" {
			seg = dir
		}
	}
	if seg == "" {
		seg = strings.TrimPrefix(u.Hostname(), "www.")
	}
	if s, err := url.PathUnescape(seg); err == nil {
		seg = s
	}
	return ident.Slug(seg, "article")
}

// writeImage writes an image the importer loaded, keeping an existing
// different file unless --force.
func (im *importRun) writeImage(arg, to string, data []byte) {
	if old, err := os.ReadFile(to); err == nil {
		if bytes.Equal(old, data) {
			return
		}
		if !im.force {
			im.diags.Warnf(diag.Pos{File: arg}, "I022", "image %s already exists and differs; use --force to overwrite it", to)
			return
		}
	}
	err := os.MkdirAll(filepath.Dir(to), 0o755)
	if err == nil {
		err = tempfile.WriteFile(im.ctx, to, data, 0o644, false)
	}
	if err != nil {
		im.diags.Warnf(diag.Pos{File: arg}, "I022", "cannot write image %s: %v", to, err)
	}
}

// copyImage copies a local image the article uses to the same relative
// place beside the article.
func (im *importRun) copyImage(file, img string) {
	from := filepath.Join(filepath.Dir(file), filepath.FromSlash(img))
	data, err := inputfile.Read(from, maxImportBytes)
	if errors.Is(err, fs.ErrNotExist) {
		im.diags.Warnf(diag.Pos{File: file}, "I022", "image %s not found; the article refers to it", img)
		return
	}
	if err != nil {
		im.diags.Warnf(diag.Pos{File: file}, "I022", "image %s: %v; the article refers to it", img, err)
		return
	}
	im.writeImage(file, filepath.Join(im.dir, filepath.FromSlash(img)), data)
}

func same(a, b string) bool {
	fa, err1 := os.Stat(a)
	fb, err2 := os.Stat(b)
	return err1 == nil && err2 == nil && os.SameFile(fa, fb)
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
