package sfnt

import (
	"testing"

	"github.com/pamphlet/pamphlet/fonts"
)

// The glyphs of a paragraph of English: what a book's regular face keeps.
const benchText = "The quick brown fox jumps over the lazy dog. PACK MY BOX WITH FIVE DOZEN LIQUOR JUGS, 0123456789 — “quoted” (parenthesised)!"

func BenchmarkSubsetTrueType(b *testing.B) {
	data := bundled(b, fonts.SerifRegular)
	gids := glyphsOf(b, goTextFace(b, data, 0), benchText)
	b.ResetTimer()
	for b.Loop() {
		f, err := Parse(data, 0)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := f.SubsetTrueType(gids, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSubsetCFF(b *testing.B) {
	data := debianFont(b, ebGaramond)
	gids := glyphsOf(b, goTextFace(b, data, 0), benchText)
	b.ResetTimer()
	for b.Loop() {
		f, err := Parse(data, 0)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := f.SubsetCFF(gids); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSubsetCFFPackedCJK(b *testing.B) {
	data := debianFont(b, notoSerifCJK)
	gids := glyphsOf(b, goTextFace(b, data, 0), "人人生而自由，在尊严和权利上一律平等。他们赋有理性和良心，并应以兄弟关系的精神相对待。")
	b.ResetTimer()
	for b.Loop() {
		f, err := Parse(data, 0)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := f.SubsetCFFPacked(gids); err != nil {
			b.Fatal(err)
		}
	}
}
