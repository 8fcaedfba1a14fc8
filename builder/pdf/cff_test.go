package pdf

import (
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/pamphlet/pamphlet/builder/doc"
	"github.com/pamphlet/pamphlet/builder/font"
	"github.com/pamphlet/pamphlet/builder/frame"
	"github.com/pamphlet/pamphlet/builder/units"
	"github.com/pamphlet/pamphlet/fonts"

	"github.com/pamphlet/pamphlet/internal/testtool"
)

// debianFont reads a font file from a Debian package: missing, it skips
// the test on a developer's machine and fails it in CI (the rule of
// internal/testtool).
func debianFont(t *testing.T, path, pkg string) font.Source {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%v; CI must install %s", err, pkg)
		}
		t.Skipf("%v (apt-get install -y %s)", err, pkg)
	}
	return font.Source{Name: path, Data: b}
}

// TestCFF: faces with PostScript outlines, EB Garamond and a face of the
// Noto Serif CJK collection, are embedded as CIDFontType0 with a
// FontFile3 /CIDFontType0C subset, and their text copies back.
func TestCFF(t *testing.T) {
	garamond := debianFont(t, "/usr/share/fonts/opentype/ebgaramond/EBGaramond12-Regular.otf", "fonts-ebgaramond")
	cjk := debianFont(t, "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc", "fonts-noto-cjk")
	cjk.Index = 1
	srcs := []font.Source{garamond}
	for _, name := range []string{fonts.SerifItalic, fonts.SerifBold, fonts.SerifBoldItalic, fonts.Mono} {
		src, err := font.ReadSource(fonts.FS, name)
		if err != nil {
			t.Fatal(err)
		}
		srcs = append(srcs, src)
	}
	fs, err := font.Load(append(srcs, cjk))
	if err != nil {
		t.Fatal(err)
	}
	if !fs.IsCFF(font.Regular) || !fs.IsCFF(font.Fallback) {
		t.Fatal("the test fonts are not CFF")
	}
	item := func(f font.Face, y units.Sp, s string) frame.Item {
		return frame.Item{Kind: frame.Text, X: 30 * units.Pt, Y: y, Face: f, Size: 14 * units.Pt, Text: s}
	}
	d := &frame.Document{Meta: doc.Meta{Title: "CFF"}, Pages: []*frame.Page{{W: 300 * units.Pt, H: 200 * units.Pt, Items: []frame.Item{
		item(font.Regular, 50*units.Pt, "Affine office"),
		item(font.Fallback, 100*units.Pt, "世界人権宣言"),
	}}}}
	file := writeFile(t, "cff.pdf", write(t, d, fs))
	testtool.CheckPDF(t, file)
	out, err := exec.Command(testtool.Need(t, "pdffonts"), file).Output()
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")[2:]
	if len(lines) != 2 {
		t.Fatalf("pdffonts:\n%s", out)
	}
	for _, l := range lines {
		f := strings.Fields(l)
		// name type… encoding emb sub uni object ID
		if !strings.Contains(l, "CID Type 0C") || f[len(f)-6] != "Identity-H" || f[len(f)-4] != "yes" || f[len(f)-3] != "yes" {
			t.Errorf("not an embedded CID Type 0C subset: %s", l)
		}
		if len(f[0]) < 8 || f[0][6] != '+' {
			t.Errorf("no subset tag: %s", l)
		}
	}
	txt, err := exec.Command(testtool.Need(t, "pdftotext"), "-enc", "UTF-8", file, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(strings.Fields(string(txt)), " "); got != "Affine office 世界人権宣言" {
		t.Errorf("pdftotext gives %q", got)
	}
}
