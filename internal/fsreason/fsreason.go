// Package fsreason words a file system error as a user reads it after a
// file's name: "no such file", "permission denied", or the bare cause
// without the path the message already gives.
package fsreason

import (
	"errors"
	"io/fs"
)

// Of returns the reason err gives, for "NAME: REASON" messages.
func Of(err error) error {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return errors.New("no such file")
	case errors.Is(err, fs.ErrPermission):
		return errors.New("permission denied")
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
