package markdown

import (
	"strings"

	"github.com/pamphlet/pamphlet/builder/diag"
	"github.com/pamphlet/pamphlet/builder/doc"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
)

// converter turns one goldmark tree into model nodes.
type converter struct {
	path  string
	src   []byte // the Markdown body goldmark parsed
	base  int    // offset of src in the file
	lines *lineIndex
	diags *diag.List
	notes []*doc.Note
	// deep is set once the nesting limit has been reported, so that a
	// hostile file gets one error, not thousands.
	deep bool
}

// pos returns the file position of byte off of the body.
func (c *converter) pos(off int) doc.Pos {
	if off < 0 {
		return doc.Pos{File: c.path}
	}
	l, col := c.lines.at(c.base + off)
	return doc.Pos{File: c.path, Line: l, Col: col}
}

// posOf returns n's position, or its nearest ancestor's when n has none
// (goldmark gives typographer output and some synthetic nodes none).
func (c *converter) posOf(n ast.Node) doc.Pos {
	for ; n != nil; n = n.Parent() {
		if p := n.Pos(); p >= 0 {
			return c.pos(p)
		}
	}
	return doc.Pos{File: c.path, Line: 1}
}

// document converts the whole tree: blocks, and the notes defined
// anywhere in it.
func (c *converter) document(root ast.Node) ([]doc.Block, []*doc.Note) {
	blocks := c.blocks(root, 0)
	return blocks, c.notes
}

func (c *converter) blocks(parent ast.Node, depth int) []doc.Block {
	var out []doc.Block
	for n := parent.FirstChild(); n != nil; n = n.NextSibling() {
		out = append(out, c.block(n, depth)...)
	}
	return out
}

// tooDeep reports the nesting limit once per article.
func (c *converter) tooDeep(at doc.Pos) {
	if !c.deep {
		c.deep = true
		c.diags.Errorf(at, codeTooDeep, "content nested more than %d levels deep; the deeper levels are flattened", maxDepth)
	}
}

func (c *converter) block(n ast.Node, depth int) []doc.Block {
	at := c.posOf(n)
	if depth > maxDepth {
		c.tooDeep(at)
		return flattenAST(c, n)
	}
	switch n := n.(type) {
	case *ast.Paragraph, *ast.TextBlock:
		return paragraph(c.inlines(n, depth+1), at)
	case *ast.Heading:
		return []doc.Block{&doc.Heading{Level: n.Level, Inlines: trimInlines(c.inlines(n, depth+1)), At: at}}
	case *ast.ThematicBreak:
		return []doc.Block{&doc.ThematicBreak{At: at}}
	case *ast.CodeBlock:
		return []doc.Block{&doc.CodeBlock{Text: string(n.Lines().Value(c.src)), At: at}}
	case *ast.FencedCodeBlock:
		lang := ""
		if n.Info != nil {
			if f := strings.Fields(unescape(n.Info.Segment.Value(c.src))); len(f) > 0 {
				lang = f[0]
			}
		}
		return []doc.Block{&doc.CodeBlock{Lang: lang, Text: string(n.Lines().Value(c.src)), At: at}}
	case *ast.Blockquote:
		return []doc.Block{&doc.Quote{Blocks: c.blocks(n, depth+1), At: at}}
	case *ast.List:
		return []doc.Block{c.list(n, depth, at)}
	case *ast.HTMLBlock:
		return c.htmlBlock(n, depth, at)
	case *east.Table:
		return []doc.Block{c.table(n, depth, at)}
	case *east.FootnoteList:
		for f := n.FirstChild(); f != nil; f = f.NextSibling() {
			c.block(f, depth)
		}
		return nil
	case *east.Footnote:
		c.notes = append(c.notes, &doc.Note{Label: string(n.Ref), Blocks: c.blocks(n, depth+1), At: at})
		return nil
	}
	return c.blocks(n, depth+1)
}

// paragraph makes a block of inlines: nothing when they are empty (a
// paragraph of dropped HTML), a Figure when they are one image alone.
func paragraph(ins []doc.Inline, at doc.Pos) []doc.Block {
	ins = trimInlines(ins)
	if len(ins) == 0 {
		return nil
	}
	if len(ins) == 1 {
		if img, ok := ins[0].(*doc.Image); ok {
			f := &doc.Figure{Image: img, At: at}
			caption := img.Title
			if caption == "" {
				caption = img.Alt
			}
			if caption != "" {
				f.Caption = []doc.Inline{&doc.Text{Value: caption, At: img.At}}
			}
			return []doc.Block{f}
		}
	}
	return []doc.Block{&doc.Para{Inlines: ins, At: at}}
}

func (c *converter) list(n *ast.List, depth int, at doc.Pos) *doc.List {
	l := &doc.List{Ordered: n.IsOrdered(), Tight: n.IsTight, At: at}
	if l.Ordered {
		l.Start = n.Start
	}
	for it := n.FirstChild(); it != nil; it = it.NextSibling() {
		item := &doc.ListItem{At: c.posOf(it)}
		if fc := it.FirstChild(); fc != nil {
			if box, ok := fc.FirstChild().(*east.TaskCheckBox); ok {
				checked := box.IsChecked
				item.Task = &checked
			}
		}
		item.Blocks = c.blocks(it, depth+1)
		l.Items = append(l.Items, item)
	}
	return l
}

func (c *converter) table(n *east.Table, depth int, at doc.Pos) *doc.Table {
	t := &doc.Table{At: at}
	for _, a := range n.Alignments {
		t.Align = append(t.Align, [...]doc.Align{
			east.AlignLeft:   doc.AlignLeft,
			east.AlignRight:  doc.AlignRight,
			east.AlignCenter: doc.AlignCenter,
			east.AlignNone:   doc.AlignDefault,
		}[a])
	}
	for row := n.FirstChild(); row != nil; row = row.NextSibling() {
		var cells []*doc.Cell
		for cell := row.FirstChild(); cell != nil; cell = cell.NextSibling() {
			cells = append(cells, &doc.Cell{Inlines: trimInlines(c.inlines(cell, depth+1)), At: c.posOf(cell)})
		}
		if _, head := row.(*east.TableHeader); head {
			t.Head = append(t.Head, cells)
		} else {
			t.Rows = append(t.Rows, cells)
		}
	}
	return t
}

// inlines converts the inline children of parent.
func (c *converter) inlines(parent ast.Node, depth int) []doc.Inline {
	b := newBuilder(c)
	c.inlinesInto(parent, depth, b)
	return b.finish()
}

func (c *converter) inlinesInto(parent ast.Node, depth int, b *builder) {
	for n := parent.FirstChild(); n != nil; n = n.NextSibling() {
		c.inline(n, depth, b)
	}
}

func (c *converter) inline(n ast.Node, depth int, b *builder) {
	if depth > maxDepth {
		c.tooDeep(c.posOf(n))
		b.text(plainAST(c, n), c.posOf(n))
		return
	}
	switch n := n.(type) {
	case *ast.Text:
		at := c.posOf(n)
		v := n.Value(c.src)
		if n.IsRaw() {
			b.text(string(v), at)
		} else {
			b.text(unescape(v), at)
		}
		if n.HardLineBreak() {
			b.add(&doc.LineBreak{At: at})
		} else if n.SoftLineBreak() {
			b.add(&doc.SoftBreak{At: at})
		}
	case *ast.String:
		v := string(n.Value)
		if n.IsCode() {
			v = unescape(n.Value)
		}
		b.text(v, b.lastPos(c.posOf(n)))
	case *ast.CodeSpan:
		var sb strings.Builder
		for t := n.FirstChild(); t != nil; t = t.NextSibling() {
			switch t := t.(type) {
			case *ast.Text:
				// Line ends in code spans are spaces (CommonMark 6.1).
				v := t.Value(c.src)
				if l := len(v); l > 0 && v[l-1] == '\n' {
					v = v[:l-1]
					if l > 1 && v[l-2] == '\r' {
						v = v[:l-2]
					}
					sb.Write(v)
					sb.WriteByte(' ')
				} else {
					sb.Write(v)
				}
			case *ast.String:
				sb.Write(t.Value)
			}
		}
		b.add(&doc.Code{Value: sb.String(), At: c.posOf(n)})
	case *ast.Emphasis:
		ins := c.inlines(n, depth+1)
		if n.Level >= 2 {
			b.add(&doc.Strong{Inlines: ins, At: c.posOf(n)})
		} else {
			b.add(&doc.Emph{Inlines: ins, At: c.posOf(n)})
		}
	case *east.Strikethrough:
		b.add(&doc.Strike{Inlines: c.inlines(n, depth+1), At: c.posOf(n)})
	case *ast.Link:
		b.add(&doc.Link{URL: unescape(n.Destination), Title: unescape(n.Title),
			Inlines: c.inlines(n, depth+1), At: c.posOf(n)})
	case *ast.Image:
		b.add(&doc.Image{Src: unescape(n.Destination), Title: unescape(n.Title),
			Alt: doc.PlainText(c.inlines(n, depth+1)), At: c.posOf(n)})
	case *ast.AutoLink:
		url := string(n.URL(c.src))
		if n.AutoLinkType == ast.AutoLinkEmail && !strings.HasPrefix(strings.ToLower(url), "mailto:") {
			url = "mailto:" + url
		}
		at := c.posOf(n)
		b.add(&doc.Link{URL: url, Inlines: []doc.Inline{&doc.Text{Value: string(n.Label(c.src)), At: at}}, At: at})
	case *ast.RawHTML:
		c.rawInline(n, b)
	case *noteRef:
		b.add(&doc.NoteRef{Label: n.label, At: c.posOf(n)})
	case *east.TaskCheckBox:
		// The list item carries the box.
	default:
		c.inlinesInto(n, depth+1, b)
	}
}

// trimInlines removes white space at the start and end of a run of
// inlines, and breaks there, which have no meaning at a block's edges.
func trimInlines(ins []doc.Inline) []doc.Inline {
	for len(ins) > 0 {
		switch n := ins[0].(type) {
		case *doc.SoftBreak, *doc.LineBreak:
			ins = ins[1:]
			continue
		case *doc.Text:
			n.Value = strings.TrimLeft(n.Value, " \t\n")
			if n.Value == "" {
				ins = ins[1:]
				continue
			}
		}
		break
	}
	for len(ins) > 0 {
		switch n := ins[len(ins)-1].(type) {
		case *doc.SoftBreak, *doc.LineBreak:
			ins = ins[:len(ins)-1]
			continue
		case *doc.Text:
			n.Value = strings.TrimRight(n.Value, " \t\n")
			if n.Value == "" {
				ins = ins[:len(ins)-1]
				continue
			}
		}
		break
	}
	return ins
}
