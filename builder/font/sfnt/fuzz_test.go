package sfnt

import (
	"encoding/binary"
	"testing"

	"github.com/pamphlet/pamphlet/fonts"
)

// tinyTrueType cuts a small real TrueType font from a bundled one: the
// glyphs of text, with cmap, OS/2 and post but without the hinting
// programs and the name table (licence text). From Charis SIL, "Hñ" (ñ is
// a composite glyph) makes about 2.5 KB, a seed the fuzzer can mutate
// quickly.
func tinyTrueType(t testing.TB, file, text string) []byte {
	data := bundled(t, file)
	f, err := Parse(data, 0)
	if err != nil {
		t.Fatal(err)
	}
	sub, err := f.SubsetTrueType(glyphsOf(t, goTextFace(t, data, 0), text), Options{KeepCmap: true})
	if err != nil {
		t.Fatal(err)
	}
	s, err := Parse(sub, 0)
	if err != nil {
		t.Fatal(err)
	}
	var ts []table
	for _, tb := range s.tables {
		switch tb.tag {
		case "cvt ", "fpgm", "prep", "name":
		default:
			ts = append(ts, tb)
		}
	}
	return writeSfnt(s.version, ts)
}

// collection joins font files into a .ttc collection.
func collection(fonts ...[]byte) []byte {
	be := binary.BigEndian
	out := []byte("ttcf\x00\x01\x00\x00")
	out = be.AppendUint32(out, uint32(len(fonts)))
	base := len(out) + 4*len(fonts)
	for _, f := range fonts {
		out = be.AppendUint32(out, uint32(base))
		base += len(f)
	}
	for _, f := range fonts {
		at := len(out)
		out = append(out, f...)
		n := int(be.Uint16(f[4:]))
		for i := range n {
			rec := out[at+12+16*i:]
			be.PutUint32(rec[8:], be.Uint32(rec[8:])+uint32(at))
		}
	}
	return out
}

func TestCollectionSynthetic(t *testing.T) {
	tt, otf := tinyTrueType(t, fonts.SerifRegular, "Hñ"), tinyOTF(false)
	ttc := collection(tt, otf)
	if n, err := NumFonts(ttc); n != 2 || err != nil {
		t.Fatalf("NumFonts = %d, %v", n, err)
	}
	for i, want := range []bool{false, true} {
		f, err := Parse(ttc, i)
		if err != nil {
			t.Fatal(err)
		}
		if f.IsCFF() != want {
			t.Errorf("face %d: IsCFF %v", i, f.IsCFF())
		}
		orig := goTextFace(t, ttc, i)
		if want {
			sub, err := f.SubsetCFF([]uint16{2})
			if err != nil {
				t.Fatal(err)
			}
			checkCFF(t, orig, sub, set(2))
		} else {
			sub, err := f.SubsetTrueType([]uint16{1}, Options{})
			if err != nil {
				t.Fatal(err)
			}
			checkSubset(t, orig, sub, set(1))
		}
	}
	if len(tt) > 4000 {
		t.Errorf("the tiny TrueType seed is %d bytes", len(tt))
	}
}

// FuzzParse reads mutated fonts and subsets them: nothing may panic, and
// a subset that is made must itself be a font this package reads.
func FuzzParse(f *testing.F) {
	tt, otf := tinyTrueType(f, fonts.SerifRegular, "Hñ"), tinyOTF(false)
	f.Add(tt, uint16(1))
	// DejaVu Sans Mono has 4 long horizontal metrics: the other glyphs
	// have only a left side bearing.
	f.Add(tinyTrueType(f, fonts.Mono, "Hi"), uint16(3))
	f.Add(otf, uint16(2))
	f.Add(tinyOTF(true), uint16(1))
	f.Add(collection(tt, otf), uint16(3))
	f.Add(tinyCFF(false), uint16(0))
	f.Fuzz(func(t *testing.T, data []byte, pick uint16) {
		n, err := NumFonts(data)
		if err != nil {
			return
		}
		for i := range min(n, 3) {
			font, err := Parse(data, i)
			if err != nil {
				continue
			}
			font.Names()
			font.Metrics()
			font.Advance(pick)
			ng := uint16(font.NumGlyphs())
			gids := []uint16{pick % ng, (pick / 7) % ng, ng - 1}
			if font.IsCFF() {
				if sub, err := font.SubsetCFF(gids); err == nil {
					if _, err := parseCFF(sub); err != nil {
						t.Fatalf("the CFF subset does not read back: %v", err)
					}
				}
				if sub, err := font.SubsetCFFPacked(gids); err == nil {
					if _, err := parseCFF(sub); err != nil {
						t.Fatalf("the packed CFF subset does not read back: %v", err)
					}
				}
				if sub, err := font.SubsetOpenType(gids, Options{Pack: pick%3 == 0}); err == nil {
					if _, err := Parse(sub, 0); err != nil {
						t.Fatalf("the OpenType subset does not read back: %v", err)
					}
				}
				continue
			}
			sub, err := font.SubsetTrueType(gids, Options{KeepCmap: pick%2 == 0, Pack: pick%3 == 0})
			if err != nil {
				continue
			}
			s, err := Parse(sub, 0)
			if err != nil {
				t.Fatalf("the TrueType subset does not read back: %v", err)
			}
			if _, err := s.SubsetTrueType([]uint16{uint16(s.NumGlyphs() - 1)}, Options{}); err != nil {
				t.Fatalf("the TrueType subset cannot be subset again: %v", err)
			}
		}
	})
}
