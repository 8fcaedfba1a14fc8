package manifest

import (
	"fmt"
	"regexp"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/pamphlet/pamphlet/builder/diag"
)

// Fonts holds the fonts: settings. Each value stays as written, a family
// name ("EB Garamond") or a path relative to the manifest
// ("fonts/MyUrdu.ttf"), with its position: finding the font is the
// builder's business (package font/find), and its errors point here.
type Fonts struct {
	// Body sets the text; Headings the headings (default: Body); Mono
	// code (default: the bundled monospace face). A zero FontValue means
	// not given.
	Body, Headings, Mono FontValue
	// Fallback lists faces tried, in order, for characters the above
	// lack, before the bundled fallbacks.
	Fallback []FontValue
	// Features are OpenType features for body text, as written: "onum"
	// turns one on, "-liga" off.
	Features []FontValue
	// Pos is the position of the fonts: key.
	Pos diag.Pos
}

// FontValue is one value of fonts:, with the position of the value.
type FontValue struct {
	Value string
	Pos   diag.Pos
}

// FontKeys are the keys the fonts: map accepts.
var FontKeys = []string{"body", "headings", "mono", "fallback", "features"}

// featureRE is an OpenType feature tag, four letters or digits, turned
// off by a leading minus (or on, explicitly, by a plus).
var featureRE = regexp.MustCompile(`^[+-]?[A-Za-z0-9]{4}$`)

// registeredFeatures are the feature tags of the OpenType layout tag
// registry, less cv01..cv99 and ss01..ss20, which registered checks
// by pattern. A font may define others (private tags begin with a
// capital), so an unregistered tag is only a warning.
var registeredFeatures = strings.Fields(`aalt abvf abvm abvs afrc akhn apkn blwf blwm blws
	c2pc c2sc calt case ccmp cfar chws cjct clig cpct cpsp cswh curs dist dlig dnom dtls
	expt falt fin2 fin3 fina flac frac fwid half haln halt hist hkna hlig hngl hojo hwid
	init isol ital jalt jp04 jp78 jp83 jp90 kern lfbd liga ljmo lnum locl ltra ltrm mark
	med2 medi mgrk mkmk mset nalt nlck nukt numr onum opbd ordn ornm palt pcap pkna pnum
	pref pres pstf psts pwid qwid rand rclt rkrf rlig rphf rtbd rtla rtlm ruby rvrn salt
	sinf size smcp smpl ssty stch subs sups swsh titl tjmo tnam tnum trad twid unic valt
	vapk vatu vchw vert vhal vjmo vkna vkrt vpal vrt2 vrtr zero`)

var numberedFeature = regexp.MustCompile(`^(cv(0[1-9]|[1-9][0-9])|ss(0[1-9]|1[0-9]|20))$`)

func registered(tag string) bool {
	return contains(registeredFeatures, tag) || numberedFeature.MatchString(tag)
}

// fonts reads the fonts: map, whose shape check and subMap have checked.
func (p *parser) fonts(n *yaml.Node, m *Manifest) {
	if n.Kind != yaml.MappingNode {
		return
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := strings.ToLower(n.Content[i].Value), n.Content[i+1]
		name := "fonts." + k
		switch k {
		case "body", "headings", "mono":
			if v.Kind != yaml.ScalarNode {
				continue // reported by subMap
			}
			fv, ok := p.fontValue(name, v)
			if !ok {
				continue
			}
			switch k {
			case "body":
				m.Fonts.Body = fv
			case "headings":
				m.Fonts.Headings = fv
			case "mono":
				m.Fonts.Mono = fv
			}
		case "fallback":
			seen := map[string]int{}
			for _, it := range p.items(v) {
				if v.Kind == yaml.SequenceNode && strings.TrimSpace(it.Value) == "" {
					p.diags.Errorf(p.pos(it), "M007", "%s has an empty entry", name)
					continue
				}
				fv, ok := p.fontValue(name, it)
				if !ok {
					continue
				}
				key := strings.ToLower(strings.Join(strings.Fields(fv.Value), " "))
				if line, dup := seen[key]; dup {
					p.diags.Errorf(fv.Pos, "M007", "fonts.fallback lists %q twice (first at line %d)", fv.Value, line)
					continue
				}
				seen[key] = it.Line
				m.Fonts.Fallback = append(m.Fonts.Fallback, fv)
			}
		case "features":
			p.features(v, m)
		}
	}
}

// items returns a string-or-list value's scalar entries.
func (p *parser) items(v *yaml.Node) []*yaml.Node {
	switch v.Kind {
	case yaml.ScalarNode:
		if v.Tag == "!!null" {
			return nil
		}
		return []*yaml.Node{v}
	case yaml.SequenceNode:
		var out []*yaml.Node
		for _, it := range v.Content {
			if it.Kind == yaml.ScalarNode {
				out = append(out, it)
			}
		}
		return out
	}
	return nil
}

// fontValue checks one family name or path.
func (p *parser) fontValue(name string, v *yaml.Node) (FontValue, bool) {
	s := strings.TrimSpace(v.Value)
	if v.Tag == "!!null" || s == "" {
		p.diags.Errorf(p.pos(v), "M007", "%s is empty: give a font family (e.g. EB Garamond) or a font file (e.g. fonts/MyFont.otf)", name)
		return FontValue{}, false
	}
	return FontValue{Value: s, Pos: p.pos(v)}, true
}

// features checks the OpenType feature tags of fonts.features.
func (p *parser) features(v *yaml.Node, m *Manifest) {
	seen := map[string]string{}
	for _, it := range p.items(v) {
		s := strings.TrimSpace(it.Value)
		if !featureRE.MatchString(s) {
			p.diags.Errorf(p.pos(it), "M007", "fonts.features: %q is not an OpenType feature tag (four letters or digits, e.g. onum; -liga turns one off)", it.Value)
			continue
		}
		tag := strings.TrimLeft(s, "+-")
		if prev, dup := seen[tag]; dup {
			if prev == s {
				p.diags.Errorf(p.pos(it), "M007", "fonts.features lists %q twice", s)
			} else {
				p.diags.Errorf(p.pos(it), "M007", "fonts.features turns %q both on and off", tag)
			}
			continue
		}
		seen[tag] = s
		if !registered(tag) && !isUpper(tag[0]) {
			msg := fmt.Sprintf("fonts.features: %q is not a registered OpenType feature", tag)
			if sug := suggest(tag, registeredFeatures); sug != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", sug)
			}
			p.diags.Warnf(p.pos(it), "M007", "%s", msg)
		}
		m.Fonts.Features = append(m.Fonts.Features, FontValue{Value: s, Pos: p.pos(it)})
	}
}

func isUpper(b byte) bool { return b >= 'A' && b <= 'Z' }
