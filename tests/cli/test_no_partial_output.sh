#!/bin/sh
# test_no_partial_output.sh — a failing command leaves no output behind: no --out file (or the old
# one unchanged), no temporary file beside it, no screen directory; exit 2 for bad input with a
# message naming file and line (or the option), exit 1 for a failed write. Write failures are
# made with a file-size limit (ulimit -f) and SIGXFSZ ignored, so write() fails with EFBIG as on
# a full disk.
. "$SRC/tests/sh_util.sh"
cd "$tmp" || exit 1
A=$SRC/data/cohorts/ALL

# run WANT_EXIT "MESSAGE" args...: the exit status, the message on stderr, nothing on stdout
run() {
  want=$1 msg=$2; shift 2
  $limit "$FERROSIM" "$@" > stdout 2> stderr
  rc=$?
  if [ "$rc" -ne "$want" ]; then bad "$*: exit $rc, expected $want ($(cat stderr))"; else ok; fi
  if grep -qF -- "$msg" stderr; then ok; else bad "$*: message '$(cat stderr)' lacks '$msg'"; fi
  if [ -s stdout ]; then bad "$*: output on stdout"; else ok; fi
}
# nothing_left WHAT: only the inputs (in/) and the run's stdout/stderr (and out.tsv holding OLD) are here
nothing_left() {
  left=$(ls -A | grep -v '^\(in\|stdout\|stderr\)$')
  if [ -e out.tsv ] && [ "$(cat out.tsv)" = OLD ]; then left=$(echo "$left" | grep -v '^out\.tsv$'); fi
  if [ -z "$left" ]; then ok; else bad "$1: left behind: $left"; fi
  rm -f out.tsv
}
mkdir in
limit=
printf 'trap "" XFSZ\nulimit -f 4\nexec "$@"\n' > in/limit.sh

# a write that fails part way (EFBIG): hubs on a 400-node chain writes ~10 kB into a 2 kB limit
awk 'BEGIN { for (i = 1; i < 400; i++) printf "GENE%d\tGENE%d\t900\n", i, i + 1 }' > in/chain.tsv
limit="sh in/limit.sh"
run 1 "out.tsv: write failed" hubs --network in/chain.tsv --out out.tsv
nothing_left "hubs, write failure"
printf 'OLD\n' > out.tsv
run 1 "out.tsv: write failed" hubs --network in/chain.tsv --out out.tsv
nothing_left "hubs, write failure over an existing file"

# the screen: a write failure leaves no directory (it used to keep the tables written before the report)
run 1 "report.html: write failed" screen --cells Jurkat --agents RSL3 --combos none --cells-per-well 2 --doses 4 \
  --out scr --quiet
nothing_left "screen, write failure"
limit=
# ... and a combinations file without combinations: exit 2 with the line, no directory
printf 'cell\tagent_a\tagent_b\n' > in/combos.tsv
run 2 "in/combos.tsv: line 1 (end of file): no combinations after the header" screen --cells Jurkat --agents RSL3 \
  --combos in/combos.tsv --out scr --quiet
nothing_left "screen, empty combinations file"

# signature apply: a malformed signature file
printf '# ferrosim signature 1\n# cutoff=0.1\ngene\tcoef\nGPX4\t0.5\nACSL4\tabc\n' > in/bad.sig
run 2 "in/bad.sig: line 5, column 2: 'abc' is not a number" signature apply --signature in/bad.sig \
  --expr "$A/expr_genes.tsv.gz" --samples "$A/samples.tsv" --time rfs_days --event rfs_event --out out.tsv
nothing_left "signature apply, bad signature"
# signature build: a --out that cannot be written leaves no signature file either (it used to)
run 1 "nodir/report.tsv: cannot create output file" signature build --expr "$A/expr_genes.tsv.gz" \
  --samples "$A/samples.tsv" --time rfs_days --event rfs_event --where lineage=B --signature sig.tsv \
  --out nodir/report.tsv
nothing_left "signature build, bad --out"

# ... nor --html (apply wrote the HTML report before opening --out)
printf '# ferrosim signature 1\n# cutoff=0\ngene\tcoef\nGPX4\t0.5\n' > in/ok.sig
run 1 "nodir/apply.tsv: cannot create output file" signature apply --signature in/ok.sig --expr "$A/expr_genes.tsv.gz" \
  --samples "$A/samples.tsv" --time rfs_days --event rfs_event --html apply.html --out nodir/apply.tsv
nothing_left "signature apply, bad --out with --html"

# personalise: a sample that is not in the matrix
run 2 "--sample NOPE: not a sample of" personalise --expr "$A/expr_genes.tsv.gz" --sample NOPE --base Jurkat --out out.tsv
nothing_left "personalise, unknown sample"

# standard input: the error names <stdin>, line and column
printf 'OLD\n' > out.tsv
printf 'drug\tdose\tviability\nerastin\t0\t1\nerastin\t1\tx\n' | run 2 "<stdin>: line 3, column 3: 'x' is not a number" \
  dose --data - --out out.tsv
nothing_left "dose --data -, bad stdin"

echo "$passes passed, $fails failed"
[ "$fails" -eq 0 ]
