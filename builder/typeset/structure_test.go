package typeset

import (
	"context"
	"strings"
	"testing"

	"github.com/pamphlet/pamphlet/builder/diag"
	"github.com/pamphlet/pamphlet/builder/doc"
	"github.com/pamphlet/pamphlet/builder/frame"
)

// TestHyphenFlags: a word broken at a hyphenation point is marked on
// both sides of the break, and the two pieces without the added hyphen
// make the word as written (what a screen reader must say).
func TestHyphenFlags(t *testing.T) {
	src := strings.Repeat("Internationalisation of extraordinarily incomprehensible responsibilities characterises bureaucracies. ", 8)
	a := md(t, "hy", "# Hyphens\n\n"+src+"\n")
	b := &doc.Book{Meta: doc.Meta{Title: "H", Lang: "en"}, Articles: []*doc.Article{a}}
	var diags diag.List
	d, err := Typeset(context.Background(), b, opts(t), &diags)
	if err != nil {
		t.Fatal(err)
	}
	words := map[string]bool{}
	for _, w := range strings.Fields(src) {
		words[strings.Trim(w, ".")] = true
	}
	var pending string
	broken := 0
	for _, p := range d.Pages {
		for _, it := range p.Items {
			if it.Kind != frame.Text {
				continue
			}
			if it.Flags&frame.Continues != 0 {
				if pending == "" {
					t.Errorf("%q continues no hyphenated word", it.Text)
				}
				w := strings.Trim(pending+it.Text, ".")
				if !words[w] {
					t.Errorf("pieces make %q, not a word of the text", w)
				}
				broken++
				pending = ""
			}
			if it.Flags&frame.Hyphenated != 0 {
				if !strings.HasSuffix(it.Text, "-") {
					t.Errorf("hyphenated item %q has no hyphen", it.Text)
				}
				pending = strings.TrimSuffix(it.Text, "-")
			}
		}
	}
	if broken == 0 {
		t.Fatal("no word was hyphenated: the test needs a narrower measure")
	}
	if pending != "" {
		t.Errorf("hyphenated %q is never continued", pending)
	}
}

// TestStructureOrder: every item that is content points at a node, the
// nodes come parents first, and the text of the P nodes in tree order
// reads as the source.
func TestStructureOrder(t *testing.T) {
	a := md(t, "s", "# S\n\nFirst paragraph with a [link](https://example.org/) inside.\n\nSecond paragraph.[^n]\n\n[^n]: A note.\n")
	b := &doc.Book{Meta: doc.Meta{Title: "S", Lang: "en"}, Articles: []*doc.Article{a}}
	var diags diag.List
	d, err := Typeset(context.Background(), b, opts(t), &diags)
	if err != nil {
		t.Fatal(err)
	}
	for i, n := range d.Nodes {
		if i == 0 && (n.Role != "Document" || n.Parent != -1) || i > 0 && (n.Parent < 0 || int(n.Parent) >= i) {
			t.Errorf("node %d %+v out of order", i, n)
		}
	}
	text := map[int32][]string{}
	for _, p := range d.Pages {
		for _, it := range p.Items {
			if it.Kind == frame.Text && it.Node > 0 {
				text[it.Node] = append(text[it.Node], it.Text)
			}
			if it.Kind == frame.Link && (it.Node <= 0 || d.Nodes[it.Node].Role != "Link") {
				t.Errorf("link rectangle in node %d", it.Node)
			}
		}
	}
	var got []string
	for i, n := range d.Nodes {
		if n.Role == "P" || n.Role == "Link" {
			got = append(got, text[int32(i)]...)
		}
	}
	want := "First paragraph with a inside. link Second paragraph. 1 1. A note."
	if g := strings.Join(got, " "); !strings.Contains(g, want) {
		t.Errorf("P and Link text in tree order:\n%s\nwant it to contain\n%s", g, want)
	}
}
