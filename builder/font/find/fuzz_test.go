package find

import (
	"bytes"
	"errors"
	"path/filepath"
	"testing"
)

// FuzzOpen checks that reading a font never panics, whatever the bytes,
// and that it either describes faces fit to index or returns a
// *FileError. It is seeded with small real fonts (TrueType, CFF, a
// collection, a colour font) and damaged copies of them.
func FuzzOpen(f *testing.F) {
	ttf := read(f, filepath.Join(repoFonts, "NotoSerifGurmukhi-Regular.ttf"))
	otf := read(f, "testdata/EBGaramond12-Regular.otf")
	for _, b := range [][]byte{
		ttf,
		otf,
		read(f, "testdata/colour-emoji.ttf"),
		ttc(otf, read(f, "testdata/EBGaramond12-Italic.otf")),
		ttf[:len(ttf)/3],
		otf[:300],
		patchTags(ttf, map[string]string{"glyf": "CBDT", "loca": "CBLC"}),
		patchTags(otf, map[string]string{"cmap": "xmap"}),
		[]byte("wOF2\x00\x01\x00\x00"),
		[]byte("ttcf\x00\x01\x00\x00\x00\x00\x00\x01\x00\x00\x00\x10"),
		{},
	} {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		// Through a small head buffer, so that reads fall both inside
		// and outside it.
		r := newHeadReader(bytes.NewReader(b), int64(len(b)), make([]byte, 1000))
		faces, err := readFaces(r, int64(len(b)), Location{Path: "fuzz.ttf"}, true, -1)
		if err != nil {
			var fe *FileError
			if !errors.As(err, &fe) || fe.Path != "fuzz.ttf" || fe.Err == nil {
				t.Fatalf("error %v (%T) is not a *FileError for the file", err, err)
			}
			if faces != nil {
				t.Fatalf("faces and an error")
			}
			return
		}
		if len(faces) == 0 {
			t.Fatal("no faces and no error")
		}
		for i, fi := range faces {
			if fi.Index != i || fi.Family == "" || fi.Style == "" || fi.Weight < 1 || fi.Weight > 1000 || fi.Width < 1 || fi.Width > 9 {
				t.Errorf("face %d: %+v", i, fi)
			}
		}
		// What one face reads, the index and the family chooser take.
		ix := &Index{faces: faces}
		ix.build()
		if _, err := ix.Family(faces[0].Family); err != nil {
			t.Errorf("Family(%q): %v", faces[0].Family, err)
		}
		ix.ForScript("Latn")
	})
}
