"""bench/synergy_compare.py — agreement of `ferrosim combo --data --json` with the R peer
(tests/data/synergy/synergy_reference.R score): the largest |ferrosim - R| per synergy method over
the cells of the matrix, NA (no score) on one side only counted as a disagreement, and the
single-agent fit statuses and Loewe fallback counts of both.
Usage: python3 bench/synergy_compare.py OURS.json R.tsv   (one matrix: one drug pair)"""
import json
import math
import sys

METHODS = ("bliss", "hsa", "loewe", "zip")


def main(ours_path, r_path):
    with open(ours_path) as f:
        ours = json.load(f)
    if len(ours) != 1:
        sys.exit(f"{ours_path}: expected one drug pair, found {len(ours)}")
    ours = ours[0]
    info, r = "", {}
    with open(r_path) as f:
        lines = [ln.rstrip("\n") for ln in f]
    for ln in lines:
        if ln.startswith("#"):
            info = ln[1:].strip()
    rows = [ln.split("\t") for ln in lines if not ln.startswith("#")]
    head = rows[0]
    for row in rows[1:]:
        v = dict(zip(head, row))
        r[(float(v["dose_a"]), float(v["dose_b"]))] = {m: float(v[m]) if v[m] != "NA" else math.nan for m in METHODS}
    worst = {m: 0.0 for m in METHODS}
    one_sided = {m: 0 for m in METHODS}
    both_na = {m: 0 for m in METHODS}
    n = unmatched = 0
    for c in ours["cells"]:
        # the R side reads the doses back from the matrix file: match at 6 significant digits
        key = next((k for k in r if math.isclose(k[0], c["dose_a"], rel_tol=1e-5, abs_tol=1e-300)
                    and math.isclose(k[1], c["dose_b"], rel_tol=1e-5, abs_tol=1e-300)), None)
        if key is None:
            unmatched += 1
            continue
        n += 1
        for m in METHODS:
            a, b = c[m], r[key][m]
            a = math.nan if a is None else a
            if math.isnan(a) or math.isnan(b):
                if math.isnan(a) and math.isnan(b):
                    both_na[m] += 1
                else:
                    one_sided[m] += 1
                continue
            worst[m] = max(worst[m], abs(a - b))
    parts = []
    for m in METHODS:
        s = f"{m} {worst[m]:.2g}"
        if one_sided[m]:
            s += f" ({one_sided[m]} cells NA on one side only)"
        if both_na[m]:
            s += f" ({both_na[m]} cells NA on both)"
        parts.append(s)
    print(f"  {n} cells compared ({unmatched} unmatched); largest |ferrosim - R| in percentage points: " + ", ".join(parts))
    # ferrosim's fit statuses in the words of the R peer's '#' line
    da = sorted({c["dose_a"] for c in ours["cells"]})
    db = sorted({c["dose_b"] for c in ours["cells"]})
    z = ours["zip_refits"]
    nofit = [f"B = {d:g} {st}" for d, st in zip(db[1:], z["columns"]) if st != "ok"]
    nofit += [f"A = {d:g} {st}" for d, st in zip(da[1:], z["rows"]) if st != "ok"]
    both = ours["fit_a"]["status"] == "ok" and ours["fit_b"]["status"] == "ok"
    mine = (f"single-agent fits: A {ours['fit_a']['status']}, B {ours['fit_b']['status']}; Loewe fallback cells: "
            + (str(ours["loewe_fallback_cells"]) if both else "NA (no Loewe without both fits)")
            + "; ZIP refits kept as observed: " + (", ".join(nofit) if nofit else "none"))
    print(f"  ferrosim: {mine}")
    print(f"  R peer:   {info}")
    if not info.endswith(mine):
        print("  (the fit statuses differ: where one side keeps a slice's observed responses and the other fits"
              " it, ZIP differs there)")
    return 0 if n and not unmatched and not any(one_sided.values()) else 1


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1], sys.argv[2]))
