package library

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/pamphlet/pamphlet/internal/testtool"
)

// BenchmarkBuild builds a library of three corpus books from scratch
// one at a time and two at a time, side by side, for the speed-up of
// --jobs 2 (on an idle machine with two cores; a loaded one gives a
// process its share whatever the number of threads).
func BenchmarkBuild(b *testing.B) {
	dir := b.TempDir()
	for _, name := range []string{"common-sense", "communist-manifesto", "malatesta-essays"} {
		src := testtool.Shared(b, filepath.Join("../../../shared/corpus", name))
		if err := os.CopyFS(filepath.Join(dir, name), os.DirFS(src)); err != nil {
			b.Fatal(err)
		}
	}
	for _, jobs := range []int{1, 2} {
		b.Run(fmt.Sprintf("jobs=%d", jobs), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				out := filepath.Join(b.TempDir(), "site")
				_, sum, err := Build(context.Background(), Options{Dir: dir, Out: out, Jobs: jobs, Getenv: func(string) string { return "" }})
				if err != nil || sum.Rebuilt != 3 {
					b.Fatalf("%+v: %v", sum, err)
				}
			}
		})
	}
}
