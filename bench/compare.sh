#!/bin/sh
# compare.sh: pamphlet beside pandoc on the same books, same machine, same
# run. For each book it times, whole process and with its peak memory
# (GNU time's %e and %M):
#   - pamphlet build (PDF and EPUB together),
#   - pandoc → EPUB alone,
#   - pandoc → PDF through xelatex alone (the command line of pdfcheck.sh),
# and prints the ratios the targets of issue 7 are stated in:
#   pdf/ours  (pandoc+xelatex PDF time ÷ our time for both outputs; ≥ 20 wanted)
#   epub/ours (pandoc EPUB time ÷ our time; > 1 wanted)
# Each figure is the fastest of RUNS runs (default 3; xelatex runs once
# unless XRUNS says otherwise, it takes long). With SCALE=N it also builds
# Emerson's essays concatenated N times (copies of the articles under
# other names in a temporary folder) and prints time and memory against
# the single book (targets: ≤ 12× the time, ≤ 5× the memory at N=10).
#
# usage: bench/compare.sh [BOOK.yaml ...]  (default: ./book.yaml and Emerson)
# env:   OUT (default /tmp/pamphlet-compare), RUNS, XRUNS, SCALE, NOPANDOC=1
set -eu
cd "$(dirname "$0")/.."
OUT=${OUT:-/tmp/pamphlet-compare}
RUNS=${RUNS:-3}
XRUNS=${XRUNS:-1}
mkdir -p "$OUT"
go build -o "$OUT/pamphlet" ./cmd/pamphlet
if [ $# -eq 0 ]; then
	set -- book.yaml ../shared/corpus/emerson-essays/book.yaml
fi
echo "load average: $(cat /proc/loadavg)"

# best N CMD...: runs CMD N times, prints "seconds maxrss_kb" of the
# fastest run (memory of that run).
best() {
	n=$1
	shift
	b=""
	i=0
	while [ "$i" -lt "$n" ]; do
		/usr/bin/time -f "%e %M" -o "$OUT/time" "$@" >/dev/null 2>"$OUT/err" || { cat "$OUT/err" >&2; tail -3 "$OUT/time" >&2; return 1; }
		r=$(tail -1 "$OUT/time")
		if [ -z "$b" ] || [ "$(echo "$r $b" | awk '{print ($1 < $3)}')" = 1 ]; then
			b=$r
		fi
		i=$((i + 1))
	done
	echo "$b"
}

# files BOOK: the article paths of a manifest, in order (plain paths or
# file: entries), as pdfcheck.sh reads them.
files() {
	dir=$(dirname "$1")
	awk '/^articles:/{a=1;next} a&&/^[^ \t-]/{a=0} a&&/^[ \t]*-/{sub(/^[ \t]*-[ \t]*(file:[ \t]*)?/,""); gsub(/["\047]/,""); sub(/[ \t]*#.*/,""); print}' "$1" | sed "s|^|$dir/|"
}

printf '%-22s %9s %8s %10s %10s %9s %9s\n' book ours_s ours_MB epub_s xelatex_s pdf/ours epub/ours
for book in "$@"; do
	dir=$(dirname "$book")
	name=$(basename "$dir")
	[ "$name" = . ] && name=sample
	mkdir -p "$OUT/$name"
	set -- $(best "$RUNS" "$OUT/pamphlet" build "$book" --out "$OUT/$name")
	ours=$1 rss=$2
	epub=- pdf=- rp=- re=-
	if [ "${NOPANDOC:-}" != 1 ]; then
		# shellcheck disable=SC2046
		set -- $(best "$RUNS" pandoc -s --file-scope -f markdown --resource-path="$dir" \
			--metadata title="$name" -o "$OUT/$name/pandoc.epub" $(files "$book"))
		epub=$1
		# shellcheck disable=SC2046
		set -- $(best "$XRUNS" pandoc -s --file-scope -f markdown --pdf-engine=xelatex \
			-V documentclass=scrartcl -V classoption=twoside -V fontsize=10.5pt \
			-V papersize=a5 -V geometry:inner=16mm,outer=20mm,top=17mm,bottom=22mm \
			-V mainfont="Charis SIL" -V monofont="DejaVu Sans Mono" \
			--resource-path="$dir" -o "$OUT/$name/pandoc.pdf" $(files "$book"))
		pdf=$1
		rp=$(awk -v a="$pdf" -v b="$ours" 'BEGIN{printf "%.1f", a/b}')
		re=$(awk -v a="$epub" -v b="$ours" 'BEGIN{printf "%.1f", a/b}')
	fi
	printf '%-22s %9s %8s %10s %10s %9s %9s\n' "$name" "$ours" "$((rss / 1024))" "$epub" "$pdf" "$rp" "$re"
done

if [ -n "${SCALE:-}" ]; then
	src=../shared/corpus/emerson-essays
	big="$OUT/scale"
	rm -rf "$big"
	mkdir -p "$big/out1" "$big/outN"
	{
		echo 'title: "Essays"'
		echo 'author: "Ralph Waldo Emerson"'
		echo 'language: "en-US"'
		echo 'articles:'
		k=1
		while [ "$k" -le "$SCALE" ]; do
			for f in $(files "$src/book.yaml"); do
				b=$(basename "$f")
				cp "$f" "$big/c$k-$b"
				echo "  - c$k-$b"
			done
			k=$((k + 1))
		done
	} >"$big/book.yaml"
	cp -r "$src"/*.png "$src"/*.jpg "$src"/images "$big"/ 2>/dev/null || true
	set -- $(best "$RUNS" "$OUT/pamphlet" build "$src/book.yaml" --out "$big/out1")
	t1=$1 m1=$2
	set -- $(best 1 "$OUT/pamphlet" build "$big/book.yaml" --out "$big/outN")
	tn=$1 mn=$2
	printf 'scale ×%s: %ss %sMB against %ss %sMB: time ×%s, memory ×%s\n' "$SCALE" "$tn" "$((mn / 1024))" "$t1" "$((m1 / 1024))" \
		"$(awk -v a="$tn" -v b="$t1" 'BEGIN{printf "%.1f", a/b}')" "$(awk -v a="$mn" -v b="$m1" 'BEGIN{printf "%.1f", a/b}')"
fi
