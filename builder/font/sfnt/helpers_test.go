package sfnt

import (
	"bytes"
	"encoding/binary"
	"io/fs"
	"os"
	"reflect"
	"testing"

	gofont "github.com/go-text/typesetting/font"
	gocff "github.com/go-text/typesetting/font/cff"
	ot "github.com/go-text/typesetting/font/opentype"
	"github.com/go-text/typesetting/font/opentype/tables"

	"github.com/pamphlet/pamphlet/fonts"
)

// Debian fonts the tests read when they are installed (CI installs them).
const (
	ebGaramond   = "/usr/share/fonts/opentype/ebgaramond/EBGaramond12-Regular.otf"
	libertine    = "/usr/share/fonts/opentype/linux-libertine/LinLibertine_R.otf"
	notoSerifCJK = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"
)

// debianFonts names the Debian package of each font above.
var debianFonts = map[string]string{
	ebGaramond:   "fonts-ebgaramond",
	libertine:    "fonts-linuxlibertine",
	notoSerifCJK: "fonts-noto-cjk",
}

// debianFont reads a font from a Debian package: a missing font skips the
// test on a developer's machine and fails it in CI, which installs it
// (the rule of internal/testtool).
func debianFont(t testing.TB, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		why := path + " is missing (apt-get install -y " + debianFonts[path] + ")"
		if os.Getenv("CI") != "" {
			t.Fatalf("%s; CI must install it", why)
		}
		t.Skip(why)
	}
	return data
}

// bundled reads one of the fonts pamphlet embeds.
func bundled(t testing.TB, name string) []byte {
	t.Helper()
	data, err := fs.ReadFile(fonts.FS, name)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// goTextFace parses a font file with go-text, the independent reader the
// tests trust. go-text wants a cmap, which a PDF subset does not have: an
// empty one is added.
func goTextFace(t testing.TB, data []byte, index int) *gofont.Face {
	t.Helper()
	if f, err := Parse(data, index); err == nil {
		if _, ok := f.Table("cmap"); !ok {
			ts := append([]table(nil), f.tables...)
			ts = append(ts, table{"cmap", cmapTable(nil)})
			data, index = writeSfnt(f.version, ts), 0
		}
	}
	lds, err := ot.NewLoaders(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("go-text cannot read the font: %v", err)
	}
	if index >= len(lds) {
		t.Fatalf("go-text finds %d faces", len(lds))
	}
	font, err := gofont.NewFont(lds[index])
	if err != nil {
		t.Fatalf("go-text cannot read the font: %v", err)
	}
	return gofont.NewFace(font)
}

// cmapTable returns a cmap with one format 4 subtable (3, 1) for maps.
func cmapTable(maps []mapping) []byte {
	out := []byte{0, 0, 0, 1, 0, 3, 0, 1, 0, 0, 0, 12}
	return append(out, writeCmap4(maps)...)
}

// outline returns go-text's outline of glyph g.
func outline(t testing.TB, face *gofont.Face, g uint16) []gofont.Segment {
	t.Helper()
	data := face.GlyphData(gofont.GID(g))
	o, ok := data.(gofont.GlyphOutline)
	if !ok {
		t.Fatalf("glyph %d: go-text gives %T, not an outline", g, data)
	}
	return o.Segments
}

// glyphsOf returns the nominal glyphs of text's characters in face.
func glyphsOf(t testing.TB, face *gofont.Face, text string) []uint16 {
	t.Helper()
	var gids []uint16
	for _, r := range text {
		g, ok := face.NominalGlyph(r)
		if !ok {
			t.Fatalf("the font has no glyph for %q", r)
		}
		gids = append(gids, uint16(g))
	}
	return gids
}

// checkSubset checks the subset font file sub against the original face:
// the kept glyphs have the original outlines and advances, the others are
// empty, and the subset has as many glyphs as its highest kept one + 1.
func checkSubset(t *testing.T, orig *gofont.Face, sub []byte, keep map[uint16]bool) {
	t.Helper()
	high := 0
	for g := range keep {
		high = max(high, int(g))
	}
	checkSubsetOf(t, orig, sub, keep, high+1)
}

// checkSubsetOf is checkSubset for a subset of n glyphs.
func checkSubsetOf(t *testing.T, orig *gofont.Face, sub []byte, keep map[uint16]bool, n int) {
	t.Helper()
	checkChecksums(t, sub)
	f, err := Parse(sub, 0)
	if err != nil {
		t.Fatalf("the subset does not parse: %v", err)
	}
	if f.NumGlyphs() != n {
		t.Errorf("subset has %d glyphs, want %d", f.NumGlyphs(), n)
	}
	face := goTextFace(t, sub, 0)
	for g := range uint16(n) {
		got := outline(t, face, g)
		if keep[g] {
			if want := outline(t, orig, g); !reflect.DeepEqual(got, want) {
				t.Errorf("glyph %d: outline of %d segments, want the original's %d", g, len(got), len(want))
			}
			if got, want := face.HorizontalAdvance(gofont.GID(g)), orig.HorizontalAdvance(gofont.GID(g)); got != want {
				t.Errorf("glyph %d: advance %v, want %v", g, got, want)
			}
		} else if len(got) != 0 {
			t.Errorf("dropped glyph %d has an outline of %d segments", g, len(got))
		}
	}
}

// checkCFF checks a bare CFF subset against the original face with
// go-text's CFF reader, and that it is CID-keyed with an identity charset.
func checkCFF(t *testing.T, orig *gofont.Face, sub []byte, keep map[uint16]bool) {
	t.Helper()
	high := 0
	for g := range keep {
		high = max(high, int(g))
	}
	c, err := gocff.Parse(sub)
	if err != nil {
		t.Fatalf("go-text cannot read the CFF subset: %v", err)
	}
	if len(c.Charstrings) != high+1 {
		t.Errorf("CFF subset has %d glyphs, want %d", len(c.Charstrings), high+1)
	}
	for g := range uint16(high + 1) {
		got, _, err := c.LoadGlyph(tables.GlyphID(g))
		if err != nil {
			t.Fatalf("glyph %d: %v", g, err)
		}
		if keep[g] {
			if want := outline(t, orig, g); !reflect.DeepEqual(got, want) {
				t.Errorf("glyph %d: outline of %d segments, want the original's %d", g, len(got), len(want))
			}
		} else if len(got) != 0 {
			t.Errorf("dropped glyph %d has an outline of %d segments", g, len(got))
		}
	}

	// Our own reading of what go-text does not show: ROS, the charset.
	p, err := parseCFF(sub)
	if err != nil {
		t.Fatal(err)
	}
	if !p.cid {
		t.Fatal("the subset is not CID-keyed")
	}
	ros, _ := p.top.get(opROS)
	str := func(o operand) string {
		if o.val < numStdStrings || o.val-numStdStrings >= len(p.strings) {
			return "?"
		}
		return string(p.strings[o.val-numStdStrings])
	}
	if len(ros.args) != 3 || str(ros.args[0]) != "Adobe" || str(ros.args[1]) != "Identity" || ros.args[2].val != 0 {
		t.Errorf("ROS is %v, want Adobe Identity 0", ros.args)
	}
	checkStrings(t, p)
	if n, _ := p.top.int(opCIDCount, 0); n != high+1 {
		t.Errorf("CIDCount %d, want %d", n, high+1)
	}
	for g, cid := range readCharset(t, sub, p) {
		if cid != g {
			t.Errorf("charset gives glyph %d CID %d, want CID == GID", g, cid)
			break
		}
	}
}

// checkPacked checks a SubsetCFFPacked program against the original
// face: it holds the kept glyphs in order, each with its original outline
// (go-text's reading) and its original glyph ID as CID (the charset).
func checkPacked(t *testing.T, orig *gofont.Face, sub []byte, keep map[uint16]bool) {
	t.Helper()
	var glyphs []int
	for g := range 1 << 16 {
		if keep[uint16(g)] {
			glyphs = append(glyphs, g)
		}
	}
	c, err := gocff.Parse(sub)
	if err != nil {
		t.Fatalf("go-text cannot read the packed CFF: %v", err)
	}
	if len(c.Charstrings) != len(glyphs) {
		t.Fatalf("packed CFF has %d glyphs, want %d", len(c.Charstrings), len(glyphs))
	}
	for i, g := range glyphs {
		got, _, err := c.LoadGlyph(tables.GlyphID(i))
		if err != nil {
			t.Fatalf("glyph %d: %v", i, err)
		}
		if want := outline(t, orig, uint16(g)); !reflect.DeepEqual(got, want) {
			t.Errorf("packed glyph %d (original %d): outline of %d segments, want %d", i, g, len(got), len(want))
		}
	}
	p, err := parseCFF(sub)
	if err != nil {
		t.Fatal(err)
	}
	checkStrings(t, p)
	if cids := readCharset(t, sub, p); !reflect.DeepEqual(cids, glyphs) {
		t.Errorf("charset CIDs %v, want the original glyph IDs %v", cids, glyphs)
	}
	if n, _ := p.top.int(opCIDCount, 0); n != glyphs[len(glyphs)-1]+1 {
		t.Errorf("CIDCount %d, want %d", n, glyphs[len(glyphs)-1]+1)
	}
}

// checkStrings checks that every string operand of the CFF's Top DICT
// and Font DICTs names a string that exists.
func checkStrings(t *testing.T, c *cff) {
	t.Helper()
	dicts := []dict{c.top}
	for _, fd := range c.fds {
		dicts = append(dicts, fd.dict)
	}
	for _, d := range dicts {
		for _, e := range d {
			for i, a := range e.args {
				if i < sidOps[e.op] && a.val >= numStdStrings+len(c.strings) {
					t.Errorf("operator %d names string %d of %d", e.op, a.val, numStdStrings+len(c.strings))
				}
			}
		}
	}
}

// readCharset returns the CID of each glyph of the CID-keyed CFF c (read
// from b) by its charset.
func readCharset(t *testing.T, b []byte, c *cff) []int {
	t.Helper()
	off, ok := c.top.int(opCharset, 0)
	if !ok {
		t.Fatal("no charset")
	}
	n := len(c.charstrings)
	cids := []int{0}
	switch b[off] {
	case 0:
		for i := range n - 1 {
			cids = append(cids, int(binary.BigEndian.Uint16(b[off+1+2*i:])))
		}
	case 2:
		for p := off + 1; len(cids) < n; p += 4 {
			first, left := int(binary.BigEndian.Uint16(b[p:])), int(binary.BigEndian.Uint16(b[p+2:]))
			for i := range left + 1 {
				cids = append(cids, first+i)
			}
		}
	default:
		t.Fatalf("charset format %d", b[off])
	}
	if len(cids) != n {
		t.Fatalf("charset of %d glyphs for %d charstrings", len(cids), n)
	}
	return cids
}

// checkChecksums checks every table's checksum and head's
// checksumAdjustment.
func checkChecksums(t *testing.T, data []byte) {
	t.Helper()
	if sum := checksum(data); sum != 0xB1B0AFBA {
		t.Errorf("file checksum %#x, want 0xB1B0AFBA", sum)
	}
	n := int(binary.BigEndian.Uint16(data[4:]))
	for i := range n {
		rec := data[12+16*i:]
		off, length := binary.BigEndian.Uint32(rec[8:]), binary.BigEndian.Uint32(rec[12:])
		b := append([]byte(nil), data[off:off+length]...)
		if string(rec[:4]) == "head" {
			binary.BigEndian.PutUint32(b[8:], 0)
		}
		if got, want := checksum(b), binary.BigEndian.Uint32(rec[4:]); got != want {
			t.Errorf("table %q checksum %#x, directory says %#x", rec[:4], got, want)
		}
	}
}

// set returns gids as a set, with glyph 0.
func set(gids ...uint16) map[uint16]bool {
	s := map[uint16]bool{0: true}
	for _, g := range gids {
		s[g] = true
	}
	return s
}
