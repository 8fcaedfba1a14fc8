package font

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/pamphlet/pamphlet/fonts"
)

// TestLoadBadFonts: fonts that are OpenType/CFF, not fonts at all, empty,
// truncated or missing are refused by Load with a message naming the
// file, never a panic.
func TestLoadBadFonts(t *testing.T) {
	good, err := fonts.FS.ReadFile(fonts.SerifRegular)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		data []byte // nil: the file is missing
		want string
	}{
		{"cff.otf", []byte("OTTO\x00\x0a\x00\x80\x00\x03\x00\x20CFF "), "font cff.otf: "},
		{"notes.ttf", []byte("These are notes, not a font.\n"), "font notes.ttf: not a TrueType or OpenType font"},
		{"empty.ttf", []byte{}, "font empty.ttf: not a font file (too short)"},
		{"woff.ttf", []byte("wOFF\x00\x01\x00\x00"), "font woff.ttf: a WOFF web font; give the TrueType or OpenType file (.ttf, .otf) instead"},
		{"type1.pfb", []byte("\x80\x01\x10\x00\x00\x00%!PS-AdobeFont-1.0"), "font type1.pfb: a Type 1 font, which is not supported; use an OpenType (.otf) or TrueType (.ttf) version"},
		{"truncated.ttf", good[:200], "font truncated.ttf: "},
		{"missing.ttf", nil, "font: open missing.ttf: file does not exist"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{}
			for _, n := range []string{fonts.SerifItalic, fonts.SerifBold, fonts.SerifBoldItalic, fonts.Mono, fonts.Fallback} {
				b, _ := fonts.FS.ReadFile(n)
				fsys[n] = &fstest.MapFile{Data: b}
			}
			if tt.data != nil {
				fsys[tt.name] = &fstest.MapFile{Data: tt.data}
			}
			s, err := loadFS(fsys, tt.name, fonts.SerifItalic, fonts.SerifBold, fonts.SerifBoldItalic, fonts.Mono, fonts.Fallback)
			if err == nil {
				t.Fatalf("Load accepted %s", tt.name)
			}
			if s != nil {
				t.Error("Load returned a set with its error")
			}
			if strings.HasSuffix(tt.want, ": ") {
				if !strings.HasPrefix(err.Error(), tt.want) || len(err.Error()) <= len(tt.want) {
					t.Errorf("err = %q, want %q…", err, tt.want)
				}
			} else if err.Error() != tt.want {
				t.Errorf("err = %q\nwant  %q", err, tt.want)
			}
		})
	}
}

// TestLackingGlyphs: the faces report the characters they lack, which
// the typesetter turns into one warning per character with its first
// position (see typeset's TestTitleWithoutGlyphs and the CLI catalogue).
func TestLackingGlyphs(t *testing.T) {
	s, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range []rune{'ש', '😀', '\U00010330'} {
		if s.HasGlyph(Regular, r) || s.HasGlyph(Fallback, r) {
			t.Errorf("%U: the default faces were not expected to have it", r)
		}
	}
	if !s.HasGlyph(Regular, 'a') || s.Covers(Regular, "aש") {
		t.Error("HasGlyph/Covers disagree with the font")
	}
}

// TestBeyondBMP: a character beyond U+FFFF that a face has (Gentium
// Plus's Fraktur) is set from the font like any other: the PDF is written
// by glyph, not by 16-bit code (fpdf panicked on it; found by FuzzBuild).
func TestBeyondBMP(t *testing.T) {
	s, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	const q = '\U0001D514' // MATHEMATICAL FRAKTUR CAPITAL Q
	f, ok := s.Pick(Regular, q)
	if !ok {
		t.Fatal("no default face has U+1D514")
	}
	if r := s.Shape(f, string(q)); len(r.Glyphs) != 1 || r.Glyphs[0].ID == 0 || r.Width <= 0 {
		t.Errorf("U+1D514 shaped as %+v", r)
	}
}
