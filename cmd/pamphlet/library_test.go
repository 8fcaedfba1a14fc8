package main

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"io/fs"
	"net/url"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/pamphlet/pamphlet/internal/testtool"
)

// testLibrary makes the test library in a temporary folder: two small
// corpus books, the sample pamphlet and testdata's French booklet, with
// testdata's library.yaml (two groups).
func testLibrary(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, b := range []string{"common-sense", "communist-manifesto"} {
		src := testtool.Shared(t, "../../../shared/corpus/"+b)
		if err := os.CopyFS(filepath.Join(dir, b), os.DirFS(src)); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.CopyFS(filepath.Join(dir, "declaration"), os.DirFS("testdata/library/declaration")); err != nil {
		t.Fatal(err)
	}
	if err := os.CopyFS(filepath.Join(dir, "sample", "articles"), os.DirFS("../../articles")); err != nil {
		t.Fatal(err)
	}
	for from, to := range map[string]string{"../../book.yaml": "sample/book.yaml", "testdata/library/library.yaml": "library.yaml"} {
		data, err := os.ReadFile(from)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, to), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// runCLI runs pamphlet with args and returns its exit status and stderr.
func runCLI(t *testing.T, args ...string) (int, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), args, &stdout, &stderr)
	return code, stderr.String()
}

var summaryLine = regexp.MustCompile(`pamphlet: (\d+) books, (\d+) rebuilt, (\d+) failed; (\d+) of (\d+) site files rewritten`)

func summary(t *testing.T, stderr string) []string {
	t.Helper()
	m := summaryLine.FindStringSubmatch(stderr)
	if m == nil {
		t.Fatalf("no summary line in:\n%s", stderr)
	}
	return m[1:]
}

func written(stderr string) []string {
	var out []string
	for _, l := range strings.Split(stderr, "\n") {
		if w, ok := strings.CutPrefix(l, "pamphlet: wrote "); ok {
			out = append(out, w)
		}
	}
	sort.Strings(out)
	return out
}

// TestLibrary builds the test library, then again with nothing changed,
// then with one article changed, and checks what each run rebuilt and
// rewrote; then the site's links, the feeds, a second site's bytes, and
// a failing book.
func TestLibrary(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "")
	dir := testLibrary(t)
	site := filepath.Join(dir, "site")

	code, stderr := runCLI(t, "library", dir, "--jobs", "2", "-v")
	if code != exitOK {
		t.Fatalf("first run: exit %d\n%s", code, stderr)
	}
	if got := summary(t, stderr); got[0] != "4" || got[1] != "4" || got[2] != "0" || got[3] != got[4] {
		t.Errorf("first run: %v books/rebuilt/failed/rewritten/files, want 4 4 0 and every file:\n%s", got, stderr)
	}

	code, stderr = runCLI(t, "library", dir, "--jobs", "2", "-v")
	if code != exitOK {
		t.Fatalf("second run: exit %d\n%s", code, stderr)
	}
	if got := summary(t, stderr); got[1] != "0" || got[3] != "0" {
		t.Errorf("second run rebuilt %s books and rewrote %s files, want 0 and 0:\n%s", got[1], got[3], stderr)
	}

	stamps := outputTimes(t, site)
	article := filepath.Join(dir, "communist-manifesto", "06-chapter-4.md")
	f, err := os.OpenFile(article, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("\nA paragraph added by the test, long enough to change the book's outputs.\n")
	f.Close()
	code, stderr = runCLI(t, "library", dir, "--jobs", "2", "-v")
	if code != exitOK {
		t.Fatalf("third run: exit %d\n%s", code, stderr)
	}
	if got := summary(t, stderr); got[1] != "1" {
		t.Errorf("after changing one article, %s books rebuilt, want 1:\n%s", got[1], stderr)
	}
	if !strings.Contains(stderr, "pamphlet: communist-manifesto built:") {
		t.Errorf("the changed book was not the one built:\n%s", stderr)
	}
	for p, now := range outputTimes(t, site) {
		if !strings.HasPrefix(p, "files/") {
			continue // pages and feeds: below
		}
		if changed := stamps[p] != now; changed != strings.HasPrefix(p, "files/communist-manifesto/") {
			t.Errorf("%s: rewritten %v, want only the changed book's files rewritten", p, changed)
		}
	}
	// The pages that list the book: its own, the index, its language's
	// and its group's, and the feeds with it.
	lists := []string{"books/communist-manifesto.html", "index.html", "language/en.html", "group/revolutions.html",
		"opds/all.xml", "opds/language-en.xml", "opds/group-revolutions.xml", "opds/catalog.json"}
	w := written(stderr)
	if !slices.Contains(w, "books/communist-manifesto.html") {
		t.Errorf("the book's page was not rewritten: %v", w)
	}
	for _, p := range w {
		if !slices.Contains(lists, p) {
			t.Errorf("%s was rewritten, but it does not list the changed book", p)
		}
	}

	checkLinks(t, site)
	checkOPDS(t, site, 4)
	t.Run("accessible", func(t *testing.T) { checkAccessible(t, site) })

	// The same library elsewhere gives the same bytes.
	other := filepath.Join(t.TempDir(), "site")
	if code, stderr := runCLI(t, "library", dir, "--out", other, "--jobs", "2"); code != exitOK {
		t.Fatalf("second site: exit %d\n%s", code, stderr)
	}
	compareTrees(t, site, other)

	// A broken book fails on its own, with its own diagnostics, and keeps
	// its previous outputs and its place in the site.
	manifest := filepath.Join(dir, "declaration", "book.yaml")
	data, _ := os.ReadFile(manifest)
	os.WriteFile(manifest, append(data, "  - missing.md\n"...), 0o644)
	code, stderr = runCLI(t, "library", dir, "--jobs", "2")
	if code != exitBook {
		t.Errorf("with a broken book: exit %d, want %d\n%s", code, exitBook, stderr)
	}
	if !strings.Contains(stderr, "declaration/book.yaml:10:") || !strings.Contains(stderr, "pamphlet: declaration failed: 1 error; its previous outputs stay in the site") {
		t.Errorf("the broken book's diagnostics are missing:\n%s", stderr)
	}
	if got := summary(t, stderr); got[0] != "4" || got[1] != "0" || got[2] != "1" {
		t.Errorf("with a broken book: %v, want 4 books, 0 rebuilt, 1 failed", got)
	}
	if idx, _ := os.ReadFile(filepath.Join(site, "index.html")); !bytes.Contains(idx, []byte("books/declaration.html")) {
		t.Error("the broken book's previous edition left the index")
	}
	checkLinks(t, site)
}

// outputTimes returns the modification time of every file under site.
func outputTimes(t *testing.T, site string) map[string]int64 {
	t.Helper()
	out := map[string]int64{}
	filepath.WalkDir(site, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			fi, _ := d.Info()
			rel, _ := filepath.Rel(site, p)
			out[filepath.ToSlash(rel)] = fi.ModTime().UnixNano()
		}
		return nil
	})
	return out
}

func compareTrees(t *testing.T, a, b string) {
	t.Helper()
	files := map[string]bool{}
	for p := range outputTimes(t, a) {
		files[p] = true
	}
	for p := range outputTimes(t, b) {
		files[p] = true
	}
	for p := range files {
		x, errA := os.ReadFile(filepath.Join(a, p))
		y, errB := os.ReadFile(filepath.Join(b, p))
		if errA != nil || errB != nil || !bytes.Equal(x, y) {
			t.Errorf("%s differs between two sites of the same library", p)
		}
	}
}

// checkLinks parses every page of the site and checks that each link and
// image resolves to a file in it (relative links only; the site has no
// others but the feeds' media types).
func checkLinks(t *testing.T, site string) {
	t.Helper()
	pages := 0
	for p := range outputTimes(t, site) {
		if !strings.HasSuffix(p, ".html") {
			continue
		}
		pages++
		data, err := os.ReadFile(filepath.Join(site, p))
		if err != nil {
			t.Fatal(err)
		}
		doc, err := html.Parse(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		links := 0
		var walk func(*html.Node)
		walk = func(n *html.Node) {
			if n.Type == html.ElementNode {
				for _, a := range n.Attr {
					if a.Key == "href" || a.Key == "src" {
						links++
						checkTarget(t, site, p, a.Val)
					}
				}
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c)
			}
		}
		walk(doc)
		if links == 0 {
			t.Errorf("%s has no links", p)
		}
	}
	if pages < 8 {
		t.Errorf("the site has %d pages, want the index, 4 books, 2 languages and 2 groups", pages)
	}
}

func checkTarget(t *testing.T, site, from, href string) {
	t.Helper()
	u, err := url.Parse(href)
	if err != nil || u.Scheme != "" || u.Host != "" || strings.HasPrefix(u.Path, "/") {
		t.Errorf("%s: link %q is not relative to the site", from, href)
		return
	}
	if u.Path == "" {
		return // a fragment of the same page
	}
	target := path.Join(path.Dir(from), u.Path)
	if strings.HasPrefix(target, "../") {
		t.Errorf("%s: link %q leaves the site", from, href)
		return
	}
	if fi, err := os.Stat(filepath.Join(site, filepath.FromSlash(target))); err != nil || fi.IsDir() {
		t.Errorf("%s: link %q: no file %s in the site", from, href, target)
	}
}

// atomFeed is the part of an OPDS 1.2 feed the test reads; the element
// names carry their namespaces, so a feed in the wrong one fails.
type atomFeed struct {
	XMLName xml.Name   `xml:"http://www.w3.org/2005/Atom feed"`
	ID      string     `xml:"http://www.w3.org/2005/Atom id"`
	Updated string     `xml:"http://www.w3.org/2005/Atom updated"`
	Links   []atomLink `xml:"http://www.w3.org/2005/Atom link"`
	Entries []struct {
		Title    string     `xml:"http://www.w3.org/2005/Atom title"`
		ID       string     `xml:"http://www.w3.org/2005/Atom id"`
		Language string     `xml:"http://purl.org/dc/terms/ language"`
		Links    []atomLink `xml:"http://www.w3.org/2005/Atom link"`
	} `xml:"http://www.w3.org/2005/Atom entry"`
	Attrs []xml.Attr `xml:",any,attr"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr"`
	Href string `xml:"href,attr"`
	Type string `xml:"type,attr"`
}

// checkOPDS reads the OPDS 1.2 feeds and the OPDS 2.0 feed and checks
// that both list every book with covers and acquisition links.
func checkOPDS(t *testing.T, site string, books int) {
	t.Helper()
	read := func(p string) atomFeed {
		data, err := os.ReadFile(filepath.Join(site, p))
		if err != nil {
			t.Fatal(err)
		}
		var f atomFeed
		if err := xml.Unmarshal(data, &f); err != nil {
			t.Fatalf("%s is not well-formed Atom: %v", p, err)
		}
		ns := map[string]string{}
		for _, a := range f.Attrs {
			ns[a.Name.Local] = a.Value
		}
		if ns["opds"] != "http://opds-spec.org/2010/catalog" || ns["dc"] != "http://purl.org/dc/terms/" {
			t.Errorf("%s: OPDS and Dublin Core namespaces missing: %v", p, ns)
		}
		if f.ID == "" || f.Updated == "" {
			t.Errorf("%s: no id or updated", p)
		}
		for _, l := range f.Links {
			checkTarget(t, site, p, l.Href)
		}
		return f
	}
	nav := read("opds/root.xml")
	var subs []string
	for _, e := range nav.Entries {
		for _, l := range e.Links {
			if l.Rel == "subsection" && strings.Contains(l.Type, "kind=acquisition") {
				subs = append(subs, path.Join("opds", l.Href))
				checkTarget(t, site, "opds/root.xml", l.Href)
			}
		}
	}
	if len(subs) != 5 {
		t.Errorf("the navigation feed leads to %v, want all, 2 languages and 2 groups", subs)
	}
	all := read("opds/all.xml")
	if len(all.Entries) != books {
		t.Errorf("opds/all.xml lists %d books, want %d", len(all.Entries), books)
	}
	types := map[string]bool{}
	for _, e := range all.Entries {
		rels := map[string]bool{}
		for _, l := range e.Links {
			rels[l.Rel] = true
			checkTarget(t, site, "opds/all.xml", l.Href)
			if l.Rel == "http://opds-spec.org/acquisition" {
				types[l.Type] = true
			}
		}
		for _, r := range []string{"http://opds-spec.org/acquisition", "http://opds-spec.org/image", "http://opds-spec.org/image/thumbnail"} {
			if !rels[r] {
				t.Errorf("opds/all.xml: %s has no %s link", e.Title, r)
			}
		}
		if e.ID == "" || e.Language == "" {
			t.Errorf("opds/all.xml: %s has no id or dc:language", e.Title)
		}
	}
	if !types["application/epub+zip"] || !types["application/pdf"] {
		t.Errorf("acquisition media types %v, want EPUB and PDF", types)
	}

	data, err := os.ReadFile(filepath.Join(site, "opds/catalog.json"))
	if err != nil {
		t.Fatal(err)
	}
	var f2 struct {
		Metadata struct {
			Title    string `json:"title"`
			Modified string `json:"modified"`
		} `json:"metadata"`
		Publications []struct {
			Metadata struct {
				Title      string `json:"title"`
				Identifier string `json:"identifier"`
				Language   string `json:"language"`
			} `json:"metadata"`
			Links  []atomLink `json:"links"`
			Images []atomLink `json:"images"`
		} `json:"publications"`
	}
	if err := json.Unmarshal(data, &f2); err != nil {
		t.Fatalf("opds/catalog.json: %v", err)
	}
	if f2.Metadata.Title == "" || f2.Metadata.Modified == "" || len(f2.Publications) != books {
		t.Errorf("opds/catalog.json: title %q, modified %q, %d publications, want %d", f2.Metadata.Title, f2.Metadata.Modified, len(f2.Publications), books)
	}
	for _, p := range f2.Publications {
		acq := 0
		for _, l := range append(p.Links, p.Images...) {
			checkTarget(t, site, "opds/catalog.json", l.Href)
			if strings.HasPrefix(l.Rel, "http://opds-spec.org/acquisition") && (l.Type == "application/pdf" || l.Type == "application/epub+zip") {
				acq++
			}
		}
		if acq < 2 || len(p.Images) < 2 || p.Metadata.Identifier == "" || p.Metadata.Language == "" {
			t.Errorf("opds/catalog.json: %s has %d acquisition links, %d images, id %q, language %q", p.Metadata.Title, acq, len(p.Images), p.Metadata.Identifier, p.Metadata.Language)
		}
	}
}

// The npm packages the accessibility check needs, where .ci/run puts
// them: puppeteer-core comes with Ace, axe-core on its own.
const (
	puppeteerCore = "/opt/ace/node_modules/puppeteer-core"
	axeCore       = "/opt/axe/node_modules/axe-core/axe.min.js"
)

// checkAccessible renders the index and other pages of the site in
// headless Chromium, on a desktop and a phone width, with a screenshot
// each (kept in $PAMPHLET_SHOTS when set), and runs axe-core on them:
// WCAG 2.2 A and AA and axe's best practices, no violation allowed.
func checkAccessible(t *testing.T, site string) {
	node := testtool.Need(t, "node")
	chromium := testtool.Chromium(t)
	for _, p := range []string{puppeteerCore, axeCore} {
		if _, err := os.Stat(p); err != nil {
			if os.Getenv("CI") != "" {
				t.Fatalf("%s is missing; CI must install it (see .ci/run)", p)
			}
			t.Skipf("%s is missing (npm install axe-core in /opt/axe; puppeteer-core comes with Ace)", p)
		}
	}
	shots := os.Getenv("PAMPHLET_SHOTS")
	if shots == "" {
		shots = t.TempDir()
	}
	script, _ := filepath.Abs("testdata/axe.js")
	pages := []string{"index.html", "books/declaration.html", "language/fr.html"}
	cmd := exec.Command(node, append([]string{script, puppeteerCore, axeCore, chromium, shots, "1024,390"}, pages...)...)
	cmd.Dir = site
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("axe: %v\n%s", err, stderr.String())
	}
	var results []struct {
		Page       string `json:"page"`
		Width      int    `json:"width"`
		Screenshot string `json:"screenshot"`
		Violations []struct {
			ID, Impact, Help string
			Nodes            []string
		} `json:"violations"`
	}
	if err := json.Unmarshal(out, &results); err != nil {
		t.Fatalf("axe's report: %v\n%s", err, out)
	}
	if len(results) != 2*len(pages) {
		t.Fatalf("axe checked %d pages, want %d", len(results), 2*len(pages))
	}
	for _, r := range results {
		if fi, err := os.Stat(r.Screenshot); err != nil || fi.Size() < 5000 {
			t.Errorf("%s at %d px: no screenshot", r.Page, r.Width)
		}
		for _, v := range r.Violations {
			t.Errorf("%s at %d px: axe %s (%s): %s\n  %s", r.Page, r.Width, v.ID, v.Impact, v.Help, strings.Join(v.Nodes, "\n  "))
		}
	}
}
