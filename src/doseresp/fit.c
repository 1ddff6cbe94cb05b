/* fit.c — the four-parameter logistic on log dose, fitted with GSL's trust-region nonlinear least
 * squares (gsl_multifit_nlinear, Levenberg–Marquardt) from a few starting Hill slopes; standard
 * errors from sigma^2 (J'J)^-1 at the optimum and Student t confidence intervals. */
#include "ferrosim/doseresp.h"
#include "doseresp/doseresp_internal.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_blas.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_multifit_nlinear.h>
#include <gsl/gsl_vector.h>

/* Internal coordinates: bottom, top, ln(ic50), hill. */
enum { P_B = 0, P_T = 1, P_LC = 2, P_H = 3 };

typedef struct {
    const double *x, *y;
    int n;
    double full[4]; /* values of fixed parameters (and the template for free ones) */
    int map[4];     /* free parameter k is full[map[k]] */
    int nfree;
} fitdata_t;

const char *ferro_dr_status_name(int status)
{
    static const char *names[] = {"ok", "flat", "single_dose", "too_few_doses", "no_convergence", "singular"};
    return status >= 0 && status <= FERRO_DR_SINGULAR ? names[status] : "unknown";
}

const char *ferro_dr_direction_name(int direction)
{
    static const char *names[] = {"NA", "falling", "rising", "flat"};
    return direction >= 0 && direction <= FERRO_DR_DIR_FLAT ? names[direction] : "NA";
}

/* Falling when the response decreases with ln dose: df/dln x = -(top - bottom) hill q (1 - q). */
static int direction_of(const double p[4])
{
    double s = (p[P_T] - p[P_B]) * p[P_H];
    return s > 0 ? FERRO_DR_FALLING : s < 0 ? FERRO_DR_RISING : FERRO_DR_DIR_FLAT;
}

void ferro_dr_options_init(ferro_dr_options_t *o)
{
    o->fix_bottom = NAN;
    o->fix_top = NAN;
    o->flat_tol = 0.05;
    o->level = 0.95;
    o->v50 = 0.5;
    o->min_df = 1;
    o->max_ci_decades = 2;
}

static void unpack(const gsl_vector *v, const fitdata_t *d, double p[4])
{
    memcpy(p, d->full, sizeof d->full);
    for (int k = 0; k < d->nfree; k++) p[d->map[k]] = gsl_vector_get(v, (size_t)k);
}

/* q = 1/(1+exp(z)) at observation x and its derivative dq/dz = -q(1-q); dose 0 is the limit. */
static void logistic_at(double x, const double p[4], double *q, double *dqdz, double *lx)
{
    if (x == 0) {
        *q = p[P_H] > 0 ? 1 : p[P_H] < 0 ? 0 : 0.5;
        *dqdz = 0;
        *lx = 0;
        return;
    }
    *lx = log(x) - p[P_LC];
    *q = ferro_dr_logistic_q(p[P_H] * *lx);
    *dqdz = -*q * (1 - *q);
}

static int f_resid(const gsl_vector *v, void *params, gsl_vector *f)
{
    const fitdata_t *d = params;
    double p[4], q, dq, lx;
    unpack(v, d, p);
    for (int i = 0; i < d->n; i++) {
        logistic_at(d->x[i], p, &q, &dq, &lx);
        gsl_vector_set(f, (size_t)i, p[P_B] + (p[P_T] - p[P_B]) * q - d->y[i]);
    }
    return GSL_SUCCESS;
}

static int f_jac(const gsl_vector *v, void *params, gsl_matrix *J)
{
    const fitdata_t *d = params;
    double p[4], q, dq, lx;
    unpack(v, d, p);
    for (int i = 0; i < d->n; i++) {
        logistic_at(d->x[i], p, &q, &dq, &lx);
        double g[4];
        g[P_B] = 1 - q;
        g[P_T] = q;
        g[P_LC] = (p[P_T] - p[P_B]) * dq * (-p[P_H]); /* dz/dlc = -h */
        g[P_H] = (p[P_T] - p[P_B]) * dq * lx;         /* dz/dh = ln x - lc */
        for (int k = 0; k < d->nfree; k++) gsl_matrix_set(J, (size_t)i, (size_t)k, g[d->map[k]]);
    }
    return GSL_SUCCESS;
}

typedef struct {
    int converged;
    double rss;
    double p[4];
    double cov[4][4]; /* unscaled (J'J)^-1 over free parameters, indexed by free position */
    int singular;
    int iter;
} trial_t;

/* One Levenberg–Marquardt run from p0. */
static int run_one(fitdata_t *d, const double p0[4], trial_t *t)
{
    size_t n = (size_t)d->n, p = (size_t)d->nfree;
    gsl_multifit_nlinear_fdf fdf = {0};
    fdf.f = f_resid;
    fdf.df = f_jac;
    fdf.fvv = NULL;
    fdf.n = n;
    fdf.p = p;
    fdf.params = d;
    gsl_multifit_nlinear_parameters par = gsl_multifit_nlinear_default_parameters();
    gsl_multifit_nlinear_workspace *w = gsl_multifit_nlinear_alloc(gsl_multifit_nlinear_trust, &par, n, p);
    gsl_vector *x = gsl_vector_alloc(p);
    gsl_matrix *cov = gsl_matrix_alloc(p, p);
    gsl_vector *g = gsl_vector_alloc(p);
    if (!w || !x || !cov || !g) {
        gsl_multifit_nlinear_free(w);
        gsl_vector_free(x);
        gsl_matrix_free(cov);
        gsl_vector_free(g);
        return ferro_error_set(FERRO_ENOMEM, "dose-response fit: out of memory");
    }
    for (size_t k = 0; k < p; k++) gsl_vector_set(x, k, p0[d->map[k]]);
    memset(t, 0, sizeof *t);
    int info = 0, st = gsl_multifit_nlinear_init(x, &fdf, w);
    if (st == GSL_SUCCESS) st = gsl_multifit_nlinear_driver(500, 1e-12, 1e-12, 0.0, NULL, NULL, &info, w);
    gsl_vector *xf = gsl_multifit_nlinear_position(w);
    gsl_vector *f = gsl_multifit_nlinear_residual(w);
    gsl_matrix *J = gsl_multifit_nlinear_jac(w);
    double rss;
    gsl_blas_ddot(f, f, &rss);
    unpack(xf, d, t->p);
    t->rss = rss;
    t->iter = (int)gsl_multifit_nlinear_niter(w);
    int finite = isfinite(rss);
    for (size_t k = 0; k < p; k++) finite = finite && isfinite(gsl_vector_get(xf, k));
    if (finite && st == GSL_ENOPROG) {
        /* No further progress: accept when the scaled gradient (GSL's gtol test) is small. */
        gsl_blas_dgemv(CblasTrans, 1.0, J, f, 0.0, g);
        double phi = 0.5 * rss, gmax = 0;
        for (size_t k = 0; k < p; k++) {
            double xk = fabs(gsl_vector_get(xf, k));
            double gk = fabs(gsl_vector_get(g, k)) * (xk > 1 ? xk : 1) / (phi > 1 ? phi : 1);
            if (gk > gmax) gmax = gk;
        }
        if (gmax < 1e-6) st = GSL_SUCCESS;
    }
    t->converged = finite && st == GSL_SUCCESS;
    if (t->converged) {
        gsl_multifit_nlinear_covar(J, 1e3 * DBL_EPSILON, cov);
        for (size_t a = 0; a < p; a++) {
            double daa = gsl_matrix_get(cov, a, a);
            if (!(daa > 0) || !isfinite(daa)) t->singular = 1;
            for (size_t b = 0; b < p; b++) t->cov[a][b] = gsl_matrix_get(cov, a, b);
        }
    }
    gsl_multifit_nlinear_free(w);
    gsl_vector_free(x);
    gsl_matrix_free(cov);
    gsl_vector_free(g);
    return 0;
}

static void set_nan(ferro_dr_fit_t *out)
{
    for (int k = 0; k < FERRO_DR_NPAR; k++) out->est[k] = out->se[k] = out->ci_lo[k] = out->ci_hi[k] = NAN;
    out->rss = out->sigma = out->r2 = out->dose_v50 = out->auc = NAN;
}

/* Starting ln(ic50): where the per-dose means cross the midpoint (log-linear interpolation over
 * positive doses), else the geometric middle of the positive doses. */
static double start_lc(const double *ud, const double *m, int nd, double mid)
{
    double lo = NAN, hi = NAN;
    for (int i = 0; i < nd; i++)
        if (ud[i] > 0) { if (isnan(lo)) lo = log(ud[i]); hi = log(ud[i]); }
    for (int i = 1; i < nd; i++) {
        if (!(ud[i - 1] > 0)) continue;
        double a = m[i - 1] - mid, b = m[i] - mid;
        if (a == 0) return log(ud[i - 1]);
        if (a * b < 0) {
            double la = log(ud[i - 1]), lb = log(ud[i]);
            return la + (lb - la) * a / (a - b);
        }
    }
    return isnan(lo) ? 0 : 0.5 * (lo + hi);
}

int ferro_dr_fit(const double *dose, const double *resp, int n, const ferro_dr_options_t *opt,
                 ferro_dr_fit_t *out)
{
    ferro_dr_options_t dflt;
    if (!opt) { ferro_dr_options_init(&dflt); opt = &dflt; }
    if (!out) return ferro_error_set(FERRO_EINVAL, "dose-response fit: no output");
    memset(out, 0, sizeof *out);
    set_nan(out);
    out->status = FERRO_DR_TOO_FEW_DOSES;
    if (n < 1 || !dose || !resp) return ferro_error_set(FERRO_EINVAL, "dose-response fit: no observations");
    for (int i = 0; i < n; i++) {
        if (!isfinite(dose[i]) || dose[i] < 0)
            return ferro_error_set(FERRO_EINVAL, "dose-response fit: dose %g is not a non-negative number", dose[i]);
        if (!isfinite(resp[i]))
            return ferro_error_set(FERRO_EINVAL, "dose-response fit: response at dose %g is not a number", dose[i]);
    }
    gsl_set_error_handler_off(); /* GSL's default handler aborts; we check return codes instead */

    double *ud = ferro_malloc((size_t)n * 3 * sizeof *ud);
    int *cnt = ferro_malloc((size_t)n * sizeof *cnt);
    if (!ud || !cnt) { free(ud); free(cnt); return FERRO_ENOMEM; }
    double *m = ud + n, *sd = ud + 2 * n;
    int nd = 0, rc = ferro_dr_group(dose, resp, n, ud, m, sd, cnt, &nd);
    if (rc) { free(ud); free(cnt); return rc; }

    out->n = n;
    out->ndose = nd;
    out->dose_max = ud[nd - 1];
    out->dose_min = NAN;
    for (int i = 0; i < nd; i++) if (ud[i] > 0) { out->dose_min = ud[i]; break; }
    out->auc_obs = ferro_dr_auc_points(ud, m, nd);

    fitdata_t d = {.x = dose, .y = resp, .n = n};
    d.full[P_B] = opt->fix_bottom;
    d.full[P_T] = opt->fix_top;
    for (int k = 0; k < 4; k++)
        if (!((k == P_B && !isnan(opt->fix_bottom)) || (k == P_T && !isnan(opt->fix_top)))) d.map[d.nfree++] = k;
    out->nfree = d.nfree;
    out->df = n - d.nfree;

    double mmin = m[0], mmax = m[0];
    for (int i = 1; i < nd; i++) { if (m[i] < mmin) mmin = m[i]; if (m[i] > mmax) mmax = m[i]; }
    int npos = nd - (ud[0] == 0);
    if (nd == 1) out->status = FERRO_DR_SINGLE_DOSE;
    else if (mmax - mmin < opt->flat_tol) {
        out->status = FERRO_DR_FLAT;
        out->direction = FERRO_DR_DIR_FLAT;
    }
    else if (nd < d.nfree || npos < 2 || out->df < opt->min_df || out->df < 0) out->status = FERRO_DR_TOO_FEW_DOSES;
    else {
        double p0[4];
        p0[P_T] = isnan(opt->fix_top) ? m[0] : opt->fix_top;
        p0[P_B] = isnan(opt->fix_bottom) ? m[nd - 1] : opt->fix_bottom;
        p0[P_LC] = start_lc(ud, m, nd, 0.5 * (p0[P_T] + p0[P_B]));
        static const double hill0[] = {1.0, 3.0, 0.4};
        trial_t best = {0}, t;
        int have = 0;
        for (int s = 0; s < 3; s++) {
            p0[P_H] = hill0[s];
            if ((rc = run_one(&d, p0, &t))) { free(ud); free(cnt); return rc; }
            if (t.converged && (!have || t.rss < best.rss)) { best = t; have = 1; }
        }
        if (!have) out->status = FERRO_DR_NO_CONVERGENCE;
        else if (best.singular) out->status = FERRO_DR_SINGULAR;
        else {
            out->status = FERRO_DR_OK;
            out->direction = direction_of(best.p);
            out->iterations = best.iter;
            out->rss = best.rss;
            out->sigma = out->df > 0 ? sqrt(best.rss / out->df) : NAN;
            double tq = out->df > 0 ? gsl_cdf_tdist_Pinv(1 - 0.5 * (1 - opt->level), out->df) : NAN;
            double se4[4] = {0, 0, 0, 0};
            for (int k = 0; k < d.nfree; k++) se4[d.map[k]] = out->sigma * sqrt(best.cov[k][k]);
            out->est[FERRO_DR_BOTTOM] = best.p[P_B];
            out->est[FERRO_DR_TOP] = best.p[P_T];
            out->est[FERRO_DR_IC50] = exp(best.p[P_LC]);
            out->est[FERRO_DR_HILL] = best.p[P_H];
            out->se[FERRO_DR_BOTTOM] = se4[P_B];
            out->se[FERRO_DR_TOP] = se4[P_T];
            out->se[FERRO_DR_IC50] = se4[P_LC];
            out->se[FERRO_DR_HILL] = se4[P_H];
            for (int k = 0; k < FERRO_DR_NPAR; k++) {
                if (k == FERRO_DR_IC50) {
                    out->ci_lo[k] = exp(best.p[P_LC] - tq * se4[P_LC]);
                    out->ci_hi[k] = exp(best.p[P_LC] + tq * se4[P_LC]);
                } else {
                    out->ci_lo[k] = out->est[k] - tq * out->se[k];
                    out->ci_hi[k] = out->est[k] + tq * out->se[k];
                }
            }
            double ybar = 0, sst = 0;
            for (int i = 0; i < n; i++) ybar += resp[i];
            ybar /= n;
            for (int i = 0; i < n; i++) sst += (resp[i] - ybar) * (resp[i] - ybar);
            out->r2 = sst > 0 ? 1 - best.rss / sst : NAN;
            out->dose_v50 = ferro_dr_dose_at(out, opt->v50);
            out->auc = ferro_dr_auc_fit(out);
            out->midpoint_flag = ferro_dr_midpoint_flag_of(out, opt->max_ci_decades);
        }
    }
    free(ud);
    free(cnt);
    return 0;
}
