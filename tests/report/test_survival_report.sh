#!/bin/sh
# test_survival_report.sh — the HTML reports of `ferrosim km --html` and `signature build|apply
# --html` (Kaplan–Meier figure: src/report/km.c): on the R fixture synth.tsv the curves, number
# at risk, medians and log-rank as survfit/survdiff give them (tests/survival/test_cli.sh), every
# label escaped, no report left when the command fails; the signature reports on the ALL cohort
# carry the numbers of the TSV report.
. "$SRC/tests/sh_util.sh"
D="$SRC/tests/data/survival"

"$FERROSIM" km --data "$D/synth.tsv" --time time --event status --group grp --html "$tmp/km.html" > "$tmp/km.tsv" &&
  ok || bad "km --html failed"
# one figure with three step curves and three bands, self-contained (no external resource)
[ "$(grep -o '<polyline' "$tmp/km.html" | wc -l)" -eq 3 ] && ok || bad "three KM curves"
[ "$(grep -o '<polygon' "$tmp/km.html" | wc -l)" -eq 3 ] && ok || bad "three confidence bands"
grep -Eq '(src|href)=' "$tmp/km.html" && bad "the report refers to an outside resource" || ok
# the numbers are the TSV's: group high n = 81, 60 events, median 10 (7, 18); log-rank p 0.06533
grep -q '<td>high</td><td>81</td><td>60</td><td>10</td><td>7</td><td>18</td>' "$tmp/km.html" && ok || bad "medians table"
grep -q 'chi-squared 5.457 on 2 df, p = 0.06533' "$tmp/km.html" && ok || bad "log-rank sentence"
# number at risk at time 0 is each group's n
grep -q '>81</text>' "$tmp/km.html" && grep -q '>71</text>' "$tmp/km.html" && ok || bad "number at risk at 0"
# the TSV is unchanged by --html
"$FERROSIM" km --data "$D/synth.tsv" --time time --event status --group grp > "$tmp/km0.tsv"
cmp -s "$tmp/km.tsv" "$tmp/km0.tsv" && ok || bad "--html changed the TSV"

# labels are escaped
printf 'id\ttime\tstatus\tgrp\nS1\t5\t1\t<b>x&y</b>\nS2\t8\t0\t<b>x&y</b>\nS3\t3\t1\tB\nS4\t9\t1\tB\n' > "$tmp/esc.tsv"
"$FERROSIM" km --data "$tmp/esc.tsv" --time time --event status --group grp --html "$tmp/esc.html" > /dev/null &&
  ok || bad "km --html on escaped labels failed"
grep -q '<b>' "$tmp/esc.html" && bad "an unescaped label" || ok
grep -q '&lt;b&gt;x&amp;y&lt;/b&gt;' "$tmp/esc.html" && ok || bad "the escaped label"

# a failing command leaves neither the report nor the table
"$FERROSIM" km --data "$tmp/esc.tsv" --time nosuch --event status --group grp --html "$tmp/fail.html" \
  --out "$tmp/fail.tsv" 2> "$tmp/err"; rc=$?
[ "$rc" -eq 2 ] && ok || bad "unknown column: exit $rc, expected 2"
[ ! -e "$tmp/fail.html" ] && [ ! -e "$tmp/fail.tsv" ] && ok || bad "a failed km left an output file"
# a report that cannot be written: no table either
"$FERROSIM" km --data "$D/synth.tsv" --time time --event status --group grp --html "$tmp/nodir/r.html" \
  --out "$tmp/t.tsv" 2> "$tmp/err"; rc=$?
[ "$rc" -ne 0 ] && [ ! -e "$tmp/t.tsv" ] && ok || bad "unwritable report: exit $rc or a table was left"

# signature build / apply on the ALL cohort (B-ALL relapse-free survival), as tests/survival/test_cli.sh
A="$SRC/data/cohorts/ALL"
"$FERROSIM" signature build --expr "$A/expr_genes.tsv.gz" --samples "$A/samples.tsv" --time rfs_days \
  --event rfs_event --where lineage=B --signature "$tmp/sig.tsv" --html "$tmp/build.html" > "$tmp/build.tsv" &&
  ok || bad "signature build --html failed"
grep -q '<td>multivariate Cox</td><td>10 genes, likelihood-ratio p' "$tmp/build.html" && ok || bad "build: workflow table"
[ "$(grep -o '<polyline' "$tmp/build.html" | wc -l)" -eq 2 ] && ok || bad "build: two risk-group curves"
grep -q '>33</text>' "$tmp/build.html" && ok || bad "build: 33 high-risk samples at risk at 0"
grep -q 'optimistic' "$tmp/build.html" && ok || bad "build: the training-set caveat"
c=$(sed -n 's/^# c_index=//p' "$tmp/build.tsv" | awk '{ printf "%.4g", $1 }')
grep -q "<td>C-index of the risk score</td><td>$c</td>" "$tmp/build.html" && ok || bad "build: C-index $c as in the TSV"
"$FERROSIM" signature apply --signature "$tmp/sig.tsv" --expr "$A/expr_genes.tsv.gz" --samples "$A/samples.tsv" \
  --time rfs_days --event rfs_event --where lineage=T --html "$tmp/apply.html" > "$tmp/apply.tsv" &&
  ok || bad "signature apply --html failed"
grep -q '<td>samples (events; dropped for a missing value)</td><td>22 (15; ' "$tmp/apply.html" && ok || bad "apply: 22 samples, 15 events"
# apply fails (unknown column): neither report nor table
"$FERROSIM" signature apply --signature "$tmp/sig.tsv" --expr "$A/expr_genes.tsv.gz" --samples "$A/samples.tsv" \
  --time nosuch --event rfs_event --html "$tmp/af.html" --out "$tmp/af.tsv" 2> /dev/null
[ ! -e "$tmp/af.html" ] && [ ! -e "$tmp/af.tsv" ] && ok || bad "a failed apply left an output file"

echo "$passes passed, $fails failed"
[ "$fails" -eq 0 ]
