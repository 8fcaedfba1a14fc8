package find

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	gofont "github.com/go-text/typesetting/font"
	ot "github.com/go-text/typesetting/font/opentype"
	"github.com/go-text/typesetting/font/opentype/tables"
	"github.com/go-text/typesetting/language"

	"github.com/pamphlet/pamphlet/internal/inputfile"
)

// The reasons a file is not a usable font. Open and Resolve wrap them in
// a *FileError, so that callers can tell them apart with errors.Is.
var (
	ErrNotFont    = errors.New("not a font file")
	ErrWOFF       = errors.New("a WOFF web font")
	ErrWOFF2      = errors.New("a WOFF2 web font")
	ErrType1      = errors.New("a PostScript Type 1 font")
	ErrTruncated  = errors.New("truncated")
	ErrDamaged    = errors.New("damaged")
	ErrBitmapOnly = errors.New("a bitmap-only font")
	ErrColour     = errors.New("a colour-emoji font")
	ErrNoOutlines = errors.New("no glyph outlines")
)

// FileError is a font file that cannot be used, with the reason.
type FileError struct {
	Path string
	// Index is the face in a collection the error concerns, or -1 for
	// the file as a whole.
	Index int
	Err   error
}

func (e *FileError) Error() string {
	where := e.Path
	if e.Index >= 0 {
		where = fmt.Sprintf("%s (face %d)", e.Path, e.Index)
	}
	return where + ": " + e.Err.Error()
}

func (e *FileError) Unwrap() error { return e.Err }

// reason is an error that reads as a sentence about the file but still
// matches its sentinel with errors.Is.
type reason struct {
	kind error
	msg  string
}

func (r *reason) Error() string { return r.msg }
func (r *reason) Unwrap() error { return r.kind }

func because(kind error, format string, args ...any) error {
	return &reason{kind, fmt.Sprintf(format, args...)}
}

// Open reads the font file at path (a manifest's "fonts/MyUrdu.ttf") and
// describes its first face. Every problem, from a missing file to a
// damaged table, is a *FileError naming the file and the reason; Open
// never panics, whatever the bytes.
func Open(path string) (FaceInfo, error) {
	return openFace(path, 0)
}

// OpenAll is Open for every face of the file (a .ttc collection holds
// several). It fails when any face is unusable.
func OpenAll(path string) ([]FaceInfo, error) {
	return openFaces(path, -1)
}

// openFace parses face index of the file at path in full.
func openFace(path string, index int) (FaceInfo, error) {
	faces, err := openFaces(path, index)
	if err != nil {
		return FaceInfo{}, err
	}
	return faces[0], nil
}

// openFaces parses the faces of the file at path in full: all, or only
// face only when it is not negative.
func openFaces(path string, only int) ([]FaceInfo, error) {
	f, fi, err := inputfile.Open(path)
	if err != nil {
		return nil, &FileError{Path: path, Index: -1, Err: err}
	}
	defer f.Close()
	return readFaces(f, fi.Size(), Location{Path: path}, true, only)
}

// readFaces describes every face of the font in r (size bytes), whose
// location is loc (its Index is set per face); only face only, when only
// is not negative. With strict, a face that cannot be used is an error,
// and faces are parsed in full; without it (scanning folders), such faces
// are left out and an error is returned only when none is usable.
func readFaces(r io.ReadSeeker, size int64, loc Location, strict bool, only int) (faces []FaceInfo, err error) {
	ra, ok := r.(interface {
		io.ReadSeeker
		io.ReaderAt
	})
	if !ok {
		return nil, &FileError{Path: loc.Path, Index: -1, Err: errors.New("cannot read at offsets")}
	}
	// go-text's parsers are robust in practice, but a font file is
	// arbitrary input: a panic deep in a table parser becomes an error
	// about this file, never a crashed build.
	defer func() {
		if p := recover(); p != nil {
			faces, err = nil, &FileError{Path: loc.Path, Index: -1, Err: because(ErrDamaged, "damaged (the font parser failed: %v)", p)}
		}
	}()
	dirs, err := directories(ra, size)
	if err != nil {
		return nil, &FileError{Path: loc.Path, Index: -1, Err: err}
	}
	loaders, err := ot.NewLoaders(ra)
	if err != nil || len(loaders) != len(dirs) {
		return nil, &FileError{Path: loc.Path, Index: -1, Err: because(ErrDamaged, "damaged (its table directory cannot be read)")}
	}
	if only >= len(loaders) {
		return nil, &FileError{Path: loc.Path, Index: -1, Err: because(ErrDamaged, "has only %d faces, no face %d", len(loaders), only)}
	}
	var first error
	for i, ld := range loaders {
		if only >= 0 && i != only {
			continue
		}
		l := loc
		l.Index = i
		fi, err := describe(ld, dirs[i], l, strict)
		if err != nil {
			if len(loaders) == 1 {
				err = &FileError{Path: loc.Path, Index: -1, Err: err}
			} else {
				err = &FileError{Path: loc.Path, Index: i, Err: err}
			}
			if strict {
				return nil, err
			}
			if first == nil {
				first = err
			}
			continue
		}
		faces = append(faces, fi)
	}
	if len(faces) == 0 {
		return nil, first
	}
	return faces, nil
}

// sfnt tables found in a face's directory.
type tableDir map[string]bool

// directories reads the table directory of each face in the file and
// checks that every table lies inside the file: a truncated download
// is reported as such, not as a mysterious parse failure later.
func directories(r io.ReaderAt, size int64) ([]tableDir, error) {
	var head [12]byte
	n, _ := r.ReadAt(head[:], 0)
	if n == 0 {
		return nil, because(ErrNotFont, "an empty file, not a font")
	}
	if err := sniff(head[:n], n); err != nil {
		return nil, err
	}
	if n < 12 {
		return nil, because(ErrTruncated, "truncated (%d bytes: not even a font header)", n)
	}
	offsets := []int64{0}
	if string(head[:4]) == "ttcf" {
		count := int64(binary.BigEndian.Uint32(head[8:]))
		if count == 0 {
			return nil, because(ErrDamaged, "damaged (an empty font collection)")
		}
		if 12+4*count > size {
			return nil, because(ErrTruncated, "truncated (the collection lists %d fonts but the file ends at byte %d)", count, size)
		}
		buf := make([]byte, 4*count)
		if _, err := r.ReadAt(buf, 12); err != nil {
			return nil, because(ErrTruncated, "truncated (in the collection header)")
		}
		offsets = offsets[:0]
		for i := range count {
			offsets = append(offsets, int64(binary.BigEndian.Uint32(buf[4*i:])))
		}
	}
	out := make([]tableDir, 0, len(offsets))
	for _, off := range offsets {
		var h [12]byte
		if off+12 > size {
			return nil, because(ErrTruncated, "truncated (a font header at byte %d, past the end of the file at byte %d)", off, size)
		}
		if _, err := r.ReadAt(h[:], off); err != nil {
			return nil, because(ErrTruncated, "truncated (in a font header)")
		}
		switch string(h[:4]) {
		case "\x00\x01\x00\x00", "true", "OTTO":
		default:
			return nil, because(ErrDamaged, "damaged (a face in the collection is not an OpenType font)")
		}
		num := int64(binary.BigEndian.Uint16(h[4:]))
		if off+12+16*num > size {
			return nil, because(ErrTruncated, "truncated (its table directory runs past the end of the file at byte %d)", size)
		}
		buf := make([]byte, 16*num)
		if _, err := r.ReadAt(buf, off+12); err != nil {
			return nil, because(ErrTruncated, "truncated (in the table directory)")
		}
		tags := tableDir{}
		for i := range num {
			e := buf[16*i:]
			tag := string(e[:4])
			start := int64(binary.BigEndian.Uint32(e[8:]))
			length := int64(binary.BigEndian.Uint32(e[12:]))
			if start+length > size {
				return nil, because(ErrTruncated, "truncated (table %q ends at byte %d, but the file has %d bytes)", strings.TrimSpace(tag), start+length, size)
			}
			tags[tag] = true
		}
		out = append(out, tags)
	}
	return out, nil
}

// sniff recognises the first bytes of a file: OpenType (TrueType or CFF
// outlines) and collections pass; the formats people mistake for fonts
// pamphlet can use get their own reason.
func sniff(b []byte, n int) error {
	if n >= 4 {
		switch string(b[:4]) {
		case "\x00\x01\x00\x00", "true", "OTTO", "ttcf":
			return nil
		case "wOFF":
			return because(ErrWOFF, "a WOFF web font; give the TrueType or OpenType file (.ttf, .otf) it was made from")
		case "wOF2":
			return because(ErrWOFF2, "a WOFF2 web font; give the TrueType or OpenType file (.ttf, .otf) it was made from")
		case "typ1":
			return because(ErrType1, "a PostScript Type 1 font, which pamphlet does not read; use an OpenType (.otf) version")
		}
	}
	if n >= 2 && b[0] == 0x80 && b[1] == 0x01 || bytes.HasPrefix(b, []byte("%!PS-Adobe")) || bytes.HasPrefix(b, []byte("%!FontType1")) {
		return because(ErrType1, "a PostScript Type 1 font, which pamphlet does not read; use an OpenType (.otf) version")
	}
	if n >= 4 && string(b[:4]) == "\x00\x00\x01\x00" {
		// A Mac resource-fork font (.dfont) starts with its data offset.
		return because(ErrNotFont, "not a TrueType or OpenType font (it may be a Mac .dfont)")
	}
	return because(ErrNotFont, "not a font file (it starts with %s)", printable(b[:min(n, 4)]))
}

// printable quotes the first bytes of a file for a message.
func printable(b []byte) string {
	if utf8.Valid(b) {
		ok := true
		for _, r := range string(b) {
			if !unicode.IsPrint(r) {
				ok = false
			}
		}
		if ok {
			return fmt.Sprintf("%q", b)
		}
	}
	return fmt.Sprintf("bytes % x", b)
}

// Name IDs of the name table.
const (
	nameFamily       tables.NameID = 1
	nameSubfamily    tables.NameID = 2
	nameTypoFamily   tables.NameID = 16
	nameTypoSubfamly tables.NameID = 17
)

// describe reads one face's names, weight, slant, outlines and coverage.
// With full (a file named in a manifest), it also parses the whole font
// the way the typesetter will, so that damage shows now, at the
// manifest's line, not halfway through a build.
func describe(ld *ot.Loader, dir tableDir, loc Location, full bool) (FaceInfo, error) {
	fi := FaceInfo{Location: loc, Weight: 400, Width: 5}
	// The kind of outlines first: a bitmap font's missing metrics tables
	// matter less than its missing outlines.
	switch {
	case dir["glyf"] && dir["loca"]:
	case dir["CFF "]:
		fi.CFF = true
	case dir["CFF2"]:
		return fi, because(ErrNoOutlines, "a variable font with CFF2 outlines, which pamphlet cannot embed; use a static .otf or .ttf instance")
	default:
		if t := bitmapTable(dir); t != "" {
			if t == "CBDT" || t == "sbix" {
				return fi, because(ErrColour, "a colour-emoji font (%s bitmaps, no outlines): pamphlet needs TrueType or CFF outlines", t)
			}
			return fi, because(ErrBitmapOnly, "a bitmap-only font (%s bitmaps, no outlines): pamphlet needs TrueType or CFF outlines", t)
		}
		return fi, because(ErrNoOutlines, "not a usable font: it has no glyph outlines (no glyf or CFF table)")
	}
	for _, t := range []string{"cmap", "head", "hhea", "hmtx", "maxp"} {
		if !dir[t] {
			return fi, because(ErrDamaged, "not a usable font: it has no %s table", t)
		}
	}

	var buf []byte
	buf, _ = ld.RawTableTo(ot.MustNewTag("name"), buf)
	names, _, _ := tables.ParseName(buf)
	legacy := cleanName(names.Name(nameFamily))
	fi.Family = cleanName(names.Name(nameTypoFamily))
	if fi.Family == "" {
		fi.Family = legacy
	}
	if fi.Family == "" {
		return fi, because(ErrDamaged, "not a usable font: it has no family name")
	}
	fi.legacy = legacy
	if fi.legacy == "" {
		fi.legacy = fi.Family
	}
	fi.Style = cleanName(names.Name(nameTypoSubfamly))
	if fi.Style == "" {
		fi.Style = cleanName(names.Name(nameSubfamily))
	}

	buf, _ = ld.RawTableTo(ot.MustNewTag("OS/2"), buf)
	os2, _, os2Err := tables.ParseOs2(buf)
	page := tables.FPNone
	if os2Err == nil {
		page = os2.FontPage()
		fi.Weight = int(os2.USWeightClass)
		if fi.Weight > 0 && fi.Weight < 10 {
			// Some old fonts give the weight class as 1..9.
			fi.Weight *= 100
		}
		if w := int(os2.USWidthClass); w >= 1 && w <= 9 {
			fi.Width = w
		}
		// Bit 0 is italic, bit 9 oblique.
		fi.Italic = os2.FsSelection&(1|1<<9) != 0
	}
	head, _, err := gofont.LoadHeadTable(ld, nil)
	if err != nil {
		return fi, because(ErrDamaged, "damaged (its head table cannot be read)")
	}
	if os2Err != nil {
		// No OS/2 table (an old Mac font): the head's style bits.
		fi.Italic = head.MacStyle&2 != 0
		if head.MacStyle&1 != 0 {
			fi.Weight = 700
		}
	}
	if fi.Weight < 1 || fi.Weight > 1000 {
		fi.Weight = 400
	}
	if fi.Style == "" {
		fi.Style = canonicalStyle(fi.Weight, fi.Italic)
	}

	buf, err = ld.RawTableTo(ot.MustNewTag("cmap"), buf)
	if err != nil {
		return fi, because(ErrDamaged, "damaged (its cmap table cannot be read)")
	}
	cmapTable, _, err := tables.ParseCmap(buf)
	if err != nil {
		return fi, because(ErrDamaged, "damaged (its cmap table: %v)", err)
	}
	cmap, _, err := gofont.ProcessCmap(cmapTable, page)
	if err != nil {
		return fi, because(ErrDamaged, "damaged (its cmap table: %v)", err)
	}
	fi.cover = coverage(cmap)
	for _, c := range fi.cover {
		if covers(c) {
			fi.Scripts = append(fi.Scripts, c.script)
		}
	}
	sort.Strings(fi.Scripts)
	if dir["COLR"] && len(fi.Scripts) == 0 {
		return fi, because(ErrColour, "a colour-emoji font (COLR layers, no letters of any script): pamphlet sets text in outline fonts")
	}

	if full {
		if _, err := gofont.NewFont(ld); err != nil {
			return fi, because(ErrDamaged, "damaged (%v)", err)
		}
	}
	return fi, nil
}

// bitmapTable returns the tag of the face's bitmap glyph table, if any.
func bitmapTable(dir tableDir) string {
	for _, t := range []string{"CBDT", "sbix", "EBDT", "bdat"} {
		if dir[t] {
			return t
		}
	}
	return ""
}

// cleanName makes a name from a font's name table safe to print: names
// are arbitrary bytes that go-text decodes as best it can.
func cleanName(s string) string {
	s = strings.ToValidUTF8(s, "")
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == unicode.ReplacementChar {
			return -1
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

// canonicalStyle names a face's style from its weight and slant, for
// faces whose name table gives none.
func canonicalStyle(weight int, italic bool) string {
	switch {
	case weight >= 600 && italic:
		return "Bold Italic"
	case weight >= 600:
		return "Bold"
	case italic:
		return "Italic"
	}
	return "Regular"
}

// scriptCount is how many characters of one script a face maps.
type scriptCount struct {
	script string // ISO 15924 code
	n      int
	total  int // characters of the script in Unicode
}

// minCover is how many characters of a script a face needs to count as
// covering it: enough for an alphabet (Hebrew has 27 letters), while the
// π and Ω of a Latin face's Mac Roman set do not make it a Greek face.
// A script with fewer characters in all needs half of them.
const minCover = 24

func covers(c scriptCount) bool {
	return c.n >= min(minCover, (c.total+1)/2)
}

// scriptTotals counts the characters of each script in go-text's
// Unicode script table.
var scriptTotals = func() map[language.Script]int {
	m := map[language.Script]int{}
	for _, r := range language.ScriptRanges {
		m[r.Script] += int(r.End-r.Start) + 1
	}
	return m
}()

// coverage counts the characters of each script that cmap maps, by
// walking its ranges against Unicode's script ranges (a rune-by-rune
// walk over a CJK font's 60,000 characters would dominate a scan).
func coverage(cmap gofont.Cmap) []scriptCount {
	var ranges [][2]rune
	if rr, ok := cmap.(gofont.CmapRuneRanger); ok {
		ranges = rr.RuneRanges(nil)
	} else {
		it := cmap.Iter()
		for it.Next() {
			r, _ := it.Char()
			if n := len(ranges); n > 0 && ranges[n-1][1]+1 == r {
				ranges[n-1][1] = r
			} else {
				ranges = append(ranges, [2]rune{r, r})
			}
		}
		sort.Slice(ranges, func(i, j int) bool { return ranges[i][0] < ranges[j][0] })
	}
	counts := map[language.Script]int{}
	sr := language.ScriptRanges[:]
	j := 0
	for _, rg := range ranges {
		lo, hi := rg[0], rg[1]
		if lo > hi {
			continue
		}
		// Ranges from a cmap may overlap or come unsorted; restart the
		// script walk when they go backwards.
		if j > 0 && j < len(sr) && sr[j].Start > lo {
			j = sort.Search(len(sr), func(k int) bool { return sr[k].End >= lo })
		}
		for j < len(sr) && sr[j].End < lo {
			j++
		}
		for k := j; k < len(sr) && sr[k].Start <= hi; k++ {
			s, e := max(sr[k].Start, lo), min(sr[k].End, hi)
			if s <= e {
				counts[sr[k].Script] += int(e-s) + 1
			}
		}
	}
	var out []scriptCount
	for s, n := range counts {
		if !s.Strong() || s == language.Unknown {
			continue
		}
		out = append(out, scriptCount{script: s.String(), n: n, total: scriptTotals[s]})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].script < out[j].script })
	return out
}
