package obj

import (
	"bufio"
	"bytes"
	"compress/zlib"
	"crypto/sha256"
	"fmt"
	"hash"
	"io"
	"strconv"
)

// Level is the compression level of every stream: zlib's fastest. A
// book's pages are mostly small text streams, which the faster levels
// compress nearly as well (Emerson's essays: the default level saves
// under 3% of the file for about twice the time).
const Level = zlib.BestSpeed

// Writer writes a PDF file object by object. Objects may be written in
// any order once their number is allocated; Close writes the
// cross-reference table and the trailer. The first error sticks: later
// calls do nothing and Close returns it.
type Writer struct {
	bw   *bufio.Writer
	hash hash.Hash
	n    int64   // bytes written so far: the next object's offset
	offs []int64 // offs[r] is object r's offset; 0 while unwritten
	err  error

	buf  []byte       // an object's syntax, reused
	zbuf bytes.Buffer // a stream's compressed bytes, reused
	// zw is reused from stream to stream: a zlib writer carries about a
	// megabyte of state, and a fresh one per stream cost Emerson's
	// essays 420 MB of allocation under fpdf.
	zw *zlib.Writer
}

// NewWriter starts a PDF 1.7 file on w.
func NewWriter(w io.Writer) *Writer {
	wr := &Writer{bw: bufio.NewWriterSize(w, 64<<10), hash: sha256.New(), offs: []int64{0}}
	// The comment's bytes above 127 tell transfer programs the file is
	// binary (PDF 1.7, 7.5.2).
	wr.write([]byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"))
	return wr
}

func (w *Writer) write(p []byte) {
	if w.err != nil {
		return
	}
	w.hash.Write(p)
	_, w.err = w.bw.Write(p)
	w.n += int64(len(p))
}

// Err returns the first error met so far.
func (w *Writer) Err() error { return w.err }

// Alloc returns the number of a new indirect object, to be written later
// with Write or Stream.
func (w *Writer) Alloc() Ref {
	w.offs = append(w.offs, 0)
	return Ref(len(w.offs) - 1)
}

// begin records r's offset and appends its header to w.buf.
func (w *Writer) begin(r Ref) bool {
	if w.err != nil {
		return false
	}
	if r == 0 || int(r) >= len(w.offs) || w.offs[r] != 0 {
		w.err = fmt.Errorf("pdf object %d: not allocated or written twice", r)
		return false
	}
	w.offs[r] = w.n
	w.buf = strconv.AppendUint(w.buf[:0], uint64(r), 10)
	w.buf = append(w.buf, " 0 obj\n"...)
	return true
}

// Write writes o as indirect object r.
func (w *Writer) Write(r Ref, o Object) {
	if !w.begin(r) {
		return
	}
	w.buf = o.AppendPDF(w.buf)
	w.buf = append(w.buf, "\nendobj\n"...)
	w.write(w.buf)
}

// Stream writes a stream object r with dictionary d (which Stream
// completes with /Length and, when compress is set, /Filter
// /FlateDecode) and the bytes data. d may be nil.
func (w *Writer) Stream(r Ref, d Dict, data []byte, compress bool) {
	if w.err != nil {
		return
	}
	if d == nil {
		d = Dict{}
	}
	if compress {
		w.zbuf.Reset()
		if w.zw == nil {
			w.zw, w.err = zlib.NewWriterLevel(&w.zbuf, Level)
			if w.err != nil {
				return
			}
		} else {
			w.zw.Reset(&w.zbuf)
		}
		if _, err := w.zw.Write(data); err != nil {
			w.err = err
			return
		}
		if err := w.zw.Close(); err != nil {
			w.err = err
			return
		}
		data = w.zbuf.Bytes()
		d["Filter"] = Name("FlateDecode")
	}
	d["Length"] = Int(len(data))
	if !w.begin(r) {
		return
	}
	w.buf = d.AppendPDF(w.buf)
	w.buf = append(w.buf, "\nstream\n"...)
	w.write(w.buf)
	w.write(data)
	w.write([]byte("\nendstream\nendobj\n"))
}

// Close writes the cross-reference table and the trailer, with root as
// /Root, info as /Info (when not 0) and an /ID made of a hash of every
// byte written before it, and flushes. Every allocated object must have
// been written.
func (w *Writer) Close(root, info Ref) error {
	if w.err != nil {
		return w.err
	}
	for r := 1; r < len(w.offs); r++ {
		if w.offs[r] == 0 {
			return fmt.Errorf("pdf object %d: allocated but never written", r)
		}
	}
	sum := w.hash.Sum(nil)[:16]
	start := w.n
	b := w.buf[:0]
	b = append(b, "xref\n0 "...)
	b = strconv.AppendInt(b, int64(len(w.offs)), 10)
	b = append(b, "\n0000000000 65535 f\r\n"...)
	for _, off := range w.offs[1:] {
		// Each entry is exactly 20 bytes, its end of line two.
		b = fmt.Appendf(b, "%010d 00000 n\r\n", off)
	}
	trailer := Dict{"Size": Int(len(w.offs)), "Root": root, "ID": Array{Hex(sum), Hex(sum)}}
	if info != 0 {
		trailer["Info"] = info
	}
	b = append(b, "trailer\n"...)
	b = trailer.AppendPDF(b)
	b = append(b, "\nstartxref\n"...)
	b = strconv.AppendInt(b, start, 10)
	b = append(b, "\n%%EOF\n"...)
	w.write(b)
	if w.err != nil {
		return w.err
	}
	return w.bw.Flush()
}
