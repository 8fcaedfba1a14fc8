package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/pamphlet/pamphlet/builder"
	"github.com/pamphlet/pamphlet/builder/check"
	"github.com/pamphlet/pamphlet/builder/check/pdfstd"
	"github.com/pamphlet/pamphlet/internal/inputfile"
)

func newCheck(stdout io.Writer) *cobra.Command {
	var (
		format string
		strict bool
		pdfs   []string
	)
	cmd := &cobra.Command{
		Use:   "check [MANIFEST]",
		Short: "Check a book before printing, without writing anything",
		Long: `Check runs the whole build, the full layout included, without writing the
outputs, and reports what to look at before printing, one section per
article: the build's own diagnostics (manifest, Markdown, fonts,
typesetting: codes M…, A…, T…), and the preflight's findings:

  P001  two or more spaces between words
  P002  a straight quote in a text that uses curly quotes
  P010  a very loose line
  P011  a widow (a paragraph's last line alone at a page's top)
  P012  an orphan (a paragraph's first line alone at a page's foot)
  P013  three or more lines in a row ending in a hyphen
  P014  a heading at a page's foot, its text on the next
  P020  an image that prints below 300 dpi
  P030  (note) the page count is not a multiple of 4
  UA…, PDFA…  a requirement of PDF/UA-1 (or, with pdf.standard, PDF/A-2)
        that the reader's PDF, written into memory, fails (see --pdf)

Each finding has its code, FILE:LINE and, when it has one, its page.
Exit status: 1 when there are errors (or, with --strict, warnings), else 0.

With --pdf FILE (repeatable) it checks finished PDFs instead of a book:
for each standard the file claims in its metadata (PDF/UA-1, PDF/A-2,
PDF/X-4) every requirement pamphlet verifies, UA001…, PDFA001…,
PDFX001…, passed or failed with what was seen. It claims no conformance
beyond the requirements listed; exit status 1 when one fails.`,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) > 1 {
				return usageError{fmt.Errorf("check takes one manifest, got %d arguments", len(args))}
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if format != "text" && format != "json" {
				return usageError{fmt.Errorf("unknown --format %q (known: text, json)", format)}
			}
			if len(pdfs) > 0 {
				if len(args) > 0 {
					return usageError{fmt.Errorf("check takes a manifest or --pdf files, not both")}
				}
				return checkPDFs(stdout, pdfs, format)
			}
			path := manifestArg(args)
			res, err := builder.Build(cmd.Context(), builder.Options{Manifest: path, DryRun: true})
			if err != nil && !errors.Is(err, builder.ErrBook) {
				return err // not the book's fault: a cancelled run, an unreadable font
			}
			r := check.Inspect(check.Input{Manifest: path, Diags: res.Diags, Pages: res.Pages, Words: res.Words, Laid: res.Laid})
			if format == "json" {
				err = r.WriteJSON(stdout)
			} else {
				err = r.WriteText(stdout)
			}
			if err != nil {
				return err
			}
			if r.Failed(strict) {
				return bookError{}
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&format, "format", "text", "report format: text or json")
	f.BoolVar(&strict, "strict", false, "treat warnings as errors")
	f.StringArrayVar(&pdfs, "pdf", nil, "check a finished PDF against the standards it claims (repeatable)")
	return cmd
}

// checkPDFs reports, for each file, the requirements of the standards it
// claims; a file that fails one, or cannot be read, fails the check.
func checkPDFs(stdout io.Writer, files []string, format string) error {
	failed := false
	type fileReport struct {
		File string `json:"file"`
		*pdfstd.Report
	}
	var all []fileReport
	for _, name := range files {
		data, err := inputfile.Read(name, maxCheckedPDF)
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		r, err := pdfstd.Check(data)
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		failed = failed || len(r.Failed()) > 0
		if format == "json" {
			all = append(all, fileReport{name, r})
			continue
		}
		if err := r.WriteText(stdout, name); err != nil {
			return err
		}
	}
	if format == "json" {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(all); err != nil {
			return err
		}
	}
	if failed {
		return bookError{}
	}
	return nil
}

// manifestArg returns the manifest a command names: its argument, or
// book.yaml inside it when it is a folder, or ./book.yaml.
func manifestArg(args []string) string {
	path := "book.yaml"
	if len(args) == 1 {
		path = args[0]
	}
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		path = filepath.Join(path, "book.yaml")
	}
	return path
}

// maxCheckedPDF bounds a PDF read by check --pdf: ten times the largest
// book pamphlet writes.
const maxCheckedPDF = 1 << 30
