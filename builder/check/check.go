// Package check is the preflight: given what a dry run of the build leaves
// (its diagnostics and the laid-out book, package laid; the CLI runs the
// build), it reports what a writer should look at before printing, one
// section per article.
//
// A report holds every diagnostic the build itself makes (manifest
// problems M…, Markdown problems A…, typesetting problems T…, with the
// codes documented where they are made: undefined and unused notes, broken
// internal links, images without alt text, raw HTML dropped, characters no
// font has (T002), overfull lines (T001)), and the findings of its own
// below, which look at the sources and at the finished layout.
//
//	code  severity  finding
//	P001  warning   two or more spaces between words in the source
//	P002  warning   a straight quote (' or ") in a text that otherwise uses curly quotes
//	P010  warning   a very loose justified line (word spaces over twice their width)
//	P011  warning   a widow: a paragraph's last line alone at the top of a page
//	P012  warning   an orphan: a paragraph's first line alone at the foot of a page
//	P013  warning   three or more lines in a row ending in a hyphen
//	P014  warning   a heading at the foot of a page, its text on the next
//	P020  warning   an image printed below 300 dpi
//	P030  note      the page count is not a multiple of 4 (blank pages a printer adds)
//	P050  warning   the reader's PDF could not be written or read back to check its standards
//
// The reader's PDF is also written into memory and checked against the
// standards it claims (PDF/UA-1; PDF/A-2 with pdf.standard): each
// requirement it fails is a warning with the requirement's code, UA001…
// or PDFA001… (package pdfstd lists them), about the book as a whole.
//
// Notes never fail a check; warnings do only when Options.Strict is set.
// Findings from the layout name the page by its printed label and point
// at the source block where that page begins (or, for images and
// headings, at the block itself).
package check

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/pamphlet/pamphlet/builder/diag"
	"github.com/pamphlet/pamphlet/builder/laid"
)

// Severity of a finding, as printed and as in JSON.
const (
	Error   = "error"
	Warning = "warning"
	Note    = "note"
)

// Finding is one problem found by the preflight.
type Finding struct {
	Code     string `json:"code"`
	Severity string `json:"severity"`
	File     string `json:"file,omitempty"`
	Line     int    `json:"line,omitempty"`
	Col      int    `json:"col,omitempty"`
	// Page is the printed label of the page concerned, when there is one.
	Page    string `json:"page,omitempty"`
	Message string `json:"message"`
}

// String formats f as FILE:LINE:COL: severity CODE: message (page P).
func (f Finding) String() string {
	var b strings.Builder
	if pos := (diag.Pos{File: f.File, Line: f.Line, Col: f.Col}).String(); pos != "" {
		b.WriteString(pos)
		b.WriteString(": ")
	}
	fmt.Fprintf(&b, "%s %s: %s", f.Severity, f.Code, f.Message)
	if f.Page != "" {
		fmt.Fprintf(&b, " (page %s)", f.Page)
	}
	return b.String()
}

// Section is the findings about one file: the manifest, an article, or
// (with File empty) the book as a whole.
type Section struct {
	File     string    `json:"file"`
	Title    string    `json:"title,omitempty"`
	Findings []Finding `json:"findings"`
}

// Report is the outcome of a preflight.
type Report struct {
	Manifest string    `json:"manifest"`
	Pages    int       `json:"pages"`
	Words    int       `json:"words"`
	Sections []Section `json:"sections"`
	Errors   int       `json:"errors"`
	Warnings int       `json:"warnings"`
	Notes    int       `json:"notes"`
}

// Input is what the preflight inspects, as a dry run of the build
// (builder.Build with Options.DryRun) leaves it: the manifest's path, the
// build's diagnostics and counts, and the laid-out book (nil when the
// build stopped before the layout).
type Input struct {
	Manifest     string
	Diags        *diag.List
	Pages, Words int
	Laid         *laid.Book
}

// Inspect reports on the book in: the build's diagnostics, and the
// findings of its own about the sources and the layout.
func Inspect(in Input) *Report {
	var found []Finding
	for _, d := range in.Diags.Items() {
		sev := Error
		if d.Severity == diag.Warning {
			sev = Warning
		}
		found = append(found, Finding{Code: d.Code, Severity: sev, File: d.Pos.File, Line: d.Pos.Line, Col: d.Pos.Col, Message: d.Msg})
	}
	r := &Report{Manifest: in.Manifest, Pages: in.Pages, Words: in.Words}
	var order []Section
	if l := in.Laid; l != nil {
		order = append(order, Section{File: l.Manifest.Path})
		for _, a := range l.Book.Articles {
			order = append(order, Section{File: a.Path, Title: a.Meta.Title})
			src, err := os.ReadFile(filepath.FromSlash(a.Path)) // the path the build read
			if err == nil {
				found = append(found, sourceFindings(a.Path, string(src))...)
			}
		}
		found = append(found, layoutFindings(l)...)
		found = append(found, standardsFindings(l)...)
	} else {
		order = append(order, Section{File: in.Manifest})
	}
	r.Sections = group(order, found)
	for _, s := range r.Sections {
		for _, f := range s.Findings {
			switch f.Severity {
			case Error:
				r.Errors++
			case Warning:
				r.Warnings++
			default:
				r.Notes++
			}
		}
	}
	return r
}

// group sorts findings into the sections of order (manifest, articles in
// book order), then sections for other files in name order, then the
// book's own; within a section by line and column, stable otherwise.
func group(order []Section, found []Finding) []Section {
	idx := map[string]int{}
	secs := append([]Section(nil), order...)
	for i, s := range secs {
		idx[s.File] = i
	}
	var extra []string
	for _, f := range found {
		if _, ok := idx[f.File]; !ok {
			idx[f.File] = -1
			extra = append(extra, f.File)
		}
	}
	sort.Strings(extra)
	for _, name := range extra {
		if name == "" {
			continue
		}
		idx[name] = len(secs)
		secs = append(secs, Section{File: name})
	}
	if _, ok := idx[""]; ok {
		idx[""] = len(secs)
		secs = append(secs, Section{})
	}
	for _, f := range found {
		i := idx[f.File]
		secs[i].Findings = append(secs[i].Findings, f)
	}
	for i := range secs {
		fs := secs[i].Findings
		sort.SliceStable(fs, func(a, b int) bool {
			if fs[a].Line != fs[b].Line {
				return fs[a].Line < fs[b].Line
			}
			return fs[a].Col < fs[b].Col
		})
		if fs == nil {
			secs[i].Findings = []Finding{}
		}
	}
	return secs
}

// Failed reports whether the report should fail a check: any error, or
// with strict any warning.
func (r *Report) Failed(strict bool) bool {
	return r.Errors > 0 || (strict && r.Warnings > 0)
}

// WriteText writes r for a reader: each section's name, its findings
// indented, and a summary line.
func (r *Report) WriteText(w io.Writer) error {
	var b strings.Builder
	for _, s := range r.Sections {
		name := s.File
		if name == "" {
			name = "the book"
		}
		if s.Title != "" {
			name += " (" + s.Title + ")"
		}
		if len(s.Findings) == 0 {
			fmt.Fprintf(&b, "%s: ok\n", name)
			continue
		}
		fmt.Fprintf(&b, "%s:\n", name)
		for _, f := range s.Findings {
			fmt.Fprintf(&b, "  %s\n", f)
		}
	}
	fmt.Fprintf(&b, "%d pages, %d words: %s, %s, %s\n", r.Pages, r.Words,
		plural(r.Errors, "error"), plural(r.Warnings, "warning"), plural(r.Notes, "note"))
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteJSON writes r as indented JSON.
func (r *Report) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
