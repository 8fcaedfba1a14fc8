package library

import (
	"bytes"
	"context"
	"fmt"
	"image"
	_ "image/jpeg" // covers given as JPEG
	"image/png"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"

	"golang.org/x/image/draw"

	"github.com/pamphlet/pamphlet/builder"
	"github.com/pamphlet/pamphlet/builder/cover"
	"github.com/pamphlet/pamphlet/internal/inputfile"
	"github.com/pamphlet/pamphlet/internal/tempfile"
)

// ThumbnailWidth is the width of the thumbnails in pixels: enough for the
// index's grid on a high-density phone screen and for e-reader apps'
// lists, small enough to keep a page of a hundred books light.
const ThumbnailWidth = 240

// maxCoverBytes bounds a cover image read, as builder does.
const maxCoverBytes = 64 << 20

// buildBook builds one book into out/files/ID and makes its cover and
// thumbnail there.
func buildBook(ctx context.Context, id string, e Entry, out string, getenv func(string) string) (*Book, *builder.Result, error) {
	rel := FilesDir + "/" + id
	dir := filepath.Join(out, filepath.FromSlash(rel))
	res, err := builder.Build(ctx, builder.Options{Manifest: e.Manifest, OutDir: dir, Getenv: getenv})
	if err != nil {
		return nil, res, err
	}
	b := &Book{ID: id, Groups: e.Groups, Info: res.Info, Pages: res.Pages, Words: res.Words}
	keep := map[string]bool{}
	for _, o := range res.Outputs {
		name := filepath.Base(o)
		keep[name] = true
		fi, err := os.Stat(o)
		if err != nil {
			return nil, res, err
		}
		d := Download{Path: rel + "/" + name, Size: fi.Size()}
		switch {
		case name == res.Name+".epub":
			d.Kind, d.MediaType = "epub", "application/epub+zip"
		case name == res.Name+"-booklet.pdf":
			d.Kind, d.MediaType, d.Pages = "booklet", "application/pdf", 2*res.Print.Sheets
		case name == res.Name+"-print.pdf":
			d.Kind, d.MediaType, d.Pages = "print", "application/pdf", res.Pages
		case name == res.Name+".pdf":
			d.Kind, d.MediaType, d.Pages = "pdf", "application/pdf", res.Pages
		default:
			continue
		}
		b.Downloads = append(b.Downloads, d)
	}
	if err := makeCovers(ctx, b, dir, rel); err != nil {
		return nil, res, err
	}
	keep[path.Base(b.Cover.Path)], keep[path.Base(b.Thumbnail.Path)] = true, true
	// Outputs of an earlier run that this one no longer makes (a booklet
	// turned off, a renamed book) would otherwise linger in the site.
	if entries, err := os.ReadDir(dir); err == nil {
		for _, en := range entries {
			if !keep[en.Name()] && en.Type().IsRegular() && !strings.HasPrefix(en.Name(), ".") {
				os.Remove(filepath.Join(dir, en.Name()))
			}
		}
	}
	return b, res, nil
}

// makeCovers writes the book's cover (the manifest's image as it is, or
// the one builder/cover draws, as in the EPUB) and a PNG thumbnail.
func makeCovers(ctx context.Context, b *Book, dir, rel string) error {
	var data []byte
	var err error
	if b.Info.Cover != "" {
		if data, err = inputfile.Read(b.Info.Cover, maxCoverBytes); err != nil {
			return fmt.Errorf("reading the cover: %w", err)
		}
	} else {
		if data, err = cover.PNG(cover.Text{Title: b.Info.Title, Subtitle: b.Info.Subtitle, Authors: b.Info.Authors}); err != nil {
			return fmt.Errorf("drawing the cover: %w", err)
		}
	}
	img, format, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return fmt.Errorf("reading the cover %s: %w", b.Info.Cover, err)
	}
	ext, mt := ".png", "image/png"
	if format == "jpeg" || http.DetectContentType(data) == "image/jpeg" {
		ext, mt = ".jpg", "image/jpeg"
	}
	size := img.Bounds().Size()
	b.Cover = Image{Path: rel + "/cover" + ext, MediaType: mt, Width: size.X, Height: size.Y}
	if err := writeFile(ctx, filepath.Join(dir, "cover"+ext), data); err != nil {
		return err
	}
	w := min(ThumbnailWidth, size.X)
	h := max(1, (size.Y*w+size.X/2)/size.X)
	thumb := image.NewNRGBA(image.Rect(0, 0, w, h))
	draw.CatmullRom.Scale(thumb, thumb.Bounds(), img, img.Bounds(), draw.Src, nil)
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestCompression}
	if err := enc.Encode(&buf, thumb); err != nil {
		return fmt.Errorf("writing the thumbnail: %w", err)
	}
	b.Thumbnail = Image{Path: rel + "/thumbnail.png", MediaType: "image/png", Width: w, Height: h}
	return writeFile(ctx, filepath.Join(dir, "thumbnail.png"), buf.Bytes())
}

// writeFile writes data to path through a temporary file in the same
// folder renamed into place, so that a reader never sees part of it.
func writeFile(ctx context.Context, path string, data []byte) error {
	f, err := tempfile.Create(ctx, filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	tmp := f.Name()
	defer tempfile.Done(ctx, tmp)
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp, 0o644)
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}
