/* cox.c — Cox proportional hazards by Newton–Raphson, the iteration of survival's coxfit6
 * (start at 0, Cholesky step, step halving when the log partial likelihood drops, stop when
 * |1 - l_old / l_new| <= eps), Efron or Breslow ties, strata; Wald / LR / score tests. */
#include "ferrosim/survival.h"
#include "survival/internal.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_matrix.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

void ferro_cox_options_init(ferro_cox_options_t *o)
{
    o->ties = FERRO_TIES_EFRON;
    o->use_strata = 1;
    o->iter_max = 20;
    o->eps = 1e-9;
    o->toler_chol = pow(2.220446049250313e-16, 0.75);
    o->conf_level = 0.95;
    o->robust = 0;
    o->cluster = NULL;
}

void ferro_cox_fit_free(ferro_cox_fit_t *f)
{
    if (!f) return;
    if (f->names)
        for (int j = 0; j < f->p; j++) free(f->names[j]);
    free(f->names); free(f->coef); free(f->se); free(f->hr); free(f->hr_lo); free(f->hr_hi);
    free(f->z); free(f->pvalue); free(f->var); free(f->lp); free(f->robust_se); free(f->naive_var);
    free(f);
}

/* Sorted working copy: by stratum, then time descending (events before censorings at a tie do
 * not matter: all subjects with time >= t are at risk at t). */
typedef struct {
    int n, p, ties;
    const int *ord;      /* processing order */
    const double *time;
    const int *event, *strata;
    const double *xc;    /* centred covariates, n x p, in original row order */
    double *s1, *s2, *e1, *e2, *a; /* work */
} cox_work_t;

/* Merge sort of indices (stable, thread-safe) by (stratum asc, time desc or asc). */
static int before(const double *time, const int *strata, int desc, int i, int j)
{
    int si = strata ? strata[i] : 0, sj = strata ? strata[j] : 0;
    if (si != sj) return si < sj;
    return desc ? time[i] > time[j] : time[i] < time[j];
}

int ferro_surv_sort(int n, const double *time, const int *strata, int desc, int *ord)
{
    int *tmp = ferro_malloc(((size_t)n + 1) * sizeof *tmp);
    if (!tmp) return FERRO_ENOMEM;
    for (int i = 0; i < n; i++) ord[i] = i;
    for (int w = 1; w < n; w *= 2) {
        for (int lo = 0; lo < n; lo += 2 * w) {
            int mid = lo + w < n ? lo + w : n, hi = lo + 2 * w < n ? lo + 2 * w : n;
            int a = lo, b = mid, k = lo;
            while (a < mid && b < hi) tmp[k++] = before(time, strata, desc, ord[b], ord[a]) ? ord[b++] : ord[a++];
            while (a < mid) tmp[k++] = ord[a++];
            while (b < hi) tmp[k++] = ord[b++];
        }
        memcpy(ord, tmp, (size_t)n * sizeof *ord);
    }
    free(tmp);
    return 0;
}

int ferro_surv_order(int n, const double *time, const int *strata, int *ord)
{
    return ferro_surv_sort(n, time, strata, 1, ord);
}

/* Log partial likelihood, score u (p) and information imat (p x p) at beta. */
static double cox_llk(cox_work_t *w, const double *beta, double *u, double *imat)
{
    int n = w->n, p = w->p;
    double loglik = 0;
    memset(u, 0, (size_t)p * sizeof *u);
    memset(imat, 0, (size_t)p * p * sizeof *imat);
    int k = 0;
    while (k < n) {
        /* one stratum: ord[k .. kend) */
        int s = w->strata ? w->strata[w->ord[k]] : 0, kend = k;
        while (kend < n && (w->strata ? w->strata[w->ord[kend]] : 0) == s) kend++;
        double s0 = 0;
        memset(w->s1, 0, (size_t)p * sizeof *w->s1);
        memset(w->s2, 0, (size_t)p * p * sizeof *w->s2);
        int m = k;
        while (m < kend) {
            double t = w->time[w->ord[m]];
            int mend = m;
            double e0 = 0;
            int nd = 0;
            memset(w->e1, 0, (size_t)p * sizeof *w->e1);
            memset(w->e2, 0, (size_t)p * p * sizeof *w->e2);
            for (; mend < kend && w->time[w->ord[mend]] == t; mend++) {
                int i = w->ord[mend];
                const double *xi = w->xc + (size_t)i * p;
                double lp = 0;
                for (int j = 0; j < p; j++) lp += xi[j] * beta[j];
                double r = exp(lp);
                s0 += r;
                for (int j = 0; j < p; j++) {
                    double rx = r * xi[j];
                    w->s1[j] += rx;
                    for (int l = 0; l <= j; l++) w->s2[j * p + l] += rx * xi[l];
                }
                if (w->event[i]) {
                    nd++;
                    loglik += lp;
                    for (int j = 0; j < p; j++) u[j] += xi[j];
                    e0 += r;
                    for (int j = 0; j < p; j++) {
                        double rx = r * xi[j];
                        w->e1[j] += rx;
                        for (int l = 0; l <= j; l++) w->e2[j * p + l] += rx * xi[l];
                    }
                }
            }
            if (nd > 0) {
                int nterm = w->ties == FERRO_TIES_EFRON ? nd : 1;
                double wt = w->ties == FERRO_TIES_EFRON ? 1.0 : (double)nd;
                for (int r = 0; r < nterm; r++) {
                    double f = w->ties == FERRO_TIES_EFRON ? (double)r / nd : 0.0;
                    double den = s0 - f * e0;
                    loglik -= wt * log(den);
                    for (int j = 0; j < p; j++) w->a[j] = (w->s1[j] - f * w->e1[j]) / den;
                    for (int j = 0; j < p; j++) {
                        u[j] -= wt * w->a[j];
                        for (int l = 0; l <= j; l++)
                            imat[j * p + l] += wt * ((w->s2[j * p + l] - f * w->e2[j * p + l]) / den - w->a[j] * w->a[l]);
                    }
                }
            }
            m = mend;
        }
        k = kend;
    }
    for (int j = 0; j < p; j++)
        for (int l = 0; l < j; l++) imat[l * p + j] = imat[j * p + l];
    return loglik;
}

/* Solve imat * step = u with a Cholesky factorisation (GSL); imat is left intact. */
static int chol_solve(int p, const double *imat, const double *u, double *step, double *inv)
{
    gsl_matrix *m = gsl_matrix_alloc((size_t)p, (size_t)p);
    if (!m) return ferro_error_set(FERRO_ENOMEM, "out of memory");
    memcpy(m->data, imat, (size_t)p * p * sizeof(double));
    gsl_error_handler_t *old = gsl_set_error_handler_off();
    int st = gsl_linalg_cholesky_decomp1(m);
    if (!st && step) {
        gsl_vector_const_view b = gsl_vector_const_view_array(u, (size_t)p);
        gsl_vector_view x = gsl_vector_view_array(step, (size_t)p);
        st = gsl_linalg_cholesky_solve(m, &b.vector, &x.vector);
    }
    if (!st && inv) {
        st = gsl_linalg_cholesky_invert(m);
        if (!st) memcpy(inv, m->data, (size_t)p * p * sizeof(double));
    }
    gsl_set_error_handler(old);
    gsl_matrix_free(m);
    if (st)
        return ferro_error_set(FERRO_ENUMERIC, "the information matrix is not positive definite "
                                               "(collinear or constant covariates, or too few events)");
    return 0;
}

static void quadform(int p, const double *a, const double *m, const double *b, double *out)
{
    double s = 0;
    for (int j = 0; j < p; j++)
        for (int l = 0; l < p; l++) s += a[j] * m[j * p + l] * b[l];
    *out = s;
}

int ferro_cox_fit_raw(int n, int p, const double *time, const int *event, const double *x,
                      const int *strata, const ferro_cox_options_t *opt, ferro_cox_fit_t **out)
{
    *out = NULL;
    if (n < 1 || p < 1) return ferro_error_set(FERRO_EINVAL, "cox: need at least one sample and one covariate");
    ferro_cox_options_t o;
    if (opt) o = *opt; else ferro_cox_options_init(&o);
    int nevent = 0;
    for (int i = 0; i < n; i++) nevent += event[i] != 0;
    if (nevent == 0) return ferro_error_set(FERRO_ENUMERIC, "cox: no events among the %d samples", n);
    size_t pp = (size_t)p * p;
    ferro_cox_fit_t *f = ferro_calloc(1, sizeof *f);
    int *ord = ferro_malloc((size_t)n * sizeof *ord);
    double *xc = ferro_malloc((size_t)n * p * sizeof *xc);
    double *mean = ferro_calloc((size_t)p, sizeof *mean);
    double *work = ferro_calloc(6 * pp + 12 * (size_t)p, sizeof *work);
    int rc = 0;
    if (!f || !ord || !xc || !mean || !work) { rc = FERRO_ENOMEM; goto done; }
    f->n = n; f->p = p; f->nevent = nevent; f->df = p; f->conf_level = o.conf_level;
    f->rscore = NAN; f->rscore_p = NAN;
    f->coef = ferro_calloc((size_t)p, sizeof(double)); f->se = ferro_calloc((size_t)p, sizeof(double));
    f->hr = ferro_calloc((size_t)p, sizeof(double)); f->hr_lo = ferro_calloc((size_t)p, sizeof(double));
    f->hr_hi = ferro_calloc((size_t)p, sizeof(double)); f->z = ferro_calloc((size_t)p, sizeof(double));
    f->pvalue = ferro_calloc((size_t)p, sizeof(double)); f->var = ferro_calloc(pp, sizeof(double));
    f->lp = ferro_calloc((size_t)n, sizeof(double));
    if (!f->coef || !f->se || !f->hr || !f->hr_lo || !f->hr_hi || !f->z || !f->pvalue || !f->var || !f->lp) {
        rc = FERRO_ENOMEM; goto done;
    }
    if ((rc = ferro_surv_order(n, time, strata, ord))) goto done;
    /* centre as coxph does (overall means; the fit is invariant, the arithmetic better) */
    for (int i = 0; i < n; i++)
        for (int j = 0; j < p; j++) mean[j] += x[(size_t)i * p + j];
    for (int j = 0; j < p; j++) mean[j] /= n;
    for (int i = 0; i < n; i++)
        for (int j = 0; j < p; j++) xc[(size_t)i * p + j] = x[(size_t)i * p + j] - mean[j];
    double *imat = work, *s2 = work + pp, *e2 = work + 2 * pp, *inv = work + 3 * pp;
    double *u = work + 4 * pp, *s1 = u + p, *e1 = s1 + p, *a = e1 + p, *beta = a + p, *newbeta = beta + p, *step = newbeta + p;
    cox_work_t w = {n, p, o.ties, ord, time, event, strata, xc, s1, s2, e1, e2, a};
    /* initial: loglik0, score test */
    double ll0 = cox_llk(&w, beta, u, imat);
    f->loglik0 = ll0;
    if ((rc = chol_solve(p, imat, u, step, NULL))) goto done;
    double sc = 0;
    for (int j = 0; j < p; j++) sc += step[j] * u[j];
    f->score = sc;
    double loglik = ll0, newlk = ll0;
    for (int j = 0; j < p; j++) newbeta[j] = beta[j] + step[j];
    int halving = 0, converged = 0, iter;
    for (iter = 1; iter <= o.iter_max; iter++) {
        newlk = cox_llk(&w, newbeta, u, imat);
        if (!isfinite(newlk)) { rc = ferro_error_set(FERRO_ENUMERIC, "cox: the log partial likelihood is not finite at iteration %d", iter); goto done; }
        if (fabs(1 - loglik / newlk) <= o.eps && !halving) { converged = 1; break; }
        if (iter == o.iter_max) break;
        if (newlk < loglik) {
            halving = 1;
            for (int j = 0; j < p; j++) newbeta[j] = (newbeta[j] + beta[j]) / 2;
        } else {
            halving = 0;
            loglik = newlk;
            if ((rc = chol_solve(p, imat, u, step, NULL))) goto done;
            for (int j = 0; j < p; j++) { beta[j] = newbeta[j]; newbeta[j] += step[j]; }
        }
    }
    f->iter = iter > o.iter_max ? o.iter_max : iter;
    f->converged = converged;
    f->loglik = newlk;
    if ((rc = chol_solve(p, imat, u, NULL, inv))) goto done;
    memcpy(f->coef, newbeta, (size_t)p * sizeof(double));
    memcpy(f->var, inv, pp * sizeof(double));
    double zq = gsl_cdf_ugaussian_Qinv((1 - o.conf_level) / 2);
    for (int j = 0; j < p; j++) {
        f->se[j] = sqrt(inv[j * p + j]);
        f->hr[j] = exp(f->coef[j]);
        f->hr_lo[j] = exp(f->coef[j] - zq * f->se[j]);
        f->hr_hi[j] = exp(f->coef[j] + zq * f->se[j]);
        f->z[j] = f->coef[j] / f->se[j];
        f->pvalue[j] = 2 * gsl_cdf_ugaussian_Q(fabs(f->z[j]));
    }
    f->lr = 2 * (f->loglik - f->loglik0);
    f->lr_p = gsl_cdf_chisq_Q(f->lr, p);
    quadform(p, f->coef, imat, f->coef, &f->wald);
    f->wald_p = gsl_cdf_chisq_Q(f->wald, p);
    f->score_p = gsl_cdf_chisq_Q(f->score, p);
    for (int i = 0; i < n; i++) {
        double lp = 0;
        for (int j = 0; j < p; j++) lp += x[(size_t)i * p + j] * f->coef[j];
        f->lp[i] = lp;
    }
    rc = ferro_concordance(n, time, event, f->lp, strata, &f->conc);
    if (!rc && o.robust) rc = ferro_cox_robust(n, p, time, event, x, strata, o.cluster, o.ties, zq, o.toler_chol, f);
done:
    free(ord); free(xc); free(mean); free(work);
    if (rc) { ferro_cox_fit_free(f); return rc; }
    *out = f;
    return 0;
}

int ferro_cox_fit(const ferro_surv_data_t *d, const ferro_cox_options_t *opt, ferro_cox_fit_t **out)
{
    *out = NULL;
    ferro_cox_options_t o;
    if (opt) o = *opt; else ferro_cox_options_init(&o);
    if (d->cluster) { o.robust = 1; o.cluster = d->cluster; }
    int rc = ferro_cox_fit_raw(d->n, d->p, d->time, d->event, d->x, o.use_strata ? d->strata : NULL, &o, out);
    if (rc) return rc;
    ferro_cox_fit_t *f = *out;
    if (!(f->names = ferro_calloc((size_t)d->p, sizeof *f->names))) { ferro_cox_fit_free(f); *out = NULL; return FERRO_ENOMEM; }
    for (int j = 0; j < d->p; j++)
        if (!(f->names[j] = ferro_strdup(d->names[j]))) { ferro_cox_fit_free(f); *out = NULL; return FERRO_ENOMEM; }
    return 0;
}

int ferro_cox_cv_lp(const ferro_surv_data_t *d, const ferro_cox_options_t *opt, const int *foldid, double *lp)
{
    ferro_cox_options_t o;
    if (opt) o = *opt; else ferro_cox_options_init(&o);
    o.robust = 0; /* only the coefficients are used */
    o.cluster = NULL;
    int n = d->n, p = d->p, K = 0;
    for (int i = 0; i < n; i++) {
        int f = foldid ? foldid[i] : i + 1;
        if (f < 1) return ferro_error_set(FERRO_EINVAL, "cox: fold id %d of sample %d is not >= 1", f, i + 1);
        if (f > K) K = f;
    }
    const int *strata = o.use_strata ? d->strata : NULL;
    double *x = ferro_malloc(((size_t)n * p + 1) * sizeof *x), *t = ferro_malloc(((size_t)n + 1) * sizeof *t);
    int *e = ferro_malloc(((size_t)n + 1) * sizeof *e), *s = ferro_malloc(((size_t)n + 1) * sizeof *s);
    int rc = x && t && e && s ? 0 : FERRO_ENOMEM;
    for (int k = 1; k <= K && !rc; k++) {
        int m = 0, inside = 0;
        for (int i = 0; i < n; i++) {
            if ((foldid ? foldid[i] : i + 1) == k) { inside++; continue; }
            memcpy(x + (size_t)m * p, d->x + (size_t)i * p, (size_t)p * sizeof *x);
            t[m] = d->time[i]; e[m] = d->event[i]; s[m] = strata ? strata[i] : 0;
            m++;
        }
        if (!inside) continue;
        ferro_cox_fit_t *f = NULL;
        if ((rc = ferro_cox_fit_raw(m, p, t, e, x, strata ? s : NULL, &o, &f))) {
            ferro_error_prefix(rc, "cox: fold %d", k);
            break;
        }
        /* predict(fit, newdata, type = "lp"): centred at the training means */
        double c0 = 0;
        for (int j = 0; j < p; j++) {
            double mj = 0;
            for (int r = 0; r < m; r++) mj += x[(size_t)r * p + j];
            c0 += mj / m * f->coef[j];
        }
        for (int i = 0; i < n; i++) {
            if ((foldid ? foldid[i] : i + 1) != k) continue;
            double v = 0;
            for (int j = 0; j < p; j++) v += d->x[(size_t)i * p + j] * f->coef[j];
            lp[i] = v - c0;
        }
        ferro_cox_fit_free(f);
    }
    free(x); free(t); free(e); free(s);
    return rc;
}
