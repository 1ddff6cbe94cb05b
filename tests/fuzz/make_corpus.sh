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
# combos: the screen's --combos file, on the test world (tests/data/population)
mkdir -p "$C/combos"
printf 'cell\tagent_a\tagent_b\nFIXT-T\terastin\tRSL3\nRS4;11\tRSL3\tkd:GPX4\n' >"$C/combos/ok"
printf '# comment\nagent_b\tcell\tagent_a\textra\nkd:SLC7A11\tFixture T\tFer-1\tx\n' >"$C/combos/reordered"
printf 'cell\tagent_a\tagent_b\nFIXT-T\tnosuchdrug\tRSL3\n' >"$C/combos/unknown"
printf 'cell\tagent_a\nFIXT-T\terastin\n' >"$C/combos/no_column"

# options: an argument vector, one argument a line (first byte: 0 pharmacology, 1 survival, 2 values)
mkdir -p "$C/options"
printf '\000--cell\nFIXT-T\n--drug\nerastin\n--doses\n0,1,10nM,2uM,5\n--set\nGPX4=0.2\n--with\nFer-1=1uM\n--time\n24\n--cells\n10\n--threads\n2' >"$C/options/dose_list"
printf '\000--cell=RS4;11\n--drug=RSL3\n--range\n0.01:100:9\n--rtol\n1e-6\n--atol=1e-10\n--equilibrate\n0\n--seed\n7\n--json' >"$C/options/dose_range"
printf '\000--cell\nFIXT-T\n--range\n1nM:1mM:3\n--doses\n1\n--set\nxCT=5' >"$C/options/both"
printf '\001--data\nx.tsv\n--time\ntime\n--event\nstatus\n--covariates\nx1,x2,GPX4\n--lambda\n0.1,0.01\n--alpha\n0.5\n--nfolds\n5\n--conf-level=0.9\n--strata\ng' >"$C/options/surv"
printf '\0025\n200 nM\n10ug/mL\n0.5 U/mL\nerastin=5uM\nGPX4=0.2\nmean\nmaxvar\n1e-3\n-0\n42' >"$C/options/values"

# hubs: edge lists (first byte: bits 0-1 minimum score, bits 2-3 the --genes argument)
seed hubs curated 000 tests/data/network/curated_ferrdb.tsv 60
seed hubs string_min400 006 tests/data/network/synth_string.txt
seed hubs genes_file 004 tests/data/network/curated_ferrdb.tsv 40
seed hubs first_nodes 014 tests/data/network/curated_ferrdb.tsv 40
printf '\010GPX4\tACSL4\t900\nGPX4\tSLC7A11\t800\nACSL4\tSLC7A11\t700\nTFRC\tGPX4\t950\nGPX4,ACSL4,SLC7A11,MISSING' >"$C/hubs/genes_list"
printf '\000a b 1\na c 1\na d 1\nb c 1\nb d 1\nc d 1\nd e 1\ne f 1\nf d 1\n' >"$C/hubs/cliques"

# signature: 0 a signature file, 1 a sample annotation (2: with --where lineage=T), 2 an expression matrix
mkdir -p "$C/signature"
printf '\000# ferrosim signature 1\n# cutoff=0.5\ngene\tcoef\nGPX4\t-0.5\nACSL4\t0.25\n' >"$C/signature/sig"
printf '\000# ferrosim signature 1\n# risk = sum of coef * expression\n# cutoff=-1e300\ngene\tcoef\nGPX4\t1e300\nTFRC\t-1e300\nNOPE\t1\n' >"$C/signature/extreme"
printf '\001id\ttime\tevent\tlineage\nP1\t100\t1\tT\nP2\t250\t0\tB\nP3\t80\t1\tT\nP4\t400\t0\tB\nP5\t120\tNA\tT\nP7\t60\t1\tT\n' >"$C/signature/samples"
printf '\003id\ttime\tevent\tlineage\nP1\t100\t1\tT\nP3\t80\t0\tT\nP5\t120\t1\tT\nP7\t60\t1\tT\nP9\t200\t1\tT\n' >"$C/signature/samples_where"
printf '\002gene\tP1\tP2\tP3\tP4\tP5\tP6\nGPX4\t5\t6\t4\t7\t5\t6\nACSL4\t8\t7\tNA\t6\t8\t7\nTFRC\t3\t2\t4\t3\t2\t3\n' >"$C/signature/expr"

# stdin: the readers with '-' (first byte picks the reader, as fuzz_stdin.c)
seed stdin table 000 tests/data/io/quoted.csv
seed stdin matrix 001 tests/data/cohort/probes.tsv
seed stdin samples 002 tests/data/de/synth_samples.tsv 12
seed stdin network 003 tests/data/network/synth_string.txt
seed stdin genesets 004 tests/data/geneset/synth_sets.gmt
printf '\005# ferrosim signature 1\n# cutoff=0.5\ngene\tcoef\nGPX4\t-0.5\n' >"$C/stdin/signature"
seed stdin survival 006 tests/data/survival/synth.tsv 20
seed stdin plate 007 tests/data/doseresp/measured.tsv
printf '\010cell\tagent_a\tagent_b\nFIXT-T\terastin\tRSL3\n' >"$C/stdin/combos"
{ printf '\001'; gzip -cn tests/data/cohort/probes.tsv; } >"$C/stdin/matrix_gzip"
echo "corpus: $(find "$C" -type f | wc -l) files in $(ls "$C" | wc -l) targets" >&2
