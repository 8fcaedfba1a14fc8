// Package icc holds the ICC colour profiles that pamphlet embeds in PDFs
// that claim a standard: sRGB for the output intent of PDF/A, and the
// CMYK profiles of the characterised printing conditions a PDF/X file
// may name. README.md says where each comes from and how the CMYK ones
// were built; LICENSE.txt is their licence.
package icc

import (
	_ "embed"
	"slices"
	"strings"
)

// SRGB is the sRGB IEC 61966-2.1 profile (three components).
//
//go:embed sRGB.icc
var SRGB []byte

//go:embed FOGRA39.icc
var fogra39 []byte

//go:embed FOGRA29.icc
var fogra29 []byte

// Condition is a characterised printing condition, as a PDF/X output
// intent names it, with its profile (four components, CMYK).
type Condition struct {
	// Identifier is the OutputConditionIdentifier, a name registered at
	// the ICC's registry of characterisation data ("FOGRA39").
	Identifier string
	// Info describes the condition for people.
	Info string
	// Profile is the ICC profile of the condition.
	Profile []byte
}

// Registry is the registry that Condition identifiers are names in.
const Registry = "http://www.color.org"

var conditions = []Condition{
	{"FOGRA39", "Coated FOGRA39 (ISO 12647-2:2004/Amd 1, coated paper)", fogra39},
	{"FOGRA29", "Uncoated FOGRA29 (ISO 12647-2:2004, uncoated paper)", fogra29},
}

// DefaultCondition is the printing condition of a printer's PDF that
// names none: offset on coated paper.
const DefaultCondition = "FOGRA39"

// Lookup returns the printing condition with the identifier name (any
// case).
func Lookup(name string) (Condition, bool) {
	for _, c := range conditions {
		if strings.EqualFold(c.Identifier, name) {
			return c, true
		}
	}
	return Condition{}, false
}

// Names returns the identifiers of the conditions there are profiles
// for, in a fixed order.
func Names() []string {
	var out []string
	for _, c := range conditions {
		out = append(out, c.Identifier)
	}
	return slices.Clip(out)
}
