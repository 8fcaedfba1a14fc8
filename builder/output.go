package builder

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// pending is an output written to a temporary file in its final folder,
// waiting to be renamed into place. Renaming within a folder is atomic, so
// readers of the output see the old file or the new one, never a part.
type pending struct {
	tmp   string
	final string
}

// writeTemp writes an output through write into a temporary file beside
// final. On failure it removes the temporary file and returns the error.
func writeTemp(dir, name string, write func(io.Writer) error) (p *pending, err error) {
	f, err := os.CreateTemp(dir, "."+name+".*.tmp")
	if err != nil {
		return nil, fmt.Errorf("writing %s: %w", name, err)
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	bw := bufio.NewWriterSize(f, 256<<10)
	if err := write(bw); err != nil {
		return nil, fmt.Errorf("writing %s: %w", name, err)
	}
	if err := bw.Flush(); err != nil {
		return nil, fmt.Errorf("writing %s: %w", name, err)
	}
	if err := f.Chmod(0o644); err != nil {
		return nil, fmt.Errorf("writing %s: %w", name, err)
	}
	if err := f.Close(); err != nil {
		return nil, fmt.Errorf("writing %s: %w", name, err)
	}
	return &pending{tmp: f.Name(), final: filepath.Join(dir, name)}, nil
}

// commit renames the temporary file into place.
func (p *pending) commit() error {
	if err := os.Rename(p.tmp, p.final); err != nil {
		os.Remove(p.tmp)
		return fmt.Errorf("writing %s: %w", p.final, err)
	}
	return nil
}

// discard removes the temporary file; it is safe on a nil pending.
func (p *pending) discard() {
	if p != nil {
		os.Remove(p.tmp)
	}
}
