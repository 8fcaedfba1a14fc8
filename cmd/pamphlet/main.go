// Command pamphlet turns a collection of Markdown articles into a
// print-ready PDF and a reader-ready EPUB 3.
//
//	pamphlet build [book.yaml] [--out DIR] [--format pdf,epub]
//
// Exit status: 0 on success, 1 when the book has errors, 2 for a usage
// error, 130 or 143 when stopped by SIGINT or SIGTERM. Run
// `pamphlet help build` for every flag and manifest key.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/pamphlet/pamphlet/builder"
	"github.com/pamphlet/pamphlet/builder/diag"
	"github.com/pamphlet/pamphlet/builder/manifest"
	"github.com/pamphlet/pamphlet/internal/tempfile"
)

// version is set at link time with -ldflags "-X main.version=v1.2.3";
// otherwise it comes from the module's build information.
var version = ""

// Exit statuses.
const (
	exitOK    = 0
	exitBook  = 1
	exitUsage = 2
)

func main() {
	temps := tempfile.NewSet()
	ctx, cancel := context.WithCancel(tempfile.WithSet(context.Background(), temps))
	stop := &stopper{cancel: cancel, temps: temps, stderr: os.Stderr, grace: stopGrace, exit: os.Exit}
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	go stop.watch(sigs)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	os.Exit(stop.status(code))
}

// usageError marks a mistake in the command line, which exits with 2.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

// bookError marks a build that failed on its input; its diagnostics have
// been printed already.
type bookError struct{}

func (bookError) Error() string { return "the book has errors" }

// run executes the command line args and returns the exit status.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	root := newRoot(stdout, stderr)
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return exitOK
	}
	var be bookError
	if errors.As(err, &be) {
		return exitBook
	}
	var ue usageError
	var bue *builder.UsageError
	if errors.As(err, &ue) || errors.As(err, &bue) || isCobraUsage(err) {
		fmt.Fprintf(stderr, "pamphlet: %v\n", err)
		fmt.Fprintln(stderr, "Run 'pamphlet help' for usage.")
		return exitUsage
	}
	fmt.Fprintf(stderr, "pamphlet: %v\n", err)
	return exitBook
}

// isCobraUsage recognises cobra's own command-line errors, which it
// returns as plain errors.
func isCobraUsage(err error) bool {
	msg := err.Error()
	for _, p := range []string{"unknown command", "unknown flag", "unknown shorthand flag", "flag needs an argument", "invalid argument", "accepts at most", "accepts ", "requires at least"} {
		if strings.HasPrefix(msg, p) {
			return true
		}
	}
	return false
}

func newRoot(stdout, stderr io.Writer) *cobra.Command {
	// On a terminal, build draws a progress line that messages erase.
	stderr = newStatusWriter(stderr)
	root := &cobra.Command{
		Use:   "pamphlet",
		Short: "Turn articles into a print-ready PDF and a reader-ready EPUB",
		Long: `pamphlet turns a collection of Markdown articles, listed in a manifest
(book.yaml), into a print-ready PDF and a reader-ready EPUB 3.

  pamphlet build              build ./book.yaml into build/
  pamphlet help build         every flag and manifest key`,
		SilenceErrors: true,
		SilenceUsage:  true,
	}
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	root.AddCommand(newBuild(stderr), newVersion(stdout), newImport(stdout, stderr))
	root.AddCommand(newNew(stdout), newCheck(stdout), newPreview(stdout, stderr), newMan(stdout), newFonts(stdout))
	root.AddCommand(newLibrary(stdout, stderr))
	root.AddCommand(testCommands()...)
	return root
}

func newVersion(stdout io.Writer) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print pamphlet's version",
		Args:  noArgs,
		RunE: func(*cobra.Command, []string) error {
			fmt.Fprintf(stdout, "pamphlet %s\n", versionString())
			return nil
		},
	}
}

func noArgs(_ *cobra.Command, args []string) error {
	if len(args) > 0 {
		return usageError{fmt.Errorf("unexpected argument %q", args[0])}
	}
	return nil
}

func versionString() string {
	v := version
	info, ok := debug.ReadBuildInfo()
	if v == "" && ok && info.Main.Version != "" && info.Main.Version != "(devel)" {
		v = info.Main.Version
	}
	if v == "" {
		v = "devel"
		if ok {
			for _, s := range info.Settings {
				if s.Key == "vcs.revision" && len(s.Value) >= 12 {
					v += "+" + s.Value[:12]
				}
			}
		}
	}
	goVersion := ""
	if ok {
		goVersion = " (" + info.GoVersion + ")"
	}
	return v + goVersion
}

func buildHelp() string {
	var b strings.Builder
	b.WriteString(`Build reads the manifest (default ./book.yaml) and writes DIR/NAME.pdf and
DIR/NAME.epub, where DIR is build/ beside the manifest unless --out says
otherwise, and NAME is output.name from the manifest or a slug of its title.

Nothing is written unless the whole book builds: each output goes to a
temporary file in DIR and is renamed into place at the end, so a failed or
interrupted build leaves the previous outputs intact.

Problems are printed to standard error as FILE:LINE:COL: message (errors)
or FILE:LINE: warning: message, followed by a one-line summary.
Exit status: 0 success, 1 the book has errors, 2 usage error, 130 or 143
stopped by SIGINT (Ctrl-C) or SIGTERM. A signal stops the build and removes
its temporary files; a build that has not stopped two seconds later, or a
second signal, ends pamphlet at once, the previous outputs intact.

Dates in the outputs come from SOURCE_DATE_EPOCH when set, else from the
manifest's date, else a fixed epoch: the same inputs give byte-identical files.
Scalar manifest keys can be overridden from the environment as
PAMPHLET_<KEY> (e.g. PAMPHLET_LAYOUT=a4).

Manifest keys (book.yaml):
`)
	for _, k := range manifest.Keys {
		fmt.Fprintf(&b, "  %-12s %s\n", k.Name, k.Doc)
	}
	b.WriteString(`
  Each entry of articles is a path relative to the manifest
  ("articles/intro.md") or a map: {file: articles/intro.md, title: Introduction}.
  pdf: keys: ` + strings.Join(manifest.PDFKeys, ", ") + `
    page: a paper size (a5, letter, …), a layout preset's page or WIDTHxHEIGHT (e.g. 148mmx210mm)
    margins: one length, or a map of inner, outer, top, bottom
    font-size, leading: lengths such as 10.5pt; ragged: true for ragged right
    hyphenate: auto (every language with patterns but the scripts of India), all, none
  fonts: keys: ` + strings.Join(manifest.FontKeys, ", ") + `
    body, headings, mono: a font family, looked for among the bundled ones,
      in fonts/ beside the manifest, then among those installed (pamphlet
      fonts lists them all), or a font file (.ttf, .otf, .ttc) relative to
      the manifest; its italic, bold and bold italic are the family's other
      faces. Defaults: body Charis SIL, headings the body's, mono DejaVu
      Sans Mono.
    fallback: a family or file, or a list of them, tried in order for the
      characters the others lack (before the bundled fallbacks)
    features: OpenType features for body text, e.g. [onum, ss01]; -liga
      turns one off

Example:
  title: Common Sense
  author: Thomas Paine
  date: 1776-01-10
  language: en-US
  articles:
    - articles/introduction.md
    - file: articles/monarchy.md
      title: Of Monarchy
  output:
    name: common-sense`)
	return b.String()
}

func newBuild(stderr io.Writer) *cobra.Command {
	var (
		outDir  string
		formats []string
		timings bool
		quiet   bool
		verbose bool
		prflags printFlags
	)
	cmd := &cobra.Command{
		Use:   "build [MANIFEST]",
		Short: "Build the PDF and EPUB of a book",
		Long:  buildHelp(),
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) > 1 {
				return usageError{fmt.Errorf("build takes one manifest, got %d arguments", len(args))}
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			start := time.Now()
			path := "book.yaml"
			if len(args) == 1 {
				path = args[0]
			}
			if fi, err := os.Stat(path); err == nil && fi.IsDir() {
				path = filepath.Join(path, "book.yaml")
			}
			var fs []string
			for _, f := range formats {
				for _, part := range strings.Split(f, ",") {
					if part = strings.ToLower(strings.TrimSpace(part)); part != "" {
						fs = append(fs, part)
					}
				}
			}
			res, err := builder.Build(cmd.Context(), prflags.apply(builder.Options{Manifest: path, OutDir: outDir, Formats: fs, Parsed: gcForSize}))
			printDiags(stderr, res.Diags, quiet)
			if verbose {
				for _, im := range res.Imported {
					for _, r := range im.Removed {
						fmt.Fprintf(stderr, "%s:%d: removed %q (%s)\n", im.File, r.Line, r.Text, r.Why)
					}
				}
			}
			if timings || verbose {
				for _, t := range res.Timings {
					fmt.Fprintf(stderr, "  %-10s %8.1f ms %8.1f MB allocated\n", t.Stage, float64(t.Took.Microseconds())/1000, float64(t.Alloc)/(1<<20))
				}
			}
			took := time.Since(start)
			if err != nil {
				var ue *builder.UsageError
				if errors.As(err, &ue) {
					return usageError{err}
				}
				if errors.Is(err, context.Canceled) {
					fmt.Fprintf(stderr, "pamphlet: interrupted; no output written (%s)\n", ms(took))
					return bookError{}
				}
				if !errors.Is(err, builder.ErrBook) {
					fmt.Fprintf(stderr, "pamphlet: %v\n", err)
				}
				fmt.Fprintf(stderr, "pamphlet: %s; no output written (%s)\n", countDiags(res.Diags), ms(took))
				return bookError{}
			}
			if !quiet || res.Diags.Len() > 0 {
				fmt.Fprintf(stderr, "pamphlet: %d pages, %d words → %s (%s)\n",
					res.Pages, res.Words, strings.Join(res.Outputs, ", "), ms(took))
				if s := res.Print.String(); s != "" {
					fmt.Fprintf(stderr, "pamphlet: %s\n", s)
				}
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVarP(&outDir, "out", "o", "", "output folder (default: build/ beside the manifest)")
	f.StringSliceVarP(&formats, "format", "f", nil, "formats to write, comma-separated: pdf, epub (default: both)")
	f.BoolVar(&timings, "timings", false, "print the time each stage took")
	f.BoolVarP(&quiet, "quiet", "q", false, "print only problems, no summary")
	f.BoolVarP(&verbose, "verbose", "v", false, "also print what was removed from imported articles, and the stage timings")
	addWorkflowFlags(cmd, stderr)
	prflags.add(f)
	return cmd
}

// bigBook is the word count above which a build collects garbage twice
// as often: a book of ten Emersons (1.3 million words) then peaks at about
// 310 MB instead of 420 MB, for 5% more time; smaller books keep Go's
// default, which is faster for them.
const bigBook = 500_000

// gcForSize sets the collector's target for the book's size. The process
// is the CLI's own, so this global setting is its to make.
func gcForSize(words int) {
	if words > bigBook {
		debug.SetGCPercent(50)
	}
}

func printDiags(w io.Writer, l *diag.List, quiet bool) {
	for _, d := range l.Sorted() {
		if quiet && d.Severity == diag.Warning {
			continue
		}
		fmt.Fprintln(w, d.String())
	}
}

func countDiags(l *diag.List) string {
	errs, warns := 0, 0
	for _, d := range l.Items() {
		if d.Severity == diag.Error {
			errs++
		} else {
			warns++
		}
	}
	s := plural(errs, "error")
	if warns > 0 {
		s += ", " + plural(warns, "warning")
	}
	return s
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

func ms(d time.Duration) string {
	if d < time.Second {
		return fmt.Sprintf("%d ms", d.Milliseconds())
	}
	return fmt.Sprintf("%.2f s", d.Seconds())
}
