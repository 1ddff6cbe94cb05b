#!/bin/sh
# test_json.sh — `--json` on every subcommand either gives JSON or is refused the same way: exit 2,
# "--json: <why>", nothing written. Those with JSON output: a sample of them parses.
set -u
fail=0
err() { echo "FAIL: $*" >&2; fail=1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1

refused() { # refused what args...
  what=$1; shift
  "$FERROSIM" "$@" > "$tmp/out" 2> "$tmp/err"
  rc=$?
  [ $rc -eq 2 ] || err "$what: exit $rc, expected 2"
  grep -q "^ferrosim .*: --json: " "$tmp/err" || err "$what: message '$(cat "$tmp/err")'"
  [ -s "$tmp/out" ] && err "$what: output written"
}
refused screen screen --json --cells Jurkat --agents RSL3 --combos none --out "$tmp/s"
[ -e "$tmp/s" ] && err "screen --json: output directory created"
refused export export --json
refused sbml-check sbml-check --json "$SRC/data/model/ferroptosis_all.xml"
refused sbml-test sbml-test --json "$tmp"
refused "kb build" kb build --json --out "$tmp/kb.sqlite"
[ -e "$tmp/kb.sqlite" ] && err "kb build --json: database written"
"$FERROSIM" kb export --json --format tsv > /dev/null 2> "$tmp/err"
[ $? -eq 2 ] && grep -q "contradicts --format tsv" "$tmp/err" || err "kb export --json --format tsv: $(cat "$tmp/err")"

# a sample of the commands with JSON output: it parses
parses() { # what args...
  what=$1; shift
  "$FERROSIM" "$@" > "$tmp/j" 2> "$tmp/err" || err "$what: exit $?: $(cat "$tmp/err")"
  /usr/bin/python3 -c "import json,sys; json.load(open(sys.argv[1]))" "$tmp/j" || err "$what: not JSON"
}
parses "list cells" list cells --json
parses "dose --data" dose --data "$SRC/tests/data/doseresp/measured.tsv" --json
parses "simulate" simulate --cell Jurkat --time 2 --json
parses "kb export --json" kb export --json --table sets
exit $fail
