#!/bin/sh
# test_dose_report.sh — `ferrosim dose --html` on measured wells (tests/data/doseresp/measured.tsv)
# and in model mode: one panel per curve, the fitted IC50 in its legend as in the TSV, SD bars for
# replicates, the agent's unit on the model's axis; nothing written when a run fails.
. "$SRC/tests/sh_util.sh"
D="$SRC/tests/data/doseresp"
"$FERROSIM" dose --data "$D/measured.tsv" --html "$tmp/d.html" > "$tmp/d.tsv" && ok || bad "dose --data --html failed"
ndrug=$(tail -n +2 "$tmp/d.tsv" | cut -f1 | sort -u | wc -l)
[ "$(grep -o '<svg' "$tmp/d.html" | wc -l)" -eq "$ndrug" ] && ok || bad "one panel per drug ($ndrug)"
grep -Eq '(src|href)=' "$tmp/d.html" && bad "refers to an outside resource" || ok
"$FERROSIM" dose --cell Jurkat --drug RSL3 --cells 5 --html "$tmp/m.html" > "$tmp/m.tsv" && ok || bad "model --html failed"
ic=$(awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "ic50") c = i; next } { v = $c } END { printf "%.3g", v }' "$tmp/m.tsv")
grep -q ">Jurkat $ic<" "$tmp/m.html" && ok || bad "legend IC50 $ic as in the TSV"
grep -q '>dose (uM)<' "$tmp/m.html" && ok || bad "the agent's unit on the axis"
"$FERROSIM" dose --data "$D/bad/$(ls "$D/bad" | head -n 1)" --html "$tmp/f.html" --out "$tmp/f.tsv" 2> /dev/null
[ ! -e "$tmp/f.html" ] && [ ! -e "$tmp/f.tsv" ] && ok || bad "a failed dose left a file"
echo "$passes passed, $fails failed"
[ "$fails" -eq 0 ]
