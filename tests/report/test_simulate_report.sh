#!/bin/sh
# test_simulate_report.sh — `ferrosim simulate --html` (src/report/lines.c): three time-course
# figures (viability and alive, eight hallmark species, three fates), the species table's start
# and end values are the TSV's first and last rows, self-contained; a failing run leaves nothing.
. "$SRC/tests/sh_util.sh"
"$FERROSIM" simulate --cell Jurkat --drug RSL3=0.1 --cells 3 --html "$tmp/s.html" > "$tmp/s.tsv" && ok || bad "simulate --html failed"
[ "$(grep -o '<svg' "$tmp/s.html" | wc -l)" -eq 3 ] && ok || bad "three figures"
[ "$(grep -o '<polyline' "$tmp/s.html" | wc -l)" -eq 13 ] && ok || bad "2 + 8 + 3 series"
col=$(head -n 1 "$tmp/s.tsv" | tr '\t' '\n' | grep -nx GSH | cut -d: -f1)
g0=$(awk -F'\t' -v c="$col" 'NR == 2 { printf "%.4g", $c }' "$tmp/s.tsv")
g1=$(awk -F'\t' -v c="$col" 'END { printf "%.4g", $c }' "$tmp/s.tsv")
grep -q "<tr><td>GSH</td><td>$g0</td><td>$g1</td>" "$tmp/s.html" && ok || bad "GSH start $g0 and end $g1 as in the TSV"
grep -q '<title>Jurkat: RSL3 0.1 uM</title>' "$tmp/s.html" && ok || bad "title names the condition"
grep -Eq '(src|href)=' "$tmp/s.html" && bad "refers to an outside resource" || ok
"$FERROSIM" simulate --cell Jurkat --drug NOSUCH=1 --html "$tmp/f.html" --out "$tmp/f.tsv" 2> /dev/null
[ ! -e "$tmp/f.html" ] && [ ! -e "$tmp/f.tsv" ] && ok || bad "a failed simulate left a file"
echo "$passes passed, $fails failed"
[ "$fails" -eq 0 ]
