#!/bin/sh
# bench/population.sh — speed of src/population (CVODES engine) against the SciPy peer
# (scripts/model/preview.py) on the same model and tables, side by side in one run.
#   bench/population.sh [BUILD_DIR]        (default build; needs a Release build of libferrosim)
# Env: CELL (MOLT-4), AGENT (erastin), DOSE (5uM), N_SINGLE (1000), N_POP (10000),
#      PEER_SINGLE (20), PEER_POP (20): the peer is ~100x slower, so it runs fewer cells.
# Figures: µs per 72-hour single-cell simulation (untreated, 1 thread); cells/s of a treated
# population (each cell simulated untreated and treated, hourly output) at 1 and 2 threads;
# simulations/s of a 10-dose series sharing one untreated reference (the pharmacology unit).
# Wall and CPU time both: on a shared machine the CPU time of one-thread runs measures the work,
# the wall time of two-thread runs the parallel gain (when the cores are free).
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
ratio() { echo "$1 / $2" | bc -l | xargs printf '%.1f'; }
C=$tmp/c.tsv P=$tmp/py.tsv
printf 'figure\tferrosim wall\tferrosim CPU\tSciPy peer wall\tSciPy peer CPU\tratio peer/ferrosim (CPU)\n'
printf 'us per 72-h single-cell simulation, 1 thread\t%s\t%s\t%s\t%s\t%s\n' "$(get $C single_cell_us)" \
  "$(get $C single_cell_cpu_us)" "$(get $P single_cell_us)" "$(get $P single_cell_cpu_us)" \
  "$(ratio "$(get $P single_cell_cpu_us)" "$(get $C single_cell_cpu_us)")"
printf 'cells/s, %s-cell population + %s %s, 1 thread\t%s\t%s\t%s\t%s\t%s\n' "$N_POP" "$AGENT" "$DOSE" \
  "$(get $C pop_cells_per_s_1t)" "$(get $C pop_cells_per_cpu_s_1t)" "$(get $P pop_cells_per_s_1t)" \
  "$(get $P pop_cells_per_cpu_s_1t)" "$(ratio "$(get $C pop_cells_per_cpu_s_1t)" "$(get $P pop_cells_per_cpu_s_1t)")"
printf 'cells/s, %s-cell population + %s %s, 2 threads\t%s\t%s\t-\t-\t-\n' "$N_POP" "$AGENT" "$DOSE" \
  "$(get $C pop_cells_per_s_2t)" "$(get $C pop_cells_per_cpu_s_2t)"
printf 'wall speed-up, 2 threads / 1 thread\t%s\t-\t-\t-\t-\n' "$(echo "$(get $C pop_cells_per_s_2t) / $(get $C pop_cells_per_s_1t)" | bc -l | xargs printf '%.2f')"
printf 'simulations/s, 10 doses x %s cells + shared reference, 2 threads\t%s\t%s\t-\t-\t-\n' "$((N_POP / 10))" \
  "$(get $C many_sims_per_s_2t)" "$(get $C many_sims_per_cpu_s)"
printf 'viability at 72 h, the line mean cell (same model, both solvers)\t%s\t-\t%s\t-\t-\n' \
  "$(get $C cell_viability_72h)" "$(get $P cell_viability_72h)"
printf 'viability at 72 h (ferrosim %s cells; peer %s cells, other random numbers: a heavy tail)\t%s\t-\t%s\t-\t-\n' "$N_POP" "$PEER_POP" \
  "$(get $C pop_viability_72h)" "$(get $P pop_viability_72h)"
printf 'results identical at 1 and 2 threads\t%s\t-\t-\t-\t-\n' "$(get $C threads_bit_identical)"
printf 'model + tables load (ms)\t%s\t-\t-\t-\t-\n' "$(get $C load_ms)"
