package markdown

import (
	"github.com/pamphlet/pamphlet/builder/doc"
)

// wrapKind says what an open raw-HTML element becomes when it closes.
type wrapKind int

const (
	wrapNone      wrapKind = iota // keep the content, lose the tag
	wrapDrop                      // drop the content too
	wrapEmph                      //
	wrapStrong                    //
	wrapStrike                    //
	wrapSup                       //
	wrapSub                       //
	wrapSmallCaps                 //
	wrapLink                      //
)

// frame is an open element: the root of a run of inlines, or a raw HTML
// start tag waiting for its end tag.
type frame struct {
	tag   string
	kind  wrapKind
	url   string // for wrapLink
	title string
	at    doc.Pos
	items []doc.Inline
	// text collects adjacent text before it becomes one doc.Text, so
	// that merging n pieces costs O(n), not O(n²).
	text    []byte
	textAt  doc.Pos
	hasText bool
}

func (f *frame) flush() {
	if f.hasText {
		f.items = append(f.items, &doc.Text{Value: string(f.text), At: f.textAt})
		f.text = f.text[:0]
		f.hasText = false
	}
}

// builder assembles a run of inlines. goldmark gives inline HTML as
// separate start and end tags around ordinary nodes (`<sup>`, Text "2",
// `</sup>`); the builder keeps a stack of open tags and wraps what lies
// between a start tag and its end tag when the end tag arrives. Each node
// moves between frames a bounded number of times, so a run is built in
// linear time whatever the tags.
type builder struct {
	c      *converter
	frames []*frame
	open   map[string]int // open frames by tag, to skip hopeless searches
	// collapse makes runs of white space one space, as HTML renders them.
	collapse bool
}

func newBuilder(c *converter) *builder {
	return &builder{c: c, frames: []*frame{{}}}
}

func (b *builder) top() *frame { return b.frames[len(b.frames)-1] }

// lastPos is the position of the text being collected, else def: text
// without a position of its own (typographer output) takes its
// neighbour's.
func (b *builder) lastPos(def doc.Pos) doc.Pos {
	if f := b.top(); f.hasText {
		return f.textAt
	}
	return def
}

// text appends s to the current run of text.
func (b *builder) text(s string, at doc.Pos) {
	if s == "" {
		return
	}
	f := b.top()
	if b.collapse {
		afterSpace := f.hasText && len(f.text) > 0 && f.text[len(f.text)-1] == ' '
		if !f.hasText {
			if len(f.items) == 0 {
				afterSpace = len(b.frames) == 1 // the start of the run
			} else {
				_, afterSpace = f.items[len(f.items)-1].(*doc.LineBreak)
			}
		}
		s = collapseSpace(s, afterSpace)
		if s == "" {
			return
		}
	}
	if !f.hasText {
		f.hasText = true
		f.textAt = at
	}
	f.text = append(f.text, s...)
}

// add appends a node; a Text merges with the text before it.
func (b *builder) add(in doc.Inline) {
	if t, ok := in.(*doc.Text); ok {
		b.text(t.Value, t.At)
		return
	}
	f := b.top()
	f.flush()
	f.items = append(f.items, in)
}

// push opens an element.
func (b *builder) push(f *frame) {
	// The parent's pending text stays pending: what the new frame adds
	// when it closes follows it, and merges with it if it is text.
	b.frames = append(b.frames, f)
	if b.open == nil {
		b.open = map[string]int{}
	}
	b.open[f.tag]++
}

// pop closes the innermost open element named tag, if any: elements
// opened inside it and never closed lose their tags but keep their
// content. A stray end tag is ignored.
func (b *builder) pop(tag string) {
	if b.open[tag] == 0 {
		return
	}
	i := len(b.frames) - 1
	for b.frames[i].tag != tag {
		i--
	}
	f := b.frames[i]
	b.unwind(i + 1)
	b.frames = b.frames[:i]
	b.open[tag]--
	f.flush()
	b.wrap(f)
}

// unwind moves the content of frames[i:] into frames[i-1] and removes
// them, in one pass.
func (b *builder) unwind(i int) {
	if i >= len(b.frames) {
		return
	}
	opened := b.frames[i:]
	b.frames = b.frames[:i]
	for _, f := range opened {
		b.open[f.tag]--
		f.flush()
		for _, in := range f.items {
			b.add(in)
		}
	}
}

// wrap adds the node that closed frame f stands for.
func (b *builder) wrap(f *frame) {
	ins := f.items
	switch f.kind {
	case wrapDrop:
		return
	case wrapNone:
		for _, in := range ins {
			b.add(in)
		}
		return
	case wrapLink:
		if len(ins) == 0 {
			ins = []doc.Inline{&doc.Text{Value: f.url, At: f.at}}
		}
		b.add(&doc.Link{URL: f.url, Title: f.title, Inlines: ins, At: f.at})
		return
	}
	if len(ins) == 0 {
		return
	}
	switch f.kind {
	case wrapEmph:
		b.add(&doc.Emph{Inlines: ins, At: f.at})
	case wrapStrong:
		b.add(&doc.Strong{Inlines: ins, At: f.at})
	case wrapStrike:
		b.add(&doc.Strike{Inlines: ins, At: f.at})
	case wrapSup:
		b.add(&doc.Sup{Inlines: ins, At: f.at})
	case wrapSub:
		b.add(&doc.Sub{Inlines: ins, At: f.at})
	case wrapSmallCaps:
		b.add(&doc.SmallCaps{Inlines: ins, At: f.at})
	}
}

// finish closes what is still open and returns the run.
func (b *builder) finish() []doc.Inline {
	b.unwind(1)
	root := b.frames[0]
	root.flush()
	return root.items
}

// collapseSpace turns each run of HTML white space into one space,
// dropping a leading one when afterSpace says a space precedes. Other
// spaces (U+00A0, U+200A...) are content and stay.
func collapseSpace(s string, afterSpace bool) string {
	out := make([]byte, 0, len(s))
	space := afterSpace
	for i := 0; i < len(s); i++ {
		switch ch := s[i]; ch {
		case ' ', '\t', '\n', '\r', '\f':
			if !space {
				out = append(out, ' ')
				space = true
			}
		default:
			out = append(out, ch)
			space = false
		}
	}
	return string(out)
}
