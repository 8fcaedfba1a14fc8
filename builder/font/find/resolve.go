package find

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/go-text/typesetting/fontscan"

	"github.com/pamphlet/pamphlet/fonts"
)

// FontsFolder is the folder beside a manifest that holds the book's own
// fonts; Dirs puts it first.
const FontsFolder = "fonts"

// Dirs returns the folders a book's fonts are looked for in, in order:
// the fonts/ folder beside the manifest (in manifestDir), then the
// user's and the system's font folders (SystemDirs).
func Dirs(manifestDir string) []string {
	return append([]string{filepath.Join(manifestDir, FontsFolder)}, SystemDirs()...)
}

// SystemDirs returns the usual font folders of this system that exist:
// the user's first (~/.local/share/fonts, ~/.fonts), then the system's
// (/usr/local/share/fonts, /usr/share/fonts and those fontconfig's
// configuration names), as go-text's fontscan finds them.
func SystemDirs() []string {
	dirs, err := fontscan.DefaultFontDirectories(discard{})
	if err != nil {
		return nil // no font folder at all
	}
	var user, system []string
	home, _ := os.UserHomeDir()
	for _, d := range dirs {
		// fontconfig lists subfolders of folders it lists; a scan
		// walks them anyway.
		if slices.ContainsFunc(dirs, func(p string) bool { return within(d, p) }) {
			continue
		}
		if home != "" && (d == home || strings.HasPrefix(d, home+string(filepath.Separator))) {
			user = append(user, d)
		} else {
			system = append(system, d)
		}
	}
	return append(user, system...)
}

// within reports whether dir lies strictly inside parent.
func within(dir, parent string) bool {
	rel, err := filepath.Rel(parent, dir)
	return err == nil && rel != "." && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// discard is a fontscan.Logger that drops its messages: a missing or
// odd fontconfig file is not the book's problem.
type discard struct{}

func (discard) Printf(string, ...any) {}

// Lazy returns a function that scans dirs on its first call and returns
// the same index (and error) on every later call, from any goroutine.
// A process keeps one for its life, so that several builds (pamphlet
// build --watch) scan once, and a build that never calls it never scans.
func Lazy(dirs []string) func() (*Index, error) {
	dirs = slices.Clone(dirs)
	return sync.OnceValues(func() (*Index, error) { return Scan(dirs) })
}

// Bundled returns the faces embedded in the binary (package fonts):
// Charis SIL, Gentium Plus, DejaVu Sans Mono and the Noto script faces.
// Their Locations are Bundled, with Path a name in fonts.FS.
func Bundled() *Index { return bundled() }

// bundled reads the embedded faces once: they cannot change while the
// program runs, and an Index is read-only.
var bundled = sync.OnceValue(func() *Index {
	ix := &Index{}
	names, _ := fs.Glob(fonts.FS, "*.[to]t[fc]")
	sort.Strings(names)
	for _, name := range names {
		if err := ix.addFS(fonts.FS, name); err != nil {
			ix.problems = append(ix.problems, err)
		}
	}
	ix.build()
	return ix
})

// addFS indexes the faces of the file name in fsys, read in place (an
// embedded file reads at offsets without a copy).
func (ix *Index) addFS(fsys fs.FS, name string) error {
	f, err := fsys.Open(name)
	if err != nil {
		return &FileError{Path: name, Index: -1, Err: err}
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return &FileError{Path: name, Index: -1, Err: err}
	}
	r, ok := f.(io.ReadSeeker)
	if !ok {
		return &FileError{Path: name, Index: -1, Err: errors.New("cannot seek in the file")}
	}
	faces, err := readFaces(r, st.Size(), Location{Path: name, Bundled: true}, false, -1)
	ix.faces = append(ix.faces, faces...)
	return err
}

// nonFontExts are extensions of files people give for fonts that Open
// then explains; they, like a slash, mark a spec as a path.
var nonFontExts = []string{".woff", ".woff2", ".pfb", ".pfa", ".afm", ".dfont", ".pcf", ".bdf", ".fon", ".fnt"}

// IsPath reports whether a manifest's font value names a file (it has a
// slash or a font file's extension) rather than a family.
func IsPath(spec string) bool {
	if strings.ContainsAny(spec, `/\`) {
		return true
	}
	ext := strings.ToLower(path.Ext(strings.TrimSpace(spec)))
	return slices.Contains(fontExts, ext) || slices.Contains(nonFontExts, ext)
}

// Resolve finds the four styles for a manifest's font value spec: a
// family name ("EB Garamond") or a path to a font file relative to
// manifestDir ("fonts/MyUrdu.ttf").
//
// A family is looked for among the bundled faces first, then in the
// index system returns, which Resolve calls only then (pass a Lazy
// over Dirs(manifestDir)); a name found nowhere is a *NotFoundError with
// the nearest names. A file is the Regular face (face 0 of a
// collection); its other styles are the faces of the same family in
// the same folder. Every face returned has been parsed in full, so a
// damaged file is a *FileError now, naming the file and the reason.
// Family.Missing lists the styles not found, for a warning.
func Resolve(spec, manifestDir string, system func() (*Index, error)) (Family, error) {
	spec = strings.TrimSpace(spec)
	if spec == "" {
		return Family{}, errors.New("no font given")
	}
	if IsPath(spec) {
		return resolveFile(spec, manifestDir)
	}
	bundled := Bundled()
	if fam, err := bundled.Family(spec); err == nil {
		return fam, nil
	}
	var ix *Index
	if system != nil {
		var err error
		ix, err = system()
		if ix == nil && err != nil {
			return Family{}, err
		}
	}
	if ix == nil {
		ix = &Index{}
	}
	fam, err := ix.Family(spec)
	if err != nil {
		var nf *NotFoundError
		if errors.As(err, &nf) && exists(spec, manifestDir) {
			// No family of that name, but something is at that path
			// beside the manifest ("fonts: {body: myfont}", a file
			// without extension, or a folder): say what it is.
			return resolveFile(spec, manifestDir)
		}
		if errors.As(err, &nf) {
			nf.Nearest = Join(bundled, ix).Nearest(spec, 3)
		}
		return Family{}, err
	}
	if err := verify(fam, Location{}); err != nil {
		return Family{}, err
	}
	return fam, nil
}

// exists reports whether anything is at spec, relative to manifestDir.
func exists(spec, manifestDir string) bool {
	p := filepath.FromSlash(spec)
	if !filepath.IsAbs(p) {
		p = filepath.Join(manifestDir, p)
	}
	_, err := os.Lstat(p)
	return err == nil
}

// resolveFile is Resolve for a path.
func resolveFile(spec, manifestDir string) (Family, error) {
	p := filepath.FromSlash(spec)
	if !filepath.IsAbs(p) {
		p = filepath.Join(manifestDir, p)
	}
	named, err := openFace(p, 0)
	if err != nil {
		return Family{}, err
	}
	// The family's other faces: in the same file (a collection) and in
	// the same folder, by the fonts' own family name.
	var cands []*FaceInfo
	seen := map[Location]bool{}
	add := func(fi FaceInfo) {
		if seen[fi.Location] || key(fi.Family) != key(named.Family) {
			return
		}
		seen[fi.Location] = true
		cands = append(cands, &fi)
	}
	add(named)
	dir := filepath.Dir(p)
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if e.IsDir() || !slices.Contains(fontExts, strings.ToLower(filepath.Ext(e.Name()))) {
			continue
		}
		sib := filepath.Join(dir, e.Name())
		// A sibling that cannot be read is not the named font's
		// problem: it is simply not one of its styles. Siblings are
		// read lightly; verify parses the chosen ones in full.
		one := &Index{}
		one.addFile(sib, 0, nil)
		for _, fi := range one.faces {
			add(fi)
		}
	}
	// The named file is the regular face, whatever its weight: the
	// writer chose it (EBGaramond08-Regular.otf over the 12-point cut).
	fam := choose(cands, cands[0])
	fam.Name = named.Family
	if err := verify(fam, named.Location); err != nil {
		return Family{}, err
	}
	return fam, nil
}

// verify parses each face of fam in full, but the one at done.
func verify(fam Family, done Location) error {
	for _, fi := range fam.Faces {
		if fi == nil || fi.Bundled || fi.Location == done {
			continue
		}
		if _, err := openFace(fi.Path, fi.Index); err != nil {
			return fmt.Errorf("font family %q: %w", fam.Name, err)
		}
	}
	return nil
}
