package importer

import (
	"encoding/base64"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pamphlet/pamphlet/builder/diag"
)

func readImage(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "images", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestImages imports a page whose images come in every form the importer
// handles: srcset, <picture>, data: URI, GIF, WebP, SVG, a broken link
// and a page served as an image. Fetch serves them from memory.
func TestImages(t *testing.T) {
	served := map[string][]byte{
		"https://example.org/img/big.png":   readImage(t, "red.png"),
		"https://example.org/img/p.webp":    readImage(t, "red.webp"),
		"https://example.org/img/anim.gif":  readImage(t, "anim.gif"),
		"https://example.org/img/d.svg":     readImage(t, "drawing.svg"),
		"https://example.org/img/page.jpg":  []byte("<!doctype html><html><body>Not found</body></html>"),
		"https://cdn.example.net/photo.jpg": readImage(t, "red.jpg"),
	}
	var asked []string
	fetch := func(ref string) ([]byte, error) {
		asked = append(asked, ref)
		if b, ok := served[ref]; ok {
			return b, nil
		}
		return nil, errors.New("the server answered 404 Not Found")
	}
	png := base64.StdEncoding.EncodeToString(readImage(t, "red.png"))
	para := "<p>Some words of the article, long enough to be its text, with commas, and more words, and still more words to be sure.</p>"
	page := `<html><head><title>Pictures</title></head><body><article><h1>Pictures</h1>` + para + para +
		`<figure><img src="/img/small.jpg" srcset="/img/small.jpg 400w, /img/big.png 1600w, /img/huge.jpg 4000w" alt="A big one"><figcaption>The big one.</figcaption></figure>` + para +
		`<p><picture><source type="image/avif" srcset="/img/x.avif 1200w"><source srcset="/img/p.webp 1200w"><img src="/img/fallback.jpg" alt="A WebP"></picture></p>` + para +
		`<p><img src="data:image/png;base64,` + png + `" alt="Inline"></p>` + para +
		`<p><img src="/img/anim.gif" alt="Moving"></p><p><img src="/img/d.svg" alt="A drawing"></p>` + para +
		`<p><img src="/img/missing.jpg" alt="Gone"></p><p><img src="/img/page.jpg" alt="Not a picture"></p>` +
		`<p><img src="//cdn.example.net/photo.jpg" alt="Same"></p><p><img src="https://cdn.example.net/photo.jpg" alt="Same again"></p>` + para + `</article></body></html>`
	var diags diag.List
	res, err := Import("pictures.html", []byte(page), Options{URL: "https://example.org/post/", Name: "pictures", Fetch: fetch}, &diags)
	if err != nil {
		t.Fatal(err)
	}
	md := string(res.Markdown)
	for _, want := range []string{
		"![A big one](images/pictures-1.png)\n\n*The big one.*",
		"![A WebP](images/pictures-2.png)",
		"![Inline](images/pictures-3.png)",
		"![Moving](images/pictures-4.png)",
		"*A drawing*",
		"*Gone*",
		"*Not a picture*",
		"![Same](images/pictures-5.jpg)",
		"![Same again](images/pictures-5.jpg)",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("lost %q in\n%s", want, md)
		}
	}
	var paths []string
	for _, f := range res.Files {
		paths = append(paths, f.Path+" ← "+f.From)
		if k := sniffImage(f.Data); k != "png" && k != "jpeg" {
			t.Errorf("%s is %q, not PNG or JPEG", f.Path, k)
		}
	}
	wantPaths := "images/pictures-1.png ← https://example.org/img/big.png\nimages/pictures-2.png ← https://example.org/img/p.webp\n" +
		"images/pictures-3.png ← data:image/png;base64," + png + "\nimages/pictures-4.png ← https://example.org/img/anim.gif\n" +
		"images/pictures-5.jpg ← https://cdn.example.net/photo.jpg"
	if got := strings.Join(paths, "\n"); got != wantPaths {
		t.Errorf("files:\n%s\nwant:\n%s", got, wantPaths)
	}
	var msgs []string
	for _, d := range diags.Items() {
		msgs = append(msgs, d.String())
	}
	got := strings.Join(msgs, "\n")
	for _, want := range []string{
		"I013 image https://example.org/img/p.webp: WebP converted to PNG",
		"I013 image https://example.org/img/anim.gif: animated GIF (2 frames) converted to PNG; only its first frame is kept",
		"I012 image https://example.org/img/d.svg left out: an SVG drawing, which the PDF cannot take (save it as PNG and add it by hand); its alt text is kept",
		"I012 image https://example.org/img/missing.jpg left out: the server answered 404 Not Found; its alt text is kept",
		"I012 image https://example.org/img/page.jpg left out: the server sent a web page, not an image; its alt text is kept",
	} {
		code, rest, _ := strings.Cut(want, " ")
		found := false
		for _, d := range diags.Items() {
			if d.Code == code && strings.Contains(d.String(), rest) {
				found = true
			}
		}
		if !found {
			t.Errorf("no diagnostic %q in\n%s", want, got)
		}
	}
	for _, a := range asked {
		if strings.Contains(a, "small.jpg") || strings.Contains(a, "huge.jpg") || strings.Contains(a, "avif") || strings.Contains(a, "fallback") {
			t.Errorf("fetched %s, not the best candidate", a)
		}
	}
}

func TestBestCandidate(t *testing.T) {
	tests := []struct{ srcset, want string }{
		{"a.jpg 400w, b.jpg 1600w, c.jpg 4000w", "b.jpg"},
		{"c.jpg 4000w, d.jpg 3000w", "d.jpg"},
		{"a.jpg, b.jpg 2x, c.jpg 3x", "b.jpg"},
		{"https://x.org/a,b.jpg 800w, https://x.org/c.jpg 1200w", "https://x.org/c.jpg"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := bestCandidate(parseSrcset(tt.srcset)); got != tt.want {
			t.Errorf("bestCandidate(%q) = %q, want %q", tt.srcset, got, tt.want)
		}
	}
}

func TestDecodeWebP(t *testing.T) {
	for name, want := range map[string]string{"red.webp": "", "lossy.webp": "", "alpha.webp": "", "red.png": "not a WebP file"} {
		m, err := decodeWebP(readImage(t, name))
		switch {
		case want != "" && (err == nil || err.Error() != want):
			t.Errorf("%s: %v, want %q", name, err, want)
		case want == "" && err != nil:
			t.Errorf("%s: %v", name, err)
		case want == "" && (m.Bounds().Dx() != 4 || m.Bounds().Dy() != 3):
			t.Errorf("%s: %v", name, m.Bounds())
		}
	}
	if _, err := decodeWebP([]byte("RIFF\x10\x00\x00\x00WEBPVP8 \xff\xff\xff\x00")); err == nil {
		t.Errorf("truncated chunk accepted")
	}
}
