//go:build pamphlet_stall

package main

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/pamphlet/pamphlet/internal/tempfile"
)

// testCommands returns, in binaries built with -tags pamphlet_stall for
// the signal tests, a hidden command that does what a build stuck in the
// kernel does: it has a temporary output open in DIR and then blocks in a
// read that no cancellation reaches, here the open of a named pipe that
// has no writer. Only the stopper can end it.
func testCommands() []*cobra.Command {
	return []*cobra.Command{{
		Use:    "stall DIR FIFO",
		Hidden: true,
		Args:   cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			f, err := tempfile.Create(cmd.Context(), args[0], ".book.pdf.*.tmp")
			if err != nil {
				return err
			}
			defer f.Close()
			fmt.Fprintf(f, "half a book")
			fmt.Fprintln(cmd.ErrOrStderr(), "stalled")
			p, err := os.Open(args[1]) // blocks: the pipe has no writer
			if err == nil {
				p.Close()
			}
			return err
		},
	}}
}
