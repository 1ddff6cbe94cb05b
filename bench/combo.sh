#!/bin/sh
# bench/combo.sh — the unit of work of the pharmacology layer: a 10 x 10 combination matrix
# (9 doses + 0 of each agent) at 1,000 virtual cells per well over 72 h, at 1 and 2 threads;
# then the fitting + synergy part alone (`ferrosim combo --data` on the simulated matrix: two 4PL
# single-agent fits, 18 ZIP refits, Loewe roots, Bliss, HSA) side by side with an R peer doing
# the same computation (tests/data/synergy/synergy_reference.R: stats::nls + uniroot).
# There is no peer for the simulation part here (bench/ of the population layer compares the
# solver with SciPy/deSolve).
#
# Usage: bench/combo.sh            (uses build/ferrosim; builds Release if it is missing)
# Environment: CELL (Jurkat), AGENT_A (erastin), AGENT_B (RSL3), RANGE_A, RANGE_B, CELLS (1000),
#              REPS (20, repetitions of the fast fitting part), PROFILE_CELLS (20, cells per well of
#              the profiled run; the profile needs perf and is skipped without it)
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
PROFILE_CELLS=${PROFILE_CELLS:-20}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
now() { date +%s.%N; }
el() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }

echo "ferrosim combo: $CELL, $AGENT_A ($RANGE_A) x $AGENT_B ($RANGE_B), 10 x 10 wells, $CELLS cells/well, 72 h"
for t in 1 2; do
  t0=$(now)
  /usr/bin/time -f "%U %S" -o "$tmp/cpu$t" "$F" combo --cell "$CELL" --drug "$AGENT_A" --drug "$AGENT_B" \
    --range-a "$RANGE_A" --range-b "$RANGE_B" --cells "$CELLS" --time 72 --threads $t --quiet --out "$tmp/matrix$t.tsv"
  t1=$(now)
  cpu=$(awk '{ printf "%.1f", $1 + $2 }' "$tmp/cpu$t")
  eval "sim$t=$(el "$t0" "$t1")"
  eval "cpu$t=$cpu"
  echo "  threads $t: wall $(el "$t0" "$t1") s, CPU $cpu s  (100 wells x $CELLS cells + the untreated reference)"
done
echo "  load average during the runs: $(cut -d' ' -f1-3 /proc/loadavg) (the machine is shared: wall time"
echo "  depends on it; CPU time does not, and CPU / threads is the wall time on an idle machine)"
if cmp -s "$tmp/matrix1.tsv" "$tmp/matrix2.tsv"; then echo "  1- and 2-thread outputs identical"; else echo "  WARNING: outputs differ between thread counts"; fi
awk -v a="$sim1" -v b="$sim2" -v c="$cpu1" -v n="$CELLS" 'BEGIN {
  printf "  speed-up 2 vs 1 thread (wall): %.2fx; CPU per virtual-cell simulation: %.2f ms\n", a / b, c / (101 * n) * 1e3 }'

# where the simulation time goes: a profile (perf, if installed) of a small one-thread run,
# summed by part of the engine
if command -v perf >/dev/null 2>&1 &&
   perf record -q -o "$tmp/perf.data" "$F" combo --cell "$CELL" --drug "$AGENT_A" --drug "$AGENT_B" --range-a "$RANGE_A" \
     --range-b "$RANGE_B" --cells "$PROFILE_CELLS" --time 72 --threads 1 --quiet --out "$tmp/p.tsv" >/dev/null 2>&1; then
  echo "where the CPU time goes (perf, one thread, $PROFILE_CELLS cells/well):"
  perf report -i "$tmp/perf.data" --no-children --sort dso,sym --stdio -g none 2>/dev/null | awk '
    /^ *[0-9.]+%/ { p = $1; sub("%", "", p); d = $2; y = $4
      if (y == "fx_run" || y == "rhs_fn") k = "right-hand side (register-code interpreter, src/formula/eval.c)"
      else if (y == "fx_run_tangent" || y ~ /^jac_/) k = "exact Jacobian (forward mode, src/solver/solver.c)"
      else if (d ~ /klu|amd|btf/) k = "KLU sparse LU (SuiteSparse)"
      else if (y ~ /^[vm]_[a-z]+$/) k = "vector and CSC matrix kernels (src/solver/fastops.c)"
      else if (d ~ /sundials/) k = "CVODES step logic (Debian library, built -O0)"
      else if (d ~ /^libm/) k = "libm (pow, exp)"
      else k = "other (start-up, model load, RNG, malloc, kernel)"
      t[k] += p }
    END { for (k in t) printf "  %5.1f%%  %s\n", t[k], k }' | sort -rn
fi

echo "fitting + synergy scores on that matrix (mean of $REPS runs):"
t0=$(now)
i=0
while [ $i -lt "$REPS" ]; do "$F" combo --data "$tmp/matrix1.tsv" --quiet > "$tmp/scores.tsv"; i=$((i + 1)); done
t1=$(now)
ours=$(awk -v a="$t0" -v b="$t1" -v n="$REPS" 'BEGIN { printf "%.5f", (b - a) / n }')
echo "  ferrosim combo --data (whole process): $ours s"
# the R peer's nls can fail on a matrix (a single-agent fit without a value); then it says so
if peer=$(Rscript tests/data/synergy/synergy_reference.R time "$tmp/matrix1.tsv" 3 2> "$tmp/r.err"); then
  echo "  R peer (nls + uniroot, scoring only):   $peer s"
  awk -v a="$ours" -v b="$peer" 'BEGIN { printf "  ratio R / ferrosim: %.0fx\n", b / a }'
  # the two agree (same definitions): largest difference over all cells and methods
  Rscript tests/data/synergy/synergy_reference.R score "$tmp/matrix1.tsv" > "$tmp/r.tsv"
  grep -v '^#' "$tmp/scores.tsv" | awk -F'\t' 'NR == FNR { if (FNR > 1) r[sprintf("%.5g,%.5g", $1, $2)] = $3 " " $4 " " $5 " " $6; next }
    FNR > 1 { k = sprintf("%.5g,%.5g", $3, $4); if (!(k in r)) { miss++; next } split(r[k], v, " "); n++
              for (m = 1; m <= 4; m++) { d = $(8 + m) - v[m]; if (d < 0) d = -d; if (d > mx) mx = d } }
    END { printf "  %d cells compared (%d unmatched); largest |ferrosim - R| score difference: %.2g percentage points\n", n, miss, mx }' "$tmp/r.tsv" -
else
  echo "  R peer failed on this matrix: $(grep -m1 Error "$tmp/r.err" || echo unknown)"
fi
