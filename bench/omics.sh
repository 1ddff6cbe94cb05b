#!/bin/sh
# bench/omics.sh — limma lmFit + eBayes (20,000 genes x 500 samples, two groups) and ssGSEA
# (20,000 x 500, 50 sets of 10-500 genes): ferrosim (1 and 2 threads) side by side with R 4.2
# (limma 3.54, GSVA 1.46, single-threaded as called by default) on the same data in the same run.
# Timed: the computation only (both sides read the same binary matrix first). The checksums
# (sum of moderated t; sum of ssGSEA scores) show both computed the same thing.
# Usage: bench/omics.sh [NGENES NSAMPLES NSETS]   (defaults 20000 500 50)
set -eu
cd "$(dirname "$0")/.."
NG=${1:-20000}; NS=${2:-500}; NSETS=${3:-50}
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null && cmake --build build -j2 --target ferrosim >/dev/null
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cc -O2 -std=c11 -D_POSIX_C_SOURCE=200809L -fopenmp -Iinclude bench/omics_bench.c build/libferrosim.a \
  $(pkg-config --libs gsl zlib) -lm -o "$tmp/omics_bench"
"$tmp/omics_bench" gen "$tmp" "$NG" "$NS" "$NSETS"
echo "data: $NG genes x $NS samples, $NSETS gene sets; $(nproc) cores"
Rscript bench/omics_bench.R "$tmp" > "$tmp/r.tsv"
"$tmp/omics_bench" "$tmp" 1 > "$tmp/c1.tsv"
"$tmp/omics_bench" "$tmp" 2 > "$tmp/c2.tsv"
printf '%-8s %10s %10s %10s %9s %9s   %s\n' task R_s ferro1_s ferro2_s R/ferro1 R/ferro2 "checksums R | ferrosim"
for task in limma ssgsea; do
  r=$(awk -v t=$task '$1==t{print $2}' "$tmp/r.tsv"); rc=$(awk -v t=$task '$1==t{print $3}' "$tmp/r.tsv")
  c1=$(awk -v t=$task '$1==t{print $2}' "$tmp/c1.tsv"); c2=$(awk -v t=$task '$1==t{print $2}' "$tmp/c2.tsv")
  cc2=$(awk -v t=$task '$1==t{print $3}' "$tmp/c2.tsv")
  awk -v t=$task -v r="$r" -v a="$c1" -v b="$c2" -v rc="$rc" -v cc="$cc2" \
    'BEGIN { printf "%-8s %10.3f %10.3f %10.3f %8.1fx %8.1fx   %s | %s\n", t, r, a, b, r / a, r / b, rc, cc }'
done
