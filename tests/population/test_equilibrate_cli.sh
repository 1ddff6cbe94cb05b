#!/bin/sh
# test_equilibrate_cli.sh — `--equilibrate H` on simulate and dose (built-in model): a settled
# untreated MOLT-4 cell is the same at 0 and 72 h (every species but the fate counters within
# 1e-5 relative) where the default run drifts; bad values exit 2 with the option named.
set -u
: "${FERROSIM:?}" "${SRC:?}"
. "$SRC/tests/sh_util.sh"
# largest relative change between the two rows, fate columns excluded
drift() {
  awk -F'\t' 'NR == 1 { for (i = 3; i <= NF; i++) skip[i] = ($i == "viable" || $i == "dead_ferro" || $i == "dead_apop"); next }
    NR == 2 { for (i = 3; i <= NF; i++) a[i] = $i; next }
    { for (i = 3; i <= NF; i++) if (!skip[i]) { d = $i - a[i]; if (d < 0) d = -d; s = $i < 0 ? -$i : $i; if (s < 1e-12) s = 1e-12; if (d / s > m) m = d / s } }
    END { printf "%.3g\n", m }' "$1"
}
"$FERROSIM" simulate --cell MOLT-4 --time 72 --step 72 --equilibrate 336 >"$tmp/eq.tsv" 2>"$tmp/err" || bad "simulate --equilibrate: $(cat "$tmp/err")"
"$FERROSIM" simulate --cell MOLT-4 --time 72 --step 72 >"$tmp/no.tsv" 2>"$tmp/err" || bad "simulate: $(cat "$tmp/err")"
d1=$(drift "$tmp/eq.tsv")
d0=$(drift "$tmp/no.tsv")
echo "largest 0 -> 72 h change: settled $d1, default $d0"
awk -v d="$d1" 'BEGIN { exit !(d < 1e-5) }' && ok || bad "settled cell drifts $d1"
awk -v d="$d0" 'BEGIN { exit !(d > 0.1) }' && ok || bad "default run should drift (line settling), got $d0"
for cmd in simulate dose; do
  "$FERROSIM" $cmd --cell MOLT-4 --drug RSL3 --equilibrate -1 >"$tmp/out" 2>"$tmp/err"
  st=$?
  [ "$st" -eq 2 ] && grep -q -- "--equilibrate" "$tmp/err" && [ ! -s "$tmp/out" ] && ok || bad "$cmd --equilibrate -1: exit $st: $(cat "$tmp/err")"
done
echo "$passes passed, $fails failed"
[ "$fails" -eq 0 ]
