package main

import (
	"errors"
	"fmt"
	"image"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/pamphlet/pamphlet/builder"
	laidout "github.com/pamphlet/pamphlet/builder/laid"
	"github.com/pamphlet/pamphlet/builder/raster"
)

func newPreview(stdout, stderr io.Writer) *cobra.Command {
	var (
		pages  string
		outDir string
		dpi    float64
		thumbW int
		cover  bool
	)
	cmd := &cobra.Command{
		Use:   "preview [MANIFEST]",
		Short: "Render pages and a contact sheet as PNG images",
		Long: `Preview lays the book out as build does, writes nothing else, and paints
pages from the finished layout (not from the PDF) as PNG images:
DIR/page-001.png … for the pages asked for (--pages, default all), and
DIR/contact-sheet.png with every page at thumbnail size, set out in
spreads as the printed book opens. DIR is build/preview beside the
manifest unless --out says otherwise.

--pages takes physical page numbers counted from 1, the cover side of the
first sheet included: 3, 1-4, 2,5-7.

--cover paints the print cover instead, as NAME-cover.pdf has it (back,
spine and front with the bleed), into DIR/cover.png.`,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) > 1 {
				return usageError{fmt.Errorf("preview takes one manifest, got %d arguments", len(args))}
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			path := manifestArg(args)
			res, err := builder.Build(cmd.Context(), builder.Options{Manifest: path, DryRun: true})
			printDiags(stderr, res.Diags, true)
			if err != nil {
				var ue *builder.UsageError
				if errors.As(err, &ue) {
					return usageError{err}
				}
				if !errors.Is(err, builder.ErrBook) {
					return err
				}
				fmt.Fprintf(stderr, "pamphlet: %s; no preview written\n", countDiags(res.Diags))
				return bookError{}
			}
			if outDir == "" {
				outDir = filepath.Join(res.Laid.Manifest.Dir, "build", "preview")
			}
			if cover {
				return previewCover(cmd, stdout, res.Laid, outDir, dpi)
			}
			d := res.Laid.Doc
			sel, err := parsePages(pages, len(d.Pages))
			if err != nil {
				return usageError{err}
			}
			if err := os.MkdirAll(outDir, 0o755); err != nil {
				return fmt.Errorf("creating the preview folder: %w", err)
			}
			r, err := raster.New(res.Laid.Fonts, dpi)
			if err != nil {
				return usageError{err}
			}
			var written []string
			for _, i := range sel {
				img, err := r.Page(d.Pages[i])
				if err != nil {
					return err
				}
				name := filepath.Join(outDir, fmt.Sprintf("page-%03d.png", i+1))
				if err := writePNG(name, img); err != nil {
					return err
				}
				written = append(written, name)
			}
			// Thumbnails are painted at twice their size and scaled
			// down, which smooths the text.
			if len(d.Pages) > 0 && thumbW > 0 {
				thumbDPI := float64(2*thumbW) / (d.Pages[0].W.Points() / 72)
				tr, err := raster.New(res.Laid.Fonts, thumbDPI)
				if err != nil {
					return usageError{err}
				}
				imgs := make([]*image.RGBA, len(d.Pages))
				for i, pg := range d.Pages {
					if imgs[i], err = tr.Page(pg); err != nil {
						return err
					}
				}
				name := filepath.Join(outDir, "contact-sheet.png")
				if err := writePNG(name, raster.Sheet(imgs, thumbW, 4)); err != nil {
					return err
				}
				written = append(written, name)
			}
			sheet := ""
			if len(d.Pages) > 0 && thumbW > 0 {
				sheet = " and a contact sheet"
			}
			fmt.Fprintf(stdout, "pamphlet: %d of %d pages%s → %s\n", len(sel), len(d.Pages), sheet, outDir)
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&pages, "pages", "", "pages to render, e.g. 1-4 or 2,5-7 (default: all)")
	f.StringVarP(&outDir, "out", "o", "", "output folder (default: build/preview beside the manifest)")
	f.Float64Var(&dpi, "dpi", 100, "resolution of the page images")
	f.IntVar(&thumbW, "thumb", 120, "width of a contact-sheet thumbnail in pixels (0: no sheet)")
	f.BoolVar(&cover, "cover", false, "render the print cover (back, spine, front) into cover.png instead of pages")
	return cmd
}

// previewCover writes the print cover of the laid-out book as
// DIR/cover.png.
func previewCover(cmd *cobra.Command, stdout io.Writer, l *laidout.Book, outDir string, dpi float64) error {
	img, sum, err := builder.CoverPreview(cmd.Context(), l, dpi)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		return fmt.Errorf("creating the preview folder: %w", err)
	}
	name := filepath.Join(outDir, "cover.png")
	if err := writePNG(name, img); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "pamphlet: %s → %s\n", sum, name)
	return nil
}

// parsePages reads "1-4", "3", "2,5-7" (1-based, inclusive) into sorted
// 0-based page indexes of a book of n pages; "" means all.
func parsePages(spec string, n int) ([]int, error) {
	if strings.TrimSpace(spec) == "" {
		out := make([]int, n)
		for i := range out {
			out[i] = i
		}
		return out, nil
	}
	seen := make([]bool, n)
	for _, part := range strings.Split(spec, ",") {
		part = strings.TrimSpace(part)
		lo, hi, isRange := strings.Cut(part, "-")
		a, err1 := strconv.Atoi(strings.TrimSpace(lo))
		b := a
		var err2 error
		if isRange {
			b, err2 = strconv.Atoi(strings.TrimSpace(hi))
		}
		if err1 != nil || err2 != nil || a < 1 || b < a {
			return nil, fmt.Errorf("--pages %q: write page numbers such as 3, 1-4 or 2,5-7", spec)
		}
		if b > n {
			return nil, fmt.Errorf("--pages %q: the book has %d pages", spec, n)
		}
		for i := a; i <= b; i++ {
			seen[i-1] = true
		}
	}
	var out []int
	for i, ok := range seen {
		if ok {
			out = append(out, i)
		}
	}
	return out, nil
}

func writePNG(name string, img image.Image) error {
	f, err := os.Create(name)
	if err != nil {
		return fmt.Errorf("writing %s: %w", name, err)
	}
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(f, img); err != nil {
		f.Close()
		return fmt.Errorf("writing %s: %w", name, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", name, err)
	}
	return nil
}
