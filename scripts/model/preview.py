#!/usr/bin/python3
"""preview.py — a small SciPy simulator of the ferrosim SBML model (the SciPy peer).

It reads the generated SBML (only the constructs build_model.py writes: one compartment,
species with initial concentrations, global constant parameters, initial assignments, and
irreversible reactions whose kinetic laws use plus/minus/times/divide/power), applies cell-line
profiles, gene factors and agent effects exactly as docs/model-conventions.md says, integrates
with scipy.integrate.solve_ivp (BDF by default, with an analytic Jacobian generated from the
MathML by symbolic differentiation) and reports CCK-8
viability (live progeny of treated cells / live progeny of untreated cells of the same line,
same seeds and gene factors).

    /usr/bin/python3 scripts/model/preview.py simulate --cell MOLT-4 --drug erastin=5 [--set MYB=0.2]
                     [--time 72] [--cells N --cv 0.25 --seed 1] [--species GSH,GPX4]
    /usr/bin/python3 scripts/model/preview.py table            # every line untreated and under erastin
    /usr/bin/python3 scripts/model/preview.py findings [F01 ...] # evaluate data/findings.tsv

Population noise here uses numpy's generator (log-normal, mean 1, CV cv) seeded by (seed, k):
the same distribution as src/population but not the same random numbers (that one uses GSL).
"""
import argparse
import ast
import math
import os
import re
import sys
import time
import xml.etree.ElementTree as ET

import numpy as np
from scipy.integrate import solve_ivp

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
SB = "{http://www.sbml.org/sbml/level3/version2/core}"
MM = "{http://www.w3.org/1998/Math/MathML}"


def fold(name):
    s = name.lower().replace("α", "alpha").replace("β", "beta").replace("γ", "gamma")
    return re.sub(r"[-_ .,()]", "", s)


# ------------------------------------------------------------------------------ SBML reader
def mathml_to_py(node):
    tag = node.tag.replace(MM, "")
    if tag == "math":
        return mathml_to_py(list(node)[0])
    if tag == "ci":
        return node.text.strip()
    if tag == "cn":
        return "(%s)" % node.text.strip()
    if tag == "apply":
        kids = list(node)
        op = kids[0].tag.replace(MM, "")
        args = [mathml_to_py(k) for k in kids[1:]]
        if op == "plus":
            return "(" + " + ".join(args) + ")"
        if op == "times":
            return "(" + " * ".join(args) + ")"
        if op == "minus":
            return "(-%s)" % args[0] if len(args) == 1 else "(%s - %s)" % (args[0], args[1])
        if op == "divide":
            return "(%s / %s)" % (args[0], args[1])
        if op == "power":
            return "(%s ** %s)" % (args[0], args[1])
        raise ValueError("preview.py: unsupported MathML operator <%s>" % op)
    raise ValueError("preview.py: unsupported MathML element <%s>" % tag)


# ------------------------------------------------------------------------------ derivatives
def _c(v):
    return ast.Constant(float(v))


def _is0(n):
    return isinstance(n, ast.Constant) and n.value == 0


def _is1(n):
    return isinstance(n, ast.Constant) and n.value == 1


def _add(a, b):
    if _is0(a):
        return b
    if _is0(b):
        return a
    return ast.BinOp(a, ast.Add(), b)


def _sub(a, b):
    if _is0(b):
        return a
    if _is0(a):
        return ast.UnaryOp(ast.USub(), b)
    return ast.BinOp(a, ast.Sub(), b)


def _mul(a, b):
    if _is0(a) or _is0(b):
        return _c(0)
    if _is1(a):
        return b
    if _is1(b):
        return a
    return ast.BinOp(a, ast.Mult(), b)


def _div(a, b):
    if _is0(a):
        return _c(0)
    return ast.BinOp(a, ast.Div(), b)


def deriv(n, x):
    """d n / d x for the arithmetic subset the model uses (+ - * / and powers)."""
    if isinstance(n, ast.Expression):
        return deriv(n.body, x)
    if isinstance(n, ast.Name):
        return _c(1 if n.id == x else 0)
    if isinstance(n, ast.Constant):
        return _c(0)
    if isinstance(n, ast.UnaryOp) and isinstance(n.op, ast.USub):
        d = deriv(n.operand, x)
        return _c(0) if _is0(d) else ast.UnaryOp(ast.USub(), d)
    if isinstance(n, ast.BinOp):
        a, b = n.left, n.right
        da, db = deriv(a, x), deriv(b, x)
        if isinstance(n.op, ast.Add):
            return _add(da, db)
        if isinstance(n.op, ast.Sub):
            return _sub(da, db)
        if isinstance(n.op, ast.Mult):
            return _add(_mul(da, b), _mul(a, db))
        if isinstance(n.op, ast.Div):
            if _is0(db):
                return _div(da, b)
            return _div(_sub(_mul(da, b), _mul(a, db)), ast.BinOp(b, ast.Pow(), _c(2)))
        if isinstance(n.op, ast.Pow):
            if not _is0(db):
                raise ValueError("preview.py: variable exponents are not supported")
            if _is0(da):
                return _c(0)
            # d(a^b) = b * a^(b-1) * da  (b does not depend on the species)
            return _mul(_mul(b, ast.BinOp(a, ast.Pow(), _sub(b, _c(1)))), da)
    raise ValueError("preview.py: cannot differentiate " + ast.dump(n))


class Model:
    def __init__(self, path):
        root = ET.parse(path).getroot()
        m = root.find(SB + "model")
        self.species = [s.get("id") for s in m.find(SB + "listOfSpecies")]
        self.y0 = np.array([float(s.get("initialConcentration")) for s in m.find(SB + "listOfSpecies")])
        self.pnames = [p.get("id") for p in m.find(SB + "listOfParameters")]
        self.p0 = np.array([float(p.get("value")) for p in m.find(SB + "listOfParameters")])
        self.pidx = {n: i for i, n in enumerate(self.pnames)}
        self.sidx = {n: i for i, n in enumerate(self.species)}
        comps = m.find(SB + "listOfCompartments")
        self.cell_size = float(list(comps)[0].get("size"))
        self.init_assign = []
        lia = m.find(SB + "listOfInitialAssignments")
        if lia is not None:
            for ia in lia:
                self.init_assign.append((ia.get("symbol"), mathml_to_py(ia.find(MM + "math"))))
        self.reactions = []
        for r in m.find(SB + "listOfReactions"):
            st = {}
            for lst, sign in (("listOfReactants", -1), ("listOfProducts", 1)):
                l = r.find(SB + lst)
                if l is None:
                    continue
                for sr in l:
                    st[sr.get("species")] = st.get(sr.get("species"), 0) + sign * float(sr.get("stoichiometry"))
            law = mathml_to_py(r.find(SB + "kineticLaw").find(MM + "math"))
            self.reactions.append((r.get("id"), st, law))
        self._compile()

    def _compile(self):
        """Generate one Python function rhs(t, y, p) -> dy/dt (concentration/h, size-1 compartment)."""
        lines = ["def rhs(t, y, p):"]
        for i, s in enumerate(self.species):
            lines.append("    %s = y[%d]" % (s, i))
        for i, n in enumerate(self.pnames):
            lines.append("    %s = p[%d]" % (n, i))
        lines.append("    cell = %r" % self.cell_size)
        lines.append("    dy = [0.0] * %d" % len(self.species))
        for k, (rid, st, law) in enumerate(self.reactions):
            lines.append("    v = %s" % law)
            for s, c in st.items():
                lines.append("    dy[%d] += %r * v / cell" % (self.sidx[s], c))
        lines.append("    return dy")
        # analytic Jacobian: d rate / d species for each reaction, generated like the rhs
        jl = ["def jac(t, y, p):"]
        for i, sp in enumerate(self.species):
            jl.append("    %s = y[%d]" % (sp, i))
        for i, n in enumerate(self.pnames):
            jl.append("    %s = p[%d]" % (n, i))
        jl.append("    cell = %r" % self.cell_size)
        jl.append("    J = np.zeros((%d, %d))" % (len(self.species), len(self.species)))
        sset = set(self.species)
        for rid, st, law in self.reactions:
            tree = ast.parse(law, mode="eval").body
            used = sorted({nd.id for nd in ast.walk(tree) if isinstance(nd, ast.Name)} & sset)
            for sp in used:
                d = ast.unparse(ast.fix_missing_locations(deriv(tree, sp)))
                jl.append("    d = %s" % d)
                for s2, c in st.items():
                    jl.append("    J[%d, %d] += %r * d / cell" % (self.sidx[s2], self.sidx[sp], c))
        jl.append("    return J")
        ns = {"np": np}
        exec("\n".join(lines), ns)
        exec("\n".join(jl), ns)
        self.rhs = ns["rhs"]
        self.jac = ns["jac"]
        ia = ["def init(p):", "    y = list(Y0)"]
        for i, n in enumerate(self.pnames):
            ia.append("    %s = p[%d]" % (n, i))
        for sym, expr in self.init_assign:
            ia.append("    y[%d] = %s" % (self.sidx[sym], expr))
        ia.append("    return y")
        ns = {"Y0": list(self.y0)}
        exec("\n".join(ia), ns)
        self.init = ns["init"]


# ------------------------------------------------------------------------------ tables
def read_tsv(path):
    rows, header = [], None
    with open(path) as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            fields = line.split("\t")
            if header is None:
                header = fields
            else:
                rows.append(dict(zip(header, fields)))
    return rows


UNIT_SCALE = {"nm": ("M", 1e-3), "um": ("M", 1.0), "mm": ("M", 1e3), "ug/ml": ("ug/mL", 1.0),
              "u/ml": ("U/mL", 1.0)}


class World:
    def __init__(self, data_dir=None, model_path=None):
        d = data_dir or os.path.join(ROOT, "data")
        self.model = Model(model_path or os.path.join(d, "model", "ferroptosis_all.xml"))
        self.cells = read_tsv(os.path.join(d, "cells.tsv"))
        self.profiles = read_tsv(os.path.join(d, "cell_profiles.tsv"))
        self.genes = read_tsv(os.path.join(d, "genes.tsv"))
        self.agents = read_tsv(os.path.join(d, "agents.tsv"))
        self.effects = read_tsv(os.path.join(d, "agent_effects.tsv"))
        self.expr_params = [self.model.pidx[g["parameter"]] for g in self.genes]
        self._untreated = {}  # (cell, factors, t_end, times, k, cv, seed) -> untreated trajectory

    @staticmethod
    def _find(rows, key, name, what):
        f = fold(name)
        for r in rows:
            names = [r[key]] + [a for a in r.get("aliases", "").split(",") if a]
            if any(fold(n) == f for n in names):
                return r
        raise KeyError("unknown %s '%s'" % (what, name))

    def cell(self, name):
        return self._find(self.cells, "cell", name, "cell line")

    def agent(self, name):
        return self._find(self.agents, "agent", name, "agent")

    def gene(self, name):
        return self._find(self.genes, "gene", name, "gene")

    def parse_dose(self, agent, text):
        m = re.fullmatch(r"\s*([0-9.eE+-]+)\s*([a-zA-Zµ/]*)\s*", text)
        if not m:
            raise ValueError("bad dose '%s'" % text)
        v = float(m.group(1))
        unit = (m.group(2) or agent["unit"]).lower().replace("µ", "u")
        canon = agent["unit"].lower()
        if unit == canon:
            return v
        if unit in ("nm", "um", "mm") and canon in ("nm", "um", "mm"):
            return v * UNIT_SCALE[unit][1] / UNIT_SCALE[canon][1]
        mw = agent["mw_g_per_mol"]
        if unit == "ug/ml" and canon in ("nm", "um", "mm") and mw != "NA":
            return v / float(mw) * 1e3 / UNIT_SCALE[canon][1]
        if unit in ("nm", "um", "mm") and canon == "ug/ml" and mw != "NA":
            return v * UNIT_SCALE[unit][1] * float(mw) / 1e3
        raise ValueError("unit '%s' does not apply to %s (canonical %s)" % (unit, agent["agent"], agent["unit"]))

    def cell_params(self, cell, factors, doses, noise=None):
        """Parameter vector: defaults, doubling, profile, gene factors, noise, then agent effects."""
        m = self.model
        p = m.p0.copy()
        if "doubling_h" in m.pidx:
            p[m.pidx["doubling_h"]] = float(cell["doubling_h"])
        prof = {}
        for r in self.profiles:
            if r["cell"] == cell["cell"]:
                prof[r["gene"]] = float(r["level"])
        for g in self.genes:
            if g["gene"] in prof:
                p[m.pidx[g["parameter"]]] *= prof[g["gene"]]
        for gname, f in factors:
            p[m.pidx[self.gene(gname)["parameter"]]] *= f
        if noise is not None:
            for j, k in enumerate(self.expr_params):
                p[k] *= noise[j]
        for e in self.effects:
            dose = sum(d for a, d in doses if a["agent"] == e["agent"])
            if dose <= 0:
                continue
            ec50, h, emax = float(e["ec50"]), float(e["hill"]), float(e["emax"])
            f = 1.0 / (1.0 + (ec50 / dose) ** h)
            k = m.pidx[e["parameter"]]
            if e["effect"] == "inhibit":
                p[k] *= 1 - emax * f
            elif e["effect"] == "activate":
                p[k] *= 1 + emax * f
            else:
                p[k] += emax * f
        return p

    def simulate_cell(self, p, t_end, t_eval=None, method="BDF", rtol=1e-6, atol=1e-9):
        m = self.model
        y0 = m.init(p)
        sol = solve_ivp(m.rhs, (0.0, t_end), y0, method=method, args=(p,), rtol=rtol, atol=atol,
                        jac=m.jac if method in ("BDF", "Radau", "LSODA") else None,
                        t_eval=t_eval if t_eval is not None else [t_end])
        if not sol.success:
            raise RuntimeError("solver failed: %s" % sol.message)
        return sol.y  # nspecies x ntimes

    def run(self, cell_name, doses=(), factors=(), t_end=72.0, ncells=1, cv=0.25, seed=1, t_eval=None):
        """Population run: returns dict with viability, alive, mean species (weighted by viable)."""
        cell = self.cell(cell_name)
        doses = [(self.agent(a), d) for a, d in doses]
        m = self.model
        iv = m.sidx["viable"]
        fate = {m.sidx[s] for s in ("viable", "dead_ferro", "dead_apop") if s in m.sidx}
        tv = np.atleast_1d(t_eval if t_eval is not None else [t_end])
        sum_u = np.zeros(len(tv))
        sum_t = np.zeros(len(tv))
        sum_all = np.zeros(len(tv))
        sums = np.zeros((len(m.species), len(tv)))
        for k in range(ncells):
            noise = None
            if ncells > 1 and cv > 0:
                s2 = math.log1p(cv * cv)
                rng = np.random.default_rng([seed, k])
                noise = rng.lognormal(-0.5 * s2, math.sqrt(s2), len(self.expr_params))
            yu = None
            if doses:
                key = (cell["cell"], tuple(factors), t_end, tuple(tv), k, ncells, cv, seed)
                if key not in self._untreated:
                    pu = self.cell_params(cell, factors, [], noise)
                    self._untreated[key] = self.simulate_cell(pu, t_end, tv)
                yu = self._untreated[key]
            pt = self.cell_params(cell, factors, doses, noise)
            yt = self.simulate_cell(pt, t_end, tv)
            if yu is None:
                yu = yt
            sum_u += yu[iv]
            sum_t += yt[iv]
            sum_all += yt[iv] + sum(yt[m.sidx[s]] for s in ("dead_ferro", "dead_apop"))
            for j in range(len(m.species)):
                sums[j] += yt[j] if j in fate else yt[j] * yt[iv]
        mean = {}
        for j, s in enumerate(m.species):
            mean[s] = sums[j] / ncells if j in fate else sums[j] / np.maximum(sum_t, 1e-300)
        return {"time": tv, "viability": sum_t / sum_u, "alive": sum_t / sum_all, "mean": mean}


# ------------------------------------------------------------------------------ findings
CHECK_RE = re.compile(r"^\s*(.+?)\s*(<=|>=|<|>)\s*([-+0-9.eE]+)\s*$")
TERM_RE = re.compile(r"\s*([A-Za-z_][A-Za-z0-9_]*)\s*(?:@\s*([^\[]+?))?\s*\[([^\]]*)\]\s*")


def parse_cond(text):
    doses, factors = [], []
    for item in [x.strip() for x in text.split(",") if x.strip()]:
        if "*" in item:
            g, f = item.split("*", 1)
            factors.append((g.strip(), float(f)))
        elif "=" in item:
            a, d = item.split("=", 1)
            doses.append((a.strip(), d.strip()))
        else:
            raise ValueError("bad condition item '%s'" % item)
    return doses, factors


def parse_check(text):
    m = CHECK_RE.match(text)
    if not m:
        raise ValueError("bad check '%s'" % text)
    lhs, op, thr = m.group(1), m.group(2), float(m.group(3))
    terms, ops, pos = [], [], 0
    while True:
        t = TERM_RE.match(lhs, pos)
        if not t:
            raise ValueError("bad term in '%s' at %d" % (lhs, pos))
        terms.append((t.group(1), (t.group(2) or "").strip(), t.group(3)))
        pos = t.end()
        if pos >= len(lhs):
            break
        if lhs[pos] not in "-/":
            raise ValueError("expected '-' or '/' in '%s' at %d" % (lhs, pos))
        ops.append(lhs[pos])
        pos += 1
    if len(terms) > 2:
        raise ValueError("at most two terms per check: '%s'" % text)
    return terms, ops, op, thr


def evaluate_finding(world, row, ncells=None):
    cells = [c.strip() for c in row["cells"].split(",") if c.strip()]
    t_end = float(row["time_h"])
    ncells = ncells or int(row["ncells"])
    cache = {}
    results = []
    for cell in cells:
        for chk in [c.strip() for c in row["checks"].split(";") if c.strip()]:
            terms, ops, op, thr = parse_check(chk)
            vals = []
            for meas, tcell, cond in terms:
                cname = tcell or cell
                doses, factors = parse_cond(cond)
                key = (cname, tuple(doses), tuple(factors))
                if key not in cache:
                    ag = [(a, world.parse_dose(world.agent(a), d)) for a, d in doses]
                    cache[key] = world.run(cname, ag, factors, t_end, ncells=ncells, seed=1)
                r = cache[key]
                if meas == "viability":
                    v = r["viability"][-1]
                elif meas == "alive":
                    v = r["alive"][-1]
                elif meas == "ferro_share":
                    f, a = r["mean"]["dead_ferro"][-1], r["mean"]["dead_apop"][-1]
                    v = f / (f + a) if f + a > 0 else float("nan")
                else:
                    v = r["mean"][meas][-1]
                vals.append(v)
            val = vals[0] if not ops else (vals[0] - vals[1] if ops[0] == "-" else vals[0] / vals[1])
            ok = {"<=": val <= thr, ">=": val >= thr, "<": val < thr, ">": val > thr}[op]
            results.append((cell, chk, val, ok))
    return results


def cmd_findings(args):
    w = World(args.data, args.model)
    rows = read_tsv(os.path.join(args.data or os.path.join(ROOT, "data"), "findings.tsv"))
    npass = 0
    for row in rows:
        if args.ids and row["id"] not in args.ids:
            continue
        t0 = time.time()
        res = evaluate_finding(w, row, args.ncells)
        ok = all(r[3] for r in res)
        npass += ok
        print("%s %s  (%.1fs) %s" % (row["id"], "PASS" if ok else "FAIL", time.time() - t0, row["claim"]), flush=True)
        for cell, chk, val, good in res:
            if args.verbose or not good:
                print("    %-4s %-10s %-70s measured %.4g" % ("ok" if good else "FAIL", cell, chk, val))
    print("%d passed" % npass)


def parse_pairs(items, numeric):
    out = []
    for it in items or []:
        k, v = it.split("=", 1)
        out.append((k, float(v) if numeric else v))
    return out


def cmd_simulate(args):
    w = World(args.data, args.model)
    doses = [(a, w.parse_dose(w.agent(a), d)) for a, d in parse_pairs(args.drug, False)]
    factors = parse_pairs(args.set, True)
    tv = np.arange(0, args.time + 1e-9, args.step)
    r = w.run(args.cell, doses, factors, args.time, ncells=args.cells, cv=args.cv, seed=args.seed, t_eval=tv)
    cols = args.species.split(",") if args.species else w.model.species
    print("time_h\tviability\t" + "\t".join(cols))
    for i, t in enumerate(r["time"]):
        print("%g\t%.4f\t" % (t, r["viability"][i]) + "\t".join("%.4g" % r["mean"][c][i] for c in cols))


def cmd_table(args):
    w = World(args.data, args.model)
    print("cell\tviability_erastin_%guM\tdead_ferro\tdead_apop\tGSH_untreated\tPLOOH_untreated" % args.erastin)
    for c in w.cells:
        u = w.run(c["cell"], [], [], args.time)
        r = w.run(c["cell"], [("erastin", args.erastin)], [], args.time)
        print("%s\t%.3f\t%.3f\t%.3f\t%.0f\t%.2g" % (c["cell"], r["viability"][-1], r["mean"]["dead_ferro"][-1],
                                               r["mean"]["dead_apop"][-1], u["mean"]["GSH"][-1], u["mean"]["PLOOH"][-1]))


def main():
    ap = argparse.ArgumentParser(description="SciPy preview simulator of the ferrosim model")
    ap.add_argument("--data", default=None, help="data directory (default: the project's data/)")
    ap.add_argument("--model", default=None, help="SBML model (default: data/model/ferroptosis_all.xml)")
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("simulate")
    s.add_argument("--cell", required=True)
    s.add_argument("--drug", action="append")
    s.add_argument("--set", action="append")
    s.add_argument("--time", type=float, default=72)
    s.add_argument("--step", type=float, default=12)
    s.add_argument("--cells", type=int, default=1)
    s.add_argument("--cv", type=float, default=0.25)
    s.add_argument("--seed", type=int, default=1)
    s.add_argument("--species", default="viable,dead_ferro,dead_apop,GSH,GPX4,PLOOH,Fe_labile,ROS")
    s.set_defaults(fn=cmd_simulate)
    t = sub.add_parser("table")
    t.add_argument("--erastin", type=float, default=5)
    t.add_argument("--time", type=float, default=72)
    t.set_defaults(fn=cmd_table)
    f = sub.add_parser("findings")
    f.add_argument("ids", nargs="*")
    f.add_argument("-v", "--verbose", action="store_true")
    f.add_argument("--ncells", type=int, default=None, help="override the table's ncells (1 = mean cell, fast)")
    f.set_defaults(fn=cmd_findings)
    args = ap.parse_args()
    args.fn(args)


if __name__ == "__main__":
    main()
