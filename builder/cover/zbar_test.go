package cover

import (
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pamphlet/pamphlet/builder/cover/ean"
	"github.com/pamphlet/pamphlet/builder/font"
	"github.com/pamphlet/pamphlet/builder/frame"
	"github.com/pamphlet/pamphlet/builder/raster"
	"github.com/pamphlet/pamphlet/internal/testtool"
)

// TestBarcodeScans draws the barcode of published ISBNs and prices
// with builder/raster at 400 dpi and reads it back with zbarimg: the
// EAN-13 must scan as the ISBN and the EAN-5 as the price.
func TestBarcodeScans(t *testing.T) {
	zbar := testtool.Need(t, "zbarimg")
	fonts, err := font.Default()
	if err != nil {
		t.Fatal(err)
	}
	r, err := raster.New(fonts, 400)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, c := range []struct{ isbn, price string }{
		{"978-0-306-40615-7", "5.00 USD"},
		{"9781861978769", "£7.99"},
		{"979-10-90636-07-1", "none"},
		{"0-8044-2957-X", "USD 24.95"},
		{"978-3-16-148410-0", "19.95 CAD"},
	} {
		isbn, err := ean.ParseISBN(c.isbn)
		if err != nil {
			t.Fatal(err)
		}
		price, err := ean.ParsePrice(c.price)
		if err != nil {
			t.Fatal(err)
		}
		items, box, err := Barcode(fonts, isbn, c.isbn, price)
		if err != nil {
			t.Fatal(err)
		}
		pg := &frame.Page{W: box.W, H: box.H, Items: items}
		img, err := r.Page(pg)
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, string(isbn)+".png")
		f, err := os.Create(p)
		if err != nil {
			t.Fatal(err)
		}
		png.Encode(f, img)
		f.Close()
		out, err := exec.Command(zbar, "-q", "-Sean5.enable", p).Output()
		if err != nil {
			t.Errorf("%s: zbarimg: %v", c.isbn, err)
		}
		got := strings.Fields(string(out))
		want := []string{"EAN-5:" + string(price), "EAN-13:" + string(isbn)}
		if strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("%s %s: zbarimg read %q, want %q", c.isbn, c.price, got, want)
		}
	}
}
