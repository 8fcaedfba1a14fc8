package builder

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/pamphlet/pamphlet/builder/diag"
	"github.com/pamphlet/pamphlet/builder/doc"
	"github.com/pamphlet/pamphlet/builder/font"
	"github.com/pamphlet/pamphlet/builder/font/find"
	"github.com/pamphlet/pamphlet/builder/manifest"
	"github.com/pamphlet/pamphlet/fonts"
	"github.com/pamphlet/pamphlet/internal/inputfile"
)

// maxFontBytes bounds a font file read for a book: the largest CJK
// collections Debian ships are about 30 MB.
const maxFontBytes = 64 << 20

// loadFonts makes the book's font book: the faces the manifest names
// (fonts: body, headings, mono, fallback, features) over the bundled
// ones, then, for each script of the book's text that none of them
// covers, the installed face that covers it, found by coverage in the
// manifest's fonts/ folder and the system's font folders. The folders are
// scanned only when the manifest names a family that is not bundled or a
// script needs a face: a book in the bundled scripts reads no folder.
// Problems are diagnostics at the manifest's lines; err is returned
// (ErrBook) when a font the manifest names cannot be used.
func loadFonts(m *manifest.Manifest, book *doc.Book, diags *diag.List) (*font.Set, error) {
	system := find.Lazy(find.Dirs(m.Dir))
	roles, err := font.DefaultRoles()
	if err != nil {
		return nil, err
	}
	var fallbacks []font.Source
	failed := false
	family := func(v manifest.FontValue, what string) (find.Family, bool) {
		fam, err := find.Resolve(v.Value, m.Dir, system)
		if err != nil {
			var nf *find.NotFoundError
			if errors.As(err, &nf) && len(nf.Nearest) > 0 {
				diags.Errorf(v.Pos, "F001", "%s font %q is not installed or bundled (did you mean %s?); `pamphlet fonts` lists the families found", what, v.Value, quoteList(nf.Nearest))
			} else {
				diags.Errorf(v.Pos, "F001", "%s font %q: %v", what, v.Value, err)
			}
			failed = true
			return fam, false
		}
		return fam, true
	}
	features := func() []string {
		var out []string
		for _, f := range m.Fonts.Features {
			out = append(out, f.Value)
		}
		return out
	}()
	if v := m.Fonts.Body; v.Value != "" {
		if fam, ok := family(v, "body"); ok {
			srcs, err := familySources(fam, v, diags)
			if err != nil {
				diags.Errorf(v.Pos, "F002", "%v", err)
				failed = true
			} else {
				copy(roles[:4], srcs[:])
			}
		}
	}
	for i := range roles[:4] {
		roles[i].Features = features
	}
	if v := m.Fonts.Mono; v.Value != "" {
		if fam, ok := family(v, "mono"); ok {
			srcs, err := familySources(fam, v, diags)
			if err != nil {
				diags.Errorf(v.Pos, "F002", "%v", err)
				failed = true
			} else {
				roles[font.Mono] = srcs[0]
			}
		}
	}
	var headings *[4]font.Source
	if v := m.Fonts.Headings; v.Value != "" {
		if fam, ok := family(v, "headings"); ok {
			srcs, err := familySources(fam, v, diags)
			if err != nil {
				diags.Errorf(v.Pos, "F002", "%v", err)
				failed = true
			} else {
				headings = &srcs
			}
		}
	}
	for _, v := range m.Fonts.Fallback {
		if fam, ok := family(v, "fallback"); ok {
			srcs, err := familySources(fam, v, nil)
			if err != nil {
				diags.Errorf(v.Pos, "F002", "%v", err)
				failed = true
				continue
			}
			srcs[2].Bold = true
			fallbacks = append(fallbacks, srcs[0])
			if srcs[2].Name != srcs[0].Name {
				fallbacks = append(fallbacks, srcs[2])
			}
		}
	}
	if failed {
		return nil, ErrBook
	}
	bundled, err := font.DefaultFallbacks()
	if err != nil {
		return nil, err
	}
	fallbacks = append(fallbacks, bundled...)
	set, err := newSet(roles, fallbacks, headings)
	if err != nil {
		return nil, err
	}
	// Scripts none of these faces has: look for installed ones.
	extra := systemFallbacks(set, book, system)
	if len(extra) == 0 {
		return set, nil
	}
	return newSet(roles, append(fallbacks, extra...), headings)
}

func newSet(roles [5]font.Source, fallbacks []font.Source, headings *[4]font.Source) (*font.Set, error) {
	set, err := font.Load(append(roles[:], fallbacks...))
	if err != nil {
		return nil, err
	}
	if headings != nil {
		if err := set.SetHeadings(*headings); err != nil {
			return nil, err
		}
	}
	return set, nil
}

// familySources reads the four styles of fam; a style the family lacks
// is set in its nearest (italic in the regular, bold italic in the bold),
// with a warning at v when diags is given.
func familySources(fam find.Family, v manifest.FontValue, diags *diag.List) ([4]font.Source, error) {
	var out [4]font.Source
	if fam.Faces[0] == nil {
		return out, fmt.Errorf("font %q has no regular face", v.Value)
	}
	var missing []string
	for i, fi := range fam.Faces {
		if fi == nil {
			missing = append(missing, find.Slot(i).String())
			continue
		}
		src, err := readFace(fi.Location)
		if err != nil {
			return out, err
		}
		out[i] = src
	}
	near := [4]int{0, 0, 0, 2}
	for i := range out {
		if out[i].Data == nil {
			j := near[i]
			if out[j].Data == nil {
				j = 0
			}
			out[i] = out[j]
		}
	}
	if diags != nil && len(missing) > 0 {
		diags.Warnf(v.Pos, "F003", "font %q has no %s face: set in its %s instead", fam.Name, strings.Join(missing, " or "), "nearest style")
	}
	return out, nil
}

// readFace reads the font file at loc, bundled or on disk.
func readFace(loc find.Location) (font.Source, error) {
	if loc.Bundled {
		src, err := font.ReadSource(fonts.FS, loc.Path)
		src.Index = loc.Index
		return src, err
	}
	b, err := inputfile.Read(loc.Path, maxFontBytes)
	if err != nil {
		return font.Source{}, fmt.Errorf("font %s: %w", loc.Path, err)
	}
	return font.Source{Name: loc.Path, Data: b, Index: loc.Index}, nil
}

// systemFallbacks returns installed faces, regular and bold, for the
// scripts of book's text that no face of set covers, each tried only for
// its script. The folders are scanned only when such a script is found.
func systemFallbacks(set *font.Set, book *doc.Book, system func() (*find.Index, error)) []font.Source {
	need := map[string]bool{}
	var order []string
	checked := map[rune]bool{}
	// langs are the languages of the text each script was met in: Han
	// characters want the Japanese, Korean or Chinese cut of a CJK face.
	langs := map[string]string{}
	lang := book.Meta.Lang
	visit := func(s string) {
		for _, r := range s {
			if r < 0x0370 || checked[r] {
				continue
			}
			checked[r] = true
			if _, ok := set.Pick(font.Regular, r); ok {
				continue
			}
			sc := font.ScriptOf(r)
			if sc == "Zyyy" || sc == "Zinh" || sc == "Zzzz" || need[sc] {
				continue
			}
			langs[sc] = lang
			need[sc] = true
			order = append(order, sc)
		}
	}
	visit(book.Meta.Title + book.Meta.Subtitle + strings.Join(book.Meta.Authors, " "))
	for _, a := range book.Articles {
		lang = book.Meta.Lang
		if a.Meta.Lang != "" {
			lang = a.Meta.Lang
		}
		visit(a.Meta.Title + a.Meta.Subtitle)
		all := append(slices.Clone(a.Blocks), noteBlocks(a)...)
		doc.InspectBlocks(all, func(n doc.Node) bool {
			switch t := n.(type) {
			case *doc.Text:
				visit(t.Value)
			case *doc.Code:
				visit(t.Value)
			case *doc.CodeBlock:
				visit(t.Text)
			case *doc.Image:
				visit(t.Alt)
			}
			return true
		})
	}
	if len(order) == 0 {
		return nil
	}
	ix, err := system()
	if ix == nil || err != nil && ix == nil {
		return nil
	}
	var out []font.Source
	// One face may serve several scripts (Han and kana from one CJK
	// font): it is loaded once, for all of them.
	at := map[find.Location]int{}
	for _, sc := range order {
		cands := ix.ForScript(sc)
		var reg *find.FaceInfo
		cut := cjkCut(langs[sc])
		for i := range cands {
			c := &cands[i]
			if c.Italic || c.Weight >= 600 {
				continue
			}
			if reg == nil || cut != "" && strings.HasSuffix(c.Family, " "+cut) && !strings.HasSuffix(reg.Family, " "+cut) {
				reg = c
			}
		}
		if reg == nil {
			continue
		}
		// The bold of the same family, for headings and strong text.
		var bold *find.FaceInfo
		if fam, err := ix.Family(reg.Family); err == nil && fam.Faces[2] != nil && fam.Faces[2].Location != reg.Location {
			bold = fam.Faces[2]
		}
		for _, fi := range []*find.FaceInfo{reg, bold} {
			if fi == nil {
				continue
			}
			if i, ok := at[fi.Location]; ok {
				out[i].Scripts = append(out[i].Scripts, sc)
				continue
			}
			src, err := readFace(fi.Location)
			if err != nil {
				continue
			}
			src.Scripts = []string{sc}
			src.Bold = fi == bold
			at[fi.Location] = len(out)
			out = append(out, src)
		}
	}
	return out
}

// noteBlocks returns the blocks of an article's notes.
func noteBlocks(a *doc.Article) []doc.Block {
	var out []doc.Block
	for _, n := range a.Notes {
		out = append(out, n.Blocks...)
	}
	return out
}

func quoteList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = fmt.Sprintf("%q", n)
	}
	return strings.Join(q, ", ")
}

// cjkCut returns the suffix of the Noto CJK family cut for a language
// ("JP" for ja): Han characters are drawn differently in Japan, Korea and
// the two Chinese traditions, and a reader notices the wrong forms.
func cjkCut(lang string) string {
	l := strings.ToLower(lang)
	switch {
	case strings.HasPrefix(l, "ja"):
		return "JP"
	case strings.HasPrefix(l, "ko"):
		return "KR"
	case strings.HasPrefix(l, "zh-hk") || strings.HasPrefix(l, "zh-mo"):
		return "HK"
	case strings.HasPrefix(l, "zh-hant") || strings.HasPrefix(l, "zh-tw"):
		return "TC"
	case strings.HasPrefix(l, "zh"):
		return "SC"
	}
	return ""
}
