#!/bin/sh
# ferrosim export: SBML L3V2 and TSV listing of a file and of the built-in model; bad input.
set -u
fail() { echo "FAIL: $*"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$FERROSIM" export --model "$SRC/tests/data/solver/robertson.xml" --format tsv --out "$tmp/r.tsv" || fail "tsv export"
grep -q "^R2		y2 + y3 -> y1 + y3	cell \* mass_action2(k2, y2, y3)$" "$tmp/r.tsv" || fail "reaction line"
"$FERROSIM" export --model "$SRC/tests/data/solver/robertson.xml" > "$tmp/r.xml" || fail "sbml export"
grep -q 'level="3" version="2"' "$tmp/r.xml" || fail "L3V2 header"
FERROSIM_DATA="$SRC/data" "$FERROSIM" export --model builtin --format sbml --out "$tmp/b.xml" || fail "builtin export"
grep -q '<listOfSpecies>' "$tmp/b.xml" || fail "builtin has species"
"$FERROSIM" export --model "$SRC/tests/data/solver/robertson.xml" --format xls > /dev/null 2>&1
[ $? -eq 2 ] || fail "bad format exits 2"
"$FERROSIM" export --model /nonexistent.xml --out "$tmp/none.xml" 2> "$tmp/err"
[ $? -ne 0 ] || fail "missing model fails"
[ ! -e "$tmp/none.xml" ] || fail "no partial output"
grep -q "cannot open" "$tmp/err" || fail "message says cannot open"
echo "sbml/test_export: ok"
