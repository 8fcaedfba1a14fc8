package epubtest

import (
	"archive/zip"
	"io"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/pamphlet/pamphlet/internal/testtool"
)

var (
	pageListRE = regexp.MustCompile(`(?s)<nav epub:type="page-list"[^>]*>(.*?)</nav>`)
	navLinkRE  = regexp.MustCompile(`<a href="([^"#]+)#([^"]+)">([^<]*)</a>`)
	tagRE      = regexp.MustCompile(`<[^>]*>`)
)

// TestPageListMatchesPDF builds each book in both formats and holds the
// EPUB's page-list to the PDF's pagination: one entry per PDF page, the
// labels in print order (front matter, then 1, 2, 3 …), a page-break
// marker for each, and the words after marker n printed on PDF page n,
// the words before it on page n−1.
func TestPageListMatchesPDF(t *testing.T) {
	pdftotext := testtool.Need(t, "pdftotext")
	bs := books(t)
	for _, name := range names(bs) {
		if testing.Short() && name != "sample" {
			continue
		}
		t.Run(name, func(t *testing.T) {
			out := build(t, bs[name], "pdf", "epub")
			text, err := exec.Command(pdftotext, "-enc", "UTF-8", out["pdf"], "-").Output()
			if err != nil {
				t.Fatalf("pdftotext: %v", err)
			}
			pages := strings.Split(string(text), "\f")
			if len(pages) > 0 && strings.TrimSpace(pages[len(pages)-1]) == "" {
				pages = pages[:len(pages)-1]
			}
			files := readZip(t, out["epub"])
			m := pageListRE.FindStringSubmatch(files["OEBPS/nav.xhtml"])
			if m == nil {
				t.Fatal("nav.xhtml has no page-list")
			}
			links := navLinkRE.FindAllStringSubmatch(m[1], -1)
			if len(links) != len(pages) {
				t.Fatalf("page-list has %d entries, the PDF %d pages", len(links), len(pages))
			}
			next := 1
			for i, l := range links {
				file, id, label := "OEBPS/"+l[1], l[2], l[3]
				if n, err := strconv.Atoi(label); err == nil {
					if n != next {
						t.Errorf("entry %d: page %q, want %d", i+1, label, next)
					}
					next = n + 1
				} else if next > 1 {
					t.Errorf("entry %d: front-matter page %q after page %d", i+1, label, next-1)
				}
				body := files[file]
				marker := `id="` + id + `" aria-label="` + label + `"></span>`
				end := strings.Index(body, marker)
				at := strings.LastIndex(body[:max(end, 0)], "<span")
				if end < 0 || at < 0 || !strings.Contains(body[at:end], `epub:type="pagebreak" role="doc-pagebreak"`) {
					t.Errorf("page %s: no page-break marker %s in %s", label, id, file)
					continue
				}
				if _, err := strconv.Atoi(label); err != nil {
					continue // front matter: the EPUB puts its markers together on the title page
				}
				start := strings.Index(body, "<body")
				before := words(body[start:at])
				after := words(body[at:])
				if len(after) > 3 {
					after = after[:3]
				}
				// Pages that begin inside a list, a quotation or a table
				// are marked there (doc.PageStart.Path), so the words
				// after every marker are on its own page. A table's
				// words come out of pdftotext column by column: inside
				// one only the first word after the marker (its row's
				// first cell) is held to the page.
				inTable := strings.LastIndex(body[:at], "<table") > strings.LastIndex(body[:at], "</table>")
				if inTable {
					// The words of the first cell only: words() would
					// run the cells together.
					cell := body[end+len(marker):]
					after = words(cell[:max(strings.Index(cell, "<"), 0)])
					if len(after) > 1 {
						after = after[:1]
					}
				}
				found := len(after) == 0 || strings.Contains(letters(pages[i]), letters(strings.Join(after, " ")))
				if !found {
					t.Errorf("page %s: %q, after its marker, is not on PDF page %d:\n%s", label, after, i+1, pages[i])
				}
				if inTable {
					continue
				}
				// The last word before a marker may be one the print
				// edition split across the pages; it is left out.
				if len(before) > 1 {
					before = before[:len(before)-1]
					if len(before) > 3 {
						before = before[len(before)-3:]
					}
					if !strings.Contains(letters(pages[i-1]), letters(strings.Join(before, " "))) {
						t.Errorf("page %s: %q, before its marker, is not on PDF page %d:\n%s", label, before, i, pages[i-1])
					}
				}
			}
		})
	}
}

// words returns the words of an XHTML fragment's text. Tags go without
// a trace, so that a word and its note reference stay one word, as in
// print; the writer puts line breaks between blocks.
func words(x string) []string {
	x = tagRE.ReplaceAllString(x, "")
	x = strings.NewReplacer("&amp;", "&", "&lt;", "<", "&gt;", ">", "&quot;", `"`, "&#39;", "'").Replace(x)
	return strings.Fields(x)
}

// letters keeps only letters and digits, lower-cased: what survives the
// PDF's line breaks, hyphens and spacing unchanged.
func letters(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

func readZip(t *testing.T, path string) map[string]string {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	files := map[string]string{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		files[f.Name] = string(data)
	}
	return files
}
