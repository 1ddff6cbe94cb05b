#!/usr/bin/python3
"""Write reference_scipy.tsv: the fixture simulated by the SciPy peer (scripts/model/preview.py:
its own SBML reader, table handling and solve_ivp BDF, rtol 1e-6, atol 1e-9), one mean cell per
case (no noise: the peer's random numbers differ from GSL's). test_reference.c runs the same
cases through src/population and compares.
Run from the repository root: /usr/bin/python3 tests/data/population/make_reference.py
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "scripts", "model"))
import preview  # noqa: E402

# case, cell, drugs (agent=dose;...), gene factors (GENE=F;...): names as the peer needs them
# (its effects match agents by main name only and its profiles by gene symbol only)
CASES = [
    ("set_gpx4", "RS4;11", "", "GPX4=5"),
    ("erastin", "RS4;11", "erastin=2", ""),
    ("rsl3_dfo", "RS4;11", "RSL3=50nM;deferoxamine=5", ""),
    ("fac_bso", "normal lymphocyte", "ferric ammonium citrate=50ug/mL;buthionine sulfoximine=10", "NFE2L2=0.5"),
    ("rapa_asp", "RS4;11", "rapamycin=1ug/mL;L-asparaginase=0.1", ""),
    ("zno_nac", "RS4;11", "ZnO nanoparticles=20;N-acetylcysteine=1mM", "SLC7A11=0.2"),
]
SPECIES = ["GPX4", "GSH", "LPO", "viable", "dead_ferro", "dead_apop"]


def pairs(text):
    return [tuple(x.split("=", 1)) for x in text.split(";") if x]


def main():
    w = preview.World(data_dir=HERE)
    times = [12.0 * i for i in range(7)]
    print("# made by make_reference.py with scripts/model/preview.py (SciPy solve_ivp BDF, rtol 1e-6, atol 1e-9)")
    print("\t".join(["case", "cell", "drugs", "sets", "time_h", "viability"] + SPECIES))
    for case, cell, drugs, sets in CASES:
        doses = [(a, w.parse_dose(w.agent(a), d)) for a, d in pairs(drugs)]
        factors = [(g, float(f)) for g, f in pairs(sets)]
        r = w.run(cell, doses, factors, t_end=72.0, ncells=1, t_eval=times)
        for i, t in enumerate(times):
            row = [case, cell, drugs or "-", sets or "-", "%g" % t, "%.12g" % r["viability"][i]]
            row += ["%.12g" % r["mean"][s][i] for s in SPECIES]
            print("\t".join(row))


main()
