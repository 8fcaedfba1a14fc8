package pdf

import "github.com/pamphlet/pamphlet/builder/pdf/internal/obj"

// structure is where a tagged PDF's structure tree will be gathered while
// pages are painted: for each page, the structure element that owns each
// of its MCIDs (content.beginTag hands them out). frame does not carry
// structure yet, so the document's structure is nil and nothing below
// writes anything; the hooks are here so that tagging (PDF/UA-1, PDF/A
// level a) lives in this writer:
//
//   - content.beginTag / beginArtifact / endMarked write the marked
//     content, with a per-stream MCID counter;
//   - page.structParents gives a page its /StructParents key, the page's
//     index in the parent tree (-1 leaves it out);
//   - addToCatalog is called by document.finish with the catalog: it
//     writes the StructTreeRoot with its ParentTree number tree and adds
//     /StructTreeRoot and /MarkInfo <</Marked true>> to the catalog.
type structure struct {
	// pages[i] lists, by MCID, the structure element that owns each
	// marked-content sequence of the i-th page with /StructParents i.
	pages [][]obj.Ref
}

// nextPage returns the /StructParents index of the next page, or -1 when
// the document is not tagged.
func (s *structure) nextPage() int {
	if s == nil {
		return -1
	}
	s.pages = append(s.pages, nil)
	return len(s.pages) - 1
}

// addToCatalog writes the structure tree and points the catalog at it.
// An untagged document writes nothing.
func (s *structure) addToCatalog(w *obj.Writer, cat obj.Dict) {
	if s == nil {
		return
	}
	root, parents := w.Alloc(), w.Alloc()
	nums := obj.Array{}
	for i, owners := range s.pages {
		arr := make(obj.Array, len(owners))
		for j, o := range owners {
			arr[j] = o
		}
		nums = append(nums, obj.Int(i), arr)
	}
	w.Write(parents, obj.Dict{"Nums": nums})
	w.Write(root, obj.Dict{"Type": obj.Name("StructTreeRoot"), "ParentTree": parents, "ParentTreeNextKey": obj.Int(len(s.pages))})
	cat["StructTreeRoot"] = root
	cat["MarkInfo"] = obj.Dict{"Marked": obj.Bool(true)}
}
