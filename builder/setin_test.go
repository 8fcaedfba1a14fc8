package builder

import (
	"context"
	"slices"
	"testing"

	"github.com/pamphlet/pamphlet/builder/diag"
	"github.com/pamphlet/pamphlet/builder/doc"
	"github.com/pamphlet/pamphlet/builder/font"
	"github.com/pamphlet/pamphlet/builder/manifest"
	"github.com/pamphlet/pamphlet/internal/testtool"
)

func para(s string) doc.Block { return &doc.Para{Inlines: []doc.Inline{&doc.Text{Value: s}}} }

// TestTextFaces: the colophon names the faces that set the text: the
// Devanagari face for a Hindi article with a few Latin words, both faces
// for a book of a Hindi and an English article, the larger first.
func TestTextFaces(t *testing.T) {
	fs, err := font.Default()
	if err != nil {
		t.Fatal(err)
	}
	hindi := &doc.Article{ID: "hi", Blocks: []doc.Block{para("सभी मनुष्यों को गौरव और अधिकारों के मामले में जन्मजात स्वतन्त्रता और समानता प्राप्त है (UDHR)।")}}
	english := &doc.Article{ID: "en", Blocks: []doc.Block{para("All human beings are born free.")}}
	for _, c := range []struct {
		arts []*doc.Article
		want []string
	}{
		{[]*doc.Article{hindi}, []string{"Noto Serif Devanagari"}},
		{[]*doc.Article{english, hindi}, []string{"Noto Serif Devanagari", "Charis SIL"}},
		{[]*doc.Article{{ID: "empty"}}, []string{"Charis SIL"}},
	} {
		if got := textFaces(&doc.Book{Articles: c.arts}, fs); !slices.Equal(got, c.want) {
			t.Errorf("%d articles: %q, want %q", len(c.arts), got, c.want)
		}
	}
}

// BenchmarkTextFaces measures the sample on Emerson's essays, the
// longest corpus book.
func BenchmarkTextFaces(b *testing.B) {
	path := testtool.Shared(b, "../../shared/corpus/emerson-essays/book.yaml")
	var diags diag.List
	m := manifest.LoadEnv(path, func(string) string { return "" }, &diags)
	if m == nil {
		b.Fatal(diags.Items())
	}
	book := loadBook(context.Background(), m, DefaultMaxArticleBytes, &diags)
	fs, err := font.Default()
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		textFaces(book, fs)
	}
}
