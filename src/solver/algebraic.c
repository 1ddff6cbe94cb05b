/* algebraic.c — the variables of algebraic rules, solved by Newton's method before every
 * evaluation (exact Jacobian of the residuals by forward mode; Gaussian elimination with
 * partial pivoting, written here because the systems are a handful of unknowns solved
 * thousands of times and must not allocate). */
#include <math.h>
#include <string.h>

#include "solver/solver_impl.h"

/* Solve A x = b in place (A n x n row-major, destroyed); 0 or -1 if singular. */
int fs_gauss(double *A, double *b, int n)
{
    for (int c = 0; c < n; c++) {
        int p = c;
        for (int r = c + 1; r < n; r++)
            if (fabs(A[r * n + c]) > fabs(A[p * n + c])) p = r;
        if (!(fabs(A[p * n + c]) > 0.0)) return -1;
        if (p != c) {
            for (int k = 0; k < n; k++) { double t = A[c * n + k]; A[c * n + k] = A[p * n + k]; A[p * n + k] = t; }
            double t = b[c]; b[c] = b[p]; b[p] = t;
        }
        for (int r = c + 1; r < n; r++) {
            double f = A[r * n + c] / A[c * n + c];
            for (int k = c; k < n; k++) A[r * n + k] -= f * A[c * n + k];
            b[r] -= f * b[c];
        }
    }
    for (int r = n - 1; r >= 0; r--) {
        double x = b[r];
        for (int k = r + 1; k < n; k++) x -= A[r * n + k] * b[k];
        b[r] = x / A[r * n + r];
    }
    return 0;
}

int fs_solve_algebraic(ferro_solver_t *s)
{
    const ferro_model_t *m = s->m;
    const int n = m->nalg;
    if (!n) return 0;
    double *v = s->v, *vd = s->vd_alg, *J = s->jalg, *r = s->ralg;
    for (int j = 0; j < n; j++)
        if (!isfinite(v[m->alg_slot[j]])) v[m->alg_slot[j]] = 1.0; /* an unset start */
    for (int it = 0; it < 60; it++) {
        for (int j = 0; j < n; j++) {
            double *d = vd + (long)m->alg_slot[j] * n;
            for (int k = 0; k < n; k++) d[k] = (k == j);
        }
        fx_run_tangent(m->code.ins, m->alg.start, m->alg.end, v, vd, n);
        double rmax = 0;
        for (int i = 0; i < n; i++) {
            r[i] = -v[m->alg_res[i]];
            if (!(fabs(r[i]) <= rmax)) rmax = isnan(r[i]) ? INFINITY : fabs(r[i]);
            for (int j = 0; j < n; j++) J[i * n + j] = vd[(long)m->alg_res[i] * n + j];
        }
        if (rmax == 0.0) return 0;
        if (!isfinite(rmax) || fs_gauss(J, r, n)) return -1;
        double step = 0;
        for (int j = 0; j < n; j++) {
            double *z = &v[m->alg_slot[j]];
            *z += r[j];
            double rel = fabs(r[j]) / (fabs(*z) + 1e-300);
            if (rel > step) step = rel;
        }
        if (step <= 1e-14) {
            fx_run(m->code.ins, m->alg.start, m->alg.end, v);
            return 0;
        }
    }
    return -1;
}

int fs_dependent(ferro_solver_t *s)
{
    const ferro_model_t *m = s->m;
    if (m->ndelay && !m->delay_after_alg) fs_delay_eval(s);
    if (fs_solve_algebraic(s)) return -1;
    if (m->delay_after_alg) fs_delay_eval(s); /* a delay time reads an algebraic variable */
    return 0;
}

void fs_full(ferro_solver_t *s)
{
    const ferro_model_t *m = s->m;
    fs_dependent(s);
    fx_run(m->code.ins, m->full.start, m->full.end, s->v);
}
