package markdown

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// noteRef is a footnote reference "[^label]" in goldmark's tree.
type noteRef struct {
	ast.BaseInline
	label string
}

var kindNoteRef = ast.NewNodeKind("PamphletNoteRef")

func (n *noteRef) Kind() ast.NodeKind { return kindNoteRef }

func (n *noteRef) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Label": n.label}, nil)
}

// noteRefParser reads every "[^label]" as a footnote reference, defined
// or not; goldmark's own parser leaves a reference to an undefined note
// as text, which would hide the writer's mistake.
type noteRefParser struct{}

// Trigger includes '!' because "word![^1]" would otherwise start an image.
func (noteRefParser) Trigger() []byte { return []byte{'!', '['} }

// maxLabel bounds a label's length, as goldmark does, so that a stray
// "[^" does not make each '[' scan the rest of a huge paragraph.
const maxLabel = 999

func (noteRefParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	bang := 0
	if len(line) > 0 && line[0] == '!' {
		bang = 1
	}
	if len(line) < bang+4 || line[bang] != '[' || line[bang+1] != '^' {
		return nil
	}
	rest := line[bang+2 : min(len(line), bang+2+maxLabel+1)]
	end := bytes.IndexAny(rest, "[] \t\r\n")
	if end <= 0 || rest[end] != ']' {
		return nil
	}
	if bang == 1 {
		parent.AppendChild(parent, ast.NewTextSegment(text.NewSegment(seg.Start, seg.Start+1)))
	}
	n := &noteRef{label: string(rest[:end])}
	block.Advance(bang + 2 + end + 1)
	return n
}
