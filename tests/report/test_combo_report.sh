#!/bin/sh
# test_combo_report.sh — `ferrosim combo --html` on measured wells (tests/data/synergy/noisy.tsv:
# one pair) and in model mode: per pair two single-agent panels and five maps (viability, Bliss,
# HSA, Loewe, ZIP) whose means are the TSV's summaries; nothing written when a run fails.
. "$SRC/tests/sh_util.sh"
D="$SRC/tests/data/synergy"
"$FERROSIM" combo --data "$D/noisy.tsv" --html "$tmp/c.html" > "$tmp/c.tsv" && ok || bad "combo --data --html failed"
[ "$(grep -o '<svg' "$tmp/c.html" | wc -l)" -eq 7 ] && ok || bad "2 curves + 5 maps"
bliss=$(sed -n 's/^# A + B: bliss \([^ ]*\) .*/\1/p' "$tmp/c.tsv")
[ -n "$bliss" ] && grep -q "bliss  (mean $bliss)" "$tmp/c.html" && ok || bad "Bliss mean $bliss as in the TSV"
grep -Eq '(src|href)=' "$tmp/c.html" && bad "refers to an outside resource" || ok
"$FERROSIM" combo --cell Jurkat --drug erastin --drug RSL3 --cells 2 --doses-a 0.1,1 --doses-b 0.01,0.1 \
  --html "$tmp/m.html" > /dev/null && ok || bad "model mode --html failed"
grep -q '<h2>Jurkat: erastin + RSL3</h2>' "$tmp/m.html" && ok || bad "model mode heading"
"$FERROSIM" combo --data "$D/bad/$(ls "$D/bad" | head -n 1)" --html "$tmp/f.html" --out "$tmp/f.tsv" 2> /dev/null
[ ! -e "$tmp/f.html" ] && [ ! -e "$tmp/f.tsv" ] && ok || bad "a failed combo left a file"
echo "$passes passed, $fails failed"
[ "$fails" -eq 0 ]
