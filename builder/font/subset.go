package font

import (
	"fmt"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/pamphlet/pamphlet/builder/font/sfnt"
)

// subset cuts the font program of src down to gids with the one
// subsetter (builder/font/sfnt); the PDF writes glyph IDs as they are.
func subset(src Source, gids []uint16) ([]byte, error) {
	f, err := sfnt.Parse(src.Data, src.Index)
	if err != nil {
		return nil, fmt.Errorf("font %s: %w", src.Name, err)
	}
	var b []byte
	if f.IsCFF() {
		// Only the kept glyphs, each with its original glyph ID as its
		// CID: a CJK font's empty glyphs below the last one used would
		// cost a hundred kilobytes.
		b, err = f.SubsetCFFPacked(gids)
	} else {
		b, err = f.SubsetTrueType(gids, sfnt.Options{})
	}
	if err != nil {
		return nil, fmt.Errorf("font %s: %w", src.Name, err)
	}
	return b, nil
}

// ReaderSubset returns the TrueType font data cut down to the outlines a
// document whose reader shapes the text itself (an EPUB) can need, with
// the one subsetter (builder/font/sfnt): the glyphs of every character of
// texts, of its other case (reading systems make small capitals from
// capitals when the font has none) and of its canonical decompositions
// and compositions (a shaper that finds no ὰ in a face draws α and a
// combining grave instead), and every glyph no character maps to
// (ligatures, small capitals, alternates reached through GSUB), with the
// components of composite glyphs. Glyph IDs, GSUB, GPOS and kern stay as
// they are; cmap, name and post shrink to what a reader uses, and the
// Graphite tables, which no reading system uses, go.
func ReaderSubset(name string, data []byte, texts ...string) ([]byte, error) {
	f, err := sfnt.Parse(data, 0)
	if err != nil {
		return nil, fmt.Errorf("font %s: %w", name, err)
	}
	used := usedRunes(texts...)
	gids, unmapped, err := f.CharGlyphs(func(r rune) bool { return used[r] })
	if err != nil {
		return nil, fmt.Errorf("font %s: %w", name, err)
	}
	b, err := f.SubsetTrueType(append(gids, unmapped...), sfnt.Options{KeepCmap: true, KeepLayout: true})
	if err != nil {
		return nil, fmt.Errorf("font %s: %w", name, err)
	}
	return b, nil
}

// usedRunes collects every character of texts, with the printable ASCII
// characters, the other case of each letter and the canonical
// decompositions and compositions of the text.
func usedRunes(texts ...string) map[rune]bool {
	used := map[rune]bool{}
	for r := rune(0x20); r < 0x7f; r++ {
		used[r] = true
	}
	for _, s := range texts {
		for _, form := range []string{s, norm.NFD.String(s), norm.NFC.String(s)} {
			for _, r := range form {
				used[r] = true
			}
		}
	}
	base := make([]rune, 0, len(used))
	for r := range used {
		base = append(base, r)
	}
	for _, r := range base {
		used[unicode.ToUpper(r)] = true
		used[unicode.ToLower(r)] = true
	}
	return used
}
