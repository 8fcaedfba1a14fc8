package main

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

func newMan(stdout io.Writer) *cobra.Command {
	return &cobra.Command{
		Use:   "man",
		Short: "Print pamphlet's manual page (roff), e.g. pamphlet man | man -l -",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			_, err := io.WriteString(stdout, manPage(cmd.Root()))
			return err
		},
	}
}

// manPage writes a man(7) page from the command tree, so that the manual
// and `pamphlet help` cannot disagree. It carries no date, to stay
// reproducible.
func manPage(root *cobra.Command) string {
	var b strings.Builder
	name := root.Name()
	fmt.Fprintf(&b, ".TH %s 1 \"\" \"%s %s\" \"User Commands\"\n", strings.ToUpper(name), name, roffEscape(versionString()))
	fmt.Fprintf(&b, ".SH NAME\n%s \\- %s\n", name, roffEscape(root.Short))
	fmt.Fprintf(&b, ".SH SYNOPSIS\n.B %s\n\\fICOMMAND\\fR [\\fIFLAGS\\fR]\n", name)
	fmt.Fprintf(&b, ".SH DESCRIPTION\n%s\n", roffText(root.Long))
	b.WriteString(".SH COMMANDS\n")
	cmds := root.Commands()
	sort.SliceStable(cmds, func(i, j int) bool { return cmds[i].Name() < cmds[j].Name() })
	for _, c := range cmds {
		if c.Hidden || !c.IsAvailableCommand() && c.Name() != "man" {
			continue
		}
		fmt.Fprintf(&b, ".SS \"%s %s\"\n%s\n", name, roffEscape(c.Use), roffEscape(c.Short))
		if c.Long != "" {
			fmt.Fprintf(&b, ".PP\n%s\n", roffText(c.Long))
		}
		var flags []*pflag.Flag
		c.NonInheritedFlags().VisitAll(func(f *pflag.Flag) {
			if !f.Hidden && f.Name != "help" {
				flags = append(flags, f)
			}
		})
		for _, f := range flags {
			b.WriteString(".TP\n")
			if f.Shorthand != "" {
				fmt.Fprintf(&b, "\\fB\\-%s\\fR, ", f.Shorthand)
			}
			fmt.Fprintf(&b, "\\fB\\-\\-%s\\fR", roffEscape(f.Name))
			if t := f.Value.Type(); t != "bool" {
				fmt.Fprintf(&b, " \\fI%s\\fR", t)
			}
			fmt.Fprintf(&b, "\n%s\n", roffEscape(f.Usage))
		}
	}
	b.WriteString(".SH EXIT STATUS\n0 success, 1 the book has errors, 2 a usage error.\n")
	b.WriteString(".SH ENVIRONMENT\n.TP\n.B SOURCE_DATE_EPOCH\nthe date stamped into the outputs.\n.TP\n.B PAMPHLET_\\fIKEY\\fR\noverrides a scalar manifest key.\n")
	return b.String()
}

// roffText escapes s and keeps its indented lines (examples, tables) as
// they are, in no-fill mode.
func roffText(s string) string {
	var b strings.Builder
	inEx := false
	for _, line := range strings.Split(s, "\n") {
		ex := strings.HasPrefix(line, "  ")
		switch {
		case ex && !inEx:
			b.WriteString(".nf\n")
		case !ex && inEx:
			b.WriteString(".fi\n")
		}
		inEx = ex
		if strings.TrimSpace(line) == "" {
			if !ex {
				b.WriteString(".PP\n")
			}
			continue
		}
		b.WriteString(roffEscape(line))
		b.WriteByte('\n')
	}
	if inEx {
		b.WriteString(".fi\n")
	}
	return strings.TrimRight(b.String(), "\n")
}

// roffEscape protects backslashes, hyphens and a leading dot or quote,
// which roff would read as requests.
func roffEscape(s string) string {
	s = strings.ReplaceAll(s, `\`, `\e`)
	s = strings.ReplaceAll(s, "-", `\-`)
	if strings.HasPrefix(s, ".") || strings.HasPrefix(s, "'") {
		s = `\&` + s
	}
	return s
}
