#!/bin/sh
# test_combo_cli.sh — `ferrosim combo --data`: scores through the CLI against the hand-worked
# values (tests/data/synergy/hand_worked.py; 1e-4 points at the 6 printed digits), replicates,
# and bad input (exit 2 with file, line, column or the missing dose pair).
set -u
D="$SRC/tests/data/synergy"
fail=0
err() { echo "FAIL: $*" >&2; fail=1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$FERROSIM" combo --data "$D/zip_k3.tsv" --out "$tmp/k3.tsv" || err "combo exit $?"
# cell (1, 2): columns 9-12 = bliss hsa loewe zip
got=$(awk -F'\t' '$1 == "A" && $3 == 1 && $4 == 2 { print $9, $10, $11, $12 }' "$tmp/k3.tsv")
want=$(awk -F'\t' '$1 == "zip_k3" && $2 == 1 && $3 == 2 { v[$4] = $5 } END { print v["bliss"], v["hsa"], v["loewe"], v["zip"] }' "$D/expected.tsv")
echo "$got $want" | awk '{ for (i = 1; i <= 4; i++) if (($i - $(i+4))^2 > 1e-8) exit 1 }' || err "scores at (1,2): got '$got', want '$want'"
grep -q "^# A + B: bliss 5.79" "$tmp/k3.tsv" || err "summary line"

# replicates: the same matrix twice gives the same scores and n = 2
tail -n +2 "$D/small.tsv" | cat "$D/small.tsv" - > "$tmp/rep.tsv"
"$FERROSIM" combo --data "$tmp/rep.tsv" > "$tmp/rep.out" || err "replicates exit"
awk -F'\t' '$3 == 1 && $4 == 1 { exit !($5 == 2 && $9 == 12) }' "$tmp/rep.out" || err "replicates: n = 2, Bliss 12"

"$FERROSIM" combo --data "$D/small.tsv" --json > "$tmp/s.json" || err "json exit"
/usr/bin/python3 -c "import json,sys; d=json.load(open(sys.argv[1])); assert abs(d[0]['summary']['bliss']['mean']-13.5)<1e-9" "$tmp/s.json" || err "json Bliss mean"
/usr/bin/python3 -c "import json,sys; z=json.load(open(sys.argv[1]))[0]['zip_refits']; assert len(z['columns']) == 2 and len(z['rows']) == 2" \
  "$tmp/s.json" || err "json: a ZIP refit status per nonzero dose of each agent"
# a slice with one dose inside a steep fall (steep_slice.R: no finite least-squares slope; R's nls
# stops at Hill ~18 where J'J is singular to working precision): singular, kept as observed
"$FERROSIM" combo --data "$D/steep_matrix.tsv" --json --quiet > "$tmp/st.json" || err "steep matrix exit"
/usr/bin/python3 -c "import json,sys; z=json.load(open(sys.argv[1]))[0]['zip_refits']
assert z['rows'][7] == 'singular' and z['rows'].count('ok') == 8 and z['columns'].count('ok') == 9, z" \
  "$tmp/st.json" || err "steep matrix: the erastin 31.6 row refit singular, the rest ok"

# model mode: the single-agent column of a simulated matrix equals the simulated dose series of
# that agent alone (same cells, same seed, one untreated reference each) to 1e-6 relative
"$FERROSIM" combo --cell Jurkat --drug rapamycin --drug erastin --doses-a 0.001,0.01,0.1 --doses-b 0.1,1,10 \
  --cells 2 --quiet > "$tmp/m.tsv" || err "model combo exit $?"
[ "$(grep -vc '^#' "$tmp/m.tsv")" -eq 17 ] || err "model combo: header + 16 cells"
"$FERROSIM" dose --cell Jurkat --drug rapamycin --doses 0.001,0.01,0.1 --cells 2 --quiet > "$tmp/d.tsv" || err "dose exit"
awk -F'\t' 'NR == FNR { if (FNR > 1) v[$3 + 0] = $5; next }
  /^#/ || $4 == "dose_a" { next } $5 == 0 { d = $7 / v[$4 + 0] - 1; if (d < 0) d = -d; if (d > 1e-6) bad = 1; n++ }
  END { exit bad || n != 4 }' "$tmp/d.tsv" "$tmp/m.tsv" || err "matrix column B = 0 equals the dose series of A"

check_bad() {
  "$FERROSIM" combo --data "$D/bad/$1" > "$tmp/out" 2> "$tmp/err"
  rc=$?
  [ $rc -eq 2 ] || err "$1: exit $rc, expected 2"
  grep -q "$2" "$tmp/err" || err "$1: message '$(cat "$tmp/err")' lacks '$2'"
  [ -s "$tmp/out" ] && err "$1: output written on error"
}
check_bad non_numeric_dose.tsv "non_numeric_dose.tsv: line 5, column 4: 'x' is not a number"
check_bad incomplete.tsv "no well with dose_a = 1 and dose_b = 1"
check_bad single_dose.tsv "no wells with dose 0 of agent A"
exit $fail
