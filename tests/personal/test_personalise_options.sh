#!/bin/sh
# test_personalise_options.sh — personalise's solver options: --equilibrate H starts every virtual
# cell from its settled state (the header says so; the numbers change), --rtol/--atol default to
# simulate's (a run with them given explicitly is identical), bad values: exit 2, nothing written.
. "$SRC/tests/sh_util.sh"
A="$SRC/data/cohorts/ALL"
run() { "$FERROSIM" personalise --expr "$A/expr_genes.tsv.gz" --samples "$A/samples.tsv" --sample 01005 --agents RSL3 \
  --cells 3 --doses 5 --quiet "$@"; }
run > "$tmp/a.tsv" && ok || bad "default run failed"
run --rtol 1e-5 --atol 1e-8 > "$tmp/b.tsv" && cmp -s "$tmp/a.tsv" "$tmp/b.tsv" && ok || bad "defaults are rtol 1e-5, atol 1e-8"
run --equilibrate 336 > "$tmp/e.tsv" && ok || bad "--equilibrate run failed"
head -n 1 "$tmp/e.tsv" | grep -q 'pre-equilibrated 336 h' && ok || bad "header names the pre-equilibration"
[ "$(tail -n 1 "$tmp/a.tsv" | cut -f7)" != "$(tail -n 1 "$tmp/e.tsv" | cut -f7)" ] && ok || bad "settled cells give other numbers"
for bad_opt in "--equilibrate -1" "--rtol 0" "--atol abc"; do
  # shellcheck disable=SC2086
  run $bad_opt --out "$tmp/x.tsv" 2> /dev/null; rc=$?
  [ "$rc" -eq 2 ] && [ ! -e "$tmp/x.tsv" ] && ok || bad "$bad_opt: exit $rc (want 2) or output left"
done
echo "$passes passed, $fails failed"
[ "$fails" -eq 0 ]
