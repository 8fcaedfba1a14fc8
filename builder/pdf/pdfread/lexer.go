package pdfread

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
)

// lexer reads PDF syntax from b at p.
type lexer struct {
	b     []byte
	p     int
	f     *File // for indirect /Length values
	depth int
}

var errEOF = errors.New("unexpected end of data")

func isSpace(c byte) bool {
	switch c {
	case 0, '\t', '\n', '\f', '\r', ' ':
		return true
	}
	return false
}

func isDelim(c byte) bool {
	switch c {
	case '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}

func isRegular(c byte) bool { return !isSpace(c) && !isDelim(c) }

func (l *lexer) skipSpace() {
	for l.p < len(l.b) {
		c := l.b[l.p]
		if isSpace(c) {
			l.p++
			continue
		}
		if c == '%' {
			for l.p < len(l.b) && l.b[l.p] != '\n' && l.b[l.p] != '\r' {
				l.p++
			}
			continue
		}
		return
	}
}

// keyword consumes the keyword kw if it comes next.
func (l *lexer) keyword(kw string) bool {
	l.skipSpace()
	if bytes.HasPrefix(l.b[l.p:], []byte(kw)) {
		e := l.p + len(kw)
		if e == len(l.b) || !isRegular(l.b[e]) {
			l.p = e
			return true
		}
	}
	return false
}

// token returns the next regular token (a number or keyword) as bytes.
func (l *lexer) token() ([]byte, error) {
	l.skipSpace()
	start := l.p
	for l.p < len(l.b) && isRegular(l.b[l.p]) {
		l.p++
	}
	if l.p == start {
		return nil, errEOF
	}
	return l.b[start:l.p], nil
}

// object reads one object; "N G R" is a reference.
func (l *lexer) object() (Object, error) {
	o, err := l.objectNoRef()
	if err != nil {
		return nil, err
	}
	if n, ok := o.(Int); ok {
		save := l.p
		if g, err := l.token(); err == nil && isInt(g) {
			if l.keyword("R") {
				return Ref(n), nil
			}
		}
		l.p = save
	}
	return o, nil
}

func isInt(b []byte) bool {
	for _, c := range b {
		if c < '0' || c > '9' {
			return false
		}
	}
	return len(b) > 0
}

func (l *lexer) objectNoRef() (Object, error) {
	l.skipSpace()
	if l.p >= len(l.b) {
		return nil, errEOF
	}
	l.depth++
	defer func() { l.depth-- }()
	if l.depth > 100 {
		return nil, errors.New("objects nested too deep")
	}
	switch c := l.b[l.p]; c {
	case '/':
		l.p++
		start := l.p
		for l.p < len(l.b) && isRegular(l.b[l.p]) {
			l.p++
		}
		return Name(decodeName(l.b[start:l.p])), nil
	case '(':
		return l.literal()
	case '<':
		if l.p+1 < len(l.b) && l.b[l.p+1] == '<' {
			l.p += 2
			return l.dict()
		}
		return l.hex()
	case '[':
		l.p++
		var a Array
		for {
			l.skipSpace()
			if l.p >= len(l.b) {
				return nil, errEOF
			}
			if l.b[l.p] == ']' {
				l.p++
				return a, nil
			}
			o, err := l.object()
			if err != nil {
				return nil, err
			}
			a = append(a, o)
		}
	}
	t, err := l.token()
	if err != nil {
		return nil, fmt.Errorf("unexpected %q at %d", l.b[l.p], l.p)
	}
	switch s := string(t); s {
	case "true":
		return Bool(true), nil
	case "false":
		return Bool(false), nil
	case "null":
		return nil, nil
	default:
		if i, err := strconv.ParseInt(s, 10, 64); err == nil {
			return Int(i), nil
		}
		if v, err := strconv.ParseFloat(s, 64); err == nil {
			return Real(v), nil
		}
		return nil, fmt.Errorf("unexpected %q", s)
	}
}

func (l *lexer) dict() (Object, error) {
	d := Dict{}
	for {
		l.skipSpace()
		if l.p+1 < len(l.b) && l.b[l.p] == '>' && l.b[l.p+1] == '>' {
			l.p += 2
			return d, nil
		}
		k, err := l.objectNoRef()
		if err != nil {
			return nil, err
		}
		name, ok := k.(Name)
		if !ok {
			return nil, fmt.Errorf("dictionary key %v is not a name", k)
		}
		v, err := l.object()
		if err != nil {
			return nil, err
		}
		d[name] = v
	}
}

func decodeName(b []byte) string {
	if bytes.IndexByte(b, '#') < 0 {
		return string(b)
	}
	var out []byte
	for i := 0; i < len(b); i++ {
		if b[i] == '#' && i+2 < len(b) {
			if v, err := strconv.ParseUint(string(b[i+1:i+3]), 16, 8); err == nil {
				out = append(out, byte(v))
				i += 2
				continue
			}
		}
		out = append(out, b[i])
	}
	return string(out)
}

func (l *lexer) literal() (Object, error) {
	l.p++ // (
	var out []byte
	depth := 1
	for l.p < len(l.b) {
		c := l.b[l.p]
		l.p++
		switch c {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return String(out), nil
			}
		case '\\':
			if l.p >= len(l.b) {
				return nil, errEOF
			}
			e := l.b[l.p]
			l.p++
			switch e {
			case 'n':
				c = '\n'
			case 'r':
				c = '\r'
			case 't':
				c = '\t'
			case 'b':
				c = '\b'
			case 'f':
				c = '\f'
			case '\r':
				if l.p < len(l.b) && l.b[l.p] == '\n' {
					l.p++
				}
				continue
			case '\n':
				continue
			default:
				if e >= '0' && e <= '7' {
					v := int(e - '0')
					for k := 0; k < 2 && l.p < len(l.b) && l.b[l.p] >= '0' && l.b[l.p] <= '7'; k++ {
						v = v*8 + int(l.b[l.p]-'0')
						l.p++
					}
					c = byte(v)
				} else {
					c = e
				}
			}
		}
		out = append(out, c)
	}
	return nil, errEOF
}

func (l *lexer) hex() (Object, error) {
	l.p++ // <
	var out []byte
	var hi int = -1
	for l.p < len(l.b) {
		c := l.b[l.p]
		l.p++
		if c == '>' {
			if hi >= 0 {
				out = append(out, byte(hi<<4))
			}
			return String(out), nil
		}
		if isSpace(c) {
			continue
		}
		v, err := strconv.ParseUint(string(c), 16, 8)
		if err != nil {
			return nil, fmt.Errorf("bad hex digit %q", c)
		}
		if hi < 0 {
			hi = int(v)
		} else {
			out = append(out, byte(hi<<4|int(v)))
			hi = -1
		}
	}
	return nil, errEOF
}

// stream reads a stream's data after the keyword "stream", d its
// dictionary.
func (l *lexer) stream(d Dict) (*Stream, error) {
	if l.p < len(l.b) && l.b[l.p] == '\r' {
		l.p++
	}
	if l.p < len(l.b) && l.b[l.p] == '\n' {
		l.p++
	}
	start := l.p
	n := -1
	switch v := d["Length"].(type) {
	case Int:
		n = int(v)
	case Ref:
		if l.f != nil {
			if iv, ok := l.f.Resolve(v).(Int); ok {
				n = int(iv)
			}
		}
	}
	// Trust /Length only when "endstream" follows it.
	if n >= 0 && start+n <= len(l.b) {
		rest := l.b[start+n:]
		rest = bytes.TrimLeft(rest, "\r\n")
		if bytes.HasPrefix(rest, []byte("endstream")) {
			return &Stream{Dict: d, Raw: l.b[start : start+n]}, nil
		}
	}
	i := bytes.Index(l.b[start:], []byte("endstream"))
	if i < 0 {
		return nil, errors.New("stream without endstream")
	}
	end := start + i
	if end > start && l.b[end-1] == '\n' {
		end--
	}
	if end > start && l.b[end-1] == '\r' {
		end--
	}
	return &Stream{Dict: d, Raw: l.b[start:end]}, nil
}
