#!/bin/sh
# pdfcheck.sh: typesetting quality of pamphlet's PDF beside pandoc → xelatex
# on the same text, page size, font, font size and measure (layouts/a5.yaml:
# A5, inner 16mm, outer 20mm, top 17mm, bottom 22mm, Charis SIL 10.5pt on
# 13.5pt). For each book it builds both PDFs into $OUT and runs
# ../shared/tools/pdfcheck.py on ours with xelatex's as the reference, and
# on xelatex's alone, so the two rows can be compared; and
# ../shared/tools/shortpages.py on both (body pages ending short of the
# block's foot; issue 13's target is at most max(xelatex's count, 2% of the
# body pages)). Where pandoc or xelatex is missing, ours is checked alone
# and the script says so.
#
# usage: bench/pdfcheck.sh [BOOK.yaml ...]   (default: the corpus and ./book.yaml)
# env:   OUT (default /tmp/pamphlet-pdfcheck), NOREF=1 reuses existing references.
set -eu
cd "$(dirname "$0")/.."
OUT=${OUT:-/tmp/pamphlet-pdfcheck}
CHECK=../shared/tools/pdfcheck.py
SHORT=../shared/tools/shortpages.py
PY=python3
[ -x /usr/bin/python3 ] && PY=/usr/bin/python3
haveref=1
if ! command -v pandoc >/dev/null 2>&1 || ! command -v xelatex >/dev/null 2>&1; then
	echo "pdfcheck.sh: pandoc or xelatex not installed: checking ours without the reference" >&2
	haveref=0
fi
mkdir -p "$OUT"
go build -o "$OUT/pamphlet" ./cmd/pamphlet
if [ $# -eq 0 ]; then
	set -- ../shared/corpus/common-sense/book.yaml ../shared/corpus/communist-manifesto/book.yaml \
		../shared/corpus/malatesta-essays/book.yaml ../shared/corpus/kropotkin-mutual-aid/book.yaml \
		../shared/corpus/emerson-essays/book.yaml book.yaml
fi
for book in "$@"; do
	dir=$(dirname "$book")
	name=$(basename "$dir")
	[ "$name" = . ] && name=sample
	mkdir -p "$OUT/$name"
	"$OUT/pamphlet" build "$book" --out "$OUT/$name" 2>"$OUT/$name/build.log" || { cat "$OUT/$name/build.log"; exit 1; }
	ours=$(ls "$OUT/$name"/*.pdf | grep -v '/ref.pdf$' | head -1)
	ref="$OUT/$name/ref.pdf"
	if [ "$haveref" = 1 ] && { [ "${NOREF:-}" != 1 ] || [ ! -f "$ref" ]; }; then
		# The articles in manifest order (the `articles:` list, plain paths
		# or `file:` entries), each file its own footnote scope.
		files=$(awk '/^articles:/{a=1;next} a&&/^[^ \t-]/{a=0} a&&/^[ \t]*-/{sub(/^[ \t]*-[ \t]*(file:[ \t]*)?/,""); gsub(/["\047]/,""); sub(/[ \t]*#.*/,""); print}' "$book" | sed "s|^|$dir/|")
		# shellcheck disable=SC2086
		pandoc -s --file-scope -f markdown --pdf-engine=xelatex \
			-V documentclass=scrartcl -V classoption=twoside -V fontsize=10.5pt \
			-V papersize=a5 -V geometry:inner=16mm,outer=20mm,top=17mm,bottom=22mm \
			-V mainfont="Charis SIL" -V monofont="DejaVu Sans Mono" \
			--resource-path="$dir" -o "$ref" $files 2>"$OUT/$name/ref.log" || { tail "$OUT/$name/ref.log"; exit 1; }
	fi
	echo "== $name: ours ($ours)"
	if [ -f "$ref" ]; then
		$PY "$CHECK" "$ours" --book "$book" --label ours --ref "$ref" || true
	else
		$PY "$CHECK" "$ours" --book "$book" --label ours || true
	fi
	echo "ours: $($PY "$SHORT" "$ours")"
	if [ -f "$ref" ]; then
		echo "== $name: xelatex ($ref)"
		$PY "$CHECK" "$ref" --book "$book" --label xelatex || true
		echo "xelatex: $($PY "$SHORT" "$ref")"
	fi
done
