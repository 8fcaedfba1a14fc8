package find

import (
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/go-text/typesetting/language"
)

// scriptCodes maps a lower-case ISO 15924 code or Unicode script name
// ("deva", "devanagari", "old_italic") to the code ("Deva"). Built from
// Go's Unicode tables: each script's first character tells go-text's
// table its code.
var scriptCodes = func() map[string]string {
	m := map[string]string{}
	for name, tab := range unicode.Scripts {
		var first rune = -1
		if len(tab.R16) > 0 {
			first = rune(tab.R16[0].Lo)
		} else if len(tab.R32) > 0 {
			first = rune(tab.R32[0].Lo)
		}
		if first < 0 {
			continue
		}
		s := language.LookupScript(first)
		if !s.Strong() || s == language.Unknown {
			continue
		}
		code := s.String()
		m[strings.ToLower(name)] = code
		m[strings.ToLower(code)] = code
	}
	return m
}()

// ScriptCode returns the ISO 15924 code for script, given as a code in
// any case ("deva") or a Unicode script name ("Devanagari",
// "Old Italic"), and whether it is a script pamphlet knows.
func ScriptCode(script string) (string, bool) {
	s := strings.ToLower(strings.TrimSpace(script))
	s = strings.NewReplacer(" ", "_", "-", "_").Replace(s)
	code, ok := scriptCodes[s]
	return code, ok
}

// styleGroup orders families for fallback by what their names say: serif
// faces suit book text best, then faces whose name says neither (Noto
// Naskh Arabic, Lohit Devanagari), then sans, then monospace; interface
// (UI) and display cuts come last.
func styleGroup(family string) int {
	words := strings.FieldsFunc(strings.ToLower(family), func(r rune) bool { return r == ' ' || r == '-' })
	has := func(w string) bool { return slices.Contains(words, w) }
	g := 1
	switch {
	case has("mono") || has("monospace") || has("code"):
		g = 3
	case has("sans"):
		g = 2
	case has("serif"):
		g = 0
	}
	if has("ui") || has("display") {
		g += 4
	}
	return g
}

// ForScript returns, for each family that covers script (an ISO 15924
// code such as "Deva" or a name such as "Devanagari"), the face a
// fallback would use: its regular face, or the face nearest to it.
// Families come in the order of their folders (the bundled faces and the
// manifest's fonts/ folder first), then serif before neither before sans
// before mono as their names say, then the most characters of the script
// first, then by name. An unknown script gives none.
func (ix *Index) ForScript(script string) []FaceInfo {
	code, ok := ScriptCode(script)
	if !ok {
		return nil
	}
	type hit struct {
		face  FaceInfo
		group int
		n     int
	}
	var hits []hit
	done := map[string]bool{}
	for _, fi := range ix.faces {
		k := key(fi.Family)
		if done[k] || !fi.Covers(code) {
			continue
		}
		done[k] = true
		fam, err := ix.Family(fi.Family)
		if err != nil {
			continue
		}
		face := fam.Faces[Regular]
		for _, s := range []Slot{Bold, Italic, BoldItalic} {
			if face == nil {
				face = fam.Faces[s]
			}
		}
		if face == nil || !face.Covers(code) {
			continue
		}
		hits = append(hits, hit{*face, styleGroup(face.Family), face.count(code)})
	}
	sort.SliceStable(hits, func(i, j int) bool {
		a, b := hits[i], hits[j]
		switch {
		case a.face.rank != b.face.rank:
			return a.face.rank < b.face.rank
		case a.group != b.group:
			return a.group < b.group
		case a.n != b.n:
			return a.n > b.n
		}
		return strings.ToLower(a.face.Family) < strings.ToLower(b.face.Family)
	})
	out := make([]FaceInfo, len(hits))
	for i, h := range hits {
		out[i] = h.face
	}
	return out
}
