package sfnt

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	gofont "github.com/go-text/typesetting/font"

	"github.com/pamphlet/pamphlet/fonts"
)

func TestParseBundled(t *testing.T) {
	tests := []struct {
		file       string
		postScript string
		family     string
		glyphs     int
		fixed      bool
	}{
		{fonts.SerifRegular, "CharisSIL", "Charis SIL", 3609, false},
		{fonts.SerifBoldItalic, "CharisSIL-BoldItalic", "Charis SIL", 0, false},
		{fonts.Mono, "DejaVuSansMono", "DejaVu Sans Mono", 0, true},
		{"NotoSerifDevanagari-Regular.ttf", "NotoSerifDevanagari-Regular", "Noto Serif Devanagari", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			data := bundled(t, tt.file)
			if n, err := NumFonts(data); n != 1 || err != nil {
				t.Fatalf("NumFonts = %d, %v; want 1", n, err)
			}
			f, err := Parse(data, 0)
			if err != nil {
				t.Fatal(err)
			}
			if f.IsCFF() {
				t.Error("IsCFF for a TrueType font")
			}
			if tt.glyphs != 0 && f.NumGlyphs() != tt.glyphs {
				t.Errorf("NumGlyphs = %d, want %d", f.NumGlyphs(), tt.glyphs)
			}
			names := f.Names()
			if names.PostScript != tt.postScript || names.Family != tt.family {
				t.Errorf("names %q %q, want %q %q", names.PostScript, names.Family, tt.postScript, tt.family)
			}
			m := f.Metrics()
			if m.UnitsPerEm != 2048 && m.UnitsPerEm != 1000 {
				t.Errorf("unitsPerEm %d", m.UnitsPerEm)
			}
			if m.Ascender <= 0 || m.Descender >= 0 || m.CapHeight <= 0 || m.BBox[2] <= m.BBox[0] {
				t.Errorf("implausible metrics %+v", m)
			}
			if m.FixedPitch != tt.fixed {
				t.Errorf("FixedPitch = %v", m.FixedPitch)
			}
			if _, ok := f.Table("glyf"); !ok {
				t.Error("no glyf table")
			}
			if _, ok := f.Table("zzzz"); ok {
				t.Error("a table that is not there")
			}
		})
	}
}

func TestMetricsCharis(t *testing.T) {
	f, err := Parse(bundled(t, fonts.SerifBoldItalic), 0)
	if err != nil {
		t.Fatal(err)
	}
	m := f.Metrics()
	// Charis SIL 6: head, hhea and OS/2 as ttx shows them.
	if m.UnitsPerEm != 2048 || m.Ascender != 2450 || m.Descender != -900 || m.CapHeight != 1374 {
		t.Errorf("metrics %+v", m)
	}
	if !m.Italic || !m.Bold || m.Weight != 700 || m.ItalicAngle >= 0 {
		t.Errorf("bold italic reads as italic %v bold %v weight %d angle %v", m.Italic, m.Bold, m.Weight, m.ItalicAngle)
	}
	face := goTextFace(t, bundled(t, fonts.SerifBoldItalic), 0)
	for _, g := range []uint16{0, 3, 43, 1000} {
		if got, want := f.Advance(g), int(face.HorizontalAdvance(gofont.GID(g))); got != want {
			t.Errorf("Advance(%d) = %d, go-text says %d", g, got, want)
		}
	}
	mono, _ := Parse(bundled(t, fonts.Mono), 0)
	// DejaVu's OS/2 is version 1: no capHeight; H and x are measured
	// (ttx: glyf yMax of H 1493, of x 1120).
	if m := mono.Metrics(); m.CapHeight != 1493 || m.XHeight != 1120 {
		t.Errorf("DejaVu Sans Mono cap height %d, x-height %d; want 1493, 1120", m.CapHeight, m.XHeight)
	}
	if f.Advance(65535) != 0 {
		t.Error("Advance of a glyph the font lacks is not 0")
	}
}

func TestParseErrors(t *testing.T) {
	charis := bundled(t, fonts.SerifRegular)
	cut := func(n int) []byte { return charis[:n] }
	tests := []struct {
		name string
		data []byte
		want string
		is   error
	}{
		{"empty", nil, "too short", ErrMalformed},
		{"woff", []byte("wOFF\x00\x01\x00\x00...."), "WOFF web font", ErrUnsupported},
		{"woff2", []byte("wOF2\x00\x01\x00\x00...."), "WOFF2 web font", ErrUnsupported},
		{"pfa", []byte("%!PS-AdobeFont-1.0: Foo"), "Type 1", ErrUnsupported},
		{"pfb", []byte("\x80\x01\x10\x00\x00\x00%!PS"), "Type 1", ErrUnsupported},
		{"bare cff", []byte{1, 0, 4, 1, 0, 0}, "bare CFF", ErrUnsupported},
		{"png", []byte("\x89PNG\r\n\x1a\n"), "not an OpenType font", ErrUnsupported},
		{"truncated directory", cut(40), "truncated", ErrMalformed},
		{"truncated tables", cut(4000), "past the end", ErrMalformed},
		{"cff2", fakeFont(tagOTTO, "CFF2", "head", "maxp"), "CFF2 variable fonts are not supported", ErrUnsupported},
		{"no head", fakeFont(tagTrueType, "maxp"), "no head", ErrMalformed},
		{"no glyphs", fakeFontMaxp(0), "no glyphs", ErrMalformed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(tt.data, 0)
			if err == nil || !strings.Contains(err.Error(), tt.want) || !errors.Is(err, tt.is) {
				t.Errorf("Parse = %v, want an error with %q wrapping %v", err, tt.want, tt.is)
			}
		})
	}
	if _, err := Parse(charis, 1); err == nil {
		t.Error("face 1 of a single font parses")
	}
}

// fakeFont returns a font file with the tables tags, each of 64 zero bytes
// (maxp claiming one glyph).
func fakeFont(version uint32, tags ...string) []byte {
	var ts []table
	for _, tag := range tags {
		b := make([]byte, 64)
		if tag == "maxp" {
			binary.BigEndian.PutUint16(b[4:], 1)
		}
		ts = append(ts, table{tag, b})
	}
	return writeSfnt(version, ts)
}

func fakeFontMaxp(n uint16) []byte {
	maxp := make([]byte, 6)
	binary.BigEndian.PutUint16(maxp[4:], n)
	return writeSfnt(tagTrueType, []table{{"head", make([]byte, 54)}, {"maxp", maxp}})
}

func TestSubsetTrueType(t *testing.T) {
	tests := []struct {
		file, text string
		maxSize    int // bytes, PDF subset (no cmap)
	}{
		{fonts.SerifRegular, "Hello", 8000},
		{fonts.SerifRegular, "Ĺéöñ ǅ ḯ ﬁ", 24000}, // composite glyphs, high glyph IDs
		{fonts.SerifBoldItalic, "The quick brown fox", 16000},
		{fonts.Mono, "func main() {}", 12000},
		{"NotoSerifDevanagari-Regular.ttf", "मनुष्य", 12000},
	}
	for _, tt := range tests {
		t.Run(tt.file+"/"+tt.text, func(t *testing.T) {
			data := bundled(t, tt.file)
			orig := goTextFace(t, data, 0)
			f, err := Parse(data, 0)
			if err != nil {
				t.Fatal(err)
			}
			var gids []uint16
			for _, r := range tt.text {
				if g, ok := orig.NominalGlyph(r); ok {
					gids = append(gids, uint16(g))
				}
			}
			start := time.Now()
			sub, err := f.SubsetTrueType(gids, Options{})
			if err != nil {
				t.Fatal(err)
			}
			elapsed := time.Since(start)
			keep := withComponents(t, f, gids)
			checkSubset(t, orig, sub, keep)
			if len(sub) > tt.maxSize {
				t.Errorf("subset of %d glyphs is %d bytes, want at most %d", len(keep), len(sub), tt.maxSize)
			}
			t.Logf("%s %q: %d glyphs (with components), %d → %d bytes (%d deflated) in %v",
				tt.file, tt.text, len(keep), len(data), len(sub), deflated(sub), elapsed)
			sf, _ := Parse(sub, 0)
			for _, tag := range []string{"head", "hhea", "hmtx", "maxp", "loca", "glyf"} {
				if _, ok := sf.Table(tag); !ok {
					t.Errorf("no %s table", tag)
				}
			}
			for _, tag := range []string{"cvt ", "fpgm", "prep"} {
				_, inOrig := f.Table(tag)
				if _, ok := sf.Table(tag); ok != inOrig {
					t.Errorf("table %s kept %v, in the original %v", tag, ok, inOrig)
				}
			}
			for _, tag := range []string{"cmap", "name", "OS/2", "post", "GSUB", "GPOS", "kern"} {
				if _, ok := sf.Table(tag); ok {
					t.Errorf("table %s kept without KeepCmap", tag)
				}
			}
			again, _ := f.SubsetTrueType(gids, Options{})
			if !bytes.Equal(sub, again) {
				t.Error("two subsets of the same glyphs differ")
			}
		})
	}
}

// withComponents returns gids, glyph 0 and the components of the
// composite glyphs among them. (The outline comparison checks the
// components independently: a composite glyph whose components were
// dropped would not draw like the original.)
func withComponents(t *testing.T, f *Font, gids []uint16) map[uint16]bool {
	keep := set(gids...)
	glyf, _ := f.Table("glyf")
	locaRaw, _ := f.Table("loca")
	head, _ := f.Table("head")
	loca, err := readLoca(locaRaw, int16(binary.BigEndian.Uint16(head[50:])), f.NumGlyphs(), len(glyf))
	if err != nil {
		t.Fatal(err)
	}
	composites := 0
	for todo := gids; len(todo) > 0; {
		g := todo[0]
		todo = todo[1:]
		cs := components(glyf[loca[g]:loca[g+1]])
		if len(cs) > 0 {
			composites++
		}
		for _, c := range cs {
			if !keep[c] {
				keep[c] = true
				todo = append(todo, c)
			}
		}
	}
	t.Logf("%d composite glyphs", composites)
	return keep
}

func TestSubsetTrueTypeWeb(t *testing.T) {
	data := bundled(t, fonts.SerifRegular)
	orig := goTextFace(t, data, 0)
	f, _ := Parse(data, 0)
	text := "Hello, wörld 𝔸" // 𝔸 is not in Charis
	var gids []uint16
	for _, r := range "Hello, wörld" {
		g, _ := orig.NominalGlyph(r)
		gids = append(gids, uint16(g))
	}
	sub, err := f.SubsetTrueType(gids, Options{KeepCmap: true})
	if err != nil {
		t.Fatal(err)
	}
	checkSubset(t, orig, sub, withComponents(t, f, gids))
	face := goTextFace(t, sub, 0)
	for _, r := range text {
		want, ok := orig.NominalGlyph(r)
		got, ok2 := face.NominalGlyph(r)
		if got != want || ok != ok2 {
			t.Errorf("cmap maps %q to %d %v, the original to %d %v", r, got, ok2, want, ok)
		}
	}
	// A character whose glyph was dropped is unmapped, not drawn empty.
	if g, ok := face.NominalGlyph('x'); ok {
		t.Errorf("cmap maps the dropped x to glyph %d", g)
	}
	sf, _ := Parse(sub, 0)
	for _, tag := range []string{"cmap", "name", "OS/2", "post"} {
		if _, ok := sf.Table(tag); !ok {
			t.Errorf("no %s table with KeepCmap", tag)
		}
	}
	if post, _ := sf.Table("post"); binary.BigEndian.Uint32(post) != 0x00030000 {
		t.Errorf("post version %#x, want 3 (no glyph names)", binary.BigEndian.Uint32(post))
	}
	if got, want := sf.Names(), f.Names(); got != want {
		t.Errorf("subset names %+v, want %+v", got, want)
	}
	if got, want := sf.Metrics(), f.Metrics(); got != want {
		t.Errorf("subset metrics %+v, want %+v", got, want)
	}
	t.Logf("Charis web subset of %q: %d bytes", "Hello, wörld", len(sub))
}

// TestSubsetTrueTypeLayout makes an EPUB's font: the glyphs of the
// characters used and those no character maps to, with the layout tables
// and every glyph ID kept.
func TestSubsetTrueTypeLayout(t *testing.T) {
	data := bundled(t, fonts.SerifRegular)
	orig := goTextFace(t, data, 0)
	f, _ := Parse(data, 0)
	used, unmapped, err := f.CharGlyphs(func(r rune) bool { return strings.ContainsRune("office", r) })
	if err != nil {
		t.Fatal(err)
	}
	if len(used) != 5 { // o, f, i, c, e
		t.Errorf("CharGlyphs gives %d glyphs for the letters of office, want 5", len(used))
	}
	fi, _ := orig.NominalGlyph('f')
	if len(unmapped) == 0 || slices.Contains(unmapped, uint16(fi)) || slices.Contains(used, 0) {
		t.Errorf("unmapped glyphs %d (f %d among them?); used %v", len(unmapped), fi, used)
	}
	gids := append(used, unmapped...)
	sub, err := f.SubsetTrueType(gids, Options{KeepCmap: true, KeepLayout: true})
	if err != nil {
		t.Fatal(err)
	}
	// All glyphs stay, the dropped ones empty: GSUB and GPOS name them by ID.
	checkSubsetOf(t, orig, sub, withComponents(t, f, gids), f.NumGlyphs())
	sf, err := Parse(sub, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, tag := range []string{"GDEF", "GSUB", "GPOS", "gasp", "cmap", "name", "OS/2", "post"} {
		want, _ := f.Table(tag)
		got, ok := sf.Table(tag)
		if !ok {
			t.Errorf("no %s table with KeepLayout", tag)
		}
		if strings.ToUpper(tag) == tag && !bytes.Equal(got, want) {
			t.Errorf("%s changed", tag)
		}
	}
	if _, ok := sf.Table("Silt"); ok {
		t.Error("a table no reader uses (Silt) is kept")
	}
	if len(sub) > len(data)/3 {
		t.Errorf("%d bytes of %d: hardly cut", len(sub), len(data))
	}
	for _, o := range []Options{{KeepLayout: true}, {KeepCmap: true, KeepLayout: true, Pack: true}} {
		if _, err := f.SubsetTrueType(gids, o); err == nil {
			t.Errorf("%+v accepted", o)
		}
	}
	t.Logf("Charis reader's subset of %q: %d bytes of %d", "office", len(sub), len(data))
}

func TestSubsetTrueTypeErrors(t *testing.T) {
	f, _ := Parse(bundled(t, fonts.Mono), 0)
	if _, err := f.SubsetTrueType([]uint16{uint16(f.NumGlyphs())}, Options{}); err == nil {
		t.Error("a glyph past the font's end is accepted")
	}
	if _, err := f.SubsetCFF([]uint16{1}); err == nil || !strings.Contains(err.Error(), "no CFF table") {
		t.Errorf("SubsetCFF of a TrueType font: %v", err)
	}
	if _, err := f.SubsetOpenType([]uint16{1}, Options{}); err == nil {
		t.Error("SubsetOpenType of a TrueType font works")
	}
	// Only glyph 0: a font of one glyph.
	sub, err := f.SubsetTrueType(nil, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if sf, err := Parse(sub, 0); err != nil || sf.NumGlyphs() != 1 {
		t.Errorf("subset of no glyphs: %v", err)
	}
}

func TestCmapRoundTrip(t *testing.T) {
	maps := []mapping{{0x20, 3}, {0x41, 36}, {0x42, 37}, {0x43, 38}, {0x45, 40}, {0xFFFE, 2}}
	got, err := cmap4(writeCmap4(maps))
	if err != nil || !equalMaps(got, maps) {
		t.Errorf("format 4 round trip: %v %v", got, err)
	}
	wide := append(maps, mapping{0x1D538, 900}, mapping{0x1D539, 901})
	got, err = cmap12(writeCmap12(wide))
	if err != nil || !equalMaps(got, wide) {
		t.Errorf("format 12 round trip: %v %v", got, err)
	}
}

func equalMaps(a, b []mapping) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// deflated returns data's size compressed as a PDF stream would be.
func deflated(data []byte) int {
	var b bytes.Buffer
	w := zlib.NewWriter(&b)
	w.Write(data)
	w.Close()
	return b.Len()
}
