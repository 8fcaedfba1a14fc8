package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"
	"github.com/spf13/cobra"

	"github.com/pamphlet/pamphlet/builder/diag"
	"github.com/pamphlet/pamphlet/builder/manifest"
)

// debounce is how long watch waits after a change for more: an editor's
// save is often several writes, and a build per write would waste time
// and print half-saved errors.
const debounce = 250 * time.Millisecond

// addWorkflowFlags gives build its --watch flag and its progress line,
// around build's own RunE.
func addWorkflowFlags(cmd *cobra.Command, stderr io.Writer) {
	inner := cmd.RunE
	f := cmd.Flags()
	watch := f.BoolP("watch", "w", false, "rebuild whenever the manifest, an article, an image, a layout or a font changes")
	cmd.RunE = func(c *cobra.Command, args []string) error {
		once := func() error {
			stop := startProgress(stderr, time.Second)
			defer stop()
			return inner(c, args)
		}
		if !*watch {
			return once()
		}
		return watchLoop(c.Context(), stderr, manifestArg(args), buildOutDir(c), once)
	}
}

func buildOutDir(c *cobra.Command) string {
	if fl := c.Flags().Lookup("out"); fl != nil {
		return fl.Value.String()
	}
	return ""
}

// watchLoop builds once, then again after every change to the book's files
// until ctx ends. A failed build prints its errors (build itself does) and
// leaves the previous outputs in place, as every failed build does.
func watchLoop(ctx context.Context, stderr io.Writer, manifestPath, outDir string, build func() error) error {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return fmt.Errorf("watching: %w", err)
	}
	defer w.Close()
	if outDir == "" {
		outDir = filepath.Join(filepath.Dir(manifestPath), "build")
	}
	outAbs, _ := filepath.Abs(outDir)
	watched := map[string]bool{}
	rewatch := func() {
		for _, d := range watchDirs(manifestPath, outAbs) {
			if !watched[d] {
				if err := w.Add(d); err == nil {
					watched[d] = true
				}
			}
		}
	}
	run := func() {
		stamp := time.Now().Format("15:04:05")
		fmt.Fprintf(stderr, "[%s] building %s\n", stamp, manifestPath)
		if err := build(); err != nil && !errors.As(err, new(bookError)) {
			fmt.Fprintf(stderr, "pamphlet: %v\n", err)
		}
		rewatch()
	}
	rewatch()
	run()
	fmt.Fprintln(stderr, "pamphlet: watching for changes; Ctrl-C to stop")
	var timer <-chan time.Time
	for {
		select {
		case <-ctx.Done():
			return nil
		case ev, ok := <-w.Events:
			if !ok {
				return nil
			}
			if !relevant(ev, outAbs) {
				continue
			}
			timer = time.After(debounce)
		case err, ok := <-w.Errors:
			if !ok {
				return nil
			}
			fmt.Fprintf(stderr, "pamphlet: watching: %v\n", err)
		case <-timer:
			timer = nil
			run()
		}
	}
}

// relevant reports whether an event may change the book: writes, new
// files, removals and renames, outside the output folder and not of
// temporary or hidden files (editors' swap files, our own temporaries).
func relevant(ev fsnotify.Event, outAbs string) bool {
	if ev.Op == fsnotify.Chmod {
		return false
	}
	abs, err := filepath.Abs(ev.Name)
	if err == nil && (abs == outAbs || strings.HasPrefix(abs, outAbs+string(filepath.Separator))) {
		return false
	}
	base := filepath.Base(ev.Name)
	return !strings.HasPrefix(base, ".") && !strings.HasSuffix(base, "~") && !strings.HasSuffix(base, ".swp") && !strings.HasSuffix(base, ".tmp")
}

// watchDirs returns the folders to watch: the manifest's folder and every
// folder under it (articles, images, layouts and fonts usually live
// there), the folders of articles and of a layout file outside it, but
// not the output folder or hidden folders. fsnotify watches folders, not
// trees, and a folder's watch also sees its files replaced by a rename,
// as editors save.
func watchDirs(manifestPath, outAbs string) []string {
	set := map[string]bool{}
	root := filepath.Dir(manifestPath)
	_ = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return nil
		}
		abs, _ := filepath.Abs(p)
		if abs == outAbs || (p != root && strings.HasPrefix(d.Name(), ".")) {
			return filepath.SkipDir
		}
		set[p] = true
		return nil
	})
	var scratch diag.List
	if m := manifest.Load(manifestPath, &scratch); m != nil {
		for _, a := range m.Articles {
			set[filepath.Dir(filepath.Join(m.Dir, filepath.FromSlash(a.File)))] = true
		}
		if strings.ContainsAny(m.Layout, `/\`) || strings.HasSuffix(m.Layout, ".yaml") {
			set[filepath.Dir(filepath.Join(m.Dir, filepath.FromSlash(m.Layout)))] = true
		}
	}
	out := make([]string, 0, len(set))
	for d := range set {
		if fi, err := os.Stat(d); err == nil && fi.IsDir() {
			out = append(out, d)
		}
	}
	sort.Strings(out)
	return out
}

// statusWriter is standard error with room for one status line: on a
// terminal, a progress line is drawn with a carriage return and erased
// before anything else is written, so messages never land on it.
type statusWriter struct {
	mu    sync.Mutex
	w     io.Writer
	term  bool
	shown bool
}

func newStatusWriter(w io.Writer) *statusWriter {
	if sw, ok := w.(*statusWriter); ok {
		return sw
	}
	return &statusWriter{w: w, term: isTerminal(w)}
}

func (s *statusWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.clearLocked()
	return s.w.Write(p)
}

func (s *statusWriter) clearLocked() {
	if s.shown {
		fmt.Fprint(s.w, "\r\033[K")
		s.shown = false
	}
}

// status draws line in place of the previous status line.
func (s *statusWriter) status(line string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	fmt.Fprintf(s.w, "\r%s\033[K", line)
	s.shown = true
}

func (s *statusWriter) clear() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.clearLocked()
}

// startProgress shows, on a terminal only and once a build has taken more
// than after, a single line with the time so far, rewritten in place; the
// returned stop erases it. On anything but a terminal it does nothing:
// logs and pipes get no carriage returns.
func startProgress(w io.Writer, after time.Duration) (stop func()) {
	sw, ok := w.(*statusWriter)
	if !ok || !sw.term {
		return func() {}
	}
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		start := time.Now()
		select {
		case <-done:
			return
		case <-time.After(after):
		}
		tick := time.NewTicker(100 * time.Millisecond)
		defer tick.Stop()
		for {
			sw.status(fmt.Sprintf("pamphlet: building… %.1f s", time.Since(start).Seconds()))
			select {
			case <-done:
				sw.clear()
				return
			case <-tick.C:
			}
		}
	}()
	return func() {
		close(done)
		wg.Wait()
	}
}

// isTerminal reports whether w is a character device (a terminal).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
