package pdf

import (
	"fmt"
	"slices"
	"strings"

	"github.com/pamphlet/pamphlet/builder/frame"
	"github.com/pamphlet/pamphlet/builder/pdf/internal/obj"
	"github.com/pamphlet/pamphlet/builder/units"
)

// structure gathers a tagged PDF's structure tree while the pages are
// painted, and writes it at the end. The tree is frame.Document.Nodes:
// one structure element per node whose subtree has content, children in
// node order (the book's reading order, whatever the pages did with it:
// notes at the foot of pages, labels painted after their list item's
// text). Each element's own content, the marked-content sequences
// (MCIDs) the painter opened for it and the link annotations it owns,
// is kept in painting order and merged with its child elements by where
// each child's content starts.
//
// The painter (document.setMark) opens one sequence per run of one
// node's items: a paragraph whose lines follow one another on a page is
// one sequence, its lines each a text object inside it; a line that
// mixes nodes (a link inside a paragraph) opens and closes its
// sequences inside its text object.
type structure struct {
	nodes []frame.Node
	// link is set for the nodes whose role is Link: their text becomes
	// their annotations' /Contents.
	link     []bool
	linkText map[int32][]string

	// pages[i] lists, by MCID, the node that owns each marked-content
	// sequence of the i-th tagged page (its /StructParents i), and
	// pageRefs[i] is that page's object.
	pages    [][]int32
	pageRefs []obj.Ref
	// content[n] is node n's own content in painting order.
	content [][]contentRef
	seq     int32
	annots  []annotation
}

// contentRef is a piece of an element's content: marked-content sequence
// mcid of tagged page page, or, when annot is not 0, that annotation on
// the page. seq orders pieces across the whole document.
type contentRef struct {
	seq   int32
	page  int32
	mcid  int32
	annot obj.Ref
}

// annotation is a link annotation kept until the end, when the text of
// its Link element is known for its /Contents.
type annotation struct {
	ref  obj.Ref
	node int32
	d    obj.Dict
}

// newStructure returns the structure of d, or nil when d carries none.
func newStructure(d *frame.Document) *structure {
	if len(d.Nodes) == 0 {
		return nil
	}
	s := &structure{
		nodes:    d.Nodes,
		link:     make([]bool, len(d.Nodes)),
		linkText: map[int32][]string{},
		content:  make([][]contentRef, len(d.Nodes)),
	}
	for i, n := range d.Nodes {
		s.link[i] = n.Role == "Link"
	}
	return s
}

// nextPage returns the /StructParents index of the next page, page
// object ref, or -1 when the document is not tagged.
func (s *structure) nextPage(ref obj.Ref) int {
	if s == nil {
		return -1
	}
	s.pages = append(s.pages, nil)
	s.pageRefs = append(s.pageRefs, ref)
	return len(s.pages) - 1
}

// valid reports whether n is a node of the tree.
func (s *structure) valid(n int32) bool { return n > 0 && int(n) < len(s.nodes) }

// mark records that MCID mcid of the current page belongs to node n.
func (s *structure) mark(n int32, mcid int) {
	p := len(s.pages) - 1
	s.pages[p] = append(s.pages[p], n)
	s.content[n] = append(s.content[n], contentRef{seq: s.seq, page: int32(p), mcid: int32(mcid)})
	s.seq++
}

// addAnnot records link annotation ref of the current page, owned by
// node n (the Document when n is not a node), to be written at the end.
func (s *structure) addAnnot(ref obj.Ref, n int32, d obj.Dict) {
	if !s.valid(n) {
		n = 0
	}
	p := len(s.pages) - 1
	s.content[n] = append(s.content[n], contentRef{seq: s.seq, page: int32(p), mcid: -1, annot: ref})
	s.seq++
	s.annots = append(s.annots, annotation{ref: ref, node: n, d: d})
}

// addText notes the text of item it when it belongs to a Link, for the
// link's annotations.
func (s *structure) addText(it *frame.Item) {
	if s.valid(it.Node) && s.link[it.Node] {
		s.linkText[it.Node] = append(s.linkText[it.Node], strings.Clone(it.Text))
	}
}

// parent returns node i's parent; a malformed tree (a parent that does
// not come before its child) hangs the node on the Document.
func (s *structure) parent(i int) int32 {
	p := s.nodes[i].Parent
	if p < 0 || int(p) >= i {
		return 0
	}
	return p
}

// standardRoles are the standard structure types of PDF 1.7 (14.8.4);
// a node of another role is mapped to P in the RoleMap.
var standardRoles = map[string]bool{
	"Document": true, "Part": true, "Art": true, "Sect": true, "Div": true,
	"BlockQuote": true, "Caption": true, "TOC": true, "TOCI": true, "Index": true,
	"NonStruct": true, "Private": true, "P": true, "H": true, "H1": true, "H2": true,
	"H3": true, "H4": true, "H5": true, "H6": true, "L": true, "LI": true, "Lbl": true,
	"LBody": true, "Table": true, "TR": true, "TH": true, "TD": true, "THead": true,
	"TBody": true, "TFoot": true, "Span": true, "Quote": true, "Note": true,
	"Reference": true, "BibEntry": true, "Code": true, "Link": true, "Annot": true,
	"Ruby": true, "RB": true, "RT": true, "RP": true, "Warichu": true, "WT": true,
	"WP": true, "Figure": true, "Formula": true, "Form": true,
}

// addToCatalog writes the structure tree, the link annotations and the
// parent tree, and points the catalog at them. An untagged document
// writes nothing.
func (s *structure) addToCatalog(w *obj.Writer, cat obj.Dict) {
	if s == nil {
		return
	}
	n := len(s.nodes)
	// Which nodes have content below them, and where it starts.
	has := make([]bool, n)
	first := make([]int32, n)
	for i := range first {
		first[i] = 1<<31 - 1
	}
	for i := n - 1; i >= 0; i-- {
		if len(s.content[i]) > 0 {
			has[i] = true
			first[i] = min(first[i], s.content[i][0].seq)
		}
		if i == 0 || !has[i] {
			continue
		}
		p := s.parent(i)
		first[p] = min(first[p], first[i])
		has[p] = true
	}
	has[0] = true
	refs := make([]obj.Ref, n)
	kids := make([][]int32, n)
	for i := range n {
		if !has[i] {
			continue
		}
		refs[i] = w.Alloc()
		if i > 0 {
			p := s.parent(i)
			kids[p] = append(kids[p], int32(i))
		}
	}
	root, parents := w.Alloc(), w.Alloc()
	roleMap := obj.Dict{}
	type noteID struct {
		id  string
		ref obj.Ref
	}
	var ids []noteID
	for i := range n {
		if !has[i] {
			continue
		}
		nd := s.nodes[i]
		role := nd.Role
		if role == "" {
			role = "NonStruct"
		}
		if !standardRoles[role] {
			roleMap[obj.Name(role)] = obj.Name("P")
		}
		d := obj.Dict{"Type": obj.Name("StructElem"), "S": obj.Name(role)}
		if i == 0 {
			d["P"] = root
		} else {
			d["P"] = refs[s.parent(i)]
		}
		own := s.content[i]
		var pg int32 = -1
		for _, c := range own {
			if c.annot == 0 {
				pg = c.page
				break
			}
		}
		if pg >= 0 {
			d["Pg"] = s.pageRefs[pg]
		}
		// Merge own content (in painting order) with the child
		// elements (in node order) by where each child's content
		// starts.
		var k obj.Array
		ch := kids[i]
		for len(own) > 0 || len(ch) > 0 {
			if len(ch) == 0 || len(own) > 0 && own[0].seq < first[ch[0]] {
				c := own[0]
				own = own[1:]
				switch {
				case c.annot != 0:
					k = append(k, obj.Dict{"Type": obj.Name("OBJR"), "Obj": c.annot, "Pg": s.pageRefs[c.page]})
				case c.page == pg:
					k = append(k, obj.Int(c.mcid))
				default:
					k = append(k, obj.Dict{"Type": obj.Name("MCR"), "Pg": s.pageRefs[c.page], "MCID": obj.Int(c.mcid)})
				}
				continue
			}
			k = append(k, refs[ch[0]])
			ch = ch[1:]
		}
		if len(k) > 0 {
			d["K"] = k
		}
		if nd.Lang != "" {
			d["Lang"] = obj.Text(nd.Lang)
		}
		if nd.Alt != "" {
			d["Alt"] = obj.Text(nd.Alt)
		}
		if role == "TH" {
			scope := nd.Scope
			if scope != "Row" && scope != "Both" {
				scope = "Column"
			}
			d["A"] = obj.Dict{"O": obj.Name("Table"), "Scope": obj.Name(scope)}
		}
		if role == "Note" {
			// PDF/UA-1 (7.9) wants every note identified.
			id := fmt.Sprintf("note-%06d", i)
			d["ID"] = obj.String(id)
			ids = append(ids, noteID{id, refs[i]})
		}
		w.Write(refs[i], d)
	}

	// The annotations, with their Link's text as /Contents, and the
	// parent tree: each tagged page's MCIDs, then each annotation.
	nums := obj.Array{}
	for i, owners := range s.pages {
		arr := make(obj.Array, len(owners))
		for j, o := range owners {
			arr[j] = refs[o]
		}
		nums = append(nums, obj.Int(i), arr)
	}
	key := len(s.pages)
	for _, a := range s.annots {
		if t := strings.Join(s.linkText[a.node], " "); t != "" {
			a.d["Contents"] = obj.Text(t)
		} else if _, ok := a.d["Contents"]; !ok {
			a.d["Contents"] = obj.Text("Link")
		}
		a.d["StructParent"] = obj.Int(key)
		w.Write(a.ref, a.d)
		nums = append(nums, obj.Int(key), refs[a.node])
		key++
	}
	w.Write(parents, obj.Dict{"Nums": nums})
	rd := obj.Dict{
		"Type":              obj.Name("StructTreeRoot"),
		"K":                 refs[0],
		"ParentTree":        parents,
		"ParentTreeNextKey": obj.Int(key),
	}
	if len(roleMap) > 0 {
		rd["RoleMap"] = roleMap
	}
	if len(ids) > 0 {
		slices.SortFunc(ids, func(a, b noteID) int { return strings.Compare(a.id, b.id) })
		names := make(obj.Array, 0, 2*len(ids))
		for _, x := range ids {
			names = append(names, obj.String(x.id), x.ref)
		}
		idTree := w.Alloc()
		w.Write(idTree, obj.Dict{"Names": names})
		rd["IDTree"] = idTree
	}
	w.Write(root, rd)
	cat["StructTreeRoot"] = root
	cat["MarkInfo"] = obj.Dict{"Marked": obj.Bool(true)}
}

// Mark keys: what a run of items is marked as. A node (> 0) is tagged
// content; the others are artifacts of a kind.
const (
	markNone   int32 = -1 << 31
	markLayout int32 = -1 - iota
	markHeader
	markFooter
	markPagination
	markPage // printer's marks
)

// artifactProps are the property lists of the artifact keys.
var artifactProps = map[int32]string{
	markLayout:     "<</Type /Layout>>",
	markHeader:     "<</Type /Pagination /Subtype /Header>>",
	markFooter:     "<</Type /Pagination /Subtype /Footer>>",
	markPagination: "<</Type /Pagination>>",
	markPage:       "<</Type /Page>>",
}

// pageBand is the extent of a page's tagged content, from the first
// baseline or image top to the last: text outside it that is no node's
// (running heads above, folios below) is pagination, text inside it
// (ornaments, continuation arrows, leaders) layout.
type pageBand struct {
	top, bottom units.Sp
	any         bool
}

func bandOf(p *frame.Page) pageBand {
	var b pageBand
	for i := range p.Items {
		it := &p.Items[i]
		if it.Node <= 0 || (it.Kind != frame.Text && it.Kind != frame.Image) {
			continue
		}
		if !b.any {
			b.top, b.bottom, b.any = it.Y, it.Y, true
			continue
		}
		b.top, b.bottom = min(b.top, it.Y), max(b.bottom, it.Y)
	}
	return b
}

// key returns what item it is marked as.
func (b pageBand) key(it *frame.Item) int32 {
	if it.Node > 0 && it.Kind != frame.Rule {
		return it.Node
	}
	if it.Kind != frame.Text {
		return markLayout
	}
	switch {
	case !b.any:
		return markPagination
	case it.Y < b.top:
		return markHeader
	case it.Y > b.bottom:
		return markFooter
	}
	return markLayout
}
