package font

import (
	gofont "github.com/go-text/typesetting/font"
	ot "github.com/go-text/typesetting/font/opentype"
	"github.com/go-text/typesetting/font/opentype/tables"
)

// A word of Latin letters in a face whose layout tables leave them alone
// (no ligature starts with one, no kerning pair or mark touches it) is
// shaped as HarfBuzz would shape it, one glyph per character at its
// advance, without running HarfBuzz: in an English book that is most
// words, and HarfBuzz costs a few microseconds a word.

// defaultFeatures are the features HarfBuzz applies to horizontal text
// of a script without complex shaping.
var defaultFeatures = []string{"abvm", "blwm", "ccmp", "locl", "mark", "mkmk", "rlig", "calt", "clig", "curs", "dist", "kern", "liga", "rclt", "rvrn", "ltra", "ltrm"}

// simpleRunes returns, for each rune below advTable, whether face fc
// shapes it alone: its glyph is not the first glyph of any lookup of the
// features that apply. It returns nil, no fast path at all, when the
// font has tables this check does not read (a legacy kern table, AAT
// morx or kerx, extension lookups).
func simpleRunes(fc *face) []bool {
	ft := fc.font
	if ft == nil || len(ft.Kern) > 0 || len(ft.Kerx) > 0 || len(ft.Morx) > 0 {
		return nil
	}
	on := map[ot.Tag]bool{}
	for _, t := range defaultFeatures {
		on[ot.MustNewTag(t)] = true
	}
	for _, f := range fc.features {
		on[f.Tag] = f.Value != 0
	}
	// The glyphs that begin some lookup of a feature that applies. A
	// cursive attachment joins a glyph's exit to the next glyph's entry:
	// only glyphs with an entry anchor need it (Charis gives letters exit
	// anchors for the modifier letters that attach to them).
	var covs []tables.Coverage
	var cursive []tables.CursivePos
	ok := true
	gsubUsed := lookupsOf(ft.GSUB.Features, on)
	for i, l := range ft.GSUB.Lookups {
		if !gsubUsed[i] {
			continue
		}
		for _, st := range l.Subtables {
			if _, ext := st.(tables.ExtensionSubs); ext {
				ok = false
			}
			if c := st.Cov(); c != nil {
				covs = append(covs, c)
			} else {
				ok = false
			}
		}
	}
	gposUsed := lookupsOf(ft.GPOS.Features, on)
	for i, l := range ft.GPOS.Lookups {
		if !gposUsed[i] {
			continue
		}
		for _, st := range l.Subtables {
			if _, ext := st.(tables.ExtensionPos); ext {
				ok = false
			}
			if cp, is := st.(tables.CursivePos); is {
				cursive = append(cursive, cp)
				continue
			}
			if c := st.Cov(); c != nil {
				covs = append(covs, c)
			} else {
				ok = false
			}
		}
	}
	if !ok {
		return nil
	}
	simple := make([]bool, len(fc.adv))
	for r := range simple {
		if fc.adv[r] < 0 {
			continue
		}
		gid, _ := ft.NominalGlyph(rune(r))
		simple[r] = true
		for _, c := range covs {
			if _, in := c.Index(tables.GlyphID(gid)); in {
				simple[r] = false
				break
			}
		}
		for _, cp := range cursive {
			if i, in := cp.Cov().Index(tables.GlyphID(gid)); in && (i >= len(cp.EntryExits) || cp.EntryExits[i].EntryAnchor != nil) {
				simple[r] = false
			}
		}
	}
	return simple
}

// lookupsOf returns the lookup indices the features in on refer to.
func lookupsOf(features []gofont.Feature, on map[ot.Tag]bool) map[int]bool {
	used := map[int]bool{}
	for _, f := range features {
		if !on[f.Tag] {
			continue
		}
		for _, i := range f.LookupListIndices {
			used[int(i)] = true
		}
	}
	return used
}
