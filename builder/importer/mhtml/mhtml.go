// Package mhtml reads a web page saved as one file by a browser (MHTML,
// "Webpage, single file": .mhtml, .mht): a MIME multipart/related
// message holding the page and the files it uses, each under the address
// it came from.
package mhtml

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/mail"
	"strings"

	"golang.org/x/net/html/charset"
)

// Archive is a saved page.
type Archive struct {
	// URL is the page's address when it was saved (Snapshot-Content-Location
	// or the HTML part's Content-Location), "" when the file does not say.
	URL string
	// HTML is the page, decoded to UTF-8.
	HTML []byte
	// Files are the other parts by their Content-Location (an absolute
	// URL) and by "cid:" plus their Content-ID.
	Files map[string][]byte
}

// Read parses an MHTML file.
func Read(src []byte) (*Archive, error) {
	msg, err := mail.ReadMessage(bytes.NewReader(src))
	if err != nil {
		return nil, fmt.Errorf("not an MHTML file: %w", err)
	}
	mt, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if err != nil || !strings.HasPrefix(mt, "multipart/") || params["boundary"] == "" {
		return nil, errors.New("not an MHTML file: no multipart Content-Type with a boundary")
	}
	a := &Archive{URL: strings.TrimSpace(msg.Header.Get("Snapshot-Content-Location")), Files: map[string][]byte{}}
	mr := multipart.NewReader(msg.Body, params["boundary"])
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("MHTML part: %w", err)
		}
		body, err := partBody(p)
		if err != nil {
			return nil, err
		}
		ct := p.Header.Get("Content-Type")
		loc := strings.TrimSpace(p.Header.Get("Content-Location"))
		pmt, _, _ := mime.ParseMediaType(ct)
		if a.HTML == nil && (pmt == "text/html" || pmt == "application/xhtml+xml") {
			r, err := charset.NewReader(bytes.NewReader(body), ct)
			if err != nil {
				return nil, fmt.Errorf("MHTML page: %w", err)
			}
			if a.HTML, err = io.ReadAll(r); err != nil {
				return nil, fmt.Errorf("MHTML page: %w", err)
			}
			if a.URL == "" {
				a.URL = loc
			}
			continue
		}
		if loc != "" {
			a.Files[loc] = body
		}
		if id := strings.Trim(p.Header.Get("Content-ID"), "<> "); id != "" {
			a.Files["cid:"+id] = body
		}
	}
	if a.HTML == nil {
		return nil, errors.New("the MHTML file holds no HTML page")
	}
	return a, nil
}

// partBody reads a part, undoing base64 (multipart undoes
// quoted-printable itself).
func partBody(p *multipart.Part) ([]byte, error) {
	b, err := io.ReadAll(p)
	if err != nil {
		return nil, fmt.Errorf("MHTML part: %w", err)
	}
	if strings.EqualFold(strings.TrimSpace(p.Header.Get("Content-Transfer-Encoding")), "base64") {
		clean := bytes.Map(func(r rune) rune {
			if r == '\r' || r == '\n' || r == ' ' || r == '\t' {
				return -1
			}
			return r
		}, b)
		out := make([]byte, base64.StdEncoding.DecodedLen(len(clean)))
		n, err := base64.StdEncoding.Decode(out, clean)
		if err != nil {
			return nil, fmt.Errorf("MHTML part %s: broken base64: %w", p.Header.Get("Content-Location"), err)
		}
		return out[:n], nil
	}
	return b, nil
}
