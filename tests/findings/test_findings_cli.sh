#!/bin/sh
# test_findings_cli.sh — `ferrosim findings` (built-in model and findings table): the rows of F26
# (one virtual cell per line) agree with the same quantities from `ferrosim simulate` (the live
# progeny of Jurkat with MYB knocked down to 0.1 over the untreated one at 72 h), with and
# without --equilibrate; margins have the sign of the verdict; bad input exits 2.
set -u
: "${FERROSIM:?}" "${SRC:?}"
. "$SRC/tests/sh_util.sh"

# column NAME of the last row of a simulate TSV
col() { awk -F'\t' -v c="$2" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == c) k = i; next } { v = $k } END { print v }' "$1"; }
# the value of the findings row for CELL whose check starts with TEXT
row() { awk -F'\t' -v cell="$2" -v t="$3" '$2 == cell && index($3, t) == 1 { print $4 }' "$1"; }
# |a/b - 1| <= tol
close() { awk -v a="$1" -v b="$2" -v t="$3" 'BEGIN { d = a / b - 1; if (d < 0) d = -d; exit !(d <= t) }'; }

for eq in 0 336; do
  if "$FERROSIM" findings --only F26 --equilibrate $eq --out "$tmp/f$eq.tsv" 2>"$tmp/err"; then ok; else bad "findings --equilibrate $eq: $(cat "$tmp/err")"; fi
  head -1 "$tmp/f$eq.tsv" | grep -q "^finding	cell	check	value	op	threshold	margin	pass$" && ok || bad "header: $(head -1 "$tmp/f$eq.tsv")"
  [ "$(awk 'END { print NR }' "$tmp/f$eq.tsv")" -eq 7 ] && ok || bad "F26: 3 lines x 2 checks expected: $(cat "$tmp/f$eq.tsv")"
  grep -q "findings reproduced (pre-equilibration $eq h)" "$tmp/err" && ok || bad "summary line: $(cat "$tmp/err")"
  "$FERROSIM" simulate --cell Jurkat --time 72 --step 72 --equilibrate $eq >"$tmp/u.tsv" 2>/dev/null &&
    "$FERROSIM" simulate --cell Jurkat --time 72 --step 72 --set MYB=0.1 --equilibrate $eq >"$tmp/k.tsv" 2>/dev/null || bad "simulate"
  want=$(awk -v a="$(col "$tmp/k.tsv" viable)" -v b="$(col "$tmp/u.tsv" viable)" 'BEGIN { print a / b }')
  got=$(row "$tmp/f$eq.tsv" Jurkat "viable[MYB*0.1]")
  close "$got" "$want" 1e-9 && ok || bad "equilibrate $eq: viable ratio $got, simulate gives $want"
  want=$(awk -v a="$(col "$tmp/k.tsv" Fe_labile)" -v b="$(col "$tmp/u.tsv" Fe_labile)" 'BEGIN { print a / b }')
  got=$(row "$tmp/f$eq.tsv" Jurkat "Fe_labile[MYB*0.1]")
  close "$got" "$want" 1e-9 && ok || bad "equilibrate $eq: Fe_labile ratio $got, simulate gives $want"
  # margin = threshold - value for <=, value - threshold for >=; pass = (margin >= 0)
  awk -F'\t' 'NR > 1 { m = ($5 ~ />/) ? $4 - $6 : $6 - $4; d = m - $7; if (d < 0) d = -d; if (d > 1e-5 || ($7 >= 0) != $8) bad = 1 }
    END { exit bad }' "$tmp/f$eq.tsv" && ok || bad "margins or verdicts inconsistent: $(cat "$tmp/f$eq.tsv")"
done
# the settled line differs from the one started at the model's initial state
[ "$(cut -f4 "$tmp/f0.tsv")" != "$(cut -f4 "$tmp/f336.tsv")" ] && ok || bad "--equilibrate changed nothing"
"$FERROSIM" findings --only F26 --json --quiet >"$tmp/f.json" 2>"$tmp/err" && ok || bad "--json: $(cat "$tmp/err")"
/usr/bin/python3 -c "import json,sys; d=json.load(open(sys.argv[1])); assert len(d) == 6 and d[0]['finding'] == 'F26' and 'margin' in d[0]" "$tmp/f.json" && ok ||
  bad "JSON: $(cat "$tmp/f.json")"

expect_fail() {
  msg=$1
  shift
  "$FERROSIM" findings "$@" >"$tmp/out" 2>"$tmp/err"
  st=$?
  [ "$st" -eq 2 ] && grep -qF -- "$msg" "$tmp/err" && [ ! -s "$tmp/out" ] && ok || bad "findings $*: exit $st: $(cat "$tmp/err")"
}
expect_fail "no finding 'F99'" --only F26,F99
expect_fail "--equilibrate '-1'" --equilibrate -1
expect_fail "--equilibrate 'x'" --equilibrate x
expect_fail "nosuch.tsv" --findings "$tmp/nosuch.tsv"
echo "$passes passed, $fails failed"
[ "$fails" -eq 0 ]
