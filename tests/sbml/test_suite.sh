#!/bin/sh
# The whole shared SBML Test Suite subset through `ferrosim sbml-test`: no case may fail, and
# at least EXPECTED_PASS must pass (the rest are reported unsupported, naming the construct).
# Shared folder: $SHARED (set by ctest) or $FERRO_SHARED_DIR.
set -u
EXPECTED_PASS=1419
dir=${SHARED:-${FERRO_SHARED_DIR:-}}/sbml-test-suite/cases
[ -d "$dir" ] || { echo "no SBML test suite at '$dir' (set SHARED or FERRO_SHARED_DIR)"; exit 1; }
out=$(mktemp)
trap 'rm -f "$out"' EXIT
"$FERROSIM" sbml-test --quiet --threads 2 "$dir" > "$out"
status=$?
last=$(tail -n 1 "$out")
echo "$last"
grep "	fail" "$out" | head -20
passed=$(echo "$last" | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed, \([0-9]*\) skipped$/\1/p')
failed=$(echo "$last" | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed, \([0-9]*\) skipped$/\2/p')
[ -n "$passed" ] || { echo "FAIL: no summary line"; exit 1; }
[ "$failed" -eq 0 ] || { echo "FAIL: $failed cases failed"; exit 1; }
[ "$status" -eq 0 ] || { echo "FAIL: exit status $status with no failed case"; exit 1; }
[ "$passed" -ge "$EXPECTED_PASS" ] || { echo "FAIL: $passed passed, expected at least $EXPECTED_PASS"; exit 1; }
# every unsupported case names its construct
if grep "	unsupported$" "$out"; then echo "FAIL: unsupported without a reason"; exit 1; fi
# the format of one case directory and of a bad argument
one=$("$FERROSIM" sbml-test "$dir/00001")
[ "$(echo "$one" | head -n 1)" = "00001	pass" ] || { echo "FAIL: single case output: $one"; exit 1; }
"$FERROSIM" sbml-test /nonexistent 2>/dev/null
[ $? -eq 2 ] || { echo "FAIL: a missing directory is a usage error (exit 2)"; exit 1; }
echo "sbml/test_suite: ok"
