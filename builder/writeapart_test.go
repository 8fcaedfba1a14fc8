package builder

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
)

// TestWriteApart: outputs written one after the other, as a long book's
// are, have the same bytes as outputs written at once, booklet included
// (which keeps the reader's PDF from consuming the pages it also reads).
func TestWriteApart(t *testing.T) {
	for _, booklet := range []bool{false, true} {
		var outs [2][]string
		for i, apart := range []bool{false, true} {
			res, err := Build(context.Background(), Options{Manifest: "../book.yaml", OutDir: t.TempDir(), Getenv: noEnv, Booklet: booklet, writeApart: apart})
			if err != nil {
				t.Fatalf("booklet=%v apart=%v: %v", booklet, apart, err)
			}
			outs[i] = res.Outputs
		}
		if len(outs[0]) != len(outs[1]) || len(outs[0]) < 2 {
			t.Fatalf("booklet=%v: outputs %v and %v", booklet, outs[0], outs[1])
		}
		for i := range outs[0] {
			x, err := os.ReadFile(outs[0][i])
			if err != nil {
				t.Fatal(err)
			}
			y, err := os.ReadFile(outs[1][i])
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(x, y) {
				t.Errorf("booklet=%v: %s differs when written apart", booklet, filepath.Base(outs[0][i]))
			}
		}
	}
}
