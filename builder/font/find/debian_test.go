package find

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// needFont skips the test when a Debian font package's file is missing,
// but fails it in CI (CI=true), where .ci/run installs the package: a
// check that silently stops running is worse than none.
func needFont(t *testing.T, path, pkg string) {
	t.Helper()
	if _, err := os.Stat(path); err != nil {
		why := path + " is missing (apt-get install -y " + pkg + ")"
		if os.Getenv("CI") != "" {
			t.Fatalf("%s; CI must install it", why)
		}
		t.Skip(why)
	}
}

// system scans the system's font folders once for all the tests here.
var system = sync.OnceValues(func() (*Index, error) { return Scan(SystemDirs()) })

func systemIndex(t *testing.T) *Index {
	t.Helper()
	ix, err := system()
	if err != nil {
		t.Fatal(err)
	}
	return ix
}

func TestDebianEBGaramond(t *testing.T) {
	const dir = "/usr/share/fonts/opentype/ebgaramond/"
	needFont(t, dir+"EBGaramond12-Regular.otf", "fonts-ebgaramond")
	fam, err := systemIndex(t).Family("EB Garamond")
	if err != nil {
		t.Fatal(err)
	}
	want := [4]string{"EBGaramond12-Regular.otf", "EBGaramond12-Italic.otf", "EBGaramond12-Bold.otf", ""}
	// Debian's package has no bold italic; should one appear, it is the
	// fourth style.
	if _, err := os.Stat(dir + "EBGaramond12-BoldItalic.otf"); err == nil {
		want[3] = "EBGaramond12-BoldItalic.otf"
	}
	if base(fam) != want || fam.Name != "EB Garamond" {
		t.Errorf("EB Garamond: %q %q, want %q", fam.Name, base(fam), want)
	}
	for _, fi := range fam.Faces {
		if fi != nil && (!fi.CFF || !strings.HasPrefix(fi.Path, dir)) {
			t.Errorf("face %+v", fi.Location)
		}
	}
	if r := fam.Faces[Regular]; !r.Covers("Latn") || !r.Covers("Grek") || !r.Covers("Cyrl") {
		t.Errorf("EB Garamond covers %v", r.Scripts)
	}
	// Found by Resolve through a lazy index, and parsed in full.
	fam, err = Resolve("eb garamond", t.TempDir(), system)
	if err != nil || base(fam) != want {
		t.Errorf("Resolve: %v %q", err, base(fam))
	}
}

func TestDebianLinuxLibertine(t *testing.T) {
	const dir = "/usr/share/fonts/opentype/linux-libertine/"
	needFont(t, dir+"LinLibertine_R.otf", "fonts-linuxlibertine")
	ix := systemIndex(t)
	fam, err := ix.Family("Linux Libertine O")
	if err != nil {
		t.Fatal(err)
	}
	// The semibold faces (600) lose to the bold ones (700).
	want := [4]string{"LinLibertine_R.otf", "LinLibertine_RI.otf", "LinLibertine_RB.otf", "LinLibertine_RBI.otf"}
	if base(fam) != want {
		t.Errorf("Linux Libertine O: %q, want %q", base(fam), want)
	}
	if got := ix.Nearest("Linux Libertine", 1); len(got) != 1 || got[0] != "Linux Libertine O" {
		t.Errorf("Nearest(Linux Libertine) = %q", got)
	}
}

func TestDebianNoto(t *testing.T) {
	const dir = "/usr/share/fonts/truetype/noto/"
	needFont(t, dir+"NotoSerifDevanagari-Regular.ttf", "fonts-noto-core")
	ix := systemIndex(t)
	fam, err := ix.Family("Noto Serif Devanagari")
	if err != nil {
		t.Fatal(err)
	}
	r := fam.Faces[Regular]
	if r.Path != dir+"NotoSerifDevanagari-Regular.ttf" || !r.Covers("Deva") || r.Covers("Beng") {
		t.Errorf("Noto Serif Devanagari: %+v", *r)
	}
	// Serif before sans for fallback by coverage.
	deva := families(ix.ForScript("Devanagari"))
	si, ss := indexOf(deva, "Noto Serif Devanagari"), indexOf(deva, "Noto Sans Devanagari")
	if si < 0 || ss >= 0 && ss < si {
		t.Errorf("ForScript(Deva) = %q", deva)
	}
	for _, s := range []string{"Arab", "Beng", "Taml", "Hebr", "Grek"} {
		if len(ix.ForScript(s)) == 0 {
			t.Errorf("no system face covers %s", s)
		}
	}
}

func TestDebianNotoCJK(t *testing.T) {
	const file = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"
	needFont(t, file, "fonts-noto-cjk")
	ix := systemIndex(t)
	fam, err := ix.Family("Noto Serif CJK JP")
	if err != nil {
		t.Fatal(err)
	}
	r := fam.Faces[Regular]
	if r.Path != file || !r.CFF || !r.Covers("Hani") || !r.Covers("Kana") || !r.Covers("Hira") {
		t.Errorf("Noto Serif CJK JP: %+v", *r)
	}
	faces, err := OpenAll(file)
	if err != nil || len(faces) < 2 {
		t.Fatalf("OpenAll(%s): %d faces, %v", filepath.Base(file), len(faces), err)
	}
}

func indexOf(list []string, s string) int {
	for i, x := range list {
		if x == s {
			return i
		}
	}
	return -1
}
