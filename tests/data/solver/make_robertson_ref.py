#!/usr/bin/python3
"""Reference solution of the Robertson problem (independent of ferrosim and SUNDIALS):
SciPy's Radau (implicit Runge-Kutta) at rtol 1e-12, atol 1e-20, analytic Jacobian.
Run: /usr/bin/python3 tests/data/solver/make_robertson_ref.py > tests/data/solver/robertson_ref.tsv"""
import numpy as np
from scipy.integrate import solve_ivp

def f(t, y):
    return [-0.04 * y[0] + 1e4 * y[1] * y[2],
            0.04 * y[0] - 1e4 * y[1] * y[2] - 3e7 * y[1] ** 2,
            3e7 * y[1] ** 2]

def jac(t, y):
    return [[-0.04, 1e4 * y[2], 1e4 * y[1]],
            [0.04, -1e4 * y[2] - 6e7 * y[1], -1e4 * y[1]],
            [0.0, 6e7 * y[1], 0.0]]

times = [0.4 * 10 ** k for k in range(0, 9)]
sol = solve_ivp(f, (0, times[-1]), [1.0, 0.0, 0.0], method="Radau", t_eval=times,
                rtol=1e-12, atol=1e-20, jac=jac)
print("# Robertson problem, SciPy %s Radau rtol 1e-12 atol 1e-20 (make_robertson_ref.py)" % __import__("scipy").__version__)
print("time\ty1\ty2\ty3")
for i, t in enumerate(sol.t):
    print("%.10g\t%.15e\t%.15e\t%.15e" % (t, sol.y[0][i], sol.y[1][i], sol.y[2][i]))
