#!/bin/sh
# test_dose_cli.sh — `ferrosim dose --data`: the fit through the CLI against R's nls
# (tests/data/doseresp/nls_reference.tsv, 1e-5 relative at the 6 printed digits), the status
# column, the midpoint flag on hand-made curves, and bad input: exit 2 with file, line and column.
set -u
D="$SRC/tests/data/doseresp"
fail=0
err() { echo "FAIL: $*" >&2; fail=1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$FERROSIM" dose --data "$D/measured.tsv" --out "$tmp/fit.tsv" || err "dose --data exit $?"
# IC50 and its CI of each drug (columns 14-16) vs nls
for drug in erastin RSL3 sorafenib; do
  got=$(awk -F'\t' -v d="$drug" '$1 == d { print $14, $15, $16; exit }' "$tmp/fit.tsv")
  want=$(awk -F'\t' -v d="$drug" '$1 == d && $2 == "ic50" { print $3, $5, $6 }' "$D/nls_reference.tsv")
  echo "$got $want" | awk '{ for (i = 1; i <= 3; i++) if ((($i - $(i+3)) / $(i+3))^2 > 1e-10) exit 1 }' \
    || err "$drug IC50/CI: got '$got', nls '$want'"
done
grep -q "^erastin	0	3	" "$tmp/fit.tsv" || err "replicates grouped (n = 3 at dose 0)"
# the measured drugs fall: direction falling (column 24), no EC50 (25)
awk -F'\t' 'NR > 1 && !($24 == "falling" && $25 == "NA") { exit 1 }' "$tmp/fit.tsv" || err "direction falling, ec50 NA"
# a rising (protective) measured curve: direction rising, IC50 NA, EC50 ~ 0.05 (noiseless 4PL)
printf 'drug\tdose\tviability\n' > "$tmp/rise.tsv"
for d in 0 0.001 0.003 0.01 0.03 0.1 0.3 1 3; do
  awk -v d="$d" 'BEGIN { v = d == 0 ? 0.3 : 0.9 - 0.6 / (1 + (d / 0.05)^1.2); printf "fer1\t%s\t%.10f\n", d, v }' >> "$tmp/rise.tsv"
done
"$FERROSIM" dose --data "$tmp/rise.tsv" > "$tmp/rise.out" || err "rising data exit $?"
awk -F'\t' 'NR == 2 { e = $25 / 0.05 - 1; exit !($7 == "ok" && $24 == "rising" && $14 == "NA" && e * e < 1e-8) }' "$tmp/rise.out" \
  || err "rising data: direction rising, ic50 NA, ec50 0.05: $(sed -n 2p "$tmp/rise.out")"

# the midpoint flag (column 28) on hand-made curves (make_extrapolated.R): the IC50 is still written,
# flagged when the data do not support it, with a warning naming the tested range
awk -F'\t' 'NR > 1 && $28 != "in_range" { exit 1 }' "$tmp/fit.tsv" || err "measured drugs: midpoint_flag in_range"
head -1 "$tmp/fit.tsv" | awk -F'\t' '{ exit !($28 == "midpoint_flag" && NF == 28) }' || err "header: midpoint_flag last (28)"
"$FERROSIM" dose --data "$D/extrapolated.tsv" > "$tmp/ex.tsv" 2> "$tmp/ex.err" || err "extrapolated data exit $?"
for want in "tail below_range" "late above_range" "dead wide_ci" "cross in_range"; do
  set -- $want
  awk -F'\t' -v d="$1" -v f="$2" '$1 == d { n++; if (!($7 == "ok" && $14 > 0 && $28 == f)) bad = 1 } END { exit bad || n != 10 }' "$tmp/ex.tsv" \
    || err "$1: status ok, IC50 written, midpoint_flag $2: $(grep "^$1	" "$tmp/ex.tsv" | head -1)"
done
grep -q "tail: fitted IC50 0.000803 lies below the lowest tested dose 0.01: extrapolated" "$tmp/ex.err" || err "tail warned: $(cat "$tmp/ex.err")"
grep -q "late: fitted IC50 .* lies above the highest tested dose 100" "$tmp/ex.err" || err "late warned"
grep -q "dead: .*confidence interval of 0 to inf" "$tmp/ex.err" || err "dead warned"
grep -q "cross" "$tmp/ex.err" && err "cross (supported) not warned about"
"$FERROSIM" dose --data "$D/extrapolated.tsv" --quiet --json > "$tmp/ex.json" 2> "$tmp/ex.err" || err "extrapolated json exit"
[ -s "$tmp/ex.err" ] && err "--quiet silences the warnings"
/usr/bin/python3 -c "
import json,sys; d={x['drug']: x['fit'] for x in json.load(open(sys.argv[1]))}
assert [d[k]['midpoint_flag'] for k in ('tail','late','dead','cross')] == ['below_range','above_range','wide_ci','in_range'], d
assert d['tail']['ic50'] < 0.01 and d['late']['ic50'] > 100" "$tmp/ex.json" || err "JSON midpoint_flag"

# flat data: status flat, no IC50
"$FERROSIM" dose --data "$D/flat.tsv" --quiet > "$tmp/flat.tsv" || err "flat data exit $?"
awk -F'\t' 'NR == 2 { exit !($7 == "flat" && $14 == "NA" && $24 == "flat" && $28 == "NA") }' "$tmp/flat.tsv" || err "flat status and direction, no midpoint flag"

# JSON parses
"$FERROSIM" dose --data "$D/measured.tsv" --json > "$tmp/fit.json" || err "json exit"
/usr/bin/python3 -c "import json,sys; d=json.load(open(sys.argv[1])); assert d[0]['fit']['status']=='ok'" "$tmp/fit.json" || err "json"

# bad input: exit 2, message with file, line and column
check_bad() { # file expected-substring
  "$FERROSIM" dose --data "$D/bad/$1" > "$tmp/out" 2> "$tmp/err"
  rc=$?
  [ $rc -eq 2 ] || err "$1: exit $rc, expected 2"
  grep -q "$2" "$tmp/err" || err "$1: message '$(cat "$tmp/err")' lacks '$2'"
  [ -s "$tmp/out" ] && err "$1: output written on error"
}
check_bad non_numeric_dose.tsv "non_numeric_dose.tsv: line 3, column 2: 'abc' is not a number"
check_bad extra_column.tsv "extra_column.tsv: line 3, column 4: 4 columns, expected 3"
check_bad missing_column.tsv "missing_column.tsv: line 3, column 3: 2 columns, expected 3"
check_bad negative_viability.tsv "negative_viability.tsv: line 4, column 3: viability -0.3 is negative"
check_bad empty.tsv "empty.tsv: line 1: the file is empty"
check_bad single_dose.tsv "single dose: dose-response curves cannot be fitted"
# standard input (fuzz_stdin): the empty-file and no-wells messages said "-:" instead of "<stdin>:"
: | "$FERROSIM" dose --data - > "$tmp/out" 2> "$tmp/err"; rc=$?
[ $rc -eq 2 ] && grep -q "^ferrosim dose: <stdin>: line 1: the file is empty" "$tmp/err" || err "empty stdin: exit $rc, $(cat "$tmp/err")"
printf 'drug\tdose\tviability\nerastin\t1\tNA\n' | "$FERROSIM" dose --data - > "$tmp/out" 2> "$tmp/err"; rc=$?
[ $rc -eq 2 ] && grep -q "^ferrosim dose: <stdin>: line 3: no wells after the header (all viabilities are missing)" "$tmp/err" \
  || err "stdin without wells: exit $rc, $(cat "$tmp/err")"
"$FERROSIM" dose --data "$tmp/nonexistent.tsv" 2>/dev/null; [ $? -ne 0 ] || err "missing file accepted"
"$FERROSIM" dose --bogus 2>/dev/null; [ $? -eq 2 ] || err "unknown option: exit 2"
"$FERROSIM" dose --help | grep -q "four-parameter logistic" || err "--help"
exit $fail
