package builder

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"path"
	"regexp"
	"strconv"
	"strings"
)

// epubProblems checks an EPUB's structure and safety without outside
// tools, so that it can run inside a fuzz target: the zip opens, the
// mimetype entry comes first and is stored, every XML file parses, the
// XHTML holds no script, no event-handler attribute, no javascript: link
// and no remote resource, ids are unique in each file, and every internal
// href names a file of the zip and, with a fragment, an id of that file.
// It returns one line per problem found.
func epubProblems(data []byte) []string {
	var probs []string
	bad := func(format string, args ...any) { probs = append(probs, fmt.Sprintf(format, args...)) }
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return []string{"not a zip: " + err.Error()}
	}
	if len(zr.File) == 0 || zr.File[0].Name != "mimetype" || zr.File[0].Method != zip.Store {
		bad("the first entry is not a stored mimetype")
	}
	files := map[string][]byte{}
	for _, f := range zr.File {
		if _, dup := files[f.Name]; dup {
			bad("%s is in the zip twice", f.Name)
		}
		rc, err := f.Open()
		if err != nil {
			bad("%s: %v", f.Name, err)
			continue
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			bad("%s: %v", f.Name, err)
		}
		files[f.Name] = b
	}
	if string(files["mimetype"]) != "application/epub+zip" {
		bad("mimetype is %q", files["mimetype"])
	}
	type ref struct{ from, href string }
	ids := map[string]map[string]bool{}
	var refs []ref
	for _, f := range zr.File {
		name := f.Name
		ext := path.Ext(name)
		if ext != ".xhtml" && ext != ".opf" && ext != ".ncx" && ext != ".xml" {
			continue
		}
		ids[name] = map[string]bool{}
		dec := xml.NewDecoder(bytes.NewReader(files[name]))
		dec.Strict = true
		dec.Entity = xml.HTMLEntity
		for {
			tok, err := dec.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				bad("%s: not well-formed XML: %v", name, err)
				break
			}
			se, ok := tok.(xml.StartElement)
			if !ok {
				continue
			}
			el := strings.ToLower(se.Name.Local)
			if el == "script" || el == "iframe" || el == "object" || el == "embed" || el == "form" {
				bad("%s: <%s> element", name, el)
			}
			for _, a := range se.Attr {
				an := strings.ToLower(a.Name.Local)
				val := strings.TrimSpace(a.Value)
				switch {
				case a.Name.Space == "" && strings.HasPrefix(an, "on"):
					bad("%s: event-handler attribute %s on <%s>", name, an, el)
				case an == "id":
					if ids[name][val] {
						bad("%s: id %q used twice", name, val)
					}
					ids[name][val] = true
				case an == "href" || an == "src" || (an == "full-path" && ext == ".xml"):
					if unsafeURL(val) {
						bad("%s: %s=%q on <%s>", name, an, val, el)
					}
					remote := isRemote(val)
					// A link the reader follows may leave the book; a
					// resource the reading system loads may not.
					if remote && !(el == "a" && an == "href") {
						bad("%s: remote resource %s=%q on <%s>", name, an, val, el)
					}
					if !remote && !strings.HasPrefix(strings.ToLower(val), "mailto:") && ext != ".xml" {
						refs = append(refs, ref{name, val})
					}
				}
			}
		}
	}
	for _, r := range refs {
		target, frag, _ := strings.Cut(r.href, "#")
		file := r.from
		if target != "" {
			u, err := unescapePath(target)
			if err != nil {
				bad("%s: href %q: %v", r.from, r.href, err)
				continue
			}
			file = path.Join(path.Dir(r.from), u)
			if _, ok := files[file]; !ok {
				bad("%s: href %q names no file of the EPUB", r.from, r.href)
				continue
			}
		}
		if frag != "" && ids[file] != nil && !ids[file][frag] {
			bad("%s: href %q names no id of %s", r.from, r.href, file)
		}
	}
	return probs
}

func unescapePath(s string) (string, error) {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '%' {
			b.WriteByte(s[i])
			continue
		}
		if i+2 >= len(s) {
			return "", fmt.Errorf("bad escape")
		}
		n, err := strconv.ParseUint(s[i+1:i+3], 16, 8)
		if err != nil {
			return "", fmt.Errorf("bad escape")
		}
		b.WriteByte(byte(n))
		i += 2
	}
	return b.String(), nil
}

var schemeRE = regexp.MustCompile(`^[a-zA-Z][a-zA-Z0-9+.-]*:`)

// unsafeURL reports a URL a reading system could run: javascript:,
// vbscript: or data:text/html (after stripping what browsers strip).
func unsafeURL(s string) bool {
	s = strings.Map(func(r rune) rune {
		if r <= ' ' || r == 0x7f {
			return -1
		}
		return r
	}, strings.ToLower(s))
	return strings.HasPrefix(s, "javascript:") || strings.HasPrefix(s, "vbscript:") || strings.HasPrefix(s, "data:text/html")
}

func isRemote(s string) bool {
	s = strings.ToLower(strings.TrimSpace(s))
	return strings.HasPrefix(s, "//") || (schemeRE.MatchString(s) && !strings.HasPrefix(s, "mailto:"))
}

// pdfProblems checks a PDF's outline without outside tools: the header,
// the end-of-file marker, and a startxref offset that points at the
// cross-reference table, whose trailer names the catalog.
func pdfProblems(data []byte) []string {
	var probs []string
	if !bytes.HasPrefix(data, []byte("%PDF-1.")) {
		probs = append(probs, "no %PDF-1. header")
	}
	tail := bytes.TrimRight(data, "\r\n ")
	if !bytes.HasSuffix(tail, []byte("%%EOF")) {
		probs = append(probs, "no %%EOF at the end")
	}
	i := bytes.LastIndex(data, []byte("startxref"))
	if i < 0 {
		return append(probs, "no startxref")
	}
	fields := strings.Fields(string(data[i+len("startxref"):]))
	if len(fields) == 0 {
		return append(probs, "startxref without an offset")
	}
	off, err := strconv.Atoi(fields[0])
	if err != nil || off < 0 || off >= len(data) {
		return append(probs, fmt.Sprintf("startxref offset %q out of range", fields[0]))
	}
	if !bytes.HasPrefix(data[off:], []byte("xref")) {
		probs = append(probs, "startxref does not point at an xref table")
	}
	if t := bytes.LastIndex(data, []byte("trailer")); t < 0 || !bytes.Contains(data[t:], []byte("/Root")) {
		probs = append(probs, "no trailer naming /Root")
	}
	return probs
}
