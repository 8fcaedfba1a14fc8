package builder

import (
	"slices"
	"unicode"

	"github.com/pamphlet/pamphlet/builder/doc"
	"github.com/pamphlet/pamphlet/builder/font"
)

// Sample sizes of textFaces: enough letters to tell which faces set a
// book, few enough to cost nothing beside typesetting it.
const (
	faceSampleArticle = 4000
	faceSampleBook    = 50000
)

// textFaces returns the names of the faces that set the book's running
// text, the most used first, for the colophon's "set in" line: the face
// the font set picks for most of the letters of each article, and any
// other that sets a tenth or more of them all (counted on a sample of up
// to faceSampleArticle letters of each article, and faceSampleBook in
// all). A Hindi book is set in Noto Serif Devanagari,
// not in the Latin face its few Latin words take; a book of no letters
// names the regular face.
func textFaces(b *doc.Book, fs *font.Set) []string {
	nf := fs.NumFaces()
	count := make([]int, nf)
	own := make([]int, nf)
	keep := make([]bool, nf)
	picked := map[rune]font.Face{}
	var ascii [128]int16 // face+1 of each ASCII letter, 0 until picked
	total := 0
	for _, a := range b.Articles {
		if a == nil {
			continue
		}
		clear(own)
		n := 0
		visit := func(nd doc.Node) bool {
			if n >= faceSampleArticle || total >= faceSampleBook {
				return false
			}
			t, ok := nd.(*doc.Text)
			if !ok {
				return true
			}
			for _, r := range t.Value {
				var f font.Face
				if r < 128 {
					if !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z') {
						continue
					}
					if ascii[r] == 0 {
						p, _ := fs.Pick(font.Regular, r)
						ascii[r] = int16(p) + 1
					}
					f = font.Face(ascii[r] - 1)
				} else {
					if !unicode.IsLetter(r) {
						continue
					}
					p, ok := picked[r]
					if !ok {
						p, _ = fs.Pick(font.Regular, r)
						picked[r] = p
					}
					f = p
				}
				own[f]++
				n++
				total++
			}
			return true
		}
		for _, blk := range a.Blocks {
			if n >= faceSampleArticle || total >= faceSampleBook {
				break
			}
			doc.Inspect(blk, visit)
		}
		// The face that sets most of an article is named, however
		// short the article.
		best := -1
		for f, c := range own {
			count[f] += c
			if c > 0 && (best < 0 || c > own[best]) {
				best = f
			}
		}
		if best >= 0 {
			keep[best] = true
		}
	}
	var faces []font.Face
	for f, c := range count {
		if c > 0 && (keep[f] || c*10 >= total) {
			faces = append(faces, font.Face(f))
		}
	}
	// Most letters first; among equals, the set's order.
	slices.SortStableFunc(faces, func(x, y font.Face) int { return count[y] - count[x] })
	var out []string
	for _, f := range faces {
		if name := fs.Name(f); !slices.Contains(out, name) {
			out = append(out, name)
		}
	}
	if len(out) == 0 {
		out = []string{fs.Name(font.Regular)}
	}
	return out
}
