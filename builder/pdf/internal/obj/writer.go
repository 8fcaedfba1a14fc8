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
	"sync"
)

// Level is the compression level of every stream: zlib's fastest. A
// book's pages are mostly small text streams, which the slower levels
// shrink by only a few per cent more.
const Level = zlib.BestSpeed

// Writer writes a PDF file object by object. Objects may be written in
// any order once their number is allocated; Close writes the
// cross-reference table and the trailer.
//
// The bytes are compressed and written by a goroutine of the Writer's
// own, in the order Write and Stream were called, so that a caller
// painting the next page runs beside the compression of the last one:
// the output is the same as if everything ran in turn. Every Writer must
// end with Close or Abort, which stop the goroutine.
//
// The first error sticks: later calls do nothing and Close returns it.
type Writer struct {
	next Ref // the last number allocated
	jobs chan job
	done chan struct{}
	// free holds stream buffers the goroutine has finished with, for
	// Stream to fill again.
	free   chan []byte
	closed bool

	mu  sync.Mutex
	err error

	// The goroutine's own state, read by Close once it has stopped.
	bw   *bufio.Writer
	hash hash.Hash
	n    int64   // bytes written so far: the next object's offset
	offs []int64 // offs[r] is object r's offset; 0 while unwritten
	zbuf bytes.Buffer
	// zw is reused from stream to stream: a zlib writer carries about a
	// megabyte of state, and a fresh one per stream cost Emerson's
	// essays 420 MB of allocation under fpdf.
	zw *zlib.Writer
}

// job is one object for the goroutine to write: head is its syntax up
// to the stream's data, or all of it when stream is false.
type job struct {
	ref      Ref
	head     []byte
	data     []byte
	stream   bool
	compress bool
}

// NewWriter starts a PDF 1.7 file on w.
func NewWriter(w io.Writer) *Writer {
	wr := &Writer{
		jobs: make(chan job, 64),
		done: make(chan struct{}),
		free: make(chan []byte, 4),
		bw:   bufio.NewWriterSize(w, 64<<10),
		hash: sha256.New(),
		offs: []int64{0},
	}
	// The comment's bytes above 127 tell transfer programs the file is
	// binary (PDF 1.7, 7.5.2).
	wr.write([]byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"))
	go wr.run()
	return wr
}

// Err returns the first error met so far.
func (w *Writer) Err() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.err
}

func (w *Writer) fail(err error) {
	w.mu.Lock()
	if w.err == nil {
		w.err = err
	}
	w.mu.Unlock()
}

// Alloc returns the number of a new indirect object, to be written later
// with Write or Stream.
func (w *Writer) Alloc() Ref {
	w.next++
	return w.next
}

// Write writes o as indirect object r.
func (w *Writer) Write(r Ref, o Object) {
	if w.closed {
		return
	}
	w.jobs <- job{ref: r, head: o.AppendPDF(nil)}
}

// Stream writes a stream object r with dictionary d (which Stream
// completes with /Length and, when compress is set, /Filter
// /FlateDecode) and the bytes data, which Stream copies: the caller may
// reuse data once Stream returns. d may be nil.
func (w *Writer) Stream(r Ref, d Dict, data []byte, compress bool) {
	if w.closed {
		return
	}
	if d == nil {
		d = Dict{}
	}
	if compress {
		d["Filter"] = Name("FlateDecode")
	}
	delete(d, "Length")
	head := d.AppendPDF(nil)
	head = head[:len(head)-2] // the goroutine adds /Length and ">>"
	var buf []byte
	select {
	case buf = <-w.free:
	default:
	}
	w.jobs <- job{ref: r, head: head, data: append(buf[:0], data...), stream: true, compress: compress}
}

// run writes the jobs in the order they come.
func (w *Writer) run() {
	defer close(w.done)
	for j := range w.jobs {
		if w.Err() == nil {
			w.do(j)
		}
		if j.stream {
			select {
			case w.free <- j.data:
			default:
			}
		}
	}
}

func (w *Writer) do(j job) {
	r := j.ref
	for int(r) >= len(w.offs) {
		w.offs = append(w.offs, 0)
	}
	if r == 0 || w.offs[r] != 0 {
		w.fail(fmt.Errorf("pdf object %d: not allocated or written twice", r))
		return
	}
	w.offs[r] = w.n
	head := strconv.AppendUint(nil, uint64(r), 10)
	head = append(head, " 0 obj\n"...)
	w.write(head)
	if !j.stream {
		w.write(j.head)
		w.write([]byte("\nendobj\n"))
		return
	}
	data := j.data
	if j.compress {
		w.zbuf.Reset()
		if w.zw == nil {
			zw, err := zlib.NewWriterLevel(&w.zbuf, Level)
			if err != nil {
				w.fail(err)
				return
			}
			w.zw = zw
		} else {
			w.zw.Reset(&w.zbuf)
		}
		if _, err := w.zw.Write(data); err != nil {
			w.fail(err)
			return
		}
		if err := w.zw.Close(); err != nil {
			w.fail(err)
			return
		}
		data = w.zbuf.Bytes()
	}
	head = append(j.head, "\n/Length "...)
	head = strconv.AppendInt(head, int64(len(data)), 10)
	head = append(head, ">>\nstream\n"...)
	w.write(head)
	w.write(data)
	w.write([]byte("\nendstream\nendobj\n"))
}

// write writes p to the file and the hash behind /ID.
func (w *Writer) write(p []byte) {
	if w.Err() != nil {
		return
	}
	w.hash.Write(p)
	if _, err := w.bw.Write(p); err != nil {
		w.fail(err)
	}
	w.n += int64(len(p))
}

// stop ends the goroutine once it has written what it was given.
func (w *Writer) stop() {
	if !w.closed {
		w.closed = true
		close(w.jobs)
		<-w.done
	}
}

// Abort stops the Writer without finishing the file, after an error of
// the caller's. It is a no-op after Close.
func (w *Writer) Abort() { w.stop() }

// Close writes the cross-reference table and the trailer, with root as
// /Root, info as /Info (when not 0) and an /ID made of a hash of every
// byte written before it, and flushes. Every allocated object must have
// been written.
func (w *Writer) Close(root, info Ref) error {
	if w.closed {
		return fmt.Errorf("pdf: writer already closed")
	}
	w.stop()
	if err := w.Err(); err != nil {
		return err
	}
	for r := Ref(1); r <= w.next; r++ {
		if int(r) >= len(w.offs) || w.offs[r] == 0 {
			return fmt.Errorf("pdf object %d: allocated but never written", r)
		}
	}
	if len(w.offs) > int(w.next)+1 {
		return fmt.Errorf("pdf object %d: written but never allocated", len(w.offs)-1)
	}
	sum := w.hash.Sum(nil)[:16]
	start := w.n
	b := []byte("xref\n0 ")
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
	if err := w.Err(); err != nil {
		return err
	}
	return w.bw.Flush()
}
