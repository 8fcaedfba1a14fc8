// Package epubtest checks finished EPUB files with the outside validators
// that the project holds its books to: EPUBCheck 4.2.6 (Debian's jar),
// epubcheck-ts (the npm port of EPUBCheck 5's checks) and Ace by DAISY
// (accessibility, on Debian's chromium).
//
// Each check returns the findings as lines of text, empty when the file
// is clean, and skips the test (fails it in CI) when its tool is missing;
// internal/testtool finds the tools. The package's own tests build the
// sample book and every corpus book with builder.Build and run all three;
// it is a separate package because builder imports builder/epub.
package epubtest

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/pamphlet/pamphlet/internal/testtool"
)

// summaryRE matches EPUBCheck's summary line, which says "1 error" but
// "2 errors".
var summaryRE = regexp.MustCompile(`Messages: (\d+) fatals? / (\d+) errors? / (\d+) warnings?`)

// EPUBCheck runs EPUBCheck 4.2.6 on path and returns its fatal errors,
// errors and warnings.
func EPUBCheck(t testing.TB, path string) []string {
	t.Helper()
	cmd := testtool.EPUBCheck(t)
	// The client VM flags halve the start-up time of this short run.
	args := append([]string{"-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"}, cmd[1:]...)
	out, err := exec.Command(cmd[0], append(args, path)...).CombinedOutput()
	m := summaryRE.FindSubmatch(out)
	if m == nil {
		return []string{fmt.Sprintf("epubcheck printed no summary (%v):\n%s", err, out)}
	}
	if string(m[1]) == "0" && string(m[2]) == "0" && string(m[3]) == "0" {
		return nil
	}
	var found []string
	for _, l := range strings.Split(string(out), "\n") {
		if strings.HasPrefix(l, "ERROR") || strings.HasPrefix(l, "WARNING") || strings.HasPrefix(l, "FATAL") {
			found = append(found, l)
		}
	}
	return append(found, string(m[0]))
}

// EPUBCheckTS runs epubcheck-ts on path and returns its fatal errors,
// errors and warnings.
func EPUBCheckTS(t testing.TB, path string) []string {
	t.Helper()
	out, err := exec.Command(testtool.EPUBCheckTS(t), path, "--json", "-", "--quiet").Output()
	var rep struct {
		Messages []struct {
			ID        string `json:"ID"`
			Severity  string `json:"severity"`
			Message   string `json:"message"`
			Locations []struct {
				Path   string `json:"path"`
				Line   int    `json:"line"`
				Column int    `json:"column"`
			} `json:"locations"`
		} `json:"messages"`
		Fatals, Errors, Warnings int
	}
	if jerr := json.Unmarshal(out, &rep); jerr != nil {
		return []string{fmt.Sprintf("epubcheck-ts: no JSON report (%v, %v):\n%s", err, jerr, out)}
	}
	var found []string
	for _, m := range rep.Messages {
		switch strings.ToUpper(m.Severity) {
		case "FATAL", "ERROR", "WARNING":
			where := ""
			if len(m.Locations) > 0 {
				l := m.Locations[0]
				where = fmt.Sprintf(" %s:%d:%d", l.Path, l.Line, l.Column)
			}
			found = append(found, fmt.Sprintf("%s(%s)%s: %s", m.Severity, m.ID, where, m.Message))
		}
	}
	if len(found) == 0 && rep.Fatals+rep.Errors+rep.Warnings > 0 {
		found = append(found, fmt.Sprintf("epubcheck-ts: %d fatals, %d errors, %d warnings", rep.Fatals, rep.Errors, rep.Warnings))
	}
	return found
}

// Ace runs Ace by DAISY on path, writing its report into outDir, and
// returns its violations of any impact. Ace exits 0 even when it finds
// violations, so the report is what counts.
func Ace(t testing.TB, path, outDir string) []string {
	t.Helper()
	cmd, env := testtool.Ace(t)
	c := exec.Command(cmd[0], append(cmd[1:], "--force", "--silent", "--outdir", outDir, path)...)
	c.Env = append(os.Environ(), env...)
	out, err := c.CombinedOutput()
	data, rerr := os.ReadFile(filepath.Join(outDir, "report.json"))
	if rerr != nil {
		return []string{fmt.Sprintf("ace wrote no report (%v):\n%s", err, out)}
	}
	found, perr := AceViolations(data)
	if perr != nil {
		return []string{perr.Error()}
	}
	return found
}

// aceAssertion is one node of Ace's EARL report.
type aceAssertion struct {
	Test *struct {
		Title  string `json:"dct:title"`
		Impact string `json:"earl:impact"`
	} `json:"earl:test"`
	Result *struct {
		Outcome     string `json:"earl:outcome"`
		Description string `json:"dct:description"`
	} `json:"earl:result"`
	Subject *struct {
		URL string `json:"url"`
	} `json:"earl:testSubject"`
	Assertions []aceAssertion `json:"assertions"`
}

// AceViolations reads the violations out of Ace's report.json: every
// failed assertion that has an impact, as "[impact] rule @ file: text".
func AceViolations(report []byte) ([]string, error) {
	var root aceAssertion
	if err := json.Unmarshal(report, &root); err != nil {
		return nil, fmt.Errorf("ace report: %w", err)
	}
	var found []string
	var walk func(a aceAssertion, where string)
	walk = func(a aceAssertion, where string) {
		if a.Subject != nil && a.Subject.URL != "" {
			where = a.Subject.URL
		}
		if a.Test != nil && a.Result != nil && a.Result.Outcome == "fail" && a.Test.Impact != "" {
			desc := strings.Join(strings.Fields(a.Result.Description), " ")
			found = append(found, fmt.Sprintf("[%s] %s @ %s: %s", a.Test.Impact, a.Test.Title, where, desc))
		}
		for _, sub := range a.Assertions {
			walk(sub, where)
		}
	}
	walk(root, "")
	return found, nil
}
