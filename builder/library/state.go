package library

import (
	"encoding/json"
	"os"
	"path/filepath"
)

// StateFile is where a site keeps what the last run built: each book's
// input hash and catalogue entry, and the pages and feeds it wrote. It
// is hidden, and a web server may serve it or not.
const StateFile = ".pamphlet-library.json"

// stateFormat changes when the state's meaning does; an old state is
// then ignored and every book rebuilt.
const stateFormat = 1

type state struct {
	Format int                   `json:"format"`
	Books  map[string]stateEntry `json:"books"`
	// Pages lists the site files Publish wrote (pages, feeds, style),
	// relative to the site, so that one no longer made is removed.
	Pages []string `json:"pages"`
}

type stateEntry struct {
	Hash string `json:"hash"`
	Book *Book  `json:"book"`
}

// loadState reads the site's state; a missing or unreadable one is
// empty, which rebuilds everything.
func loadState(out string) *state {
	s := &state{Format: stateFormat, Books: map[string]stateEntry{}}
	data, err := os.ReadFile(filepath.Join(out, StateFile))
	if err != nil {
		return s
	}
	var read state
	if json.Unmarshal(data, &read) != nil || read.Format != stateFormat || read.Books == nil {
		return s
	}
	return &read
}

// book returns the catalogue entry of the last run for id, when every
// file it names is still in the site with the size recorded; nil
// otherwise.
func (s *state) book(id, out string) *Book {
	e, ok := s.Books[id]
	if !ok || e.Book == nil || e.Book.ID != id {
		return nil
	}
	for _, d := range e.Book.Downloads {
		fi, err := os.Stat(filepath.Join(out, filepath.FromSlash(d.Path)))
		if err != nil || fi.Size() != d.Size {
			return nil
		}
	}
	for _, im := range []Image{e.Book.Cover, e.Book.Thumbnail} {
		if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(im.Path))); err != nil {
			return nil
		}
	}
	b := *e.Book
	return &b
}
