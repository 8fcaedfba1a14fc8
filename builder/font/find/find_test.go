package find

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// repoFonts is the folder of the bundled font files.
const repoFonts = "../../../fonts"

var charis = map[Slot]string{
	Regular:    "CharisSIL-Regular.ttf",
	Italic:     "CharisSIL-Italic.ttf",
	Bold:       "CharisSIL-Bold.ttf",
	BoldItalic: "CharisSIL-BoldItalic.ttf",
}

func read(t testing.TB, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func write(t testing.TB, path string, b []byte) string {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// copyCharis copies the bundled Charis SIL files of slots into dir.
func copyCharis(t testing.TB, dir string, slots ...Slot) {
	t.Helper()
	for _, s := range slots {
		write(t, filepath.Join(dir, charis[s]), read(t, filepath.Join(repoFonts, charis[s])))
	}
}

// base returns the file names of a family's faces, "" for missing ones.
func base(f Family) [4]string {
	var out [4]string
	for s, fi := range f.Faces {
		if fi != nil {
			out[s] = filepath.Base(fi.Path)
		}
	}
	return out
}

func TestScanCharis(t *testing.T) {
	dir := t.TempDir()
	copyCharis(t, filepath.Join(dir, "sub"), Regular, Italic, Bold, BoldItalic)
	write(t, filepath.Join(dir, "README.txt"), []byte("not a font, and not opened: its name says so"))
	ix, err := Scan([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	if got := ix.Families(); !reflect.DeepEqual(got, []string{"Charis SIL"}) {
		t.Fatalf("Families() = %q", got)
	}
	if p := ix.Problems(); len(p) != 0 {
		t.Errorf("problems: %v", p)
	}
	for _, name := range []string{"Charis SIL", "charis sil", "CharisSIL", "Charis-SIL", " CHARIS  SIL "} {
		fam, err := ix.Family(name)
		if err != nil {
			t.Fatalf("Family(%q): %v", name, err)
		}
		want := [4]string{charis[Regular], charis[Italic], charis[Bold], charis[BoldItalic]}
		if fam.Name != "Charis SIL" || base(fam) != want || len(fam.Missing()) != 0 {
			t.Errorf("Family(%q) = %q %q, missing %v", name, fam.Name, base(fam), fam.Missing())
		}
	}
	fam, _ := ix.Family("Charis SIL")
	r, bi := fam.Faces[Regular], fam.Faces[BoldItalic]
	if r.Family != "Charis SIL" || r.Style != "Regular" || r.Weight != 400 || r.Width != 5 || r.Italic || r.CFF || r.Index != 0 || r.Bundled {
		t.Errorf("regular face: %+v", *r)
	}
	if bi.Style != "Bold Italic" || bi.Weight != 700 || !bi.Italic {
		t.Errorf("bold italic face: %+v", *bi)
	}
	for _, s := range []string{"Latn", "Grek", "Cyrl"} {
		if !r.Covers(s) {
			t.Errorf("Charis SIL does not cover %s: %v", s, r.Scripts)
		}
	}
	for _, s := range []string{"Deva", "Arab", "Hani"} {
		if r.Covers(s) {
			t.Errorf("Charis SIL covers %s: %v", s, r.Scripts)
		}
	}
}

func TestMissingStyles(t *testing.T) {
	dir := t.TempDir()
	copyCharis(t, dir, Regular, Bold)
	ix, _ := Scan([]string{dir})
	fam, err := ix.Family("Charis SIL")
	if err != nil {
		t.Fatal(err)
	}
	if got := fam.Missing(); !reflect.DeepEqual(got, []Slot{Italic, BoldItalic}) {
		t.Errorf("Missing() = %v", got)
	}
	if fam.Faces[Italic] != nil || fam.Faces[Bold] == nil {
		t.Errorf("faces %q", base(fam))
	}
	if got := BoldItalic.String(); got != "Bold Italic" {
		t.Errorf("BoldItalic.String() = %q", got)
	}
}

// TestFolderOrder: a family in an earlier folder hides the same family in
// later ones, whole: styles are never mixed from two installations.
func TestFolderOrder(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	copyCharis(t, a, Regular)
	copyCharis(t, b, Regular, Italic, Bold, BoldItalic)
	ix, _ := Scan([]string{a, b})
	fam, _ := ix.Family("Charis SIL")
	if fam.Faces[Regular].Path != filepath.Join(a, charis[Regular]) || len(fam.Missing()) != 3 {
		t.Errorf("faces %v, missing %v", fam.Faces, fam.Missing())
	}
	joined := Join(mustScan(t, b), ix)
	fam, _ = joined.Family("Charis SIL")
	if len(fam.Missing()) != 0 || filepath.Dir(fam.Faces[Regular].Path) != b {
		t.Errorf("joined: faces %q from %s", base(fam), filepath.Dir(fam.Faces[Regular].Path))
	}
}

func mustScan(t testing.TB, dirs ...string) *Index {
	t.Helper()
	ix, err := Scan(dirs)
	if err != nil {
		t.Fatal(err)
	}
	return ix
}

func TestNotFound(t *testing.T) {
	dir := t.TempDir()
	copyCharis(t, dir, Regular)
	copyTestdata(t, dir)
	ix := mustScan(t, dir)
	for name, want := range map[string]string{
		"Charis SLI":  `no font family "Charis SLI" is installed (did you mean "Charis SIL"?)`,
		"Garamond":    `no font family "Garamond" is installed (did you mean "EB Garamond"?)`,
		"Comic Sans":  `no font family "Comic Sans" is installed (pamphlet fonts lists those it finds)`,
		"":            `no font family "" is installed (pamphlet fonts lists those it finds)`,
		"Tiny Colour": `no font family "Tiny Colour" is installed (pamphlet fonts lists those it finds)`,
	} {
		_, err := ix.Family(name)
		var nf *NotFoundError
		if !errors.As(err, &nf) || err.Error() != want {
			t.Errorf("Family(%q): %v\nwant %s", name, err, want)
		}
	}
	e := &NotFoundError{Name: "X", Nearest: []string{"A", "B", "C"}}
	if got := e.Error(); got != `no font family "X" is installed (did you mean "A", "B" or "C"?)` {
		t.Errorf("three suggestions: %s", got)
	}
}

func TestNearest(t *testing.T) {
	ix := Bundled()
	for q, want := range map[string][]string{
		"Charis":          {"Charis SIL"},
		"charis sl":       {"Charis SIL"},
		"Noto Serif Deva": {"Noto Serif Devanagari"},
		"Gentium":         {"Gentium Plus"},
		"Helvetica":       nil,
	} {
		got := ix.Nearest(q, 1)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("Nearest(%q) = %q, want %q", q, got, want)
		}
	}
	got := ix.Nearest("Noto Serif", 20)
	if len(got) != 8 {
		t.Errorf("Nearest(Noto Serif, 20) = %q: want the eight bundled Noto Serif families", got)
	}
	for _, n := range got {
		if !strings.HasPrefix(n, "Noto Serif ") {
			t.Errorf("Nearest(Noto Serif, 20) has %q", n)
		}
	}
}

// copyTestdata copies the EB Garamond subsets and the colour font.
func copyTestdata(t testing.TB, dir string) {
	t.Helper()
	for _, n := range []string{"EBGaramond12-Regular.otf", "EBGaramond12-Italic.otf", "colour-emoji.ttf"} {
		write(t, filepath.Join(dir, n), read(t, filepath.Join("testdata", n)))
	}
}

func TestCFF(t *testing.T) {
	dir := t.TempDir()
	copyTestdata(t, dir)
	ix := mustScan(t, dir)
	fam, err := ix.Family("EB Garamond")
	if err != nil {
		t.Fatal(err)
	}
	if base(fam) != [4]string{"EBGaramond12-Regular.otf", "EBGaramond12-Italic.otf", "", ""} {
		t.Errorf("faces %q", base(fam))
	}
	r := fam.Faces[Regular]
	if !r.CFF || r.Style != "12 Regular" || r.Family != "EB Garamond" || !reflect.DeepEqual(r.Scripts, []string{"Latn"}) {
		t.Errorf("regular: %+v", *r)
	}
	// The style-linking family names the group alone.
	if fam, err := ix.Family("EB Garamond 12"); err != nil || fam.Name != "EB Garamond 12" || fam.Faces[Italic] == nil {
		t.Errorf("EB Garamond 12: %v %q", err, base(fam))
	}
	// The colour font was left out, with its reason.
	probs := ix.Problems()
	if len(probs) != 1 || !errors.Is(probs[0], ErrColour) || !strings.Contains(probs[0].Error(), "colour-emoji.ttf: a colour-emoji font (COLR layers") {
		t.Errorf("problems: %v", probs)
	}
}

// ttc makes a font collection of the given fonts: the header, then each
// font with its table offsets moved by where it lands.
func ttc(fonts ...[]byte) []byte {
	n := len(fonts)
	out := make([]byte, 12+4*n)
	copy(out, "ttcf")
	binary.BigEndian.PutUint32(out[4:], 0x00010000)
	binary.BigEndian.PutUint32(out[8:], uint32(n))
	for i, f := range fonts {
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
		at := uint32(len(out))
		binary.BigEndian.PutUint32(out[12+4*i:], at)
		f = slices.Clone(f)
		num := int(binary.BigEndian.Uint16(f[4:]))
		for k := range num {
			e := f[12+16*k:]
			binary.BigEndian.PutUint32(e[8:], binary.BigEndian.Uint32(e[8:])+at)
		}
		out = append(out, f...)
	}
	return out
}

func TestCollection(t *testing.T) {
	dir := t.TempDir()
	path := write(t, filepath.Join(dir, "charis.ttc"), ttc(
		read(t, filepath.Join(repoFonts, charis[Bold])),
		read(t, filepath.Join(repoFonts, charis[Regular]))))
	ix := mustScan(t, dir)
	fam, err := ix.Family("Charis SIL")
	if err != nil {
		t.Fatal(err)
	}
	if r, b := fam.Faces[Regular], fam.Faces[Bold]; r.Location != (Location{Path: path, Index: 1}) || b.Location != (Location{Path: path, Index: 0}) {
		t.Errorf("regular at %+v, bold at %+v", r.Location, b.Location)
	}
	faces, err := OpenAll(path)
	if err != nil || len(faces) != 2 || faces[1].Style != "Regular" {
		t.Errorf("OpenAll: %v, %+v", err, faces)
	}
}

// patchTags renames tables in a font's table directory.
func patchTags(b []byte, rename map[string]string) []byte {
	b = slices.Clone(b)
	num := int(binary.BigEndian.Uint16(b[4:]))
	for k := range num {
		e := b[12+16*k:]
		if n, ok := rename[string(e[:4])]; ok {
			copy(e[:4], n)
		}
	}
	return b
}

// TestOpenErrors is the catalogue of files that are not usable fonts: each
// gives its exact message, and its reason for errors.Is.
func TestOpenErrors(t *testing.T) {
	dir := t.TempDir()
	regular := read(t, filepath.Join(repoFonts, charis[Regular]))
	cases := []struct {
		name string
		data []byte // nil: not written
		kind error
		want string
	}{
		{"missing.ttf", nil, nil, "missing.ttf: no such file"},
		{"empty.ttf", []byte{}, ErrNotFont, "empty.ttf: an empty file, not a font"},
		{"text.ttf", []byte("<html><body>404</body></html>"), ErrNotFont, `text.ttf: not a font file (it starts with "<htm")`},
		{"binary.ttf", []byte{0xff, 0xd8, 0xff, 0xe0, 1, 2}, ErrNotFont, "binary.ttf: not a font file (it starts with bytes ff d8 ff e0)"},
		{"web.woff", append([]byte("wOFF"), regular[4:200]...), ErrWOFF, "web.woff: a WOFF web font; give the TrueType or OpenType file (.ttf, .otf) it was made from"},
		{"web.woff2", append([]byte("wOF2"), regular[4:200]...), ErrWOFF2, "web.woff2: a WOFF2 web font; give the TrueType or OpenType file (.ttf, .otf) it was made from"},
		{"type1.pfb", []byte{0x80, 0x01, 0x10, 0, 0, 0, '%', '!'}, ErrType1, "type1.pfb: a PostScript Type 1 font, which pamphlet does not read; use an OpenType (.otf) version"},
		{"type1.pfa", []byte("%!PS-AdobeFont-1.0: Foo 001.000\n"), ErrType1, "type1.pfa: a PostScript Type 1 font, which pamphlet does not read; use an OpenType (.otf) version"},
		{"short.ttf", regular[:8], ErrTruncated, "short.ttf: truncated (8 bytes: not even a font header)"},
		{"cut-dir.ttf", regular[:40], ErrTruncated, "cut-dir.ttf: truncated (its table directory runs past the end of the file at byte 40)"},
		{"cut.ttf", regular[:len(regular)/2], ErrTruncated, `cut.ttf: truncated (table "glyf" ends at byte`},
		{"bitmap.ttf", patchTags(regular, map[string]string{"glyf": "EBDT", "loca": "EBLC"}), ErrBitmapOnly, "bitmap.ttf: a bitmap-only font (EBDT bitmaps, no outlines): pamphlet needs TrueType or CFF outlines"},
		{"emoji.ttf", patchTags(regular, map[string]string{"glyf": "CBDT", "loca": "CBLC"}), ErrColour, "emoji.ttf: a colour-emoji font (CBDT bitmaps, no outlines): pamphlet needs TrueType or CFF outlines"},
		{"apple.ttf", patchTags(regular, map[string]string{"glyf": "sbix"}), ErrColour, "apple.ttf: a colour-emoji font (sbix bitmaps, no outlines)"},
		{"colr.ttf", read(t, "testdata/colour-emoji.ttf"), ErrColour, "colr.ttf: a colour-emoji font (COLR layers, no letters of any script): pamphlet sets text in outline fonts"},
		{"nocmap.ttf", patchTags(regular, map[string]string{"cmap": "xmap"}), ErrDamaged, "nocmap.ttf: not a usable font: it has no cmap table"},
		{"noname.ttf", patchTags(regular, map[string]string{"name": "xame"}), ErrDamaged, "noname.ttf: not a usable font: it has no family name"},
		{"cff2.otf", patchTags(read(t, "testdata/EBGaramond12-Regular.otf"), map[string]string{"CFF ": "CFF2"}), ErrNoOutlines, "cff2.otf: a variable font with CFF2 outlines"},
		{"bad.ttc", []byte("ttcf\x00\x01\x00\x00\x00\x00\x00\x09"), ErrTruncated, "bad.ttc: truncated (the collection lists 9 fonts but the file ends at byte 12)"},
		{"dfont.ttf", []byte{0, 0, 1, 0, 0, 0, 0, 0}, ErrNotFont, "dfont.ttf: not a TrueType or OpenType font (it may be a Mac .dfont)"},
	}
	for _, c := range cases {
		path := filepath.Join(dir, c.name)
		if c.data != nil {
			write(t, path, c.data)
		}
		_, err := Open(path)
		var fe *FileError
		if !errors.As(err, &fe) || fe.Path != path {
			t.Errorf("%s: %v is not a *FileError for the path", c.name, err)
			continue
		}
		msg := strings.TrimPrefix(err.Error(), dir+string(filepath.Separator))
		if !strings.HasPrefix(msg, c.want) {
			t.Errorf("%s:\n got %s\nwant %s", c.name, msg, c.want)
		}
		if c.kind != nil && !errors.Is(err, c.kind) {
			t.Errorf("%s: %v is not %v", c.name, err, c.kind)
		}
	}
	if _, err := Open(dir); err == nil || err.Error() != dir+": not a regular file (a folder)" {
		t.Errorf("folder: %v", err)
	}
}

func TestOpenGood(t *testing.T) {
	fi, err := Open("testdata/EBGaramond12-Italic.otf")
	if err != nil {
		t.Fatal(err)
	}
	want := FaceInfo{Location: Location{Path: "testdata/EBGaramond12-Italic.otf"}, Family: "EB Garamond", Style: "12 Italic",
		Weight: 400, Width: 5, Italic: true, CFF: true, Scripts: []string{"Latn"}}
	fi.legacy, fi.cover = "", nil
	if !reflect.DeepEqual(fi, want) {
		t.Errorf("got  %+v\nwant %+v", fi, want)
	}
}

func TestIsPath(t *testing.T) {
	for spec, want := range map[string]bool{
		"EB Garamond": false, "Noto Serif Devanagari": false, "Font Awesome 5.0": false,
		"fonts/MyUrdu.ttf": true, "MyUrdu.ttf": true, "x.OTF": true, "x.woff2": true, `C:\fonts\a`: true, "a.pfb": true,
	} {
		if got := IsPath(spec); got != want {
			t.Errorf("IsPath(%q) = %v", spec, got)
		}
	}
}

func TestScriptCode(t *testing.T) {
	for in, want := range map[string]string{"Deva": "Deva", "deva": "Deva", "Devanagari": "Deva", "arabic": "Arab", "Han": "Hani", "Old Italic": "Ital", "latin": "Latn"} {
		if got, ok := ScriptCode(in); !ok || got != want {
			t.Errorf("ScriptCode(%q) = %q, %v", in, got, ok)
		}
	}
	for _, in := range []string{"", "Zyyy", "Common", "Klingon", "Xxxx"} {
		if got, ok := ScriptCode(in); ok {
			t.Errorf("ScriptCode(%q) = %q", in, got)
		}
	}
}

func TestBundled(t *testing.T) {
	ix := Bundled()
	if p := ix.Problems(); len(p) != 0 {
		t.Errorf("bundled problems: %v", p)
	}
	fam, err := ix.Family("Charis SIL")
	if err != nil || len(fam.Missing()) != 0 {
		t.Fatalf("Charis SIL: %v, missing %v", err, fam.Missing())
	}
	if r := fam.Faces[Regular]; !r.Bundled || r.Path != charis[Regular] {
		t.Errorf("regular at %+v", r.Location)
	}
	// The index is shared; what Family returns is the caller's own.
	fam.Faces[Regular].Path, fam.Faces[Regular].Scripts[0] = "changed", "Zzzz"
	if again, _ := Bundled().Family("Charis SIL"); again.Faces[Regular].Path != charis[Regular] || again.Faces[Regular].Scripts[0] != "Cyrl" {
		t.Errorf("a caller's change reached the index: %+v", *again.Faces[Regular])
	}
	for script, want := range map[string]string{"Deva": "Noto Serif Devanagari", "Devanagari": "Noto Serif Devanagari", "Taml": "Noto Serif Tamil", "Arab": "Noto Naskh Arabic", "Grek": "Gentium Plus"} {
		got := ix.ForScript(script)
		if len(got) == 0 || got[0].Family != want || got[0].Style != "Regular" {
			t.Errorf("ForScript(%s): %v", script, families(got))
		}
	}
	if got := ix.ForScript("Hani"); len(got) != 0 {
		t.Errorf("bundled faces cover Han: %v", families(got))
	}
	if got := ix.ForScript("Nonsense"); got != nil {
		t.Errorf("ForScript(Nonsense) = %v", families(got))
	}
}

func families(fs []FaceInfo) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Family)
	}
	return out
}

func TestStyleGroup(t *testing.T) {
	for _, names := range [][]string{
		{"Noto Serif Devanagari", "Lohit Devanagari", "Noto Sans Devanagari", "Noto Sans Mono", "Noto Sans Devanagari UI"},
		{"DejaVu Serif", "DejaVu Sans", "DejaVu Sans Mono"},
	} {
		for i := 1; i < len(names); i++ {
			if styleGroup(names[i-1]) >= styleGroup(names[i]) {
				t.Errorf("%q should come before %q", names[i-1], names[i])
			}
		}
	}
}

func TestResolve(t *testing.T) {
	dir := t.TempDir()
	copyCharis(t, filepath.Join(dir, "fonts"), Regular, Italic, Bold, BoldItalic)
	copyTestdata(t, filepath.Join(dir, "fonts"))
	write(t, filepath.Join(dir, "fonts", "broken.ttf"), []byte("junk"))
	noScan := func() (*Index, error) { t.Fatal("scanned for a bundled family or a path"); return nil, nil }

	// A path: the named file is the regular face; its family's other
	// faces come from the same folder.
	fam, err := Resolve("fonts/CharisSIL-Regular.ttf", dir, noScan)
	if err != nil || base(fam) != [4]string{charis[Regular], charis[Italic], charis[Bold], charis[BoldItalic]} {
		t.Errorf("regular path: %v %q", err, base(fam))
	}
	if fam.Faces[Regular].Bundled || fam.Faces[Regular].Path != filepath.Join(dir, "fonts", charis[Regular]) {
		t.Errorf("regular at %+v", fam.Faces[Regular].Location)
	}
	fam, err = Resolve("fonts/CharisSIL-Bold.ttf", dir, noScan)
	if err != nil || base(fam) != [4]string{charis[Bold], charis[BoldItalic], "", ""} {
		t.Errorf("bold path: %v %q", err, base(fam))
	}
	fam, err = Resolve(filepath.Join(dir, "fonts", "EBGaramond12-Regular.otf"), "/elsewhere", noScan)
	if err != nil || base(fam) != [4]string{"EBGaramond12-Regular.otf", "EBGaramond12-Italic.otf", "", ""} {
		t.Errorf("absolute path: %v %q", err, base(fam))
	}

	// A bundled family needs no scan.
	fam, err = Resolve("charis sil", dir, noScan)
	if err != nil || !fam.Faces[BoldItalic].Bundled || fam.Name != "Charis SIL" {
		t.Errorf("bundled: %v %+v", err, fam)
	}

	// Other families come from the lazy index, scanned once.
	scans := 0
	lazy := Lazy(Dirs(dir)[:1])
	counted := func() (*Index, error) { scans++; return lazy() }
	fam, err = Resolve("EB Garamond", dir, counted)
	if err != nil || fam.Faces[Italic] == nil || fam.Faces[Regular].Bundled {
		t.Errorf("EB Garamond: %v %q", err, base(fam))
	}
	ix1, _ := lazy()
	ix2, _ := lazy()
	if ix1 != ix2 {
		t.Error("Lazy scanned twice")
	}
	_, err = Resolve("Charis SLI", dir, counted)
	if err == nil || err.Error() != `no font family "Charis SLI" is installed (did you mean "Charis SIL"?)` {
		t.Errorf("misspelt: %v", err)
	}
	_, err = Resolve("Gentium Pls", dir, counted)
	if err == nil || !strings.Contains(err.Error(), `did you mean "Gentium Plus"?`) {
		t.Errorf("misspelt bundled: %v", err)
	}
	if scans != 3 {
		t.Errorf("system index asked %d times, want 3", scans)
	}

	for spec, want := range map[string]string{
		"fonts/broken.ttf":  filepath.Join(dir, "fonts", "broken.ttf") + `: not a font file (it starts with "junk")`,
		"fonts/nothere.otf": filepath.Join(dir, "fonts", "nothere.otf") + ": no such file",
		"":                  "no font given",
	} {
		if _, err := Resolve(spec, dir, noScan); err == nil || err.Error() != want {
			t.Errorf("Resolve(%q): %v\nwant %s", spec, err, want)
		}
	}
}

// TestDirs: the manifest's fonts/ folder comes first.
func TestDirs(t *testing.T) {
	d := Dirs("/books/a")
	if len(d) == 0 || d[0] != filepath.Join("/books/a", "fonts") {
		t.Errorf("Dirs = %q", d)
	}
	if slices.Contains(d[1:], d[0]) {
		t.Errorf("fonts/ twice: %q", d)
	}
	for _, a := range d {
		for _, b := range d {
			if within(a, b) {
				t.Errorf("Dirs has %s inside %s", a, b)
			}
		}
	}
	for _, c := range []struct {
		dir, parent string
		want        bool
	}{{"/a/b", "/a", true}, {"/a", "/a", false}, {"/ab", "/a", false}, {"/a", "/a/b", false}, {"/a/..b", "/a", true}} {
		if got := within(c.dir, c.parent); got != c.want {
			t.Errorf("within(%s, %s) = %v", c.dir, c.parent, got)
		}
	}
}

// TestScanDeterministic: files are read in parallel, the index is the
// same every time, in walk order.
func TestScanDeterministic(t *testing.T) {
	dir := t.TempDir()
	copyCharis(t, filepath.Join(dir, "a"), Regular, Italic, Bold, BoldItalic)
	copyTestdata(t, filepath.Join(dir, "b"))
	first := mustScan(t, dir)
	var paths []string
	for _, fi := range first.Faces() {
		paths = append(paths, fi.Path)
	}
	if !slices.IsSorted(paths) || len(paths) != 6 {
		t.Errorf("faces not in walk order: %q", paths)
	}
	for range 5 {
		if again := mustScan(t, dir); !reflect.DeepEqual(again, first) {
			t.Fatal("two scans differ")
		}
	}
}

// TestScanLinks: a font linked into a second folder is read once; a
// dangling link is skipped.
func TestScanLinks(t *testing.T) {
	dir := t.TempDir()
	copyCharis(t, filepath.Join(dir, "a"), Regular)
	if err := os.MkdirAll(filepath.Join(dir, "b"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(dir, "a", charis[Regular]), filepath.Join(dir, "b", "link.ttf")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	if err := os.Symlink(filepath.Join(dir, "nowhere.ttf"), filepath.Join(dir, "b", "dangling.ttf")); err != nil {
		t.Fatal(err)
	}
	ix := mustScan(t, filepath.Join(dir, "a"), filepath.Join(dir, "b"), dir)
	if n := len(ix.Faces()); n != 1 || len(ix.Problems()) != 0 {
		t.Errorf("%d faces, problems %v", n, ix.Problems())
	}
}

func TestHeadReader(t *testing.T) {
	data := []byte("0123456789abcdef")
	r := newHeadReader(bytes.NewReader(data), int64(len(data)), make([]byte, 4))
	got := make([]byte, 3)
	for _, c := range []struct {
		off  int64
		want string
	}{{0, "012"}, {1, "123"}, {3, "345"}, {13, "def"}} {
		if n, err := r.ReadAt(got, c.off); err != nil || string(got[:n]) != c.want {
			t.Errorf("ReadAt(%d) = %q, %v", c.off, got[:n], err)
		}
	}
	if pos, err := r.Seek(-4, io.SeekEnd); err != nil || pos != 12 {
		t.Fatalf("Seek = %d, %v", pos, err)
	}
	rest, err := io.ReadAll(r)
	if err != nil || string(rest) != "cdef" {
		t.Errorf("ReadAll = %q, %v", rest, err)
	}
	if _, err := r.Seek(-1, io.SeekStart); err == nil {
		t.Error("seek before the start")
	}
}
