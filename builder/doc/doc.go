// Package doc is pamphlet's document model: the one representation that
// every reader produces and every backend consumes.
//
// A Book is a list of Articles; an Article is metadata, a list of Blocks and
// its Notes. Block and Inline are sealed interfaces, as in go/ast: only the
// types of this package implement them, so a backend's type switch can be
// complete. Every node carries the position of its source, so that any
// stage can report a problem as FILE:LINE.
//
// The model owns its text: it keeps no reference to the Markdown source or
// to any parser's tree, and nodes never share slices.
package doc

import "github.com/pamphlet/pamphlet/builder/diag"

// Pos is a source position; see diag.Pos.
type Pos = diag.Pos

// Meta is the descriptive metadata of a book or an article. A book uses
// every field; an article uses Title, Subtitle, Authors, Date, Source and
// Lang, and leaves the rest empty.
type Meta struct {
	Title    string
	Subtitle string
	Authors  []string
	// Date is as the writer gave it, normally YYYY-MM-DD.
	Date string
	// Source is the URL the text was first published at.
	Source string
	// Lang is a BCP 47 tag such as "en-US"; empty means the book's.
	Lang        string
	Publisher   string
	Identifier  string
	Description string
	Rights      string
	Subjects    []string
	// Hyphenate lists exception words with their allowed break points
	// marked by hyphens ("pam-phlet").
	Hyphenate []string
}

// Book is a whole publication in reading order.
type Book struct {
	Meta     Meta
	Articles []*Article
	// Front is the front matter, made once by builder/front from Meta in
	// the book's language: a half-title, a title page, a colophon and the
	// contents, each an Article whose Part says which. Every word of it
	// is in its blocks; the writers choose which parts their medium
	// shows and where, and print no words of their own. Empty until
	// builder/front has run.
	Front []*Article
}

// Part says which part of the front matter an Article is.
type Part int

// The parts of the front matter, in the order builder/front makes them.
const (
	// PartText is one of the book's own texts (Book.Articles).
	PartText Part = iota
	// PartHalfTitle is the book's title alone, which a long printed
	// book opens with: one Para of class "halftitle".
	PartHalfTitle
	// PartTitle is the title page: a level-1 Heading (the title) and
	// Paras of class "subtitle", "authors" and "publisher".
	PartTitle
	// PartColophon is the copyright page: its Meta.Title names it, and
	// one Para per particular, by class ("title", "authors", "rights",
	// "publisher", "date", "source", "identifier", "set-in",
	// "made-with").
	PartColophon
	// PartContents is the table of contents: a level-1 Heading and an
	// ordered List with one item per article, whose first Para (class
	// "entry") holds an internal Link to the article with its title,
	// and whose second, when the article's authors are not the book's,
	// is of class "byline". The typesetter adds the page numbers.
	PartContents
)

// Article is one text of the book, usually one source file.
type Article struct {
	// ID is unique in the book and safe as an XML id and a file name; it
	// comes from the source file's name.
	ID string
	// Path is the source file as the manifest named it, for messages.
	Path   string
	Meta   Meta
	Blocks []Block
	// Notes are the article's footnotes in order of first reference;
	// Note.N numbers them from 1 within the article.
	Notes []*Note
	At    Pos
	// Part is PartText for the book's texts, else the part of the front
	// matter the article is (see Book.Front).
	Part Part
}

// Note is a footnote's body.
type Note struct {
	// Label is the writer's label ("1", "note-a"); N is its number in the
	// article, which both outputs print.
	Label  string
	N      int
	Blocks []Block
	At     Pos
}

// Block is a block-level node.
type Block interface {
	Pos() Pos
	blockNode()
}

// Inline is an inline node.
type Inline interface {
	Pos() Pos
	inlineNode()
}

// Para is a paragraph.
type Para struct {
	Inlines []Inline
	At      Pos
	// Class names the paragraph's place on a page of front matter
	// ("subtitle", "set-in"; see Part), from which a writer picks its
	// style; empty in the book's texts.
	Class string
}

// Heading is a section heading inside an article. Level 1 is the article's
// own level; sections start at 2 in Markdown but any level may appear.
type Heading struct {
	Level   int
	ID      string // unique within the article; GitHub slug rules
	Inlines []Inline
	At      Pos
}

// List is a bullet or ordered list.
type List struct {
	Ordered bool
	Start   int // first number of an ordered list
	Tight   bool
	Items   []*ListItem
	At      Pos
}

// ListItem is one entry of a List.
type ListItem struct {
	// Task is nil for an ordinary item, else whether the box is checked.
	Task   *bool
	Blocks []Block
	At     Pos
}

// Quote is a block quotation.
type Quote struct {
	Blocks []Block
	At     Pos
}

// CodeBlock is preformatted text, kept exactly.
type CodeBlock struct {
	Lang string
	Text string
	At   Pos
}

// Figure is an image that stands as a block, with an optional caption.
type Figure struct {
	Image   *Image
	Caption []Inline
	At      Pos
}

// Align is a table column's alignment.
type Align int

// Column alignments.
const (
	AlignDefault Align = iota
	AlignLeft
	AlignCenter
	AlignRight
)

// Table is a table of cells. Head holds header rows (usually one), Rows
// the body. Rows may be ragged: a backend pads short rows.
type Table struct {
	Align []Align
	Head  [][]*Cell
	Rows  [][]*Cell
	At    Pos
}

// Cell is a table cell.
type Cell struct {
	Inlines []Inline
	At      Pos
}

// ThematicBreak is a section break, printed as an ornament.
type ThematicBreak struct {
	At Pos
}

// Text is a run of text. Spaces inside it are ordinary inter-word spaces;
// every other character, including no-break and hair spaces and word
// joiners, is kept exactly.
type Text struct {
	Value string
	At    Pos
}

// SoftBreak is a line end in the source; it prints as a space.
type SoftBreak struct{ At Pos }

// LineBreak is a hard line break.
type LineBreak struct{ At Pos }

// Emph is emphasis, usually italic.
type Emph struct {
	Inlines []Inline
	At      Pos
}

// Strong is strong emphasis, usually bold.
type Strong struct {
	Inlines []Inline
	At      Pos
}

// Strike is struck-out text.
type Strike struct {
	Inlines []Inline
	At      Pos
}

// Sup is superscript text.
type Sup struct {
	Inlines []Inline
	At      Pos
}

// Sub is subscript text.
type Sub struct {
	Inlines []Inline
	At      Pos
}

// SmallCaps is text set in small capitals.
type SmallCaps struct {
	Inlines []Inline
	At      Pos
}

// Code is inline code.
type Code struct {
	Value string
	At    Pos
}

// Link is a hyperlink. A link to another place in the book has Internal
// set by the transform stage: TargetArticle is the target article's ID and
// TargetID a heading or anchor ID in it (empty for the article's start).
type Link struct {
	URL           string
	Title         string
	Internal      bool
	TargetArticle string
	TargetID      string
	Inlines       []Inline
	At            Pos
}

// Image is a picture. Src is a path relative to the article's folder as
// written; Path is the resolved file on disk (empty for remote or missing
// images, which the backends render as their alt text).
type Image struct {
	Src   string
	Path  string
	Alt   string
	Title string
	At    Pos
}

// NoteRef is a reference to a footnote of the same article.
type NoteRef struct {
	Label string
	N     int // the note's number; 0 when the note is undefined
	At    Pos
}

func (n *Para) Pos() Pos          { return n.At }
func (n *Heading) Pos() Pos       { return n.At }
func (n *List) Pos() Pos          { return n.At }
func (n *Quote) Pos() Pos         { return n.At }
func (n *CodeBlock) Pos() Pos     { return n.At }
func (n *Figure) Pos() Pos        { return n.At }
func (n *Table) Pos() Pos         { return n.At }
func (n *ThematicBreak) Pos() Pos { return n.At }
func (n *Text) Pos() Pos          { return n.At }
func (n *SoftBreak) Pos() Pos     { return n.At }
func (n *LineBreak) Pos() Pos     { return n.At }
func (n *Emph) Pos() Pos          { return n.At }
func (n *Strong) Pos() Pos        { return n.At }
func (n *Strike) Pos() Pos        { return n.At }
func (n *Sup) Pos() Pos           { return n.At }
func (n *Sub) Pos() Pos           { return n.At }
func (n *SmallCaps) Pos() Pos     { return n.At }
func (n *Code) Pos() Pos          { return n.At }
func (n *Link) Pos() Pos          { return n.At }
func (n *Image) Pos() Pos         { return n.At }
func (n *NoteRef) Pos() Pos       { return n.At }

func (*Para) blockNode()          {}
func (*Heading) blockNode()       {}
func (*List) blockNode()          {}
func (*Quote) blockNode()         {}
func (*CodeBlock) blockNode()     {}
func (*Figure) blockNode()        {}
func (*Table) blockNode()         {}
func (*ThematicBreak) blockNode() {}

func (*Text) inlineNode()      {}
func (*SoftBreak) inlineNode() {}
func (*LineBreak) inlineNode() {}
func (*Emph) inlineNode()      {}
func (*Strong) inlineNode()    {}
func (*Strike) inlineNode()    {}
func (*Sup) inlineNode()       {}
func (*Sub) inlineNode()       {}
func (*SmallCaps) inlineNode() {}
func (*Code) inlineNode()      {}
func (*Link) inlineNode()      {}
func (*Image) inlineNode()     {}
func (*NoteRef) inlineNode()   {}

// Children returns the inline children of a container inline (Emph,
// Strong, Strike, Sup, Sub, SmallCaps, Link) and nil for a leaf.
func Children(in Inline) []Inline {
	switch n := in.(type) {
	case *Emph:
		return n.Inlines
	case *Strong:
		return n.Inlines
	case *Strike:
		return n.Inlines
	case *Sup:
		return n.Inlines
	case *Sub:
		return n.Inlines
	case *SmallCaps:
		return n.Inlines
	case *Link:
		return n.Inlines
	}
	return nil
}

// PageStart says where a page of the print edition begins in the text, so
// that the EPUB can carry the print page numbers (a page-list with page
// break markers). The typesetter produces them.
//
// A page that opens an article has Opening set: its marker goes before
// the article's title. Any other page of an article begins at top-level
// block Block of the article (Block equal to len(Article.Blocks) means
// after the last block: the page holds only the end of a footnote), and,
// when Path is not empty, at a place nested inside that block. Each step
// of Path descends one level into the block reached so far:
//   - a *List takes two steps, the item index and then the index of a
//     block among the item's Blocks (one step alone means the start of
//     that item);
//   - a *Quote takes one step, the index of a block among its Blocks;
//   - a *Table takes one step, the row index counting the Head rows
//     first and then the Rows (the page begins with that row);
//   - any other block ends the path: further steps are ignored.
//
// Offset, when positive, applies to the innermost block the path reaches
// (Block itself for an empty Path) if that is a *Para: the page begins
// inside it, before the rune at Offset of doc.PlainText(para.Inlines).
// Otherwise the page begins before the innermost block. So a start
// without Opening at Block 0, Offset 0 and no Path is a later page that
// begins with the article's first block, after the title.
type PageStart struct {
	Label   string // the printed folio, e.g. "7" or "iii"
	Article int    // index into Book.Articles; -1 for front matter pages
	Block   int
	Offset  int
	Path    []int
	Opening bool
}
