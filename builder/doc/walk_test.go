package doc

import (
	"strings"
	"testing"
)

// TestInspectNilChildren is a regression test: a table with a nil cell
// (a reader may build ragged rows) made Inspect call a method on a nil
// *Cell and panic.
func TestInspectNilChildren(t *testing.T) {
	tbl := &Table{
		Head: [][]*Cell{{nil, {Inlines: []Inline{&Text{Value: "h"}}}}},
		Rows: [][]*Cell{{{Inlines: []Inline{&Text{Value: "c"}}}, nil}},
	}
	list := &List{Items: []*ListItem{nil, {Blocks: []Block{&Para{Inlines: []Inline{&Text{Value: "i"}}}}}}}
	var texts []string
	InspectBlocks([]Block{tbl, list, &Figure{}}, func(n Node) bool {
		if tx, ok := n.(*Text); ok {
			texts = append(texts, tx.Value)
		}
		return true
	})
	if got := strings.Join(texts, ","); got != "h,c,i" {
		t.Errorf("texts %q, want h,c,i", got)
	}
}

func TestPlainTextAndWordCount(t *testing.T) {
	ins := []Inline{&Text{Value: "One"}, &SoftBreak{}, &Emph{Inlines: []Inline{&Text{Value: "two"}}}, &NoteRef{N: 1}, &LineBreak{}, &Code{Value: "x y"}, &Image{Alt: "pic"}}
	if got := PlainText(ins); got != "One two x ypic" {
		t.Errorf("PlainText = %q", got)
	}
	a := &Article{Blocks: []Block{&Para{Inlines: ins}, &CodeBlock{Text: "a b c"}}, Notes: []*Note{{Blocks: []Block{&Para{Inlines: []Inline{&Text{Value: "note words"}}}}}}}
	if got := WordCount(a); got != 1+1+2+3+2 {
		t.Errorf("WordCount = %d", got)
	}
}
