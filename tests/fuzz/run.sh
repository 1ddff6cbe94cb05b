#!/bin/sh
# run.sh — build the libFuzzer harnesses with clang (ASan + UBSan) and run each for SECONDS.
# Usage: tests/fuzz/run.sh [SECONDS] [TARGET...]     (default 60 s, all targets: tests/fuzz/fuzz_*.c)
# Build folder build-fuzz/ (FUZZ_BUILD to change). Each run starts from tests/fuzz/corpus/<target>
# and keeps what it finds in build-fuzz/fuzz/corpus/<target> (the committed seeds are not touched);
# crash, leak, timeout and out-of-memory inputs go to build-fuzz/fuzz/artifacts/<target>/, logs to
# build-fuzz/fuzz/<target>.log. One process per target, one target at a time (the machine is shared).
# Leaks inside libSBML's own code are suppressed (tests/fuzz/lsan.supp).
# Exit status 1 if any target found something.
set -eu
cd "$(dirname "$0")/../.."
SRC=$(pwd)
secs=${1:-60}
[ $# -gt 0 ] && shift
B=${FUZZ_BUILD:-build-fuzz}
CC=${CC:-clang}
command -v "$CC" >/dev/null || { echo "run.sh: $CC not found (clang with libFuzzer is needed)" >&2; exit 2; }
CC=$CC cmake -S . -B "$B" -DFERRO_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
targets=${*:-$(for f in tests/fuzz/fuzz_*.c; do basename "$f" .c | sed 's/^fuzz_//'; done)}
set --
for t in $targets; do set -- "$@" "fuzz_$t"; done
cmake --build "$B" -j 2 --target "$@" >"$B/fuzz-build.log" 2>&1 || { cat "$B/fuzz-build.log" >&2; exit 2; }
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$SRC/tests/fuzz/lsan.supp:print_suppressions=0}
export OMP_NUM_THREADS=1
status=0
for t in $targets; do
    out=$B/fuzz/corpus/$t art=$B/fuzz/artifacts/$t
    mkdir -p "$out" "$art"
    maxlen=16384
    case $t in kb|sbml) maxlen=65536 ;; formula) maxlen=512 ;; esac
    quiet=
    [ "$t" = options ] && quiet=-close_fd_mask=3 # the CLI's parsers print usage errors (sanitizer reports still show)
    dict=
    [ -f "tests/fuzz/$t.dict" ] && dict=-dict=tests/fuzz/$t.dict
    log=$B/fuzz/$t.log
    rc=0
    "$B/fuzz/fuzz_$t" -max_total_time="$secs" -max_len=$maxlen -timeout=25 -rss_limit_mb=2048 \
        -print_final_stats=1 -artifact_prefix="$SRC/$art/" $dict $quiet \
        "$out" "tests/fuzz/corpus/$t" >"$log" 2>&1 || rc=$?
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | tail -1 | grep -o '[0-9]*$' || echo '?')
    found=$(ls "$art" | wc -l)
    if [ "$rc" -ne 0 ] || [ "$found" -ne 0 ]; then
        status=1
        echo "$t: FOUND $found input(s) in $art (exit $rc, $runs runs; log $log)"
        grep -m3 -E 'ERROR: |runtime error|fuzz: ' "$log" | sed 's/^/    /' || true
    else
        echo "$t: ok, $runs runs in $secs s"
    fi
done
exit $status
