/* coxnet_cv.c — glmnet's Cox deviance (coxnet.deviance, Breslow) and cv.glmnet for the Cox
 * family with type.measure = "deviance", grouped = TRUE: per fold, the partial-likelihood
 * deviance of the full data minus that of the training part, divided by the fold's events;
 * cvm / cvsd weighted by events; lambda.min and lambda.1se as getOptcv.glmnet. Folds are fitted
 * in parallel (one fold per thread, each fold's arithmetic unchanged). */
#include "ferrosim/survival.h"

#include <float.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "survival/coxnet_internal.h"

/* Deviances 2 (lsat - loglik) of nb coefficient vectors (beta: nb x p row-major) on the rows
 * idx[0..m) of x (n x p row-major). */
static int deviance_rows(int p, const double *x, const double *time, const int *event, const int *idx, int m,
                         int nb, const double *beta, double *dev)
{
    double *y = malloc(((size_t)m + 1) * sizeof *y), *dq = malloc(((size_t)m + 1) * sizeof *dq);
    double *f = malloc(((size_t)m + 1) * sizeof *f), *e = malloc(((size_t)m + 1) * sizeof *e);
    double *xm = calloc((size_t)p + 1, sizeof *xm), *ty = malloc(((size_t)m + 1) * sizeof *ty);
    int *ev = malloc(((size_t)m + 1) * sizeof *ev), *nzj = malloc(((size_t)p + 1) * sizeof *nzj);
    coxnet_groups_t g = {0};
    int rc = 0;
    if (!y || !dq || !f || !e || !xm || !ty || !ev || !nzj) { rc = ferro_error_set(FERRO_ENOMEM, "out of memory"); goto done; }
    for (int k = 0; k < m; k++) {
        int i = idx[k];
        ev[k] = event[i] != 0;
        y[k] = time[i] + (1 - ev[k]) * 100 * DBL_EPSILON;
        dq[k] = ev[k];
        for (int j = 0; j < p; j++) xm[j] += x[(size_t)i * p + j];
    }
    for (int j = 0; j < p; j++) xm[j] /= m;
    /* lsat: -sum over distinct event times of d log d */
    int ne = 0;
    for (int k = 0; k < m; k++) if (ev[k]) ty[ne++] = y[k];
    for (int a = 1; a < ne; a++)
        for (int b = a; b > 0 && ty[b - 1] > ty[b]; b--) { double t = ty[b]; ty[b] = ty[b - 1]; ty[b - 1] = t; }
    double lsat = 0;
    for (int a = 0; a < ne;) {
        int b = a;
        while (b < ne && ty[b] == ty[a]) b++;
        lsat -= (b - a) * log((double)(b - a));
        a = b;
    }
    if ((rc = coxnet_groups(m, y, dq, ev, &g))) goto done;
    const double fmax = log(DBL_MAX * (double)0.1f);
    for (int l = 0; l < nb; l++) {
        const double *bl = beta + (size_t)l * p;
        int nz = 0;
        for (int j = 0; j < p; j++) if (bl[j] != 0) nzj[nz++] = j;
        for (int k = 0; k < m; k++) {
            const double *xi = x + (size_t)idx[k] * p;
            double s = 0;
            for (int t = 0; t < nz; t++) s += bl[nzj[t]] * (xi[nzj[t]] - xm[nzj[t]]);
            f[k] = s;
            double a = fabs(s) < fmax ? fabs(s) : fmax;
            e[k] = exp(s < 0 ? -a : a);
        }
        dev[l] = 2 * (lsat - coxnet_risk(m, &g, dq, f, e));
    }
done:
    coxnet_groups_free(&g);
    free(y); free(dq); free(f); free(e); free(xm); free(ty); free(ev); free(nzj);
    return rc;
}

int ferro_coxnet_deviance(int n, int p, const double *x, const double *time, const int *event,
                          const double *beta, double *dev)
{
    int *idx = malloc(((size_t)n + 1) * sizeof *idx);
    if (!idx) return ferro_error_set(FERRO_ENOMEM, "out of memory");
    for (int i = 0; i < n; i++) idx[i] = i;
    int rc = deviance_rows(p, x, time, event, idx, n, 1, beta, dev);
    free(idx);
    return rc;
}

void ferro_coxnet_cv_free(ferro_coxnet_cv_t *cv)
{
    if (!cv) return;
    ferro_coxnet_path_free(cv->fit);
    free(cv->cvm); free(cv->cvsd);
    free(cv);
}

int ferro_coxnet_foldid(int n, int k, unsigned long seed, int *foldid)
{
    if (k < 1 || n < 1) return ferro_error_set(FERRO_EINVAL, "foldid: need n >= 1 and k >= 1");
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    if (!r) return ferro_error_set(FERRO_ENOMEM, "out of memory");
    gsl_rng_set(r, seed);
    for (int i = 0; i < n; i++) foldid[i] = i % k + 1;
    gsl_ran_shuffle(r, foldid, (size_t)n, sizeof *foldid);
    gsl_rng_free(r);
    return 0;
}

/* predict.glmnet(fit, s = lambda, type = "coefficients"): glmnet's lambda.interp — linear
 * interpolation in the normalised lambda scale, clamped to the fit's range. out: ns x p. */
static void interp_coef(const ferro_coxnet_path_t *fit, int ns, const double *s, double *out)
{
    int k = fit->nlambda, p = fit->p;
    const double *lam = fit->lambda;
    for (int t = 0; t < ns; t++) {
        int left = 0, right = 0;
        double frac = 1;
        if (k > 1) {
            double l1 = lam[0], lk = lam[k - 1];
            double sf = (l1 - s[t]) / (l1 - lk);
            double nmin = INFINITY, nmax = -INFINITY;
            for (int i = 0; i < k; i++) {
                double v = (l1 - lam[i]) / (l1 - lk);
                if (v < nmin) nmin = v;
                if (v > nmax) nmax = v;
            }
            if (sf < nmin) sf = nmin;
            if (sf > nmax) sf = nmax;
            /* approx(norm, 1:k, sf): bisection as R's approx1 (0-based here) */
            int i = 0, j = k - 1;
            double xi, xj, coord;
            while (i < j - 1) {
                int ij = (i + j) / 2;
                if (sf < (l1 - lam[ij]) / (l1 - lk)) j = ij; else i = ij;
            }
            xi = (l1 - lam[i]) / (l1 - lk);
            xj = (l1 - lam[j]) / (l1 - lk);
            if (sf == xj) coord = j + 1;
            else if (sf == xi) coord = i + 1;
            else coord = (i + 1) + ((j + 1) - (i + 1)) * ((sf - xi) / (xj - xi));
            left = (int)floor(coord) - 1;
            right = (int)ceil(coord) - 1;
            double nl = (l1 - lam[left]) / (l1 - lk), nr = (l1 - lam[right]) / (l1 - lk);
            frac = (sf - nr) / (nl - nr);
            if (left == right || fabs(nl - nr) < DBL_EPSILON) frac = 1;
        }
        for (int j = 0; j < p; j++)
            out[(size_t)t * p + j] = fit->beta[(size_t)left * p + j] * frac + fit->beta[(size_t)right * p + j] * (1 - frac);
    }
}

/* One fold: fit on the rows outside the fold (its own lambda sequence, as cv.glmnet), its
 * coefficients at the full fit's lambdas; cvraw row. */
static int cv_fold(int n, int p, const double *x, const double *time, const int *event, const int *foldid,
                   int fold, const ferro_coxnet_options_t *o, const ferro_coxnet_path_t *full, double *row)
{
    int nl = full->nlambda, mtr = 0;
    int *all = malloc(((size_t)n + 1) * sizeof *all), *tr = malloc(((size_t)n + 1) * sizeof *tr);
    double *xt = malloc(((size_t)n * p + 1) * sizeof *xt), *tt = malloc(((size_t)n + 1) * sizeof *tt);
    int *et = malloc(((size_t)n + 1) * sizeof *et);
    double *d1 = malloc(((size_t)nl + 1) * sizeof *d1), *d2 = malloc(((size_t)nl + 1) * sizeof *d2);
    double *coef = malloc(((size_t)nl * p + 1) * sizeof *coef);
    ferro_coxnet_path_t *fit = NULL;
    int rc = 0;
    if (!all || !tr || !xt || !tt || !et || !d1 || !d2 || !coef) { rc = ferro_error_set(FERRO_ENOMEM, "out of memory"); goto done; }
    for (int i = 0; i < n; i++) {
        all[i] = i;
        if (foldid[i] == fold) continue;
        memcpy(xt + (size_t)mtr * p, x + (size_t)i * p, (size_t)p * sizeof *xt);
        tt[mtr] = time[i]; et[mtr] = event[i]; tr[mtr] = i;
        mtr++;
    }
    ferro_coxnet_options_t of = *o;
    of.threads = 1;
    if ((rc = ferro_coxnet_path(mtr, p, xt, tt, et, &of, &fit))) goto done;
    interp_coef(fit, nl, full->lambda, coef);
    if ((rc = deviance_rows(p, x, time, event, all, n, nl, coef, d1))) goto done;
    if ((rc = deviance_rows(p, x, time, event, tr, mtr, nl, coef, d2))) goto done;
    for (int l = 0; l < nl; l++) row[l] = d1[l] - d2[l];
done:
    ferro_coxnet_path_free(fit);
    free(all); free(tr); free(xt); free(tt); free(et); free(d1); free(d2); free(coef);
    return rc;
}

int ferro_coxnet_cv(int n, int p, const double *x, const double *time, const int *event,
                    const int *foldid, const ferro_coxnet_options_t *opt, ferro_coxnet_cv_t **out)
{
    *out = NULL;
    ferro_coxnet_options_t o;
    if (opt) o = *opt; else ferro_coxnet_options_init(&o);
    int K = 0;
    for (int i = 0; i < n; i++) {
        if (foldid[i] < 1) return ferro_error_set(FERRO_EINVAL, "lasso-cox: fold id %d of sample %d is not >= 1", foldid[i], i + 1);
        if (foldid[i] > K) K = foldid[i];
    }
    if (K < 3) return ferro_error_set(FERRO_EINVAL, "lasso-cox: %d folds; cross-validation needs at least 3 (as cv.glmnet)", K);
    double *wk = calloc((size_t)K, sizeof *wk);
    int *cnt = calloc((size_t)K, sizeof *cnt);
    if (!wk || !cnt) { free(wk); free(cnt); return ferro_error_set(FERRO_ENOMEM, "out of memory"); }
    for (int i = 0; i < n; i++) { cnt[foldid[i] - 1]++; wk[foldid[i] - 1] += event[i] != 0; }
    for (int k = 0; k < K; k++)
        if (!cnt[k] || !wk[k]) {
            int rc = ferro_error_set(FERRO_EINVAL, "lasso-cox: fold %d has %s", k + 1, cnt[k] ? "no events" : "no samples");
            free(wk); free(cnt);
            return rc;
        }
    free(cnt);
    ferro_coxnet_cv_t *cv = calloc(1, sizeof *cv);
    int rc = cv ? ferro_coxnet_path(n, p, x, time, event, &o, &cv->fit) : ferro_error_set(FERRO_ENOMEM, "out of memory");
    double *raw = NULL;
    if (rc) goto done;
    int nl = cv->fit->nlambda;
    cv->nfolds = K;
    raw = malloc((size_t)K * nl * sizeof *raw);
    cv->cvm = calloc((size_t)nl, sizeof *cv->cvm);
    cv->cvsd = calloc((size_t)nl, sizeof *cv->cvsd);
    if (!raw || !cv->cvm || !cv->cvsd) { rc = ferro_error_set(FERRO_ENOMEM, "out of memory"); goto done; }
    int threads = o.threads > 0 ? o.threads : 1, frc = 0;
#pragma omp parallel for num_threads(threads) schedule(dynamic, 1) reduction(min : frc)
    for (int k = 0; k < K; k++) {
        int r = cv_fold(n, p, x, time, event, foldid, k + 1, &o, cv->fit, raw + (size_t)k * nl);
        if (r < frc) frc = r;
    }
    if ((rc = frc)) goto done;
    double sw = 0;
    for (int k = 0; k < K; k++) sw += wk[k];
    for (int l = 0; l < nl; l++) {
        double s = 0;
        for (int k = 0; k < K; k++) { raw[(size_t)k * nl + l] /= wk[k]; s += raw[(size_t)k * nl + l] * wk[k]; }
        cv->cvm[l] = s / sw;
        double ss = 0;
        for (int k = 0; k < K; k++) { double dd = raw[(size_t)k * nl + l] - cv->cvm[l]; ss += dd * dd * wk[k]; }
        cv->cvsd[l] = sqrt(ss / sw / (K - 1));
    }
    /* getOptcv.glmnet */
    double cmin = INFINITY;
    for (int l = 0; l < nl; l++) if (cv->cvm[l] < cmin) cmin = cv->cvm[l];
    int imin = -1;
    for (int l = 0; l < nl; l++) if (cv->cvm[l] <= cmin && (imin < 0 || cv->fit->lambda[l] > cv->fit->lambda[imin])) imin = l;
    double semin = cv->cvm[imin] + cv->cvsd[imin];
    int i1 = -1;
    for (int l = 0; l < nl; l++) if (cv->cvm[l] <= semin && (i1 < 0 || cv->fit->lambda[l] > cv->fit->lambda[i1])) i1 = l;
    cv->index_min = imin; cv->index_1se = i1;
    cv->lambda_min = cv->fit->lambda[imin]; cv->lambda_1se = cv->fit->lambda[i1];
done:
    free(raw); free(wk);
    if (rc) { ferro_coxnet_cv_free(cv); return rc; }
    *out = cv;
    return 0;
}
