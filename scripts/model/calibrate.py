#!/usr/bin/python3
"""Re-calibrate assumed parameters of the built-in model against the findings (data/findings.tsv).

Each evaluation writes a copy of data/model/ferroptosis_all.xml with the candidate parameter
values and runs `ferrosim findings --model COPY --equilibrate H` (and, with --both, also without
pre-equilibration). The copy keeps the built model's derived normalisers and initial values
(fe_ref, cys_ref, k_ros0, k_dna, the reference steady state), which a parameter change moves
(fe_ref by ~7% for the candidate below): fast for screening, approximate. --rebuild builds each
candidate with scripts/model/build_model.py --param NAME=VALUE instead (exact); check a final
candidate that way, with and without pre-equilibration (--both).

scripts/model/settled_candidate.txt holds the best set found (session 3): all 26 findings with
settled cells (--equilibrate 336), 25 without (F12 fails):
  /usr/bin/python3 scripts/model/calibrate.py eval --rebuild --both --file scripts/model/settled_candidate.txt

Only parameters whose provenance (data/model/parameters.tsv) says "assumed" may be changed.

Score of a check: its margin (positive = holds) divided by max(|threshold|, 0.1). The search
minimises sum(max(0, target - score)) over all checks (0 = every check holds with the target
margin), then maximises the smallest score.

  /usr/bin/python3 scripts/model/calibrate.py screen k_branch K_lox_fe ...   # x0.5 and x2 each
  /usr/bin/python3 scripts/model/calibrate.py eval k_branch=2 K_myb=4        # one candidate
  /usr/bin/python3 scripts/model/calibrate.py search k_branch K_myb ... [--start k_branch=2 ...]
                                                                            # Nelder-Mead (log scale)
  /usr/bin/python3 scripts/model/calibrate.py surrogate k_branch K_myb ... [--start ...]
      # from the screen's runs (cached; screened at the same --start and --factor): each check's
      # score as a quadratic in each log(parameter), summed over the parameters; the values that
      # maximise the smallest predicted score within the screened range; then evaluates them
Every run is slow (seconds per evaluation): run it under nice -n 19.
"""
import argparse
import csv
import json
import math
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
MODEL = os.path.join(ROOT, "data", "model", "ferroptosis_all.xml")
PARAMS = os.path.join(ROOT, "data", "model", "parameters.tsv")


def provenance():
    src = {}
    with open(PARAMS) as fp:
        for row in csv.reader((l for l in fp if not l.startswith("#")), delimiter="\t"):
            if row and row[0] != "id":
                src[row[0]] = (float(row[1]), row[4])
    return src


def assumed(src, name):
    if name not in src:
        raise SystemExit("no parameter '%s' in %s" % (name, PARAMS))
    s = src[name][1]
    if "assumed" not in s or s.startswith("reference steady state") or s.startswith("agent input"):
        raise SystemExit("'%s' is not an assumed parameter (source: %s)" % (name, s))


def write_model(values, path, base=MODEL):
    with open(base) as fp:
        xml = fp.read()
    for name, v in values.items():
        pat = re.compile(r'(<parameter id="%s" value=")[^"]*(")' % re.escape(name))
        xml, n = pat.subn(r"\g<1>%r\g<2>" % float(v), xml)
        if n != 1:
            raise SystemExit("parameter '%s' not found in the model" % name)
    with open(path, "w") as fp:
        fp.write(xml)


class Evaluator:
    def __init__(self, ferrosim, equil, both, only, threads, cache_path, rebuild=False):
        self.ferrosim, self.equil, self.both, self.only, self.threads = ferrosim, equil, both, only, threads
        self.rebuild = rebuild
        self.cache_path = cache_path
        self.cache = {}
        if cache_path and os.path.exists(cache_path):
            with open(cache_path) as fp:
                for line in fp:
                    rec = json.loads(line)
                    self.cache[rec["key"]] = rec["rows"]
        self.tmp = tempfile.mkdtemp(prefix="ferro_calib_")

    def run(self, values, equil, model=None):
        key = json.dumps([sorted((k, float("%.6g" % v)) for k, v in values.items()), equil, self.only,
                          model or ("rebuilt" if self.rebuild else "")])
        if key in self.cache:
            return self.cache[key]
        if model is None and self.rebuild:  # exact: normalisers and initial values re-derived
            out_dir = os.path.join(self.tmp, "built")
            cmd = [sys.executable, os.path.join(HERE, "build_model.py"), "--out", out_dir, "--genes-dir", out_dir]
            for k, v in sorted(values.items()):
                cmd += ["--param", "%s=%r" % (k, float(v))]
            subprocess.run(cmd, check=True, stderr=subprocess.DEVNULL)
            model = os.path.join(out_dir, "ferroptosis_all.xml")
        elif model is None:
            model = os.path.join(self.tmp, "model.xml")
            write_model(values, model)
        out = os.path.join(self.tmp, "out.tsv")
        cmd = [self.ferrosim, "findings", "--model", model, "--equilibrate", str(equil), "--threads",
               str(self.threads), "--quiet", "--out", out]
        if self.only:
            cmd += ["--only", self.only]
        subprocess.run(cmd, check=True)
        rows = []
        with open(out) as fp:
            for r in csv.DictReader(fp, delimiter="\t"):
                m = float("nan") if r["margin"] == "NA" else float(r["margin"])
                rows.append([r["finding"], r["cell"], r["check"], float(r["threshold"]), m])
        self.cache[key] = rows
        if self.cache_path:
            with open(self.cache_path, "a") as fp:
                fp.write(json.dumps({"key": key, "rows": rows}) + "\n")
        return rows

    def evaluate(self, values, model=None):
        rows = self.run(values, self.equil, model)
        if self.both:
            rows = rows + [[r[0] + "/eq0"] + r[1:] for r in self.run(values, 0, model)]
        return rows


def scores(rows):
    return [(r[0], r[1], r[2], (r[4] / max(abs(r[3]), 0.1)) if not math.isnan(r[4]) else -10.0) for r in rows]


def objective(rows, target):
    sc = [s[3] for s in scores(rows)]
    return sum(max(0.0, target - s) for s in sc), min(sc)


def findings_passed(rows):
    fail = {r[0] for r in rows if not (r[4] >= 0)}
    return len({r[0] for r in rows}) - len(fail), sorted(fail)


def report(rows, label, fp=sys.stdout, worst=8):
    pen, mn = objective(rows, 0.0)
    npass, fail = findings_passed(rows)
    fp.write("%s: %d findings pass, failing %s; violation %.4f, smallest score %.4f\n" %
             (label, npass, ",".join(fail) or "-", pen, mn))
    for f, c, chk, s in sorted(scores(rows), key=lambda s: s[3])[:worst]:
        fp.write("    %-8s %-9s %-80s score %+.4f\n" % (f, c, chk, s))
    fp.flush()


def parse_assign(items, src):
    vals = {}
    for it in items:
        name, _, v = it.partition("=")
        assumed(src, name)
        vals[name] = float(v)
    return vals


def surrogate(ev, a, src, start):
    import numpy as np
    from scipy.optimize import differential_evolution
    base = scores(ev.evaluate(start))
    keys = [(s[0], s[1], s[2]) for s in base]
    s0 = np.array([s[3] for s in base])
    A, B = [], []
    for n in a.names:
        v0 = start.get(n, src[n][0])
        sp, sm = [], []
        for f, out in ((a.factor, sp), (1 / a.factor, sm)):
            vals = dict(start)
            vals[n] = v0 * f
            got = {(s[0], s[1], s[2]): s[3] for s in scores(ev.evaluate(vals))}
            out.extend(got[k] for k in keys)
        sp, sm = np.array(sp), np.array(sm)
        A.append((sp - sm) / 2)
        B.append((sp + sm) / 2 - s0)
    A, B = np.array(A).T, np.array(B).T  # checks x parameters

    def pred(z):
        return s0 + A @ z + B @ (z * z)

    def soft(z, target=a.target):  # the violations, then the smallest score
        p = pred(z)
        return float(np.sum(np.maximum(0, target - p)) - 0.1 * np.min(p))

    zmax = a.zmax
    res = differential_evolution(soft, [(-zmax, zmax)] * len(a.names), seed=1, tol=1e-8, maxiter=2000, polish=True)
    z = res.x
    p = pred(z)
    vals = dict(start)
    vals.update({n: float("%.3g" % (start.get(n, src[n][0]) * a.factor ** zi)) for n, zi in zip(a.names, z)})
    print("surrogate: predicted smallest score %+.4f, violation %.4f at %s" %
          (p.min(), np.sum(np.maximum(0, -p)), " ".join("%s=%g" % kv for kv in sorted(vals.items()))))
    for i in np.argsort(p)[:6]:
        print("    predicted %+.4f  %s %s %s" % (p[i], keys[i][0], keys[i][1], keys[i][2]))
    sys.stdout.flush()
    report(ev.evaluate(vals), "evaluated", worst=12)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("mode", choices=["screen", "eval", "search", "surrogate"])
    ap.add_argument("names", nargs="*", help="parameters (screen, search) or NAME=VALUE (eval)")
    ap.add_argument("--ferrosim", default=os.path.join(ROOT, "build", "ferrosim"))
    ap.add_argument("--equilibrate", type=float, default=336)
    ap.add_argument("--both", action="store_true", help="also score the findings without pre-equilibration")
    ap.add_argument("--only", help="only these findings (comma-separated ids)")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--start", nargs="*", default=[], help="NAME=VALUE: fixed values / search start")
    ap.add_argument("--factor", type=float, default=2.0, help="screen: multiply and divide by this")
    ap.add_argument("--target", type=float, default=0.05, help="search: wanted smallest score")
    ap.add_argument("--zmax", type=float, default=1.0, help="surrogate: at most factor**zmax from the start")
    ap.add_argument("--maxeval", type=int, default=60)
    ap.add_argument("--bound", type=float, default=4.0, help="search: at most this factor from the start")
    ap.add_argument("--cache", default=os.path.join(ROOT, "build", "calibrate_cache.jsonl"))
    ap.add_argument("--model", help="eval: this model file instead of an edited copy")
    ap.add_argument("--rebuild", action="store_true",
                    help="build each candidate with build_model.py --param (exact; ~15 s more per candidate)")
    ap.add_argument("--file", help="eval: NAME=VALUE pairs from this file (# comments), before the command line's")
    a = ap.parse_args()
    src = provenance()
    ev = Evaluator(a.ferrosim, a.equilibrate, a.both, a.only, a.threads, a.cache, a.rebuild)
    start = parse_assign(a.start, src)

    if a.mode == "eval":
        vals = dict(start)
        if a.file:
            with open(a.file) as fp:
                vals.update(parse_assign([w for l in fp for w in l.split("#")[0].split()], src))
        vals.update(parse_assign(a.names, src))
        rows = ev.evaluate(vals, a.model)
        report(rows, " ".join("%s=%g" % kv for kv in sorted(vals.items())) or "as built", worst=40)
        return

    for n in a.names:
        assumed(src, n)
    if a.mode == "screen":
        base = ev.evaluate(start)
        report(base, "base")
        b = {(s[0], s[1], s[2]): s[3] for s in scores(base)}
        for n in a.names:
            v0 = start.get(n, src[n][0])
            for f in (a.factor, 1 / a.factor):
                vals = dict(start)
                vals[n] = v0 * f
                rows = ev.evaluate(vals)
                pen, mn = objective(rows, 0.0)
                npass, fail = findings_passed(rows)
                ch = sorted(((s[3] - b[(s[0], s[1], s[2])], s) for s in scores(rows)), key=lambda t: t[0])
                print("%-14s x%-5g pass %2d viol %.3f min %+.3f  fail %s" %
                      (n, f, npass, pen, mn, ",".join(fail) or "-"))
                failing = {k for k, s in b.items() if s < 0}
                for d, s in ch:
                    if (s[0], s[1], s[2]) in failing or (abs(d) > 0.05 and s[3] < 0.1):
                        print("      %-6s %-9s %-70s %+.3f (%+.3f)" % (s[0], s[1], s[2][:70], s[3], d))
                sys.stdout.flush()
        return

    if a.mode == "surrogate":
        surrogate(ev, a, src, start)
        return

    # search: Nelder-Mead on log(value), bounded by a penalty
    import numpy as np
    from scipy.optimize import minimize
    v0 = np.array([start.get(n, src[n][0]) for n in a.names])
    best = [None, None]

    def f(z):
        z = np.asarray(z)
        if np.any(np.abs(z) > math.log(a.bound)):
            return 1e3 + float(np.sum(np.abs(z)))
        vals = dict(start)
        vals.update({n: float("%.4g" % (v * math.exp(zi))) for n, v, zi in zip(a.names, v0, z)})
        rows = ev.evaluate(vals)
        pen, mn = objective(rows, a.target)
        val = pen - 0.1 * mn
        if best[0] is None or val < best[0]:
            best[0], best[1] = val, vals
            report(rows, "best %.4f at %s" % (val, " ".join("%s=%g" % kv for kv in sorted(vals.items()))), worst=5)
        return val

    z0 = np.zeros(len(a.names))
    simplex = [z0] + [z0 + math.log(1.6) * np.eye(len(a.names))[i] for i in range(len(a.names))]
    minimize(f, z0, method="Nelder-Mead",
             options={"initial_simplex": np.array(simplex), "maxfev": a.maxeval, "xatol": 0.02, "fatol": 1e-4})
    print("best:", " ".join("%s=%g" % kv for kv in sorted(best[1].items())))


if __name__ == "__main__":
    main()
