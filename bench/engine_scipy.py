#!/usr/bin/python3
"""SciPy peer for bench/engine.sh: integrates the same right-hand side (emitted from the model by
`engine_bench emit-py`) with solve_ivp (BDF and LSODA), same tolerances, and times it.
Usage: engine_scipy.py GENERATED.py T NOUT RTOL ATOL REPS"""
import importlib.util, sys, time
import numpy as np
from scipy.integrate import solve_ivp

path, T, nout, rtol, atol, reps = sys.argv[1], float(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5]), int(sys.argv[6])
spec = importlib.util.spec_from_file_location("gen", path)
gen = importlib.util.module_from_spec(spec)
spec.loader.exec_module(gen)
v = list(gen.V0)
ydot = [0.0] * gen.NSTATES

def f(t, y):
    return np.array(gen.rhs(t, y, v, ydot))

y0 = np.array(gen.Y0)
n = 2000
t0 = time.process_time()
for _ in range(n):
    f(0.0, y0)
print("python_rhs_ns\t%.1f" % (1e9 * (time.process_time() - t0) / n))
times = [T * (i + 1) / nout for i in range(nout)]
for method in ("BDF", "LSODA"):
    t0 = time.process_time()
    for _ in range(reps):
        sol = solve_ivp(f, (0.0, T), y0, method=method, t_eval=times, rtol=rtol, atol=atol)
    dt = (time.process_time() - t0) / reps
    print("scipy_%s_us\t%.1f\t(nfev %d, status %d)" % (method, 1e6 * dt, sol.nfev, sol.status))
    print("scipy_%s_final_states\t%s" % (method, "\t".join("%.6g" % x for x in sol.y[:4, -1])))
