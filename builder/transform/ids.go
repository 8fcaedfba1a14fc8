package transform

import (
	"strconv"
	"strings"

	"github.com/pamphlet/pamphlet/builder/diag"
	"github.com/pamphlet/pamphlet/builder/doc"

	"github.com/pamphlet/pamphlet/internal/ident"
)

// HeadingIDs gives every heading of every article an id unique within its
// article. A heading that already has an id (set by a reader from an
// explicit attribute) keeps it; a second heading with the same explicit
// id is warned about and gets a generated one.
func HeadingIDs(b *doc.Book, diags *diag.List) {
	for _, a := range b.Articles {
		headingIDs(a, diags)
	}
}

func headingIDs(a *doc.Article, diags *diag.List) {
	used := map[string]bool{}
	var generate []*doc.Heading
	// Explicit ids first, so that generated ones step around them.
	allBlocks(a, func(bs []doc.Block) {
		doc.InspectBlocks(bs, func(n doc.Node) bool {
			h, ok := n.(*doc.Heading)
			if !ok {
				return isBlockContainer(n)
			}
			if h.ID == "" {
				generate = append(generate, h)
			} else if used[h.ID] {
				diags.Warnf(at(a, h.At), codeDupID, "heading id %q is used twice in this article; this one gets a new id", h.ID)
				h.ID = ""
				generate = append(generate, h)
			} else {
				used[h.ID] = true
			}
			return false
		})
	})
	for _, h := range generate {
		base := ident.Anchor(doc.PlainText(h.Inlines))
		if base == "" {
			base = "section"
		}
		if reserved(base) {
			base = "s-" + base
		}
		id := base
		for i := 1; used[id]; i++ {
			id = base + "-" + strconv.Itoa(i)
		}
		used[id] = true
		h.ID = id
	}
}

// isBlockContainer says whether Inspect should go into n looking for
// headings: blocks yes, inlines no.
func isBlockContainer(n doc.Node) bool {
	switch n.(type) {
	case doc.Inline, *doc.Para, *doc.Table, *doc.Figure, *doc.CodeBlock:
		return false
	}
	return true
}

// reserved reports whether id is in the namespace kept for notes.
func reserved(id string) bool {
	return id == "fn" || strings.HasPrefix(id, "fn-") || strings.HasPrefix(id, "fnref")
}
