#!/bin/sh
# test_cli_score.sh — `ferrosim score`: output against R/GSVA (tests/data/geneset), bad input.
set -u
fail=0
D="$SRC/tests/data/geneset"
tmp=${TMPDIR:-/tmp}/ferro_score_$$
mkdir -p "$tmp"
trap 'rm -rf "$tmp"' EXIT

# GSVA, sets x samples, equals R to 1e-6 relative (every cell)
"$FERROSIM" score --expr "$D/synth_expr.tsv" --sets "$D/synth_sets.gmt" --method gsva --by-set --threads 2 \
  > "$tmp/gsva.tsv" || { echo "FAIL: exit"; fail=1; }
awk -F'\t' 'NR==FNR { for (j = 2; j <= NF; j++) r[FNR, j] = $j; n = FNR; next }
  FNR == 1 { if ($0 != "set\tS01\tS02\tS03\tS04\tS05\tS06\tS07\tS08\tS09\tS10\tS11\tS12\tS13\tS14\tS15\tS16\tS17\tS18\tS19\tS20") bad = 1; next }
  { for (j = 2; j <= NF; j++) { e = r[FNR, j]; d = $j - e; if (d < 0) d = -d; s = e < 0 ? -e : e; if (d > 1e-6 * (s > 0 ? s : 1)) { print "FAIL: " $1 " col " j; bad = 1 } } }
  END { if (FNR != n) { print "FAIL: rows"; bad = 1 } exit bad }' "$D/synth_gsva.tsv" "$tmp/gsva.tsv" || fail=1

# default output: samples x sets with a sample column
"$FERROSIM" score --expr "$D/synth_expr.tsv" --sets "$D/synth_sets.gmt" > "$tmp/ss.tsv" || fail=1
head -1 "$tmp/ss.tsv" | grep -q "^sample	top_block	mixed" || { echo "FAIL: header $(head -1 "$tmp/ss.tsv")"; fail=1; }
[ "$(wc -l < "$tmp/ss.tsv")" -eq 21 ] || { echo "FAIL: 20 samples + header"; fail=1; }
"$FERROSIM" score --expr "$D/synth_expr.tsv" --sets "$D/synth_sets.gmt" --json | grep -q '"method": "ssgsea"' || { echo "FAIL: json"; fail=1; }

expect2() {
  what=$1; pat=$2; shift 2
  "$FERROSIM" score "$@" > /dev/null 2> "$tmp/err"; rc=$?
  if [ $rc -ne 2 ] || ! grep -q -- "$pat" "$tmp/err"; then echo "FAIL: $what (exit $rc): $(cat "$tmp/err")"; fail=1; fi
}
expect2 "ssgsea with NA" "'G009'" --expr "$D/synth_expr_na.tsv" --sets "$D/synth_sets.gmt"
expect2 "unknown method" "ssgsea, gsva, zscore or meanz" --expr "$D/synth_expr.tsv" --method plage
expect2 "no overlap" "no gene of the gene sets" --expr "$D/synth_expr.tsv" --sets "$SRC/data/genesets/ferrdb_driver.txt"
"$FERROSIM" score --expr "$D/synth_expr.tsv" --sets "$tmp/none.gmt" > /dev/null 2> "$tmp/err"
[ $? -eq 2 ] && grep -q "none.gmt: cannot open" "$tmp/err" || { echo "FAIL: missing file: exit 2 (bad input) with its name"; fail=1; }
[ $fail -eq 0 ] && echo "cli score: ok"
exit $fail
