#!/bin/sh
# test_cli_de.sh — `ferrosim de`: output against R (tests/data/de fixtures), bad input exit codes
# and messages. Env: $FERROSIM, $SRC.
set -u
fail=0
D="$SRC/tests/data/de"
C="$SRC/tests/data/cohort"
tmp=${TMPDIR:-/tmp}/ferro_de_$$
mkdir -p "$tmp"
trap 'rm -rf "$tmp"' EXIT

# limma two-group on the synthetic data equals R (every row, t, p, adj_p, B; 1e-6 relative)
"$FERROSIM" de --expr "$D/synth_cont.tsv" --samples "$D/synth_samples.tsv" --group group --contrast A,B \
  --threads 2 > "$tmp/out.tsv" || { echo "FAIL: de limma exit"; fail=1; }
awk -F'\t' 'NR==FNR { if ($1 !~ /^#/ && $1 != "id") { t[$1]=$4; p[$1]=$5; q[$1]=$6; b[$1]=$7 } next }
  FNR==1 { if ($0 != "id\tlogFC\tAveExpr\tt\tp\tadj_p\tB") { print "FAIL: header " $0; bad=1 } next }
  function off(o, e) { d = o - e; if (d < 0) d = -d; s = e < 0 ? -e : e; return d > 1e-6 * (s > 1e-300 ? s : 1) }
  { n++; if (off($4, t[$1]) || off($5, p[$1]) || off($6, q[$1]) || off($7, b[$1])) { print "FAIL: " $1; bad=1 } }
  END { if (n != 300) { print "FAIL: rows " n; bad=1 } exit bad }' "$D/synth_cont_limma.tsv" "$tmp/out.tsv" || fail=1

# design matrix: coefficient x of ~ group + x equals R (first rows)
"$FERROSIM" de --expr "$D/synth_ties_na.tsv" --design "$D/synth_design.tsv" --coef x > "$tmp/dx.tsv" 2>/dev/null \
  || { echo "FAIL: de --design exit"; fail=1; }
awk -F'\t' 'NR==FNR { if ($1 !~ /^#/ && $1 != "id") { t[$1]=$4 } next }
  FNR > 1 && t[$1] != "NA" { d = $4 - t[$1]; if (d < 0) d = -d; s = t[$1] < 0 ? -t[$1] : t[$1]; if (d > 1e-6 * s) { print "FAIL: design " $1; bad = 1 } n++ }
  END { if (n < 290) { print "FAIL: design rows " n; bad = 1 } exit bad }' "$D/synth_design_x.tsv" "$tmp/dx.tsv" || fail=1

# limma contrasts, three groups with NAs (R: synth3_contrasts.tsv, make_contrast_fixtures.R): every
# row of every contrast, logFC and t to 1e-6, p and adj_p to 1e-5 relative, the NA pattern exactly
"$FERROSIM" de --expr "$D/synth_ties_na.tsv" --samples "$D/synth3_samples.tsv" --group group3 --contrast A-B \
  --contrast 'C-(A+B)/2' --contrast C-B > "$tmp/c3.tsv" || { echo "FAIL: de --contrast exit"; fail=1; }
awk -F'\t' 'NR==FNR { if ($1 !~ /^#/ && $1 != "contrast") { k = $1 SUBSEP $2; l[k]=$3; t[k]=$5; p[k]=$6; q[k]=$7 } next }
  FNR==1 { if ($0 != "contrast\tid\tlogFC\tAveExpr\tt\tp\tadj_p\tB") { print "FAIL: contrast header " $0; bad=1 } next }
  function off(o, e, tol) { if (o == "NA" || e == "NA") return o != e; d = o - e; if (d < 0) d = -d; s = e < 0 ? -e : e; return d > tol * (s > 1e-300 ? s : 1) }
  { k = $1 SUBSEP $2; n++; if (!(k in t) || off($3, l[k], 1e-6) || off($5, t[k], 1e-6) || off($6, p[k], 1e-5) || off($7, q[k], 1e-5)) { print "FAIL: contrast " $1 " " $2; bad=1 } }
  END { if (n != 900) { print "FAIL: contrast rows " n; bad=1 } exit bad }' "$D/synth3_contrasts.tsv" "$tmp/c3.tsv" || fail=1
"$FERROSIM" de --expr "$D/synth_ties_na.tsv" --design "$D/synth_design.tsv" --contrast groupA-x --json 2>/dev/null \
  | grep -q '^{"method": "limma", "contrasts": \[' || { echo "FAIL: contrast json"; fail=1; }

# every method: the same columns (the statistic is always the column t); Welch's t and Wilcoxon's W
# in it equal R's t.test / wilcox.test statistics (1e-6 relative; W exactly)
for m in welch wilcoxon; do
  "$FERROSIM" de --expr "$D/synth_cont.tsv" --samples "$D/synth_samples.tsv" --group group --contrast A,B \
    --method $m > "$tmp/$m.tsv" || { echo "FAIL: de $m exit"; fail=1; }
  col=3; [ $m = wilcoxon ] && col=2
  awk -F'\t' -v c=$col -v m=$m 'NR==FNR { if ($1 !~ /^#/ && $1 != "id") st[$1]=$c; next }
    FNR==1 { if ($0 != "id\tlogFC\tAveExpr\tt\tp\tadj_p") { print "FAIL: " m " header " $0; bad=1 } next }
    { n++; d = $4 - st[$1]; if (d < 0) d = -d; s = st[$1] < 0 ? -st[$1] : st[$1]; if (d > 1e-6 * (s > 1 ? s : 1)) { print "FAIL: " m " t of " $1 ": " $4 " vs " st[$1]; bad=1 } }
    END { if (n != 300) { print "FAIL: " m " rows " n; bad=1 } exit bad }' "$D/synth_cont_$m.tsv" "$tmp/$m.tsv" || fail=1
done

# --json and --volcano, --genes filter
"$FERROSIM" de --expr "$D/synth_cont.tsv" --samples "$D/synth_samples.tsv" --group group --contrast A,B \
  --method wilcoxon --genes g001,g002 --volcano --json > "$tmp/out.json" || { echo "FAIL: json exit"; fail=1; }
grep -q '"method": "wilcoxon"' "$tmp/out.json" && grep -q '"id": "g002"' "$tmp/out.json" && \
  ! grep -q '"id": "g003"' "$tmp/out.json" || { echo "FAIL: json content"; fail=1; }
/usr/bin/python3 -c "
import json,sys; d=json.load(open(sys.argv[1]))
assert d['statistic']=='Wilcoxon rank-sum W', d['statistic']
assert all(set(g)=={'id','logFC','AveExpr','t','p','adj_p','neg_log10_p','call'} for g in d['genes']), d['genes'][0]" \
  "$tmp/out.json" || { echo "FAIL: json: statistic named, the same keys as t-methods"; fail=1; }

# bad inputs: exit 2 with a message naming the problem
expect2() { # expect2 "what" "pattern" args...
  what=$1; pat=$2; shift 2
  "$FERROSIM" de "$@" > /dev/null 2> "$tmp/err"; rc=$?
  if [ $rc -ne 2 ] || ! grep -q -- "$pat" "$tmp/err"; then echo "FAIL: $what (exit $rc): $(cat "$tmp/err")"; fail=1; fi
}
printf 'sample\tgroup\nS1\tA\nS2\tB\nS3\tA\n' > "$tmp/ann3.tsv"
expect2 "non-numeric cell" "line 3, column 3" --expr "$C/bad_cell.tsv" --samples "$tmp/ann3.tsv" --group group --contrast A,B
expect2 "duplicate sample" "duplicate sample ID 'S1'" --expr "$C/dup_samples.tsv" --samples "$tmp/ann3.tsv" --group group --contrast A,B
expect2 "mismatched IDs" "'S9'" --expr "$C/probes.tsv" --samples "$C/mismatch_samples.tsv" --group group --contrast A,B
expect2 "missing column" "no column 'grp'" --expr "$D/synth_cont.tsv" --samples "$D/synth_samples.tsv" --group grp --contrast A,B
expect2 "bad contrast" "expected A,B" --expr "$D/synth_cont.tsv" --samples "$D/synth_samples.tsv" --group group --contrast A,B,C
# contrast expressions: an unknown group names it and the column; mixing A,B with expressions,
# another method or --coef is a usage error
expect2 "unknown group in a contrast" "the groups of column 'group3' in .*synth3_samples.tsv: contrast 'C-D': 'D' is not a group" \
  --expr "$D/synth_ties_na.tsv" --samples "$D/synth3_samples.tsv" --group group3 --contrast A-B --contrast C-D
expect2 "unknown design column" "'y' is not a group / coefficient (known: intercept, groupA, x)" \
  --expr "$D/synth_ties_na.tsv" --design "$D/synth_design.tsv" --contrast groupA-y
expect2 "A,B among expressions" "compares two groups alone" --expr "$D/synth_ties_na.tsv" --samples "$D/synth3_samples.tsv" \
  --group group3 --contrast A,B --contrast C-B
expect2 "contrasts with welch" "limma only" --expr "$D/synth_ties_na.tsv" --samples "$D/synth3_samples.tsv" \
  --group group3 --contrast C-B --method welch
expect2 "not linear" "not linear" --expr "$D/synth_ties_na.tsv" --samples "$D/synth3_samples.tsv" --group group3 --contrast 'A*B'
expect2 "unknown method" "limma, welch or wilcoxon" --expr "$D/synth_cont.tsv" --samples "$D/synth_samples.tsv" --group group --contrast A,B --method anova
expect2 "missing --expr" "--expr is required" --samples x
# no partial output on failure
"$FERROSIM" de --expr "$C/bad_cell.tsv" --samples "$tmp/ann3.tsv" --group group --contrast A,B --out "$tmp/never.tsv" 2>/dev/null
[ ! -e "$tmp/never.tsv" ] || { echo "FAIL: partial output left"; fail=1; }
"$FERROSIM" de --help | grep -q -- "--contrast" || { echo "FAIL: --help"; fail=1; }
[ $fail -eq 0 ] && echo "cli de: ok"
exit $fail
