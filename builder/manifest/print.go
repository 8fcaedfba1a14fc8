package manifest

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/pamphlet/pamphlet/builder/paper"
	"github.com/pamphlet/pamphlet/builder/units"
)

// Print holds the pdf: keys for print production: the booklet, the
// printer's PDF and the page-count target. They are kept out of
// Manifest.PDF, which holds only layout overrides.
type Print struct {
	// Booklet asks for NAME-booklet.pdf, the imposed sheets.
	Booklet bool
	// Sheet is the booklet's sheet (a4, letter, …); empty means the
	// standard sheet that holds two pages side by side.
	Sheet string
	// Signature is the pages per signature (a multiple of 4); 0 means one
	// signature for the whole book.
	Signature int
	// Creep is the shift per sheet towards the fold.
	Creep units.Sp
	// Bleed, when positive, asks for NAME-print.pdf with this bleed.
	Bleed units.Sp
	// Marks asks for crop marks (NAME-print.pdf) and fold marks (booklet).
	Marks bool
	// Duplex is "long" or "short" (empty: short).
	Duplex string
	// Fit is the page count to aim for; 0 means no target.
	Fit int
	// Standard is the archival standard of the reader's PDF: "" (none),
	// "pdf/a-2u" or "pdf/a-2a" (see Standards).
	Standard string
	// OutputIntent names the printing condition of the printer's PDF
	// (PDF/X-4), one of OutputIntents; "" means FOGRA39.
	OutputIntent string
}

// Standards are the values pdf.standard accepts, besides "none".
var Standards = []string{"pdf/a-2u", "pdf/a-2a"}

// OutputIntents are the printing conditions pdf.output-intent accepts:
// those there is a profile for (package icc).
var OutputIntents = []string{"FOGRA39", "FOGRA29"}

// PrintKeys are the pdf: keys that configure print production rather than
// the layout.
var PrintKeys = []string{"booklet", "sheet", "signature", "creep", "bleed", "marks", "duplex", "fit", "standard", "output-intent"}

// Limits on print values: beyond them a value is a typo, not a choice.
var (
	maxBleed = units.FromMM(20)
	maxCreep = units.FromMM(2)
)

// MaxFit is the largest page count pdf.fit accepts.
const MaxFit = 10000

// printKey checks one print key of pdf: and stores its value in pr.
func (p *parser) printKey(name string, v *yaml.Node, pr *Print) {
	key := "pdf." + name
	if v.Kind != yaml.ScalarNode {
		return // subMap has reported it
	}
	val := strings.TrimSpace(v.Value)
	bad := func(format string, args ...any) {
		p.diags.Errorf(p.pos(v), "M007", "%s", key+" "+fmt.Sprintf(format, args...))
	}
	boolean := func() (bool, bool) {
		switch strings.ToLower(val) {
		case "true", "yes", "on":
			return true, true
		case "false", "no", "off":
			return false, true
		}
		bad("must be true or false, not %q", v.Value)
		return false, false
	}
	length := func(limit units.Sp) (units.Sp, bool) {
		l, err := units.Parse(val)
		if err != nil {
			bad("%q is not a length (e.g. 3mm, 0.1mm, 9pt)", v.Value)
			return 0, false
		}
		if l > limit {
			bad("%s is more than %s", v.Value, limitMM(limit))
			return 0, false
		}
		return l, true
	}
	switch name {
	case "booklet":
		if b, ok := boolean(); ok {
			pr.Booklet = b
		}
	case "marks":
		if b, ok := boolean(); ok {
			pr.Marks = b
		}
	case "sheet":
		if _, ok := paper.ByName(val); !ok {
			bad("%q is not a sheet size (%s)", v.Value, paper.Names())
			return
		}
		pr.Sheet = strings.ToLower(val)
	case "signature":
		n, err := strconv.Atoi(val)
		if err != nil || n < 0 || n%4 != 0 {
			bad("%q is not a multiple of 4 (pages per signature; 0 for one signature)", v.Value)
			return
		}
		pr.Signature = n
	case "creep":
		if l, ok := length(maxCreep); ok {
			pr.Creep = l
		}
	case "bleed":
		if l, ok := length(maxBleed); ok {
			pr.Bleed = l
		}
	case "duplex":
		d, err := paper.ParseDuplex(val)
		if err != nil {
			bad("must be long or short, not %q", v.Value)
			return
		}
		pr.Duplex = string(d)
	case "standard":
		st := strings.ToLower(val)
		if st == "none" {
			pr.Standard = ""
			return
		}
		if !contains(Standards, st) {
			bad("must be one of none, %s, not %q", strings.Join(Standards, ", "), v.Value)
			return
		}
		pr.Standard = st
	case "output-intent":
		for _, oi := range OutputIntents {
			if strings.EqualFold(oi, val) {
				pr.OutputIntent = oi
				return
			}
		}
		bad("must be one of %s (the printing conditions pamphlet has a profile for), not %q", strings.Join(OutputIntents, ", "), v.Value)
	case "fit":
		n, err := strconv.Atoi(val)
		if err != nil || n < 1 || n > MaxFit {
			bad("must be a number of pages from 1 to %d, not %q", MaxFit, v.Value)
			return
		}
		pr.Fit = n
	}
}

func limitMM(l units.Sp) string {
	return strconv.FormatFloat(math.Round(l.MM()*100)/100, 'f', -1, 64) + "mm"
}

func isPrintKey(k string) bool { return contains(PrintKeys, k) }
