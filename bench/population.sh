#!/bin/sh
# bench/population.sh — speed of src/population (CVODES engine) against the SciPy peer
# (scripts/model/preview.py) on the same model and tables, side by side in one run.
#   bench/population.sh [BUILD_DIR]        (default build; needs a Release build of libferrosim)
# Env: CELL (MOLT-4), AGENT (erastin), DOSE (5uM), N_SINGLE (1000), N_POP (10000),
#      PEER_SINGLE (20), PEER_POP (20): the peer is ~100x slower, so it runs fewer cells.
# Figures: µs per 72-hour single-cell simulation (untreated, 1 thread); cells/s of a treated
# population (each cell simulated untreated and treated, hourly output) at 1 and 2 threads;
# simulations/s of a 10-dose series sharing one untreated reference (the pharmacology unit).
set -eu
cd "$(dirname "$0")/.."
build=${1:-build}
data=${FERROSIM_DATA:-data}
CELL=${CELL:-MOLT-4} AGENT=${AGENT:-erastin} DOSE=${DOSE:-5uM}
N_SINGLE=${N_SINGLE:-1000} N_POP=${N_POP:-10000} PEER_SINGLE=${PEER_SINGLE:-20} PEER_POP=${PEER_POP:-20}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
[ -f "$build/libferrosim.a" ] || { echo "no $build/libferrosim.a: build first (cmake -S . -B $build && cmake --build $build)" >&2; exit 2; }
sundials=$(for l in cvodes kinsol nvecserial sunmatrixdense sunlinsoldense sunmatrixsparse sunlinsolklu; do
  [ -e "/usr/lib/x86_64-linux-gnu/libsundials_$l.so" ] && printf ' -lsundials_%s' "$l"; done)
# shellcheck disable=SC2086
cc -O3 -std=c11 -D_POSIX_C_SOURCE=200809L -fopenmp -Iinclude bench/population_bench.c "$build/libferrosim.a" \
  $(pkg-config --libs gsl libsbml sqlite3 zlib) $sundials -lm -o "$tmp/population_bench"

echo "# model: $data/model/ferroptosis_all.xml, cell $CELL, $AGENT $DOSE; $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg)"
"$tmp/population_bench" "$data" "$CELL" "$AGENT" "$DOSE" "$N_SINGLE" "$N_POP" >"$tmp/c.tsv"
/usr/bin/python3 bench/population_peer.py "$data" "$CELL" "$AGENT" "$DOSE" "$PEER_SINGLE" "$PEER_POP" >"$tmp/py.tsv"
get() { awk -F'\t' -v k="$2" '$1 == k { print $2 }' "$1"; }
c_us=$(get "$tmp/c.tsv" single_cell_us); py_us=$(get "$tmp/py.tsv" single_cell_us)
c1=$(get "$tmp/c.tsv" pop_cells_per_s_1t); c2=$(get "$tmp/c.tsv" pop_cells_per_s_2t); py1=$(get "$tmp/py.tsv" pop_cells_per_s_1t)
printf 'figure\tferrosim\tscipy_peer\tratio (peer time / ferrosim time)\n'
printf 'us per 72-h single-cell simulation (1 thread)\t%s\t%s\t%.1f\n' "$c_us" "$py_us" "$(echo "$py_us / $c_us" | bc -l)"
printf 'cells/s, %s-cell population + %s, 1 thread\t%s\t%s\t%.1f\n' "$N_POP" "$AGENT" "$c1" "$py1" "$(echo "$c1 / $py1" | bc -l)"
printf 'cells/s, %s-cell population + %s, 2 threads\t%s\t-\t%.1f\n' "$N_POP" "$AGENT" "$c2" "$(echo "$c2 / $py1" | bc -l)"
printf 'speed-up 2 threads / 1 thread\t%.2f\t-\t-\n' "$(echo "$c2 / $c1" | bc -l)"
printf 'simulations/s, 10-dose series x %s cells (shared reference), 2 threads\t%s\t-\t-\n' "$((N_POP / 10))" "$(get "$tmp/c.tsv" many_sims_per_s_2t)"
printf 'viability at 72 h (ferrosim %s cells; peer %s cells)\t%s\t%s\t-\n' "$N_POP" "$PEER_POP" "$(get "$tmp/c.tsv" pop_viability_72h)" "$(get "$tmp/py.tsv" pop_viability_72h)"
printf 'results identical at 1 and 2 threads\t%s\t-\t-\n' "$(get "$tmp/c.tsv" threads_bit_identical)"
printf 'model load (ms)\t%s\t-\t-\n' "$(get "$tmp/c.tsv" load_ms)"
