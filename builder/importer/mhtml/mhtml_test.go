package mhtml

import (
	"bytes"
	"encoding/base64"
	"strings"
	"testing"
)

// sample is an MHTML file as Chrome writes one ("Webpage, single file"):
// the page quoted-printable in Latin-1, an image in base64.
func sample() string {
	png := base64.StdEncoding.EncodeToString([]byte("\x89PNG\r\n\x1a\nfake"))
	return "From: <Saved by Blink>\r\n" +
		"Snapshot-Content-Location: https://example.org/post/\r\n" +
		"Subject: A post\r\n" +
		"MIME-Version: 1.0\r\n" +
		"Content-Type: multipart/related;\r\n\ttype=\"text/html\";\r\n\tboundary=\"----MultipartBoundary--abc----\"\r\n" +
		"\r\n\r\n" +
		"------MultipartBoundary--abc----\r\n" +
		"Content-Type: text/html; charset=iso-8859-1\r\n" +
		"Content-ID: <frame-1@mhtml.blink>\r\n" +
		"Content-Transfer-Encoding: quoted-printable\r\n" +
		"Content-Location: https://example.org/post/\r\n" +
		"\r\n" +
		"<html><body><p>Caf=E9 <img src=3D\"https://example.org/a.png\"></p></body></ht=\r\nml>\r\n" +
		"------MultipartBoundary--abc----\r\n" +
		"Content-Type: image/png\r\n" +
		"Content-Transfer-Encoding: base64\r\n" +
		"Content-Location: https://example.org/a.png\r\n" +
		"\r\n" +
		png[:8] + "\r\n" + png[8:] + "\r\n" +
		"------MultipartBoundary--abc------\r\n"
}

func TestRead(t *testing.T) {
	a, err := Read([]byte(sample()))
	if err != nil {
		t.Fatal(err)
	}
	if a.URL != "https://example.org/post/" {
		t.Errorf("URL %q", a.URL)
	}
	if want := `<html><body><p>Café <img src="https://example.org/a.png"></p></body></html>`; strings.TrimSpace(string(a.HTML)) != want {
		t.Errorf("HTML %q\nwant %q", a.HTML, want)
	}
	if img := a.Files["https://example.org/a.png"]; !bytes.Equal(img, []byte("\x89PNG\r\n\x1a\nfake")) {
		t.Errorf("image %q", img)
	}
	for _, bad := range []string{"", "Subject: x\r\n\r\nhello", "Content-Type: multipart/related; boundary=x\r\n\r\n--x\r\nContent-Type: image/png\r\n\r\nxx\r\n--x--\r\n"} {
		if _, err := Read([]byte(bad)); err == nil {
			t.Errorf("Read(%q) accepted", bad)
		}
	}
}
