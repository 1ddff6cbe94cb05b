#!/bin/sh
# test_mpi.sh — distributed runs (`mpirun -n R ferrosim ...`) give byte-identical output to a
# run in one process, for R = 2 and 3 and with OpenMP threads inside the ranks: combo (the
# dose-series path), simulate with a population (the time-course path), a small screen
# (tables and report); commands that do not split their work refuse to run distributed;
# rank 0 alone writes. Skipped (77) when the build has no MPI or mpirun is missing.
set -u
: "${FERROSIM:?}" "${SRC:?}"
"$FERROSIM" --version | grep -q "MPI yes" || { echo "built without MPI: skipped"; exit 77; }
command -v mpirun >/dev/null 2>&1 || { echo "mpirun not installed: skipped"; exit 77; }
# CI runs as root; a container has no network but the loopback; the sanitizers' leak checker
# would report Open MPI's own start-up allocations (ferrosim's leaks are checked by the other tests)
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMPI_MCA_btl_vader_single_copy_mechanism=none
export ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=0"
. "$SRC/tests/sh_util.sh"
mpi() { n=$1; shift; mpirun -n "$n" --oversubscribe "$FERROSIM" "$@"; }

# ---- combo: 5 x 5 wells, 24 cells per well ----
set -- combo --cell Jurkat --drug erastin --drug RSL3 --range-a 0.1:50:4 --range-b 0.01:5:4 --cells 24 --quiet
"$FERROSIM" "$@" --out "$tmp/c1.tsv" 2>"$tmp/err" || bad "combo in one process: $(cat "$tmp/err")"
for n in 2 3; do
  mpi $n "$@" --out "$tmp/c$n.tsv" >"$tmp/log" 2>&1 || { bad "combo on $n ranks: $(cat "$tmp/log")"; continue; }
  cmp -s "$tmp/c1.tsv" "$tmp/c$n.tsv" && ok || bad "combo on $n ranks differs from one process"
done
mpi 2 "$@" --threads 2 --out "$tmp/c2t.tsv" >"$tmp/log" 2>&1 || bad "combo 2 ranks x 2 threads: $(cat "$tmp/log")"
cmp -s "$tmp/c1.tsv" "$tmp/c2t.tsv" && ok || bad "combo on 2 ranks x 2 threads differs"
[ -z "$(ls "$tmp" | grep tmp)" ] && ok || bad "a rank left a temp file: $(ls "$tmp")"

# ---- simulate: a population time course, 25 cells over 3 ranks (blocks of unequal size) ----
set -- simulate --cell MOLT-4 --drug RSL3=0.1 --cells 25 --time 24 --step 6
"$FERROSIM" "$@" >"$tmp/s1.tsv" 2>"$tmp/err" || bad "simulate in one process: $(cat "$tmp/err")"
mpi 3 "$@" >"$tmp/s3.tsv" 2>"$tmp/log" || bad "simulate on 3 ranks: $(cat "$tmp/log")"
cmp -s "$tmp/s1.tsv" "$tmp/s3.tsv" && ok || bad "simulate on 3 ranks differs (or more than rank 0 wrote stdout)"
# a single cell: only rank 0 has work
mpi 2 simulate --cell NALM-6 --drug erastin=5 --time 12 --step 12 >"$tmp/one2.tsv" 2>"$tmp/log" || bad "one cell on 2 ranks"
"$FERROSIM" simulate --cell NALM-6 --drug erastin=5 --time 12 --step 12 >"$tmp/one1.tsv"
cmp -s "$tmp/one1.tsv" "$tmp/one2.tsv" && ok || bad "one cell on 2 ranks differs"

# ---- screen: tables and report ----
set -- screen --cells Jurkat,NALM-6 --agents RSL3,DFO --combos none --doses 4 --cells-per-well 6 --quiet
"$FERROSIM" "$@" --out "$tmp/sc1" >/dev/null 2>"$tmp/err" || bad "screen in one process: $(cat "$tmp/err")"
mpi 2 "$@" --out "$tmp/sc2" >/dev/null 2>"$tmp/log" || bad "screen on 2 ranks: $(cat "$tmp/log")"
for f in ic50.tsv dose_response.tsv selectivity.tsv report.html; do
  cmp -s "$tmp/sc1/$f" "$tmp/sc2/$f" && ok || bad "screen $f differs on 2 ranks"
done

# ---- commands that would only repeat their work refuse, with exit 2 ----
mpi 2 km --help >"$tmp/out" 2>"$tmp/err"
st=$?
[ "$st" -eq 2 ] && grep -q "does not run distributed" "$tmp/err" && ok || bad "km under mpirun: exit $st: $(cat "$tmp/err")"
# bad input under mpirun: every rank fails alike: exit 2, the message once, a normal end (no abort)
mpi 2 simulate --cell NOSUCHLINE >"$tmp/out" 2>"$tmp/err"
st=$?
[ "$st" -eq 2 ] && [ "$(grep -c "unknown cell line" "$tmp/err")" -eq 1 ] && ! grep -q MPI_ABORT "$tmp/err" && ok || bad "bad cell under mpirun: exit $st: $(cat "$tmp/err")"

# a failure on rank 0 alone (its output directory is missing): non-zero, the message, no file
mpi 2 combo --cell Jurkat --drug erastin --drug RSL3 --range-a 1:10:2 --range-b 0.1:1:2 --cells 4 --quiet \
  --out "$tmp/missing/x.tsv" >"$tmp/out" 2>"$tmp/err"
st=$?
[ "$st" -ne 0 ] && grep -q "cannot create output file" "$tmp/err" && [ ! -e "$tmp/missing" ] && ok ||
  bad "rank 0 failing alone: exit $st: $(cat "$tmp/err")"

echo "$passes passed, $fails failed"
[ "$fails" -eq 0 ]
