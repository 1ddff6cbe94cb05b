/* fast.c — fast reactions as rapid equilibria: their fluxes w keep the fast rate laws v_F at 0.
 * Differentiating v_F(x(t)) = 0 along dx/dt = d_slow + N_F w gives (G N_F) w = -G d_slow with
 * G = dv_F/dx, obtained exactly by forward mode in directions d_slow and the columns of N_F.
 * At the start and after events the state is projected onto v_F = 0 along N_F (Newton). */
#include <math.h>
#include <string.h>

#include "solver/solver_impl.h"

int fs_gauss(double *A, double *b, int n);

/* Tangents of the fast rates in K = 1 + nfast directions: dir0 (may be NULL) then N_F. */
static void fast_tangents(ferro_solver_t *s, const double *dir0)
{
    const ferro_model_t *m = s->m;
    const int F = m->nfast, K = 1 + F;
    for (int i = 0; i < s->n; i++) {
        double *d = s->vd_fast + (long)m->st_slot[i] * K;
        d[0] = dir0 ? dir0[i] : 0.0;
        for (int f = 0; f < F; f++) d[1 + f] = s->fast_n[(long)f * s->n + i];
    }
    fx_run_tangent(m->code.ins, m->fast.start, m->fast.end, s->v, s->vd_fast, K);
}

int fs_fast_rhs(ferro_solver_t *s, double *ydot)
{
    const ferro_model_t *m = s->m;
    const int F = m->nfast, K = 1 + F;
    fast_tangents(s, ydot);
    for (int f = 0; f < F; f++) {
        const double *g = s->vd_fast + (long)m->fast_rate[f] * K;
        s->rfast[f] = -g[0];
        for (int h = 0; h < F; h++) s->jfast[f * F + h] = g[1 + h];
    }
    if (fs_gauss(s->jfast, s->rfast, F)) /* rates that do not depend on the state (e.g. a rate */
        for (int f = 0; f < F; f++) s->rfast[f] = 0.0; /* constant 0): no equilibrium flux */
    for (int f = 0; f < F; f++) {
        s->v[m->fast_w[f]] = s->rfast[f];
        for (int i = 0; i < s->n; i++) ydot[i] += s->fast_n[(long)f * s->n + i] * s->rfast[f];
    }
    return 0;
}

/* Pseudo-transient continuation: implicit Euler steps of the fast subsystem dx/dt = N_F v_F(x)
 * with growing steps, ending as Newton's method. It reaches the equilibrium the fast reactions
 * run into (where v_F = 0 has several roots, Newton alone may pick any, or stall). */
void fs_fast_stoichiometry(ferro_solver_t *s)
{
    const ferro_model_t *m = s->m;
    memset(s->fast_n, 0, (size_t)m->nfast * (size_t)s->n * sizeof *s->fast_n);
    for (int k = 0; k < m->nfterm; k++) {
        const struct fxm_fast_term *t = &m->fterm[k];
        double st = t->st_slot >= 0 ? s->v[t->st_slot] : t->st_num;
        s->fast_n[(long)t->f * s->n + t->state] += t->sign * st * (t->cf_slot >= 0 ? s->v[t->cf_slot] : 1.0);
    }
}

int fs_fast_project(ferro_solver_t *s)
{
    const ferro_model_t *m = s->m;
    const int F = m->nfast, K = 1 + F;
    if (!F) return 0;
    double h = 1e-4;
    for (int it = 0; it < 400; it++) {
        fast_tangents(s, NULL);
        double rmax = 0;
        for (int f = 0; f < F; f++) {
            const double *g = s->vd_fast + (long)m->fast_rate[f] * K;
            s->rfast[f] = s->v[m->fast_rate[f]];
            if (fabs(s->rfast[f]) > rmax) rmax = fabs(s->rfast[f]);
            for (int q = 0; q < F; q++) s->jfast[f * F + q] = (f == q) / h - g[1 + q];
        }
        if (rmax == 0.0) return 0;
        if (!isfinite(rmax) || fs_gauss(s->jfast, s->rfast, F)) return -1;
        double step = 0, size = 0;
        for (int i = 0; i < s->n; i++) {
            double dx = 0;
            for (int f = 0; f < F; f++) dx += s->fast_n[(long)f * s->n + i] * s->rfast[f];
            s->v[m->st_slot[i]] += dx;
            if (fabs(dx) > step) step = fabs(dx);
            if (fabs(s->v[m->st_slot[i]]) > size) size = fabs(s->v[m->st_slot[i]]);
        }
        if (h > 1e12 && step <= 1e-14 * (size + 1e-300)) return 0;
        h = h < 1e15 ? h * 4 : h;
    }
    return -1;
}
