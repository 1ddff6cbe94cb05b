#!/bin/sh
# test_screen_cli.sh — a tiny `ferrosim screen` (two lines + the normal reference added, two
# agents, one combination from a file, a knockdown axis): every table and the report written,
# consistent with each other, self-contained HTML; a protective agent marked as such; warnings
# printed during a screen unless --quiet; a bad combination file: exit 2, line, column.
set -u
fail=0
err() { echo "FAIL: $*" >&2; fail=1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf 'cell\tagent_a\tagent_b\nJurkat\terastin\tRSL3\nJurkat\tsorafenib\tkd:FTH1\n' > "$tmp/combos.tsv"
"$FERROSIM" screen --cells Jurkat,NALM-6 --agents erastin,RSL3 --combos "$tmp/combos.tsv" --cells-per-well 2 \
  --doses 5 --matrix 2 --out "$tmp/s" --quiet > "$tmp/stdout" || err "screen exit $?"
grep -q "report: $tmp/s/report.html" "$tmp/stdout" || err "prints where the report is"
for f in dose_response.tsv ic50.tsv selectivity.tsv lineage.tsv synergy.tsv synergy_summary.tsv report.html; do
  [ -s "$tmp/s/$f" ] || err "$f written"
done
# 3 lines (normal added) x 2 agents
[ "$(tail -n +2 "$tmp/s/ic50.tsv" | wc -l)" -eq 6 ] || err "ic50.tsv: 6 rows"
grep -q "^normal lymphocytes	normal	erastin" "$tmp/s/ic50.tsv" || err "normal reference added"
[ "$(tail -n +2 "$tmp/s/dose_response.tsv" | wc -l)" -eq 36 ] || err "dose_response.tsv: 6 curves x 6 doses"
[ "$(tail -n +2 "$tmp/s/synergy.tsv" | wc -l)" -eq 18 ] || err "synergy.tsv: 2 matrices x 9 cells"
grep -q "FTH1 knockdown (fraction)" "$tmp/s/synergy.tsv" || err "knockdown axis named"
# selectivity = IC50 normal / IC50 line, from ic50.tsv, only where both IC50s are supported
# (midpoint_flag in_range, column 22; the flags repeated in selectivity.tsv's columns 11 and 12)
head -1 "$tmp/s/ic50.tsv" | awk -F'\t' '{ exit !($22 == "midpoint_flag" && NF == 22) }' || err "ic50.tsv: midpoint_flag last"
awk -F'\t' 'NR == FNR { if ($5 == "ok") { ic[$1 "," $3] = $6; fl[$1 "," $3] = $22 }; next }
  FNR > 1 && $3 == "Jurkat" && $1 == "RSL3" { n++; nf = fl["normal lymphocytes,RSL3"]; lf = fl["Jurkat,RSL3"]
    if ($11 != lf || $12 != nf) bad = 1
    if (nf == "in_range" && lf == "in_range") { r = ic["normal lymphocytes,RSL3"] / ic["Jurkat,RSL3"]; d = $7 / r - 1; if (d < 0) d = -d; if (d > 1e-4) bad = 1 }
    else if ($7 != "NA") bad = 1 }
  FNR > 1 && ($11 != "in_range" || $12 != "in_range") && $7 != "NA" { bad = 1 }
  END { exit bad || n != 1 }' "$tmp/s/ic50.tsv" "$tmp/s/selectivity.tsv" || err "selectivity = IC50 ratio of supported IC50s"
# a protective agent (ferrostatin-1 on NALM-6: the untreated cells' basal ferroptotic death is
# prevented, viability rises above 1): direction rising, no IC50, an EC50; "n/a" in the heat map
"$FERROSIM" screen --cells NALM-6 --agents ferrostatin-1,erastin --combos none --cells-per-well 5 --doses 5 \
  --out "$tmp/p" --quiet > /dev/null || err "protective screen exit $?"
awk -F'\t' 'NR == 1 { ok = $6 == "ic50" && $18 == "direction" && $19 == "ec50" }
  $1 == "NALM-6" && $3 == "ferrostatin-1" { ok = ok && $5 == "ok" && $6 == "NA" && $18 == "rising" && $19 > 0 && $15 > 1; n++ }
  $1 == "NALM-6" && $3 == "erastin" { ok = ok && $6 > 0 && $18 == "falling" && $19 == "NA"; n++ }
  END { exit !(ok && n == 2) }' "$tmp/p/ic50.tsv" || err "ic50.tsv: Fer-1 rising with an EC50 and AUC > 1, erastin falling: $(cat "$tmp/p/ic50.tsv")"
grep -q "NALM-6 / ferrostatin-1: n/a (protective)" "$tmp/p/report.html" || err "heat map marks the protective curve"
grep -q "ferrostatin-1	uM	NALM-6	B-ALL	NA	" "$tmp/p/selectivity.tsv" || err "no selectivity from an EC50"

# warnings print during a screen (progress is its own switch, not the log level); --quiet silences
# them: an agent without effect rows (a data directory with one added to agents.tsv) is warned about
mkdir "$tmp/data"
for f in "$SRC"/data/*; do ln -s "$f" "$tmp/data/"; done
rm "$tmp/data/agents.tsv"
{ cat "$SRC/data/agents.tsv"; printf 'placebo\t\ttest vehicle\tuM\tNA\tno effect rows\ttest\n'; } > "$tmp/data/agents.tsv"
FERROSIM_DATA="$tmp/data" "$FERROSIM" screen --cells Jurkat --agents placebo --combos none --cells-per-well 2 --doses 4 \
  --out "$tmp/w" > /dev/null 2> "$tmp/werr" || err "placebo screen exit $?"
grep -q "warning: placebo: no EC50 in agent_effects.tsv" "$tmp/werr" || err "warning printed during a screen: $(cat "$tmp/werr")"
FERROSIM_DATA="$tmp/data" "$FERROSIM" screen --cells Jurkat --agents placebo --combos none --cells-per-well 2 --doses 4 \
  --out "$tmp/w" --quiet > /dev/null 2> "$tmp/werr" || err "placebo screen --quiet exit $?"
[ -s "$tmp/werr" ] && err "--quiet: nothing on stderr: $(cat "$tmp/werr")"

h="$tmp/s/report.html"
[ "$(grep -o '<svg' "$h" | wc -l)" -ge $((2 + 2 * 5 + 2)) ] || err "report: heat maps, synergy maps, curves"
grep -q -e 'http:' -e 'https:' -e 'src=' -e 'href=' "$h" && err "report refers to something outside itself"

printf 'cell\tagent_a\tagent_b\nJurkat\terastin\tRSL3\nJurkat\tnosuchdrug\tRSL3\n' > "$tmp/bad.tsv"
"$FERROSIM" screen --cells Jurkat --agents RSL3 --combos "$tmp/bad.tsv" --out "$tmp/b" --quiet 2> "$tmp/err"
[ $? -eq 2 ] || err "bad combos file: exit 2"
grep -q "bad.tsv: line 3, column 2" "$tmp/err" || err "names line and column: $(cat "$tmp/err")"
exit $fail
