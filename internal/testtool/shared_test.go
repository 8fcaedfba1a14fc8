package testtool

import (
	"fmt"
	"testing"
)

// recorder is a testing.TB that notes a skip or a failure instead of
// ending the test.
type recorder struct {
	testing.TB
	skipped, failed string
}

func (r *recorder) Helper()                   {}
func (r *recorder) Skip(args ...any)          { r.skipped = fmt.Sprint(args...) }
func (r *recorder) Fatalf(f string, a ...any) { r.failed = fmt.Sprintf(f, a...) }

func TestSharedMissing(t *testing.T) {
	for _, ci := range []string{"", "true"} {
		t.Setenv("CI", ci)
		r := &recorder{TB: t}
		Shared(r, "testdata/no-such-book/book.yaml")
		if ci == "" && (r.skipped == "" || r.failed != "") {
			t.Errorf("CI unset: skipped %q, failed %q; want a skip", r.skipped, r.failed)
		}
		if ci != "" && (r.failed == "" || r.skipped != "") {
			t.Errorf("CI=true: skipped %q, failed %q; want a failure", r.skipped, r.failed)
		}
		r = &recorder{TB: t}
		SharedGlob(r, "testdata/no-such-book/*.md")
		if (ci == "") != (r.skipped != "") || (ci != "") != (r.failed != "") {
			t.Errorf("glob, CI=%q: skipped %q, failed %q", ci, r.skipped, r.failed)
		}
	}
}

func TestSharedPresent(t *testing.T) {
	r := &recorder{TB: t}
	if got := Shared(r, "shared.go"); got != "shared.go" || r.skipped != "" || r.failed != "" {
		t.Errorf("Shared(shared.go) = %q, skipped %q, failed %q", got, r.skipped, r.failed)
	}
	if got := SharedGlob(r, "shared*.go"); len(got) != 2 || r.skipped != "" || r.failed != "" {
		t.Errorf("SharedGlob(shared*.go) = %q, skipped %q, failed %q", got, r.skipped, r.failed)
	}
}
