package fsreason

import (
	"errors"
	"io/fs"
	"os"
	"syscall"
	"testing"
)

func TestOf(t *testing.T) {
	_, err := os.Open("/no/such/file/here")
	for _, c := range []struct {
		err  error
		want string
	}{
		{err, "no such file"},
		{&fs.PathError{Op: "open", Path: "x", Err: fs.ErrPermission}, "permission denied"},
		{&fs.PathError{Op: "read", Path: "x", Err: syscall.EISDIR}, "is a directory"},
		{errors.New("other"), "other"},
	} {
		if got := Of(c.err).Error(); got != c.want {
			t.Errorf("Of(%v) = %q, want %q", c.err, got, c.want)
		}
	}
}
