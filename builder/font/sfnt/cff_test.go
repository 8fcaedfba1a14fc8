package sfnt

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

func TestSubsetCFFTiny(t *testing.T) {
	for _, localFromGlobal := range []bool{false, true} {
		data := tinyOTF(localFromGlobal)
		orig := goTextFace(t, data, 0)
		f, err := Parse(data, 0)
		if err != nil {
			t.Fatal(err)
		}
		if !f.IsCFF() || f.NumGlyphs() != 5 {
			t.Fatalf("IsCFF %v, %d glyphs", f.IsCFF(), f.NumGlyphs())
		}
		for _, gids := range [][]uint16{{1}, {2}, {3}, {4}, {1, 3}, {2, 4}, {1, 2, 3, 4}, nil} {
			sub, err := f.SubsetCFF(gids)
			if err != nil {
				t.Fatalf("%v: %v", gids, err)
			}
			checkCFF(t, orig, sub, set(gids...))
			packed, err := f.SubsetCFFPacked(gids)
			if err != nil {
				t.Fatalf("%v: %v", gids, err)
			}
			checkPacked(t, orig, packed, set(gids...))
			otf, err := f.SubsetOpenType(gids, Options{})
			if err != nil {
				t.Fatalf("%v: %v", gids, err)
			}
			checkSubset(t, orig, otf, set(gids...))
		}
	}
}

// TestSubsetCFFSubrs checks what happens to subroutines: renumbered to
// the used ones when every call can be followed, emptied in place when a
// global subroutine calls a local one.
func TestSubsetCFFSubrs(t *testing.T) {
	for _, tt := range []struct {
		localFromGlobal bool
		gids            []uint16
		gsubrs, lsubrs  []int // lengths of the subset's subroutines
	}{
		// Glyph 2 (b) calls local subrs 0 and 1 (of 9 and 5 bytes), no
		// global one.
		{false, []uint16{2}, nil, []int{9, 5}},
		// Glyph 3 (c) calls globals 2 and 3, and 3 calls 0.
		{false, []uint16{3}, []int{5, 8, 6}, nil},
		{true, []uint16{2}, nil, []int{9, 5}},
		// With a local call from a global subr, numbers stay: the unused
		// subroutines are emptied.
		{true, []uint16{1}, []int{0, 3, 0, 0}, []int{9, 0, 0}},
		{true, []uint16{1, 4}, []int{5, 3, 0, 0}, []int{9, 0, 4}},
	} {
		f, _ := Parse(tinyOTF(tt.localFromGlobal), 0)
		sub, err := f.SubsetCFF(tt.gids)
		if err != nil {
			t.Fatal(err)
		}
		c, err := parseCFF(sub)
		if err != nil {
			t.Fatal(err)
		}
		if got := lengths(c.gsubrs); !equalInts(got, tt.gsubrs) {
			t.Errorf("%v %v: global subrs of lengths %v, want %v", tt.localFromGlobal, tt.gids, got, tt.gsubrs)
		}
		if got := lengths(c.fds[0].subrs); !equalInts(got, tt.lsubrs) {
			t.Errorf("%v %v: local subrs of lengths %v, want %v", tt.localFromGlobal, tt.gids, got, tt.lsubrs)
		}
		if len(c.fds) != 1 || len(c.fdSelect) != len(c.charstrings) {
			t.Errorf("%d Font DICTs, FDSelect of %d for %d glyphs", len(c.fds), len(c.fdSelect), len(c.charstrings))
		}
		for g, cs := range c.charstrings {
			if !bytes.Equal(cs, endchar) && !containsGID(tt.gids, g) && g != 0 {
				t.Errorf("dropped glyph %d has charstring % x", g, cs)
			}
		}
		// The name-keyed font's FontMatrix moved into the Font DICT.
		if _, ok := c.top.get(opFontMatrix); ok {
			t.Error("FontMatrix left in the Top DICT")
		}
		if _, ok := c.fds[0].dict.get(opFontMatrix); !ok {
			t.Error("no FontMatrix in the Font DICT")
		}
		for _, op := range []int{opUniqueID, opEncoding} {
			if _, ok := c.top.get(op); ok {
				t.Errorf("Top DICT keeps operator %d", op)
			}
		}
		// The glyph names are gone from the String INDEX.
		for _, s := range c.strings {
			if len(s) == 1 {
				t.Errorf("String INDEX keeps glyph name %q", s)
			}
		}
	}
}

func lengths(items [][]byte) []int {
	var out []int
	for _, it := range items {
		out = append(out, len(it))
	}
	return out
}

func equalInts(a, b []int) bool {
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

func containsGID(gids []uint16, g int) bool {
	for _, x := range gids {
		if int(x) == g {
			return true
		}
	}
	return false
}

func TestSubsetCFFDebian(t *testing.T) {
	for _, tt := range []struct {
		path, text string
		index      int
		maxSize    int // bytes of the bare CFF, and packed
		maxPacked  int
	}{
		{ebGaramond, "Hello", 0, 3000, 3000},
		{ebGaramond, "The quick brown fox jumps over the lazy dog. Æsop’s “Œuvres” — ½", 0, 20000, 20000},
		{libertine, "Hello", 0, 3000, 3000},
		{libertine, "Ἀρχὴ ἥμισυ παντός. Приве́т", 0, 20000, 20000},
		// The empty glyphs below the highest kept one cost Noto CJK
		// dearly; packed, they are not written.
		{notoSerifCJK, "Hello 人人生而自由", 0, 110000, 6000},
		{notoSerifCJK, "人人生而自由，在尊严和权利上一律平等。", 2, 200000, 12000}, // the SC face
	} {
		t.Run(tt.path[strings.LastIndex(tt.path, "/")+1:]+"/"+tt.text, func(t *testing.T) {
			data := debianFont(t, tt.path)
			orig := goTextFace(t, data, tt.index)
			start := time.Now()
			f, err := Parse(data, tt.index)
			if err != nil {
				t.Fatal(err)
			}
			parsed := time.Since(start)
			gids := glyphsOf(t, orig, tt.text)
			start = time.Now()
			sub, err := f.SubsetCFF(gids)
			if err != nil {
				t.Fatal(err)
			}
			elapsed := time.Since(start)
			checkCFF(t, orig, sub, set(gids...))
			if len(sub) > tt.maxSize {
				t.Errorf("CFF subset is %d bytes, want at most %d", len(sub), tt.maxSize)
			}
			cffTable, _ := f.Table("CFF ")
			t.Logf("%s face %d, %d glyphs: CFF %d → %d bytes (%d deflated) in %v (parse %v)",
				f.Names().PostScript, tt.index, len(set(gids...)), len(cffTable), len(sub), deflated(sub), elapsed, parsed)
			start = time.Now()
			packed, err := f.SubsetCFFPacked(gids)
			if err != nil {
				t.Fatal(err)
			}
			elapsed = time.Since(start)
			checkPacked(t, orig, packed, set(gids...))
			if len(packed) > tt.maxPacked {
				t.Errorf("packed CFF subset is %d bytes, want at most %d", len(packed), tt.maxPacked)
			}
			t.Logf("packed: %d bytes (%d deflated) in %v", len(packed), deflated(packed), elapsed)

			start = time.Now()
			otf, err := f.SubsetOpenType(gids, Options{})
			if err != nil {
				t.Fatal(err)
			}
			elapsed = time.Since(start)
			checkSubset(t, orig, otf, set(gids...))
			face := goTextFace(t, otf, 0)
			for _, r := range tt.text {
				want, _ := orig.NominalGlyph(r)
				if got, _ := face.NominalGlyph(r); got != want {
					t.Errorf("OTF subset maps %q to %d, the original to %d", r, got, want)
				}
			}
			t.Logf("OpenType subset: %d bytes in %v", len(otf), elapsed)
		})
	}
}

func TestCollection(t *testing.T) {
	data := debianFont(t, notoSerifCJK)
	n, err := NumFonts(data)
	if err != nil || n != 5 {
		t.Fatalf("NumFonts = %d, %v; want 5", n, err)
	}
	seen := map[string]bool{}
	for i := range n {
		f, err := Parse(data, i)
		if err != nil {
			t.Fatal(err)
		}
		name := f.Names().PostScript
		if !strings.HasPrefix(name, "NotoSerifCJK") || seen[name] {
			t.Errorf("face %d is %q", i, name)
		}
		seen[name] = true
	}
	if _, err := Parse(data, 5); err == nil {
		t.Error("face 5 of 5 parses")
	}
}

func TestSubsetCFFErrors(t *testing.T) {
	f, _ := Parse(tinyOTF(false), 0)
	if _, err := f.SubsetCFF([]uint16{5}); err == nil {
		t.Error("a glyph past the font's end is accepted")
	}
	if _, err := f.SubsetTrueType([]uint16{1}, Options{}); err == nil || !strings.Contains(err.Error(), "CFF outlines") {
		t.Errorf("SubsetTrueType of a CFF font: %v", err)
	}
	m := f.Metrics()
	if m.CapHeight != 650 || m.XHeight != 450 || !m.Serif || m.Italic || m.UnitsPerEm != 1000 {
		t.Errorf("tiny font metrics %+v", m)
	}
	if names := f.Names(); names.PostScript != "Tiny-Regular" || names.Family != "Tiny" || names.Full != "Tiny Regular" {
		t.Errorf("tiny font names %+v", names)
	}
}

// TestSubsetCFFEveryGlyph converts whole fonts: every glyph must come out
// as go-text reads it in the original (no seac, no lost subroutine).
func TestSubsetCFFEveryGlyph(t *testing.T) {
	for _, path := range []string{ebGaramond, libertine} {
		data := debianFont(t, path)
		orig := goTextFace(t, data, 0)
		f, _ := Parse(data, 0)
		all := make([]uint16, f.NumGlyphs())
		keep := map[uint16]bool{}
		for g := range all {
			all[g] = uint16(g)
			keep[uint16(g)] = true
		}
		sub, err := f.SubsetCFF(all)
		if err != nil {
			t.Fatal(err)
		}
		checkCFF(t, orig, sub, keep)
	}
}
