package fetch

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"
)

// server serves the test pages on loopback.
func server(t *testing.T) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	page := "<!doctype html><html><head><title>T</title></head><body><p>Grüße, café.</p></body></html>"
	mux.HandleFunc("/page", func(w http.ResponseWriter, r *http.Request) {
		if ua := r.Header.Get("User-Agent"); ua != "pamphlet/test" {
			http.Error(w, "bad agent "+ua, http.StatusBadRequest)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(page))
	})
	mux.HandleFunc("/hop/", func(w http.ResponseWriter, r *http.Request) {
		n, _ := strconv.Atoi(strings.TrimPrefix(r.URL.Path, "/hop/"))
		if n == 0 {
			http.Redirect(w, r, "/page", http.StatusFound)
			return
		}
		http.Redirect(w, r, "/hop/"+strconv.Itoa(n-1), http.StatusMovedPermanently)
	})
	mux.HandleFunc("/gzip", func(w http.ResponseWriter, r *http.Request) {
		if !strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			http.Error(w, "no gzip", http.StatusBadRequest)
			return
		}
		w.Header().Set("Content-Type", "text/html")
		w.Header().Set("Content-Encoding", "gzip")
		z := gzip.NewWriter(w)
		z.Write([]byte(page))
		z.Close()
	})
	latin1 := []byte("<html><head><title>T</title></head><body><p>Gr\xfc\xdfe, caf\xe9.</p></body></html>")
	mux.HandleFunc("/latin1-header", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=ISO-8859-1")
		w.Write(latin1)
	})
	mux.HandleFunc("/latin1-meta", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write(bytes.Replace(latin1, []byte("<head>"), []byte(`<head><meta charset="iso-8859-1">`), 1))
	})
	mux.HandleFunc("/latin1-sniff", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write(latin1)
	})
	mux.HandleFunc("/utf8-late", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte("<html><body>" + strings.Repeat("<p>plain ascii text</p>", 100) + "<p>Grüße</p></body></html>"))
	})
	mux.HandleFunc("/gone", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "gone", http.StatusGone) })
	mux.HandleFunc("/broken", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "oops", http.StatusInternalServerError) })
	mux.HandleFunc("/doc.pdf", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/pdf")
		w.Write([]byte("%PDF-1.7"))
	})
	mux.HandleFunc("/big", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Header().Set("Content-Length", "16000")
		w.Write(bytes.Repeat([]byte("<p>x</p>"), 2000))
	})
	mux.HandleFunc("/big-chunked", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		for range 2000 {
			w.Write([]byte("<p>x</p>"))
			w.(http.Flusher).Flush()
		}
	})
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		// Wait until the client gives up (or a generous bound, so a
		// broken client cannot hang the test).
		select {
		case <-r.Context().Done():
		case <-time.After(10 * time.Second):
		}
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

func client(opts Options) *Client {
	opts.UserAgent = "pamphlet/test"
	return New(opts)
}

func TestPage(t *testing.T) {
	srv := server(t)
	c := client(Options{})
	for _, path := range []string{"/page", "/hop/3", "/gzip", "/latin1-header", "/latin1-meta", "/latin1-sniff", "/utf8-late"} {
		p, err := c.Page(context.Background(), srv.URL+path)
		if err != nil {
			t.Errorf("%s: %v", path, err)
			continue
		}
		want := "Grüße"
		if !strings.Contains(string(p.HTML), want) {
			t.Errorf("%s: decoded as %s, lost %q: %s", path, p.Charset, want, p.HTML)
		}
		t.Logf("%s: %s", path, p.Charset)
	}
	p, err := c.Page(context.Background(), srv.URL+"/hop/3")
	if err != nil || p.URL != srv.URL+"/page" {
		t.Errorf("redirected page URL = %v, %v; want %s/page", p, err, srv.URL)
	}
	for path, how := range map[string]string{"/latin1-header": "windows-1252 (header)", "/latin1-meta": "windows-1252 (meta tag)", "/page": "utf-8 (header)"} {
		if p, err := c.Page(context.Background(), srv.URL+path); err != nil || p.Charset != how {
			t.Errorf("%s: charset %q, want %q (%v)", path, p.Charset, how, err)
		}
	}
}

// TestFailures checks each failure's message: it names the URL and says
// what went wrong.
func TestFailures(t *testing.T) {
	srv := server(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	refused := "http://" + ln.Addr().String() + "/"
	ln.Close()
	cases := []struct {
		c    *Client
		url  string
		want string
	}{
		{client(Options{}), srv.URL + "/gone", srv.URL + "/gone: the server answered 410 Gone (no such page)"},
		{client(Options{}), srv.URL + "/nothing", srv.URL + "/nothing: the server answered 404 Not Found (no such page)"},
		{client(Options{}), srv.URL + "/broken", srv.URL + "/broken: the server answered 500 Internal Server Error (a fault at the site; try again later)"},
		{client(Options{}), srv.URL + "/doc.pdf", srv.URL + "/doc.pdf: not a web page: the server sent a PDF (application/pdf)"},
		{client(Options{}), srv.URL + "/hop/11", srv.URL + "/hop/11: more than 10 redirects"},
		{client(Options{MaxRedirects: 2}), srv.URL + "/hop/2", srv.URL + "/hop/2: more than 2 redirects"},
		{client(Options{MaxBytes: 10000}), srv.URL + "/big", srv.URL + "/big: is 16 KB, larger than the limit of 10 KB"},
		{client(Options{MaxBytes: 10000}), srv.URL + "/big-chunked", srv.URL + "/big-chunked: is larger than the limit of 10 KB"},
		{client(Options{Timeout: 200 * time.Millisecond}), srv.URL + "/slow", srv.URL + "/slow: no answer within 200ms (raise --timeout for a slow site)"},
		{client(Options{}), refused, refused + ": connection refused (no web server at that address)"},
		{client(Options{}), "ftp://example.org/x", "ftp://example.org/x: not a web address (give an http:// or https:// URL)"},
	}
	for _, tc := range cases {
		_, err := tc.c.Page(context.Background(), tc.url)
		var fe *Error
		if !errors.As(err, &fe) || err.Error() != tc.want {
			t.Errorf("Page(%s) = %v\nwant %s", tc.url, err, tc.want)
		}
	}
}

func TestImage(t *testing.T) {
	srv := server(t)
	c := client(Options{})
	if _, _, err := c.Image(context.Background(), srv.URL+"/nothing.png"); err == nil || !strings.Contains(err.Error(), "404") {
		t.Errorf("missing image: %v", err)
	}
	b, ctype, err := c.Image(context.Background(), srv.URL+"/doc.pdf")
	if err != nil || ctype != "application/pdf" || string(b) != "%PDF-1.7" {
		t.Errorf("Image = %q %q %v", b, ctype, err)
	}
}
