package pdfread

import (
	"bytes"
	"strings"
	"testing"
)

// sample is a PDF in the shape pamphlet writes, by hand: one page, a
// content stream, a text string in UTF-16.
const sample = "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" +
	"1 0 obj\n<</Type /Catalog /Pages 2 0 R /Lang (en)>>\nendobj\n" +
	"2 0 obj\n<</Type /Pages /Kids [3 0 R] /Count 1 /MediaBox [0 0 200 200]>>\nendobj\n" +
	"3 0 obj\n<</Type /Page /Parent 2 0 R /Contents 4 0 R>>\nendobj\n" +
	"4 0 obj\n<</Length 44>>\nstream\n/P <</MCID 0>> BDC\nBT [(ab) -12.5 (c)]TJ ET\nEMC\nendstream\nendobj\n" +
	"5 0 obj\n<</Title <FEFF00470072006F00DF0065> /Name /A#20b /S (x\\(y\\)\\101)>>\nendobj\n" +
	"trailer\n<</Root 1 0 R /Info 5 0 R /Size 6>>\nstartxref\n0\n%%EOF\n"

func TestRead(t *testing.T) {
	f, err := Open([]byte(sample))
	if err != nil {
		t.Fatal(err)
	}
	if f.Header != "1.7" {
		t.Errorf("header %q", f.Header)
	}
	if Text(f.Catalog()["Lang"]) != "en" {
		t.Errorf("catalog %v", f.Catalog())
	}
	info := f.Info()
	if got := Text(info["Title"]); got != "Große" {
		t.Errorf("title %q", got)
	}
	if info["Name"] != Name("A b") || Text(info["S"]) != "x(y)A" {
		t.Errorf("name %v", info["Name"])
	}
	pages := f.Pages()
	if len(pages) != 1 || f.Inherited(pages[0].Dict, "MediaBox") == nil {
		t.Fatalf("pages %v", pages)
	}
	data, err := f.Contents(pages[0].Dict)
	if err != nil {
		t.Fatal(err)
	}
	var ops []string
	if err := Content(data, func(op Op) bool {
		ops = append(ops, op.Name)
		return true
	}); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(ops, " "); got != "BDC BT TJ ET EMC" {
		t.Errorf("operators %q", got)
	}
}

// TestTolerant: an object moved by an edit is found by its header, and a
// stream whose /Length is wrong ends at endstream.
func TestTolerant(t *testing.T) {
	s := strings.Replace(sample, "/Lang (en)", "/Lang (en-GB) /Extra true", 1)
	s = strings.Replace(s, "BT [(ab)", "BT [(abcdef)", 1)
	f, err := Open([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	if Text(f.Catalog()["Lang"]) != "en-GB" {
		t.Errorf("catalog %v", f.Catalog())
	}
	data, err := f.Contents(f.Pages()[0].Dict)
	if err != nil || !bytes.Contains(data, []byte("abcdef")) || !bytes.HasSuffix(bytes.TrimSpace(data), []byte("EMC")) {
		t.Errorf("content %q %v", data, err)
	}
}

func FuzzOpen(f *testing.F) {
	f.Add([]byte(sample))
	f.Add([]byte("%PDF-1.7\n1 0 obj\n<</Length 1 0 R>>\nstream\nxx\nendstream\nendobj\ntrailer\n<</Root 1 0 R>>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		pf, err := Open(data)
		if err != nil {
			return
		}
		for _, n := range pf.Objects() {
			o, _ := pf.Get(n)
			if s, ok := o.(*Stream); ok {
				if b, err := s.Data(); err == nil {
					_ = Content(b, func(Op) bool { return true })
				}
			}
		}
		for _, p := range pf.Pages() {
			pf.Contents(p.Dict)
		}
	})
}
