package importer

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"image"
	"image/gif"
	_ "image/jpeg" // DecodeConfig checks JPEGs
	"image/png"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"github.com/pamphlet/pamphlet/builder/diag"
)

// maxImageWidth is the widest srcset candidate the importer asks for:
// 2000 pixels fill a text block of 6.5 inches at 300 dpi, more than any
// pamphlet page needs, and wider files only make the PDF larger.
const maxImageWidth = 2000

// File is an image the importer loaded for the article, to be written
// beside it at Path (relative to the article's folder).
type File struct {
	Path string
	Data []byte
	// From is where the image came from (its URL or path), for -v.
	From string
}

// imageRef is one image the article shows, to be loaded after the
// article is rendered.
type imageRef struct {
	ref, alt string
	line     int
	caption  bool // the image stands in a figure with a caption
}

// placeholder marks an image's destination in the Markdown until the
// image is loaded; NUL cannot occur in the rendered text.
func placeholder(k int) string { return "\x00img" + strconv.Itoa(k) + "\x00" }

var placeholderRE = regexp.MustCompile(`!\[((?:\\.|[^\]\\])*)\]\(\x00img(\d+)\x00\)`)

// loadImages loads every image the article refers to with fetch,
// converts what the PDF cannot take, names the files images/NAME-N.ext,
// and puts their paths into md; an image that cannot be had is left out
// with a warning, its alt text kept.
func loadImages(file string, md []byte, refs []imageRef, name string, fetch func(string) ([]byte, error), diags *diag.List) ([]byte, []File) {
	var files []File
	paths := make([]string, len(refs))
	byRef := map[string]string{}
	for k, r := range refs {
		if p, ok := byRef[r.ref]; ok {
			paths[k] = p
			continue
		}
		pos := diag.Pos{File: file, Line: r.line}
		data, err := loadImage(r.ref, fetch)
		var ext string
		if err == nil {
			var note string
			data, ext, note, err = toPrintable(data)
			if note != "" {
				diags.Warnf(pos, codeImageConverted, "image %s: %s", shorten(r.ref, 100), note)
			}
		}
		if err != nil {
			diags.Warnf(pos, codeImageFailed, "image %s left out: %v; its alt text is kept", shorten(r.ref, 100), err)
			byRef[r.ref] = ""
			continue
		}
		p := fmt.Sprintf("images/%s-%d.%s", name, len(files)+1, ext)
		files = append(files, File{Path: p, Data: data, From: r.ref})
		byRef[r.ref] = p
		paths[k] = p
	}
	out := placeholderRE.ReplaceAllFunc(md, func(m []byte) []byte {
		sub := placeholderRE.FindSubmatch(m)
		k, _ := strconv.Atoi(string(sub[2]))
		if k >= len(refs) {
			return nil
		}
		if p := paths[k]; p != "" {
			return []byte("![" + string(sub[1]) + "](" + p + ")")
		}
		if refs[k].alt == "" || refs[k].caption {
			return nil
		}
		return []byte("*" + string(sub[1]) + "*")
	})
	return out, files
}

// loadImage returns the bytes of a data: URI, or what fetch gives for a
// URL or a path.
func loadImage(ref string, fetch func(string) ([]byte, error)) ([]byte, error) {
	if strings.HasPrefix(strings.ToLower(ref), "data:") {
		return decodeDataURI(ref)
	}
	return fetch(ref)
}

// decodeDataURI decodes "data:[type][;base64],payload".
func decodeDataURI(u string) ([]byte, error) {
	comma := strings.IndexByte(u, ',')
	if comma < 0 {
		return nil, errors.New("a data: URI without a comma")
	}
	head, payload := strings.ToLower(u[5:comma]), u[comma+1:]
	if strings.HasSuffix(head, ";base64") {
		payload = strings.Map(func(r rune) rune {
			if r == ' ' || r == '\n' || r == '\r' || r == '\t' {
				return -1
			}
			return r
		}, payload)
		if b, err := base64.StdEncoding.DecodeString(payload); err == nil {
			return b, nil
		}
		b, err := base64.RawStdEncoding.DecodeString(strings.TrimRight(payload, "="))
		if err != nil {
			return nil, fmt.Errorf("a data: URI whose base64 is broken: %w", err)
		}
		return b, nil
	}
	s, err := url.PathUnescape(payload)
	if err != nil {
		return nil, fmt.Errorf("a data: URI whose escapes are broken: %w", err)
	}
	return []byte(s), nil
}

// toPrintable returns an image the PDF can embed (JPEG or PNG) and its
// extension: JPEG and PNG as they are, once checked; GIF and WebP
// converted to PNG (an animated GIF keeps its first frame, with a note);
// SVG, AVIF and anything else refused, with the reason.
func toPrintable(data []byte) ([]byte, string, string, error) {
	kind := sniffImage(data)
	switch kind {
	case "jpeg", "png":
		if _, _, err := image.DecodeConfig(bytes.NewReader(data)); err != nil {
			return nil, "", "", fmt.Errorf("a broken %s file (%v)", strings.ToUpper(kind), err)
		}
		ext := kind
		if ext == "jpeg" {
			ext = "jpg"
		}
		return data, ext, "", nil
	case "gif":
		g, err := gif.DecodeAll(bytes.NewReader(data))
		if err != nil || len(g.Image) == 0 {
			return nil, "", "", fmt.Errorf("a broken GIF file (%v)", err)
		}
		note := "GIF converted to PNG"
		if len(g.Image) > 1 {
			note = fmt.Sprintf("animated GIF (%d frames) converted to PNG; only its first frame is kept", len(g.Image))
		}
		b, err := encodePNG(g.Image[0])
		return b, "png", note, err
	case "webp":
		m, err := decodeWebP(data)
		if err != nil {
			return nil, "", "", fmt.Errorf("a WebP file that cannot be decoded (%v)", err)
		}
		b, err := encodePNG(m)
		return b, "png", "WebP converted to PNG", err
	case "svg":
		return nil, "", "", errors.New("an SVG drawing, which the PDF cannot take (save it as PNG and add it by hand)")
	case "avif":
		return nil, "", "", errors.New("an AVIF image, which the PDF cannot take (save it as JPEG or PNG and add it by hand)")
	case "html":
		return nil, "", "", errors.New("the server sent a web page, not an image")
	}
	return nil, "", "", errors.New("not an image the importer knows (JPEG, PNG, GIF or WebP)")
}

func encodePNG(m image.Image) ([]byte, error) {
	var b bytes.Buffer
	if err := (&png.Encoder{CompressionLevel: png.BestCompression}).Encode(&b, m); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// sniffImage names an image's format by its first bytes.
func sniffImage(b []byte) string {
	switch {
	case bytes.HasPrefix(b, []byte("\xff\xd8\xff")):
		return "jpeg"
	case bytes.HasPrefix(b, []byte("\x89PNG\r\n\x1a\n")):
		return "png"
	case bytes.HasPrefix(b, []byte("GIF87a")), bytes.HasPrefix(b, []byte("GIF89a")):
		return "gif"
	case len(b) >= 12 && string(b[:4]) == "RIFF" && string(b[8:12]) == "WEBP":
		return "webp"
	case len(b) >= 12 && string(b[4:8]) == "ftyp" && (string(b[8:12]) == "avif" || string(b[8:12]) == "avis"):
		return "avif"
	}
	head := strings.ToLower(string(b[:min(len(b), 1024)]))
	switch {
	case strings.Contains(head, "<svg"):
		return "svg"
	case strings.Contains(head, "<html") || strings.Contains(head, "<!doctype html"):
		return "html"
	}
	return ""
}

// srcsetCandidate is one entry of a srcset attribute.
type srcsetCandidate struct {
	url   string
	width int     // from a "800w" descriptor
	dens  float64 // from a "2x" descriptor
}

// parseSrcset reads a srcset attribute's candidates.
func parseSrcset(s string) []srcsetCandidate {
	var out []srcsetCandidate
	for _, part := range splitSrcset(s) {
		f := strings.Fields(part)
		if len(f) == 0 {
			continue
		}
		c := srcsetCandidate{url: f[0], dens: 1}
		if len(f) > 1 {
			d := f[1]
			switch {
			case strings.HasSuffix(d, "w"):
				c.width, _ = strconv.Atoi(strings.TrimSuffix(d, "w"))
			case strings.HasSuffix(d, "x"):
				c.dens, _ = strconv.ParseFloat(strings.TrimSuffix(d, "x"), 64)
			}
		}
		out = append(out, c)
	}
	return out
}

// splitSrcset splits a srcset at the commas between candidates; a comma
// inside a URL (followed by no white space) stays.
func splitSrcset(s string) []string {
	var parts []string
	start := 0
	for i := 0; i < len(s); i++ {
		if s[i] == ',' && (i+1 == len(s) || s[i+1] == ' ' || s[i+1] == '\n' || s[i+1] == '\t') {
			parts = append(parts, s[start:i])
			start = i + 1
		}
	}
	return append(parts, s[start:])
}

// bestCandidate picks the largest candidate no wider than maxImageWidth
// (or the narrowest, when all are wider); with density descriptors, the
// densest up to 2x.
func bestCandidate(cs []srcsetCandidate) string {
	best := -1
	for i, c := range cs {
		if best < 0 {
			best = i
			continue
		}
		b := cs[best]
		switch {
		case c.width > 0 || b.width > 0:
			cw, bw := c.width, b.width
			if (cw <= maxImageWidth && (bw > maxImageWidth || cw > bw)) || (cw > maxImageWidth && bw > maxImageWidth && cw < bw) {
				best = i
			}
		default:
			if (c.dens <= 2 && (b.dens > 2 || c.dens > b.dens)) || (c.dens > 2 && b.dens > 2 && c.dens < b.dens) {
				best = i
			}
		}
	}
	if best < 0 {
		return ""
	}
	return cs[best].url
}
