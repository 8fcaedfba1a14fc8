// Package inputfile opens the files a build reads — manifests, articles,
// images, fonts, layouts, cover art, import lists — so that none of them
// can hang the build or be misreported.
//
// A path that is not a regular file (a folder, a named pipe, a socket, a
// device) is refused with a reason that says what is there, before any
// byte is read: opening a named pipe for reading blocks until a writer
// appears, and a read from /dev/zero never ends. Files are opened without
// blocking and checked on the open descriptor, so a path swapped for a
// pipe between a check and the open cannot slip through. Reads are
// bounded by a size limit even when the file grows while it is read.
//
// Every error reads as the reason after a path ("articles/x.md: not a
// regular file (a named pipe)") and wraps the file system's error, so
// errors.Is(err, fs.ErrNotExist) still tells "nothing there" apart.
package inputfile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"syscall"
)

// Error is a reason a path cannot be read as an input file. Its text is
// the reason alone; the caller puts the path (and the manifest position
// that named it) in front.
type Error struct {
	Reason string
	Err    error // the underlying error, if any
}

func (e *Error) Error() string { return e.Reason }
func (e *Error) Unwrap() error { return e.Err }

// MaxImageBytes bounds an image file read for a book: a 50-megapixel
// picture (the largest the build accepts) is well under it even as an
// uncompressed PNG.
const MaxImageBytes = 256 << 20

// ErrNotRegular is wrapped by the errors for folders, pipes, sockets and
// devices.
var ErrNotRegular = errors.New("not a regular file")

// ErrTooLarge is wrapped by the errors for files past a size limit.
var ErrTooLarge = errors.New("too large")

// Kind names what a file mode describes, for messages: "a folder",
// "a named pipe", "a socket", "a device", or "" for a regular file.
func Kind(m fs.FileMode) string {
	switch {
	case m.IsRegular():
		return ""
	case m.IsDir():
		return "a folder"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a block device"
	case m&fs.ModeSymlink != 0:
		return "a symbolic link"
	case m&fs.ModeIrregular != 0:
		return "a special file"
	}
	return "a special file"
}

// Reason words a file system error as the reason after a path: "no such
// file", "permission denied", "a loop of symbolic links", or the bare
// cause without the path. The result wraps err.
func Reason(err error) error {
	if err == nil {
		return nil
	}
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return &Error{"no such file", err}
	case errors.Is(err, fs.ErrPermission):
		return &Error{"permission denied", err}
	case errors.Is(err, syscall.ELOOP):
		return &Error{"a loop of symbolic links", err}
	case errors.Is(err, syscall.ENOTDIR):
		// "a/b" where a is a file: nothing exists at the path.
		return &Error{"no such file (a part of the path is a file, not a folder)", fs.ErrNotExist}
	case errors.Is(err, syscall.ENAMETOOLONG):
		return &Error{"the name is too long", err}
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return &Error{pe.Err.Error(), err}
	}
	return &Error{err.Error(), err}
}

// notRegular is the error for a path whose mode is not a regular file.
func notRegular(m fs.FileMode) error {
	return &Error{fmt.Sprintf("not a regular file (%s)", Kind(m)), ErrNotRegular}
}

// Check reports why path cannot be read as an input file, or nil when it
// is a regular file (symbolic links followed). It opens nothing.
func Check(path string) error {
	fi, err := os.Stat(path)
	if err != nil {
		return Reason(err)
	}
	if !fi.Mode().IsRegular() {
		return notRegular(fi.Mode())
	}
	return nil
}

// Open opens path for reading if it is a regular file. It never blocks on
// a named pipe: the file is opened non-blocking and checked on the open
// descriptor.
func Open(path string) (*os.File, fs.FileInfo, error) {
	f, err := openNonblock(path)
	if err != nil {
		// A socket cannot be opened at all (ENXIO): say what is there
		// rather than the system's words for the failed open.
		if fi, serr := os.Stat(path); serr == nil && !fi.Mode().IsRegular() {
			return nil, nil, notRegular(fi.Mode())
		}
		return nil, nil, Reason(err)
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, nil, Reason(err)
	}
	if !fi.Mode().IsRegular() {
		f.Close()
		return nil, nil, notRegular(fi.Mode())
	}
	return f, fi, nil
}

// Read reads the regular file at path, at most limit bytes (limit ≤ 0:
// no limit). A file larger than limit, or one that grows past it while
// it is read, is an error that gives both sizes.
func Read(path string, limit int64) ([]byte, error) {
	f, fi, err := Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if limit > 0 && fi.Size() > limit {
		return nil, TooLarge(fi.Size(), limit)
	}
	var r io.Reader = f
	if limit > 0 {
		r = io.LimitReader(f, limit+1)
	}
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, Reason(err)
	}
	if limit > 0 && int64(len(data)) > limit {
		return nil, TooLarge(int64(len(data)), limit)
	}
	return data, nil
}

// TooLarge is the error for a file of size bytes past limit:
// "too large (49 MB, limit 1 MB)".
func TooLarge(size, limit int64) error {
	return &Error{fmt.Sprintf("too large (%s, limit %s)", Size(size), Size(limit)), ErrTooLarge}
}

// Size words a byte count for messages: whole megabytes from 1 MB up,
// kilobytes from 1 KB, bytes below.
func Size(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%d MB", n>>20)
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
