#!/usr/bin/python3
"""hand_worked.py - synergy scores worked from the definitions, in closed form, for tests/synergy.

Run from this folder: /usr/bin/python3 hand_worked.py
Writes <case>.tsv (drug_a, dose_a, drug_b, dose_b, viability: the input of `ferrosim combo --data`)
and expected.tsv (case, dose_a, dose_b, method, score) for the cells worked out.
Responses: y = % inhibition = 100 (1 - viability); score = observed y - expected y.

small        3 x 3, integers: Bliss  E = yA + yB - yA yB / 100;  HSA  E = max(yA, yB)
             (observed single agents). Loewe/ZIP are not defined by hand here (3 doses < 4
             parameters) and are not checked.
bliss_add    v = 1 / ((1 + a/mA)(1 + b/mB)), mA = 1, mB = 2, both 4PL with bottom 0, top 1, hill 1.
             Bliss = 0 everywhere. Loewe (hill 1, same Emax): XA(y) = mA y / (100 - y), so
             a/XA + b/XB = 1  <=>  y = 100 s / (1 + s), s = a/mA + b/mB.
             ZIP: every row slice v(a | b) = [1/(1+b/mB)] / (1 + a/mA) is exactly the 4PL with top
             held at B's response, bottom 0, hill 1 (column slices likewise), so the refitted surface
             equals the data and delta = y - (yA + yB - yA yB/100) = 0.
zip_k3       v = 1 / (1 + α + β + 3 α β), α = a/mA, β = b/mB (mA = 1, mB = 2). Row slice at fixed b:
             v = [1/(1+β)] / (1 + a / c(b)) with c(b) = mA (1+β)/(1+3β): again exactly the held-top
             4PL, so delta = y - yBliss = 100 [1/((1+α)(1+β)) - v]. Loewe as above; HSA by max.
             Most synergistic 3 x 3 window: the mean of delta over the window, maximised.
loewe_emax   A: bottom 0, top 1, hill 1, mA = 1 (max 100%); B: bottom 0.5, top 1, hill 1, mB = 1
             (max 50%). XA(y) = y/(100-y), XB(y) = y/(50-y) for y < 50:
             a (100-y)/y + b (50-y)/y = 1  <=>  y = (100 a + 50 b) / (1 + a + b), valid when y < 50,
             i.e. a < 1. For a > 1 there is no root where both curves reach: SynergyFinder's fallback
             max(fA(a+b), fB(a+b)) = 100 (a+b)/(1+a+b). Combination viability: Bliss-independent.
"""

def write_case(name, da, db, v):
    with open(name + ".tsv", "w") as f:
        f.write("drug_a\tdose_a\tdrug_b\tdose_b\tviability\n")
        for i, a in enumerate(da):
            for j, b in enumerate(db):
                f.write("A\t%r\tB\t%r\t%r\n" % (a, b, v(i, j, a, b)))

rows = []
def expect(case, a, b, method, score):
    rows.append("%s\t%.17g\t%.17g\t%s\t%.15g" % (case, a, b, method, score))

# small
V = [[1.0, 0.8, 0.6], [0.9, 0.6, 0.4], [0.7, 0.5, 0.2]]
d = [0, 1, 2]
write_case("small", d, d, lambda i, j, a, b: V[i][j])
Y = [[round(100 * (1 - x), 10) for x in r] for r in V]
for i in (1, 2):
    for j in (1, 2):
        ya, yb = Y[i][0], Y[0][j]
        expect("small", d[i], d[j], "bliss", Y[i][j] - (ya + yb - ya * yb / 100))
        expect("small", d[i], d[j], "hsa", Y[i][j] - max(ya, yb))
# summaries by hand: bliss (12+14+6+22)/4 = 13.5, hsa (20+20+20+40)/4 = 25
expect("small", -1, -1, "bliss_mean", 13.5)
expect("small", -1, -1, "hsa_mean", 25.0)

da = [0, 0.5, 1, 2, 4]
db = [0, 1, 2, 4, 8]
mA, mB = 1.0, 2.0
def loewe_h1(a, b):
    s = a / mA + b / mB
    return 100 * s / (1 + s)

for case, k in (("bliss_add", 1.0), ("zip_k3", 3.0)):
    def v(i, j, a, b, k=k):
        al, be = a / mA, b / mB
        return 1 / (1 + al + be + k * al * be)
    write_case(case, da, db, v)
    delta = {}
    for i in range(1, 5):
        for j in range(1, 5):
            a, b = da[i], db[j]
            al, be = a / mA, b / mB
            y = 100 * (1 - v(i, j, a, b))
            ya, yb = 100 * al / (1 + al), 100 * be / (1 + be)
            bl = y - (ya + yb - ya * yb / 100)
            delta[(i, j)] = bl
            expect(case, a, b, "bliss", bl)
            expect(case, a, b, "zip", bl)
            expect(case, a, b, "hsa", y - max(ya, yb))
            expect(case, a, b, "loewe", y - loewe_h1(a, b))
    best = max((sum(delta[(i + p, j + q)] for p in range(3) for q in range(3)) / 9, i, j)
               for i in (1, 2) for j in (1, 2))
    if case == "zip_k3":
        expect(case, da[best[1]], db[best[2]], "zip_msa", best[0])

da2 = [0, 0.25, 0.5, 2, 4]
db2 = [0, 0.5, 1, 2, 4]
fa = lambda a: 100 * a / (1 + a)
fb = lambda b: 50 * b / (1 + b)
write_case("loewe_emax", da2, db2, lambda i, j, a, b: (1 - fa(a) / 100) * (1 - fb(b) / 100))
for i in range(1, 5):
    for j in range(1, 5):
        a, b = da2[i], db2[j]
        y = 100 - (1 - fa(a) / 100) * (1 - fb(b) / 100) * 100
        e = (100 * a + 50 * b) / (1 + a + b) if a < 1 else 100 * (a + b) / (1 + a + b)
        expect("loewe_emax", a, b, "loewe", y - min(e, 100))

with open("expected.tsv", "w") as f:
    f.write("case\tdose_a\tdose_b\tmethod\tscore\n")
    f.write("\n".join(rows) + "\n")
