// Package layouts embeds pamphlet's built-in layouts: page presets for the
// PDF (a5.yaml and its siblings), the EPUB style sheet, the words the
// outputs print in each language (lang/*.yaml) and the hyphenation
// patterns (hyphenation/hyph-*.pat.txt, each with its licence beside it).
package layouts

import "embed"

// FS holds the embedded layout files.
//
//go:embed *.yaml *.css lang/*.yaml hyphenation/*.txt
var FS embed.FS
