package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/pamphlet/pamphlet/internal/testtool"
)

// TestInterruptKeepsOutputs builds a large book with the real binary,
// changes it, starts the build again and interrupts it with SIGINT at
// several moments: each time the build must stop promptly, the previous
// outputs must be byte for byte what they were, and no temporary file
// may remain. A build the signal arrives too late for must have written
// the new book whole.
func TestInterruptKeepsOutputs(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 350-page book several times")
	}
	if runtime.GOOS == "windows" {
		t.Skip("no SIGINT on Windows")
	}
	corpus := testtool.Shared(t, "../../../shared/corpus/emerson-essays")
	tmp := t.TempDir()
	bin := filepath.Join(tmp, "pamphlet")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	book := filepath.Join(tmp, "book")
	if err := os.CopyFS(book, os.DirFS(corpus)); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(tmp, "out")
	build := func() (*exec.Cmd, *bytes.Buffer) {
		cmd := exec.Command(bin, "build", filepath.Join(book, "book.yaml"), "--out", out, "--quiet")
		cmd.Env = append(os.Environ(), "SOURCE_DATE_EPOCH=0")
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		return cmd, &stderr
	}
	start := time.Now()
	if cmd, stderr := build(); cmd.Run() != nil {
		t.Fatalf("first build failed:\n%s", stderr)
	}
	full := time.Since(start)
	good := snapshot(t, out)
	orig := good
	if len(good) != 2 {
		t.Fatalf("first build wrote %v", keys(good))
	}
	// The second version differs, so that a build that completes
	// despite the signal can be told from one that left the files alone.
	f, err := os.OpenFile(filepath.Join(book, "01-history.md"), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("\n\nA paragraph added for the second build.\n")
	f.Close()

	interrupted := 0
	for _, frac := range []float64{0.15, 0.45, 0.75} {
		cmd, stderr := build()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(frac * float64(full)))
		sent := time.Now()
		cmd.Process.Signal(syscall.SIGINT)
		err := cmd.Wait()
		took := time.Since(sent)
		now := snapshot(t, out)
		if err != nil {
			interrupted++
			if code := cmd.ProcessState.ExitCode(); code != exitBook {
				t.Errorf("at %.0f%%: exit %d, want %d\n%s", frac*100, code, exitBook, stderr)
			}
			if !strings.Contains(stderr.String(), "pamphlet: interrupted; no output written") {
				t.Errorf("at %.0f%%: stderr %q", frac*100, stderr)
			}
			for name, b := range good {
				if !bytes.Equal(now[name], b) {
					t.Errorf("at %.0f%%: %s changed by an interrupted build", frac*100, name)
				}
			}
			// Prompt: well under a full build, with slack for a
			// loaded machine.
			if took > full/2+2*time.Second {
				t.Errorf("at %.0f%%: the build took %v to stop (a full build takes %v)", frac*100, took, full)
			}
		} else {
			for name, b := range orig {
				if bytes.Equal(now[name], b) {
					t.Errorf("at %.0f%%: the build finished but %s is the old one", frac*100, name)
				}
			}
			good = now
		}
		if len(now) != 2 {
			t.Errorf("at %.0f%%: the output folder holds %v", frac*100, keys(now))
		}
	}
	if interrupted == 0 {
		t.Errorf("no build was interrupted (a full build takes %v)", full)
	}
	t.Logf("a full build takes %v; %d of 3 builds interrupted", full, interrupted)
}

// snapshot reads every file of dir.
func snapshot(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	m := map[string][]byte{}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		m[e.Name()] = b
	}
	return m
}

func keys(m map[string][]byte) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}
