// Package fonts embeds the default typefaces that pamphlet sets books in,
// so that a build needs no fonts installed on the machine.
//
// The book face is Charis SIL (regular, italic, bold, bold italic), a sturdy
// serif after Bitstream Charter that survives cheap office printers and
// covers Latin, Greek and Cyrillic widely; the monospace face is DejaVu Sans
// Mono. Gentium Plus, Charis's sister face, is the fallback for the
// characters Charis lacks (polytonic Greek, which Emerson quotes, among
// them). All are under open licences whose texts sit beside the fonts
// (CharisSIL-LICENSE.txt, DejaVu-LICENSE.txt, GentiumPlus-LICENSE.txt)
// and travel with the binary.
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
