#!/bin/sh
# test_cli.sh — `ferrosim simulate` and `ferrosim list` on the fixture tables
# (tests/data/population): output shape, --json, thread invariance, and bad input (exit 2, a
# message naming the problem and the nearest names, no output file left behind).
set -u
: "${FERROSIM:?}" "${SRC:?}"
FERROSIM_DATA=$SRC/tests/data/population
export FERROSIM_DATA
PY=/usr/bin/python3
. "$SRC/tests/sh_util.sh"

# expect_fail STATUS 'message part' args... : exit status, message on stderr, nothing on stdout
expect_fail() {
  want=$1 msg=$2
  shift 2
  "$FERROSIM" "$@" >"$tmp/out" 2>"$tmp/err"
  st=$?
  if [ "$st" -ne "$want" ]; then bad "$* -> exit $st, expected $want ($(cat "$tmp/err"))"; return; fi
  if ! grep -qF -- "$msg" "$tmp/err"; then bad "$*: stderr lacks '$msg': $(cat "$tmp/err")"; return; fi
  if [ -s "$tmp/out" ]; then bad "$*: wrote to stdout on failure"; return; fi
  ok
}

# ---- simulate: shape ----
if "$FERROSIM" simulate --cell FIXT-T --time 4 --step 1.5 >"$tmp/s.tsv" 2>"$tmp/err"; then ok; else bad "simulate failed: $(cat "$tmp/err")"; fi
head -1 "$tmp/s.tsv" | grep -q "^time_h	viability	GPX4	SLC7A11	GSH	LPO	viable	dead_ferro	dead_apop$" && ok || bad "header: $(head -1 "$tmp/s.tsv")"
[ "$(wc -l <"$tmp/s.tsv")" -eq 5 ] && ok || bad "rows 0, 1.5, 3, 4 expected: $(cat "$tmp/s.tsv")"
[ "$(cut -f1 "$tmp/s.tsv" | tr '\n' ' ')" = "time_h 0 1.5 3 4 " ] && ok || bad "times: $(cut -f1 "$tmp/s.tsv" | tr '\n' ' ')"
[ "$(cut -f2 "$tmp/s.tsv" | sort -u | tr '\n' ' ')" = "1 viability " ] && ok || bad "untreated viability is 1"

# --json: the same table
"$FERROSIM" simulate --cell fixture-t --drug erastin=2 --time 4 --json >"$tmp/s.json" 2>"$tmp/err" || bad "json run: $(cat "$tmp/err")"
"$FERROSIM" simulate --cell fixture-t --drug erastin=2 --time 4 >"$tmp/s2.tsv" 2>"$tmp/err" || bad "tsv run"
if $PY - "$tmp/s.json" "$tmp/s2.tsv" <<'EOF'
import json, sys
j = json.load(open(sys.argv[1]))
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[2])]
assert j["cell"] == "FIXT-T" and j["drugs"][0]["agent"] == "erastin" and j["drugs"][0]["unit"] == "uM", j
assert j["columns"] == rows[0], (j["columns"], rows[0])
assert len(j["rows"]) == len(rows) - 1
for a, b in zip(j["rows"], rows[1:]):
    for x, y in zip(a, b):
        assert abs(x - float(y)) <= 1e-8 * max(1, abs(x)), (x, y)
EOF
then ok; else bad "--json differs from the TSV"; fi

# thread invariance through the CLI (bit-identical text)
"$FERROSIM" simulate --cell RS4-11 --drug RSL3=0.1 --cells 24 --time 24 --step 6 --threads 1 >"$tmp/t1" 2>/dev/null
"$FERROSIM" simulate --cell RS4-11 --drug RSL3=0.1 --cells 24 --time 24 --step 6 --threads 2 >"$tmp/t2" 2>/dev/null
cmp -s "$tmp/t1" "$tmp/t2" && [ -s "$tmp/t1" ] && ok || bad "--threads 1 and 2 differ"

# --out writes the file atomically
"$FERROSIM" simulate --cell FIXT-T --time 2 --out "$tmp/o.tsv" >"$tmp/out" 2>"$tmp/err" && [ -s "$tmp/o.tsv" ] && [ ! -s "$tmp/out" ] && ok || bad "--out"

# ---- simulate: bad input ----
expect_fail 2 "unknown cell line 'FIXT-X'; nearest: FIXT-T" simulate --cell FIXT-X
expect_fail 2 "unknown agent 'erastn'; nearest: erastin" simulate --cell FIXT-T --drug erastn=5
expect_fail 2 "unknown gene 'GPX5'; nearest: GPX4" simulate --cell FIXT-T --set GPX5=0.2
expect_fail 2 "dose 'abc' is not a number" simulate --cell FIXT-T --drug erastin=abc
expect_fail 2 "unknown unit 'kM'" simulate --cell FIXT-T --drug erastin=5kM
expect_fail 2 "dose '-1' is negative" simulate --cell FIXT-T --drug erastin=-1
expect_fail 2 "is dosed in U/mL" simulate --cell FIXT-T --drug L-asparaginase=5uM
expect_fail 2 "expected NAME=DOSE" simulate --cell FIXT-T --drug erastin
expect_fail 2 "expected GENE=FACTOR" simulate --cell FIXT-T --set GPX4
expect_fail 2 "factor '-1' is not a non-negative number" simulate --cell FIXT-T --set GPX4=-1
expect_fail 2 "factor 'x' is not a non-negative number" simulate --cell FIXT-T --set GPX4=x
expect_fail 2 "--time '-5' is not a non-negative number" simulate --cell FIXT-T --time -5
expect_fail 2 "--time 'abc'" simulate --cell FIXT-T --time abc
expect_fail 2 "--step '0' is not a positive number" simulate --cell FIXT-T --step 0
expect_fail 2 "--cells '0'" simulate --cell FIXT-T --cells 0
expect_fail 2 "--cv '-0.1'" simulate --cell FIXT-T --cv -0.1
expect_fail 2 "--rtol '0' is not a positive tolerance" simulate --cell FIXT-T --rtol 0
expect_fail 2 "--atol '-1' is not a positive tolerance" simulate --cell FIXT-T --atol -1
expect_fail 2 "--cell NAME is required" simulate --drug erastin=5
expect_fail 2 "unexpected argument 'extra'" simulate --cell FIXT-T extra
expect_fail 2 "--threads" simulate --cell FIXT-T --threads x
expect_fail 2 "cannot open" simulate --cell FIXT-T --model "$tmp/none.xml"
# no partial output when --out is used and the input is bad
mkdir "$tmp/outdir"
for args in "--cell FIXT-X" "--cell FIXT-T --drug erastin=-1" "--cell FIXT-T --time -1"; do
  # shellcheck disable=SC2086
  "$FERROSIM" simulate $args --out "$tmp/outdir/x.tsv" >/dev/null 2>&1
  [ $? -eq 2 ] && [ -z "$(ls -A "$tmp/outdir")" ] && ok || bad "$args --out left $(ls -A "$tmp/outdir") behind"
done
# a runtime failure (the solver) is exit 1 and leaves no file either
"$FERROSIM" simulate --cell FIXT-T --model "$FERROSIM_DATA/blowup.xml" --time 3 --out "$tmp/outdir/x.tsv" >/dev/null 2>"$tmp/err"
[ $? -eq 1 ] && grep -q "solver failed at t = 0.9" "$tmp/err" && [ -z "$(ls -A "$tmp/outdir")" ] && ok || bad "solver failure: $(cat "$tmp/err")"
"$FERROSIM" simulate --help | grep -q "^Usage: ferrosim simulate" && ok || bad "--help"

# ---- list ----
"$FERROSIM" list cells >"$tmp/c.tsv" 2>"$tmp/err" || bad "list cells: $(cat "$tmp/err")"
[ "$(head -1 "$tmp/c.tsv")" = "cell	lineage	doubling_h	aliases" ] && ok || bad "cells header"
grep -q "^RS4;11	B-ALL	36	RS-4-11$" "$tmp/c.tsv" && ok || bad "RS4;11 row: $(cat "$tmp/c.tsv")"
grep -q "^FIXT-T	T-ALL	24	Fixture T,FT1$" "$tmp/c.tsv" && ok || bad "FIXT-T row"
"$FERROSIM" list agents >"$tmp/a.tsv" 2>"$tmp/err" || bad "list agents"
[ "$(head -1 "$tmp/a.tsv")" = "agent	class	unit	mw_g_per_mol	aliases" ] && ok || bad "agents header"
grep -q "^deferoxamine	iron chelator	uM	560.68	DFO,desferrioxamine$" "$tmp/a.tsv" && ok || bad "DFO row"
grep -q "^ferric ammonium citrate	iron donor	ug/mL	NA	FAC$" "$tmp/a.tsv" && ok || bad "FAC row"
[ "$(wc -l <"$tmp/a.tsv")" -eq 12 ] && ok || bad "11 agents"
"$FERROSIM" list genes >"$tmp/g.tsv" 2>"$tmp/err" || bad "list genes"
grep -q "^AIFM2	expr_AIFM2	FSP1$" "$tmp/g.tsv" && ok || bad "AIFM2 row"
"$FERROSIM" list agent --json | $PY -c 'import json,sys; a=json.load(sys.stdin); assert a[0]["agent"]=="erastin" and a[3]["aliases"]==["DFO","desferrioxamine"]' && ok || bad "list --json"
expect_fail 2 "'drugs' is not one of: cells, agents, genes" list drugs
expect_fail 2 "expected one of" list

# ---- bad tables: file, line, column ----
cp -r "$FERROSIM_DATA" "$tmp/d"
sed 's/^RSL3	act_GPX4/RSL3	act_GPX9/' "$FERROSIM_DATA/agent_effects.tsv" >"$tmp/d/agent_effects.tsv"
FERROSIM_DATA=$tmp/d expect_fail 2 "agent_effects.tsv: line 4, column 2: parameter 'act_GPX9' is not in the model" list agents
cp "$FERROSIM_DATA/agent_effects.tsv" "$tmp/d/"
sed 's/^RS4;11	GPX4	0.5/RS4;11	GPX4	lots/' "$FERROSIM_DATA/cell_profiles.tsv" >"$tmp/d/cell_profiles.tsv"
FERROSIM_DATA=$tmp/d expect_fail 2 "cell_profiles.tsv: line 4, column 3: 'lots' is not a number" list cells
sed 's/^RS4;11	GPX4	0.5/RS4;11	GPX9	0.5/' "$FERROSIM_DATA/cell_profiles.tsv" >"$tmp/d/cell_profiles.tsv"
FERROSIM_DATA=$tmp/d expect_fail 2 "cell_profiles.tsv: line 4, column 2: unknown gene 'GPX9'; nearest: GPX4" list cells
cp "$FERROSIM_DATA/cell_profiles.tsv" "$tmp/d/"
sed 's/^rapamycin	sirolimus	mTOR inhibitor	nM/rapamycin	sirolimus	mTOR inhibitor	kM/' "$FERROSIM_DATA/agents.tsv" >"$tmp/d/agents.tsv"
FERROSIM_DATA=$tmp/d expect_fail 2 "agents.tsv: line 11, column 4: unknown dose unit 'kM'" list agents
sed 's/^RSL3	RSL-3/RSL3	DFO/' "$FERROSIM_DATA/agents.tsv" >"$tmp/d/agents.tsv"
FERROSIM_DATA=$tmp/d expect_fail 2 "agents.tsv: line 6, column 2: agent name 'DFO' is already used by RSL3" list agents
cp "$FERROSIM_DATA/agents.tsv" "$tmp/d/"
sed 's/	B-ALL	/	pre-B	/' "$FERROSIM_DATA/cells.tsv" >"$tmp/d/cells.tsv"
FERROSIM_DATA=$tmp/d expect_fail 2 "cells.tsv: line 4, column 3: lineage 'pre-B' is not T-ALL, B-ALL or normal" list cells

# ---- the built-in data: the issue's aliases through the CLI (test_builtin.c checks the rest) ----
real=$SRC/data
FERROSIM_DATA=$real "$FERROSIM" simulate --cell MOLT-4 --time 0 --drug ferrostatin-1=1 --drug Fer-1=1 \
  --drug deferoxamine=1 --drug DFO=1 --drug alpha-tocopherol=1 --drug "vitamin E=1" --drug "ferric ammonium citrate=1" \
  --drug FAC=1 --drug N-acetylcysteine=1 --drug NAC=1 --drug "buthionine sulfoximine=1" --drug BSO=1 \
  --set xCT=1 --set NRF2=1 --set FSP1=1 --set SLC7A11=1 --json >"$tmp/r.json" 2>"$tmp/err" && ok || bad "built-in aliases: $(cat "$tmp/err")"
$PY - "$tmp/r.json" <<'EOF2' && ok || bad "aliases resolve to the right agents and genes"
import json, sys
j = json.load(open(sys.argv[1]))
a = [d["agent"] for d in j["drugs"]]
assert a[0] == a[1] == "ferrostatin-1" and a[2] == a[3] == "deferoxamine" and a[4] == a[5] == "alpha-tocopherol", a
assert a[6] == a[7] == "ferric ammonium citrate" and a[8] == a[9] == "N-acetylcysteine", a
assert a[10] == a[11] == "buthionine sulfoximine", a
assert [g["gene"] for g in j["genes"]] == ["SLC7A11", "NFE2L2", "AIFM2", "SLC7A11"], j["genes"]
EOF2

echo "population/cli: $passes passed, $fails failed"
[ "$fails" -eq 0 ]
