package importer

import (
	"bytes"
	"encoding/binary"
	"errors"
	"image"

	"golang.org/x/image/vp8"
	"golang.org/x/image/vp8l"
)

// decodeWebP decodes a WebP file's image (lossy VP8 or lossless VP8L,
// plain or in the extended VP8X form; an animation's first frame is not
// looked for). It reads the RIFF container itself rather than importing
// golang.org/x/image/webp, whose init registers WebP with the image
// package for the whole program: the builder would then take WebP files
// as pictures, which the PDF and EPUB writers do not.
func decodeWebP(b []byte) (image.Image, error) {
	if len(b) < 12 || string(b[:4]) != "RIFF" || string(b[8:12]) != "WEBP" {
		return nil, errors.New("not a WebP file")
	}
	rest := b[12:]
	for len(rest) >= 8 {
		id := string(rest[:4])
		n := int(binary.LittleEndian.Uint32(rest[4:8]))
		if n < 0 || n > len(rest)-8 {
			return nil, errors.New("a WebP chunk runs past the end of the file")
		}
		data := rest[8 : 8+n]
		switch id {
		case "VP8 ":
			d := vp8.NewDecoder()
			d.Init(bytes.NewReader(data), len(data))
			if _, err := d.DecodeFrameHeader(); err != nil {
				return nil, err
			}
			return d.DecodeFrame()
		case "VP8L":
			return vp8l.Decode(bytes.NewReader(data))
		case "ANMF":
			return nil, errors.New("an animated WebP")
		}
		// VP8X, ALPH, ICCP, EXIF, XMP: step over to the image data (an
		// alpha channel is dropped: the page behind it is white anyway).
		rest = rest[8+n+n%2:]
	}
	return nil, errors.New("a WebP file without image data")
}
