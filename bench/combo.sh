#!/bin/sh
# bench/combo.sh — the unit of work of the pharmacology layer: a 10 x 10 combination matrix
# (9 doses + 0 of each agent) at 1,000 virtual cells per well over 72 h, at 1 and 2 threads;
# then the fitting + synergy part alone (`ferrosim combo --data` on the simulated matrix: two 4PL
# single-agent fits, 18 ZIP refits, Loewe roots, Bliss, HSA) side by side with an R peer doing
# the same computation (tests/data/synergy/synergy_reference.R: stats::nls + uniroot), and the
# largest difference between the two sets of scores (bench/synergy_compare.py).
# The simulation part's peer: SciPy on the same model (scripts/model/preview.py) for the cells of
# one well at the same tolerances (bench/combo_peer.py); the ratio is per cell simulation.
#
# Usage: bench/combo.sh            (uses build/ferrosim; builds Release if it is missing)
# Environment: CELL (Jurkat), AGENT_A (erastin), AGENT_B (RSL3), RANGE_A, RANGE_B, CELLS (1000),
#              REPS (20, repetitions of the fast fitting part by ferrosim), RREPS (3, by the R peer),
#              PEER_CELLS (20, cells of the one well the SciPy peer simulates: bench/combo_peer.py),
#              PROFILE_CELLS (20, cells per well of the profiled run; the profile needs perf and is
#              skipped without it), MATRIX (a matrix TSV from `ferrosim combo --out`: skip the
#              simulations and time only the fitting + synergy part on it)
# The simulations run at the screening tolerances (rtol 1e-4, atol 1e-8; see `ferrosim combo --help`).
set -eu
cd "$(dirname "$0")/.."
F=${FERROSIM:-build/ferrosim}
if [ ! -x "$F" ]; then
  cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null && cmake --build build -j2 >/dev/null
fi
CELL=${CELL:-Jurkat}
AGENT_A=${AGENT_A:-erastin}
AGENT_B=${AGENT_B:-RSL3}
RANGE_A=${RANGE_A:-0.01:100:9}
RANGE_B=${RANGE_B:-0.001:10:9}
CELLS=${CELLS:-1000}
REPS=${REPS:-20}
RREPS=${RREPS:-3}
PROFILE_CELLS=${PROFILE_CELLS:-20}
PEER_CELLS=${PEER_CELLS:-20}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
now() { date +%s.%N; }
el() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }

if [ -n "${MATRIX:-}" ]; then
  echo "matrix $MATRIX (no simulation: MATRIX is set)"
  cp "$MATRIX" "$tmp/matrix1.tsv"
else
echo "ferrosim combo: $CELL, $AGENT_A ($RANGE_A) x $AGENT_B ($RANGE_B), 10 x 10 wells, $CELLS cells/well, 72 h"
for t in 1 2; do
  t0=$(now)
  /usr/bin/time -f "%U %S" -o "$tmp/cpu$t" "$F" combo --cell "$CELL" --drug "$AGENT_A" --drug "$AGENT_B" \
    --range-a "$RANGE_A" --range-b "$RANGE_B" --cells "$CELLS" --time 72 --threads $t --quiet --out "$tmp/matrix$t.tsv"
  t1=$(now)
  cpu=$(awk '{ printf "%.1f", $1 + $2 }' "$tmp/cpu$t")
  eval "sim$t=$(el "$t0" "$t1")"
  eval "cpu$t=$cpu"
  echo "  threads $t: wall $(el "$t0" "$t1") s, CPU $cpu s, CPU / threads $(awk -v c="$cpu" -v t=$t 'BEGIN { printf "%.1f", c / t }') s  (100 wells x $CELLS cells + the untreated reference)"
done
echo "  load average during the runs: $(cut -d' ' -f1-3 /proc/loadavg) (the machine is shared: wall time"
echo "  depends on it; CPU time does not, and CPU / threads is the wall time on an idle machine)"
if cmp -s "$tmp/matrix1.tsv" "$tmp/matrix2.tsv"; then echo "  1- and 2-thread outputs identical"; else echo "  WARNING: outputs differ between thread counts"; fi
awk -v a="$sim1" -v b="$sim2" -v c="$cpu1" -v n="$CELLS" 'BEGIN {
  printf "  speed-up 2 vs 1 thread (wall, only meaningful on an idle machine): %.2fx; CPU per virtual-cell simulation: %.2f ms\n", a / b, c / (101 * n) * 1e3 }'

# the simulation's peer: SciPy (scripts/model/preview.py, the same model and tables, solve_ivp BDF
# with the analytic Jacobian, the same screening tolerances) on the cells of one well (both agents
# at the middle of their ranges), each untreated and treated, as ferrosim runs them
mid() { echo "$1" | awk -F: '{ printf "%.6g", sqrt($1 * $2) }'; }
if /usr/bin/python3 -c "import scipy" 2>/dev/null &&
   /usr/bin/python3 bench/combo_peer.py "${FERROSIM_DATA:-data}" "$CELL" "$AGENT_A" "$(mid "$RANGE_A")" "$AGENT_B" \
     "$(mid "$RANGE_B")" "$PEER_CELLS" > "$tmp/peer.tsv"; then
  awk -F'\t' -v c="$cpu1" -v n="$CELLS" -v k="$PEER_CELLS" '$1 == "peer_cpu_ms_per_sim" { p = $2 } END {
    o = c / (101 * n) * 1e3
    printf "SciPy peer (solve_ivp BDF, analytic Jacobian, rtol 1e-4 atol 1e-8; %d cells of one well, 1 thread):\n", k
    printf "  %.2f ms CPU per cell simulation vs ferrosim %.3f ms: ratio %.0fx; the whole unit would take the peer\n", p, o, p / o
    printf "  ~%.0f min on one core (ferrosim: %.0f s)\n", p * 101 * n / 1e3 / 60, c }' "$tmp/peer.tsv"
else
  echo "SciPy peer skipped (/usr/bin/python3 with scipy not found, or it failed)"
fi

# where the simulation time goes: a profile (perf, if installed) of a small one-thread run,
# summed by part of the engine
if command -v perf >/dev/null 2>&1 &&
   perf record -q -o "$tmp/perf.data" "$F" combo --cell "$CELL" --drug "$AGENT_A" --drug "$AGENT_B" --range-a "$RANGE_A" \
     --range-b "$RANGE_B" --cells "$PROFILE_CELLS" --time 72 --threads 1 --quiet --out "$tmp/p.tsv" >/dev/null 2>&1; then
  echo "where the CPU time goes (perf, one thread, $PROFILE_CELLS cells/well):"
  perf report -i "$tmp/perf.data" --no-children --sort dso,sym --stdio -g none 2>/dev/null | awk '
    /^ *[0-9.]+%/ { p = $1; sub("%", "", p); d = $2; y = $4
      if (y ~ /^fxm_rhs_[0-9]+$/) k = "right-hand side (compiled at build time, src/formula/compiled.h)"
      else if (y == "fx_run" || y == "rhs_fn") k = "register-code interpreter (per-run code, src/formula/eval.c)"
      else if (y == "fx_run_tangent" || y ~ /^jac_/) k = "exact Jacobian (forward mode, src/solver/solver.c)"
      else if (d ~ /klu|amd|btf/) k = "KLU sparse LU (SuiteSparse)"
      else if (y ~ /^[vm]_[a-z]+$/) k = "vector and CSC matrix kernels (src/solver/fastops.c)"
      else if (d ~ /sundials/) k = "CVODES step logic (Debian library, built -O0)"
      else if (d ~ /^libm/) k = "libm (pow, exp)"
      else k = "other (start-up, model load, RNG, malloc, kernel)"
      t[k] += p }
    END { for (k in t) printf "  %5.1f%%  %s\n", t[k], k }' | sort -rn
else
  echo "where the CPU time goes: no profile (perf is not installed or may not record here)"
fi
fi # end of the simulation part (skipped when MATRIX is set)

echo "fitting + synergy scores on that matrix (ferrosim: mean of $REPS runs; R: mean of $RREPS):"
t0=$(now)
i=0
while [ $i -lt "$REPS" ]; do "$F" combo --data "$tmp/matrix1.tsv" --quiet > "$tmp/scores.tsv"; i=$((i + 1)); done
t1=$(now)
ours=$(awk -v a="$t0" -v b="$t1" -v n="$REPS" 'BEGIN { printf "%.5f", (b - a) / n }')
t0=$(now)
i=0
while [ $i -lt "$REPS" ]; do "$F" combo --help > /dev/null; i=$((i + 1)); done
t1=$(now)
start=$(awk -v a="$t0" -v b="$t1" -v n="$REPS" 'BEGIN { printf "%.5f", (b - a) / n }')
echo "  ferrosim combo --data, whole process (start-up, read, 2 fits + 18 ZIP refits + Loewe roots, write): $ours s"
echo "    of which process start-up and exit (ferrosim combo --help): $start s"
[ -n "${MATRIX:-}" ] || awk -v a="$ours" -v s="$start" -v c="$cpu1" 'BEGIN {
  printf "    so the fitting + scores are about %.2g%% of the one-thread combo run; the rest is the simulation\n", 100 * (a - s) / c }'
# The R peer fits with nls (analytic Jacobian, the same starts and statuses as src/doseresp/fit.c)
# and times the scoring inside R (no start-up, no file reading): the ratio is conservative.
if peer=$(Rscript tests/data/synergy/synergy_reference.R time "$tmp/matrix1.tsv" "$RREPS" 2> "$tmp/r.err"); then
  t0=$(now)
  Rscript tests/data/synergy/synergy_reference.R score "$tmp/matrix1.tsv" > "$tmp/r.tsv" 2>> "$tmp/r.err"
  t1=$(now)
  echo "  R peer (stats::nls + uniroot), scoring only, in R: $peer s; Rscript whole process: $(el "$t0" "$t1") s"
  awk -v a="$ours" -v b="$peer" 'BEGIN { printf "  ratio R (scoring only) / ferrosim (whole process): %.0fx\n", b / a }'
  # same definitions, independent code: the largest difference over all cells, per method
  "$F" combo --data "$tmp/matrix1.tsv" --quiet --json > "$tmp/scores.json"
  python3 bench/synergy_compare.py "$tmp/scores.json" "$tmp/r.tsv" ||
    echo "  WARNING: ferrosim and the R peer disagree on which cells have a score"
else
  echo "  R peer failed on this matrix: $(grep -m1 Error "$tmp/r.err" || echo unknown)"
fi
