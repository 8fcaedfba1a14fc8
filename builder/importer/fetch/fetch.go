// Package fetch downloads web pages and their images for `pamphlet
// import`: one HTTP client with a User-Agent naming pamphlet, at most ten
// redirects, a timeout, a size limit, gzip, and the page's text decoded
// to UTF-8 from the charset its header, its <meta> tag or sniffing gives
// (golang.org/x/net/html/charset).
//
// Every failure is an *Error whose message names the URL and the cause in
// words a reader can act on: the server's status, "not a web page", "is
// larger than 20 MB", "no answer within 30s".
package fetch

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/url"
	"os"
	"strings"
	"syscall"
	"time"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
)

// Defaults for Options left zero.
const (
	DefaultTimeout   = 30 * time.Second
	DefaultMaxBytes  = 20 << 20
	DefaultRedirects = 10
)

// Options configure a Client.
type Options struct {
	// UserAgent is sent with every request, e.g. "pamphlet/1.2 (+https://…)".
	UserAgent string
	// Timeout bounds each download from the request to the last byte.
	Timeout time.Duration
	// MaxBytes bounds each body, after gzip is undone.
	MaxBytes int64
	// MaxRedirects bounds the redirects one download follows.
	MaxRedirects int
	// Transport, when set, replaces http.DefaultTransport (tests).
	Transport http.RoundTripper
}

// Client downloads pages and images. It is safe for concurrent use.
type Client struct {
	opts Options
	hc   *http.Client
}

// New returns a Client with opts, zero fields set to the defaults.
func New(opts Options) *Client {
	if opts.Timeout <= 0 {
		opts.Timeout = DefaultTimeout
	}
	if opts.MaxBytes <= 0 {
		opts.MaxBytes = DefaultMaxBytes
	}
	if opts.MaxRedirects <= 0 {
		opts.MaxRedirects = DefaultRedirects
	}
	if opts.UserAgent == "" {
		opts.UserAgent = "pamphlet"
	}
	c := &Client{opts: opts}
	c.hc = &http.Client{
		Transport: opts.Transport,
		Timeout:   opts.Timeout,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) > opts.MaxRedirects {
				return errTooManyRedirects
			}
			req.Header.Set("User-Agent", opts.UserAgent)
			return nil
		},
	}
	return c
}

var errTooManyRedirects = errors.New("too many redirects")

// Error is a failed download: the URL asked for and why, in words.
type Error struct {
	URL string
	// Status is the HTTP status when the server answered with an
	// error, else 0.
	Status int
	Reason string
	Err    error
}

func (e *Error) Error() string { return e.URL + ": " + e.Reason }
func (e *Error) Unwrap() error { return e.Err }

// Page is a downloaded web page.
type Page struct {
	// URL is the page's address after redirects.
	URL string
	// HTML is the page decoded to UTF-8.
	HTML []byte
	// Charset names the encoding the page was decoded from and how it
	// was found: "utf-8 (header)", "iso-8859-1 (meta tag)", ….
	Charset string
}

// Page downloads an HTML page and decodes it to UTF-8.
func (c *Client) Page(ctx context.Context, rawURL string) (*Page, error) {
	body, final, ctype, err := c.get(ctx, rawURL, "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5")
	if err != nil {
		return nil, err
	}
	mt, _, _ := mime.ParseMediaType(ctype)
	switch {
	case mt == "text/html", mt == "application/xhtml+xml", mt == "" && looksHTML(body):
	default:
		return nil, &Error{URL: rawURL, Reason: fmt.Sprintf("not a web page: the server sent %s", describeType(mt))}
	}
	text, how, err := decode(body, ctype)
	if err != nil {
		return nil, &Error{URL: rawURL, Reason: "cannot decode the page: " + err.Error(), Err: err}
	}
	return &Page{URL: final, HTML: text, Charset: how}, nil
}

// Image downloads an image and returns its bytes and the Content-Type
// the server gave.
func (c *Client) Image(ctx context.Context, rawURL string) ([]byte, string, error) {
	body, _, ctype, err := c.get(ctx, rawURL, "image/png,image/jpeg,image/*;q=0.8,*/*;q=0.5")
	return body, ctype, err
}

// get downloads rawURL within the client's limits.
func (c *Client) get(ctx context.Context, rawURL, accept string) ([]byte, string, string, error) {
	fail := func(reason string, err error) ([]byte, string, string, error) {
		return nil, "", "", &Error{URL: rawURL, Reason: reason, Err: err}
	}
	u, err := url.Parse(rawURL)
	if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
		return fail("not a web address (give an http:// or https:// URL)", err)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, rawURL, nil)
	if err != nil {
		return fail("not a web address", err)
	}
	req.Header.Set("User-Agent", c.opts.UserAgent)
	req.Header.Set("Accept", accept)
	resp, err := c.hc.Do(req)
	if err != nil {
		return fail(c.netReason(err), err)
	}
	defer resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		reason := "the server answered " + resp.Status
		switch resp.StatusCode {
		case http.StatusNotFound, http.StatusGone:
			reason += " (no such page)"
		case http.StatusUnauthorized, http.StatusForbidden:
			reason += " (the page is not public, or the site refuses programs)"
		case http.StatusTooManyRequests:
			reason += " (too many requests; try again later)"
		}
		if resp.StatusCode >= 500 {
			reason += " (a fault at the site; try again later)"
		}
		return nil, "", "", &Error{URL: rawURL, Status: resp.StatusCode, Reason: reason}
	}
	if resp.ContentLength > c.opts.MaxBytes {
		return fail(fmt.Sprintf("is %s, larger than the limit of %s", size(resp.ContentLength), size(c.opts.MaxBytes)), nil)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, c.opts.MaxBytes+1))
	if err != nil {
		return fail(c.netReason(err), err)
	}
	if int64(len(body)) > c.opts.MaxBytes {
		return fail(fmt.Sprintf("is larger than the limit of %s", size(c.opts.MaxBytes)), nil)
	}
	return body, resp.Request.URL.String(), resp.Header.Get("Content-Type"), nil
}

// netReason says in words why a request failed.
func (c *Client) netReason(err error) string {
	var dns *net.DNSError
	var op *net.OpError
	switch {
	case errors.Is(err, errTooManyRedirects):
		return fmt.Sprintf("more than %d redirects", c.opts.MaxRedirects)
	case errors.Is(err, context.DeadlineExceeded) || errors.Is(err, os.ErrDeadlineExceeded) || isTimeout(err):
		return fmt.Sprintf("no answer within %v (raise --timeout for a slow site)", c.opts.Timeout)
	case errors.Is(err, context.Canceled):
		return "interrupted"
	case errors.As(err, &dns):
		if dns.IsNotFound {
			return fmt.Sprintf("no such host %s (is the address right?)", dns.Name)
		}
		return fmt.Sprintf("cannot look up %s: %v", dns.Name, dns.Err)
	case errors.Is(err, syscall.ECONNREFUSED):
		return "connection refused (no web server at that address)"
	case errors.Is(err, syscall.ECONNRESET):
		return "the server closed the connection"
	case errors.As(err, &op):
		return fmt.Sprintf("cannot connect: %v", op.Err)
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err.Error()
	}
	return err.Error()
}

func isTimeout(err error) bool {
	var t interface{ Timeout() bool }
	return errors.As(err, &t) && t.Timeout()
}

// decode returns body as UTF-8, by the byte-order mark, the
// Content-Type's charset, a <meta> tag, or sniffing, in that order.
func decode(body []byte, ctype string) ([]byte, string, error) {
	enc, name, certain := charset.DetermineEncoding(body, ctype)
	how := "sniffed"
	switch {
	case certain && hasCharsetParam(ctype):
		how = "header"
	case certain:
		how = "byte-order mark"
	case name == "windows-1252" && utf8.Valid(body):
		// DetermineEncoding looks at the first 1 KB only; a page whose
		// first kilobyte is ASCII and which is UTF-8 throughout is
		// UTF-8, not Windows-1252.
		return body, "utf-8 (sniffed)", nil
	case hasMetaCharset(body):
		how = "meta tag"
	}
	if name == "utf-8" {
		body = bytes.TrimPrefix(body, []byte("\xef\xbb\xbf"))
		if utf8.Valid(body) {
			return body, name + " (" + how + ")", nil
		}
	}
	out, err := enc.NewDecoder().Bytes(body)
	if err != nil {
		return nil, "", err
	}
	return bytes.TrimPrefix(out, []byte("\xef\xbb\xbf")), name + " (" + how + ")", nil
}

func hasCharsetParam(ctype string) bool {
	_, params, err := mime.ParseMediaType(ctype)
	return err == nil && params["charset"] != ""
}

func hasMetaCharset(body []byte) bool {
	head := strings.ToLower(string(body[:min(len(body), 1024)]))
	return strings.Contains(head, "<meta") && strings.Contains(head, "charset")
}

// looksHTML reports whether an untyped body starts like an HTML page.
func looksHTML(body []byte) bool {
	head := strings.ToLower(strings.TrimSpace(string(body[:min(len(body), 512)])))
	return strings.HasPrefix(head, "<!doctype html") || strings.HasPrefix(head, "<html") || strings.Contains(head, "<head")
}

func describeType(mt string) string {
	switch {
	case mt == "":
		return "no content type and no HTML"
	case mt == "application/pdf":
		return "a PDF (application/pdf)"
	case strings.HasPrefix(mt, "image/"):
		return "an image (" + mt + ")"
	case mt == "text/plain":
		return "plain text (text/plain); save it as a .txt file and import that"
	}
	return mt
}

func size(n int64) string {
	if n >= 1<<20 {
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	}
	return fmt.Sprintf("%d KB", (n+1023)/1024)
}
