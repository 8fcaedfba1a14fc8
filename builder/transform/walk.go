package transform

import "github.com/pamphlet/pamphlet/builder/doc"

// rewriteInlines replaces, in every run of inlines under blocks (body,
// headings, table cells, captions, list items, quotes), each inline for
// which f returns a replacement. f sees inlines innermost first, so a
// replacement's children are already rewritten.
func rewriteInlines(blocks []doc.Block, f func(doc.Inline) ([]doc.Inline, bool)) {
	for _, b := range blocks {
		switch n := b.(type) {
		case *doc.Para:
			n.Inlines = rewriteRun(n.Inlines, f)
		case *doc.Heading:
			n.Inlines = rewriteRun(n.Inlines, f)
		case *doc.List:
			for _, it := range n.Items {
				rewriteInlines(it.Blocks, f)
			}
		case *doc.Quote:
			rewriteInlines(n.Blocks, f)
		case *doc.Figure:
			n.Caption = rewriteRun(n.Caption, f)
			if n.Image != nil {
				rewriteRun([]doc.Inline{n.Image}, f)
			}
		case *doc.Table:
			for _, rows := range [][][]*doc.Cell{n.Head, n.Rows} {
				for _, row := range rows {
					for _, c := range row {
						c.Inlines = rewriteRun(c.Inlines, f)
					}
				}
			}
		}
	}
}

func rewriteRun(ins []doc.Inline, f func(doc.Inline) ([]doc.Inline, bool)) []doc.Inline {
	var out []doc.Inline
	changed := false
	for i, in := range ins {
		setChildren(in, rewriteRun(doc.Children(in), f))
		repl, ok := f(in)
		if !ok {
			if changed {
				out = append(out, in)
			}
			continue
		}
		if !changed {
			changed = true
			out = append(out, ins[:i]...)
		}
		out = append(out, repl...)
	}
	if !changed {
		return ins
	}
	return mergeText(out)
}

// mergeText joins adjacent Text nodes, which unwrapping a link leaves
// behind, so the model stays compact.
func mergeText(ins []doc.Inline) []doc.Inline {
	out := ins[:0:0]
	for _, in := range ins {
		if t, ok := in.(*doc.Text); ok && len(out) > 0 {
			if prev, ok := out[len(out)-1].(*doc.Text); ok {
				out[len(out)-1] = &doc.Text{Value: prev.Value + t.Value, At: prev.At}
				continue
			}
		}
		out = append(out, in)
	}
	return out
}

func setChildren(in doc.Inline, ins []doc.Inline) {
	switch n := in.(type) {
	case *doc.Emph:
		n.Inlines = ins
	case *doc.Strong:
		n.Inlines = ins
	case *doc.Strike:
		n.Inlines = ins
	case *doc.Sup:
		n.Inlines = ins
	case *doc.Sub:
		n.Inlines = ins
	case *doc.SmallCaps:
		n.Inlines = ins
	case *doc.Link:
		n.Inlines = ins
	}
}
