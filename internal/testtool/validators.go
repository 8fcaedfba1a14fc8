package testtool

import (
	"os"
	"os/exec"
	"testing"
)

// The default places of the npm validators, as
// ../shared/tools/install-validators.sh and .ci/run install them.
const (
	defaultAce         = "/opt/ace/node_modules/.bin/ace-cli"
	defaultEPUBCheckTS = "/opt/epubcheck-ts/node_modules/.bin/epubcheck-ts"
)

// Ace returns the command that runs Ace by DAISY (npm @daisy/ace-cli) and
// the environment it needs (PUPPETEER_EXECUTABLE_PATH naming Debian's
// chromium), or skips (fails in CI) when node, ace-cli or chromium is
// missing. ACE_CLI and ACE_CHROMIUM override the places.
func Ace(t testing.TB) (cmd, env []string) {
	t.Helper()
	if _, err := exec.LookPath("node"); err != nil {
		missing(t, "node is not installed (apt-get install -y nodejs npm)")
	}
	cli := lookNPM("ACE_CLI", defaultAce, "ace-cli")
	if cli == "" {
		missing(t, "ace-cli is not installed (npm install @daisy/ace-cli@1.4.6 with PUPPETEER_SKIP_DOWNLOAD=1; see .ci/run)")
	}
	chromium := os.Getenv("ACE_CHROMIUM")
	if chromium == "" {
		chromium, _ = exec.LookPath("chromium")
	}
	if chromium == "" {
		missing(t, "chromium is not installed (apt-get install -y chromium)")
	}
	return []string{cli}, []string{
		"PUPPETEER_EXECUTABLE_PATH=" + chromium,
		// Ace gives the browser 5 s to start by default, too little on
		// a busy two-core machine.
		"ACE_TIMEOUT_INITIAL=60000",
	}
}

// Chromium returns the path of Debian's chromium, or skips (fails in CI)
// when it is missing.
func Chromium(t testing.TB) string {
	t.Helper()
	p, err := exec.LookPath("chromium")
	if err != nil {
		missing(t, "chromium is not installed (apt-get install -y chromium)")
	}
	return p
}

// EPUBCheckTS returns the path of epubcheck-ts (npm
// @likecoin/epubcheck-ts, a TypeScript port of EPUBCheck 5's checks), or
// skips (fails in CI) when it or node is missing. EPUBCHECK_TS overrides
// the place.
func EPUBCheckTS(t testing.TB) string {
	t.Helper()
	if _, err := exec.LookPath("node"); err != nil {
		missing(t, "node is not installed (apt-get install -y nodejs npm)")
	}
	p := lookNPM("EPUBCHECK_TS", defaultEPUBCheckTS, "epubcheck-ts")
	if p == "" {
		missing(t, "epubcheck-ts is not installed (npm install @likecoin/epubcheck-ts@0.7.0; see .ci/run)")
	}
	return p
}

// lookNPM finds an npm program: the environment variable env, the default
// install place, then the PATH.
func lookNPM(env, def, name string) string {
	for _, p := range []string{os.Getenv(env), def} {
		if p == "" {
			continue
		}
		if fi, err := os.Stat(p); err == nil && !fi.IsDir() {
			return p
		}
	}
	p, _ := exec.LookPath(name)
	return p
}
