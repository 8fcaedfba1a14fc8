// Package tempfile keeps account of the temporary files a command has
// open, so that a command stopped by a signal can remove them before it
// exits, even while its build is stuck and cannot clean up after itself.
//
// Outputs are written to a temporary file beside the final one and
// renamed into place (see builder's writeTemp); a build that ends in any
// way removes its own. Only a forced exit — a second signal, or a build
// that does not stop within its grace period — needs the Set: it removes
// every file still registered and refuses new ones.
//
// The Set travels in the context, because every command that writes
// (build, watch, preview, import, library) already receives one.
package tempfile

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"sort"
	"sync"
)

// Set is the temporary files of one process that are not yet renamed
// into place or removed. The zero value is not usable; use NewSet.
type Set struct {
	mu     sync.Mutex
	paths  map[string]struct{}
	closed bool
}

// NewSet returns an empty Set.
func NewSet() *Set { return &Set{paths: map[string]struct{}{}} }

// ErrStopping is returned by Create once the Set has been emptied for a
// forced exit.
var ErrStopping = errors.New("stopping: no new files are written")

type key struct{}

// WithSet returns a context that carries s to Create and Done.
func WithSet(ctx context.Context, s *Set) context.Context {
	return context.WithValue(ctx, key{}, s)
}

func from(ctx context.Context) *Set {
	s, _ := ctx.Value(key{}).(*Set)
	return s
}

// Create creates a temporary file in dir as os.CreateTemp does and
// registers it with the context's Set, if any. The file is created and
// registered under the Set's lock, so a RemoveAll cannot miss it.
func Create(ctx context.Context, dir, pattern string) (*os.File, error) {
	s := from(ctx)
	if s == nil {
		return os.CreateTemp(dir, pattern)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return nil, ErrStopping
	}
	f, err := os.CreateTemp(dir, pattern)
	if err != nil {
		return nil, err
	}
	s.paths[f.Name()] = struct{}{}
	return f, nil
}

// Done forgets path: it has been renamed into place or removed.
func Done(ctx context.Context, path string) {
	if s := from(ctx); s != nil {
		s.mu.Lock()
		delete(s.paths, path)
		s.mu.Unlock()
	}
}

// Pending returns the registered paths, sorted.
func (s *Set) Pending() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]string, 0, len(s.paths))
	for p := range s.paths {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

// RemoveAll removes every registered file and makes later Creates fail,
// for a process about to exit. It returns the first removal error.
func (s *Set) RemoveAll() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.closed = true
	var first error
	for p := range s.paths {
		if err := os.Remove(p); err != nil && !errors.Is(err, os.ErrNotExist) && first == nil {
			first = err
		}
		delete(s.paths, p)
	}
	return first
}

// WriteFile writes data to path as os.WriteFile does, but through a
// temporary file in the same folder, registered with the context's Set
// while it exists and renamed over path when whole: a reader, or a stop
// at any moment, finds the old file or the new one, never part of one.
// The file gets mode perm, or the mode of the file it replaces when
// keepMode is set and there is one.
func WriteFile(ctx context.Context, path string, data []byte, perm os.FileMode, keepMode bool) error {
	if keepMode {
		if fi, err := os.Stat(path); err == nil {
			perm = fi.Mode().Perm()
		}
	}
	f, err := Create(ctx, filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer Done(ctx, tmp)
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp, perm)
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
	}
	return err
}
