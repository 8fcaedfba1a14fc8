package pdf

import (
	"bytes"
	"os/exec"
	"strings"
	"testing"

	"github.com/pamphlet/pamphlet/builder/doc"
	"github.com/pamphlet/pamphlet/builder/font"
	"github.com/pamphlet/pamphlet/builder/frame"
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

// TestStructureHook: a document with a structure is a valid PDF that
// says it is tagged, its one paragraph one marked sequence.
func TestStructureHook(t *testing.T) {
	fs, err := font.Default()
	if err != nil {
		t.Fatal(err)
	}
	d := &frame.Document{Meta: doc.Meta{Title: "Tagged"}, Pages: []*frame.Page{{W: 200 * units.Pt, H: 200 * units.Pt, Items: []frame.Item{
		{Kind: frame.Text, X: 20 * units.Pt, Y: 50 * units.Pt, Face: font.Regular, Size: 12 * units.Pt, Text: "Tagged", Node: 1},
	}}}, Nodes: []frame.Node{{Role: "Document", Parent: -1}, {Role: "P"}}}
	var buf bytes.Buffer
	if err := Write(&buf, d, fs, Options{Created: created}); err != nil {
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
