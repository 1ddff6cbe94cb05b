#!/bin/sh
# Engine benchmark: right-hand-side cost of the compiled register code against a direct C
# function of the same equations (emitted from the model, compiled with cc -O2: the floor),
# import + simulation times of the built-in model and the largest shared SBML Test Suite models,
# and SciPy's solve_ivp (BDF, LSODA) on the same equations and tolerances, side by side.
# CPU time (not wall) is reported: the machine is shared. Usage: bench/engine.sh [BUILD_DIR]
set -eu
cd "$(dirname "$0")/.."
build=${1:-build}
[ -f "$build/libferrosim.a" ] || { echo "build first: cmake -S . -B $build && cmake --build $build" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
libs="$(pkg-config --libs libsbml gsl sqlite3 zlib) -lsundials_cvodes -lsundials_nvecserial -lsundials_sunlinsoldense \
  -lsundials_sunmatrixdense -lsundials_sunlinsolklu -lsundials_sunmatrixsparse -fopenmp -lm"
cc -O2 -std=c11 -D_POSIX_C_SOURCE=200809L -Iinclude -Isrc -I/usr/include/suitesparse bench/engine_bench.c \
  "$build/libferrosim.a" $libs -o "$tmp/engine_bench"
shared=${FERRO_SHARED_DIR:-../shared}
models="data/model/ferroptosis_all.xml tests/data/solver/robertson.xml"
for c in 01564 01517; do
  f=$(ls "$shared/sbml-test-suite/cases/$c/"*.xml 2>/dev/null | head -n 1 || true)
  [ -n "$f" ] && models="$models $f"
done
val() { sed -n "s/^$1	\([^	]*\).*/\1/p" "$2"; }
# ferrosim_rhs_ns: as ferrosim runs it (the built-in model compiled at build time, others
# interpreted); interpreted_rhs_ns: the register-code interpreter (FERRO_INTERPRET=1)
printf "model\tstates\tdirect_rhs_ns\tferrosim_rhs_ns\tinterpreted_rhs_ns\tratio\tjac_ns\timport_ms\tsim_us\tsteps\n"
for m in $models; do
  name=$(basename "$m" .xml)
  T=72; nout=72
  [ "$name" = robertson ] && T=40000 && nout=10
  "$tmp/engine_bench" emit-c "$m" > "$tmp/gen.c"
  cc -O2 -DGENERATED="\"$tmp/gen.c\"" bench/engine_direct.c -lm -o "$tmp/direct" 2> "$tmp/cc.err" || { echo "$name: generated C does not compile" >&2; head -3 "$tmp/cc.err" >&2; continue; }
  "$tmp/direct" 1000000 > "$tmp/d.txt"
  "$tmp/engine_bench" rhs "$m" 300000 > "$tmp/r.txt"
  FERRO_INTERPRET=1 "$tmp/engine_bench" rhs "$m" 300000 > "$tmp/ri.txt"
  "$tmp/engine_bench" sim "$m" $T $nout 200 > "$tmp/s.txt"
  d=$(val direct_rhs_ns "$tmp/d.txt"); r=$(val rhs_ns "$tmp/r.txt")
  [ "$(val checksum "$tmp/d.txt")" = "$(val checksum "$tmp/r.txt")" ] || echo "WARNING: $name: direct and compiled right-hand sides differ" >&2
  printf "%s\t%s\t%s\t%s\t%s\t%.2f\t%s\t%s\t%s\t%s\n" "$name" "$(val states "$tmp/r.txt")" "$d" "$r" "$(val rhs_ns "$tmp/ri.txt")" \
    "$(echo "$r $d" | awk '{print $1/$2}')" "$(val jac_ns "$tmp/r.txt")" "$(val import_ms "$tmp/s.txt")" \
    "$(val sim_us "$tmp/s.txt")" "$(val steps "$tmp/s.txt")"
done
echo
echo "SciPy peer (same equations emitted as Python, rtol 1e-6, atol 1e-10 as ferrosim's defaults):"
for m in data/model/ferroptosis_all.xml tests/data/solver/robertson.xml; do
  name=$(basename "$m" .xml)
  T=72; nout=72
  [ "$name" = robertson ] && T=40000 && nout=10
  "$tmp/engine_bench" emit-py "$m" > "$tmp/gen.py"
  "$tmp/engine_bench" sim "$m" $T $nout 200 > "$tmp/s.txt"
  /usr/bin/python3 bench/engine_scipy.py "$tmp/gen.py" $T $nout 1e-6 1e-10 3 > "$tmp/p.txt"
  f=$(val sim_us "$tmp/s.txt")
  for meth in BDF LSODA; do
    p=$(val "scipy_${meth}_us" "$tmp/p.txt")
    printf "%s\tferrosim %s us\tSciPy %s %s us\tratio %.0fx\n" "$name" "$f" "$meth" "$p" "$(echo "$p $f" | awk '{print $1/$2}')"
  done
  echo "  final states ferrosim: $(sed -n 's/^final_states	//p' "$tmp/s.txt" | tr '\t' ' ')"
  echo "  final states SciPy BDF: $(sed -n 's/^scipy_BDF_final_states	//p' "$tmp/p.txt" | tr '\t' ' ')"
done
