package builder

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/pamphlet/pamphlet/internal/tempfile"
)

// pending is an output written to a temporary file in its final folder,
// waiting to be renamed into place. Renaming within a folder is atomic, so
// readers of the output see the old file or the new one, never a part.
type pending struct {
	ctx   context.Context // carries the tempfile.Set the file is registered with
	tmp   string
	final string
}

// writeTemp writes an output through write into a temporary file beside
// final. On failure it removes the temporary file and returns the error.
// The file is registered with ctx's tempfile.Set until it is renamed or
// removed, so that a command forced to exit by a signal removes it too.
func writeTemp(ctx context.Context, dir, name string, write func(io.Writer) error) (p *pending, err error) {
	f, err := tempfile.Create(ctx, dir, "."+name+".*.tmp")
	if err != nil {
		return nil, fmt.Errorf("writing %s: %w", name, err)
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
			tempfile.Done(ctx, f.Name())
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
	return &pending{ctx: ctx, tmp: f.Name(), final: filepath.Join(dir, name)}, nil
}

// commit renames the temporary file into place.
func (p *pending) commit() error {
	defer tempfile.Done(p.ctx, p.tmp)
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
		tempfile.Done(p.ctx, p.tmp)
	}
}
