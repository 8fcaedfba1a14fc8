package builder

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pamphlet/pamphlet/builder/diag"
	"github.com/pamphlet/pamphlet/internal/testtool"
)

// TestCoverFrontCropped: a front image wider than the front is scaled to
// its height and cut at both sides, centred, never stretched: of an
// image in three bands (red, green, blue) only the green middle shows
// on the front, and nothing of it on the spine or the back; the warning
// says how much is cut.
func TestCoverFrontCropped(t *testing.T) {
	dir := t.TempDir()
	// 2700 × 1300 pixels: 153 dpi on an A5 front with its bleed (8.5 in
	// high), of which the front shows the middle 910 pixels: the green
	// band is 1000 wide.
	img := image.NewPaletted(image.Rect(0, 0, 2700, 1300), color.Palette{
		color.RGBA{0xff, 0, 0, 0xff}, color.RGBA{0, 0xc0, 0, 0xff}, color.RGBA{0, 0, 0xff, 0xff},
	})
	for y := range 1300 {
		for x := range 2700 {
			band := uint8(1) // 850 red, 1000 green, 850 blue
			if x < 850 {
				band = 0
			} else if x >= 1850 {
				band = 2
			}
			img.Pix[y*img.Stride+x] = band
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "front.png"), b.Bytes(), 0o644)
	var dl diag.List
	frontImageOKAt := func() string {
		for _, d := range dl.Items() {
			if strings.Contains(d.Msg, "cut off") {
				return d.String()
			}
		}
		return ""
	}
	src := "title: T\narticles: [a.md]\ncover:\n  front: front.png\n  back: A blurb.\n  binding: perfect\n"
	path, cp := coverFileDiags(t, dir, src, 200, printSettings{}, &dl)
	if w := frontImageOKAt(); !strings.Contains(w, "book.yaml:4: warning: cover.front: the image is wider (2.077) than the front with its bleed (0.699): 66% of its width is cut off, half at each side") {
		t.Errorf("warning %q", w)
	}
	out := filepath.Join(dir, "cover")
	if msg, err := exec.Command(testtool.Need(t, "pdftoppm"), "-r", "36", "-png", "-singlefile", path, out).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v %s", err, msg)
	}
	f, err := os.Open(out + ".png")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	pic, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	l := cp.layout
	pt := func(sp float64) int { return int(sp * 36 / 72) }
	bleed, trim, spine := l.Bleed.Points(), l.TrimW.Points(), l.Spine.Points()
	height := l.TrimH.Points()
	kind := func(x, y int) string {
		r, g, b, _ := pic.At(x, y).RGBA()
		switch {
		// Through the print cover's output intent the colours are
		// not pure: the strongest channel, well ahead, names them.
		case g > r+0x4000 && g > b+0x4000:
			return "green"
		case r > g+0x4000 && r > b+0x4000:
			return "red"
		case b > r+0x4000 && b > g+0x4000:
			return "blue"
		}
		return "other"
	}
	front0, front1 := bleed+trim+spine, bleed+2*trim+spine
	for _, c := range []struct {
		what string
		x, y float64
		want string
	}{
		{"front, middle", (front0 + front1) / 2, bleed + height/2, "green"},
		{"front, by the fold", front0 + 3, bleed + height/2, "green"},
		{"front, by the fore-edge", front1 - 3, bleed + 3, "green"},
		{"spine", bleed + trim + spine/2, bleed + height/2, "other"},
		{"back", bleed + trim/2, bleed + height/3, "other"},
	} {
		if got := kind(pt(c.x), pt(c.y)); got != c.want {
			t.Errorf("%s: %s, want %s", c.what, got, c.want)
		}
	}
}
