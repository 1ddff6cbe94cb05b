#!/bin/sh
# test_why.sh — the screen's "why" section (src/screen/why.c): sensitivity.tsv holds, for each
# agent with a falling in-range IC50, every gene's elasticity in the ALL line with the smallest
# such IC50 (ic50.tsv), at the dose halving that line's mean cell (v0 = 0.5); RSL3's killing
# depends on GPX4 (protective) and ACSL4 (sensitising); the report has the section; --no-why
# leaves both out.
. "$SRC/tests/sh_util.sh"
"$FERROSIM" screen --cells Jurkat,NALM-6 --agents erastin,RSL3 --combos none --cells-per-well 2 --doses 5 \
  --out "$tmp/s" --quiet > /dev/null && ok || bad "screen failed"
t="$tmp/s/sensitivity.tsv"
head -n 1 "$t" | grep -q '^agent	cell	dose	unit	v0	gene	elasticity$' && ok || bad "header"
ngenes=$("$FERROSIM" list genes | tail -n +2 | wc -l)
nag=$(tail -n +2 "$t" | cut -f1 | sort -u | wc -l)
[ "$(tail -n +2 "$t" | wc -l)" -eq $((ngenes * nag)) ] && ok || bad "one row per gene and explained agent"
# the line: the smallest IC50 inside the tested range among the ALL lines (ic50.tsv columns 6, 16, 17)
for a in erastin RSL3; do
  want=$(awk -F'\t' -v a="$a" '$3 == a && $2 != "normal" && $6 != "NA" && $6 >= $16 && $6 <= $17 { if (!n++ || $6 < m) { m = $6; c = $1 } }
    END { print c }' "$tmp/s/ic50.tsv")
  got=$(awk -F'\t' -v a="$a" '$1 == a { print $2; exit }' "$t")
  [ -n "$want" ] && [ "$want" = "$got" ] && ok || bad "$a: line $got, expected $want"
done
# v0: the mean cell halved (bisection to 2^-16 of the log range)
awk -F'\t' 'NR > 1 { d = $5 - 0.5; if (d < 0) d = -d; if (d > 0.01) bad = 1 } END { exit bad }' "$t" && ok || bad "v0 = 0.5"
awk -F'\t' '$1 == "RSL3" && $6 == "GPX4" { g = $7 } $1 == "RSL3" && $6 == "ACSL4" { c = $7 } END { exit !(g > 0.1 && c < -0.1) }' "$t" &&
  ok || bad "RSL3: GPX4 protective, ACSL4 sensitising"
grep -q '<h2>Why: the genes each agent' "$tmp/s/report.html" && ok || bad "report section"

"$FERROSIM" screen --cells Jurkat --agents RSL3 --combos none --cells-per-well 2 --doses 5 --no-why \
  --out "$tmp/n" --quiet > /dev/null && ok || bad "screen --no-why failed"
[ ! -e "$tmp/n/sensitivity.tsv" ] && ! grep -q '<h2>Why' "$tmp/n/report.html" && ok || bad "--no-why: no table, no section"

echo "$passes passed, $fails failed"
[ "$fails" -eq 0 ]
