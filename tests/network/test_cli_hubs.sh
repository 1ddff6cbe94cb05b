#!/bin/sh
# test_cli_hubs.sh — `ferrosim hubs`: values against the base-R reference, sorting, bad input.
set -u
fail=0
D="$SRC/tests/data/network"
tmp=${TMPDIR:-/tmp}/ferro_hubs_$$
mkdir -p "$tmp"
trap 'rm -rf "$tmp"' EXIT

"$FERROSIM" hubs --network "$D/synth_string.txt" --min-score 400 --threads 2 > "$tmp/h.tsv" || { echo "FAIL: exit"; fail=1; }
awk -F'\t' 'NR == FNR { if (FNR > 1) { for (k = 2; k <= 5; k++) r[$1, k] = $k; n++ } next }
  FNR == 1 { if ($0 != "node\tdegree\tbetweenness\tcloseness\tmcc") { print "FAIL: header"; bad = 1 } next }
  { m++; if (m > 1 && $5 > prev) { print "FAIL: not sorted by mcc"; bad = 1 } prev = $5
    for (k = 2; k <= 5; k++) { e = r[$1, k]; d = $k - e; if (d < 0) d = -d; if (d > 1e-8 * (e > 1 ? e : 1)) { print "FAIL: " $1 " col " k ": " $k " vs " e; bad = 1 } } }
  END { if (m != n) { print "FAIL: rows " m " vs " n; bad = 1 } exit bad }' "$D/synth_min400.tsv" "$tmp/h.tsv" || fail=1

"$FERROSIM" hubs --genes "$SRC/data/genesets/ferrdb_suppressor.txt" --sort degree --top 2 --quiet > "$tmp/t.tsv" || fail=1
[ "$(wc -l < "$tmp/t.tsv")" -eq 3 ] || { echo "FAIL: --top 2"; fail=1; }

expect2() {
  what=$1; pat=$2; shift 2
  "$FERROSIM" hubs "$@" > /dev/null 2> "$tmp/err"; rc=$?
  if [ $rc -ne 2 ] || ! grep -q -- "$pat" "$tmp/err"; then echo "FAIL: $what (exit $rc): $(cat "$tmp/err")"; fail=1; fi
}
expect2 "no gene in network" "none of the 2 genes" --genes NOPE1,NOPE2
expect2 "bad sort" "mcc, degree" --sort pagerank
printf 'a b 1\nb c x\n' > "$tmp/bad.txt"
expect2 "bad score" "line 2, column 3" --network "$tmp/bad.txt"
[ $fail -eq 0 ] && echo "cli hubs: ok"
exit $fail
