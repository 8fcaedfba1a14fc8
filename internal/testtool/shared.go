package testtool

import (
	"os"
	"path/filepath"
	"testing"
)

// Shared returns path, a file or folder of ../shared beside the
// repository (the corpus, the world books), or skips (fails in CI) the
// test when it is missing: CI places shared/ beside the repository, so
// there a missing book means the test would check nothing.
func Shared(t testing.TB, path string) string {
	t.Helper()
	if _, err := os.Stat(path); err != nil {
		absent(t, path)
	}
	return path
}

// SharedGlob returns the files of ../shared that match pattern, sorted,
// or skips (fails in CI) the test when none does.
func SharedGlob(t testing.TB, pattern string) []string {
	t.Helper()
	files, err := filepath.Glob(pattern)
	if err != nil {
		t.Fatalf("bad pattern %q: %v", pattern, err)
	}
	if len(files) == 0 {
		absent(t, pattern)
	}
	return files
}

func absent(t testing.TB, what string) {
	t.Helper()
	why := what + " is missing (../shared is not beside the repository)"
	if os.Getenv("CI") != "" {
		t.Fatalf("%s; CI must place it there", why)
		return
	}
	t.Skip(why)
}
