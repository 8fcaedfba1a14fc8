package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"sync"
	"syscall"
	"time"

	"github.com/pamphlet/pamphlet/internal/tempfile"
)

// stopGrace is how long a build has to stop by itself after the first
// SIGINT or SIGTERM before pamphlet removes its temporary files and exits
// without it: a read stuck in the kernel (a hung network mount, a device)
// never sees the cancellation.
const stopGrace = 2 * time.Second

// stopper turns signals into a stop. The first signal cancels the
// command's context, and the command cleans up and returns as usual.
// A second signal, or the grace period running out, removes the
// temporary files still registered and exits at once with 128 plus the
// first signal's number (130 for SIGINT, 143 for SIGTERM), leaving the
// previous outputs as they were.
type stopper struct {
	cancel context.CancelFunc
	temps  *tempfile.Set
	stderr io.Writer
	grace  time.Duration
	exit   func(code int) // os.Exit; tests replace it

	mu  sync.Mutex
	sig os.Signal // the first signal, nil before one arrives
}

// watch handles the signals arriving on sigs until the process exits.
func (s *stopper) watch(sigs <-chan os.Signal) {
	first := <-sigs
	s.mu.Lock()
	s.sig = first
	s.mu.Unlock()
	s.cancel()
	why := "a second signal"
	select {
	case <-sigs:
	case <-time.After(s.grace):
		why = fmt.Sprintf("the build did not stop within %v", s.grace)
	}
	err := s.temps.RemoveAll()
	if err != nil {
		fmt.Fprintf(s.stderr, "pamphlet: stopped (%s); a temporary file could not be removed: %v\n", why, err)
	} else {
		fmt.Fprintf(s.stderr, "pamphlet: stopped (%s); no output written\n", why)
	}
	s.exit(signalStatus(first))
}

// status returns the exit status for a command that returned code: a
// command stopped by a signal exits with 128 plus its number, as shells
// report it, unless it finished its work regardless (code 0: the signal
// came after the outputs were written).
func (s *stopper) status(code int) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.sig == nil || code == exitOK {
		return code
	}
	return signalStatus(s.sig)
}

// signalStatus is 128 plus sig's number: 130 for SIGINT, 143 for SIGTERM.
func signalStatus(sig os.Signal) int {
	if n, ok := sig.(syscall.Signal); ok {
		return 128 + int(n)
	}
	return exitBook
}
