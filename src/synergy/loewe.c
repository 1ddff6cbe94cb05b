/* loewe.c — Loewe additivity from the fitted single-agent curves: the expected response y of
 * doses (a, b) solves a / XA(y) + b / XB(y) = 1 (XA, XB the inverse 4PL curves). The root is
 * bracketed by scanning the range both curves reach and polished with GSL's Brent solver. Where
 * there is no root in that range (e.g. one agent's maximal effect is below y), SynergyFinder's
 * fallback: the larger of the two curves at the total dose a + b. Capped at 100 as there. */
#include "synergy/synergy_internal.h"

#include <math.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_roots.h>

double ferro_syn_fitted_inhib(const ferro_dr_fit_t *fit, double x)
{
    return 100.0 * (1.0 - ferro_dr_eval(fit, x));
}

typedef struct { const ferro_dr_fit_t *fa, *fb; double a, b; } loewe_eq_t;

static double dose_for(const ferro_dr_fit_t *f, double y) { return ferro_dr_inverse(f, 1.0 - y / 100.0); }

static double loewe_g(double y, void *params)
{
    const loewe_eq_t *e = params;
    return e->a / dose_for(e->fa, y) + e->b / dose_for(e->fb, y) - 1.0;
}

/* Open inhibition interval a fitted curve spans (between its two asymptotes). */
static void span(const ferro_dr_fit_t *f, double *lo, double *hi)
{
    double y0 = 100 * (1 - f->est[FERRO_DR_TOP]), y1 = 100 * (1 - f->est[FERRO_DR_BOTTOM]);
    *lo = y0 < y1 ? y0 : y1;
    *hi = y0 < y1 ? y1 : y0;
}

static int solve_cell(const loewe_eq_t *e, gsl_root_fsolver *solver, double *y)
{
    double la, ha, lb, hb;
    span(e->fa, &la, &ha);
    span(e->fb, &lb, &hb);
    double lo = la > lb ? la : lb, hi = ha < hb ? ha : hb;
    if (!(hi > lo)) return 0;
    /* scan points crowded toward both ends, where the inverse curves go to 0 and infinity */
    enum { NSCAN = 161 };
    double yprev = NAN, gprev = NAN;
    for (int k = 0; k < NSCAN; k++) {
        double s = 1.0 / (1.0 + exp(-(-28.0 + 56.0 * k / (NSCAN - 1))));
        double yk = lo + (hi - lo) * s, gk = loewe_g(yk, (void *)e);
        if (!isfinite(gk)) { gprev = NAN; continue; }
        if (gk == 0) { *y = yk; return 1; }
        if (isfinite(gprev) && (gprev > 0) != (gk > 0)) {
            gsl_function F = {loewe_g, (void *)e};
            if (gsl_root_fsolver_set(solver, &F, yprev, yk) != GSL_SUCCESS) return 0;
            for (int it = 0; it < 200; it++) {
                if (gsl_root_fsolver_iterate(solver) != GSL_SUCCESS) return 0;
                double x0 = gsl_root_fsolver_x_lower(solver), x1 = gsl_root_fsolver_x_upper(solver);
                if (gsl_root_test_interval(x0, x1, 1e-13, 1e-13) == GSL_SUCCESS) break;
            }
            *y = gsl_root_fsolver_root(solver);
            return 1;
        }
        yprev = yk;
        gprev = gk;
    }
    return 0;
}

int ferro_syn_loewe(const ferro_grid_t *g, ferro_synergy_t *s)
{
    double *ex = s->expected[FERRO_SYN_LOEWE];
    int na = g->na, nb = g->nb;
    s->loewe_ok = s->fit_a.status == FERRO_DR_OK && s->fit_b.status == FERRO_DR_OK;
    s->loewe_fallback = 0;
    for (int c = 0; c < na * nb; c++) ex[c] = NAN;
    for (int i = 0; i < na; i++) ex[i * nb] = s->inhib[i * nb];
    for (int j = 0; j < nb; j++) ex[j] = s->inhib[j];
    if (!s->loewe_ok) return 0;
    gsl_set_error_handler_off();
    gsl_root_fsolver *solver = gsl_root_fsolver_alloc(gsl_root_fsolver_brent);
    if (!solver) return ferro_error_set(FERRO_ENOMEM, "Loewe: out of memory");
    for (int i = 1; i < na; i++)
        for (int j = 1; j < nb; j++) {
            loewe_eq_t e = {&s->fit_a, &s->fit_b, g->dose_a[i], g->dose_b[j]};
            double y;
            if (!solve_cell(&e, solver, &y)) {
                double ya = ferro_syn_fitted_inhib(&s->fit_a, e.a + e.b);
                double yb = ferro_syn_fitted_inhib(&s->fit_b, e.a + e.b);
                y = ya > yb ? ya : yb;
                s->loewe_fallback++;
            }
            ex[i * nb + j] = y > 100 ? 100 : y;
        }
    gsl_root_fsolver_free(solver);
    return 0;
}
