# make.py writes the small fonts the tests of package find read, with
# fontTools (Debian: python3-fonttools). Run it from this folder with
# /usr/bin/python3 make.py; it needs fonts-ebgaramond installed.
#
#   EBGaramond12-Regular.otf, EBGaramond12-Italic.otf: EB Garamond (SIL
#     OFL 1.1, no reserved font name; licence beside them) cut down to
#     printable ASCII: small real CFF fonts of one family. Their licence,
#     Debian's copyright file, is copied to EBGaramond-LICENSE.txt.
#   colour-emoji.ttf: a one-glyph COLR/CPAL font mapping only U+1F600,
#     made here (public domain), which Open must refuse as a colour font.
import shutil

from fontTools import subset
from fontTools.fontBuilder import FontBuilder
from fontTools.pens.ttGlyphPen import TTGlyphPen

SRC = "/usr/share/fonts/opentype/ebgaramond/"
for name in ["EBGaramond12-Regular.otf", "EBGaramond12-Italic.otf"]:
    opts = subset.Options()
    opts.name_IDs = ["*"]
    opts.name_languages = ["*"]
    opts.layout_features = ["kern", "liga", "onum"]
    opts.notdef_outline = True
    opts.desubroutinize = False
    font = subset.load_font(SRC + name, opts)
    s = subset.Subsetter(opts)
    s.populate(unicodes=range(0x20, 0x7F))
    s.subset(font)
    subset.save_font(font, name, opts)
shutil.copy("/usr/share/doc/fonts-ebgaramond/copyright", "EBGaramond-LICENSE.txt")


def square():
    pen = TTGlyphPen(None)
    pen.moveTo((100, 0))
    pen.lineTo((100, 700))
    pen.lineTo((800, 700))
    pen.lineTo((800, 0))
    pen.closePath()
    return pen.glyph()


fb = FontBuilder(1000, isTTF=True)
fb.setupGlyphOrder([".notdef", "smile", "layer"])
fb.setupCharacterMap({0x1F600: "smile"})
fb.setupGlyf({".notdef": square(), "smile": square(), "layer": square()})
fb.setupHorizontalMetrics({g: (900, 100) for g in [".notdef", "smile", "layer"]})
fb.setupHorizontalHeader(ascent=800, descent=-200)
fb.setupNameTable({"familyName": "Tiny Colour", "styleName": "Regular"})
fb.setupOS2()
fb.setupPost()
fb.setupCOLR({"smile": [("layer", 0)]})
fb.setupCPAL([[(1.0, 0.8, 0.0, 1.0)]])
fb.save("colour-emoji.ttf")
