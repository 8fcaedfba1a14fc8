package importer

import (
	"strings"
	"testing"
	"time"

	"github.com/pamphlet/pamphlet/internal/testtool"
)

// TestPathologicalHTML bounds the time of shapes that make naive
// content scoring quadratic: deep nesting with text at every level, many
// links, many unclosed formatting elements.
func TestPathologicalHTML(t *testing.T) {
	cases := map[string]string{
		"nested paragraphs": strings.Repeat("<div class=content><p>Some words, with commas, in a paragraph of text here.</p>", 500) + strings.Repeat("</div>", 500),
		"nested repeated":   strings.Repeat(strings.Repeat("<div><p>text, text, text, and more text for scoring here.</p>", 400)+strings.Repeat("</div>", 400), 5),
		"links":             "<article>" + strings.Repeat("<ul>"+strings.Repeat("<li><a href=/x>link text</a></li>", 50)+"</ul>", 500) + "</article>",
		"unclosed b":        strings.Repeat("<b><i><p>word ", 5000),
		"footnotes":         strings.Repeat(`<p>x<sup><a href="#fn1">1</a></sup></p>`, 5000) + `<ol><li id="fn1">note</li></ol>`,
		"tables":            strings.Repeat("<table><tr><td><table><tr><td>cell, text</td></tr></table></td></tr></table>", 5000),
	}
	for name, src := range cases {
		took := testtool.CPUTime(func() { _, _ = Import("p.html", []byte(src), Options{}, nil) })
		t.Logf("%s: %d KB in %v", name, len(src)/1024, took)
		if took > 5*time.Second {
			t.Errorf("%s: took %v", name, took)
		}
	}
}
