package main

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

var update = flag.Bool("update", false, "rewrite the expected output in testdata/script")

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"pamphlet": func() { os.Exit(run(context.Background(), os.Args[1:], os.Stdout, os.Stderr)) },
	})
}

// TestScripts runs the command-line contract tests in testdata/script:
// each .txtar file is a folder of inputs and a script of commands with the
// exact messages and exit statuses a user sees.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:           "testdata/script",
		UpdateScripts: *update,
		Setup: func(env *testscript.Env) error {
			// Builds must not depend on the caller's environment.
			env.Setenv("SOURCE_DATE_EPOCH", "")
			// Scripts copy real fonts from the bundled ones.
			fonts, err := filepath.Abs("../../fonts")
			env.Setenv("REPO_FONTS", fonts)
			return err
		},
	})
}

// TestExitCodes checks the exit statuses of the contract: 0 success, 1 a
// book with errors, 2 a usage error.
func TestExitCodes(t *testing.T) {
	dir := t.TempDir()
	write := func(name, s string) {
		if err := os.WriteFile(dir+"/"+name, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("book.yaml", "title: T\narticles: [a.md]\n")
	write("a.md", "# A\n\nText.\n")
	write("bad.yaml", "tittle: T\narticles: [a.md]\n")
	tests := []struct {
		args []string
		want int
	}{
		{[]string{"build", dir + "/book.yaml"}, exitOK},
		{[]string{"build", dir + "/bad.yaml"}, exitBook},
		{[]string{"build", dir + "/none.yaml"}, exitBook},
		{[]string{"build", "--bogus"}, exitUsage},
		{[]string{"build", "a", "b"}, exitUsage},
		{[]string{"build", "--format", "doc", dir + "/book.yaml"}, exitUsage},
		{[]string{"nonsense"}, exitUsage},
		{[]string{"version"}, exitOK},
		{[]string{"help", "build"}, exitOK},
	}
	for _, tt := range tests {
		var out, errb discard
		if got := run(context.Background(), tt.args, &out, &errb); got != tt.want {
			t.Errorf("pamphlet %v: exit %d, want %d", tt.args, got, tt.want)
		}
	}
}

type discard struct{}

func (*discard) Write(p []byte) (int, error) { return len(p), nil }
