#!/bin/sh
# test_kb_cli.sh — `ferrosim kb`: build, determinism, queries, exports, and bad sources (each must
# fail with file and line, exit 2, and leave an existing database untouched).
set -u
fail=0
ok() { printf 'ok: %s\n' "$1"; }
bad() { printf 'FAIL: %s\n' "$1" >&2; fail=$((fail + 1)); }
check() { if eval "$2"; then ok "$1"; else bad "$1"; fi; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/ferrosim_kb.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
K="$FERROSIM kb"

# --- build, twice: same bytes; counts printed ---
$K build --out "$tmp/a.sqlite" >"$tmp/counts.tsv" 2>"$tmp/err"; rc=$?
check "build exits 0" "[ $rc -eq 0 ]"
check "build prints counts" "head -1 '$tmp/counts.tsv' | grep -q '^what	count\$' && grep -q '^evidence	' '$tmp/counts.tsv'"
$K build --out "$tmp/b.sqlite" >/dev/null 2>&1
check "two builds are byte-identical" "cmp -s '$tmp/a.sqlite' '$tmp/b.sqlite'"

# --- queries: in memory and from the built file agree ---
$K search FSP1 >"$tmp/s1" 2>&1
$K search FSP1 --db "$tmp/a.sqlite" >"$tmp/s2" 2>&1
check "search finds AIFM2 for FSP1" "grep -q '^gene:AIFM2	gene	AIFM2	synonym	FSP1\$' '$tmp/s1'"
check "search from --db equals in-memory" "cmp -s '$tmp/s1' '$tmp/s2'"
D="--db $tmp/a.sqlite"   # the queries below read the built file (faster than compiling the sources each time)
$K show 'RS4;11' $D >"$tmp/show" 2>&1
check "show RS4;11 gives its Cellosaurus id and fusion" "grep -q 'Cellosaurus	CVCL_0093' '$tmp/show' && grep -q 'fusion:KMT2A-AFF1' '$tmp/show'"
$K evidence $D --agent erastin --effect induces >"$tmp/ev" 2>&1
check "evidence --agent erastin --effect induces" "cut -f1 '$tmp/ev' | tr '\n' ' ' | grep -q '^id E15 E27 E29 \$'"
$K evidence $D --cell NALM-6 --json >"$tmp/ev.json" 2>&1
check "evidence --json is JSON with E12 and E25" "/usr/bin/python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert [r[\"id\"] for r in d]==[\"E12\",\"E25\"]' '$tmp/ev.json'"
$K export $D --format json --out "$tmp/all.json" 2>"$tmp/err"
check "export --format json is JSON with every table" "/usr/bin/python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert len(d[\"table1\"])==11 and len(d[\"evidence\"])>=60' '$tmp/all.json'"
$K export $D --format tsv --table identifiers >"$tmp/ids.tsv" 2>&1
check "export --table identifiers has a row per source row" \
  "[ \$(wc -l <'$tmp/ids.tsv') -eq \$(grep -vc '^#' '$SRC/data/kb/identifiers.tsv') ]"

# --- coverage: a small findings table with known answers (see tests/kb/test_coverage.c) ---
$K coverage --findings "$SRC/tests/data/kb/coverage_findings.tsv" >"$tmp/cov" 2>"$tmp/err"; rc=$?
check "coverage exits 0" "[ $rc -eq 0 ]"
check "coverage header" "head -1 '$tmp/cov' | grep -q '^finding	status	evidence	claim	checks_passed	detail\$'"
check "coverage: F01 reproduced, F02 not, F90 cannot be expressed" \
  "cut -f1,2 '$tmp/cov' | sed -n '2,4p' | tr '\n' ' ' | grep -q '^F01	reproduced F02	not_reproduced F90	cannot_express \$'"
check "coverage summary on stderr" "grep -q '1 findings reproduced, 1 not reproduced, 1 cannot be expressed' '$tmp/err'"
$K coverage --findings /nonexistent.tsv >/dev/null 2>&1; check "coverage with a missing findings file fails" "[ $? -ne 0 ]"

# --- usage errors: exit 2 ---
$K frobnicate >/dev/null 2>&1; check "unknown subcommand exits 2" "[ $? -eq 2 ]"
$K show $D >/dev/null 2>&1; check "show without a name exits 2" "[ $? -eq 2 ]"
$K show $D no-such-thing >/dev/null 2>"$tmp/err"; rc=$?
check "unknown entity exits 2 with suggestions" "[ $rc -eq 2 ] && grep -q 'nearest names' '$tmp/err'"
$K export $D --format xml >/dev/null 2>&1; check "bad --format exits 2" "[ $? -eq 2 ]"
$K evidence $D --effect kills >/dev/null 2>&1; check "bad --effect exits 2" "[ $? -eq 2 ]"

# --- bad sources: each fails with file and line, and the existing database stays as it was ---
fresh() {
    rm -rf "$tmp/data"
    mkdir -p "$tmp/data"
    cp -r "$SRC/data/kb" "$tmp/data/kb"
    cp -r "$SRC/data/genesets" "$tmp/data/genesets"
}
bad_source() { # name, expected message pattern
    cp "$tmp/a.sqlite" "$tmp/keep.sqlite"
    FERROSIM_DATA="$tmp/data" $K build --out "$tmp/keep.sqlite" >/dev/null 2>"$tmp/err"; rc=$?
    check "$1: exit 2" "[ $rc -eq 2 ]"
    check "$1: message names file and line ($2)" "grep -q -- \"$2\" '$tmp/err'"
    check "$1: existing database untouched" "cmp -s '$tmp/a.sqlite' '$tmp/keep.sqlite'"
    check "$1: no temp file left" "[ \$(ls '$tmp' | grep -c 'keep.sqlite.tmp') -eq 0 ]"
}

fresh
n=$(($(wc -l <"$tmp/data/kb/identifiers.tsv") + 1))
printf 'gene:TP53\tNCBIGene\t2879\tverified\tduplicate of GPX4\n' >>"$tmp/data/kb/identifiers.tsv"
bad_source "duplicate identifier" "identifiers.tsv: line $n, column 3: duplicate identifier NCBIGene 2879"

fresh
n=$(($(wc -l <"$tmp/data/kb/synonyms.tsv") + 1))
printf 'gene:GPX4\tGPX-4\textra\n' >>"$tmp/data/kb/synonyms.tsv"
bad_source "malformed row" "synonyms.tsv: line $n"

fresh
n=$(($(wc -l <"$tmp/data/kb/evidence.tsv") + 1))
printf 'E99\t-\tchem:unobtainium\tinduces\t\ttaxon:human\tin_vitro\t-\t-\ta made-up claim\n' >>"$tmp/data/kb/evidence.tsv"
bad_source "unknown entity" "evidence.tsv: line $n, column 3: unknown entity 'chem:unobtainium'"

fresh
n=$(($(wc -l <"$tmp/data/kb/evidence.tsv") + 1))
printf 'E98\t-\tchem:erastin\tinduces\t\tcell:Jurkat,,cell:MOLT-4\tin_vitro\t-\t-\tan empty list item\n' >>"$tmp/data/kb/evidence.tsv"
bad_source "empty list item" "evidence.tsv: line $n, column 6: empty item in the list"

fresh
sed -i 's/^id\ttype\tname\tdescription\tsource$/id\tkind\tname\tdescription\tsource/' "$tmp/data/kb/entities.tsv"
bad_source "bad header" "entities.tsv: line [0-9]*: the header must be"

fresh
cp -r "$SRC/data/model" "$tmp/data/model"
FERROSIM_DATA="$tmp/data" $K build --out "$tmp/good.sqlite" >"$tmp/counts2" 2>"$tmp/err"
check "links to the model's species build, and count as checked" \
  "grep -q '^model_links.checked	[1-9]' '$tmp/counts2'"
n=$(($(wc -l <"$tmp/data/kb/model_links.tsv") + 1))
printf 'gene:SLC7A11\tspecies\tSLC7A11_missing\t\n' >>"$tmp/data/kb/model_links.tsv"
bad_source "link to a missing species" "model_links.tsv: line $n, column 3: the model has no species 'SLC7A11_missing'"

fresh
cp "$SRC/data/cells.tsv" "$tmp/data/cells.tsv"
sed -i 's/^Jurkat\(\t[^\t]*\t[^\t]*\t\)CVCL_0065/Jurkat\1CVCL_9999/' "$tmp/data/cells.tsv"
bad_source "Cellosaurus disagreeing with cells.tsv" "model_links.tsv: line [0-9]*, column 3: Cellosaurus accession of cell:Jurkat is CVCL_0065 in identifiers.tsv but CVCL_9999 in cells.tsv"

if [ $fail -eq 0 ]; then echo "kb/cli: all passed"; else echo "kb/cli: $fail failed"; fi
[ $fail -eq 0 ]
