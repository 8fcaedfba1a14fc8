package pdfstd

import (
	"fmt"
	"strconv"

	"github.com/pamphlet/pamphlet/builder/pdf/pdfread"
)

// contentScan is what a pass over every page's content found.
type contentScan struct {
	untagged   []string // painting outside tagged content and artifacts
	unbalanced []string
	// noUnicode are glyphs whose code has no ToUnicode text; bare
	// those outside any /ActualText.
	noUnicode, bare []string
	deviceRGB       []string // colour operators in device RGB
	errs            []string
}

// fontInfo is what a font resource tells the scan.
type fontInfo struct {
	twoByte bool
	mapped  map[uint32]bool // codes with Unicode text
}

// mark is one open marked-content sequence.
type mark struct {
	tagged, artifact, actual bool
}

func (c *checker) content() *contentScan {
	if c.scanned {
		return &c.scan
	}
	c.scanned = true
	s := &c.scan
	fonts := map[pdfread.Object]*fontInfo{}
	for pi, p := range c.pages {
		where := "page " + strconv.Itoa(pi+1)
		data, err := c.f.Contents(p.Dict)
		if err != nil {
			s.errs = append(s.errs, where+": "+err.Error())
			continue
		}
		res := c.f.Dict(c.f.Inherited(p.Dict, "Resources"))
		fontRes := c.f.Dict(res["Font"])
		var stack []mark
		var font *fontInfo
		inMark := func() (tagged, actual bool) {
			for _, m := range stack {
				tagged = tagged || m.tagged || m.artifact
				actual = actual || m.actual
			}
			return
		}
		err = pdfread.Content(data, func(op pdfread.Op) bool {
			switch op.Name {
			case "BDC", "BMC":
				m := mark{}
				if len(op.Args) > 0 && op.Args[0] == pdfread.Name("Artifact") {
					m.artifact = true
				}
				if len(op.Args) > 1 {
					props := c.f.Dict(op.Args[1])
					if _, ok := props["MCID"]; ok {
						m.tagged = true
					}
					if _, ok := props["ActualText"]; ok {
						m.actual = true
					}
				}
				stack = append(stack, m)
			case "EMC":
				if len(stack) == 0 {
					s.unbalanced = append(s.unbalanced, where+": EMC without BDC")
					return true
				}
				stack = stack[:len(stack)-1]
			case "Tf":
				font = nil
				if len(op.Args) > 0 {
					if n, ok := op.Args[0].(pdfread.Name); ok {
						font = c.fontInfo(fonts, fontRes[n])
					}
				}
			case "Tj", "TJ", "'", "\"":
				tagged, actual := inMark()
				if !tagged {
					s.untagged = append(s.untagged, where+": text ("+op.Name+") outside tagged content")
				}
				c.glyphs(s, where, font, op.Args, actual)
			case "f", "F", "f*", "S", "s", "B", "B*", "b", "b*", "Do", "sh":
				if tagged, _ := inMark(); !tagged {
					s.untagged = append(s.untagged, where+": "+op.Name+" outside tagged content")
				}
			case "rg", "RG":
				s.deviceRGB = append(s.deviceRGB, where+": "+op.Name)
			case "cs", "CS":
				if len(op.Args) > 0 && op.Args[0] == pdfread.Name("DeviceRGB") {
					s.deviceRGB = append(s.deviceRGB, where+": "+op.Name+" DeviceRGB")
				}
			}
			return true
		})
		if err != nil {
			s.errs = append(s.errs, where+": "+err.Error())
		}
		if len(stack) > 0 {
			s.unbalanced = append(s.unbalanced, fmt.Sprintf("%s: %d sequences never closed", where, len(stack)))
		}
	}
	return s
}

// glyphs notes the codes of a text operator's strings that have no
// Unicode.
func (c *checker) glyphs(s *contentScan, where string, font *fontInfo, args []pdfread.Object, actual bool) {
	if font == nil {
		return
	}
	var strs []pdfread.String
	for _, a := range args {
		switch v := a.(type) {
		case pdfread.String:
			strs = append(strs, v)
		case pdfread.Array:
			for _, e := range v {
				if sv, ok := e.(pdfread.String); ok {
					strs = append(strs, sv)
				}
			}
		}
	}
	for _, str := range strs {
		b := []byte(str)
		step := 1
		if font.twoByte {
			step = 2
		}
		for i := 0; i+step <= len(b); i += step {
			code := uint32(b[i])
			if step == 2 {
				code = code<<8 | uint32(b[i+1])
			}
			if font.mapped[code] {
				continue
			}
			x := fmt.Sprintf("%s: code %04X", where, code)
			s.noUnicode = append(s.noUnicode, x)
			if !actual {
				s.bare = append(s.bare, x)
			}
		}
	}
}

// fontInfo reads a font's encoding width and ToUnicode map, once per
// font object.
func (c *checker) fontInfo(cache map[pdfread.Object]*fontInfo, ref pdfread.Object) *fontInfo {
	if fi, ok := cache[ref]; ok {
		return fi
	}
	d := c.f.Dict(ref)
	fi := &fontInfo{twoByte: d["Subtype"] == pdfread.Name("Type0"), mapped: map[uint32]bool{}}
	cache[ref] = fi
	s := c.f.Stream(d["ToUnicode"])
	if s == nil {
		return fi
	}
	data, err := s.Data()
	if err != nil {
		return fi
	}
	code := func(o pdfread.Object) (uint32, bool) {
		str, ok := o.(pdfread.String)
		if !ok || len(str) == 0 || len(str) > 4 {
			return 0, false
		}
		var v uint32
		for _, b := range []byte(str) {
			v = v<<8 | uint32(b)
		}
		return v, true
	}
	// Text a destination gives: nothing, U+0000, U+FEFF or U+FFFE do
	// not count.
	good := func(o pdfread.Object) bool {
		str, ok := o.(pdfread.String)
		if !ok || len(str) < 2 {
			return false
		}
		u := uint16(str[0])<<8 | uint16(str[1])
		return !(len(str) == 2 && (u == 0 || u == 0xFEFF || u == 0xFFFE))
	}
	pdfread.Content(data, func(op pdfread.Op) bool {
		switch op.Name {
		case "endbfchar":
			for i := 0; i+1 < len(op.Args); i += 2 {
				if k, ok := code(op.Args[i]); ok && good(op.Args[i+1]) {
					fi.mapped[k] = true
				}
			}
		case "endbfrange":
			for i := 0; i+2 < len(op.Args); i += 3 {
				lo, ok1 := code(op.Args[i])
				hi, ok2 := code(op.Args[i+1])
				if !ok1 || !ok2 || hi < lo || hi-lo > 0xffff {
					continue
				}
				if _, isArr := op.Args[i+2].(pdfread.Array); isArr || good(op.Args[i+2]) {
					for k := lo; k <= hi; k++ {
						fi.mapped[k] = true
					}
				}
			}
		}
		return true
	})
	return fi
}

// structScan is what a walk of the structure tree found.
type structScan struct {
	elements   int
	roles      map[string]int
	figNoAlt   []string
	skips      []string
	tablesNoTH int
	tables     int
	notesNoID  int
	notes      int
	document   bool
}

func (c *checker) structure() *structScan {
	if c.tree != nil {
		return c.tree
	}
	t := &structScan{roles: map[string]int{}}
	c.tree = t
	root := c.f.Dict(c.cat["StructTreeRoot"])
	if root == nil {
		return t
	}
	roleMap := c.f.Dict(root["RoleMap"])
	seen := map[pdfread.Ref]bool{}
	lastLevel := 0
	var walk func(o pdfread.Object, depth int) (th bool)
	walk = func(o pdfread.Object, depth int) (th bool) {
		if r, ok := o.(pdfread.Ref); ok {
			if seen[r] {
				return false
			}
			seen[r] = true
		}
		if depth > 200 {
			return false
		}
		switch v := c.f.Resolve(o).(type) {
		case pdfread.Array:
			for _, k := range v {
				th = walk(k, depth+1) || th
			}
			return th
		case pdfread.Dict:
			if v["Type"] == pdfread.Name("MCR") || v["Type"] == pdfread.Name("OBJR") {
				return false
			}
			s, _ := v["S"].(pdfread.Name)
			if s == "" {
				return false
			}
			role := string(s)
			if m, ok := roleMap[s].(pdfread.Name); ok {
				role = string(m)
			}
			t.elements++
			t.roles[role]++
			if depth <= 1 && role == "Document" {
				t.document = true
			}
			switch role {
			case "Figure":
				if pdfread.Text(v["Alt"]) == "" && pdfread.Text(v["ActualText"]) == "" {
					t.figNoAlt = append(t.figNoAlt, fmt.Sprintf("Figure %d", t.roles["Figure"]))
				}
			case "H1", "H2", "H3", "H4", "H5", "H6":
				lvl := int(role[1] - '0')
				if lvl > lastLevel+1 {
					t.skips = append(t.skips, fmt.Sprintf("H%d after H%d", lvl, lastLevel))
				}
				lastLevel = lvl
			case "Note":
				t.notes++
				if pdfread.Text(v["ID"]) == "" {
					t.notesNoID++
				}
			}
			kidsTH := walk(v["K"], depth+1)
			if role == "Table" {
				t.tables++
				if !kidsTH {
					t.tablesNoTH++
				}
				return false
			}
			return kidsTH || role == "TH"
		}
		return false
	}
	walk(root["K"], 0)
	return t
}
