package doc

import (
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Dump writes a stable, indented text form of b, one node a line, for
// golden tests and for debugging. Block lines end with the node's source
// line as "@N". The format is meant to be read in review: change it only
// together with every golden file.
func Dump(w io.Writer, b *Book) error {
	d := &dumper{}
	d.meta("Book", b.Meta)
	for _, a := range b.Articles {
		d.article(a)
	}
	_, err := io.WriteString(w, d.b.String())
	return err
}

// DumpArticle is Dump for a single article.
func DumpArticle(w io.Writer, a *Article) error {
	d := &dumper{}
	d.article(a)
	_, err := io.WriteString(w, d.b.String())
	return err
}

type dumper struct {
	b     strings.Builder
	depth int
}

func (d *dumper) line(format string, args ...any) {
	d.b.WriteString(strings.Repeat("  ", d.depth))
	fmt.Fprintf(&d.b, format, args...)
	d.b.WriteByte('\n')
}

func (d *dumper) meta(name string, m Meta) {
	d.line("%s", name)
	d.depth++
	field := func(k, v string) {
		if v != "" {
			d.line("%s %s", k, strconv.Quote(v))
		}
	}
	field("title", m.Title)
	field("subtitle", m.Subtitle)
	for _, a := range m.Authors {
		field("author", a)
	}
	field("date", m.Date)
	field("source", m.Source)
	field("lang", m.Lang)
	field("publisher", m.Publisher)
	field("identifier", m.Identifier)
	field("description", m.Description)
	field("rights", m.Rights)
	for _, s := range m.Subjects {
		field("subject", s)
	}
	for _, h := range m.Hyphenate {
		field("hyphenate", h)
	}
	d.depth--
}

func (d *dumper) article(a *Article) {
	d.line("Article id=%s path=%s", strconv.Quote(a.ID), strconv.Quote(a.Path))
	d.depth++
	d.meta("Meta", a.Meta)
	d.blocks(a.Blocks)
	for _, n := range a.Notes {
		d.line("Note %d label=%s @%d", n.N, strconv.Quote(n.Label), n.At.Line)
		d.depth++
		d.blocks(n.Blocks)
		d.depth--
	}
	d.depth--
}

func (d *dumper) blocks(bs []Block) {
	for _, b := range bs {
		d.block(b)
	}
}

func (d *dumper) block(b Block) {
	at := b.Pos().Line
	switch n := b.(type) {
	case *Para:
		d.line("Para @%d", at)
		d.inlines(n.Inlines)
	case *Heading:
		d.line("Heading %d id=%s @%d", n.Level, strconv.Quote(n.ID), at)
		d.inlines(n.Inlines)
	case *List:
		kind := "bullet"
		if n.Ordered {
			kind = fmt.Sprintf("ordered start=%d", n.Start)
		}
		d.line("List %s tight=%t @%d", kind, n.Tight, at)
		d.depth++
		for _, it := range n.Items {
			task := ""
			if it.Task != nil {
				task = fmt.Sprintf(" task=%t", *it.Task)
			}
			d.line("Item%s", task)
			d.depth++
			d.blocks(it.Blocks)
			d.depth--
		}
		d.depth--
	case *Quote:
		d.line("Quote @%d", at)
		d.depth++
		d.blocks(n.Blocks)
		d.depth--
	case *CodeBlock:
		d.line("CodeBlock lang=%s %s @%d", strconv.Quote(n.Lang), strconv.Quote(n.Text), at)
	case *Figure:
		d.line("Figure @%d", at)
		d.depth++
		if n.Image != nil {
			d.inline(n.Image)
		}
		if len(n.Caption) > 0 {
			d.line("Caption")
			d.inlines(n.Caption)
		}
		d.depth--
	case *Table:
		al := make([]string, len(n.Align))
		for i, a := range n.Align {
			al[i] = [...]string{"default", "left", "center", "right"}[a]
		}
		d.line("Table align=[%s] @%d", strings.Join(al, " "), at)
		d.depth++
		for _, row := range n.Head {
			d.row("Head", row)
		}
		for _, row := range n.Rows {
			d.row("Row", row)
		}
		d.depth--
	case *ThematicBreak:
		d.line("ThematicBreak @%d", at)
	default:
		d.line("?%T @%d", b, at)
	}
}

func (d *dumper) row(name string, cells []*Cell) {
	d.line("%s", name)
	d.depth++
	for _, c := range cells {
		d.line("Cell")
		d.inlines(c.Inlines)
	}
	d.depth--
}

func (d *dumper) inlines(ins []Inline) {
	d.depth++
	for _, in := range ins {
		d.inline(in)
	}
	d.depth--
}

func (d *dumper) inline(in Inline) {
	switch n := in.(type) {
	case *Text:
		d.line("Text %s", strconv.QuoteToGraphic(n.Value))
	case *SoftBreak:
		d.line("SoftBreak")
	case *LineBreak:
		d.line("LineBreak")
	case *Code:
		d.line("Code %s", strconv.Quote(n.Value))
	case *Image:
		d.line("Image src=%s alt=%s path=%s", strconv.Quote(n.Src), strconv.Quote(n.Alt), strconv.Quote(n.Path))
	case *NoteRef:
		d.line("NoteRef %d label=%s", n.N, strconv.Quote(n.Label))
	case *Link:
		if n.Internal {
			d.line("Link internal=%s#%s", n.TargetArticle, n.TargetID)
		} else {
			d.line("Link %s", strconv.Quote(n.URL))
		}
		d.inlines(n.Inlines)
	default:
		name := strings.TrimPrefix(fmt.Sprintf("%T", in), "*doc.")
		d.line("%s", name)
		d.inlines(Children(in))
	}
}
