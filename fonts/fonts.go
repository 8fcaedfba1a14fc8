// Package fonts embeds the default typefaces that pamphlet sets books in,
// so that a build needs no fonts installed on the machine.
//
// The book face is Charis SIL (regular, italic, bold, bold italic), a sturdy
// serif after Bitstream Charter that survives cheap office printers and
// covers Latin, Greek and Cyrillic widely; the monospace face is DejaVu Sans
// Mono. Gentium Plus, Charis's sister face, is the fallback for the
// characters Charis lacks (polytonic Greek, which Emerson quotes, among
// them). For the scripts of India and for Arabic and Urdu the binary
// carries Noto serif faces (Noto Naskh Arabic for Arabic script), regular
// and bold, from Debian's fonts-noto-core: a book in Hindi, Tamil or Urdu
// builds on a machine with no fonts installed. All are under open licences
// whose texts sit beside the fonts (CharisSIL-LICENSE.txt,
// DejaVu-LICENSE.txt, GentiumPlus-LICENSE.txt, Noto-LICENSE.txt) and
// travel with the binary.
package fonts

import "embed"

// FS holds the embedded TrueType files and their licence texts.
//
//go:embed *.ttf *.txt
var FS embed.FS

// The file names of the default faces in FS.
const (
	SerifRegular    = "CharisSIL-Regular.ttf"
	SerifItalic     = "CharisSIL-Italic.ttf"
	SerifBold       = "CharisSIL-Bold.ttf"
	SerifBoldItalic = "CharisSIL-BoldItalic.ttf"
	Mono            = "DejaVuSansMono.ttf"
	Fallback        = "GentiumPlus-Regular.ttf"
)

// Face is a bundled face: its file in FS and the family, style and
// weight a style sheet names it by.
type Face struct {
	File, Family string
	Italic, Bold bool
}

// Roles returns the book's default faces by role, in the order
// builder/font numbers the roles: regular, italic, bold and bold italic
// (Charis SIL), then monospace (DejaVu Sans Mono). It and FallbackFace are
// the one list of default faces the PDF's font set and the EPUB's
// embedded fonts are made from.
func Roles() [5]Face {
	return [5]Face{
		{SerifRegular, "Charis SIL", false, false},
		{SerifItalic, "Charis SIL", true, false},
		{SerifBold, "Charis SIL", false, true},
		{SerifBoldItalic, "Charis SIL", true, true},
		{Mono, "DejaVu Sans Mono", false, false},
	}
}

// FallbackFace is the first fallback, Gentium Plus, for what Charis SIL
// lacks.
func FallbackFace() Face { return Face{Fallback, "Gentium Plus", false, false} }

// Script is a bundled face for one writing system, regular and bold.
type Script struct {
	// Scripts are the ISO 15924 codes the face is bundled for.
	Scripts       []string
	Regular, Bold string
}

// Scripts lists the bundled script faces in the order they are tried
// after the book's own faces and Gentium Plus.
func Scripts() []Script {
	return []Script{
		{[]string{"Deva"}, "NotoSerifDevanagari-Regular.ttf", "NotoSerifDevanagari-Bold.ttf"},
		{[]string{"Beng"}, "NotoSerifBengali-Regular.ttf", "NotoSerifBengali-Bold.ttf"},
		{[]string{"Taml"}, "NotoSerifTamil-Regular.ttf", "NotoSerifTamil-Bold.ttf"},
		{[]string{"Guru"}, "NotoSerifGurmukhi-Regular.ttf", "NotoSerifGurmukhi-Bold.ttf"},
		{[]string{"Gujr"}, "NotoSerifGujarati-Regular.ttf", "NotoSerifGujarati-Bold.ttf"},
		{[]string{"Mlym"}, "NotoSerifMalayalam-Regular.ttf", "NotoSerifMalayalam-Bold.ttf"},
		{[]string{"Knda"}, "NotoSerifKannada-Regular.ttf", "NotoSerifKannada-Bold.ttf"},
		{[]string{"Telu"}, "NotoSerifTelugu-Regular.ttf", "NotoSerifTelugu-Bold.ttf"},
		{[]string{"Arab"}, "NotoNaskhArabic-Regular.ttf", "NotoNaskhArabic-Bold.ttf"},
	}
}
