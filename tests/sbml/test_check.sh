#!/bin/sh
# ferrosim sbml-check: valid models, libSBML errors with line and column, unsupported constructs
# named (never simulated wrongly), --strict.
set -u
fail() { echo "FAIL: $*"; exit 1; }
d="$SRC/tests/data"
out=$("$FERROSIM" sbml-check "$d/solver/robertson.xml") || fail "robertson checks"
echo "$out" | grep -q "	ok	3 species, 3 reactions, 0 events, 3 states$" || fail "summary line: $out"
err=$("$FERROSIM" sbml-check "$d/sbml/invalid.xml" 2>&1 >/dev/null)
[ $? -eq 2 ] || fail "an SBML error exits 2"
echo "$err" | grep -q "invalid.xml: line 6, column [0-9]*: Error:" || fail "error names line and column: $err"
out=$("$FERROSIM" sbml-check "$d/sbml/delay.xml") || fail "a model with delay() checks"
echo "$out" | grep -q "	ok	0 species, 0 reactions, 0 events, 1 states$" || fail "delay summary line: $out"
err=$("$FERROSIM" sbml-check "$d/sbml/delay_nested.xml" 2>&1 >/dev/null)
[ $? -eq 2 ] || fail "a nested delay exits 2"
echo "$err" | grep -q "delay() inside the arguments of another delay() is not supported" || fail "nested delay named: $err"
err=$("$FERROSIM" sbml-check "$d/sbml/fast.xml" 2>&1 >/dev/null)
[ $? -eq 2 ] || fail "fast reaction exits 2"
echo "$err" | grep -q "a fast reaction with a piecewise rate law (its equilibrium can jump) is not supported" || fail "fast reaction named: $err"
"$FERROSIM" export --model "$d/sbml/fast.xml" > /dev/null 2>&1
[ $? -eq 2 ] || fail "export of a fast reaction to L3V2 is refused"
# a dangling unit reference changes no number: a warning (printed), an error with --strict
err=$("$FERROSIM" sbml-check "$d/sbml/unit_warning.xml" 2>&1 >/dev/null) || fail "a warning alone passes"
echo "$err" | grep -q "warning: .*unit_warning.xml: line 5, column [0-9]*:" || fail "warning printed with its line: $err"
"$FERROSIM" sbml-check --strict "$d/sbml/unit_warning.xml" > /dev/null 2>&1
[ $? -eq 2 ] || fail "--strict turns the warning into an error (exit 2)"
[ -z "$("$FERROSIM" sbml-check --quiet "$d/sbml/unit_warning.xml" 2>&1 >/dev/null)" ] || fail "--quiet silences warnings"
echo "sbml/test_check: ok"
