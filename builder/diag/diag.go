// Package diag holds the diagnostics a build reports about its input: each
// one a position, a severity, a stable code and a message.
//
// Diagnostics are values, not errors, because a build goes on after most
// problems so that a writer sees all of them at once; the builder turns the
// list into a failure only when it holds an error.
package diag

import (
	"fmt"
	"sort"
	"strings"
)

// Pos is a position in an input file. Line and Col count from 1; zero means
// unknown, and a Pos with neither names only its file.
type Pos struct {
	File string
	Line int
	Col  int
}

// String formats p as FILE:LINE:COL, FILE:LINE or FILE, as compilers do.
func (p Pos) String() string {
	switch {
	case p.File == "":
		return ""
	case p.Line <= 0:
		return p.File
	case p.Col <= 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	default:
		return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
	}
}

// Severity says whether a diagnostic stops the build.
type Severity int

const (
	// Error makes the build fail and write no outputs.
	Error Severity = iota
	// Warning is reported, and the build goes on.
	Warning
)

func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// Diagnostic is one finding about the input.
type Diagnostic struct {
	Pos      Pos
	Severity Severity
	// Code is stable across releases so that tools and tests can match
	// on it: M for the manifest, A for articles, F for fonts, T for
	// typesetting, E for the EPUB, O for outputs.
	Code string
	Msg  string
}

// String formats d the way the command line prints it:
// "FILE:LINE:COL: message" for errors and "FILE:LINE: warning: message"
// for warnings (warnings omit the column, which rarely helps a writer).
func (d Diagnostic) String() string {
	pos := d.Pos
	if d.Severity == Warning {
		pos.Col = 0
	}
	var b strings.Builder
	if s := pos.String(); s != "" {
		b.WriteString(s)
		b.WriteString(": ")
	}
	if d.Severity == Warning {
		b.WriteString("warning: ")
	}
	b.WriteString(d.Msg)
	return b.String()
}

// List collects diagnostics. The zero value is ready to use. A List is not
// safe for concurrent use; stages that run in parallel each fill their own
// and Merge them in a fixed order, so output stays deterministic.
type List struct {
	items []Diagnostic
}

// Add appends d.
func (l *List) Add(d Diagnostic) { l.items = append(l.items, d) }

// Errorf records an error at pos.
func (l *List) Errorf(pos Pos, code, format string, args ...any) {
	l.Add(Diagnostic{Pos: pos, Severity: Error, Code: code, Msg: fmt.Sprintf(format, args...)})
}

// Warnf records a warning at pos.
func (l *List) Warnf(pos Pos, code, format string, args ...any) {
	l.Add(Diagnostic{Pos: pos, Severity: Warning, Code: code, Msg: fmt.Sprintf(format, args...)})
}

// Merge appends every diagnostic of other.
func (l *List) Merge(other *List) {
	if other != nil {
		l.items = append(l.items, other.items...)
	}
}

// Items returns the diagnostics in the order they were added.
func (l *List) Items() []Diagnostic { return l.items }

// Len reports how many diagnostics l holds.
func (l *List) Len() int { return len(l.items) }

// HasErrors reports whether any diagnostic is an error.
func (l *List) HasErrors() bool {
	for _, d := range l.items {
		if d.Severity == Error {
			return true
		}
	}
	return false
}

// Sorted returns the diagnostics ordered by file, line and column, keeping
// the order of addition among equals, so that a writer reads them top down.
func (l *List) Sorted() []Diagnostic {
	out := append([]Diagnostic(nil), l.items...)
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i].Pos, out[j].Pos
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
	return out
}

// Err returns an error that lists every error diagnostic, or nil when
// there is none. It lets code that works with plain errors carry a List.
func (l *List) Err() error {
	if !l.HasErrors() {
		return nil
	}
	return &ListError{List: l}
}

// ListError is the error form of a List that holds errors.
type ListError struct{ List *List }

func (e *ListError) Error() string {
	var msgs []string
	for _, d := range e.List.Sorted() {
		if d.Severity == Error {
			msgs = append(msgs, d.String())
		}
	}
	return strings.Join(msgs, "\n")
}
