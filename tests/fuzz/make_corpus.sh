#!/bin/sh
# make_corpus.sh — (re)make the seed corpora tests/fuzz/corpus/<target>/ from the project's real
# files (data/, tests/data/, the SBML Test Suite in ../shared). Harnesses whose first input byte
# selects a variant (reader flags, file kind, which table) get that byte prefixed.
# Usage: tests/fuzz/make_corpus.sh   (from anywhere; overwrites the corpus folders)
set -eu
cd "$(dirname "$0")/../.."
C=tests/fuzz/corpus
SUITE=${SHARED:-../shared}/sbml-test-suite/cases
rm -rf "$C"
mkdir -p "$C"
# seed TARGET NAME SELECTOR FILE [LINES]: the selector byte (octal, '' for none) then FILE (its first LINES lines)
seed() {
    mkdir -p "$C/$1"
    { [ -z "$3" ] || printf "\\$3"; if [ -n "${5:-}" ]; then head -n "$5" "$4"; else cat "$4"; fi; } >"$C/$1/$2"
}
seed tsv bad_number 001 tests/data/io/bad_number.tsv
seed tsv quoted_csv 004 tests/data/io/quoted.csv
seed tsv cells 001 data/cells.tsv 12
seed tsv series_matrix 003 tests/data/cohort/GSE_tiny_series_matrix.txt
{ printf '\001'; gzip -cn tests/data/survival/dup_id.tsv; } >"$C/tsv/gzip"

seed cohort probes 000 tests/data/cohort/probes.tsv
seed cohort series_matrix 002 tests/data/cohort/GSE_tiny_series_matrix.txt
seed cohort probe_map 000 tests/data/cohort/probe_map.tsv
seed cohort dup_samples 000 tests/data/cohort/dup_samples.tsv
seed cohort bad_cell 000 tests/data/cohort/bad_cell.tsv
seed cohort samples 000 tests/data/de/synth_samples.tsv 12

seed survival synth 000 tests/data/survival/synth.tsv 30
seed survival synth_strata 001 tests/data/survival/synth.tsv 30
seed survival synth_groups 002 tests/data/survival/synth.tsv 30
seed survival lasso 003 tests/data/survival/lasso.tsv 12
seed survival bad_value 000 tests/data/survival/bad_value.tsv
seed survival dup_id 000 tests/data/survival/dup_id.tsv
printf '\000# ferrosim signature 1\n# cutoff=0.5\ngene\tcoef\nGPX4\t-0.5\nACSL4\t0.25\n' >"$C/survival/signature"

seed geneset synth_gmt 000 tests/data/geneset/synth_sets.gmt
seed geneset review_gmt 000 data/genesets/review_signatures.gmt
seed geneset driver_list 001 data/genesets/ferrdb_driver.txt 20

seed network synth_all 000 tests/data/network/synth_all.tsv 30
seed network string 004 tests/data/network/synth_string.txt
seed network curated 000 tests/data/network/curated_ferrdb.tsv

seed dose measured '' tests/data/doseresp/measured.tsv
seed dose flat '' tests/data/doseresp/flat.tsv
for f in tests/data/doseresp/bad/*.tsv; do seed dose "bad_$(basename "$f" .tsv)" '' "$f"; done

for f in small bliss_add zip_k3 loewe_emax noisy; do seed combo "$f" '' "tests/data/synergy/$f.tsv"; done

i=0
for f in cells cell_profiles genes agents agent_effects; do
    seed world "$f" "00$i" "tests/data/population/$f.tsv"
    i=$((i + 1))
done

seed findings data '' data/findings.tsv 8
for f in tests/data/findings/*.tsv; do seed findings "$(basename "$f" .tsv)" '' "$f"; done

i=0
for f in entities synonyms identifiers relations cell_lines references evidence table1 model_links sets; do
    seed kb "$f" "$(printf '%03o' $i)" "data/kb/$f.tsv" 40
    i=$((i + 1))
done

for f in tests/data/sbml/*.xml; do seed sbml "$(basename "$f" .xml)" 000 "$f"; done
seed sbml population_model 000 tests/data/population/model/ferroptosis_all.xml
for n in 00001 00026 00170 00953; do
    [ -f "$SUITE/$n/$n-sbml-l3v2.xml" ] && seed sbml "suite_$n" 001 "$SUITE/$n/$n-sbml-l3v2.xml"
done

i=0
for f in '<apply><times/><ci>k</ci><ci>S</ci></apply>' \
         '<piecewise><piece><cn>1</cn><apply><gt/><ci>S</ci><cn>2</cn></apply></piece><otherwise><cn>0</cn></otherwise></piecewise>' \
         '<apply><ci>f</ci><ci>S</ci><apply><minus/><ci>p</ci></apply></apply>' \
         '<apply><plus/><csymbol encoding="text" definitionURL="http://www.sbml.org/sbml/symbols/time">t</csymbol><apply><root/><degree><cn>3</cn></degree><ci>S</ci></apply></apply>' \
         '<apply><csymbol encoding="text" definitionURL="http://www.sbml.org/sbml/symbols/rateOf">rateOf</csymbol><ci>S</ci></apply>' \
         '<apply><divide/><apply><log/><logbase><cn>2</cn></logbase><ci>k</ci></apply><cn type="e-notation">1<sep/>-3</cn></apply>'; do
    printf '\002%s' "$f" >"$C/sbml/math$i"
    i=$((i + 1))
done

mkdir -p "$C/formula"
i=0
for f in 'k * S / (p + S)' 'piecewise(1, S > 2 && time < 5, 0)' 'f(S, k) + exp(-p * time) - log(2, 8)' \
         'pow(S, 2.5) / (pow(k, 2.5) + pow(S, 2.5))' 'max(0, min(S, 1)) * (1 - S) % 3' \
         'root(3, S) + abs(-p) + factorial(3) + ceil(p) + floor(k)' 'rateOf(S) + delay(S, 1)' \
         'sin(S)^2 + cosh(p) - arctanh(0.5) + sec(k) + coth(S) + arcsech(0.3)'; do
    printf '\000%s' "$f" >"$C/formula/f$i"
    i=$((i + 1))
done
echo "corpus: $(find "$C" -type f | wc -l) files in $(ls "$C" | wc -l) targets" >&2
