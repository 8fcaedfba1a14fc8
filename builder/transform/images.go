package transform

import (
	"errors"
	"image"
	_ "image/gif"
	_ "image/jpeg"
	_ "image/png"
	"io"
	"io/fs"
	"net/url"
	"path"
	"path/filepath"
	"strings"

	"github.com/pamphlet/pamphlet/builder/diag"
	"github.com/pamphlet/pamphlet/builder/doc"
	"github.com/pamphlet/pamphlet/internal/inputfile"
)

// ResolveImages sets Image.Path to the file each local image names,
// relative to its article's directory (opts.Dirs). Remote images are not
// fetched (a build reads no network): they keep an empty Path and the
// backends print their alt text. A missing file is an error.
func ResolveImages(b *doc.Book, opts Options, diags *diag.List) {
	stat := opts.Stat
	if stat == nil {
		stat = statFile
	}
	for i, a := range b.Articles {
		dir := ""
		if i < len(opts.Dirs) {
			dir = opts.Dirs[i]
		} else {
			dir = filepath.FromSlash(path.Dir(a.Path))
		}
		visit := func(n doc.Node) bool {
			if img, ok := n.(*doc.Image); ok {
				resolveImage(a, dir, img, stat, opts.Open, diags)
			}
			return true
		}
		doc.InspectBlocks(a.Blocks, visit)
		for _, n := range a.Notes {
			doc.Inspect(n, visit)
		}
	}
}

func resolveImage(a *doc.Article, dir string, img *doc.Image, stat func(string) error, open func(string) (io.ReadCloser, error), diags *diag.List) {
	img.Path = ""
	if strings.TrimSpace(img.Alt) == "" {
		diags.Warnf(at(a, img.At), codeNoAlt, "image %q has no alt text, which readers of the EPUB and of remote images need", img.Src)
	}
	src := strings.TrimSpace(img.Src)
	u, err := url.Parse(src)
	if err == nil && u.Scheme != "" && len(u.Scheme) > 1 {
		diags.Warnf(at(a, img.At), codeRemoteImage, "remote image %q not fetched; its alt text is used", img.Src)
		return
	}
	if src == "" {
		diags.Errorf(at(a, img.At), codeMissingImage, "image has no source")
		return
	}
	if err == nil && u.Path != "" && u.RawQuery == "" && u.Fragment == "" {
		src = u.Path // percent-decoded
	}
	p := filepath.FromSlash(src)
	if !filepath.IsAbs(p) {
		p = filepath.Join(dir, p)
	}
	p = filepath.Clean(p)
	if err := stat(p); err != nil {
		// "not found" only when nothing is there: a folder or a device
		// at the path is named as what it is.
		if errors.Is(err, fs.ErrNotExist) {
			diags.Errorf(at(a, img.At), codeMissingImage, "image %q not found: %v", img.Src, err)
		} else {
			diags.Errorf(at(a, img.At), codeMissingImage, "image %q: %v", img.Src, err)
		}
		return
	}
	if open != nil && !usableImage(a, img, p, open, diags) {
		return
	}
	img.Path = p
}

// usableImage reads the image's header, once for both outputs, so that a
// file that is no picture or too large for memory is reported a single
// time and left out of both, its alt text standing in.
func usableImage(a *doc.Article, img *doc.Image, p string, open func(string) (io.ReadCloser, error), diags *diag.List) bool {
	f, err := open(p)
	if err != nil {
		diags.Warnf(at(a, img.At), codeBadImage, "image %s cannot be read (%v); its description is printed instead", img.Src, err)
		return false
	}
	defer f.Close()
	cfg, _, err := image.DecodeConfig(f)
	if err != nil {
		diags.Warnf(at(a, img.At), codeBadImage, "image %s is not a PNG, JPEG or GIF image (%v); its description is printed instead", img.Src, err)
		return false
	}
	if int64(cfg.Width)*int64(cfg.Height) > MaxImagePixels {
		diags.Warnf(at(a, img.At), codeHugeImage, "image %s is %d × %d pixels, more than the 50-megapixel limit (scale it down); its description is printed instead", img.Src, cfg.Width, cfg.Height)
		return false
	}
	return true
}

// statFile is the default Options.Stat: the path must be a regular file.
func statFile(p string) error { return inputfile.Check(p) }
