#!/bin/sh
# bench/dist.sh — distributed runs: the combination unit (10 x 10 wells) run in one process with
# 1 and 2 OpenMP threads side by side with 2 MPI ranks x 1 thread on this machine (the peer is
# the one-process run: same work, same output byte for byte). On one 2-core machine MPI can only
# match the threads; its point is more machines (mpirun --hostfile), where the per-rank work
# shrinks as 1/R and the exchange is one allreduce of (wells + 1) x cells doubles per matrix.
#
# Usage: bench/dist.sh   Environment: CELLS (200 per well), CELL, AGENT_A, AGENT_B
set -eu
cd "$(dirname "$0")/.."
F=${FERROSIM:-build/ferrosim}
if [ ! -x "$F" ]; then
  cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null && cmake --build build -j2 >/dev/null
fi
"$F" --version | grep -q "MPI yes" || { echo "this build has no MPI (install libopenmpi-dev, rebuild)"; exit 1; }
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMPI_MCA_btl_vader_single_copy_mechanism=none
CELLS=${CELLS:-200}
set -- combo --cell "${CELL:-Jurkat}" --drug "${AGENT_A:-erastin}" --drug "${AGENT_B:-RSL3}" \
  --range-a 0.01:100:9 --range-b 0.001:10:9 --cells "$CELLS" --quiet
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
now() { date +%s.%N; }
timed() { # label, output file, command...
  label=$1 out=$2; shift 2
  t0=$(now); "$@" --out "$out"; t1=$(now)
  awk -v a="$t0" -v b="$t1" -v l="$label" 'BEGIN { printf "  %-28s %8.2f s\n", l, b - a }'
  awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f", b - a }' >"$out.t"
}
echo "ferrosim combo, 10 x 10 wells x $CELLS cells, 72 h (load $(cut -d' ' -f1 /proc/loadavg))"
timed "1 process x 1 thread" "$tmp/p1" "$F" "$@" --threads 1
timed "1 process x 2 threads" "$tmp/p2" "$F" "$@" --threads 2
timed "2 MPI ranks x 1 thread" "$tmp/m2" mpirun -n 2 "$F" "$@" --threads 1
awk -v a="$(cat "$tmp/p1.t")" -v b="$(cat "$tmp/p2.t")" -v c="$(cat "$tmp/m2.t")" 'BEGIN {
  printf "  speed-up vs 1 thread: 2 threads %.2fx, 2 ranks %.2fx (ranks / threads: %.2f)\n", a / b, a / c, b / c }'
for f in p2 m2; do cmp -s "$tmp/p1" "$tmp/$f" || echo "  WARNING: $f output differs from 1 process x 1 thread"; done
echo "  outputs of the three runs compared byte for byte"
