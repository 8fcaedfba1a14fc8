package sfnt

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/pamphlet/pamphlet/fonts"
	"github.com/pamphlet/pamphlet/internal/testtool"
)

// TestOTS runs the OpenType Sanitizer, the check browsers apply to web
// fonts before they use them, on the web subsets (the EPUB's fonts).
func TestOTS(t *testing.T) {
	ots := testtool.Need(t, "ots-sanitize") // Debian opentype-sanitizer
	dir := t.TempDir()
	check := func(name string, font []byte) {
		t.Helper()
		in := filepath.Join(dir, name)
		if err := os.WriteFile(in, font, 0o644); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command(ots, in, filepath.Join(dir, "out")).CombinedOutput()
		if err != nil {
			t.Errorf("%s: ots-sanitize: %v\n%s", name, err, out)
		}
	}
	for file, text := range map[string]string{fonts.SerifRegular: "Hello", fonts.Mono: "Hello", "NotoSerifDevanagari-Regular.ttf": "मनुष्य"} {
		data := bundled(t, file)
		f, _ := Parse(data, 0)
		gids := glyphsOf(t, goTextFace(t, data, 0), text)
		for _, o := range []Options{{KeepCmap: true}, {KeepCmap: true, Pack: true}, {KeepCmap: true, KeepLayout: true}} {
			sub, err := f.SubsetTrueType(gids, o)
			if err != nil {
				t.Fatal(err)
			}
			check(file, sub)
		}
	}
	for _, local := range []bool{false, true} {
		f, _ := Parse(tinyOTF(local), 0)
		sub, err := f.SubsetOpenType([]uint16{1, 2, 3}, Options{})
		if err != nil {
			t.Fatal(err)
		}
		check("tiny.otf", sub)
	}
	for _, path := range []string{ebGaramond, libertine, notoSerifCJK} {
		data := debianFont(t, path)
		f, _ := Parse(data, 0)
		gids := glyphsOf(t, goTextFace(t, data, 0), "Hello")
		for _, pack := range []bool{false, true} {
			sub, err := f.SubsetOpenType(gids, Options{Pack: pack})
			if err != nil {
				t.Fatal(err)
			}
			check(filepath.Base(path), sub)
		}
	}
}
