package builder

import (
	"path/filepath"
	"testing"

	"github.com/pamphlet/pamphlet/internal/testtool"
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
	for _, book := range testtool.SharedGlob(b, "../../shared/corpus/*/book.yaml") {
		name := filepath.Base(filepath.Dir(book))
		b.Run(name, func(b *testing.B) {
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
