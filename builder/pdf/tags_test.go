package pdf

import (
	"bytes"
	"os/exec"
	"strings"
	"testing"

	"github.com/pamphlet/pamphlet/builder/doc"
	"github.com/pamphlet/pamphlet/builder/font"
	"github.com/pamphlet/pamphlet/builder/frame"
	"github.com/pamphlet/pamphlet/builder/pdf/internal/obj"
	"github.com/pamphlet/pamphlet/builder/units"

	"github.com/pamphlet/pamphlet/internal/testtool"
)

// TestMarkedContent: the tagging hooks write balanced marked content
// with one MCID counter per stream.
func TestMarkedContent(t *testing.T) {
	var c content
	c.reset(100 * units.Pt)
	if id := c.beginTag("P"); id != 0 {
		t.Errorf("first MCID %d", id)
	}
	c.endMarked()
	c.beginArtifact("Pagination")
	c.beginArtifact("")
	if id := c.beginTag("Span"); id != 1 {
		t.Errorf("second MCID %d", id)
	}
	c.closeMarks()
	c.endMarked() // nothing open: nothing written
	want := "/P <</MCID 0>> BDC\nEMC\n/Artifact <</Type /Pagination>> BDC\n/Artifact BMC\n/Span <</MCID 1>> BDC\nEMC\nEMC\nEMC\n"
	if got := string(c.b); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	c.reset(0)
	if c.mcid != 0 || c.marks != 0 || len(c.b) != 0 {
		t.Error("reset keeps the counters")
	}
}

// TestStructureHook: a document with a structure (all its hooks used,
// no tree yet) is a valid PDF that says it is tagged.
func TestStructureHook(t *testing.T) {
	fs, err := font.Default()
	if err != nil {
		t.Fatal(err)
	}
	d := &frame.Document{Meta: doc.Meta{Title: "Tagged"}, Pages: []*frame.Page{{W: 200 * units.Pt, H: 200 * units.Pt, Items: []frame.Item{
		{Kind: frame.Text, X: 20 * units.Pt, Y: 50 * units.Pt, Face: font.Regular, Size: 12 * units.Pt, Text: "Tagged"},
	}}}}
	var buf bytes.Buffer
	doc, err := newDocument(&buf, d, fs, Options{Created: created})
	if err != nil {
		t.Fatal(err)
	}
	doc.tags = &structure{}
	elem := doc.w.Alloc()
	c := doc.newContent(0)
	c.reset(d.Pages[0].H)
	pg := page{w: 200, h: 200, structParents: doc.tags.nextPage()}
	mcid := c.beginTag("P")
	doc.tags.pages[pg.structParents] = append(doc.tags.pages[pg.structParents], elem)
	if err := doc.paint(c, d.Pages[0], nil); err != nil {
		t.Fatal(err)
	}
	doc.addPage(pg, c)
	doc.w.Write(elem, obj.Dict{"Type": obj.Name("StructElem"), "S": obj.Name("P"), "K": obj.Int(mcid)})
	if err := doc.finish(0); err != nil {
		t.Fatal(err)
	}
	file := writeFile(t, "tagged.pdf", buf.Bytes())
	testtool.CheckPDF(t, file)
	out, err := exec.Command(testtool.Need(t, "pdfinfo"), file).Output()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(out), "Tagged:          yes") {
		t.Errorf("pdfinfo:\n%s", out)
	}
	if !bytes.Contains(buf.Bytes(), []byte("/StructParents 0")) || !bytes.Contains(buf.Bytes(), []byte("/ParentTree")) {
		t.Error("no /StructParents or /ParentTree")
	}
}
