package markdown

import (
	"bytes"
	"os"
	"strings"
)

// A tiny txtar reader and writer (the format of golang.org/x/tools/txtar),
// kept here so that the tests need no module beyond go.mod's.

type archive struct {
	comment []byte
	files   []archiveFile
}

type archiveFile struct {
	name string
	data []byte
}

func parseArchive(data []byte) *archive {
	a := &archive{}
	var cur *archiveFile
	for len(data) > 0 {
		line := data
		rest := []byte(nil)
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			line, rest = data[:i+1], data[i+1:]
		}
		data = rest
		s := strings.TrimRight(string(line), "\r\n")
		if strings.HasPrefix(s, "-- ") && strings.HasSuffix(s, " --") && len(s) > 6 {
			a.files = append(a.files, archiveFile{name: strings.TrimSpace(s[3 : len(s)-3])})
			cur = &a.files[len(a.files)-1]
			continue
		}
		if cur == nil {
			a.comment = append(a.comment, line...)
		} else {
			cur.data = append(cur.data, line...)
		}
	}
	for i := range a.files {
		if d := a.files[i].data; len(d) > 0 && d[len(d)-1] != '\n' {
			a.files[i].data = append(d, '\n')
		}
	}
	return a
}

func readArchive(file string) (*archive, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	return parseArchive(data), nil
}

func (a *archive) format() []byte {
	var b bytes.Buffer
	b.Write(a.comment)
	for _, f := range a.files {
		b.WriteString("-- " + f.name + " --\n")
		b.Write(f.data)
	}
	return b.Bytes()
}

func (a *archive) get(name string) []byte {
	for _, f := range a.files {
		if f.name == name {
			return f.data
		}
	}
	return nil
}

// set replaces or adds a section; an empty "diags" section is removed.
func (a *archive) set(name, data string) {
	for i, f := range a.files {
		if f.name == name {
			if data == "" && name == "diags" {
				a.files = append(a.files[:i], a.files[i+1:]...)
				return
			}
			a.files[i].data = []byte(data)
			return
		}
	}
	if data != "" {
		a.files = append(a.files, archiveFile{name: name, data: []byte(data)})
	}
}
