package library

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/pamphlet/pamphlet/builder/diag"
	"github.com/pamphlet/pamphlet/builder/manifest"
)

// inputs lists the files a book's build may read, by absolute path: every
// file in the manifest's folder and below (articles, images, fonts/,
// layouts; without hidden files, the build output, the site and other
// books' folders), and the files the manifest names elsewhere (articles,
// cover, layout, fonts given as files). Installed fonts named by family
// are not among them: they change with the system, as pamphlet itself
// does, and the version covers pamphlet.
func inputs(manifestPath string, skip []string) ([]string, error) {
	dir := filepath.Dir(manifestPath)
	root, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	skipped := map[string]bool{}
	for _, s := range skip {
		if a, err := filepath.Abs(s); err == nil {
			skipped[a] = true
		}
	}
	set := map[string]bool{}
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p == root {
			return nil
		}
		if strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			if skipped[p] || d.Name() == "build" || d.Name() == "node_modules" {
				return filepath.SkipDir
			}
			if _, err := os.Lstat(filepath.Join(p, "book.yaml")); err == nil {
				return filepath.SkipDir // another book
			}
			return nil
		}
		if d.Type().IsRegular() {
			set[p] = true
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("listing the book's files: %w", err)
	}
	var scratch diag.List
	if m := manifest.Load(manifestPath, &scratch); m != nil {
		named := []string{m.Cover}
		for _, a := range m.Articles {
			named = append(named, a.Path)
		}
		if strings.ContainsAny(m.Layout, `/\`) || strings.HasSuffix(m.Layout, ".yaml") {
			named = append(named, filepath.Join(m.Dir, filepath.FromSlash(m.Layout)))
		}
		for _, v := range append([]manifest.FontValue{m.Fonts.Body, m.Fonts.Headings, m.Fonts.Mono}, m.Fonts.Fallback...) {
			if strings.ContainsAny(v.Value, `/\`) {
				named = append(named, filepath.Join(m.Dir, filepath.FromSlash(v.Value)))
			}
		}
		for _, p := range named {
			if p == "" {
				continue
			}
			if a, err := filepath.Abs(p); err == nil {
				set[a] = true
			}
		}
	}
	abs, _ := filepath.Abs(manifestPath)
	set[abs] = true
	out := make([]string, 0, len(set))
	for p := range set {
		out = append(out, p)
	}
	sort.Strings(out)
	return out, nil
}

// inputHash is the SHA-256 over the version, the settings that change
// the outputs, and each input's path (relative to the book's folder, so
// that a library moved elsewhere keeps its hashes) and content. A file
// that cannot be read counts by its error, so that the build reports it.
// It also returns the inputs' total size, a measure of the build's cost.
func inputHash(manifestPath, version string, settings []string, files []string) (string, int64) {
	var size int64
	h := sha256.New()
	fmt.Fprintf(h, "pamphlet %s\n", version)
	for _, s := range settings {
		fmt.Fprintf(h, "setting %s\n", s)
	}
	root, _ := filepath.Abs(filepath.Dir(manifestPath))
	for _, p := range files {
		rel, err := filepath.Rel(root, p)
		if err != nil {
			rel = p
		}
		fmt.Fprintf(h, "file %s\n", filepath.ToSlash(rel))
		fh := sha256.New()
		var f *os.File
		fi, err := os.Stat(p)
		if err == nil && !fi.Mode().IsRegular() {
			err = fmt.Errorf("not a regular file (%s)", fi.Mode().Type())
		}
		if err == nil {
			f, err = os.Open(p)
		}
		if err == nil {
			var n int64
			n, err = io.Copy(fh, f)
			size += n
			f.Close()
		}
		if err != nil {
			fmt.Fprintf(h, "unreadable %v\n", err)
			continue
		}
		fmt.Fprintf(h, "sha256 %x\n", fh.Sum(nil))
	}
	return hex.EncodeToString(h.Sum(nil)), size
}
