package epub

import (
	"encoding/binary"
	"hash/crc32"
	"strings"
	"testing"

	"github.com/pamphlet/pamphlet/builder/doc"
)

// hugePNG is a valid PNG header claiming w × h pixels with almost no
// data: decoding it would allocate w × h bytes before failing.
func hugePNG(w, h uint32) []byte {
	chunk := func(typ string, data []byte) []byte {
		b := binary.BigEndian.AppendUint32(nil, uint32(len(data)))
		b = append(b, typ...)
		b = append(b, data...)
		return binary.BigEndian.AppendUint32(b, crc32.ChecksumIEEE(append([]byte(typ), data...)))
	}
	ihdr := binary.BigEndian.AppendUint32(nil, w)
	ihdr = binary.BigEndian.AppendUint32(ihdr, h)
	ihdr = append(ihdr, 8, 0, 0, 0, 0)
	out := []byte("\x89PNG\r\n\x1a\n")
	out = append(out, chunk("IHDR", ihdr)...)
	out = append(out, chunk("IDAT", []byte{0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01})...)
	return append(out, chunk("IEND", nil)...)
}

// TestHugeImageRefused: a 50,000 × 50,000 px image is refused from its
// header, with a warning giving its size, instead of decoding gigabytes.
func TestHugeImageRefused(t *testing.T) {
	b := &doc.Book{Meta: doc.Meta{Title: "T"}, Articles: []*doc.Article{{ID: "a", Meta: doc.Meta{Title: "A"}, Blocks: []doc.Block{
		&doc.Figure{Image: &doc.Image{Src: "huge.png", Path: "huge.png", Alt: "Huge"}},
	}}}}
	data := hugePNG(50000, 50000)
	_, diags := writeBook(t, b, Options{NoCover: true, ReadFile: func(string) ([]byte, error) { return data, nil }})
	want := "image huge.png is 50000 × 50000 pixels, more than the 50-megapixel limit (scale it down); the EPUB shows its description instead"
	for _, d := range diags.Items() {
		if d.Msg == want {
			return
		}
	}
	var got []string
	for _, d := range diags.Items() {
		got = append(got, d.Msg)
	}
	t.Errorf("diagnostics:\n%s\nwant %q", strings.Join(got, "\n"), want)
}
