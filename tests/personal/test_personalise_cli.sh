#!/bin/sh
# test_personalise_cli.sh — `ferrosim personalise` on the ALL cohort (data/cohorts/ALL): output
# shape, ratios against R (tests/data/personal/ratios_ALL.tsv), the genes not on HG-U95Av2 listed as missing, lineage -> base line, --json, and bad input
# (exit 2, a message naming the problem, no output file left behind). Few cells and doses.
set -u
: "${FERROSIM:?}" "${SRC:?}"
A=$SRC/data/cohorts/ALL
EXPR=$A/expr_genes.tsv.gz
. "$SRC/tests/sh_util.sh"
FAST="--cells 3 --doses 3 --time 48"

# expect_fail STATUS 'message part' args... : exit status, message, no output file
expect_fail() {
  want=$1 msg=$2
  shift 2
  rm -f "$tmp/bad.tsv"
  "$FERROSIM" personalise "$@" --out "$tmp/bad.tsv" >"$tmp/out" 2>"$tmp/err"
  st=$?
  if [ "$st" -ne "$want" ]; then bad "$* -> exit $st, expected $want ($(cat "$tmp/err"))"; return; fi
  if ! grep -qF -- "$msg" "$tmp/err"; then bad "$*: stderr lacks '$msg': $(cat "$tmp/err")"; return; fi
  if [ -e "$tmp/bad.tsv" ] || [ -s "$tmp/out" ]; then bad "$*: output written on failure"; return; fi
  ok
}

# ---- one T and one B patient ----
if "$FERROSIM" personalise --expr "$EXPR" --samples "$A/samples.tsv" --sample 01003,01005 --agents RSL3 $FAST \
     --out "$tmp/p.tsv" 2>"$tmp/err"; then ok; else bad "personalise failed: $(cat "$tmp/err")"; fi
awk -F'\t' '!/^#/ && NR > 1 && !/^sample/ { n++; if (NF != 14 || $14 !~ /^(in_range|below_range|above_range|wide_ci|NA)$/) bad = 1 } END { exit !(n == 2 && !bad) }' "$tmp/p.tsv" \
  && ok || bad "expected 2 rows of 13 columns: $(cat "$tmp/p.tsv")"
grep -q '^01003	T	Jurkat	RSL3	uM	' "$tmp/p.tsv" && ok || bad "T patient -> Jurkat"
grep -q '^01005	B	NALM-6	RSL3	uM	' "$tmp/p.tsv" && ok || bad "B patient -> NALM-6"
for g in SLC40A1 AIFM2 FBXW7; do
  grep '^# sample 01003: missing' "$tmp/p.tsv" | grep -qw "$g" && ok || bad "$g not listed as missing"
done
grep '^# sample 01003: base Jurkat; ratios:' "$tmp/p.tsv" | grep -q ' GPX4=' && ok || bad "GPX4 ratio listed"

# --base overrides the lineage; --reference all works without an annotation
"$FERROSIM" personalise --expr "$EXPR" --sample 01003 --base MOLT-4 --agents RSL3 $FAST >"$tmp/b.tsv" 2>"$tmp/err" \
  && grep -q '^01003	NA	MOLT-4	RSL3' "$tmp/b.tsv" && ok || bad "--base MOLT-4: $(cat "$tmp/err" "$tmp/b.tsv")"

# JSON parses; its ratios (%.10g) match R's (tests/data/personal/make_ratios.R) to 1e-9 relative
if "$FERROSIM" personalise --expr "$EXPR" --samples "$A/samples.tsv" --sample 01003,01005,01010 --agents RSL3 $FAST \
     --json >"$tmp/p.json" 2>"$tmp/err" &&
   /usr/bin/python3 -c "
import csv, json, sys
d = {p['sample']: p for p in json.load(open(sys.argv[1]))}
assert d['01003']['base'] == 'Jurkat' and d['01005']['base'] == 'NALM-6', d
assert d['01003']['results'][0]['agent'] == 'RSL3'
n = 0
for row in csv.DictReader(open(sys.argv[2]), delimiter='\t'):
    got = d[row['sample']]['ratios'][row['gene']]
    assert abs(got / float(row['ratio']) - 1) < 1e-9, (row, got)
    n += 1
for p in d.values():
    assert len(p['ratios']) == 30 and sorted(p['missing']) == sorted(['SLC40A1', 'AIFM2', 'FBXW7', 'circ_0000745', 'MIR494', 'NOTCH1']), p
assert n == 90, n
" "$tmp/p.json" "$SRC/tests/data/personal/ratios_ALL.tsv"; then ok; else bad "json / R ratios: $(cat "$tmp/err")"; fi

# ---- bad input ----
expect_fail 2 "--sample nosuch: not a sample" --expr "$EXPR" --samples "$A/samples.tsv" --sample 01003,nosuch $FAST
expect_fail 2 "--expr MATRIX and --sample ID are required" --sample 01003
expect_fail 2 "give --samples ANNOT or --base CELL" --expr "$EXPR" --sample 01003 $FAST
expect_fail 2 "--agents" --expr "$EXPR" --base Jurkat --sample 01003 --agents nosuchdrug $FAST
expect_fail 2 "Nowhere" --expr "$EXPR" --base Nowhere --sample 01003 $FAST
expect_fail 2 "--doses '4'" --expr "$EXPR" --base Jurkat --sample 01003 --doses 4
expect_fail 2 "--reference 'median'" --expr "$EXPR" --base Jurkat --sample 01003 --reference median
expect_fail 2 "no column 'subtype'" --expr "$EXPR" --samples "$A/samples.tsv" --lineage-col subtype --sample 01003 $FAST
# a missing input file is bad input: exit 2 (FERRO_ENOTFOUND)
expect_fail 2 "nosuch.tsv" --expr "$tmp/nosuch.tsv" --base Jurkat --sample 01003 $FAST
"$FERROSIM" personalise --help >/dev/null && ok || bad "--help"

echo "personalise CLI: $passes passed, $fails failed"
[ "$fails" -eq 0 ]
