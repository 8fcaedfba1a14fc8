package library

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
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
	if err := makeCovers(ctx, b, dir, rel, res.Cover); err != nil {
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

// makeCovers writes the book's cover and a PNG thumbnail: the EPUB's
// cover when the build made one (epub), otherwise the manifest's image
// as it is, or the one builder/cover draws from the text.
func makeCovers(ctx context.Context, b *Book, dir, rel string, epub []byte) error {
	data := epub
	var err error
	switch {
	case data != nil:
	case b.Info.Cover != "":
		if data, err = inputfile.Read(b.Info.Cover, maxCoverBytes); err != nil {
			return fmt.Errorf("reading the cover: %w", err)
		}
	default:
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
	src := scalable(img, w)
	draw.CatmullRom.Scale(thumb, thumb.Bounds(), src, src.Bounds(), draw.Src, nil)
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestCompression}
	if err := enc.Encode(&buf, thumb); err != nil {
		return fmt.Errorf("writing the thumbnail: %w", err)
	}
	b.Thumbnail = Image{Path: rel + "/thumbnail.png", MediaType: "image/png", Width: w, Height: h}
	return writeFile(ctx, filepath.Join(dir, "thumbnail.png"), buf.Bytes())
}

// scalable returns img in a form draw's scalers read quickly, and no
// larger than twice the thumbnail's width w where it can be made so by
// averaging whole blocks of pixels. The covers builder/cover draws are
// paletted PNGs, 1400 pixels wide, which the scalers read a pixel at a
// time through the color.Color interface; and Catmull-Rom's cost grows
// with the ratio of the sizes. Unpacked and averaged first, the scaling
// takes a quarter of the CPU it did (it had been a fifth of a library
// build's), and the thumbnail is within a few levels of a channel of
// scaling the cover itself (TestScalable).
func scalable(img image.Image, w int) image.Image {
	var src *image.NRGBA
	switch m := img.(type) {
	case *image.Paletted:
		src = unpack(m)
	case *image.NRGBA:
		src = m
	default:
		return img
	}
	k := src.Bounds().Dx() / (2 * max(w, 1))
	if k < 2 {
		return src
	}
	return average(src, k)
}

// unpack turns a paletted image into NRGBA.
func unpack(p *image.Paletted) *image.NRGBA {
	b := p.Bounds()
	out := image.NewNRGBA(b)
	pal := make([][4]uint8, 256) // an index past the palette reads as transparent
	for i, c := range p.Palette {
		n := color.NRGBAModel.Convert(c).(color.NRGBA)
		pal[i] = [4]uint8{n.R, n.G, n.B, n.A}
	}
	for y := b.Min.Y; y < b.Max.Y; y++ {
		src := p.Pix[p.PixOffset(b.Min.X, y):][:b.Dx()]
		dst := out.Pix[out.PixOffset(b.Min.X, y):][:4*b.Dx()]
		for x, idx := range src {
			copy(dst[4*x:4*x+4], pal[idx][:])
		}
	}
	return out
}

// average shrinks src k times each way, each pixel the mean of a k×k
// block (the last row and column of blocks take what is left). Colours
// are averaged weighted by their alpha, so a transparent pixel's colour
// does not bleed into its neighbours.
func average(src *image.NRGBA, k int) *image.NRGBA {
	b := src.Bounds()
	w, h := (b.Dx()+k-1)/k, (b.Dy()+k-1)/k
	out := image.NewNRGBA(image.Rect(0, 0, w, h))
	sums := make([][4]uint64, w)
	for by := range h {
		clear(sums)
		counts := make([]uint64, w)
		for y := b.Min.Y + by*k; y < min(b.Min.Y+(by+1)*k, b.Max.Y); y++ {
			row := src.Pix[src.PixOffset(b.Min.X, y):][:4*b.Dx()]
			for x := range b.Dx() {
				px := row[4*x : 4*x+4]
				a := uint64(px[3])
				s := &sums[x/k]
				s[0] += uint64(px[0]) * a
				s[1] += uint64(px[1]) * a
				s[2] += uint64(px[2]) * a
				s[3] += a
				counts[x/k]++
			}
		}
		dst := out.Pix[out.PixOffset(0, by):][:4*w]
		for bx, s := range sums {
			if s[3] > 0 {
				dst[4*bx] = uint8((s[0] + s[3]/2) / s[3])
				dst[4*bx+1] = uint8((s[1] + s[3]/2) / s[3])
				dst[4*bx+2] = uint8((s[2] + s[3]/2) / s[3])
			}
			dst[4*bx+3] = uint8((s[3] + counts[bx]/2) / counts[bx])
		}
	}
	return out
}

// writeFile writes data to path through a temporary file in the same
// folder renamed into place, so that a reader never sees part of it.
func writeFile(ctx context.Context, path string, data []byte) error {
	if err := tempfile.WriteFile(ctx, path, data, 0o644, false); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}
