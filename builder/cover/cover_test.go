package cover

import (
	"bytes"
	"image/png"
	"os"
	"testing"
)

func TestPNG(t *testing.T) {
	text := Text{
		Title:    "2+2 dialogue between India and the US",
		Subtitle: "An article and a note on its making",
		Authors:  []string{"The pamphlet project"},
	}
	a, err := PNG(text)
	if err != nil {
		t.Fatal(err)
	}
	b, err := PNG(text)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Fatal("two covers of the same text differ")
	}
	img, err := png.Decode(bytes.NewReader(a))
	if err != nil {
		t.Fatal(err)
	}
	if got := img.Bounds().Size(); got.X != Width || got.Y != Height {
		t.Errorf("size %v, want %dx%d", got, Width, Height)
	}
	// Ink must be on the page: count dark pixels in the title's band.
	dark := 0
	for y := Height / 4; y < Height/2; y++ {
		for x := 0; x < Width; x++ {
			if r, _, _, _ := img.At(x, y).RGBA(); r < 0x4000 {
				dark++
			}
		}
	}
	if dark < 10000 {
		t.Errorf("only %d dark pixels where the title should be", dark)
	}
	if p := os.Getenv("COVER_OUT"); p != "" {
		os.WriteFile(p, a, 0o644)
	}
	c, _ := PNG(Text{Title: "Another title"})
	if bytes.Equal(a, c) {
		t.Error("different titles give the same cover")
	}
}

func TestAwkwardText(t *testing.T) {
	for _, tx := range []Text{
		{},
		{Title: "   "},
		{Title: "Ἀρετή and Greek", Authors: []string{"", " "}},
		{Title: "हिन्दी शीर्षक \x00\ufffe", Subtitle: string([]byte{0xff, 0xfe})},
		{Title: "Averyveryveryveryveryveryveryveryverylongwordthatcannotbreakanywhere at all"},
	} {
		if _, err := PNG(tx); err != nil {
			t.Errorf("%q: %v", tx.Title, err)
		}
	}
}

func BenchmarkPNG(b *testing.B) {
	for b.Loop() {
		if _, err := PNG(Text{Title: "Essays: First Series", Authors: []string{"Ralph Waldo Emerson"}}); err != nil {
			b.Fatal(err)
		}
	}
}

func TestWrapBalanced(t *testing.T) {
	regular, _ := parse("CharisSIL-Regular.ttf")
	fallback, _ := parse("GentiumPlus-Regular.ttf")
	f, err := newFace(regular, fallback, 120)
	if err != nil {
		t.Fatal(err)
	}
	lines := wrap(f, "2+2 dialogue between India and the US", Width*8/10)
	if len(lines) != 3 || lines[2] == "the US" || lines[2] == "US" {
		t.Errorf("lines %q: want three even lines", lines)
	}
	if got := wrap(f, "Averyveryveryveryveryveryverylongword x", 100); len(got) != 2 {
		t.Errorf("an overlong word: %q", got)
	}
}
