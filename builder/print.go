package builder

import (
	"fmt"
	"io"
	"time"

	"github.com/pamphlet/pamphlet/builder/font"
	"github.com/pamphlet/pamphlet/builder/frame"
	"github.com/pamphlet/pamphlet/builder/impose"
	"github.com/pamphlet/pamphlet/builder/manifest"
	"github.com/pamphlet/pamphlet/builder/paper"
	"github.com/pamphlet/pamphlet/builder/pdf"
	"github.com/pamphlet/pamphlet/builder/units"
)

// printSettings are the print-production settings of a build: the
// manifest's pdf: keys with the command line's overrides applied.
type printSettings struct {
	booklet   bool
	sheet     impose.Size // zero: the standard sheet for the page size
	signature int
	creep     units.Sp
	bleed     units.Sp
	marks     bool
	duplex    paper.Duplex
	// standard is the reader's PDF's archival standard, outputIntent
	// the printer's PDF's printing condition.
	standard     pdf.Standard
	outputIntent string
	// bookletDoc, when set, is the booklet's document (a self-covered
	// one, see cover.go), with backCover keeping its last page last.
	bookletDoc *frame.Document
	backCover  bool
}

// resolvePrint applies opts' overrides (--booklet, --sheet, --duplex) to
// the manifest's print keys. A bad override is a usage error.
func resolvePrint(mp manifest.Print, opts Options) (printSettings, error) {
	ps := printSettings{
		booklet:   mp.Booklet || opts.Booklet,
		signature: mp.Signature,
		creep:     mp.Creep,
		bleed:     mp.Bleed,
		marks:     mp.Marks,
	}
	// The manifest has checked both against the same lists.
	ps.standard, _ = pdf.ParseStandard(mp.Standard)
	ps.outputIntent = mp.OutputIntent
	sheet := mp.Sheet
	if opts.Sheet != "" {
		sheet = opts.Sheet
	}
	if sheet != "" {
		s, ok := impose.SheetByName(sheet)
		if !ok {
			return ps, &UsageError{Msg: fmt.Sprintf("unknown sheet %q (known: %s)", sheet, impose.SheetNames())}
		}
		ps.sheet = s
	}
	duplex := mp.Duplex
	if opts.Duplex != "" {
		duplex = opts.Duplex
	}
	d, err := paper.ParseDuplex(duplex)
	if err != nil {
		return ps, &UsageError{Msg: err.Error()}
	}
	ps.duplex = d
	return ps, nil
}

// printer reports whether the settings ask for the printer's PDF.
func (ps printSettings) printer() bool { return ps.bleed > 0 || ps.marks }

// PrintSummary describes the print-production outputs of a build.
type PrintSummary struct {
	// Booklet is set when NAME-booklet.pdf was written.
	Booklet bool
	Sheet   string
	Sheets  int
	// Blanks is the number of blank pages added to the booklet.
	Blanks int
	Duplex paper.Duplex
	// Printer is set when NAME-print.pdf was written, with Bleed.
	Printer bool
	Bleed   units.Sp
	// Fit says what pdf.fit changed, or why it could not.
	Fit string
	// Cover describes NAME-cover.pdf (size, spine), when written.
	Cover string
}

// String is the summary line: "booklet: 12 sheets (a4), 2 blank pages
// added, print duplex flip on short edge", with the printer's PDF and
// pdf.fit's note when there are. It is empty when there is nothing to say.
func (s PrintSummary) String() string {
	var out string
	if s.Booklet {
		out = fmt.Sprintf("booklet: %s (%s), %s added, %s", count(s.Sheets, "sheet"), s.Sheet, count(s.Blanks, "blank page"), s.Duplex.Instruction())
	}
	if s.Printer {
		if out != "" {
			out += "; "
		}
		if s.Bleed > 0 {
			out += fmt.Sprintf("printer's PDF: %s bleed", mmString(s.Bleed))
		} else {
			out += "printer's PDF: crop marks, no bleed"
		}
	}
	if s.Fit != "" {
		if out != "" {
			out += "; "
		}
		out += s.Fit
	}
	if s.Cover != "" {
		if out != "" {
			out += "; "
		}
		out += s.Cover
	}
	return out
}

func count(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

func mmString(s units.Sp) string {
	return fmt.Sprintf("%gmm", float64(int64(s.MM()*100+0.5))/100)
}

// outputJob is one file Build writes.
type outputJob struct {
	name  string
	write func(io.Writer) error
}

// printJobs returns the booklet and printer's PDF jobs the settings ask
// for, with the summary. The booklet is planned here, before any writing,
// so that a bad plan fails the build and the summary needs no writer.
func printJobs(ps printSettings, name string, laid *frame.Document, fonts *font.Set, modified time.Time) ([]outputJob, PrintSummary, error) {
	var jobs []outputJob
	var sum PrintSummary
	if ps.booklet {
		bo := pdf.BookletOptions{
			Options:   pdf.Options{Created: modified},
			Sheet:     ps.sheet,
			Signature: ps.signature,
			Creep:     ps.creep,
			Duplex:    ps.duplex,
			Marks:     ps.marks,
			BackCover: ps.backCover,
		}
		bd := laid
		if ps.bookletDoc != nil {
			bd = ps.bookletDoc
		}
		info, err := pdf.PlanBooklet(bd, bo)
		if err != nil {
			return nil, sum, err
		}
		sum.Booklet, sum.Sheet, sum.Sheets, sum.Blanks, sum.Duplex = true, info.Sheet.Name, info.Sheets, info.Blanks, info.Duplex
		jobs = append(jobs, outputJob{name + "-booklet.pdf", func(w io.Writer) error {
			_, err := pdf.WriteBooklet(w, bd, fonts, bo)
			return err
		}})
	}
	if ps.printer() {
		po := pdf.PrintOptions{Options: pdf.Options{Created: modified}, Bleed: ps.bleed, Marks: ps.marks, OutputIntent: ps.outputIntent}
		sum.Printer, sum.Bleed = true, ps.bleed
		jobs = append(jobs, outputJob{name + "-print.pdf", func(w io.Writer) error {
			return pdf.WritePrint(w, laid, fonts, po)
		}})
	}
	return jobs, sum, nil
}
