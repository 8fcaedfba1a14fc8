package cover

import (
	"context"
	"fmt"
	"strings"

	"github.com/pamphlet/pamphlet/builder/cover/ean"
	"github.com/pamphlet/pamphlet/builder/diag"
	"github.com/pamphlet/pamphlet/builder/font"
	"github.com/pamphlet/pamphlet/builder/frame"
	"github.com/pamphlet/pamphlet/builder/style"
	"github.com/pamphlet/pamphlet/builder/units"
)

// The barcode at 100% magnification (ISO/IEC 15420): modules of 0.33 mm
// and bars 22.85 mm high, the guard bars 5 modules longer. Bar width
// reduction is none: the bars are drawn at their nominal width.
var (
	module = units.FromMM(0.33)
	barH   = units.FromMM(22.85)
	boxPad = units.FromMM(1.5)
	// sidePad widens the white box beyond the quiet zones: a scanner
	// that looks for edges (zbar) takes the step from white to a tinted
	// cover just after the add-on's 5-module quiet zone for a bar.
	sidePad  = units.FromMM(3)
	textSize = units.FromPt(9)
	digSize  = units.FromPt(8)
	// safe is how far the barcode's box keeps from the trim, the
	// printers' safety margin and some.
	safe = units.FromMM(12)
)

// back lays out the back cover: the blurb from the top of the text block
// down to the barcode's box, and the barcode in it at the bottom right,
// where the Bookland convention puts it.
func back(ctx context.Context, spec Spec, g Geometry, st *style.Style, fonts *font.Set, pos diag.Pos, diags *diag.List) (*frame.Page, []Box, error) {
	pg := &frame.Page{W: g.TrimW, H: g.TrimH}
	var boxes []Box
	bottom := max(st.Bottom, safe)
	if spec.ISBN != "" {
		items, box, err := Barcode(fonts, spec.ISBN, spec.ISBNText, spec.Price)
		if err != nil {
			return nil, nil, err
		}
		dx, dy := g.TrimW-safe-box.W, g.TrimH-safe-box.H
		for _, it := range items {
			it.X += dx
			it.Y += dy
			pg.Items = append(pg.Items, it)
		}
		box.X, box.Y = dx, dy
		boxes = append(boxes, box)
		bottom = g.TrimH - box.Y + st.Leading
	}
	if spec.Back != nil {
		side := max(st.Outer, safe)
		s := pageStyle(st, g.TrimW, g.TrimH, side, side, max(st.Top, safe+st.Leading), bottom)
		items, over, err := setText(ctx, spec.Back, spec.Lang, s, fonts, pos, diags)
		if err != nil {
			return nil, nil, err
		}
		if over {
			where := "the back cover"
			if spec.ISBN != "" {
				where += " above the barcode"
			}
			return nil, nil, &Problem{"back", fmt.Sprintf("the text is longer than %s holds (%.0f mm of height): shorten it", where, (g.TrimH - s.Top - bottom).MM())}
		}
		pg.Items = append(pg.Items, items...)
	}
	return pg, boxes, nil
}

// Barcode lays out the Bookland barcode of isbn, with the EAN-5 add-on
// of price when it is not "": "ISBN …" above, the bars (vector rules,
// each run of dark modules one rule), the digits below the EAN-13 and
// above the add-on, all within the returned box, whose margins are the
// quiet zones. Items are relative to the box's top-left corner.
func Barcode(fonts *font.Set, isbn ean.ISBN, written string, price ean.Price) ([]frame.Item, Box, error) {
	main, err := ean.EAN13(string(isbn))
	if err != nil {
		return nil, Box{}, err
	}
	var addOn []bool
	if price != "" {
		if addOn, err = ean.EAN5(string(price)); err != nil {
			return nil, Box{}, err
		}
	}
	modules := ean.EAN13QuietLeft + ean.EAN13Modules + ean.EAN13QuietRight
	if addOn != nil {
		modules = ean.EAN13QuietLeft + ean.EAN13Modules + ean.AddOnGap + ean.EAN5Modules + ean.EAN5QuietRight
	}
	asc := fonts.Ascent(font.Regular, textSize)
	x0 := sidePad + module*ean.EAN13QuietLeft
	barsTop := boxPad + asc + units.FromMM(1)
	var items []frame.Item
	text := func(face font.Face, size units.Sp, s string, cx, baseline units.Sp) {
		w := fonts.Width(face, size, s)
		items = append(items, frame.Item{Kind: frame.Text, Face: face, Size: size, Text: s, X: cx - w/2, Y: baseline, W: w})
	}
	if written == "" {
		written = isbn.Hyphenated()
	}
	if digits(written) != 13 {
		written = isbn.Hyphenated()
	}
	text(font.Regular, textSize, "ISBN "+strings.TrimSpace(written), x0+module*ean.EAN13Modules/2, boxPad+asc)
	for _, b := range ean.Bars(main) {
		h := barH
		if ean.GuardBar(b.Start) {
			h += 5 * module
		}
		items = append(items, frame.Item{Kind: frame.Rule, X: x0 + module*units.Sp(b.Start), Y: barsTop, W: module * units.Sp(b.Width), H: h})
	}
	// The digits under the bars: the first in the quiet zone, six under
	// each half, between the guards.
	dasc := fonts.Ascent(font.Mono, digSize)
	base := barsTop + barH + units.FromMM(0.4) + dasc
	s := string(isbn)
	text(font.Mono, digSize, s[:1], x0-module*4, base)
	text(font.Mono, digSize, s[1:7], x0+module*24, base)
	text(font.Mono, digSize, s[7:], x0+module*71, base)
	bottom := base + fonts.Descent(font.Mono, digSize)
	if addOn != nil {
		ax := x0 + module*(ean.EAN13Modules+ean.AddOnGap)
		text(font.Mono, digSize, string(price), ax+module*ean.EAN5Modules/2, barsTop+dasc)
		top := barsTop + dasc + units.FromMM(0.8)
		for _, b := range ean.Bars(addOn) {
			items = append(items, frame.Item{Kind: frame.Rule, X: ax + module*units.Sp(b.Start), Y: top, W: module * units.Sp(b.Width), H: barsTop + barH + 5*module - top})
		}
	}
	return items, Box{W: module*units.Sp(modules) + 2*sidePad, H: bottom + boxPad}, nil
}

func digits(s string) int {
	n := 0
	for _, r := range s {
		if r >= '0' && r <= '9' {
			n++
		}
	}
	return n
}

// spine lays out the spine's text, or returns nil when there is none:
// the spine narrower than MinSpineText (an error when the text was
// asked for) or no room along it.
func spine(ctx context.Context, spec Spec, g Geometry, st *style.Style, fonts *font.Set, pos diag.Pos, diags *diag.List) (*frame.Page, error) {
	if g.Spine < MinSpineText {
		if spec.SpineAsked && g.Spine > 0 {
			return nil, &Problem{"spine", fmt.Sprintf("the spine is %.1f mm wide, too narrow for text (%.0f mm at least): leave cover.spine out, or choose a thicker paper", g.Spine.MM(), MinSpineText.MM())}
		}
		if spec.SpineAsked {
			return nil, &Problem{"spine", "a saddle-stitched book has no spine to print on: leave cover.spine out, or bind it perfect"}
		}
		return nil, nil
	}
	texts := []string{spec.Spine}
	if !spec.SpineAsked {
		t := strings.Join(strings.Fields(spec.Title), " ")
		if a := strings.Join(nonEmpty(spec.Authors), ", "); a != "" {
			texts = []string{t + "  ·  " + a, t}
		} else {
			texts = []string{t}
		}
	}
	length := g.TrimH - 2*units.FromMM(15)
	maxSize := min(g.Spine*45/100, st.FontSize*13/10)
	minSize := units.FromPt(6)
	for _, text := range texts {
		for size := maxSize; size >= minSize; size = size * 9 / 10 {
			items, w, fits := line(ctx, text, spec.Lang, st, fonts, font.Regular, size, length, pos, diags)
			if !fits || w > length || len(items) == 0 {
				continue
			}
			pg := &frame.Page{W: g.TrimH, H: g.Spine}
			// Centred both ways: the baseline below the middle by half
			// the height of the capitals (about 0.7 em).
			baseline := g.Spine/2 + size*35/100
			for _, it := range items {
				it.X += (g.TrimH - w) / 2
				it.Y = baseline
				pg.Items = append(pg.Items, it)
			}
			return pg, nil
		}
	}
	if spec.SpineAsked {
		return nil, &Problem{"spine", fmt.Sprintf("%q is too long for the spine (%.0f mm long) at 6pt or more: shorten it", spec.Spine, length.MM())}
	}
	return nil, nil
}
