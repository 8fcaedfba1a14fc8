package style

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pamphlet/pamphlet/builder/units"
)

func TestPresets(t *testing.T) {
	want := []string{"a4", "a5", "a6", "digest", "half-letter", "letter", "pocket"}
	if got := strings.Join(Presets(), " "); got != strings.Join(want, " ") {
		t.Fatalf("Presets() = %s", got)
	}
	for _, p := range want {
		s, err := Load(p, "", nil)
		if err != nil {
			t.Errorf("%s: %v", p, err)
			continue
		}
		if s.TextWidth() <= 0 || s.Leading < s.FontSize {
			t.Errorf("%s: bad geometry %+v", p, s)
		}
	}
}

func TestDefaultA5(t *testing.T) {
	s, err := Load("", "", nil)
	if err != nil {
		t.Fatal(err)
	}
	if s.PageWidth != units.FromMM(148) || s.PageHeight != units.FromMM(210) {
		t.Errorf("a5 page %v × %v", s.PageWidth, s.PageHeight)
	}
	if s.Indent != s.FontSize*3/2 {
		t.Errorf("indent %v, want 1.5em of %v", s.Indent, s.FontSize)
	}
}

func TestOverrides(t *testing.T) {
	s, err := Load("a5", "", map[string]any{
		"page": "a4", "margins": map[string]any{"inner": "20mm"}, "font-size": 11, "leading": "14pt", "ragged": true,
	})
	if err != nil {
		t.Fatal(err)
	}
	if s.PageWidth != units.FromMM(210) || s.Inner != units.FromMM(20) || s.FontSize != 11*units.Pt || s.Leading != 14*units.Pt || !s.Ragged {
		t.Errorf("overrides not applied: %+v", s)
	}
	s, err = Load("a5", "", map[string]any{"page": "5in x 8in", "margins": "12mm"})
	if err != nil {
		t.Fatal(err)
	}
	if s.PageWidth != 5*units.In || s.Outer != units.FromMM(12) {
		t.Errorf("page/margins: %+v", s)
	}
}

func TestErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		o    map[string]any
		want string
	}{
		{"nope", nil, "not a preset"},
		{"a5", map[string]any{"colour": "red"}, "unknown pdf key"},
		{"a5", map[string]any{"font-size": "-3pt"}, "negative"},
		{"a5", map[string]any{"margins": "70mm"}, "too narrow"},
		{"a5", map[string]any{"ragged": "maybe"}, "ragged"},
	} {
		_, err := Load(tc.name, "", tc.o)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Load(%s, %v) = %v, want error containing %q", tc.name, tc.o, err, tc.want)
		}
	}
}

func TestFile(t *testing.T) {
	dir := t.TempDir()
	src := "page: {width: 100mm, height: 150mm}\nmargins: {inner: 10mm, outer: 10mm, top: 10mm, bottom: 10mm}\nfont-size: 9pt\n"
	if err := os.WriteFile(filepath.Join(dir, "mine.yaml"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := Load("mine.yaml", dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	if s.FontSize != 9*units.Pt || s.Leading != 9*units.Pt*6/5 {
		t.Errorf("%+v", s)
	}
	if err := os.WriteFile(filepath.Join(dir, "bad.yaml"), []byte(src+"colour: red\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Load("bad.yaml", dir, nil); err == nil {
		t.Error("unknown key accepted")
	}
}

// TestMicrotypeKey: protrusion and expansion are on unless the layout or
// the manifest's pdf: map turns them off.
func TestMicrotypeKey(t *testing.T) {
	on, err := Load("a5", "", nil)
	if err != nil || !on.Microtype {
		t.Fatalf("a5: microtype %v, %v; want on", on != nil && on.Microtype, err)
	}
	off, err := Load("a5", "", map[string]any{"microtype": false})
	if err != nil || off.Microtype {
		t.Fatalf("pdf: {microtype: false}: microtype %v, %v; want off", off != nil && off.Microtype, err)
	}
	if _, err := Load("a5", "", map[string]any{"microtype": "sometimes"}); err == nil || !strings.Contains(err.Error(), "microtype") {
		t.Errorf("microtype: sometimes: error %v, want one naming microtype", err)
	}
	dir := t.TempDir()
	layout := "page: {width: 148mm, height: 210mm}\nmargins: {inner: 16mm, outer: 20mm, top: 17mm, bottom: 22mm}\nfont-size: 10.5pt\nmicrotype: false\n"
	if err := os.WriteFile(filepath.Join(dir, "plain.yaml"), []byte(layout), 0o644); err != nil {
		t.Fatal(err)
	}
	if s, err := Load("plain.yaml", dir, nil); err != nil || s.Microtype {
		t.Errorf("layout file with microtype: false: microtype %v, %v; want off", s != nil && s.Microtype, err)
	}
}

// TestPaperPage: a layout names its page by paper size, the manifest's
// pdf.page may too, and an unknown name is an error that lists the sizes.
func TestPaperPage(t *testing.T) {
	a5, err := Load("a5", "", nil)
	if err != nil {
		t.Fatal(err)
	}
	w, _ := units.Parse("148mm")
	h, _ := units.Parse("210mm")
	if a5.PageWidth != w || a5.PageHeight != h {
		t.Errorf("a5: %v × %v, want %v × %v", a5.PageWidth, a5.PageHeight, w, h)
	}
	a3, err := Load("a5", "", map[string]any{"page": "A3"})
	if err != nil {
		t.Fatal(err)
	}
	if w, _ := units.Parse("297mm"); a3.PageWidth != w {
		t.Errorf("pdf.page: A3 gives width %v, want %v", a3.PageWidth, w)
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "odd.yaml"), []byte("page: a7\nmargins: {inner: 1cm, outer: 1cm, top: 1cm, bottom: 1cm}\nfont-size: 10pt\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Load("odd.yaml", dir, nil); err == nil || !strings.Contains(err.Error(), `"a7" is not a paper size (a6, a5,`) {
		t.Errorf("page: a7: %v", err)
	}
}
