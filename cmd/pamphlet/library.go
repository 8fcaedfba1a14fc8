package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/pamphlet/pamphlet/builder"
	"github.com/pamphlet/pamphlet/builder/library"
	"github.com/pamphlet/pamphlet/builder/opds"
	"github.com/pamphlet/pamphlet/builder/site"
)

func newLibrary(stdout, stderr io.Writer) *cobra.Command {
	var (
		out     string
		jobs    int
		baseURL string
		quiet   bool
		verbose bool
	)
	cmd := &cobra.Command{
		Use:   "library [DIR]",
		Short: "Build every book of a folder into a static site with OPDS catalogues",
		Long: `Library builds every book under DIR (default: the current folder) — each
book.yaml found there, or the books library.yaml lists — and writes a static
web site into SITE (default: DIR/site): an index with covers, a page per
book with its downloads, pages per language and group, OPDS 1.2 feeds
(opds/root.xml) and an OPDS 2.0 feed (opds/catalog.json) for e-reader apps.

Books build in parallel (--jobs, default one per CPU). A book is rebuilt
only when one of its inputs changed (its folder's files, the files its
manifest names, pamphlet's version), by content hashes kept in
SITE/.pamphlet-library.json; a failed book prints its own diagnostics and
keeps its previous outputs, and the others go on. Exit status 1 when a
book failed.

library.yaml (optional):
  title: The Free Pamphlet Library
  description: Pamphlets to read, print and pass on.
  base-url: https://example.org/books/   # absolute links in the feeds
  language: en                           # of the site's own pages
  groups:
    - id: essays
      title: Essays
      description: Shorter pieces.
  books:                                 # in order; default: every book.yaml found
    - common-sense                       # a folder (or its book.yaml)
    - path: emerson-essays
      groups: [essays]`,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) > 1 {
				return usageError{fmt.Errorf("library takes one folder, got %d arguments", len(args))}
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			dir := "."
			if len(args) == 1 {
				dir = args[0]
			}
			if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
				return usageError{fmt.Errorf("%s is not a folder", dir)}
			}
			if jobs < 0 {
				return usageError{fmt.Errorf("--jobs must not be negative (0, the default, means one per CPU)")}
			}
			return runLibrary(cmd.Context(), stderr, library.Options{Dir: dir, Out: out, Jobs: jobs, BaseURL: baseURL, Version: selfVersion()}, quiet, verbose)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&out, "out", "o", "", "the site's folder (default: site/ in DIR)")
	f.IntVarP(&jobs, "jobs", "j", 0, "books built at once (default: the number of CPUs)")
	f.StringVar(&baseURL, "base-url", "", "the URL the site will be served from, for absolute links in the feeds (overrides library.yaml)")
	f.BoolVarP(&quiet, "quiet", "q", false, "print only problems and the summary")
	f.BoolVarP(&verbose, "verbose", "v", false, "also name each site file rewritten")
	return cmd
}

func runLibrary(ctx context.Context, stderr io.Writer, opts library.Options, quiet, verbose bool) error {
	start := time.Now()
	opts.Report = func(r library.Report) {
		name := r.ID
		if r.Result != nil {
			printDiags(stderr, r.Result.Diags, quiet)
		}
		switch {
		case r.Err != nil:
			var ue *builder.UsageError
			if r.Result == nil || !errors.Is(r.Err, builder.ErrBook) || errors.As(r.Err, &ue) {
				fmt.Fprintf(stderr, "%s: %v\n", r.Manifest, r.Err)
			}
			diags := ""
			if r.Result != nil {
				diags = countDiags(r.Result.Diags) + "; "
			}
			kept := "nothing written"
			if r.Kept {
				kept = "its previous outputs stay in the site"
			}
			fmt.Fprintf(stderr, "pamphlet: %s failed: %s%s (%s)\n", name, diags, kept, ms(r.Took))
		case r.Rebuilt && !quiet:
			fmt.Fprintf(stderr, "pamphlet: %s built: %d pages, %d words (%s)\n", name, r.Result.Pages, r.Result.Words, ms(r.Took))
		}
	}
	cat, sum, err := library.Build(ctx, opts)
	if cat == nil {
		return err
	}
	if errors.Is(err, context.Canceled) {
		// The books built so far stand in files/; the pages and the
		// state stay as the last run left them, so the next run
		// rebuilds those books and writes the pages.
		fmt.Fprintf(stderr, "pamphlet: interrupted; %d of %d books built, the site's pages not rewritten (%s)\n", sum.Rebuilt, sum.Books, ms(time.Since(start)))
		return bookError{}
	}
	langs := site.Languages(cat)
	var ol []opds.Language
	for _, l := range langs {
		ol = append(ol, opds.Language{Base: l.Base, Name: l.Name})
	}
	pages, perr := site.Render(cat, site.Feeds{Navigation: opds.Navigation, JSON: opds.JSON})
	if perr != nil {
		return perr
	}
	feeds, perr := opds.Render(cat, ol, site.BaseLanguage, site.BookPage)
	if perr != nil {
		return perr
	}
	written, perr := library.Publish(ctx, cat, append(pages, feeds...))
	if perr != nil {
		return perr
	}
	if verbose {
		for _, w := range written {
			fmt.Fprintf(stderr, "pamphlet: wrote %s\n", w)
		}
	}
	fmt.Fprintf(stderr, "pamphlet: %d books, %d rebuilt, %d failed; %d of %d site files rewritten (%s)\n",
		sum.Books, sum.Rebuilt, sum.Failed, len(written), len(pages)+len(feeds), ms(time.Since(start)))
	if err != nil {
		if errors.Is(err, library.ErrFailed) {
			return bookError{}
		}
		return err
	}
	return nil
}

// selfVersion is pamphlet's version for the library's input hashes: the
// version string and a hash of the running program, so that a rebuilt
// pamphlet (whose version string may not change during development)
// rebuilds every book.
func selfVersion() string {
	v := versionString()
	exe, err := os.Executable()
	if err != nil {
		return v
	}
	f, err := os.Open(filepath.Clean(exe))
	if err != nil {
		return v
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return v
	}
	return v + " " + hex.EncodeToString(h.Sum(nil))
}
