// Package pdfread reads the PDF files that pamphlet writes, to check
// them: plain indirect objects, a cross-reference table, streams stored
// raw or Flate-compressed. It is tolerant rather than complete: an object
// the table points at wrongly (a file edited by hand or by a test) is
// found by its "N 0 obj" header, and a stream whose /Length is wrong ends
// at its "endstream". Object streams, cross-reference streams,
// encryption and filters other than FlateDecode are not read.
//
// Every error is returned, never a panic: the input may be anything.
package pdfread

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"strconv"
	"unicode/utf16"
)

// Object is a PDF object: nil (null), Bool, Int, Real, Name, String,
// Array, Dict, Ref or *Stream.
type Object any

type (
	// Bool is a boolean.
	Bool bool
	// Int is an integer.
	Int int64
	// Real is a real number.
	Real float64
	// Name is a name, without its slash, #xx decoded.
	Name string
	// String is a string's bytes, escapes decoded.
	String string
	// Array is an array.
	Array []Object
	// Dict is a dictionary.
	Dict map[Name]Object
	// Ref is an indirect reference (generation ignored).
	Ref int
)

// Stream is a stream: its dictionary and its bytes as stored.
type Stream struct {
	Dict Dict
	Raw  []byte
}

// Data returns the stream's bytes decoded: raw, or inflated when its
// filter is FlateDecode.
func (s *Stream) Data() ([]byte, error) {
	switch f := s.Dict["Filter"].(type) {
	case nil:
		return s.Raw, nil
	case Name:
		if f != "FlateDecode" {
			return nil, fmt.Errorf("filter %s not supported", f)
		}
	case Array:
		if len(f) != 1 || f[0] != Name("FlateDecode") {
			return nil, fmt.Errorf("filters %v not supported", f)
		}
	default:
		return nil, fmt.Errorf("bad /Filter")
	}
	zr, err := zlib.NewReader(bytes.NewReader(s.Raw))
	if err != nil {
		return nil, err
	}
	// Bounded: a check has no use for a decompression bomb.
	out, err := io.ReadAll(io.LimitReader(zr, 256<<20))
	if err != nil {
		return nil, err
	}
	return out, nil
}

// File is a parsed PDF file.
type File struct {
	data    []byte
	offs    map[int]int // object number → offset of its "N 0 obj"
	cache   map[int]Object
	busy    map[int]bool // objects being read: a loop through /Length stops
	Trailer Dict
	// Header is the version in the header line, "1.7".
	Header string
}

// maxObjects bounds the number of objects a file may declare.
const maxObjects = 10_000_000

// Open parses data.
func Open(data []byte) (*File, error) {
	f := &File{data: data, offs: map[int]int{}, cache: map[int]Object{}, busy: map[int]bool{}}
	if !bytes.HasPrefix(data, []byte("%PDF-")) {
		return nil, errors.New("not a PDF file (no %PDF- header)")
	}
	if end := bytes.IndexAny(data, "\r\n"); end > 5 {
		f.Header = string(data[5:end])
	}
	// The cross-reference table, when it is where startxref says.
	if i := bytes.LastIndex(data, []byte("startxref")); i >= 0 {
		l := &lexer{b: data, p: i + len("startxref")}
		if o, err := l.object(); err == nil {
			if n, ok := o.(Int); ok && n >= 0 && int(n) < len(data) {
				f.readXref(int(n))
			}
		}
	}
	// Then every "N 0 obj" header the table does not place right.
	f.scan()
	if f.Trailer == nil {
		if i := bytes.LastIndex(data, []byte("trailer")); i >= 0 {
			l := &lexer{b: data, p: i + len("trailer")}
			if o, err := l.object(); err == nil {
				f.Trailer, _ = o.(Dict)
			}
		}
	}
	if f.Trailer == nil {
		return nil, errors.New("no trailer")
	}
	return f, nil
}

func (f *File) readXref(at int) {
	l := &lexer{b: f.data, p: at}
	if !l.keyword("xref") {
		return
	}
	for {
		save := l.p
		a, err1 := l.object()
		b, err2 := l.object()
		first, ok1 := a.(Int)
		n, ok2 := b.(Int)
		if err1 != nil || err2 != nil || !ok1 || !ok2 || first < 0 || n < 0 || n > maxObjects {
			l.p = save
			break
		}
		l.skipSpace()
		for i := 0; i < int(n); i++ {
			if l.p+18 > len(l.b) {
				return
			}
			line := l.b[l.p : l.p+18]
			l.p += 20
			if line[17] == 'n' {
				if off, err := strconv.Atoi(string(line[:10])); err == nil {
					f.offs[int(first)+i] = off
				}
			}
			if l.p > len(l.b) {
				return
			}
		}
	}
	if l.keyword("trailer") {
		if o, err := l.object(); err == nil {
			f.Trailer, _ = o.(Dict)
		}
	}
}

// scan finds the "N G obj" headers at the start of lines and keeps those
// where the table's offset does not hold the object's header.
func (f *File) scan() {
	d := f.data
	for i := 0; i < len(d); {
		j := bytes.Index(d[i:], []byte(" obj"))
		if j < 0 {
			break
		}
		end := i + j
		i = end + 4
		// Back up over "N G".
		k := end
		for k > 0 && d[k-1] >= '0' && d[k-1] <= '9' {
			k--
		}
		if k == end || k == 0 || d[k-1] != ' ' {
			continue
		}
		k--
		m := k
		for m > 0 && d[m-1] >= '0' && d[m-1] <= '9' {
			m--
		}
		if m == k || (m > 0 && d[m-1] != '\n' && d[m-1] != '\r') {
			continue
		}
		num, err := strconv.Atoi(string(d[m:k]))
		if err != nil {
			continue
		}
		if off, ok := f.offs[num]; ok && f.headerAt(off, num) {
			continue
		}
		f.offs[num] = m
	}
}

func (f *File) headerAt(off, num int) bool {
	if off < 0 || off >= len(f.data) {
		return false
	}
	p := []byte(strconv.Itoa(num) + " ")
	return bytes.HasPrefix(f.data[off:], p)
}

// Objects returns the numbers of the objects the file has.
func (f *File) Objects() []int {
	out := make([]int, 0, len(f.offs))
	for n := range f.offs {
		out = append(out, n)
	}
	return out
}

// Get returns indirect object n.
func (f *File) Get(n int) (Object, error) {
	if o, ok := f.cache[n]; ok {
		return o, nil
	}
	off, ok := f.offs[n]
	if !ok {
		return nil, fmt.Errorf("object %d not found", n)
	}
	if f.busy[n] {
		return nil, fmt.Errorf("object %d refers to itself", n)
	}
	f.busy[n] = true
	defer delete(f.busy, n)
	l := &lexer{b: f.data, p: off, f: f}
	for range 3 { // N G obj
		if _, err := l.token(); err != nil {
			return nil, fmt.Errorf("object %d: %w", n, err)
		}
	}
	o, err := l.object()
	if err != nil {
		return nil, fmt.Errorf("object %d: %w", n, err)
	}
	if d, ok := o.(Dict); ok {
		save := l.p
		if l.keyword("stream") {
			s, err := l.stream(d)
			if err != nil {
				return nil, fmt.Errorf("object %d: %w", n, err)
			}
			o = s
		} else {
			l.p = save
		}
	}
	f.cache[n] = o
	return o, nil
}

// Resolve follows o if it is a reference; a missing object is nil.
func (f *File) Resolve(o Object) Object {
	for range 32 {
		r, ok := o.(Ref)
		if !ok {
			return o
		}
		o, _ = f.Get(int(r))
	}
	return nil
}

// Dict resolves o as a dictionary (a stream's dictionary too), nil if it
// is none.
func (f *File) Dict(o Object) Dict {
	switch v := f.Resolve(o).(type) {
	case Dict:
		return v
	case *Stream:
		return v.Dict
	}
	return nil
}

// Array resolves o as an array.
func (f *File) Array(o Object) Array {
	a, _ := f.Resolve(o).(Array)
	return a
}

// Stream resolves o as a stream.
func (f *File) Stream(o Object) *Stream {
	s, _ := f.Resolve(o).(*Stream)
	return s
}

// Catalog returns the document catalog.
func (f *File) Catalog() Dict { return f.Dict(f.Trailer["Root"]) }

// Info returns the information dictionary, nil when there is none.
func (f *File) Info() Dict { return f.Dict(f.Trailer["Info"]) }

// Page is a page of the file: its dictionary and object number.
type Page struct {
	Dict Dict
	Ref  Ref
}

// Pages returns the pages in order, walking the page tree (depth
// bounded, loops cut).
func (f *File) Pages() []Page {
	var out []Page
	seen := map[Ref]bool{}
	var walk func(o Object, depth int)
	walk = func(o Object, depth int) {
		r, _ := o.(Ref)
		if depth > 64 || (r != 0 && seen[r]) {
			return
		}
		seen[r] = true
		d := f.Dict(o)
		if d == nil {
			return
		}
		if d["Type"] == Name("Pages") {
			for _, k := range f.Array(d["Kids"]) {
				walk(k, depth+1)
			}
			return
		}
		out = append(out, Page{Dict: d, Ref: r})
	}
	walk(f.Catalog()["Pages"], 0)
	return out
}

// Inherited returns key of page p, looking up the page tree for the
// keys pages inherit (Resources, MediaBox).
func (f *File) Inherited(p Dict, key Name) Object {
	for range 64 {
		if p == nil {
			return nil
		}
		if v, ok := p[key]; ok {
			return v
		}
		p = f.Dict(p["Parent"])
	}
	return nil
}

// Contents returns the decoded content of page p, its streams joined.
func (f *File) Contents(p Dict) ([]byte, error) {
	var out []byte
	add := func(o Object) error {
		s := f.Stream(o)
		if s == nil {
			return fmt.Errorf("page content is not a stream")
		}
		b, err := s.Data()
		if err != nil {
			return err
		}
		out = append(append(out, b...), '\n')
		return nil
	}
	switch c := f.Resolve(p["Contents"]).(type) {
	case Array:
		for _, o := range c {
			if err := add(o); err != nil {
				return nil, err
			}
		}
	case nil:
	default:
		if err := add(p["Contents"]); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// Text decodes a text string: UTF-16BE after a byte order mark, else
// PDFDocEncoding taken as Latin-1 (exact for ASCII).
func Text(o Object) string {
	s, ok := o.(String)
	if !ok {
		return ""
	}
	b := []byte(s)
	if len(b) >= 2 && b[0] == 0xfe && b[1] == 0xff {
		u := make([]uint16, 0, len(b)/2)
		for i := 2; i+1 < len(b); i += 2 {
			u = append(u, uint16(b[i])<<8|uint16(b[i+1]))
		}
		return string(utf16.Decode(u))
	}
	r := make([]rune, len(b))
	for i, c := range b {
		r[i] = rune(c)
	}
	return string(r)
}

// Op is one content-stream operator with its operands.
type Op struct {
	Name string
	Args []Object
}

// Content calls fn for each operator of a content stream in order; fn
// returning false stops. Inline images (BI … EI) are skipped.
func Content(data []byte, fn func(Op) bool) error {
	l := &lexer{b: data}
	var args []Object
	for {
		l.skipSpace()
		if l.p >= len(l.b) {
			return nil
		}
		c := l.b[l.p]
		if isRegular(c) && !(c >= '0' && c <= '9') && c != '-' && c != '+' && c != '.' {
			start := l.p
			for l.p < len(l.b) && isRegular(l.b[l.p]) {
				l.p++
			}
			name := string(l.b[start:l.p])
			switch name {
			case "true", "false":
				args = append(args, Bool(name == "true"))
				continue
			case "null":
				args = append(args, nil)
				continue
			case "BI":
				i := bytes.Index(l.b[l.p:], []byte("EI"))
				if i < 0 {
					return errors.New("inline image without EI")
				}
				l.p += i + 2
				args = args[:0]
				continue
			}
			if !fn(Op{Name: name, Args: args}) {
				return nil
			}
			args = nil
			continue
		}
		o, err := l.objectNoRef()
		if err != nil {
			return err
		}
		args = append(args, o)
		if len(args) > 1<<16 {
			return errors.New("too many operands")
		}
	}
}
