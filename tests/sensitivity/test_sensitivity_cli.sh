#!/bin/sh
# test_sensitivity_cli.sh — `ferrosim sensitivity`: the table (sorted by |elasticity|, FerrDb
# agreement line), JSON, thread invariance, and bad input (exit 2, nothing written).
. "$SRC/tests/sh_util.sh"
F="$FERROSIM"

"$F" sensitivity --cell Jurkat --drug RSL3=0.1 --cells 5 --genes GPX4,ACSL4,VDAC3 --quiet > "$tmp/s.tsv" && ok || bad "run failed"
grep -q '^# v0=' "$tmp/s.tsv" && grep -q '^# ferrdb: 2 of 2 ' "$tmp/s.tsv" && ok || bad "comment lines"
head -n 4 "$tmp/s.tsv" | tail -n 1 | grep -q '^target	kind	base	v_down	v_up	elasticity	' && ok || bad "header"
[ "$(grep -vc '^#' "$tmp/s.tsv")" -eq 5 ] && ok || bad "3 genes + 1 agent + header"
# sorted by |elasticity|: VDAC3 (0) last; GPX4 protective, ACSL4 sensitising, RSL3 kills
tail -n 1 "$tmp/s.tsv" | grep -q '^VDAC3	gene	1	.*	0	.*neutral	-$' && ok || bad "VDAC3 last and neutral"
grep -q '^GPX4	gene	.*	protective	suppressor$' "$tmp/s.tsv" && ok || bad "GPX4 protective"
grep -q '^ACSL4	gene	.*	sensitising	driver$' "$tmp/s.tsv" && ok || bad "ACSL4 sensitising"
grep -q '^RSL3	agent	0.1	.*	NA	NA	NA	NA	kills	-$' "$tmp/s.tsv" && ok || bad "RSL3 kills"
awk -F'\t' 'NR > 4 { e = $6 < 0 ? -$6 : $6; if (NR > 5 && e > prev + 1e-12) bad = 1; prev = e } END { exit bad }' "$tmp/s.tsv" &&
  ok || bad "not sorted by |elasticity|"
# the same numbers with 2 threads, and as JSON
"$F" sensitivity --cell Jurkat --drug RSL3=0.1 --cells 5 --genes GPX4,ACSL4,VDAC3 --threads 2 --quiet > "$tmp/s2.tsv"
cmp -s "$tmp/s.tsv" "$tmp/s2.tsv" && ok || bad "thread count changed the result"
"$F" sensitivity --cell Jurkat --drug RSL3=0.1 --cells 5 --genes GPX4,ACSL4,VDAC3 --json --quiet > "$tmp/s.json"
/usr/bin/python3 -c "import json,sys; d=json.load(open(sys.argv[1])); assert len(d['targets']) == 4 and d['ferrdb_agree'] == 2" \
  "$tmp/s.json" && ok || bad "JSON"

# bad input: exit 2 and no output file
expect_usage() {
  what=$1; shift
  "$F" sensitivity "$@" --out "$tmp/bad.tsv" 2> "$tmp/err"; rc=$?
  [ "$rc" -eq 2 ] && [ ! -e "$tmp/bad.tsv" ] && [ -s "$tmp/err" ] && ok || bad "$what: exit $rc (want 2), or output left, or no message"
}
expect_usage "no drug" --cell Jurkat
expect_usage "unknown gene" --cell Jurkat --drug RSL3=0.1 --genes GPX4,NOSUCH
expect_usage "empty gene item" --cell Jurkat --drug RSL3=0.1 --genes GPX4,,ACSL4
expect_usage "step 1" --cell Jurkat --drug RSL3=0.1 --step 1
expect_usage "negative kd" --cell Jurkat --drug RSL3=0.1 --kd -1
expect_usage "unknown agent" --cell Jurkat --drug NOSUCH=1
expect_usage "bad dose" --cell Jurkat --drug RSL3=abc

echo "$passes passed, $fails failed"
[ "$fails" -eq 0 ]
