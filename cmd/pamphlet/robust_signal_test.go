package main

import (
	"bufio"
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
	bin := testBinary(t)
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
			if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); ok && ws.Signaled() && ws.Signal() == syscall.SIGINT {
				// On a loaded machine the signal can arrive while the
				// runtime is still starting, before main asks for
				// signals: the process dies of SIGINT, which the shell
				// reports as 130, having written nothing. The checks
				// of the outputs below still hold.
				t.Logf("at %.0f%%: killed by SIGINT before main started", frac*100)
			} else {
				if code := cmd.ProcessState.ExitCode(); code != 130 {
					t.Errorf("at %.0f%%: exit %d, want 130 (SIGINT)\n%s", frac*100, code, stderr)
				}
				if !strings.Contains(stderr.String(), "pamphlet: interrupted; no output written") {
					t.Errorf("at %.0f%%: stderr %q", frac*100, stderr)
				}
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

// testBinary builds pamphlet with the hidden stall command of the signal
// tests (hooks_stall.go) into a temporary folder.
func testBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "pamphlet")
	if out, err := exec.Command("go", "build", "-tags", "pamphlet_stall", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// TestStopStuckBuild stops a command stuck in a read that no
// cancellation reaches (the open of a named pipe without a writer, with
// a temporary output open), as a build on a hung network mount would be.
// SIGTERM must end it once the grace period is over, a second SIGINT at
// once; either way with 128 plus the first signal's number, the
// temporary file removed and the previous output untouched.
func TestStopStuckBuild(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no SIGTERM or named pipes on Windows")
	}
	bin := testBinary(t)
	for _, c := range []struct {
		name    string
		signals []syscall.Signal
		code    int
		within  time.Duration // after the last signal
		says    string
	}{
		{"SIGTERM", []syscall.Signal{syscall.SIGTERM}, 143, stopGrace + time.Second, "pamphlet: stopped (the build did not stop within 2s); no output written"},
		{"second SIGINT", []syscall.Signal{syscall.SIGINT, syscall.SIGINT}, 130, time.Second, "pamphlet: stopped (a second signal); no output written"},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			out := filepath.Join(dir, "out")
			os.Mkdir(out, 0o755)
			previous := []byte("%PDF- the previous good book")
			if err := os.WriteFile(filepath.Join(out, "book.pdf"), previous, 0o644); err != nil {
				t.Fatal(err)
			}
			fifo := filepath.Join(dir, "feed")
			if err := syscall.Mkfifo(fifo, 0o644); err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command(bin, "stall", out, fifo)
			stderr, err := cmd.StderrPipe()
			if err != nil {
				t.Fatal(err)
			}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			lines := make(chan string, 16)
			go func() {
				sc := bufio.NewScanner(stderr)
				for sc.Scan() {
					lines <- sc.Text()
				}
				close(lines)
			}()
			select {
			case l := <-lines:
				if l != "stalled" {
					t.Fatalf("first line %q", l)
				}
			case <-time.After(30 * time.Second):
				cmd.Process.Kill()
				t.Fatal("the command never stalled")
			}
			var sent time.Time
			for i, sig := range c.signals {
				if i > 0 {
					time.Sleep(200 * time.Millisecond)
				}
				sent = time.Now()
				cmd.Process.Signal(sig)
			}
			exited := make(chan struct{})
			go func() { cmd.Wait(); close(exited) }()
			select {
			case <-exited:
			case <-time.After(c.within + 5*time.Second):
				cmd.Process.Kill()
				t.Fatalf("still running %v after the signal", time.Since(sent))
			}
			took := time.Since(sent)
			var said []string
			for l := range lines {
				said = append(said, l)
			}
			if code := cmd.ProcessState.ExitCode(); code != c.code {
				t.Errorf("exit %d, want %d", code, c.code)
			}
			if took > c.within {
				t.Errorf("exited %v after the signal, want within %v", took, c.within)
			}
			if len(said) != 1 || said[0] != c.says {
				t.Errorf("said %q, want %q", said, c.says)
			}
			now := snapshot(t, out)
			if len(now) != 1 || !bytes.Equal(now["book.pdf"], previous) {
				t.Errorf("the output folder holds %v (the previous book changed or a temporary file is left)", keys(now))
			}
		})
	}
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
