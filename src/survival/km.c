/* km.c — Kaplan–Meier curves as survival::survfit (Greenwood variance of the cumulative hazard,
 * conf.type = "log"), medians with confidence limits as quantile.survfit, and the log-rank test
 * (survdiff, rho = 0), stratified when the data carry strata. */
#include "ferrosim/survival.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_linalg.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static void curve_free(ferro_km_curve_t *c)
{
    free(c->time); free(c->surv); free(c->std_err); free(c->lower); free(c->upper);
    free(c->n_risk); free(c->n_event); free(c->n_censor);
}

void ferro_km_free(ferro_km_t *k)
{
    if (!k) return;
    for (int g = 0; g < k->ncurve; g++) {
        if (k->curve) curve_free(&k->curve[g]);
        if (k->labels) free(k->labels[g]);
    }
    free(k->curve); free(k->labels); free(k->observed); free(k->expected);
    free(k);
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* quantile.survfit's findq for p = 0.5: x = (0, times), y = (0, 1 - s) with s possibly NaN. */
static double findq(int m, const double *time, const double *s, double p)
{
    const double tol = 1.4901161193847656e-08; /* sqrt(.Machine$double.eps) */
    double *x = malloc(((size_t)m + 1) * sizeof *x), *y = malloc(((size_t)m + 1) * sizeof *y);
    if (!x || !y) { free(x); free(y); return NAN; }
    double ymax = 0;
    int n = 0, seen_na = 0;
    x[n] = 0; y[n] = 0; n++;
    double xmax = m ? time[m - 1] : 0;
    for (int i = 0; i < m; i++) {
        double yi = isnan(s[i]) ? NAN : 1 - s[i];
        if (!isnan(yi) && yi > ymax) ymax = yi;
        /* duplicated(y): drop repeats of an earlier value (NaN counts once) */
        int dup = 0;
        if (isnan(yi)) { dup = seen_na; seen_na = 1; }
        else for (int k = 0; k < n && !dup; k++) dup = y[k] == yi;
        if (!dup) { x[n] = time[i]; y[n] = yi; n++; }
    }
    double q = NAN;
    if (ymax >= p) {
        /* approx(y +- tol, 1:n, p, "constant", f = 1) over the non-NaN points: the first index
         * whose y +- tol reaches p */
        int i1 = -1, i2 = -1;
        for (int k = 0; k < n; k++) {
            if (isnan(y[k])) continue;
            if (i1 < 0 && y[k] + tol >= p) i1 = k;
            if (i2 < 0 && y[k] - tol >= p) i2 = k;
        }
        if (i1 >= 0 && i2 >= 0) q = (x[i1] + x[i2]) / 2;
        if (!isnan(y[n - 1]) && fabs(p - y[n - 1]) < tol && i1 >= 0) q = (x[i1] + xmax) / 2;
    }
    free(x); free(y);
    return q;
}

/* One curve from (time, event) of its members. */
static int km_curve(int m, const double *t, const int *e, double z, ferro_km_curve_t *c)
{
    memset(c, 0, sizeof *c);
    double *ts = malloc(((size_t)m + 1) * sizeof *ts);
    if (!ts) return ferro_error_set(FERRO_ENOMEM, "out of memory");
    memcpy(ts, t, (size_t)m * sizeof *ts);
    qsort(ts, (size_t)m, sizeof *ts, cmp_double);
    int nt = 0;
    for (int i = 0; i < m; i++) if (i == 0 || ts[i] != ts[i - 1]) ts[nt++] = ts[i];
    size_t sz = (size_t)nt + 1;
    c->time = malloc(sz * sizeof(double)); c->surv = malloc(sz * sizeof(double));
    c->std_err = malloc(sz * sizeof(double)); c->lower = malloc(sz * sizeof(double));
    c->upper = malloc(sz * sizeof(double)); c->n_risk = calloc(sz, sizeof(int));
    c->n_event = calloc(sz, sizeof(int)); c->n_censor = calloc(sz, sizeof(int));
    if (!c->time || !c->surv || !c->std_err || !c->lower || !c->upper || !c->n_risk || !c->n_event || !c->n_censor) {
        free(ts); curve_free(c);
        return ferro_error_set(FERRO_ENOMEM, "out of memory");
    }
    c->ntime = nt; c->n = m;
    memcpy(c->time, ts, (size_t)nt * sizeof(double));
    free(ts);
    for (int i = 0; i < m; i++) {
        /* binary search of t[i] among the distinct times */
        int lo = 0, hi = nt - 1;
        while (lo < hi) { int mid = (lo + hi) / 2; if (c->time[mid] < t[i]) lo = mid + 1; else hi = mid; }
        if (e[i]) { c->n_event[lo]++; c->nevent++; } else c->n_censor[lo]++;
    }
    int atrisk = m;
    double s = 1, v = 0;
    for (int k = 0; k < nt; k++) {
        int d = c->n_event[k];
        c->n_risk[k] = atrisk;
        if (d > 0) {
            s *= 1 - (double)d / atrisk;
            v = atrisk > d ? v + (double)d / ((double)atrisk * (atrisk - d)) : INFINITY;
        }
        c->surv[k] = s;
        c->std_err[k] = sqrt(v);
        if (s == 0) { c->lower[k] = c->upper[k] = NAN; }
        else {
            c->lower[k] = exp(log(s) - z * c->std_err[k]);
            double up = exp(log(s) + z * c->std_err[k]);
            c->upper[k] = up < 1 ? up : 1;
        }
        atrisk -= d + c->n_censor[k];
    }
    c->median = findq(nt, c->time, c->surv, 0.5);
    c->median_lo = findq(nt, c->time, c->lower, 0.5);
    c->median_hi = findq(nt, c->time, c->upper, 0.5);
    return 0;
}

/* survdiff: observed, expected and variance summed over strata; chisq on the groups with
 * expected > 0, dropping the first of them (as survdiff does). */
static int logrank(const ferro_surv_data_t *d, ferro_km_t *k)
{
    int G = k->ncurve, n = d->n;
    double *var = calloc((size_t)G * G + 1, sizeof *var);
    double *nr = calloc((size_t)G + 1, sizeof *nr), *dg = calloc((size_t)G + 1, sizeof *dg);
    int *ord = malloc(((size_t)n + 1) * sizeof *ord);
    if (!var || !nr || !dg || !ord) { free(var); free(nr); free(dg); free(ord); return ferro_error_set(FERRO_ENOMEM, "out of memory"); }
    int ns = d->strata ? d->nstrata : 1;
    for (int st = 0; st < ns; st++) {
        int m = 0;
        for (int i = 0; i < n; i++) if (!d->strata || d->strata[i] == st) ord[m++] = i;
        /* sort members by time descending (insertion into a simple merge via qsort on pairs) */
        for (int gap = m / 2; gap > 0; gap /= 2)
            for (int i = gap; i < m; i++)
                for (int j = i; j >= gap && d->time[ord[j - gap]] < d->time[ord[j]]; j -= gap) {
                    int tmp = ord[j]; ord[j] = ord[j - gap]; ord[j - gap] = tmp;
                }
        memset(nr, 0, (size_t)G * sizeof *nr);
        int a = 0;
        double ntot = 0;
        while (a < m) {
            double t = d->time[ord[a]];
            int b = a;
            memset(dg, 0, (size_t)G * sizeof *dg);
            double dt = 0;
            for (; b < m && d->time[ord[b]] == t; b++) {
                int i = ord[b];
                nr[d->group[i]] += 1; ntot += 1;
                if (d->event[i]) { dg[d->group[i]] += 1; dt += 1; }
            }
            if (dt > 0) {
                for (int g = 0; g < G; g++) {
                    k->observed[g] += dg[g];
                    k->expected[g] += dt * nr[g] / ntot;
                }
                if (ntot > 1) {
                    double kk = dt * (ntot - dt) / (ntot * (ntot - 1));
                    for (int g = 0; g < G; g++)
                        for (int h = 0; h < G; h++)
                            var[g * G + h] += kk * nr[g] * ((g == h) - nr[h] / ntot);
                }
            }
            a = b;
        }
        /* the risk sets above were accumulated from the largest time down: nr holds those with
         * time >= t when t is processed, as required */
    }
    int *use = calloc((size_t)G + 1, sizeof *use), nu = 0;
    if (!use) { free(var); free(nr); free(dg); free(ord); return ferro_error_set(FERRO_ENOMEM, "out of memory"); }
    for (int g = 0; g < G; g++) if (k->expected[g] > 0) use[nu++] = g;
    k->df = nu - 1;
    k->chisq = 0;
    int rc = 0;
    if (nu >= 2) {
        int q = nu - 1;
        gsl_matrix *V = gsl_matrix_alloc((size_t)q, (size_t)q);
        gsl_vector *r = gsl_vector_alloc((size_t)q), *sol = gsl_vector_alloc((size_t)q);
        gsl_permutation *perm = gsl_permutation_alloc((size_t)q);
        if (!V || !r || !sol || !perm) rc = ferro_error_set(FERRO_ENOMEM, "out of memory");
        else {
            for (int i = 0; i < q; i++) {
                int gi = use[i + 1];
                gsl_vector_set(r, (size_t)i, k->observed[gi] - k->expected[gi]);
                for (int j = 0; j < q; j++) gsl_matrix_set(V, (size_t)i, (size_t)j, var[gi * G + use[j + 1]]);
            }
            int sign;
            gsl_error_handler_t *old = gsl_set_error_handler_off();
            int st = gsl_linalg_LU_decomp(V, perm, &sign);
            if (!st) st = gsl_linalg_LU_solve(V, perm, r, sol);
            gsl_set_error_handler(old);
            if (st) rc = ferro_error_set(FERRO_ENUMERIC, "log-rank: the variance matrix is singular");
            else {
                double chi = 0;
                for (int i = 0; i < q; i++) chi += gsl_vector_get(sol, (size_t)i) * gsl_vector_get(r, (size_t)i);
                k->chisq = chi;
            }
        }
        gsl_matrix_free(V); gsl_vector_free(r); gsl_vector_free(sol); gsl_permutation_free(perm);
    }
    k->p = k->df > 0 ? gsl_cdf_chisq_Q(k->chisq, k->df) : NAN;
    free(var); free(nr); free(dg); free(ord); free(use);
    return rc;
}

int ferro_km_fit(const ferro_surv_data_t *d, double conf_level, ferro_km_t **out)
{
    *out = NULL;
    if (!(conf_level > 0 && conf_level < 1)) return ferro_error_set(FERRO_EINVAL, "km: confidence level %g is not in (0, 1)", conf_level);
    ferro_km_t *k = ferro_calloc(1, sizeof *k);
    if (!k) return FERRO_ENOMEM;
    int G = d->group ? d->ngroup : 1, n = d->n, rc = 0;
    k->conf_level = conf_level;
    k->curve = ferro_calloc((size_t)G, sizeof *k->curve);
    k->labels = ferro_calloc((size_t)G, sizeof *k->labels);
    k->observed = ferro_calloc((size_t)G, sizeof(double));
    k->expected = ferro_calloc((size_t)G, sizeof(double));
    double *t = ferro_malloc(((size_t)n + 1) * sizeof *t);
    int *e = ferro_malloc(((size_t)n + 1) * sizeof *e);
    if (!k->curve || !k->labels || !k->observed || !k->expected || !t || !e) { rc = FERRO_ENOMEM; goto done; }
    k->ncurve = G;
    double z = gsl_cdf_ugaussian_Qinv((1 - conf_level) / 2);
    for (int g = 0; g < G; g++) {
        if (!(k->labels[g] = ferro_strdup(d->group ? d->group_levels[g] : "all"))) { rc = FERRO_ENOMEM; goto done; }
        int m = 0;
        for (int i = 0; i < n; i++)
            if (!d->group || d->group[i] == g) { t[m] = d->time[i]; e[m] = d->event[i]; m++; }
        if ((rc = km_curve(m, t, e, z, &k->curve[g]))) goto done;
    }
    if (d->group && G >= 2) rc = logrank(d, k);
    else { k->chisq = k->p = NAN; k->df = 0; }
done:
    free(t); free(e);
    if (rc) { ferro_km_free(k); return rc; }
    *out = k;
    return 0;
}
