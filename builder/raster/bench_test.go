package raster

import (
	"strings"
	"testing"

	"github.com/pamphlet/pamphlet/builder/font"
	"github.com/pamphlet/pamphlet/builder/frame"
	"github.com/pamphlet/pamphlet/builder/units"
)

// proseText is enough English for a full A5 page.
const proseText = `There is one mind common to all individual men. Every man is an inlet
to the same and to all of the same. He that is once admitted to the right of reason is made a
freeman of the whole estate. What Plato has thought, he may think; what a saint has felt, he may
feel; what at any time has befallen any man, he can understand. Who hath access to this universal
mind is a party to all that is or can be done, for this is the only and sovereign agent. Of the
works of this mind history is the record. Its genius is illustrated by the entire series of days.
Man is explicable by nothing less than all his history. Without hurry, without rest, the human
spirit goes forth from the beginning to embody every faculty, every thought, every emotion, which
belongs to it in appropriate events. But the thought is always prior to the fact; all the facts of
history preexist in the mind as laws. Each law in turn is made by circumstances predominant, and
the limits of nature give power to but one at a time. A man is the whole encyclopaedia of facts.
The creation of a thousand forests is in one acorn, and Egypt, Greece, Rome, Gaul, Britain,
America, lie folded already in the first man. Epoch after epoch, camp, kingdom, empire, republic,
democracy, are merely the application of his manifold spirit to the manifold world. This human
mind wrote history, and this must read it. The Sphinx must solve her own riddle. If the whole of
history is in one man, it is all to be explained from individual experience. There is a relation
between the hours of our life and the centuries of time. As the air I breathe is drawn from the
great repositories of nature, as the light on my book is yielded by a star a hundred millions of
miles distant, as the poise of my body depends on the equilibrium of centrifugal and centripetal
forces, so the hours should be instructed by the ages, and the ages explained by the hours. Of the
universal mind each individual man is one more incarnation. All its properties consist in him.
Each new fact in his private experience flashes a light on what great bodies of men have done,
and the crises of his life refer to national crises. Every revolution was first a thought in one
man's mind, and when the same thought occurs to another man, it is the key to that era. Every
reform was once a private opinion, and when it shall be a private opinion again, it will solve the
problem of the age. The fact narrated must correspond to something in me to be credible or
intelligible. We, as we read, must become Greeks, Romans, Turks, priest and king, martyr and
executioner; must fasten these images to some reality in our secret experience, or we shall learn
nothing rightly. What befell Asdrubal or Caesar Borgia is as much an illustration of the mind's
powers and depravations as what has befallen us.`

// prosePage sets words of text flush left on an A5 page in face f at
// 10 pt on 12 pt, as a typesetter would, one text item per word.
func prosePage(fonts *font.Set, f font.Face, text string) *frame.Page {
	const size = 10 * units.Pt
	pg := &frame.Page{W: units.FromMM(148), H: units.FromMM(210)}
	left, right := 50*units.Pt, pg.W-50*units.Pt
	x, y := left, 60*units.Pt
	space := fonts.SpaceWidth(f, size)
	for _, w := range strings.Fields(text) {
		wd := fonts.Width(f, size, w)
		if x > left && x+wd > right {
			x, y = left, y+12*units.Pt
		}
		pg.Items = append(pg.Items, frame.Item{Kind: frame.Text, Face: f, Size: size, X: x, Y: y, W: wd, Text: w})
		x += wd + space
	}
	return pg
}

// BenchmarkPage paints a page of prose at the preview's default 100 dpi.
func BenchmarkPage(b *testing.B) {
	fonts, err := font.Default()
	if err != nil {
		b.Fatal(err)
	}
	r, err := New(fonts, 100)
	if err != nil {
		b.Fatal(err)
	}
	pg := prosePage(fonts, font.Regular, proseText)
	b.ResetTimer()
	for b.Loop() {
		if _, err := r.Page(pg); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkThumbnail paints the same page at a contact sheet's
// resolution (a 240-pixel-wide page, scaled down to 120 later).
func BenchmarkThumbnail(b *testing.B) {
	fonts, err := font.Default()
	if err != nil {
		b.Fatal(err)
	}
	r, err := New(fonts, 240/(148/25.4))
	if err != nil {
		b.Fatal(err)
	}
	pg := prosePage(fonts, font.Regular, proseText)
	b.ResetTimer()
	for b.Loop() {
		if _, err := r.Page(pg); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPageCold paints the page with a new Renderer each time: the
// first page of a preview, with no glyph cached yet.
func BenchmarkPageCold(b *testing.B) {
	fonts, err := font.Default()
	if err != nil {
		b.Fatal(err)
	}
	pg := prosePage(fonts, font.Regular, proseText)
	b.ResetTimer()
	for b.Loop() {
		r, err := New(fonts, 100)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := r.Page(pg); err != nil {
			b.Fatal(err)
		}
	}
}
