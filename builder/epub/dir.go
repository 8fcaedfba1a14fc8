package epub

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/text/language"
	"golang.org/x/text/unicode/bidi"

	"github.com/pamphlet/pamphlet/builder/doc"
)

// direction is a base writing direction, as the dir attribute gives it.
type direction int8

const (
	dirUnknown direction = iota // no strong character: inherit
	dirLTR
	dirRTL
)

// String returns the value of the dir attribute, "" for dirUnknown.
func (d direction) String() string {
	switch d {
	case dirLTR:
		return "ltr"
	case dirRTL:
		return "rtl"
	}
	return ""
}

// rtlScripts are the ISO 15924 codes of the scripts written right to
// left (Unicode's list of scripts whose letters are of bidi class R or
// AL).
var rtlScripts = map[string]bool{
	"Adlm": true, "Arab": true, "Aran": true, "Armi": true, "Avst": true,
	"Chrs": true, "Cprt": true, "Elym": true, "Hatr": true, "Hebr": true,
	"Hung": true, "Khar": true, "Lydi": true, "Mand": true, "Mani": true,
	"Mend": true, "Merc": true, "Mero": true, "Narb": true, "Nbat": true,
	"Nkoo": true, "Orkh": true, "Ougr": true, "Palm": true, "Phli": true,
	"Phlp": true, "Phnx": true, "Prti": true, "Rohg": true, "Samr": true,
	"Sarb": true, "Sogd": true, "Sogo": true, "Syrc": true, "Thaa": true,
	"Yezi": true,
}

// rtlLangs are languages written right to left unless their tag names
// another script. CLDR's likely subtags (through x/text) know most of
// them; the list also holds those it does not know (prs, Dari) and the
// deprecated codes still met in the wild (iw, ji), so that these never
// depend on the tables of the day.
var rtlLangs = map[string]bool{
	"ar": true, "arc": true, "ckb": true, "dv": true, "fa": true,
	"he": true, "iw": true, "ji": true, "nqo": true, "prs": true,
	"ps": true, "sam": true, "sd": true, "syr": true, "ug": true,
	"ur": true, "yi": true,
}

// langDir returns the direction a language tag is written in: right to
// left for the languages above and for any tag whose script, written or
// likely (CLDR), is a right-to-left one; left to right otherwise, also
// for tags it cannot read.
func langDir(tag string) direction {
	t, err := language.Parse(tag)
	if err != nil {
		base, _, _ := strings.Cut(strings.ToLower(tag), "-")
		if rtlLangs[base] {
			return dirRTL
		}
		return dirLTR
	}
	script, conf := t.Script()
	if conf == language.Exact {
		// "sd-Deva", "pa-Arab": the script the tag names decides.
		if rtlScripts[script.String()] {
			return dirRTL
		}
		return dirLTR
	}
	if base, _ := t.Base(); rtlLangs[base.String()] {
		return dirRTL
	}
	if conf != language.No && rtlScripts[script.String()] {
		return dirRTL
	}
	return dirLTR
}

// dirCounter finds the direction of a paragraph fed to it in pieces.
type dirCounter struct {
	first    direction // of the first strong character (UAX #9, P2)
	ltr, rtl int       // strong characters of each direction
	isolate  int       // depth of isolates (LRI, RLI, FSI … PDI)
}

// add feeds text.
func (c *dirCounter) add(s string) {
	for i := 0; i < len(s); {
		b := s[i]
		if b < 0x80 {
			// ASCII letters are the only strong characters below
			// U+0080; the rest (digits, punctuation, controls) are weak
			// or neutral.
			if (b|0x20) >= 'a' && (b|0x20) <= 'z' {
				c.strong(dirLTR)
			}
			i++
			continue
		}
		if r, size := utf8.DecodeRuneInString(s[i:]); r == utf8.RuneError && size <= 1 {
			i++ // invalid UTF-8 is written as U+FFFD, a neutral
			continue
		}
		p, size := bidi.LookupString(s[i:])
		i += max(size, 1)
		switch p.Class() {
		case bidi.L:
			c.strong(dirLTR)
		case bidi.R, bidi.AL:
			c.strong(dirRTL)
		case bidi.LRI, bidi.RLI, bidi.FSI:
			c.isolate++
		case bidi.PDI:
			if c.isolate > 0 {
				c.isolate--
			}
		}
	}
}

func (c *dirCounter) strong(d direction) {
	if c.isolate > 0 {
		// P2 skips what an isolate holds; so does the count, which
		// is about the paragraph's own text.
		return
	}
	if c.first == dirUnknown {
		c.first = d
	}
	if d == dirRTL {
		c.rtl++
	} else {
		c.ltr++
	}
}

// dir returns the paragraph's direction: that of most of its strong
// characters, and on a tie that of the first (UAX #9 rule P2, what
// dir="auto" would give it); dirUnknown when it has none. P2 alone would
// set a Persian paragraph that opens with "UNESCO" left to right, and an
// English one that opens with a Hebrew word right to left; the count
// sets both the way they are read.
func (c *dirCounter) dir() direction {
	switch {
	case c.rtl > c.ltr:
		return dirRTL
	case c.ltr > c.rtl:
		return dirLTR
	}
	return c.first
}

// textDir returns the direction of one paragraph of plain text.
func textDir(s string) direction {
	var c dirCounter
	c.add(s)
	return c.dir()
}

// inlinesDir returns the direction of a paragraph's inline content. Code
// spans count as text; image descriptions and note numbers do not.
func inlinesDir(ins []doc.Inline) direction {
	var c dirCounter
	var walk func(ins []doc.Inline)
	walk = func(ins []doc.Inline) {
		for _, in := range ins {
			switch n := in.(type) {
			case *doc.Text:
				c.add(n.Value)
			case *doc.Code:
				c.add(n.Value)
			case *doc.Image, *doc.NoteRef:
			default:
				walk(doc.Children(in))
			}
		}
	}
	walk(ins)
	return c.dir()
}

// firstParaDir returns the direction of the first paragraph of blocks,
// looking into lists and quotations, or dirUnknown when there is none.
func firstParaDir(blocks []doc.Block) direction {
	var found *doc.Para
	doc.InspectBlocks(blocks, func(n doc.Node) bool {
		if found != nil {
			return false
		}
		if p, ok := n.(*doc.Para); ok {
			if p != nil {
				found = p
			}
			return false
		}
		return true
	})
	if found == nil {
		return dirUnknown
	}
	return inlinesDir(found.Inlines)
}
