package tempfile

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func TestSet(t *testing.T) {
	dir := t.TempDir()
	s := NewSet()
	ctx := WithSet(context.Background(), s)
	a, err := Create(ctx, dir, ".a.*.tmp")
	if err != nil {
		t.Fatal(err)
	}
	a.Close()
	b, err := Create(ctx, dir, ".b.*.tmp")
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close() // still open, as a stuck writer's would be
	// a is renamed into place: it is no longer the Set's to remove.
	final := filepath.Join(dir, "a.pdf")
	if err := os.Rename(a.Name(), final); err != nil {
		t.Fatal(err)
	}
	Done(ctx, a.Name())
	if got := s.Pending(); len(got) != 1 || got[0] != b.Name() {
		t.Fatalf("Pending = %v, want [%s]", got, b.Name())
	}
	if err := s.RemoveAll(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(b.Name()); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("%s survived RemoveAll: %v", b.Name(), err)
	}
	if _, err := os.Stat(final); err != nil {
		t.Errorf("RemoveAll touched the renamed output: %v", err)
	}
	if f, err := Create(ctx, dir, ".c.*.tmp"); !errors.Is(err, ErrStopping) {
		if f != nil {
			f.Close()
		}
		t.Errorf("Create after RemoveAll: %v, want ErrStopping", err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("folder holds %d files, want only a.pdf", len(entries))
	}
}

func TestNoSet(t *testing.T) {
	f, err := Create(context.Background(), t.TempDir(), "x.*")
	if err != nil {
		t.Fatal(err)
	}
	f.Close()
	Done(context.Background(), f.Name()) // no Set: nothing to forget, no panic
}

// TestWriteFile: the file is replaced whole, with the given mode or the
// old file's, nothing is left registered or on disk beside it, and a
// stopping Set refuses the write and leaves the old file alone.
func TestWriteFile(t *testing.T) {
	dir := t.TempDir()
	s := NewSet()
	ctx := WithSet(context.Background(), s)
	path := filepath.Join(dir, "book.yaml")
	if err := WriteFile(ctx, path, []byte("one"), 0o600, false); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(ctx, path, []byte("two"), 0o644, true); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(path); string(data) != "two" || fi.Mode().Perm() != 0o600 {
		t.Errorf("%q, mode %v; want \"two\" with the old file's mode 0600", data, fi.Mode().Perm())
	}
	if p := s.Pending(); len(p) != 0 {
		t.Errorf("still registered: %v", p)
	}
	if err := s.RemoveAll(); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(ctx, path, []byte("three"), 0o644, false); !errors.Is(err, ErrStopping) {
		t.Errorf("a write while stopping: %v, want ErrStopping", err)
	}
	if data, _ := os.ReadFile(path); string(data) != "two" {
		t.Errorf("a refused write changed the file: %q", data)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("the folder holds %d files, want only book.yaml", len(entries))
	}
	if err := WriteFile(context.Background(), filepath.Join(dir, "none", "x"), nil, 0o644, false); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a write into a missing folder: %v, want ErrNotExist", err)
	}
}
