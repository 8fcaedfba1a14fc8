package inputfile

import (
	"errors"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestSpecialFiles opens each kind of file a mistyped path can name and
// checks the reason given, and that no open blocks.
func TestSpecialFiles(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no named pipes or devices in the file system")
	}
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	regular := write("a.md", "# A\n")
	fifo := filepath.Join(dir, "feed.md")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	sock := filepath.Join(dir, "s.sock")
	l, err := net.Listen("unix", sock)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	loop := filepath.Join(dir, "loop.md")
	if err := os.Symlink(loop, loop); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.md")
	if err := os.Symlink(regular, link); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		path, want string
		is         error
	}{
		{regular, "", nil},
		{link, "", nil},
		{filepath.Join(dir, "none.md"), "no such file", fs.ErrNotExist},
		{filepath.Join(regular, "x.png"), "no such file (a part of the path is a file, not a folder)", fs.ErrNotExist},
		{dir, "not a regular file (a folder)", ErrNotRegular},
		{fifo, "not a regular file (a named pipe)", ErrNotRegular},
		{sock, "not a regular file (a socket)", ErrNotRegular},
		{"/dev/zero", "not a regular file (a character device)", ErrNotRegular},
		{"/dev/null", "not a regular file (a character device)", ErrNotRegular},
		{loop, "a loop of symbolic links", nil},
	} {
		got := func(err error) string {
			if err == nil {
				return ""
			}
			return err.Error()
		}
		if err := Check(c.path); got(err) != c.want || (c.is != nil && !errors.Is(err, c.is)) {
			t.Errorf("Check(%s) = %v, want %q", c.path, err, c.want)
		}
		done := make(chan error, 1)
		go func() {
			data, err := Read(c.path, 1<<20)
			if err == nil && string(data) != "# A\n" {
				err = errors.New("read " + string(data))
			}
			done <- err
		}()
		select {
		case err := <-done:
			if got(err) != c.want || (c.is != nil && !errors.Is(err, c.is)) {
				t.Errorf("Read(%s) = %v, want %q", c.path, err, c.want)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("Read(%s) blocked", c.path)
		}
	}
}

func TestLimit(t *testing.T) {
	p := filepath.Join(t.TempDir(), "big.md")
	if err := os.WriteFile(p, make([]byte, 3<<20), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Read(p, 1<<20)
	if err == nil || err.Error() != "too large (3 MB, limit 1 MB)" || !errors.Is(err, ErrTooLarge) {
		t.Errorf("Read = %v", err)
	}
	if data, err := Read(p, 0); err != nil || len(data) != 3<<20 {
		t.Errorf("Read without a limit = %d bytes, %v", len(data), err)
	}
	if data, err := Read(p, 3<<20); err != nil || len(data) != 3<<20 {
		t.Errorf("Read at the limit = %d bytes, %v", len(data), err)
	}
}

func TestReason(t *testing.T) {
	for _, c := range []struct {
		err  error
		want string
	}{
		{&fs.PathError{Op: "open", Path: "x", Err: fs.ErrPermission}, "permission denied"},
		{&fs.PathError{Op: "read", Path: "x", Err: syscall.EISDIR}, "is a directory"},
		{errors.New("other"), "other"},
	} {
		if got := Reason(c.err).Error(); got != c.want || strings.Contains(got, "x:") {
			t.Errorf("Reason(%v) = %q, want %q", c.err, got, c.want)
		}
	}
	if Reason(nil) != nil {
		t.Error("Reason(nil) is not nil")
	}
	if !errors.Is(Reason(&fs.PathError{Op: "open", Path: "x", Err: fs.ErrPermission}), fs.ErrPermission) {
		t.Error("permission error does not wrap fs.ErrPermission")
	}
}

func TestSize(t *testing.T) {
	for n, want := range map[int64]string{12: "12 bytes", 2048: "2 KB", 64 << 20: "64 MB"} {
		if got := Size(n); got != want {
			t.Errorf("Size(%d) = %q, want %q", n, got, want)
		}
	}
}
