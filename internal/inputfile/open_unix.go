//go:build unix

package inputfile

import (
	"os"
	"syscall"
)

// openNonblock opens path read-only without blocking: a named pipe with
// no writer opens at once instead of waiting for one.
func openNonblock(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
}
