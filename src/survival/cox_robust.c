/* cox_robust.c — the robust (sandwich) variance of a Cox fit as survival::coxph(robust = TRUE)
 * and coxph(... + cluster(id)) compute it (Lin & Wei 1989): score residuals L (n x p) at the
 * estimate, dfbeta D = L V with V the inverse information, summed within clusters, robust
 * variance D'D; the robust score test from the score residuals at beta = 0.
 *
 * Score residual of subject i, with Y_i(t) at risk, dN_i(t) its event, r_i = exp(x_i beta),
 * xbar(t) and dLambda(t) the risk-weighted mean and the hazard increment:
 *   L_i = sum_t (x_i - xbar(t)) dN_i(t) - sum_t Y_i(t) r_i (x_i - xbar(t)) dLambda(t).
 * Efron ties: d deaths at t are d sub-events k = 0..d-1 with denominator S0 - (k/d) E0 (E0 the
 * deaths' risk), mean (S1 - (k/d) E1) / that, hazard 1 / that; each death takes 1/d of each
 * (x_i - xbar_k) and is at risk for a share (1 - k/d) of sub-event k. Breslow: one term with
 * hazard d / S0. Cumulative sums make it O(n p): a pass by decreasing time collects the risk
 * sets, a pass by increasing time accumulates the hazard. */
#include "ferrosim/survival.h"
#include "survival/internal.h"

#include <gsl/gsl_cdf.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct { int id, i; } id_pair_t;

static int pair_cmp(const void *a, const void *b)
{
    const id_pair_t *x = a, *y = b;
    if (x->id != y->id) return x->id < y->id ? -1 : 1;
    return x->i < y->i ? -1 : x->i > y->i;
}

int ferro_surv_cluster_index(int n, const int *cluster, int *idx, int *ng)
{
    id_pair_t *pr = ferro_malloc(((size_t)n + 1) * sizeof *pr);
    if (!pr) return FERRO_ENOMEM;
    for (int i = 0; i < n; i++) { pr[i].id = cluster[i]; pr[i].i = i; }
    qsort(pr, (size_t)n, sizeof *pr, pair_cmp);
    int g = -1;
    for (int k = 0; k < n; k++) {
        if (k == 0 || pr[k].id != pr[k - 1].id) g++;
        idx[pr[k].i] = g;
    }
    *ng = g + 1;
    free(pr);
    return 0;
}

int ferro_cox_score_resid(int n, int p, const double *time, const int *event, const double *x,
                          const int *strata, int ties, const double *beta, double *resid)
{
    if (n < 1 || p < 1) return ferro_error_set(FERRO_EINVAL, "cox: score residuals need samples and covariates");
    int *ord = ferro_malloc((size_t)n * sizeof *ord), *bstart = ferro_malloc(((size_t)n + 1) * sizeof *bstart);
    double *r = ferro_malloc((size_t)n * sizeof *r), *mean = ferro_calloc((size_t)p, sizeof *mean);
    /* per tie block b: H (hazard), D (Efron's death share of it); XH, M, XD p-vectors */
    double *H = ferro_calloc((size_t)n, sizeof *H), *D = ferro_calloc((size_t)n, sizeof *D);
    double *XH = ferro_calloc((size_t)n * p, sizeof *XH), *M = ferro_calloc((size_t)n * p, sizeof *M);
    double *XD = ferro_calloc((size_t)n * p, sizeof *XD), *s1 = ferro_calloc(3 * (size_t)p, sizeof *s1);
    int rc = 0;
    if (!ord || !bstart || !r || !mean || !H || !D || !XH || !M || !XD || !s1) { rc = FERRO_ENOMEM; goto done; }
    double *e1 = s1 + p, *cxh = e1 + p;
    if ((rc = ferro_surv_order(n, time, strata, ord))) goto done;
    /* centred risk scores (the residuals do not depend on the centring; exp stays in range) */
    for (int i = 0; i < n; i++)
        for (int j = 0; j < p; j++) mean[j] += x[(size_t)i * p + j] / n;
    for (int i = 0; i < n; i++) {
        double lp = 0;
        for (int j = 0; j < p; j++) lp += (x[(size_t)i * p + j] - mean[j]) * beta[j];
        r[i] = exp(lp);
    }
#define XC(i, j) (x[(size_t)(i) * p + (j)] - mean[j])
    /* pass 1: decreasing time within each stratum; blocks of tied times */
    int nb = 0;
    for (int k = 0; k < n;) {
        int s = strata ? strata[ord[k]] : 0, kend = k;
        while (kend < n && (strata ? strata[ord[kend]] : 0) == s) kend++;
        double s0 = 0;
        memset(s1, 0, (size_t)p * sizeof *s1);
        for (int m = k; m < kend;) {
            double t = time[ord[m]], e0 = 0;
            int mend = m, d = 0;
            memset(e1, 0, (size_t)p * sizeof *e1);
            for (; mend < kend && time[ord[mend]] == t; mend++) {
                int i = ord[mend];
                s0 += r[i];
                for (int j = 0; j < p; j++) s1[j] += r[i] * XC(i, j);
                if (event[i]) {
                    d++;
                    e0 += r[i];
                    for (int j = 0; j < p; j++) e1[j] += r[i] * XC(i, j);
                }
            }
            bstart[nb] = m;
            double *xh = XH + (size_t)nb * p, *mm = M + (size_t)nb * p, *xd = XD + (size_t)nb * p;
            if (d > 0 && (ties == FERRO_TIES_BRESLOW || d == 1)) {
                H[nb] = d / s0;
                for (int j = 0; j < p; j++) { mm[j] = s1[j] / s0; xh[j] = mm[j] * H[nb]; }
            } else if (d > 0) {
                for (int q = 0; q < d; q++) {
                    double f = (double)q / d, den = s0 - f * e0, h = 1 / den;
                    H[nb] += h;
                    D[nb] += f * h;
                    for (int j = 0; j < p; j++) {
                        double xbar = (s1[j] - f * e1[j]) / den;
                        xh[j] += xbar * h;
                        mm[j] += xbar / d;
                        xd[j] += f * xbar * h;
                    }
                }
            }
            nb++;
            m = mend;
        }
        k = kend;
    }
    bstart[nb] = n;
    /* pass 2: increasing time (blocks backwards), cumulative hazard reset at each stratum */
    double ch = 0;
    int prev_s = -1;
    for (int b = nb - 1; b >= 0; b--) {
        int s = strata ? strata[ord[bstart[b]]] : 0;
        if (s != prev_s) { ch = 0; memset(cxh, 0, (size_t)p * sizeof *cxh); prev_s = s; }
        ch += H[b];
        for (int j = 0; j < p; j++) cxh[j] += XH[(size_t)b * p + j];
        for (int m = bstart[b]; m < bstart[b + 1]; m++) {
            int i = ord[m];
            double *ri = resid + (size_t)i * p;
            for (int j = 0; j < p; j++) {
                double xij = XC(i, j);
                ri[j] = r[i] * (cxh[j] - xij * ch);
                if (event[i])
                    ri[j] += xij - M[(size_t)b * p + j] + r[i] * (xij * D[b] - XD[(size_t)b * p + j]);
            }
        }
    }
#undef XC
done:
    free(ord); free(bstart); free(r); free(mean); free(H); free(D); free(XH); free(M); free(XD); free(s1);
    return rc;
}

/* Sum the rows of a (n x p) per cluster into out (ng x p); idx from ferro_surv_cluster_index. */
static void collapse(int n, int p, const double *a, const int *idx, double *out, int ng)
{
    memset(out, 0, (size_t)ng * p * sizeof *out);
    for (int i = 0; i < n; i++)
        for (int j = 0; j < p; j++) out[(size_t)idx[i] * p + j] += a[(size_t)i * p + j];
}

/* G = A'A for A (m x p). */
static void crossprod(int m, int p, const double *a, double *g)
{
    memset(g, 0, (size_t)p * p * sizeof *g);
    for (int i = 0; i < m; i++)
        for (int j = 0; j < p; j++)
            for (int l = 0; l < p; l++) g[j * p + l] += a[(size_t)i * p + j] * a[(size_t)i * p + l];
}

/* coxph.wtest: b' V^- b with survival's generalised Cholesky (V = L D L'; a pivot below toler
 * times the largest diagonal counts as 0 and its direction is dropped), so that a singular
 * robust variance (fewer clusters than covariates + 1) gives R's value, not an overflow. */
static double wtest(int p, const double *v, const double *b, double toler, double *work)
{
    double *m = work, *y = work + (size_t)p * p, eps = 0;
    memcpy(m, v, (size_t)p * p * sizeof *m);
    memcpy(y, b, (size_t)p * sizeof *y);
    for (int i = 0; i < p; i++) if (m[i * p + i] > eps) eps = m[i * p + i];
    eps = eps == 0 ? toler : eps * toler;
    /* m[j * p + i] (j > i): L below the diagonal; m[i * p + i]: D */
    for (int i = 0; i < p; i++) {
        double piv = m[i * p + i];
        if (!isfinite(piv) || piv < eps) { m[i * p + i] = 0; continue; }
        for (int j = i + 1; j < p; j++) {
            double t = m[j * p + i] / piv;
            m[j * p + i] = t;
            m[j * p + j] -= t * t * piv;
            for (int k = j + 1; k < p; k++) m[k * p + j] -= t * m[k * p + i];
        }
    }
    for (int i = 0; i < p; i++)
        for (int j = 0; j < i; j++) y[i] -= y[j] * m[i * p + j];
    for (int i = p - 1; i >= 0; i--) {
        if (m[i * p + i] == 0) { y[i] = 0; continue; }
        double t = y[i] / m[i * p + i];
        for (int j = i + 1; j < p; j++) t -= y[j] * m[j * p + i];
        y[i] = t;
    }
    double s = 0;
    for (int i = 0; i < p; i++) s += b[i] * y[i];
    return s;
}

int ferro_cox_robust(int n, int p, const double *time, const int *event, const double *x, const int *strata,
                     const int *cluster, int ties, double zq, double toler, ferro_cox_fit_t *f)
{
    size_t pp = (size_t)p * p;
    int *idx = ferro_malloc(((size_t)n + 1) * sizeof *idx);
    double *L = ferro_malloc((size_t)n * p * sizeof *L), *G = ferro_malloc((size_t)n * p * sizeof *G);
    double *zero = ferro_calloc((size_t)p, sizeof *zero), *u = ferro_calloc((size_t)p, sizeof *u);
    double *V0 = ferro_malloc(pp * sizeof *V0), *step = ferro_malloc((size_t)p * sizeof *step);
    double *work = ferro_malloc((pp + (size_t)p) * sizeof *work);
    f->robust_se = ferro_calloc((size_t)p, sizeof *f->robust_se);
    f->naive_var = ferro_malloc(pp * sizeof *f->naive_var);
    int rc = 0, ng = n;
    if (!idx || !L || !G || !zero || !u || !V0 || !step || !work || !f->robust_se || !f->naive_var) { rc = FERRO_ENOMEM; goto done; }
    if (cluster) { if ((rc = ferro_surv_cluster_index(n, cluster, idx, &ng))) goto done; }
    else for (int i = 0; i < n; i++) idx[i] = i;
    f->robust = 1;
    f->ncluster = ng;
    memcpy(f->naive_var, f->var, pp * sizeof *f->var);
    /* dfbeta = L V, per cluster; robust variance D'D */
    if ((rc = ferro_cox_score_resid(n, p, time, event, x, strata, ties, f->coef, L))) goto done;
    collapse(n, p, L, idx, G, ng);
    for (int g = 0; g < ng; g++) {
        double *row = G + (size_t)g * p;
        for (int j = 0; j < p; j++) {
            double s = 0;
            for (int l = 0; l < p; l++) s += row[l] * f->naive_var[l * p + j];
            step[j] = s;
        }
        memcpy(row, step, (size_t)p * sizeof *row);
    }
    crossprod(ng, p, G, f->var);
    for (int j = 0; j < p; j++) {
        f->robust_se[j] = sqrt(f->var[j * p + j]);
        f->hr_lo[j] = exp(f->coef[j] - zq * f->robust_se[j]);
        f->hr_hi[j] = exp(f->coef[j] + zq * f->robust_se[j]);
        f->z[j] = f->coef[j] / f->robust_se[j];
        f->pvalue[j] = 2 * gsl_cdf_ugaussian_Q(fabs(f->z[j]));
    }
    /* Wald test with the robust variance */
    f->wald = wtest(p, f->var, f->coef, toler, work);
    f->wald_p = gsl_cdf_chisq_Q(f->wald, p);
    /* robust score test: score residuals at beta = 0 per cluster S, U = colSums(S), U' (S'S)^- U */
    if ((rc = ferro_cox_score_resid(n, p, time, event, x, strata, ties, zero, L))) goto done;
    collapse(n, p, L, idx, G, ng);
    crossprod(ng, p, G, V0);
    for (int g = 0; g < ng; g++)
        for (int j = 0; j < p; j++) u[j] += G[(size_t)g * p + j];
    f->rscore = wtest(p, V0, u, toler, work);
    f->rscore_p = gsl_cdf_chisq_Q(f->rscore, p);
    rc = ferro_concordance_cluster(n, time, event, f->lp, strata, cluster, &f->conc);
done:
    free(idx); free(L); free(G); free(zero); free(u); free(V0); free(step); free(work);
    return rc;
}
