package transform

import (
	"os"
	"testing"

	"github.com/pamphlet/pamphlet/builder/diag"
	"github.com/pamphlet/pamphlet/builder/doc"
	"github.com/pamphlet/pamphlet/builder/markdown"
	"github.com/pamphlet/pamphlet/internal/testtool"
)

// BenchmarkApply runs every transform over Emerson's essays (parsed
// afresh, outside the timer, for each run: Apply changes the book).
func BenchmarkApply(b *testing.B) {
	files := testtool.SharedGlob(b, "../../../shared/corpus/emerson-essays/*.md")
	srcs := make([][]byte, len(files))
	for i, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		srcs[i] = data
	}
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		var dl diag.List
		book := &doc.Book{}
		for i, src := range srcs {
			book.Articles = append(book.Articles, markdown.Parse(files[i], src, &dl))
		}
		b.StartTimer()
		Apply(book, Options{Stat: func(string) error { return nil }, Dirs: make([]string, len(files))}, &dl)
	}
}
