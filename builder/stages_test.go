package builder

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestStages: a build runs its stages in order and times each.
func TestStages(t *testing.T) {
	res := buildOpts(t, Options{Manifest: smallBook(t, ""), OutDir: t.TempDir()})
	var got []Stage
	for _, tm := range res.Timings {
		got = append(got, tm.Stage)
	}
	if want := []Stage{StageManifest, StageParse, StageTransform, StageTypeset, StageWrite}; !slices.Equal(got, want) {
		t.Errorf("stages %v, want %v", got, want)
	}
	if !slices.Equal(Formats, []string{"pdf", "epub"}) {
		t.Errorf("Formats = %v", Formats)
	}
}

// TestStageError: a failure that is not the book's says its stage as a
// value, not in its text.
func TestStageError(t *testing.T) {
	// A file where the output folder's parent should be: not even root
	// can make a folder in it.
	blocked := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(blocked, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := Build(context.Background(), Options{Manifest: smallBook(t, ""), OutDir: filepath.Join(blocked, "out"), Getenv: noEnv})
	var se *StageError
	if !errors.As(err, &se) || se.Stage != StageWrite || errors.Is(err, ErrBook) {
		t.Fatalf("err %v (%T), want a StageError of stage write; diags %v", err, err, res.Diags.Sorted())
	}
}

// TestOverridePosition: a bad pdf: override is pointed at pdf:, a bad
// layout at layout:, told apart by the error's type (a bad pdf.page
// preset used to point at layout: as its message lacked "pdf").
func TestOverridePosition(t *testing.T) {
	for _, tc := range []struct{ extra, key string }{
		{"pdf:\n  page: nosuchpreset\n", "pdf"},
		{"layout: nosuchlayout\n", "layout"},
	} {
		res, err := Build(context.Background(), Options{Manifest: smallBook(t, tc.extra), OutDir: t.TempDir(), Getenv: noEnv})
		if !errors.Is(err, ErrBook) {
			t.Fatalf("%q: err %v, want ErrBook", tc.extra, err)
		}
		ds := res.Diags.Sorted()
		if len(ds) != 1 || ds[0].Code != "M010" {
			t.Fatalf("%q: diags %v, want one M010", tc.extra, ds)
		}
		src, _ := os.ReadFile(ds[0].Pos.File)
		lines := strings.Split(string(src), "\n")
		if l := ds[0].Pos.Line; l < 1 || l > len(lines) || !strings.HasPrefix(lines[l-1], tc.key+":") {
			t.Errorf("%q: M010 at line %d, want the line of %s:", tc.extra, l, tc.key)
		}
	}
}
