package pdf

import "github.com/pamphlet/pamphlet/builder/pdf/internal/obj"

// outline writes the document's bookmarks, pages being the page objects
// of the document's pages, and returns the outline's root (0 when there
// are none). Entries nest by level; a level may deepen by one at a time,
// deeper ones are taken as one below their predecessor. Every entry with
// children starts closed.
func (doc *document) outline(pages []obj.Ref) obj.Ref {
	type node struct {
		ref      obj.Ref
		d        obj.Dict
		children []*node
	}
	root := &node{}
	var stack []*node // stack[l] is the last entry of level l
	for _, o := range doc.d.Outline {
		if o.Page < 0 || o.Page >= len(pages) {
			continue
		}
		lvl := max(0, min(o.Level, len(stack)))
		n := &node{ref: doc.w.Alloc(), d: obj.Dict{
			"Title": obj.Text(o.Title),
			"Dest":  dest(pages[o.Page], doc.d.Pages[o.Page], o.Y),
		}}
		parent := root
		if lvl > 0 {
			parent = stack[lvl-1]
		}
		parent.children = append(parent.children, n)
		stack = append(stack[:lvl], n)
	}
	if len(root.children) == 0 {
		return 0
	}
	root.ref = doc.w.Alloc()
	var write func(n *node)
	write = func(n *node) {
		for i, ch := range n.children {
			ch.d["Parent"] = n.ref
			if i > 0 {
				ch.d["Prev"] = n.children[i-1].ref
			}
			if i+1 < len(n.children) {
				ch.d["Next"] = n.children[i+1].ref
			}
			if len(ch.children) > 0 {
				ch.d["First"] = ch.children[0].ref
				ch.d["Last"] = ch.children[len(ch.children)-1].ref
				// Negative: closed, with this many entries under it
				// shown once opened.
				ch.d["Count"] = obj.Int(-len(ch.children))
			}
			write(ch)
			doc.w.Write(ch.ref, ch.d)
		}
	}
	write(root)
	doc.w.Write(root.ref, obj.Dict{
		"Type":  obj.Name("Outlines"),
		"First": root.children[0].ref,
		"Last":  root.children[len(root.children)-1].ref,
		"Count": obj.Int(len(root.children)),
	})
	return root.ref
}
