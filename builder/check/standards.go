package check

import (
	"bytes"
	"fmt"
	"time"

	"github.com/pamphlet/pamphlet/builder/check/pdfstd"
	"github.com/pamphlet/pamphlet/builder/laid"
	"github.com/pamphlet/pamphlet/builder/pdf"
)

// standardsFindings writes the reader's PDF of the laid-out book into
// memory, as the build would write it, and checks the finished file
// against the standards it claims (PDF/UA-1, and PDF/A-2 when the
// manifest asks for it; package pdfstd): each requirement it fails is a
// warning about the book, with the requirement's code (UA004, PDFA005…).
// What the file meets is not listed here; `pamphlet check --pdf` lists
// every requirement of a built file.
func standardsFindings(l *laid.Book) []Finding {
	std, err := pdf.ParseStandard(l.Manifest.Print.Standard)
	if err != nil {
		return nil // the manifest has reported it
	}
	var b bytes.Buffer
	// The date does not change what is checked.
	if err := pdf.Write(&b, l.Doc, l.Fonts, pdf.Options{Created: time.Unix(0, 0), Standard: std}); err != nil {
		return []Finding{{Code: "P050", Severity: Warning, Message: fmt.Sprintf("the PDF could not be written to check it against its standards: %v", err)}}
	}
	r, err := pdfstd.Check(b.Bytes())
	if err != nil {
		return []Finding{{Code: "P050", Severity: Warning, Message: fmt.Sprintf("the PDF could not be read back to check it against its standards: %v", err)}}
	}
	var out []Finding
	for _, x := range r.Failed() {
		out = append(out, Finding{Code: x.Code, Severity: Warning, Message: fmt.Sprintf("the reader's PDF fails %s: %s (%s)", x.Standard, x.Requirement, x.Saw)})
	}
	return out
}
