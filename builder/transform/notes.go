package transform

import (
	"github.com/pamphlet/pamphlet/builder/diag"
	"github.com/pamphlet/pamphlet/builder/doc"
)

// NumberNotes numbers each article's notes from 1 in the order of their
// first reference, sets N on every reference, and orders Article.Notes by
// number. A reference to an undefined note keeps N = 0; a note never
// referenced, or defined a second time, is dropped. References inside
// notes count too, after those of the body.
func NumberNotes(b *doc.Book, diags *diag.List) {
	for _, a := range b.Articles {
		numberNotes(a, diags)
	}
}

func numberNotes(a *doc.Article, diags *diag.List) {
	defs := map[string]*doc.Note{}
	var notes []*doc.Note
	for _, n := range a.Notes {
		if _, dup := defs[n.Label]; dup {
			diags.Warnf(at(a, n.At), codeDupNote, "note [^%s] is defined twice; this definition is dropped", n.Label)
			continue
		}
		defs[n.Label] = n
		n.N = 0
		notes = append(notes, n)
	}
	var ordered []*doc.Note
	visit := func(node doc.Node) bool {
		ref, ok := node.(*doc.NoteRef)
		if !ok {
			return true
		}
		n := defs[ref.Label]
		if n == nil {
			diags.Warnf(at(a, ref.At), codeUndefinedNote, "note [^%s] is not defined", ref.Label)
			ref.N = 0
			return true
		}
		if n.N == 0 {
			ordered = append(ordered, n)
			n.N = len(ordered)
		}
		ref.N = n.N
		return true
	}
	doc.InspectBlocks(a.Blocks, visit)
	// Notes referenced from notes: walk each numbered note once, in
	// number order, which numbers notes they reach after them.
	for i := 0; i < len(ordered); i++ {
		doc.InspectBlocks(ordered[i].Blocks, visit)
	}
	for _, n := range notes {
		if n.N == 0 {
			diags.Warnf(at(a, n.At), codeUnusedNote, "note [^%s] is never referenced; it is dropped", n.Label)
		}
	}
	a.Notes = ordered
}
