#!/bin/sh
# test_de_report.sh — `ferrosim de --html` (src/report/volcano.c) on the ALL cohort, T vs B: the
# volcano's up/down counts are the TSV's --volcano calls, one point per gene with a p-value, the
# top-genes table starts with the TSV's smallest p, self-contained; a failing run leaves nothing.
. "$SRC/tests/sh_util.sh"
A="$SRC/data/cohorts/ALL"
"$FERROSIM" de --expr "$A/expr_genes.tsv.gz" --samples "$A/samples.tsv" --group lineage --contrast T,B --volcano --sort \
  --html "$tmp/de.html" > "$tmp/de.tsv" && ok || bad "de --html failed"
up=$(awk -F'\t' '$9 == "up"' "$tmp/de.tsv" | wc -l)
down=$(awk -F'\t' '$9 == "down"' "$tmp/de.tsv" | wc -l)
npts=$(awk -F'\t' 'NR > 1 && $5 != "NA" && $5 > 0' "$tmp/de.tsv" | wc -l)
grep -q ">up: $up<" "$tmp/de.html" && grep -q ">down: $down<" "$tmp/de.html" && ok || bad "volcano counts $up / $down"
grep -q "$up up and $down down at adjusted p &lt; 0.05" "$tmp/de.html" && ok || bad "summary sentence"
[ "$(grep -o '<circle' "$tmp/de.html" | wc -l)" -eq $((npts + 2)) ] && ok || bad "one point per gene (+2 legend)"
top=$(awk -F'\t' 'NR == 2 { print $1 }' "$tmp/de.tsv")
grep -q "<tr><td>$top</td>" "$tmp/de.html" && ok || bad "top gene $top in the table"
grep -Eq '(src|href)=' "$tmp/de.html" && bad "refers to an outside resource" || ok
"$FERROSIM" de --expr "$A/expr_genes.tsv.gz" --samples "$A/samples.tsv" --group lineage --contrast T,NOSUCH \
  --html "$tmp/f.html" --out "$tmp/f.tsv" 2> /dev/null
[ ! -e "$tmp/f.html" ] && [ ! -e "$tmp/f.tsv" ] && ok || bad "a failed de left a file"
echo "$passes passed, $fails failed"
[ "$fails" -eq 0 ]
