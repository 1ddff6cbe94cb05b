#!/usr/bin/python3
"""population_peer.py — the SciPy peer's figures for bench/population.sh, on the same model and
tables: scripts/model/preview.py (solve_ivp BDF, finite-difference Jacobian), one thread.
    population_peer.py DATA_DIR CELL AGENT DOSE N_SINGLE N_POP
"""
import os
import sys
import time

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
sys.path.insert(0, os.path.join(ROOT, "scripts", "model"))
import preview  # noqa: E402

data, cell, agent, dose, nsingle, npop = sys.argv[1:7]
nsingle, npop = int(nsingle), int(npop)
w = preview.World(data_dir=data)
c = w.cell(cell)
a = w.agent(agent)
p = w.cell_params(c, [], [])
r = w.run(cell, [(agent, w.parse_dose(a, dose))], [], t_end=72.0, ncells=1)
print("cell_viability_72h\t%.6g" % r["viability"][-1])
t0, c0 = time.perf_counter(), time.process_time()
for _ in range(nsingle):
    w.simulate_cell(p, 72.0)
print("single_cell_us\t%.1f" % (1e6 * (time.perf_counter() - t0) / nsingle))
print("single_cell_cpu_us\t%.1f" % (1e6 * (time.process_time() - c0) / nsingle))
t0, c0 = time.perf_counter(), time.process_time()
r = w.run(cell, [(agent, w.parse_dose(a, dose))], [], t_end=72.0, ncells=npop, t_eval=[float(t) for t in range(73)])
dt, dc = time.perf_counter() - t0, time.process_time() - c0
print("pop_cells_per_s_1t\t%.2f" % (npop / dt))
print("pop_cells_per_cpu_s_1t\t%.2f" % (npop / dc))
print("pop_viability_72h\t%.6g" % r["viability"][-1])
