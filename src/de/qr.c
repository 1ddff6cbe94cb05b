/* qr.c — Householder QR with R's limited pivoting (dqrdc2), Q^T y, back-substitution,
 * diag((R'R)^-1); see qr.h. */
#include "de/qr.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

ferro_qr_t *ferro_qr_alloc(int n, int p)
{
    ferro_qr_t *q = calloc(1, sizeof *q);
    if (!q) return NULL;
    q->qr = malloc(((size_t)n * p + 1) * sizeof(double));
    q->qraux = malloc(((size_t)p + 1) * sizeof(double));
    q->pivot = malloc(((size_t)p + 1) * sizeof(int));
    q->work = malloc((2 * (size_t)p + 1) * sizeof(double));
    if (!q->qr || !q->qraux || !q->pivot || !q->work) { ferro_qr_free(q); return NULL; }
    return q;
}

void ferro_qr_free(ferro_qr_t *q)
{
    if (!q) return;
    free(q->qr);
    free(q->qraux);
    free(q->pivot);
    free(q->work);
    free(q);
}

static double nrm2(int n, const double *x)
{
    /* dnrm2's scaled sum of squares */
    double scale = 0, ssq = 1;
    for (int i = 0; i < n; i++) {
        if (x[i] != 0) {
            double a = fabs(x[i]);
            if (scale < a) { ssq = 1 + ssq * (scale / a) * (scale / a); scale = a; }
            else ssq += (a / scale) * (a / scale);
        }
    }
    return scale * sqrt(ssq);
}

void ferro_qr_decomp(ferro_qr_t *q, const double *X, int n, int p, double tol)
{
    double *x = q->qr, *qraux = q->qraux, *w1 = q->work, *w2 = q->work + p;
    int *jpvt = q->pivot;
    q->n = n;
    q->p = p;
    memcpy(x, X, (size_t)n * p * sizeof(double));
    for (int j = 0; j < p; j++) {
        jpvt[j] = j;
        qraux[j] = nrm2(n, x + (size_t)j * n);
        w1[j] = w2[j] = qraux[j];
        if (w2[j] == 0) w2[j] = 1;
    }
    int lup = n < p ? n : p, k = p + 1; /* k as in the Fortran (1-based) */
    for (int l = 0; l < lup; l++) {
        /* move negligible columns to the end (the l+1 < k check avoids cycling) */
        while (l + 1 < k && qraux[l] < w2[l] * tol) {
            for (int i = 0; i < n; i++) {
                double t = x[(size_t)l * n + i];
                for (int j = l + 1; j < p; j++) x[(size_t)(j - 1) * n + i] = x[(size_t)j * n + i];
                x[(size_t)(p - 1) * n + i] = t;
            }
            int ip = jpvt[l];
            double t = qraux[l], tt = w1[l], ttt = w2[l];
            for (int j = l + 1; j < p; j++) {
                jpvt[j - 1] = jpvt[j];
                qraux[j - 1] = qraux[j];
                w1[j - 1] = w1[j];
                w2[j - 1] = w2[j];
            }
            jpvt[p - 1] = ip;
            qraux[p - 1] = t;
            w1[p - 1] = tt;
            w2[p - 1] = ttt;
            k--;
        }
        if (l == n - 1) break;
        double *xl = x + (size_t)l * n + l;
        int m = n - l;
        double nrmxl = nrm2(m, xl);
        if (nrmxl == 0) continue;
        if (xl[0] != 0) nrmxl = copysign(nrmxl, xl[0]);
        for (int i = 0; i < m; i++) xl[i] *= 1.0 / nrmxl;
        xl[0] += 1.0;
        for (int j = l + 1; j < p; j++) {
            double *xj = x + (size_t)j * n + l, dot = 0;
            for (int i = 0; i < m; i++) dot += xl[i] * xj[i];
            double t = -dot / xl[0];
            for (int i = 0; i < m; i++) xj[i] += t * xl[i];
            if (qraux[j] == 0) continue;
            double tt = 1.0 - (fabs(xj[0]) / qraux[j]) * (fabs(xj[0]) / qraux[j]);
            if (tt < 0) tt = 0;
            if (fabs(tt) < 1e-6) {
                qraux[j] = nrm2(m - 1, xj + 1);
                w1[j] = qraux[j];
            } else {
                qraux[j] *= sqrt(tt);
            }
        }
        qraux[l] = xl[0];
        xl[0] = -nrmxl;
    }
    k = k - 1 < n ? k - 1 : n;
    q->rank = k;
}

void ferro_qr_qty(const ferro_qr_t *q, double *y)
{
    int n = q->n, ju = q->rank < n - 1 ? q->rank : n - 1;
    for (int j = 0; j < ju; j++) {
        if (q->qraux[j] == 0) continue;
        const double *xj = q->qr + (size_t)j * n + j;
        double diag = q->qraux[j], dot = diag * y[j];
        for (int i = 1; i < n - j; i++) dot += xj[i] * y[j + i];
        double t = -dot / diag;
        y[j] += t * diag;
        for (int i = 1; i < n - j; i++) y[j + i] += t * xj[i];
    }
}

void ferro_qr_coef(const ferro_qr_t *q, const double *qty, double *b)
{
    int n = q->n, k = q->rank;
    for (int i = k - 1; i >= 0; i--) {
        double s = qty[i];
        for (int j = i + 1; j < k; j++) s -= q->qr[(size_t)j * n + i] * b[j];
        b[i] = s / q->qr[(size_t)i * n + i];
    }
}

void ferro_qr_unscaled_var(const ferro_qr_t *q, double *d, double *ri)
{
    int n = q->n, k = q->rank;
    /* ri = R^-1 (upper triangular, column-major k x k) */
    for (int j = 0; j < k; j++) {
        for (int i = 0; i < k; i++) ri[(size_t)j * k + i] = 0;
        ri[(size_t)j * k + j] = 1.0 / q->qr[(size_t)j * n + j];
        for (int i = j - 1; i >= 0; i--) {
            double s = 0;
            for (int l = i + 1; l <= j; l++) s += q->qr[(size_t)l * n + i] * ri[(size_t)j * k + l];
            ri[(size_t)j * k + i] = -s / q->qr[(size_t)i * n + i];
        }
    }
    /* (R'R)^-1 = R^-1 R^-T: diagonal = row sums of squares of R^-1 */
    for (int i = 0; i < k; i++) {
        double s = 0;
        for (int j = i; j < k; j++) s += ri[(size_t)j * k + i] * ri[(size_t)j * k + i];
        d[i] = s;
    }
}
