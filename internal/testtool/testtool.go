// Package testtool finds what tests need from outside the repository: the
// programs that check pamphlet's outputs (pdftotext, qpdf, pdffonts,
// EPUBCheck, Ace) and the books of ../shared (the corpus, the world
// books). It also makes hostile inputs (HugePNG).
//
// A missing tool or book skips the test on a developer's machine but
// fails it in CI (CI=true), where .ci/run installs every tool and shared/
// lies beside the repository: a check that silently stops running is
// worse than none.
package testtool

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// Need returns the path of the program name, or skips (fails in CI) the
// test when it is missing.
func Need(t testing.TB, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		missing(t, name+" is not installed (apt-get install -y poppler-utils qpdf)")
	}
	return p
}

// EPUBCheck returns the command that runs EPUBCheck 4 (java -jar JAR),
// or skips (fails in CI) when Java or the Debian epubcheck jar is missing.
func EPUBCheck(t testing.TB) []string {
	t.Helper()
	java, err := exec.LookPath("java")
	if err != nil {
		missing(t, "java is not installed (apt-get install -y epubcheck default-jre-headless)")
	}
	jar := os.Getenv("EPUBCHECK_JAR")
	if jar == "" {
		out, err := exec.Command("dpkg", "-L", "epubcheck").Output()
		if err == nil {
			for _, l := range strings.Split(string(out), "\n") {
				if strings.HasSuffix(l, "/epubcheck.jar") {
					jar = l
				}
			}
		}
	}
	if _, err := os.Stat(jar); jar == "" || err != nil {
		missing(t, "the EPUBCheck jar is not installed (apt-get install -y epubcheck)")
	}
	return []string{java, "-Duser.language=en", "-Duser.country=US", "-jar", jar}
}

func missing(t testing.TB, why string) {
	t.Helper()
	if os.Getenv("CI") != "" {
		t.Fatalf("%s; CI must install it", why)
	}
	t.Skip(why)
}

// CheckPDF holds the PDF at path to the bar every output must meet:
// qpdf --check finds no damage, and pdffonts lists fonts, all embedded.
func CheckPDF(t testing.TB, path string) {
	t.Helper()
	if out, err := exec.Command(Need(t, "qpdf"), "--check", path).CombinedOutput(); err != nil {
		t.Errorf("qpdf --check %s: %v\n%s", path, err, out)
	}
	out, err := exec.Command(Need(t, "pdffonts"), path).Output()
	if err != nil {
		t.Fatalf("pdffonts %s: %v", path, err)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) < 3 {
		t.Errorf("pdffonts lists no fonts in %s:\n%s", path, out)
	}
	for _, l := range lines[min(2, len(lines)):] {
		// name type encoding emb sub uni object ID: emb is the fifth
		// field from the end (names may hold no spaces, types may).
		if f := strings.Fields(l); len(f) < 7 || f[len(f)-5] != "yes" {
			t.Errorf("font not embedded in %s: %s", path, l)
		}
	}
}
