// Package find finds fonts by family name. It scans font folders (the
// manifest's fonts/ folder, the user's and the system's), indexes every
// face by the font's own family and style names, and picks a family's
// regular, italic, bold and bold italic faces; it also opens a font file
// a manifest names, with an error that says why the file cannot be used.
//
// A scan reads only what naming needs from each face (the table
// directory, name, OS/2, head and cmap tables), which for Debian's
// /usr/share/fonts with Noto and Noto CJK takes a fraction of a second,
// so there is no cache on disk. Callers scan lazily (see Lazy), at most
// once per process, and only when a manifest names a family that is not
// bundled: a book set in the bundled faces never scans.
package find

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/pamphlet/pamphlet/internal/editdist"

	"github.com/pamphlet/pamphlet/internal/inputfile"
)

// Location is where a face is: a file and its index in a collection.
type Location struct {
	// Path is the font file's path; for a bundled face, its name in
	// fonts.FS (github.com/pamphlet/pamphlet/fonts).
	Path string
	// Index picks the face of a collection (.ttc, .otc); 0 otherwise.
	Index int
	// Bundled marks a face embedded in the binary.
	Bundled bool
}

// FaceInfo describes one face, from the font's own tables.
type FaceInfo struct {
	Location
	// Family is the typographic family name (name ID 16, else 1):
	// "EB Garamond" for EBGaramond12-Italic.otf.
	Family string
	// Style is the face's own style name (name ID 17, else 2):
	// "Regular", "Bold Italic", "12 Italic", "Semibold".
	Style string
	// Weight is the OS/2 weight class: 400 regular, 700 bold.
	Weight int
	// Width is the OS/2 width class: 5 normal, less condensed, more
	// expanded.
	Width int
	// Italic is set for italic and oblique faces.
	Italic bool
	// CFF is set for CFF outlines (most .otf files), clear for
	// TrueType (glyf) outlines.
	CFF bool
	// Scripts are the ISO 15924 codes of the scripts the face covers
	// ("Latn", "Deva"), sorted: those of which it maps at least 24
	// characters (or half of a smaller script's).
	Scripts []string

	// legacy is the style-linking family (name ID 1): "EB Garamond 12".
	legacy string
	// cover counts the characters the face maps, by script.
	cover []scriptCount
	// rank orders sources: the position of the face's folder in the
	// scanned list, so that earlier folders win.
	rank int
}

// Covers reports whether the face covers script, an ISO 15924 code
// ("Deva") or a Unicode script name ("Devanagari").
func (fi FaceInfo) Covers(script string) bool {
	code, ok := ScriptCode(script)
	return ok && slices.Contains(fi.Scripts, code)
}

// count returns how many characters of script (a code) the face maps.
func (fi FaceInfo) count(code string) int {
	for _, c := range fi.cover {
		if c.script == code {
			return c.n
		}
	}
	return 0
}

// Slot is one of the four styles a book's text family needs.
type Slot int

// The four styles, in the order of font.Face's first four faces.
const (
	Regular Slot = iota
	Italic
	Bold
	BoldItalic
)

var slotNames = [...]string{"Regular", "Italic", "Bold", "Bold Italic"}

// String returns the style's name: "Bold Italic".
func (s Slot) String() string {
	if s >= 0 && int(s) < len(slotNames) {
		return slotNames[s]
	}
	return fmt.Sprintf("Slot(%d)", int(s))
}

// Family is the four styles found for one family.
type Family struct {
	// Name is the family's name as its fonts spell it.
	Name string
	// Faces holds the face for each Slot; nil for a style the family
	// lacks.
	Faces [4]*FaceInfo
}

// Missing returns the styles the family lacks, in Slot order: the
// caller's warning names them.
func (f Family) Missing() []Slot {
	var out []Slot
	for s, fi := range f.Faces {
		if fi == nil {
			out = append(out, Slot(s))
		}
	}
	return out
}

// Index is the faces found in some folders, by family. It is read-only
// once made and safe for concurrent use.
type Index struct {
	faces []FaceInfo
	// byName maps a family key (see key) to faces, for both the
	// typographic and the style-linking family names.
	byName map[string][]int
	// problems are the files that were left out, with the reason.
	problems []error
}

// key is how family names compare: case, spaces, hyphens and
// underscores do not count ("EB Garamond" = "ebgaramond" = "EB-Garamond").
func key(name string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(name) {
		switch r {
		case ' ', '\t', '-', '_':
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// fontExts are the file name extensions a scan opens.
var fontExts = []string{".ttf", ".otf", ".ttc", ".otc"}

// Scan indexes the fonts in dirs and their subfolders, in order: when a
// family is in several folders, the earlier folder's faces are used.
// Folders that do not exist are skipped; so are files that are not usable
// fonts, which Problems lists. The error is for a folder that exists but
// cannot be read.
func Scan(dirs []string) (*Index, error) {
	type file struct {
		path string
		rank int
	}
	var files []file
	seen := map[string]bool{}
	var firstErr error
	for rank, dir := range dirs {
		if _, err := os.Stat(dir); err != nil {
			if os.IsNotExist(err) {
				continue
			}
			if firstErr == nil {
				firstErr = fmt.Errorf("font folder %s: %w", dir, inputfile.Reason(err))
			}
			continue
		}
		// Files are told apart by their real paths (a font linked into
		// two folders is read once); resolving the folder once keeps
		// that to one lookup for each link instead of a stat for each
		// part of each file's path.
		realDir, err := filepath.EvalSymlinks(dir)
		if err != nil {
			realDir = dir
		}
		err = filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
			if err != nil {
				if path == dir {
					return err
				}
				return nil // an unreadable subfolder: skip it
			}
			name := d.Name()
			if strings.HasPrefix(name, ".") && path != dir {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if d.IsDir() || !slices.Contains(fontExts, strings.ToLower(filepath.Ext(name))) {
				return nil
			}
			var real string
			if d.Type()&fs.ModeSymlink != 0 {
				if real, err = filepath.EvalSymlinks(path); err != nil {
					return nil // a dangling link
				}
			} else {
				rel, _ := filepath.Rel(dir, path)
				real = filepath.Join(realDir, rel)
			}
			if seen[real] {
				return nil
			}
			seen[real] = true
			files = append(files, file{path, rank})
			return nil
		})
		if err != nil && firstErr == nil {
			firstErr = fmt.Errorf("font folder %s: %w", dir, inputfile.Reason(err))
		}
	}

	// Files are read in parallel (a warm scan is bound by parsing, a
	// cold one by the disk) into their own slots, then joined in walk
	// order, so that the index is the same whatever the timing.
	parts := make([]Index, len(files))
	var wg sync.WaitGroup
	next := make(chan int)
	for range min(runtime.GOMAXPROCS(0), len(files)) {
		wg.Go(func() {
			buf := make([]byte, headSize)
			for i := range next {
				parts[i].addFile(files[i].path, files[i].rank, buf)
			}
		})
	}
	for i := range files {
		next <- i
	}
	close(next)
	wg.Wait()
	ix := &Index{}
	for _, p := range parts {
		ix.faces = append(ix.faces, p.faces...)
		ix.problems = append(ix.problems, p.problems...)
	}
	ix.build()
	return ix, firstErr
}

// addFile indexes the usable faces of one font file, reading through
// buf (see headReader), or without one when buf is nil.
func (ix *Index) addFile(path string, rank int, buf []byte) {
	f, st, err := inputfile.Open(path)
	if err != nil {
		ix.problems = append(ix.problems, &FileError{Path: path, Index: -1, Err: err})
		return
	}
	defer f.Close()
	var r io.ReadSeeker = f
	if buf != nil {
		r = newHeadReader(f, st.Size(), buf)
	}
	faces, err := readFaces(r, st.Size(), Location{Path: path}, false, -1)
	if err != nil {
		ix.problems = append(ix.problems, err)
	}
	for _, fi := range faces {
		fi.rank = rank
		ix.faces = append(ix.faces, fi)
	}
}

// headSize is how much of a font file a scan reads at once: the table
// directories and, in many fonts, some of the small tables naming needs.
// Measured on Debian's fonts (465 files): 8 KB scans in about two thirds
// of the time of no buffer; 64 KB is slower than 8 KB again (copying).
const headSize = 8 << 10

// headReader reads a font file through a copy of its first bytes.
// go-text reads a table directory sixteen bytes at a time, and a scan
// reads several small tables: from the file, each is a system call.
type headReader struct {
	f    io.ReaderAt
	head []byte
	size int64
	pos  int64
}

// newHeadReader reads the start of f into buf, which it keeps.
func newHeadReader(f io.ReaderAt, size int64, buf []byte) *headReader {
	head := buf[:min(size, int64(len(buf)))]
	n, _ := f.ReadAt(head, 0)
	return &headReader{f: f, head: head[:n], size: size}
}

func (r *headReader) ReadAt(p []byte, off int64) (int, error) {
	if off >= 0 && off+int64(len(p)) <= int64(len(r.head)) {
		return copy(p, r.head[off:]), nil
	}
	return r.f.ReadAt(p, off)
}

func (r *headReader) Read(p []byte) (int, error) {
	if r.pos >= r.size {
		return 0, io.EOF
	}
	n, err := r.ReadAt(p[:min(int64(len(p)), r.size-r.pos)], r.pos)
	r.pos += int64(n)
	return n, err
}

func (r *headReader) Seek(off int64, whence int) (int64, error) {
	switch whence {
	case io.SeekCurrent:
		off += r.pos
	case io.SeekEnd:
		off += r.size
	}
	if off < 0 {
		return 0, errors.New("seek before the start of the file")
	}
	r.pos = off
	return off, nil
}

// build makes the name map once the faces are in.
func (ix *Index) build() {
	ix.byName = map[string][]int{}
	for i, fi := range ix.faces {
		k := key(fi.Family)
		ix.byName[k] = append(ix.byName[k], i)
		if l := key(fi.legacy); l != k {
			ix.byName[l] = append(ix.byName[l], i)
		}
	}
}

// Join returns an index that holds the faces of ixs, earlier indexes
// first: a family found in an earlier one hides the same family in later
// ones (the bundled faces before the manifest's fonts/ folder before the
// system's).
func Join(ixs ...*Index) *Index {
	out := &Index{}
	rank := 0
	for _, ix := range ixs {
		if ix == nil {
			continue
		}
		maxRank := 0
		for _, fi := range ix.faces {
			fi.rank += rank
			maxRank = max(maxRank, fi.rank)
			out.faces = append(out.faces, fi)
		}
		rank = maxRank + 1
		out.problems = append(out.problems, ix.problems...)
	}
	out.build()
	return out
}

// Faces returns every face in the index, in scan order.
func (ix *Index) Faces() []FaceInfo { return slices.Clone(ix.faces) }

// Problems returns the font files a scan left out, each a *FileError
// with the reason (a bitmap or colour font, a damaged file).
func (ix *Index) Problems() []error { return slices.Clone(ix.problems) }

// Families returns the typographic family names in the index, sorted
// without regard to case, each once.
func (ix *Index) Families() []string {
	seen := map[string]bool{}
	var out []string
	for _, fi := range ix.faces {
		if k := key(fi.Family); !seen[k] {
			seen[k] = true
			out = append(out, fi.Family)
		}
	}
	sortNames(out)
	return out
}

func sortNames(names []string) {
	sort.SliceStable(names, func(i, j int) bool {
		a, b := strings.ToLower(names[i]), strings.ToLower(names[j])
		if a != b {
			return a < b
		}
		return names[i] < names[j]
	})
}

// NotFoundError is a family name that no indexed font has.
type NotFoundError struct {
	Name string
	// Nearest are the indexed family names nearest to Name, nearest
	// first, for "did you mean".
	Nearest []string
}

func (e *NotFoundError) Error() string {
	msg := fmt.Sprintf("no font family %q is installed", e.Name)
	switch len(e.Nearest) {
	case 0:
		return msg + " (pamphlet fonts lists those it finds)"
	case 1:
		return msg + fmt.Sprintf(" (did you mean %q?)", e.Nearest[0])
	}
	q := make([]string, len(e.Nearest))
	for i, n := range e.Nearest {
		q[i] = fmt.Sprintf("%q", n)
	}
	return msg + " (did you mean " + strings.Join(q[:len(q)-1], ", ") + " or " + q[len(q)-1] + "?)"
}

// Family returns the four styles of the family called name, matched
// without regard to case, spaces and hyphens, by the fonts' own names:
// their typographic family ("EB Garamond") or their style-linking family
// ("EB Garamond 12", which picks that group's faces only). The faces come
// from the first folder that has the family. Regular is the upright face
// of weight nearest 400; Bold the upright face of weight nearest 700
// among those above 500; Italic and Bold Italic the italic faces nearest
// those weights; faces of normal width are preferred to condensed or
// expanded ones, and faces of one style-linking group (the one with the
// most of the four styles) to a mix. A style the family lacks is nil in
// Faces, for the caller to warn about. A name no font has is a
// *NotFoundError with the nearest names.
func (ix *Index) Family(name string) (Family, error) {
	idx := ix.byName[key(name)]
	if len(idx) == 0 || strings.TrimSpace(name) == "" {
		return Family{}, &NotFoundError{Name: name, Nearest: ix.Nearest(name, 3)}
	}
	cands := make([]*FaceInfo, 0, len(idx))
	rank := ix.faces[idx[0]].rank
	for _, i := range idx {
		rank = min(rank, ix.faces[i].rank)
	}
	viaLegacy := false
	for _, i := range idx {
		fi := &ix.faces[i]
		if fi.rank != rank {
			continue
		}
		cands = append(cands, fi)
		if key(fi.Family) != key(name) {
			viaLegacy = true
		}
	}
	fam := choose(cands, nil)
	// The faces are copies: an index is shared (Lazy, Bundled), and a
	// caller's change to a face must not change it.
	for s, fi := range fam.Faces {
		if fi != nil {
			c := *fi
			c.Scripts = slices.Clone(c.Scripts)
			fam.Faces[s] = &c
		}
	}
	fam.Name = cands[0].Family
	if viaLegacy {
		fam.Name = cands[0].legacy
	}
	return fam, nil
}

// choose picks the four styles among the faces of one family; with
// regular, that face is the Regular one and the others are chosen around
// it.
func choose(cands []*FaceInfo, regular *FaceInfo) Family {
	// Prefer the faces of normal width, or the nearest width there is.
	bestW := 100
	for _, fi := range cands {
		bestW = min(bestW, abs(fi.Width-5))
	}
	var faces []*FaceInfo
	for _, fi := range cands {
		if abs(fi.Width-5) == bestW {
			faces = append(faces, fi)
		}
	}
	// A style-linking group's size: how many of the four styles it has.
	groupSize := map[string]int{}
	{
		has := map[string]*[4]bool{}
		for _, fi := range faces {
			h := has[fi.legacy]
			if h == nil {
				h = new([4]bool)
				has[fi.legacy] = h
			}
			h[slotOf(fi)] = true
		}
		for g, h := range has {
			for _, b := range h {
				if b {
					groupSize[g]++
				}
			}
		}
	}
	var fam Family
	pick := func(slot Slot, italic bool, target int, minWeight int, group string) *FaceInfo {
		var best *FaceInfo
		better := func(a, b *FaceInfo) bool { // is a better than b?
			da, db := abs(a.Weight-target), abs(b.Weight-target)
			if da != db {
				return da < db
			}
			if a.Weight != b.Weight {
				// Equally far: the heavier for bold, the lighter for
				// regular (CSS's order for 400 tries 500 first; a book
				// face reads better a little light than a little dark).
				if target >= 600 {
					return a.Weight > b.Weight
				}
				return a.Weight < b.Weight
			}
			if group != "" && (a.legacy == group) != (b.legacy == group) {
				return a.legacy == group
			}
			if groupSize[a.legacy] != groupSize[b.legacy] {
				return groupSize[a.legacy] > groupSize[b.legacy]
			}
			if ca, cb := a.Style == slot.String(), b.Style == slot.String(); ca != cb {
				return ca
			}
			if a.Path != b.Path {
				return a.Path < b.Path
			}
			return a.Index < b.Index
		}
		for _, fi := range faces {
			if fi.Italic != italic || fi.Weight < minWeight || regular != nil && fi.Location == regular.Location {
				continue
			}
			if best == nil || better(fi, best) {
				best = fi
			}
		}
		return best
	}
	if regular != nil {
		fam.Faces[Regular] = regular
	} else {
		fam.Faces[Regular] = pick(Regular, false, 400, 0, "")
	}
	group, regW := "", 400
	if r := fam.Faces[Regular]; r != nil {
		group, regW = r.legacy, r.Weight
	}
	fam.Faces[Bold] = pick(Bold, false, 700, 501, group)
	if fam.Faces[Bold] == fam.Faces[Regular] {
		fam.Faces[Bold] = nil
	}
	fam.Faces[Italic] = pick(Italic, true, regW, 0, group)
	boldW := 700
	if b := fam.Faces[Bold]; b != nil {
		boldW = b.Weight
	}
	fam.Faces[BoldItalic] = pick(BoldItalic, true, boldW, 501, group)
	if fam.Faces[BoldItalic] == fam.Faces[Italic] {
		fam.Faces[BoldItalic] = nil
	}
	return fam
}

// slotOf is the style a face would fill by its own weight and slant.
func slotOf(fi *FaceInfo) Slot {
	s := Regular
	if fi.Weight > 500 {
		s = Bold
	}
	if fi.Italic {
		s++
	}
	return s
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// Nearest returns up to n family names nearest to name, nearest first,
// for "did you mean": names within a few edits of it (by Levenshtein
// distance over the compared form, see Family) or that contain it
// whole ("Garamond" → "EB Garamond").
func (ix *Index) Nearest(name string, n int) []string {
	q := key(name)
	if q == "" || n <= 0 {
		return nil
	}
	limit := max(2, len([]rune(q))/3)
	type cand struct {
		name  string
		d, ed int
	}
	var cs []cand
	for _, fam := range ix.Families() {
		k := key(fam)
		ed := editdist.Distance(q, k)
		d := ed
		if len(q) >= 4 && strings.Contains(k, q) {
			d = min(d, 1+(len(k)-len(q))/8)
		}
		if d <= limit {
			cs = append(cs, cand{fam, d, ed})
		}
	}
	// Nearest first; among equals, the fewer edits (Linux Libertine O
	// before Linux Libertine Mono O for "Linux Libertine").
	sort.SliceStable(cs, func(i, j int) bool {
		if cs[i].d != cs[j].d {
			return cs[i].d < cs[j].d
		}
		return cs[i].ed < cs[j].ed
	})
	var out []string
	for _, c := range cs {
		if len(out) == n {
			break
		}
		out = append(out, c.name)
	}
	return out
}
