# sh_util.sh — sourced by the CLI tests (tests/<module>/test_*.sh): a scratch folder removed on
# exit, and pass/fail counters (ok; bad "what went wrong"). The test ends with
#   echo "$passes passed, $fails failed"; [ "$fails" -eq 0 ]
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
passes=0
ok() { passes=$((passes + 1)); }
bad() { fails=$((fails + 1)); echo "FAIL: $*" >&2; }
