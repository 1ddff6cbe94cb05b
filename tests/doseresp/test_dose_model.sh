#!/bin/sh
# test_dose_model.sh — `ferrosim dose --cell --drug` (model mode) on a tiny population: a fitted
# curve whose IC50 lies in the tested range and whose points match the fit (R^2 > 0.99), a
# protective agent (ferrostatin-1 rescuing cells from RSL3): direction rising, no IC50, an EC50 in
# the tested range, and unknown names: exit 2 with a suggestion.
set -u
fail=0
err() { echo "FAIL: $*" >&2; fail=1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$FERROSIM" dose --cell Jurkat --drug RSL3 --range 0.001:10:7 --cells 3 --quiet > "$tmp/d.tsv" || err "model dose exit $?"
[ "$(wc -l < "$tmp/d.tsv")" -eq 9 ] || err "header + 8 doses (0 and 7)"
awk -F'\t' 'NR == 2 { exit !($1 == "Jurkat" && $2 == "RSL3" && $3 == 0 && $5 == 1) }' "$tmp/d.tsv" || err "dose 0 has viability 1"
awk -F'\t' 'NR == 2 { exit !($8 == "ok" && $15 > 0.001 && $15 < 10 && $21 > 0.99) }' "$tmp/d.tsv" || err "fit ok, IC50 in range, R2 > 0.99: $(sed -n 2p "$tmp/d.tsv")"
# monotone: viability does not rise with dose (beyond the solver tolerance, rtol 1e-5)
awk -F'\t' 'NR > 2 && $5 > prev + 1e-4 { exit 1 } NR > 1 { prev = $5 }' "$tmp/d.tsv" || err "viability falls with dose"
awk -F'\t' 'NR == 2 { exit !($25 == "falling" && $26 == "NA") }' "$tmp/d.tsv" || err "RSL3: direction falling, no EC50"

# protective: ferrostatin-1 on RSL3-treated cells (columns: 15 ic50, 25 direction, 26-28 ec50 and CI)
"$FERROSIM" dose --cell Jurkat --drug ferrostatin-1 --with RSL3=1uM --cells 3 --quiet > "$tmp/p.tsv" || err "protective dose exit $?"
awk -F'\t' 'NR == 2 { exit !($8 == "ok" && $25 == "rising" && $15 == "NA" && $16 == "NA" && $17 == "NA" &&
  $26 > 0.0006 && $26 < 6 && $27 < $26 && $26 < $28) }' "$tmp/p.tsv" \
  || err "ferrostatin-1 rescue: rising, IC50 NA, EC50 in range: $(sed -n 2p "$tmp/p.tsv")"
awk -F'\t' 'NR > 2 && $5 < prev - 1e-4 { exit 1 } NR > 1 { prev = $5 }' "$tmp/p.tsv" || err "rescue rises with dose"
head -1 "$tmp/p.tsv" | awk -F'\t' '{ exit !($15 == "ic50" && $25 == "direction" && $26 == "ec50" && $28 == "ec50_hi" && $29 == "midpoint_flag" && NF == 29) }' \
  || err "header: ic50 at 15, direction, ec50 and midpoint_flag at the end"

"$FERROSIM" dose --cell Jurkat --drug RSL3 --doses 1nM,10nM,100nM,1uM,10uM --cells 3 --json --quiet > "$tmp/d.json" || err "json exit"
/usr/bin/python3 -c "
import json,sys; d=json.load(open(sys.argv[1]))[0]
assert d['unit']=='uM' and abs(d['points'][1]['dose']-0.001)<1e-12, d['points'][1]
assert d['fit']['direction']=='falling' and d['fit']['ec50'] is None and d['fit']['ic50'] > 0, d['fit']" "$tmp/d.json" \
  || err "units parsed (1nM = 0.001 uM); JSON direction falling, ec50 null"

"$FERROSIM" dose --cell Jurkat --drug erastn --cells 2 2> "$tmp/err"; [ $? -eq 2 ] || err "unknown drug: exit 2"
grep -q "erastin" "$tmp/err" || err "suggests erastin: $(cat "$tmp/err")"
"$FERROSIM" dose --cell Jurkatt --drug RSL3 --cells 2 2>/dev/null; [ $? -eq 2 ] || err "unknown cell: exit 2"
"$FERROSIM" dose --cell Jurkat --drug RSL3 --range 1:0.1:x 2>/dev/null; [ $? -eq 2 ] || err "bad range: exit 2"
"$FERROSIM" dose --cell Jurkat --drug RSL3 --data x.tsv 2>/dev/null; [ $? -eq 2 ] || err "--data with --cell: exit 2"
exit $fail
