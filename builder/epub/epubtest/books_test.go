package epubtest

import (
	"archive/zip"
	"bytes"
	"context"
	"image"
	"image/color"
	"image/jpeg"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/pamphlet/pamphlet/builder"
)

// books are the sample book and every corpus book, by name.
func books(t *testing.T) map[string]string {
	t.Helper()
	m := map[string]string{"sample": "../../../book.yaml"}
	corpus, _ := filepath.Glob("../../../../shared/corpus/*/book.yaml")
	for _, c := range corpus {
		m[filepath.Base(filepath.Dir(c))] = c
	}
	if len(corpus) == 0 {
		if os.Getenv("CI") != "" {
			t.Fatal("no corpus at ../shared/corpus; CI clones it beside the repository")
		}
		t.Log("no corpus at ../shared/corpus: checking the sample book only")
	}
	return m
}

func names(m map[string]string) []string {
	var ns []string
	for n := range m {
		ns = append(ns, n)
	}
	sort.Strings(ns)
	return ns
}

// build builds manifest into a temporary folder and returns the paths of
// its outputs by format.
func build(t testing.TB, manifest string, formats ...string) map[string]string {
	t.Helper()
	res, err := builder.Build(context.Background(), builder.Options{
		Manifest: manifest,
		OutDir:   t.TempDir(),
		Formats:  formats,
		Getenv:   func(string) string { return "" },
	})
	if err != nil {
		t.Fatalf("build %s: %v\n%v", manifest, err, res.Diags.Items())
	}
	out := map[string]string{}
	for _, o := range res.Outputs {
		out[strings.TrimPrefix(filepath.Ext(o), ".")] = o
	}
	return out
}

// TestValidators holds every book to EPUBCheck 4.2.6, epubcheck-ts and
// Ace: not one error, warning or violation. The books run two at a time
// (go test's default -parallel on two cores); Ace, which starts a
// browser, takes most of the time.
func TestValidators(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: runs three validators on every book")
	}
	bs := books(t)
	bs["sample-fonts-cover"] = sampleWithFontsAndCover(t)
	for _, name := range names(bs) {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			epub := build(t, bs[name], "epub")["epub"]
			for _, f := range EPUBCheck(t, epub) {
				t.Errorf("epubcheck: %s", f)
			}
			for _, f := range EPUBCheckTS(t, epub) {
				t.Errorf("epubcheck-ts: %s", f)
			}
			for _, f := range Ace(t, epub, t.TempDir()) {
				t.Errorf("ace: %s", f)
			}
		})
	}
}

// sampleWithFontsAndCover copies the sample book into a temporary folder
// with epub: {embed-fonts: true} and a JPEG cover of its own, and returns
// the manifest's path.
func sampleWithFontsAndCover(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	src, err := os.ReadFile("../../../book.yaml")
	if err != nil {
		t.Fatal(err)
	}
	yaml := string(src) + "cover: art/cover.jpg\nepub:\n  embed-fonts: true\n"
	if err := os.WriteFile(filepath.Join(dir, "book.yaml"), []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	arts, _ := filepath.Glob("../../../articles/*.md")
	if err := os.MkdirAll(filepath.Join(dir, "articles"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, a := range arts {
		data, err := os.ReadFile(a)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "articles", filepath.Base(a)), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	img := image.NewRGBA(image.Rect(0, 0, 600, 900))
	for y := 0; y < 900; y++ {
		for x := 0; x < 600; x++ {
			img.Set(x, y, color.RGBA{uint8(x / 3), 40, uint8(y / 4), 255})
		}
	}
	var jpg bytes.Buffer
	if err := jpeg.Encode(&jpg, img, nil); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "art"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "art", "cover.jpg"), jpg.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return filepath.Join(dir, "book.yaml")
}

// TestCoverAndFontsFromManifest checks that the manifest's cover and
// epub.embed-fonts reach the EPUB, and that a missing cover fails the
// build at the cover's line.
func TestCoverAndFontsFromManifest(t *testing.T) {
	manifest := sampleWithFontsAndCover(t)
	files := readZip(t, build(t, manifest, "epub")["epub"])
	cover, _ := os.ReadFile(filepath.Join(filepath.Dir(manifest), "art", "cover.jpg"))
	if files["OEBPS/images/cover.jpg"] != string(cover) {
		t.Error("the manifest's cover is not the EPUB's cover")
	}
	if !strings.Contains(files["OEBPS/content.opf"], `href="fonts/CharisSIL-Regular.ttf" media-type="font/ttf"`) {
		t.Error("embed-fonts: no Charis SIL in the package")
	}
	if err := os.Remove(filepath.Join(filepath.Dir(manifest), "art", "cover.jpg")); err != nil {
		t.Fatal(err)
	}
	res, err := builder.Build(context.Background(), builder.Options{Manifest: manifest, OutDir: t.TempDir(), Formats: []string{"epub"}, Getenv: func(string) string { return "" }})
	if err == nil {
		t.Fatal("a missing cover built")
	}
	yaml, _ := os.ReadFile(manifest)
	coverLine := strings.Count(string(yaml[:bytes.Index(yaml, []byte("cover:"))]), "\n") + 1
	ds := res.Diags.Items()
	if len(ds) != 1 || ds[0].Code != "M011" || ds[0].Pos.Line != coverLine || !strings.Contains(ds[0].String(), "cover.jpg") {
		t.Errorf("diagnostics: %v", ds)
	}
}

// TestValidatorsCatchProblems makes sure the checks above can fail: a
// damaged copy of the sample book must draw findings from each tool.
func TestValidatorsCatchProblems(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: starts Ace")
	}
	epub := build(t, "../../../book.yaml", "epub")["epub"]
	dir := t.TempDir()

	// Not well-formed: both EPUBCheck flavours must object.
	broken := filepath.Join(dir, "broken.epub")
	rewrite(t, epub, broken, func(name string, data []byte) []byte {
		if name == "OEBPS/titlepage.xhtml" {
			return append(data, "<junk/>"...)
		}
		return data
	})
	if len(EPUBCheck(t, broken)) == 0 {
		t.Error("epubcheck found nothing wrong with a file that is not well-formed")
	}
	if len(EPUBCheckTS(t, broken)) == 0 {
		t.Error("epubcheck-ts found nothing wrong with a file that is not well-formed")
	}

	// Well-formed but inaccessible: no alt text, no hazard metadata.
	inaccessible := filepath.Join(dir, "inaccessible.epub")
	rewrite(t, epub, inaccessible, func(name string, data []byte) []byte {
		switch name {
		case "OEBPS/cover.xhtml":
			return []byte(strings.Replace(string(data), ` alt="`, ` data-x="`, 1))
		case "OEBPS/content.opf":
			return []byte(strings.Replace(string(data), `property="schema:accessibilityHazard"`, `property="schema:accessibilityAPI"`, 1))
		}
		return data
	})
	found := strings.Join(Ace(t, inaccessible, filepath.Join(dir, "ace")), "\n")
	for _, rule := range []string{"image-alt", "metadata-accessibilityhazard"} {
		if !strings.Contains(found, rule) {
			t.Errorf("ace did not report %s; it reported:\n%s", rule, found)
		}
	}
}

// rewrite copies the EPUB src to dst, passing each entry through edit and
// keeping mimetype first and stored.
func rewrite(t *testing.T, src, dst string, edit func(name string, data []byte) []byte) {
	t.Helper()
	zr, err := zip.OpenReader(src)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: f.Name, Method: f.Method})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(edit(f.Name, data)); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dst, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestReproducible builds the sample book twice through the whole
// pipeline: the EPUBs must be byte-identical.
func TestReproducible(t *testing.T) {
	a, err := os.ReadFile(build(t, "../../../book.yaml", "epub")["epub"])
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(build(t, "../../../book.yaml", "epub")["epub"])
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Fatal("two builds of the sample book differ")
	}
}

func TestAceViolations(t *testing.T) {
	report := []byte(`{"assertions":[{"earl:testSubject":{"url":"c.xhtml"},"assertions":[
	 {"earl:test":{"dct:title":"image-alt","earl:impact":"critical"},"earl:result":{"earl:outcome":"fail","dct:description":"no  alt"}},
	 {"earl:test":{"dct:title":"ok-rule","earl:impact":"minor"},"earl:result":{"earl:outcome":"pass"}}]}]}`)
	got, err := AceViolations(report)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"[critical] image-alt @ c.xhtml: no alt"}; !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
	if _, err := AceViolations([]byte("{")); err == nil {
		t.Error("a broken report gave no error")
	}
}
