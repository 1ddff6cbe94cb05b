/* ebayes.c — limma's fitFDist (Smyth 2004: moments of log s^2, trigamma inversion), its spline
 * trend, and tmixture (the prior variance for the B statistic). Mirrors limma 3.54. */
#include "de/ebayes.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_bspline.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_sf_psi.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#include "de/qr.h"
#include "ferrosim/common.h"

double ferro_trigamma_inverse(double x)
{
    if (isnan(x)) return x;
    if (x < 0) return NAN;
    if (x > 1e7) return 1.0 / sqrt(x);
    if (x < 1e-6) return 1.0 / x;
    double y = 0.5 + 1.0 / x;
    for (int iter = 1;; iter++) {
        double tri = gsl_sf_psi_1(y);
        double dif = tri * (1 - tri / x) / gsl_sf_psi_n(2, y);
        y += dif;
        if (-dif / y < 1e-8 || iter > 50) break;
    }
    return y;
}

static double median_of(const double *x, int n, double *scratch)
{
    memcpy(scratch, x, (size_t)n * sizeof *x);
    gsl_sort(scratch, 1, (size_t)n);
    return n % 2 ? scratch[n / 2] : (scratch[n / 2 - 1] + scratch[n / 2]) / 2;
}

/* R's quantile(type = 7) of sorted data. */
static double quantile7(const double *s, int n, double prob)
{
    double h = (n - 1) * prob;
    int lo = (int)floor(h);
    if (lo >= n - 1) return s[n - 1];
    return s[lo] + (h - lo) * (s[lo + 1] - s[lo]);
}

int ferro_ns_basis(const double *x, int n, int df, const double *xs, int nx, double *B)
{
    int nik = df - 2, nbreak = nik + 2, ncoef = nbreak + 2;
    double *s = malloc((size_t)n * sizeof *s);
    if (!s) return FERRO_ENOMEM;
    memcpy(s, x, (size_t)n * sizeof *s);
    gsl_sort(s, 1, (size_t)n);
    double lo = s[0], hi = s[n - 1];
    gsl_bspline_workspace *bw = gsl_bspline_alloc(4, (size_t)nbreak);
    gsl_vector *brk = gsl_vector_alloc((size_t)nbreak), *v = gsl_vector_alloc((size_t)ncoef);
    gsl_matrix *dB = gsl_matrix_alloc((size_t)ncoef, 3);
    double *C = malloc((size_t)ncoef * 2 * sizeof *C), *Q = malloc((size_t)ncoef * ncoef * sizeof *Q);
    ferro_qr_t *qr = ferro_qr_alloc(ncoef, 2);
    int rc = 0;
    if (!bw || !brk || !v || !dB || !C || !Q || !qr) { rc = FERRO_ENOMEM; goto done; }
    gsl_vector_set(brk, 0, lo);
    for (int k = 1; k <= nik; k++) gsl_vector_set(brk, (size_t)k, quantile7(s, n, (double)k / (nik + 1)));
    gsl_vector_set(brk, (size_t)nbreak - 1, hi);
    gsl_bspline_knots(brk, bw);
    /* constraints: second derivative zero at both boundary knots; C = const' (ncoef x 2) */
    for (int b = 0; b < 2; b++) {
        gsl_bspline_deriv_eval(b ? hi : lo, 2, dB, bw);
        for (int i = 0; i < ncoef; i++) C[(size_t)b * ncoef + i] = gsl_matrix_get(dB, (size_t)i, 2);
    }
    ferro_qr_decomp(qr, C, ncoef, 2, 1e-7);
    /* Q explicitly: Q e_i, transposed application (Q^T y) on unit vectors gives rows of Q^T */
    for (int i = 0; i < ncoef; i++) {
        double *col = Q + (size_t)i * ncoef;
        memset(col, 0, (size_t)ncoef * sizeof *col);
        col[i] = 1;
        ferro_qr_qty(qr, col); /* col = Q^T e_i = row i of Q */
    }
    /* basis(x) = B(x) Q[, 3:ncoef]; Q[r][c] = (Q^T e_r)[c] = Q[(size_t)r*ncoef + c] here */
    for (int k = 0; k < nx; k++) {
        double xv = xs[k], b0 = xv < lo ? lo : (xv > hi ? hi : xv);
        gsl_bspline_deriv_eval(b0, 1, dB, bw);
        for (int c = 2; c < ncoef; c++) {
            double val = 0;
            for (int r = 0; r < ncoef; r++) {
                double f = gsl_matrix_get(dB, (size_t)r, 0);
                if (xv != b0) f += (xv - b0) * gsl_matrix_get(dB, (size_t)r, 1); /* linear beyond the boundary */
                val += f * Q[(size_t)r * ncoef + c];
            }
            B[(size_t)(c - 2) * nx + k] = val;
        }
    }
done:
    free(s);
    free(C);
    free(Q);
    ferro_qr_free(qr);
    if (bw) gsl_bspline_free(bw);
    if (brk) gsl_vector_free(brk);
    if (v) gsl_vector_free(v);
    if (dB) gsl_matrix_free(dB);
    return rc;
}

static int count_unique(const double *x, int n, double *scratch)
{
    memcpy(scratch, x, (size_t)n * sizeof *x);
    gsl_sort(scratch, 1, (size_t)n);
    int u = n > 0;
    for (int i = 1; i < n; i++) u += scratch[i] != scratch[i - 1];
    return u;
}

/* The trend fit: emean (length n, for all genes) and evar from a regression of e on ns(cov). */
static int trend_fit(const double *e, const double *cov_ok, int nok, int sdf, const double *cov_all, int n,
                     double *emean, double *evar)
{
    double *Bok = malloc((size_t)nok * sdf * sizeof(double)), *Ball = malloc((size_t)n * sdf * sizeof(double));
    double *qty = malloc((size_t)nok * sizeof(double)), *coef = malloc((size_t)sdf * sizeof(double));
    ferro_qr_t *qr = ferro_qr_alloc(nok, sdf);
    int rc = 0;
    if (!Bok || !Ball || !qty || !coef || !qr) { rc = FERRO_ENOMEM; goto done; }
    if ((rc = ferro_ns_basis(cov_ok, nok, sdf, cov_ok, nok, Bok))) goto done;
    if ((rc = ferro_ns_basis(cov_ok, nok, sdf, cov_all, n, Ball))) goto done;
    ferro_qr_decomp(qr, Bok, nok, sdf, 1e-7);
    memcpy(qty, e, (size_t)nok * sizeof(double));
    ferro_qr_qty(qr, qty);
    double ss = 0;
    for (int i = qr->rank; i < nok; i++) ss += qty[i] * qty[i];
    *evar = ss / (nok - qr->rank);
    ferro_qr_coef(qr, qty, coef);
    for (int g = 0; g < n; g++) {
        double s = 0;
        for (int k = 0; k < qr->rank; k++) s += Ball[(size_t)qr->pivot[k] * n + g] * coef[k];
        emean[g] = s;
    }
done:
    free(Bok);
    free(Ball);
    free(qty);
    free(coef);
    ferro_qr_free(qr);
    return rc;
}

int ferro_fit_fdist(const double *x0, const double *df0, const double *covariate, int n, double *scale, double *df2)
{
    double *x = malloc(((size_t)n + 1) * sizeof *x), *df1 = malloc(((size_t)n + 1) * sizeof *df1);
    double *cov = malloc(((size_t)n + 1) * sizeof *cov), *scr = malloc(((size_t)n + 1) * sizeof *scr);
    double *e = malloc(((size_t)n + 1) * sizeof *e), *emean = malloc(((size_t)n + 1) * sizeof *emean);
    int rc = 0, nok = 0;
    if (!x || !df1 || !cov || !scr || !e || !emean) { rc = FERRO_ENOMEM; goto done; }
    for (int i = 0; i < n; i++)
        if (isfinite(df0[i]) && df0[i] > 1e-15 && isfinite(x0[i]) && x0[i] > -1e-15) {
            x[nok] = x0[i];
            df1[nok] = df0[i];
            if (covariate) cov[nok] = covariate[i];
            nok++;
        }
    if (nok == 0) { rc = ferro_error_set(FERRO_ENUMERIC, "eBayes: no gene has residual degrees of freedom"); goto done; }
    if (nok == 1) {
        for (int i = 0; i < n; i++) scale[i] = x[0];
        *df2 = 0;
        goto done;
    }
    int sdf = 1;
    if (covariate) {
        sdf = 1 + (nok >= 3) + (nok >= 6) + (nok >= 30);
        int u = count_unique(cov, nok, scr);
        if (u < sdf) sdf = u;
        if (sdf < 2) covariate = NULL;
    }
    for (int i = 0; i < nok; i++) if (x[i] < 0) x[i] = 0;
    double m = median_of(x, nok, scr);
    if (m == 0) {
        ferro_warn("eBayes: more than half of the residual variances are exactly zero: eBayes unreliable");
        m = 1;
    }
    for (int i = 0; i < nok; i++) {
        if (x[i] < 1e-5 * m) x[i] = 1e-5 * m;
        e[i] = log(x[i]) - gsl_sf_psi(df1[i] / 2) + log(df1[i] / 2);
    }
    double evar, em = 0;
    if (!covariate) {
        for (int i = 0; i < nok; i++) em += e[i];
        em /= nok;
        double ss = 0;
        for (int i = 0; i < nok; i++) ss += (e[i] - em) * (e[i] - em);
        evar = ss / (nok - 1);
    } else {
        double *cov_all = malloc((size_t)n * sizeof *cov_all);
        if (!cov_all) { rc = FERRO_ENOMEM; goto done; }
        for (int i = 0; i < n; i++) cov_all[i] = covariate[i];
        rc = trend_fit(e, cov, nok, sdf, cov_all, n, emean, &evar);
        free(cov_all);
        if (rc) goto done;
    }
    double mt = 0;
    for (int i = 0; i < nok; i++) mt += gsl_sf_psi_1(df1[i] / 2);
    evar -= mt / nok;
    if (evar > 0) {
        *df2 = 2 * ferro_trigamma_inverse(evar);
        double adj = gsl_sf_psi(*df2 / 2) - log(*df2 / 2);
        for (int i = 0; i < n; i++) scale[i] = exp((covariate ? emean[i] : em) + adj);
    } else {
        *df2 = INFINITY;
        double mx = 0;
        for (int i = 0; i < nok; i++) mx += x[i];
        mx /= nok;
        for (int i = 0; i < n; i++) scale[i] = covariate ? exp(emean[i]) : mx;
    }
done:
    free(x);
    free(df1);
    free(cov);
    free(scr);
    free(e);
    free(emean);
    return rc;
}

typedef struct { double t; int i; } tpair_t;
static int cmp_tdesc(const void *a, const void *b)
{
    const tpair_t *p = a, *q = b;
    if (p->t != q->t) return p->t < q->t ? 1 : -1;
    return (p->i > q->i) - (p->i < q->i);
}

double ferro_tmixture(const double *t, const double *su, const double *df, int n, double proportion, double lim_lo,
                      double lim_hi)
{
    tpair_t *v = malloc(((size_t)n + 1) * sizeof *v);
    if (!v) return NAN;
    int ng = 0;
    double maxdf = -INFINITY;
    for (int i = 0; i < n; i++)
        if (!isnan(t[i])) { ng++; if (df[i] > maxdf) maxdf = df[i]; }
    int ntarget = (int)ceil(proportion / 2 * ng);
    if (ntarget < 1) { free(v); return NAN; }
    double p = (double)ntarget / ng > proportion ? (double)ntarget / ng : proportion;
    int k = 0;
    for (int i = 0; i < n; i++) {
        if (isnan(t[i])) continue;
        double a = fabs(t[i]);
        if (df[i] < maxdf) {
            /* move to the same tail probability at maxdf (R: pt/qt on the log scale) */
            double tail = gsl_cdf_tdist_Q(a, df[i]);
            a = tail > 0 ? gsl_cdf_tdist_Qinv(tail, maxdf) : a;
        }
        v[k].t = a;
        v[k].i = i;
        k++;
    }
    qsort(v, (size_t)k, sizeof *v, cmp_tdesc);
    double sum = 0;
    for (int r = 0; r < ntarget; r++) {
        double ts = v[r].t, v1 = su[v[r].i] * su[v[r].i];
        double p0 = 2 * gsl_cdf_tdist_Q(ts, maxdf);
        double ptarget = ((r + 0.5) / ng - (1 - p) * p0) / p;
        double v0 = 0;
        if (ptarget > p0) {
            double qtarget = gsl_cdf_tdist_Qinv(ptarget / 2, maxdf);
            v0 = v1 * ((ts / qtarget) * (ts / qtarget) - 1);
        }
        if (v0 < lim_lo) v0 = lim_lo;
        if (v0 > lim_hi) v0 = lim_hi;
        sum += v0;
    }
    free(v);
    return sum / ntarget;
}
