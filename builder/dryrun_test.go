package builder

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// TestDryRun checks that a dry run lays the book out, returns the layout
// and writes nothing.
func TestDryRun(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "book.yaml"), []byte("title: T\narticles: [a.md]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "a.md"), []byte("# A\n\nSome text.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := Build(context.Background(), Options{Manifest: filepath.Join(dir, "book.yaml"), Getenv: noEnv, DryRun: true})
	if err != nil {
		t.Fatal(err)
	}
	if res.Laid == nil || res.Laid.Doc == nil || res.Laid.Book == nil || res.Laid.Style == nil || res.Laid.Fonts == nil {
		t.Fatalf("Laid = %+v, want every field", res.Laid)
	}
	if res.Pages != len(res.Laid.Doc.Pages) || res.Pages == 0 {
		t.Errorf("Pages = %d, layout has %d", res.Pages, len(res.Laid.Doc.Pages))
	}
	if len(res.Outputs) != 0 {
		t.Errorf("Outputs = %v, want none", res.Outputs)
	}
	if _, err := os.Stat(filepath.Join(dir, "build")); !os.IsNotExist(err) {
		t.Errorf("dry run created the output folder (stat: %v)", err)
	}
}
