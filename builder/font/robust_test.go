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
		{"cff.otf", []byte("OTTO\x00\x0a\x00\x80\x00\x03\x00\x20CFF "), "font cff.otf: not a TrueType (glyf) font; OpenType/CFF fonts are not supported"},
		{"notes.ttf", []byte("These are notes, not a font.\n"), "font notes.ttf: not a TrueType (glyf) font; OpenType/CFF fonts are not supported"},
		{"empty.ttf", []byte{}, "font empty.ttf: not a TrueType (glyf) font; OpenType/CFF fonts are not supported"},
		{"woff.ttf", []byte("wOFF\x00\x01\x00\x00"), "font woff.ttf: not a TrueType (glyf) font; OpenType/CFF fonts are not supported"},
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
			s, err := Load(fsys, [numFaces]string{tt.name, fonts.SerifItalic, fonts.SerifBold, fonts.SerifBoldItalic, fonts.Mono, fonts.Fallback})
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
// Plus's Fraktur) is reported missing, because fpdf indexes widths by a
// 16-bit code and panicked when the PDF embedded it (found by FuzzBuild).
func TestBeyondBMP(t *testing.T) {
	s, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	const q = '\U0001D514' // MATHEMATICAL FRAKTUR CAPITAL Q
	if _, ok := s.face(Fallback).font.NominalGlyph(q); !ok {
		t.Log("the fallback face no longer has U+1D514; the test still checks the rule")
	}
	for _, f := range Faces() {
		if s.HasGlyph(f, q) || s.Covers(f, "Q"+string(q)) {
			t.Errorf("%v claims U+1D514", f)
		}
	}
}
