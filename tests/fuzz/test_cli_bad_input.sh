#!/bin/sh
# test_cli_bad_input.sh — the CLI's promises on bad input, command by command: exit status 2, a
# message on stderr naming the file and the line (and column where there is one), nothing on
# stdout, and with --out an existing output file left exactly as it was (no partial output, no
# temp file left beside it).
set -u
fail=0
err() { echo "FAIL: $*" >&2; fail=1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1

# expect_bad "EXPECTED MESSAGE" ferrosim-args...   (run in $tmp, with --out out.tsv holding OLD)
expect_bad() {
  want=$1; shift
  printf 'OLD\n' > out.tsv
  "$FERROSIM" "$@" --out out.tsv > stdout 2> stderr
  rc=$?
  [ $rc -eq 2 ] || err "$*: exit $rc, expected 2 ($(cat stderr))"
  grep -qF "$want" stderr || err "$*: message '$(cat stderr)' lacks '$want'"
  [ "$(cat out.tsv)" = OLD ] || err "$*: the existing --out file was changed"
  [ -s stdout ] && err "$*: output on stdout"
  leftover=$(ls | grep -v '^\(out\.tsv\|stdout\|stderr\|.*\.tsv\|.*\.gmt\|.*\.xml\|data\)$')
  [ -z "$leftover" ] || err "$*: left behind: $leftover"
}

printf 'drug\tdose\tviability\nerastin\t0\t1\nerastin\t1\tx\n' > dose.tsv
expect_bad "dose.tsv: line 3, column 3: 'x' is not a number" dose --data dose.tsv

printf 'drug_a\tdose_a\tdrug_b\tdose_b\tviability\nA\t0\tB\t0\t1\nA\t0\tB\t-1\t1\n' > combo.tsv
expect_bad "combo.tsv: line 3, column 4: negative dose -1" combo --data combo.tsv

printf 'id\ttime\tstatus\tx1\nA\t1\t1\t0.5\nB\t2\t0\tzz\n' > surv.tsv
expect_bad "surv.tsv: line 3, column 4: 'zz' is not a number" cox --data surv.tsv --time time --event status --covariates x1
printf 'id\ttime\tstatus\nA\t1\t1\nB\tsoon\t0\n' > km.tsv
expect_bad "km.tsv: line 3, column 2: 'soon' is not a number" km --data km.tsv --time time --event status

printf 'gene\tS1\tS2\nG1\t1\t2\nG2\t1\n' > expr.tsv
printf 'set1\tdesc\tG1\tG2\n' > sets.gmt
expect_bad "expr.tsv: line 3: 2 columns, expected 3" score --expr expr.tsv --sets sets.gmt

printf 'GPX4\tACSL4\t900\nGPX4\tSLC7A11\tabc\n' > net.tsv
expect_bad "net.tsv: line 2, column 3: score 'abc' is not a number" hubs --network net.tsv

printf '<?xml version="1.0"?>\n<sbml xmlns="http://www.sbml.org/sbml/level3/version2/core" level="3" version="2">\n<model id="m"><listOfSpecies><species id="S" compartment="nowhere"/></model></sbml>\n' > bad.xml
expect_bad "bad.xml: line 3, column 77:" export --model bad.xml
expect_bad "bad.xml: line 3, column 77:" simulate --cell Jurkat --model bad.xml --time 1

# kb build: a data folder whose kb/synonyms.tsv names an unknown entity; the old database stays
mkdir -p data/kb
for f in "$SRC"/data/*; do [ "$(basename "$f")" = kb ] || ln -s "$f" data/; done
for f in "$SRC"/data/kb/*; do ln -s "$f" data/kb/; done
rm data/kb/synonyms.tsv
{ head -n 3 "$SRC/data/kb/synonyms.tsv"; printf 'no_such_entity\tsome synonym\n'; } > data/kb/synonyms.tsv
line=$(wc -l < data/kb/synonyms.tsv)
FERROSIM_DATA=$tmp/data expect_bad "synonyms.tsv: line $line, column 1:" kb build

[ $fail -eq 0 ] && echo "cli bad input: all passed"
exit $fail
