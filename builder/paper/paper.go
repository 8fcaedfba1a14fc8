// Package paper is pamphlet's one table of named paper sizes (ISO A and
// B, US half letter, letter, legal and tabloid) and of the two ways a
// duplex printer turns a sheet. The layouts name their page by it
// (layouts/a5.yaml says page: a5), the booklet takes its sheets from it
// (builder/impose, the sizes turned landscape) and the manifest checks
// pdf.sheet and pdf.duplex against it.
//
// Sizes are written as the lengths a layout file would give them
// ("148mm", "8.5in") and read with units.Parse, so that a page named a5
// and one written {width: 148mm, height: 210mm} are the same to the last
// scaled point.
package paper

import (
	"fmt"
	"strings"

	"github.com/pamphlet/pamphlet/builder/units"
)

// Size is a named paper size in portrait: W is the short side.
type Size struct {
	Name string
	W, H units.Sp
}

// table lists the sizes, smallest first within each family.
var table = [...]struct{ name, w, h string }{
	{"a6", "105mm", "148mm"},
	{"a5", "148mm", "210mm"},
	{"a4", "210mm", "297mm"},
	{"a3", "297mm", "420mm"},
	{"b5", "176mm", "250mm"},
	{"b4", "250mm", "353mm"},
	{"half-letter", "5.5in", "8.5in"},
	{"letter", "8.5in", "11in"},
	{"legal", "8.5in", "14in"},
	{"tabloid", "11in", "17in"},
}

// aliases are other names of sizes in the table.
var aliases = map[string]string{"ledger": "tabloid"}

// Sizes returns the named sizes, smallest first within each family.
func Sizes() []Size {
	out := make([]Size, len(table))
	for i, t := range table {
		out[i] = Size{Name: t.name, W: mustParse(t.w), H: mustParse(t.h)}
	}
	return out
}

func mustParse(s string) units.Sp {
	l, err := units.Parse(s)
	if err != nil {
		panic(fmt.Sprintf("paper: bad length %q in the table", s)) // a typo in the table above
	}
	return l
}

// ByName returns the named size (a5, letter, ledger…; case and
// surrounding space ignored).
func ByName(name string) (Size, bool) {
	name = strings.ToLower(strings.TrimSpace(name))
	if a, ok := aliases[name]; ok {
		name = a
	}
	for _, s := range Sizes() {
		if s.Name == name {
			return s, true
		}
	}
	return Size{}, false
}

// Names lists the names ByName knows, for messages: "a6, a5, …".
func Names() string {
	names := make([]string, len(table))
	for i, t := range table {
		names[i] = t.name
	}
	return strings.Join(names, ", ")
}

// Duplex says how a printer turns the paper between the two sides of a
// sheet.
type Duplex string

const (
	// ShortEdge flips a landscape sheet like a book's page, so back
	// sides are painted upright: what most home printers call "flip on
	// short edge" and the natural setting for booklets.
	ShortEdge Duplex = "short"
	// LongEdge flips it like a calendar: back sides are painted upside
	// down so that they come out upright.
	LongEdge Duplex = "long"
)

// ParseDuplex reads "long" or "short" (empty means short).
func ParseDuplex(s string) (Duplex, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "short", "short-edge":
		return ShortEdge, nil
	case "long", "long-edge":
		return LongEdge, nil
	}
	return "", fmt.Errorf("duplex %q: want long or short", s)
}

// Instruction is the printing instruction for d, for summary lines.
func (d Duplex) Instruction() string {
	if d == LongEdge {
		return "print duplex flip on long edge"
	}
	return "print duplex flip on short edge"
}
