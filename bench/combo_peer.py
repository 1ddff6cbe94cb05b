#!/usr/bin/python3
"""combo_peer.py — the SciPy peer of bench/combo.sh's simulation part: the cells of one well of
the combination matrix (both agents at the middle of their ranges), each simulated untreated and
treated over 72 h as ferrosim does, by scripts/model/preview.py (the same model and tables in
NumPy; solve_ivp BDF with the analytic Jacobian) at ferrosim's screening tolerances (rtol 1e-4,
atol 1e-8). One thread. Prints the CPU time per cell simulation and the well's viability.
    combo_peer.py DATA_DIR CELL AGENT_A DOSE_A AGENT_B DOSE_B NCELLS
"""
import math
import os
import sys
import time

import numpy as np

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
sys.path.insert(0, os.path.join(ROOT, "scripts", "model"))
import preview  # noqa: E402

data, cell_name, a_name, a_dose, b_name, b_dose, ncells = sys.argv[1:8]
ncells = int(ncells)
w = preview.World(data_dir=data)
cell = w.cell(cell_name)
a, b = w.agent(a_name), w.agent(b_name)
doses = [(a, w.parse_dose(a, a_dose)), (b, w.parse_dose(b, b_dose))]
iv = w.model.sidx["viable"]
cv = 0.25
s2 = math.log1p(cv * cv)
sum_u = sum_t = 0.0
c0 = time.process_time()
for k in range(ncells):
    noise = np.random.default_rng([1, k]).lognormal(-0.5 * s2, math.sqrt(s2), len(w.expr_params))
    yu = w.simulate_cell(w.cell_params(cell, [], [], noise), 72.0, rtol=1e-4, atol=1e-8)
    yt = w.simulate_cell(w.cell_params(cell, [], doses, noise), 72.0, rtol=1e-4, atol=1e-8)
    sum_u += yu[iv][-1]
    sum_t += yt[iv][-1]
dc = time.process_time() - c0
print("peer_cpu_ms_per_sim\t%.3f" % (1e3 * dc / (2 * ncells)))
print("peer_viability\t%.6g" % (sum_t / sum_u))
