package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/pamphlet/pamphlet/builder/font/find"
)

func newFonts(stdout io.Writer) *cobra.Command {
	var (
		script  string
		verbose bool
	)
	cmd := &cobra.Command{
		Use:   "fonts [MANIFEST]",
		Short: "List the font families a book can use, with their styles and scripts",
		Long: `Fonts lists the font families that the manifest's fonts: key can name:
those bundled with pamphlet, those in the fonts/ folder beside the
manifest, and those installed on this system (in the user's and the
system's font folders), in that order, which is also the order in which
a family name is looked for. Each family is shown with the styles found
for it (regular, italic, bold, bold italic: by the fonts' own family and
style names) and the scripts it covers, as ISO 15924 codes (Latn, Grek,
Cyrl, Deva, Arab, Hani, …).

--script keeps the families that cover one script, given as a code (Deva)
or a name (Devanagari). -v also lists the font files left out, with the
reason (a bitmap or colour-emoji font, a damaged file).`,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) > 1 {
				return usageError{fmt.Errorf("fonts takes one manifest, got %d arguments", len(args))}
			}
			return nil
		},
		RunE: func(_ *cobra.Command, args []string) error {
			code := ""
			if script != "" {
				c, ok := find.ScriptCode(script)
				if !ok {
					return usageError{fmt.Errorf("unknown script %q (give an ISO 15924 code such as Deva or a name such as Devanagari)", script)}
				}
				code = c
			}
			if len(args) == 1 {
				if _, err := os.Stat(args[0]); err != nil {
					return usageError{fmt.Errorf("%s: no such manifest or folder", args[0])}
				}
			}
			dir := filepath.Dir(manifestArg(args))
			return listFonts(stdout, dir, code, verbose)
		},
	}
	f := cmd.Flags()
	f.StringVar(&script, "script", "", "list only the families that cover this script (Deva, Arab, Hani, or Devanagari, …)")
	f.BoolVarP(&verbose, "verbose", "v", false, "also list the font files left out, with the reason")
	return cmd
}

// listFonts prints the bundled families, those in dir's fonts/ folder and
// the installed ones, each section sorted by name.
func listFonts(w io.Writer, dir, script string, verbose bool) error {
	type section struct {
		title string
		ix    *find.Index
	}
	sections := []section{{"Bundled with pamphlet", find.Bundled()}}
	local := filepath.Join(dir, find.FontsFolder)
	if fi, err := os.Stat(local); err == nil && fi.IsDir() {
		ix, err := find.Scan([]string{local})
		if err != nil {
			return err
		}
		sections = append(sections, section{"In " + local + " beside the manifest", ix})
	}
	sys := find.SystemDirs()
	ix, err := find.Scan(sys)
	if err != nil {
		return err
	}
	title := "Installed on this system"
	if len(sys) > 0 {
		title += " (" + strings.Join(sys, ", ") + ")"
	}
	sections = append(sections, section{title, ix})

	total := 0
	for _, s := range sections {
		fmt.Fprintf(w, "%s:\n", s.title)
		tw := tabwriter.NewWriter(w, 0, 8, 2, ' ', 0)
		n := 0
		for _, name := range s.ix.Families() {
			fam, err := s.ix.Family(name)
			if err != nil {
				continue
			}
			face := firstFace(fam)
			if face == nil || script != "" && !face.Covers(script) {
				continue
			}
			fmt.Fprintf(tw, "  %s\t%s\t%s\n", fam.Name, styles(fam), strings.Join(face.Scripts, " "))
			n++
		}
		if err := tw.Flush(); err != nil {
			return err
		}
		if n == 0 {
			fmt.Fprintln(w, "  none")
		}
		total += n
		if verbose {
			for _, p := range s.ix.Problems() {
				fmt.Fprintf(w, "  left out: %v\n", p)
			}
		}
	}
	count := fmt.Sprintf("%d families", total)
	if total == 1 {
		count = "1 family"
	}
	if script != "" {
		count += " covering " + script
	}
	fmt.Fprintf(w, "%s.\n", count)
	return nil
}

// firstFace is the face that speaks for a family: its regular, else the
// first style it has.
func firstFace(fam find.Family) *find.FaceInfo {
	for _, fi := range fam.Faces {
		if fi != nil {
			return fi
		}
	}
	return nil
}

// styles lists the styles a family has and, in brackets, those it lacks.
func styles(fam find.Family) string {
	var have []string
	for s, fi := range fam.Faces {
		if fi != nil {
			have = append(have, find.Slot(s).String())
		}
	}
	out := strings.Join(have, ", ")
	if miss := fam.Missing(); len(miss) > 0 {
		names := make([]string, len(miss))
		for i, s := range miss {
			names[i] = s.String()
		}
		out += " (no " + strings.Join(names, ", ") + ")"
	}
	return out
}
