package pdf

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"strconv"

	"github.com/pamphlet/pamphlet/builder/pdf/internal/obj"
	"github.com/pamphlet/pamphlet/internal/inputfile"
)

// imageObj is an image XObject written once per document.
type imageObj struct {
	ref  obj.Ref
	name string // resource name, "Im1"
	// softMask is set for an image with a soft mask (PNG alpha): a page
	// that paints it takes part in transparency.
	softMask bool
	// w and h are its size in pixels, for images that cover their box.
	w, h int
}

// image returns the XObject of the image file at path, writing it on
// first use. JPEG files go in as they are (DCTDecode); PNG files are
// decoded and written as Flate-compressed samples, their alpha channel,
// if any, as a soft mask.
func (doc *document) image(path string) (*imageObj, error) {
	if im, ok := doc.images[path]; ok {
		return im, nil
	}
	data, err := inputfile.Read(path, inputfile.MaxImageBytes)
	if err != nil {
		return nil, err
	}
	ref := doc.w.Alloc()
	masked := false
	switch {
	case bytes.HasPrefix(data, []byte("\xff\xd8")):
		err = doc.writeJPEG(ref, data)
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
		masked, err = doc.writePNG(ref, data)
	default:
		err = fmt.Errorf("not a JPEG or PNG image")
	}
	if err != nil {
		// The number is spent: write something there so the file stays
		// whole should the caller carry on.
		doc.w.Write(ref, obj.Null{})
		return nil, err
	}
	im := &imageObj{ref: ref, name: "Im" + strconv.Itoa(len(doc.imgs)+1), softMask: masked}
	if cfg, _, err := image.DecodeConfig(bytes.NewReader(data)); err == nil {
		im.w, im.h = cfg.Width, cfg.Height
	}
	doc.images[path] = im
	doc.imgs = append(doc.imgs, im)
	return im, nil
}

// writeJPEG writes a JPEG file as it is, its size and colour space read
// from its header.
func (doc *document) writeJPEG(ref obj.Ref, data []byte) error {
	cfg, err := jpeg.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return err
	}
	d := obj.Dict{
		"Type":             obj.Name("XObject"),
		"Subtype":          obj.Name("Image"),
		"Width":            obj.Int(cfg.Width),
		"Height":           obj.Int(cfg.Height),
		"BitsPerComponent": obj.Int(8),
		"Filter":           obj.Name("DCTDecode"),
	}
	switch cfg.ColorModel {
	case color.GrayModel:
		d["ColorSpace"] = obj.Name("DeviceGray")
	case color.CMYKModel:
		// CMYK JPEGs (from Adobe software, the only common source)
		// store their samples inverted.
		d["ColorSpace"] = obj.Name("DeviceCMYK")
		d["Decode"] = obj.Array{obj.Int(1), obj.Int(0), obj.Int(1), obj.Int(0), obj.Int(1), obj.Int(0), obj.Int(1), obj.Int(0)}
	default:
		d["ColorSpace"] = doc.rgb()
	}
	doc.w.Stream(ref, d, data, false)
	return nil
}

// writePNG decodes a PNG file and writes its samples as 8-bit gray or
// RGB, with a soft mask when it is not opaque, and reports whether it
// has one.
func (doc *document) writePNG(ref obj.Ref, data []byte) (bool, error) {
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		return false, err
	}
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	gray := isGray(img)
	comps := 3
	if gray {
		comps = 1
	}
	samples := make([]byte, 0, w*h*comps)
	alpha := make([]byte, 0, w*h)
	opaque := true
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			c := color.NRGBAModel.Convert(img.At(x, y)).(color.NRGBA)
			if gray {
				samples = append(samples, c.R)
			} else {
				samples = append(samples, c.R, c.G, c.B)
			}
			alpha = append(alpha, c.A)
			opaque = opaque && c.A == 0xff
		}
	}
	d := obj.Dict{
		"Type":             obj.Name("XObject"),
		"Subtype":          obj.Name("Image"),
		"Width":            obj.Int(w),
		"Height":           obj.Int(h),
		"BitsPerComponent": obj.Int(8),
		"ColorSpace":       doc.rgb(),
	}
	if gray {
		d["ColorSpace"] = obj.Name("DeviceGray")
	}
	if !opaque {
		mask := doc.w.Alloc()
		doc.w.Stream(mask, obj.Dict{
			"Type":             obj.Name("XObject"),
			"Subtype":          obj.Name("Image"),
			"Width":            obj.Int(w),
			"Height":           obj.Int(h),
			"BitsPerComponent": obj.Int(8),
			"ColorSpace":       obj.Name("DeviceGray"),
		}, alpha, true)
		d["SMask"] = mask
	}
	doc.w.Stream(ref, d, samples, true)
	return !opaque, nil
}

// rgb is the colour space of RGB images: device RGB, but ICC-based sRGB
// in the printer's PDF (see iccRGB).
func (doc *document) rgb() obj.Object {
	if doc.kind == printPDF {
		return doc.iccRGB()
	}
	return obj.Name("DeviceRGB")
}

// isGray reports whether img is stored without colour: its samples go
// into the PDF as one channel.
func isGray(img image.Image) bool {
	switch img.ColorModel() {
	case color.GrayModel, color.Gray16Model:
		return true
	}
	if p, ok := img.(*image.Paletted); ok {
		for _, c := range p.Palette {
			r, g, b, _ := c.RGBA()
			if r != g || g != b {
				return false
			}
		}
		return true
	}
	return false
}
