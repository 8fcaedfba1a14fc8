package doc

import "strings"

// Node is any node of the model: a Block, an Inline, a *ListItem, a *Cell
// or a *Note.
type Node interface {
	Pos() Pos
}

func (n *ListItem) Pos() Pos { return n.At }
func (n *Cell) Pos() Pos     { return n.At }
func (n *Note) Pos() Pos     { return n.At }

// Inspect traverses the tree under n depth-first, in document order,
// calling f for each node; when f returns false the node's children are
// skipped. It works like go/ast.Inspect.
func Inspect(n Node, f func(Node) bool) {
	if n == nil || !f(n) {
		return
	}
	switch n := n.(type) {
	case *Para:
		inspectInlines(n.Inlines, f)
	case *Heading:
		inspectInlines(n.Inlines, f)
	case *List:
		for _, it := range n.Items {
			if it != nil {
				Inspect(it, f)
			}
		}
	case *ListItem:
		InspectBlocks(n.Blocks, f)
	case *Quote:
		InspectBlocks(n.Blocks, f)
	case *Note:
		InspectBlocks(n.Blocks, f)
	case *Figure:
		if n.Image != nil {
			Inspect(n.Image, f)
		}
		inspectInlines(n.Caption, f)
	case *Table:
		for _, rows := range [][][]*Cell{n.Head, n.Rows} {
			for _, row := range rows {
				for _, c := range row {
					if c != nil {
						Inspect(c, f)
					}
				}
			}
		}
	case *Cell:
		inspectInlines(n.Inlines, f)
	case Inline:
		inspectInlines(Children(n), f)
	}
}

// InspectBlocks calls Inspect on each block in turn.
func InspectBlocks(blocks []Block, f func(Node) bool) {
	for _, b := range blocks {
		Inspect(b, f)
	}
}

func inspectInlines(ins []Inline, f func(Node) bool) {
	for _, in := range ins {
		Inspect(in, f)
	}
}

// PlainText returns the text of inlines without markup: soft and hard
// breaks become spaces, images give their alt text and note references
// nothing. Headings use it for outline entries and contents lines.
func PlainText(ins []Inline) string {
	var b strings.Builder
	writePlain(&b, ins)
	return b.String()
}

func writePlain(b *strings.Builder, ins []Inline) {
	for _, in := range ins {
		switch n := in.(type) {
		case *Text:
			b.WriteString(n.Value)
		case *Code:
			b.WriteString(n.Value)
		case *SoftBreak, *LineBreak:
			b.WriteByte(' ')
		case *Image:
			b.WriteString(n.Alt)
		case *NoteRef:
		default:
			writePlain(b, Children(in))
		}
	}
}

// WordCount counts the words of an article's body and notes, splitting on
// white space as a reader would count them.
func WordCount(a *Article) int {
	count := 0
	f := func(n Node) bool {
		switch n := n.(type) {
		case *Text:
			count += len(strings.Fields(n.Value))
		case *Code:
			count += len(strings.Fields(n.Value))
		case *CodeBlock:
			count += len(strings.Fields(n.Text))
		}
		return true
	}
	InspectBlocks(a.Blocks, f)
	for _, n := range a.Notes {
		Inspect(n, f)
	}
	return count
}
