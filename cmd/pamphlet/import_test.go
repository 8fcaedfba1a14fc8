package main

import (
	"bytes"
	"compress/gzip"
	"encoding/base64"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// runImport runs the import command as the root command would, returning
// its outputs and the exit status run() would give.
func runImport(t *testing.T, dir string, args ...string) (string, string, int) {
	t.Helper()
	wd, _ := os.Getwd()
	if err := os.Chdir(dir); err != nil {
		t.Fatal(err)
	}
	defer os.Chdir(wd)
	var out, errb bytes.Buffer
	cmd := newImport(&out, &errb)
	cmd.SilenceErrors, cmd.SilenceUsage = true, true
	cmd.SetArgs(args)
	err := cmd.Execute()
	code := exitOK
	var be bookError
	var ue usageError
	switch {
	case err == nil:
	case errors.As(err, &be):
		code = exitBook
	case errors.As(err, &ue) || isCobraUsage(err):
		code = exitUsage
	default:
		code = exitBook
	}
	return out.String(), errb.String(), code
}

func write(t *testing.T, path, s string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestImportCommand(t *testing.T) {
	dir := t.TempDir()
	manifest := "# My book\ntitle: T\narticles:\n  - articles/one.md   # first\n  - file: articles/two.md\n    title: Two\n# the end\noutput:\n  name: t\nimport:\n  strip: ['sponsored by .*']\n"
	write(t, filepath.Join(dir, "book.yaml"), manifest)
	write(t, filepath.Join(dir, "raw", "My Post.txt"), "A Title\nA deck line\n\nFirst paragraph of prose, long enough to be body text.\n\nSponsored by Acme\n\nLast paragraph.\n\nShare this:\nTwitter\n")
	write(t, filepath.Join(dir, "raw", "page.html"), `<html><head><title>Page</title></head><body><article><h1>Page</h1><p>Some article text that is long enough to be found as the body of the page, with a comma, and more words after it to pass the threshold.</p><img src="page_files/pic.png" alt="A picture"></article></body></html>`)
	write(t, filepath.Join(dir, "raw", "page_files", "pic.png"), string(tinyPNG))

	out, errs, code := runImport(t, dir, "--dry-run", "raw/My Post.txt")
	if code != 0 || !strings.Contains(out, "raw/My Post.txt → articles/my-post.md") ||
		!strings.Contains(out, `raw/My Post.txt:6: removed "Sponsored by Acme": matches strip pattern sponsored by .*`) ||
		!strings.Contains(out, `raw/My Post.txt:10: removed "Share this:": share prompt: the site's trailing matter starts here`) {
		t.Errorf("dry run: %d\n%s\n%s", code, out, errs)
	}
	if _, err := os.Stat(filepath.Join(dir, "articles")); err == nil {
		t.Errorf("dry run wrote files")
	}

	_, errs, code = runImport(t, dir, "raw/My Post.txt", "raw/page.html", "--add", "book.yaml")
	if code != 0 {
		t.Fatalf("import: %d\n%s", code, errs)
	}
	got, _ := os.ReadFile(filepath.Join(dir, "articles", "my-post.md"))
	if want := "---\ntitle: \"A Title\"\nsubtitle: \"A deck line\"\n---\n\nFirst paragraph of prose, long enough to be body text.\n\nLast paragraph.\n"; string(got) != want {
		t.Errorf("article:\n%s\nwant:\n%s", got, want)
	}
	if b, err := os.ReadFile(filepath.Join(dir, "articles", "images", "page-1.png")); err != nil || !bytes.Equal(b, tinyPNG) {
		t.Errorf("image not copied: %v", err)
	}
	if page, _ := os.ReadFile(filepath.Join(dir, "articles", "page.md")); !strings.Contains(string(page), "![A picture](images/page-1.png)") {
		t.Errorf("page.md:\n%s", page)
	}
	m, _ := os.ReadFile(filepath.Join(dir, "book.yaml"))
	wantM := strings.Replace(manifest, "    title: Two\n", "    title: Two\n  - articles/my-post.md\n  - articles/page.md\n", 1)
	if string(m) != wantM {
		t.Errorf("manifest:\n%s\nwant:\n%s", m, wantM)
	}

	// No overwriting without --force; nothing added twice.
	_, errs, code = runImport(t, dir, "raw/My Post.txt", "--add", "book.yaml")
	if code != exitBook || !strings.Contains(errs, "raw/My Post.txt: articles/my-post.md already exists; use --force to overwrite it") {
		t.Errorf("second import: %d\n%s", code, errs)
	}
	_, errs, code = runImport(t, dir, "--force", "raw/My Post.txt", "--add", "book.yaml")
	m2, _ := os.ReadFile(filepath.Join(dir, "book.yaml"))
	if code != 0 || string(m2) != wantM {
		t.Errorf("forced import: %d %s\n%s", code, errs, m2)
	}

	// Usage and bad input.
	if _, _, code := runImport(t, dir); code != exitUsage {
		t.Errorf("no files: exit %d", code)
	}
	write(t, filepath.Join(dir, "bin.txt"), "\x00\x01")
	if _, errs, code := runImport(t, dir, "bin.txt", "missing.txt"); code != exitBook ||
		!strings.Contains(errs, "bin.txt: this is a binary file (NUL byte at offset 0), not text or HTML") ||
		!strings.Contains(errs, "missing.txt: cannot read: no such file") {
		t.Errorf("bad input: %d\n%s", code, errs)
	}
}

// tinyPNG is a 1×1 PNG.
var tinyPNG = []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")

// testSite serves pages for TestImportURLs on loopback.
func testSite(t *testing.T) *httptest.Server {
	t.Helper()
	para := "<p>The harbour strike lasted eleven days, and what it won was larger than the roster it began over, as these things go.</p>"
	article := `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Notes on the Strike | Dockside</title>
<meta property="og:title" content="Notes on the Strike"><meta name="author" content="Mary Keane">
<script type="application/ld+json">{"@type":"NewsArticle","headline":"Notes on the Strike","datePublished":"2023-05-14T08:00:00Z","author":{"@type":"Person","name":"Mary Keane"}}</script>
</head><body><nav><a href="/">Home</a> <a href="/about">About</a></nav><article><h1>Notes on the Strike</h1>` +
		para + para + `<figure><img src="/img/small.png" srcset="/img/small.png 300w, /img/large.png 1200w" alt="The picket"><figcaption>The picket at gate 4.</figcaption></figure>` +
		para + `<p><img src="/img/missing.jpg" alt="A missing photo"></p>` + para + `<div class="share">Share this: Twitter Facebook</div></article></body></html>`
	mux := http.NewServeMux()
	mux.HandleFunc("/2023/05/strike/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		if strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			w.Header().Set("Content-Encoding", "gzip")
			z := gzip.NewWriter(w)
			z.Write([]byte(article))
			z.Close()
			return
		}
		w.Write([]byte(article))
	})
	mux.HandleFunc("/short", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/2023/05/strike/", http.StatusMovedPermanently)
	})
	mux.HandleFunc("/img/large.png", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/png")
		w.Write(tinyPNG)
	})
	mux.HandleFunc("/latin.html", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=iso-8859-1")
		w.Write([]byte("<html><head><title>Caf\xe9 notes</title></head><body><article><h1>Caf\xe9 notes</h1><p>" +
			strings.Repeat("Le caf\xe9 \xe9tait plein, et la rue aussi, comme chaque matin d'\xe9t\xe9. ", 4) + "</p></article></body></html>"))
	})
	mux.HandleFunc("/paper.pdf", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/pdf")
		w.Write([]byte("%PDF-1.7"))
	})
	mux.HandleFunc("/huge", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Header().Set("Content-Length", "25000000")
		w.Write([]byte("<html>"))
	})
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(10 * time.Second):
		}
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

// TestImportURLs imports pages over HTTP from a loopback server: the
// good ones are written with their images, each bad one is reported in
// one line naming its URL and cause, and the exit status is 1.
func TestImportURLs(t *testing.T) {
	srv := testSite(t)
	dir := t.TempDir()
	write(t, filepath.Join(dir, "book.yaml"), "title: T # the book\narticles:\n  - articles/intro.md\n")
	write(t, filepath.Join(dir, "list.txt"), "# reading list\n"+srv.URL+"/latin.html\n\n"+srv.URL+"/paper.pdf  # not a page\n")
	_, errs, code := runImport(t, dir, "-v", "--timeout", "300ms", "--add", "book.yaml", "--from", "list.txt",
		srv.URL+"/short", srv.URL+"/missing", srv.URL+"/huge", srv.URL+"/slow")
	if code != exitBook {
		t.Errorf("exit %d, want %d", code, exitBook)
	}
	for _, want := range []string{
		srv.URL + "/missing: the server answered 404 Not Found (no such page)",
		srv.URL + "/paper.pdf: not a web page: the server sent a PDF (application/pdf)",
		srv.URL + "/huge: is 23.8 MB, larger than the limit of 20.0 MB",
		srv.URL + "/slow: no answer within 300ms (raise --timeout for a slow site)",
		srv.URL + "/short:4: warning: image " + srv.URL + "/img/missing.jpg left out: the server answered 404 Not Found (no such page); its alt text is kept",
		srv.URL + "/short: title \"Notes on the Strike\" from JSON-LD headline",
		srv.URL + "/short: author \"Mary Keane\" from JSON-LD author",
		srv.URL + "/short: fetched " + srv.URL + "/2023/05/strike/, utf-8 (header)",
		srv.URL + "/short: image images/strike-1.png from " + srv.URL + "/img/large.png",
		srv.URL + "/latin.html: fetched " + srv.URL + "/latin.html, windows-1252 (header)",
		"added 2 articles to book.yaml",
	} {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errs)
		}
	}
	got, _ := os.ReadFile(filepath.Join(dir, "articles", "strike.md"))
	for _, want := range []string{
		"title: \"Notes on the Strike\"\nauthor: \"Mary Keane\"\ndate: \"2023-05-14\"\nsource: \"" + srv.URL + "/2023/05/strike/\"\nlang: \"en\"\n---\n",
		"![The picket](images/strike-1.png)\n\n*The picket at gate 4.*",
		"*A missing photo*",
	} {
		if !strings.Contains(string(got), want) {
			t.Errorf("strike.md lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(string(got), "Share this") || strings.Contains(string(got), "Home") {
		t.Errorf("strike.md kept site furniture:\n%s", got)
	}
	if b, err := os.ReadFile(filepath.Join(dir, "articles", "images", "strike-1.png")); err != nil || !bytes.Equal(b, tinyPNG) {
		t.Errorf("image: %v", err)
	}
	latin, _ := os.ReadFile(filepath.Join(dir, "articles", "latin.md"))
	if !strings.Contains(string(latin), "title: \"Café notes\"") || !strings.Contains(string(latin), "Le café était plein") {
		t.Errorf("latin.md:\n%s", latin)
	}
	m, _ := os.ReadFile(filepath.Join(dir, "book.yaml"))
	if want := "title: T # the book\narticles:\n  - articles/intro.md\n  - articles/strike.md\n  - articles/latin.md\n"; string(m) != want {
		t.Errorf("book.yaml:\n%s\nwant:\n%s", m, want)
	}
}

func TestURLName(t *testing.T) {
	for in, want := range map[string]string{
		"https://x.org/2023/05/harbour-strike/":  "harbour-strike",
		"https://x.org/news/story.html":          "story",
		"https://www.x.org/":                     "x-org",
		"https://x.org/p/the-quiet-ledger?utm=1": "the-quiet-ledger",
		"https://x.org/essays/index.html":        "essays",
	} {
		if got := urlName(in); got != want {
			t.Errorf("urlName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestImportUsage(t *testing.T) {
	dir := t.TempDir()
	if _, errs, code := runImport(t, dir, "--timeout", "0s", "x.txt"); code != exitUsage || !strings.Contains(errs, "") {
		t.Errorf("--timeout 0: exit %d %s", code, errs)
	}
	write(t, filepath.Join(dir, "empty.txt"), "# nothing\n\n")
	if _, errs, code := runImport(t, dir, "--from", "empty.txt"); code != exitBook || !strings.Contains(errs, "empty.txt: the list names no URL or file") {
		t.Errorf("empty list: exit %d\n%s", code, errs)
	}
}

// TestSavedSameAsFetched imports a page from its URL and the same page
// saved from a browser: the articles are the same, images included.
func TestSavedSameAsFetched(t *testing.T) {
	srv := testSite(t)
	dir := t.TempDir()
	resp, err := http.Get(srv.URL + "/2023/05/strike/")
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	// A browser's saved copy keeps the page as it was, with the address
	// it came from in <link rel="canonical">.
	saved := strings.Replace(string(page), "<head>", `<head><link rel="canonical" href="`+srv.URL+`/2023/05/strike/">`, 1)
	write(t, filepath.Join(dir, "saved", "strike.html"), saved)
	if _, errs, code := runImport(t, dir, "--out", "fetched", srv.URL+"/2023/05/strike/"); code != exitOK {
		t.Fatalf("fetched: exit %d\n%s", code, errs)
	}
	if _, errs, code := runImport(t, dir, "--out", "fromfile", "saved/strike.html"); code != exitOK {
		t.Fatalf("saved: exit %d\n%s", code, errs)
	}
	a, _ := os.ReadFile(filepath.Join(dir, "fetched", "strike.md"))
	b, _ := os.ReadFile(filepath.Join(dir, "fromfile", "strike.md"))
	if len(a) == 0 || string(a) != string(b) {
		t.Errorf("fetched:\n%s\nsaved:\n%s", a, b)
	}
	ia, _ := os.ReadFile(filepath.Join(dir, "fetched", "images", "strike-1.png"))
	ib, _ := os.ReadFile(filepath.Join(dir, "fromfile", "images", "strike-1.png"))
	if len(ia) == 0 || !bytes.Equal(ia, ib) {
		t.Errorf("images differ: %d and %d bytes", len(ia), len(ib))
	}
}

// TestImportMHTML imports a page saved as one file: its image comes out
// of the archive, not from the network.
func TestImportMHTML(t *testing.T) {
	dir := t.TempDir()
	para := "<p>The harbour strike lasted eleven days, and what it won was larger than the roster it began over, as these things go.</p>"
	page := "<html lang=3D\"en\"><head><title>Notes | Dockside</title></head><body><article><h1>Notes</h1>" + para + para +
		"<p><img src=3D\"https://dockside.invalid/img/gate.png\" alt=3D\"The gate\"></p>" + para + "</article></body></html>"
	mht := "From: <Saved by Blink>\r\nSnapshot-Content-Location: https://dockside.invalid/notes/\r\nMIME-Version: 1.0\r\n" +
		"Content-Type: multipart/related; type=\"text/html\"; boundary=\"B\"\r\n\r\n" +
		"--B\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\nContent-Location: https://dockside.invalid/notes/\r\n\r\n" +
		page + "\r\n--B\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\nContent-Location: https://dockside.invalid/img/gate.png\r\n\r\n" +
		base64.StdEncoding.EncodeToString(tinyPNG) + "\r\n--B--\r\n"
	write(t, filepath.Join(dir, "Notes.mhtml"), mht)
	_, errs, code := runImport(t, dir, "-v", "Notes.mhtml")
	if code != exitOK || !strings.Contains(errs, "Notes.mhtml: saved page of https://dockside.invalid/notes/ with 1 files") {
		t.Fatalf("exit %d\n%s", code, errs)
	}
	got, _ := os.ReadFile(filepath.Join(dir, "articles", "notes.md"))
	if !strings.Contains(string(got), "![The gate](images/notes-1.png)") || !strings.Contains(string(got), "title: \"Notes\"") {
		t.Errorf("notes.md:\n%s", got)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "articles", "images", "notes-1.png")); !bytes.Equal(b, tinyPNG) {
		t.Errorf("image not taken from the archive")
	}
	write(t, filepath.Join(dir, "bad.mht"), "Subject: x\r\n\r\nno parts")
	if _, errs, code := runImport(t, dir, "bad.mht"); code != exitBook || !strings.Contains(errs, "bad.mht: not an MHTML file: no multipart Content-Type with a boundary") {
		t.Errorf("bad.mht: exit %d\n%s", code, errs)
	}
}
