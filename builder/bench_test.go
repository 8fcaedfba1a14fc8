package builder

import (
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkBuildSample builds the repository's own sample book into
// both formats: the fixed cost of a build (fonts, cover, writers).
func BenchmarkBuildSample(b *testing.B) {
	out := b.TempDir()
	b.ReportAllocs()
	var res *Result
	for b.Loop() {
		res = build(b, "../book.yaml", out)
	}
	b.ReportMetric(float64(res.Pages), "pages")
}

// BenchmarkBuildCorpus builds every corpus book into both formats.
func BenchmarkBuildCorpus(b *testing.B) {
	books, _ := filepath.Glob("../../shared/corpus/*/book.yaml")
	if len(books) == 0 {
		b.Skip("corpus missing")
	}
	for _, book := range books {
		name := filepath.Base(filepath.Dir(book))
		b.Run(name, func(b *testing.B) {
			if _, err := os.Stat(book); err != nil {
				b.Skip(err)
			}
			out := b.TempDir()
			b.ReportAllocs()
			var res *Result
			for b.Loop() {
				res = build(b, book, out)
			}
			b.ReportMetric(float64(res.Pages), "pages")
		})
	}
}
