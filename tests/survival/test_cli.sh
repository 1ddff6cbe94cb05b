#!/bin/sh
# test_cli.sh — `ferrosim cox`, `km`, `lasso-cox` on the R fixtures (tests/data/survival/) and bad
# input: exit status 2 with file/line/column messages, nothing written on failure.
set -eu
D="$SRC/tests/data/survival"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

# cox: coefficients equal R's (ref_cox_strata_coef.tsv) to 1e-6 relative, stdin input
"$FERROSIM" cox --data - --time time --event status --covariates x1,x2,x3 --strata g < "$D/synth.tsv" > "$T/cox.tsv"
grep -q '^# n=229 events=158 dropped=11' "$T/cox.tsv" || fail "cox fit line"
grep -v '^#' "$T/cox.tsv" > "$T/cox_body.tsv"
awk -F'\t' 'NR == FNR { if (FNR > 1) for (j = 2; j <= NF; j++) ref[FNR, j] = $j; next }
  FNR > 1 { for (j = 2; j <= NF; j++) { d = $j - ref[FNR, j]; if (d < 0) d = -d; s = ref[FNR, j]; if (s < 0) s = -s;
            if (d > 1e-6 * s) { print "mismatch row " FNR " col " j ": " $j " vs " ref[FNR, j]; bad = 1 } } }
  END { exit bad }' "$D/ref_cox_strata_coef.tsv" "$T/cox_body.tsv" || fail "cox coefficients differ from R"
"$FERROSIM" cox --data "$D/synth.tsv" --time time --event status --covariates x1 --json | grep -q '"coefficients": \[{"term": "x1"' || fail "cox json"

# cox --cluster / --robust: every column equal to R's summary(coxph(... + cluster(inst))) to 1e-6
# relative (ref_robust_*_coef.tsv, make_robust_fixtures.R), the robust score test line
for c in "lung_cluster:--cluster inst" "lung_breslow:--cluster inst --ties breslow" "lung_efron:--robust"; do
  "$FERROSIM" cox --data "$D/lung.tsv" --time time --event status --covariates age,sex,ph.ecog ${c#*:} > "$T/rob.tsv"
  grep -v '^#' "$T/rob.tsv" > "$T/rob_body.tsv"
  head -1 "$T/rob_body.tsv" | grep -q '	se	robust_se	z	p$' || fail "robust header"
  awk -F'\t' 'NR == FNR { if (FNR > 1) for (j = 2; j <= NF; j++) ref[FNR, j] = $j; next }
    FNR > 1 { for (j = 2; j <= NF; j++) { d = $j - ref[FNR, j]; if (d < 0) d = -d; s = ref[FNR, j]; if (s < 0) s = -s;
              if (d > 1e-6 * s) { print "mismatch row " FNR " col " j ": " $j " vs " ref[FNR, j]; bad = 1 } } }
    END { exit bad }' "$D/ref_robust_${c%%:*}_coef.tsv" "$T/rob_body.tsv" || fail "cox ${c#*:} differs from R"
done
"$FERROSIM" cox --data "$D/lung.tsv" --time time --event status --covariates age,sex,ph.ecog --cluster inst > "$T/rob.tsv"
grep -q '^# robust_score_test chisq=7.268625221402[0-9]* df=3 p=0.06381118860' "$T/rob.tsv" || fail "robust score test"
grep -q '^# robust variance clusters=18 ' "$T/rob.tsv" || fail "cluster count"
"$FERROSIM" cox --data "$D/lung.tsv" --time time --event status --covariates age --cluster inst --json \
  | grep -q '"robust": true, "clusters": 18.*"robust_score": {"chisq": .*"robust_se": ' || fail "robust json"

# km: medians and the log-rank line
"$FERROSIM" km --data "$D/synth.tsv" --time time --event status --group grp > "$T/km.tsv"
grep -q '^# median group=high n=81 events=60 median=10 lower=7 upper=18$' "$T/km.tsv" || fail "km median"
grep -q '^# logrank chisq=5.4566097100306' "$T/km.tsv" || fail "km log-rank"
test "$(grep -vc '^#' "$T/km.tsv")" -eq 105 || fail "km rows"

# lasso-cox: the path and cv.glmnet's lambda.min / lambda.1se with R's fold ids
COV=$(head -1 "$D/lasso.tsv" | tr '\t' '\n' | grep '^v' | paste -sd, -)
"$FERROSIM" lasso-cox --data "$D/lasso.tsv" --time time --event status --covariates "$COV" --foldid fold --threads 2 > "$T/lc.tsv"
grep -q '^# n=148 events=102 dropped=2 ' "$T/lc.tsv" || fail "lasso-cox fit line"
grep -q '^# cv nfolds=5 type_measure=deviance lambda_min=0.06748681122156' "$T/lc.tsv" || fail "lambda.min"
grep -q ' lambda_1se=0.1559032868452' "$T/lc.tsv" || fail "lambda.1se"
test "$(grep -vc '^#' "$T/lc.tsv")" -eq 58 || fail "lasso-cox rows"
head -1 "$D/ref_glmnet_user.tsv" > /dev/null
"$FERROSIM" lasso-cox --data "$D/lasso.tsv" --time time --event status --covariates "$COV" --lambda 0.02,0.2,0.1,0.05 > "$T/lu.tsv"
awk -F'\t' 'NR == FNR { if (FNR > 1) for (j = 1; j <= NF; j++) ref[FNR, j] = $j; next }
  /^#/ { next } { r++ } r > 1 { for (j = 1; j <= NF - 0; j++) { d = $j - ref[r, j]; if (d < 0) d = -d; s = ref[r, j]; if (s < 0) s = -s;
            if (d > 1e-5 * s + 1e-9) { print "mismatch row " r " col " j ": " $j " vs " ref[r, j]; bad = 1 } } }
  END { exit bad }' "$D/ref_glmnet_user.tsv" "$T/lu.tsv" || fail "lasso-cox user lambdas differ from R"
set +e
"$FERROSIM" lasso-cox --data "$D/lasso.tsv" --time time --event status --covariates v01 --nfolds 2 2> /dev/null; rc=$?
set -e
test $rc -eq 2 || fail "--nfolds 2 accepted"

# genes from an expression matrix, B-ALL only (the ALL cohort; R: ref_all_cox_uni.tsv)
A="$SRC/data/cohorts/ALL"
"$FERROSIM" cox --data "$A/samples.tsv" --expr "$A/expr_genes.tsv.gz" --where lineage=B --time rfs_days \
  --event rfs_event --covariates CARS1 > "$T/all.tsv"
grep -q '^CARS1	0.85079513094' "$T/all.tsv" || fail "ALL B-ALL CARS1 coefficient"
grep -q '^# n=66 events=49 dropped=29 ' "$T/all.tsv" || fail "ALL counts"
"$FERROSIM" cox --data "$A/samples.tsv" --expr "$A/expr_genes.tsv.gz" --where lineage=B --time rfs_days \
  --event rfs_event --covariates ALOX15,ATP5MC3,CARS1,CDKN1A,LPCAT3,SAT1,SLC1A5,TFRC --loo \
  | grep -q ' loo_concordance=0.58894472361809' || fail "cox --loo"
"$FERROSIM" km --data "$A/samples.tsv" --expr "$A/expr_genes.tsv.gz" --where lineage=B --time rfs_days \
  --event rfs_event --split CARS1 | grep -q '^# logrank chisq=1.16842893110' || fail "km --split CARS1"
set +e
"$FERROSIM" cox --data "$A/samples.tsv" --expr "$A/expr_genes.tsv.gz" --time rfs_days --event rfs_event \
  --covariates SLC40A1 2> "$T/err"; rc=$?
set -e
test $rc -eq 2 && grep -q "'SLC40A1' is neither a column" "$T/err" || fail "gene not on the array"

# signature build / apply (ALL cohort, B-ALL relapse-free survival; numbers in test_signature.c)
"$FERROSIM" signature build --expr "$A/expr_genes.tsv.gz" --samples "$A/samples.tsv" --time rfs_days \
  --event rfs_event --where lineage=B --signature "$T/sig.tsv" > "$T/build.tsv"
grep -q '^# step multivariate_cox genes=10 n=66 events=49' "$T/build.tsv" || fail "signature build report"
head -1 "$T/sig.tsv" | grep -q '^# ferrosim signature 1$' || fail "signature file"
"$FERROSIM" signature apply --signature "$T/sig.tsv" --expr "$A/expr_genes.tsv.gz" --samples "$A/samples.tsv" \
  --time rfs_days --event rfs_event --where lineage=T > "$T/apply.tsv"
grep -q '^# evaluation n=22 events=15 ' "$T/apply.tsv" || fail "signature apply"
test "$(grep -vc '^#' "$T/apply.tsv")" -eq 23 || fail "apply rows"
# T vs B DE genes: none passes the screen -> the report says so, exit 1, no signature file
set +e
"$FERROSIM" signature build --expr "$A/expr_genes.tsv.gz" --samples "$A/samples.tsv" --time rfs_days \
  --event rfs_event --where lineage=B --de-group lineage --contrast T,B --signature "$T/none.tsv" > "$T/stop.tsv" 2> /dev/null
rc=$?
set -e
test $rc -eq 1 || fail "stopped build exit $rc"
grep -q '^# stopped: none of the 14 candidate genes' "$T/stop.tsv" || fail "stopped report"
test ! -e "$T/none.tsv" || fail "signature written for a stopped build"

# bad input: exit 2, message with file, line and column; no output file left behind
set +e
"$FERROSIM" cox --data "$D/bad_value.tsv" --time time --event status --covariates x1 --out "$T/o.tsv" 2> "$T/err"
rc=$?
set -e
test $rc -eq 2 || fail "bad value exit $rc"
grep -q 'line 4, column 4' "$T/err" || fail "bad value message"
test ! -e "$T/o.tsv" || fail "partial output"
set +e
"$FERROSIM" km --data "$D/dup_id.tsv" --time time --event status 2> "$T/err"; rc=$?
"$FERROSIM" cox --data "$D/synth.tsv" --time time --event status 2> /dev/null; rc2=$?
"$FERROSIM" cox --data "$D/synth.tsv" --time time --event status --covariates x1 --ties exact 2> /dev/null; rc3=$?
set -e
test $rc -eq 2 && grep -q "duplicate sample ID 'A2'" "$T/err" || fail "duplicate id"
test $rc2 -eq 2 || fail "missing --covariates"
test $rc3 -eq 2 || fail "bad --ties"
# --cluster: a missing value (synth.tsv's grp has NAs) or an unknown column: exit 2 naming them
set +e
"$FERROSIM" cox --data "$D/synth.tsv" --time time --event status --covariates x1 --cluster grp 2> "$T/err"; rc=$?
"$FERROSIM" cox --data "$D/synth.tsv" --time time --event status --covariates x1 --cluster nope 2> "$T/err2"; rc2=$?
set -e
test $rc -eq 2 && grep -q "line 116, column 8: missing cluster id in column 'grp'" "$T/err" || fail "NA cluster id"
test $rc2 -eq 2 && grep -q "no column 'nope' (cluster)" "$T/err2" || fail "unknown cluster column"
echo "survival/cli: ok"
