package main

import (
	"github.com/spf13/pflag"

	"github.com/pamphlet/pamphlet/builder"
)

// printFlags are build's print-production flags; they override the
// manifest's pdf: keys.
type printFlags struct {
	booklet bool
	sheet   string
	duplex  string
}

func (p *printFlags) add(f *pflag.FlagSet) {
	f.BoolVar(&p.booklet, "booklet", false, "also write NAME-booklet.pdf, the pages imposed two to a sheet for saddle stitching (pdf.booklet)")
	f.StringVar(&p.sheet, "sheet", "", "the booklet's sheet: a4, a3, letter, tabloid, … (default: the sheet that holds two pages side by side)")
	f.StringVar(&p.duplex, "duplex", "", "how your printer turns the paper for the booklet: short (default) or long edge")
}

// apply sets the flags' overrides in o.
func (p *printFlags) apply(o builder.Options) builder.Options {
	o.Booklet, o.Sheet, o.Duplex = p.booklet, p.sheet, p.duplex
	return o
}
