package library

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
)

// File is one generated file of the site: a page, a feed, the style sheet.
type File struct {
	// Path is relative to the site's folder, with forward slashes.
	Path string
	Data []byte
}

// Publish writes files into the catalogue's site, each only when its
// bytes differ from what is there (so that an unchanged page keeps its
// time stamp and a sync to the web server copies only what changed),
// removes the files and book folders of the last run that this one no
// longer has, and saves the state the next run compares against. It
// returns the paths it wrote, sorted.
func Publish(ctx context.Context, cat *Catalog, files []File) ([]string, error) {
	var written []string
	made := map[string]bool{}
	for _, f := range files {
		if !safeRel(f.Path) || f.Path == StateFile || strings.HasPrefix(f.Path, FilesDir+"/") {
			return written, fmt.Errorf("site file %q: not a plain path inside the site", f.Path)
		}
		if made[f.Path] {
			return written, fmt.Errorf("site file %q is made twice", f.Path)
		}
		made[f.Path] = true
		p := filepath.Join(cat.out, filepath.FromSlash(f.Path))
		if old, err := os.ReadFile(p); err == nil && bytes.Equal(old, f.Data) {
			continue
		}
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return written, fmt.Errorf("writing %s: %w", p, err)
		}
		if err := writeFile(ctx, p, f.Data); err != nil {
			return written, err
		}
		written = append(written, f.Path)
	}
	for _, p := range cat.old.Pages {
		if !made[p] && safeRel(p) && !strings.HasPrefix(p, FilesDir+"/") {
			os.Remove(filepath.Join(cat.out, filepath.FromSlash(p)))
		}
	}
	listed := map[string]bool{}
	for _, b := range cat.Books {
		listed[b.ID] = true
	}
	for id := range cat.old.Books {
		if !listed[id] && isSlug(id) {
			os.RemoveAll(filepath.Join(cat.out, FilesDir, id))
		}
	}

	st := state{Format: stateFormat, Books: map[string]stateEntry{}}
	for _, b := range cat.Books {
		st.Books[b.ID] = stateEntry{Hash: cat.hashes[b.ID], Book: b}
	}
	for p := range made {
		st.Pages = append(st.Pages, p)
	}
	sort.Strings(st.Pages)
	data, err := json.MarshalIndent(&st, "", "  ")
	if err != nil {
		return written, fmt.Errorf("saving the library's state: %w", err)
	}
	if err := writeFile(ctx, filepath.Join(cat.out, StateFile), append(data, '\n')); err != nil {
		return written, err
	}
	sort.Strings(written)
	return written, nil
}

// safeRel reports whether p is a clean relative path that stays inside
// the site (state files are read back, so their paths are checked too).
func safeRel(p string) bool {
	return p != "" && p == path.Clean(p) && !path.IsAbs(p) && p != ".." && !strings.HasPrefix(p, "../") && !strings.Contains(p, `\`)
}
