/* twogroup.c — per-gene Welch t-test (t.test) and Wilcoxon rank-sum test (wilcox.test) with R's
 * semantics: NAs removed per gene; exact Wilcoxon p when both groups have < 50 values and no
 * ties, else the normal approximation with continuity correction and tie-corrected variance. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>

#include "de/result.h"



/* Split one gene into its non-missing A and B values; returns 0. */
static void split(const double *row, const int *group, int ns, double *a, int *na, double *b, int *nb)
{
    *na = *nb = 0;
    for (int j = 0; j < ns; j++) {
        if (isnan(row[j])) continue;
        if (group[j] == 1) a[(*na)++] = row[j];
        else if (group[j] == 0) b[(*nb)++] = row[j];
    }
}

static double mean_of(const double *x, int n)
{
    double s = 0;
    for (int i = 0; i < n; i++) s += x[i];
    return s / n;
}

static double var_of(const double *x, int n, double m)
{
    double s = 0;
    for (int i = 0; i < n; i++) s += (x[i] - m) * (x[i] - m);
    return s / (n - 1);
}

static int check_groups(const int *group, int ns, const char *what)
{
    int na = 0, nb = 0;
    for (int j = 0; j < ns; j++) { na += group[j] == 1; nb += group[j] == 0; }
    if (na < 1 || nb < 1) return ferro_error_set(FERRO_EINVAL, "%s: both groups need samples (A: %d, B: %d)", what, na, nb);
    return 0;
}

int ferro_de_welch(const double *y, int ng, int ns, const int *group, int nthreads, ferro_de_result_t **out)
{
    *out = NULL;
    int rc = check_groups(group, ns, "Welch t-test");
    if (rc) return rc;
    ferro_de_result_t *r;
    if ((rc = ferro_de_result_alloc(FERRO_DE_WELCH, ng, &r))) return rc;
    int fail = 0;
#pragma omp parallel num_threads(ferro_omics_threads(nthreads))
    {
        double *a = malloc(((size_t)ns + 1) * sizeof *a), *b = malloc(((size_t)ns + 1) * sizeof *b);
        if (!a || !b) {
#pragma omp atomic write
            fail = 1;
        }
#pragma omp for schedule(static)
        for (int g = 0; g < ng; g++) {
            if (!a || !b) continue;
            int na, nb;
            split(y + (size_t)g * ns, group, ns, a, &na, b, &nb);
            if (na + nb > 0) r->AveExpr[g] = (na ? mean_of(a, na) * na : 0) / (na + nb) + (nb ? mean_of(b, nb) * nb : 0) / (na + nb);
            if (na < 1 || nb < 1) continue;
            double ma = mean_of(a, na), mb = mean_of(b, nb);
            r->logFC[g] = ma - mb;
            if (na < 2 || nb < 2) continue; /* R: "not enough observations" */
            double va = var_of(a, na, ma) / na, vb = var_of(b, nb, mb) / nb, se2 = va + vb;
            if (sqrt(se2) < 10 * 2.220446049250313e-16 * fmax(fabs(ma), fabs(mb))) continue; /* R: "data are essentially constant" */
            double df = se2 * se2 / (va * va / (na - 1) + vb * vb / (nb - 1));
            double t = (ma - mb) / sqrt(se2);
            r->stat[g] = t;
            r->df[g] = df;
            r->p[g] = 2 * gsl_cdf_tdist_Q(fabs(t), df);
        }
        free(a);
        free(b);
    }
    if (fail) { ferro_de_result_free(r); return ferro_error_set(FERRO_ENOMEM, "out of memory"); }
    if ((rc = ferro_de_bh(r->p, ng, r->adj_p))) { ferro_de_result_free(r); return rc; }
    *out = r;
    return 0;
}

/* ---- Wilcoxon ---- */

/* Distribution of the Mann–Whitney statistic for sizes (m, n): counts c[0..m*n] of each value
 * (R's cwilcox), by the all-positive recurrence N(m', n') = q^n' N(m'-1, n') + N(m', n'-1).
 * Normalised to probabilities; then the lower cumulative sums in cdf[]. */
typedef struct { int m, n; double *cdf; } wdist_t;

static double *wilcox_cdf(int m, int n)
{
    int mn = m * n;
    double *N = calloc((size_t)(m + 1) * (mn + 1), sizeof *N); /* N[m'][u] for the current n' */
    double *cdf = malloc(((size_t)mn + 1) * sizeof *cdf);
    if (!N || !cdf) { free(N); free(cdf); return NULL; }
#define NN(a, u) N[(size_t)(a) * (mn + 1) + (u)]
    for (int a = 0; a <= m; a++) NN(a, 0) = 1; /* n' = 0: only U = 0 */
    for (int b = 1; b <= n; b++)
        for (int a = 1; a <= m; a++) /* N(a, b) = q^b N(a-1, b) + N(a, b-1); N(a-1, b) already updated */
            for (int u = a * b; u >= b; u--) NN(a, u) += NN(a - 1, u - b);
    double tot = 0;
    for (int u = 0; u <= mn; u++) tot += NN(m, u);
    double c = 0;
    for (int u = 0; u <= mn; u++) { c += NN(m, u); cdf[u] = c / tot; }
#undef NN
    free(N);
    return cdf;
}

/* P(W <= q) from the table (upper tail as 1 - cdf is avoided: use the symmetric lower tail). */
static double pw_lower(const double *cdf, int mn, double q)
{
    if (q < 0) return 0;
    if (q >= mn) return 1;
    return cdf[(int)floor(q + 1e-7)];
}

typedef struct { double v; int i; } rv_t;
static int cmp_rv(const void *a, const void *b)
{
    const rv_t *x = a, *y = b;
    return (x->v > y->v) - (x->v < y->v);
}

int ferro_de_wilcoxon(const double *y, int ng, int ns, const int *group, int nthreads, ferro_de_result_t **out)
{
    *out = NULL;
    int rc = check_groups(group, ns, "Wilcoxon test");
    if (rc) return rc;
    ferro_de_result_t *r;
    if ((rc = ferro_de_result_alloc(FERRO_DE_WILCOXON, ng, &r))) return rc;
    /* exact distributions, one per (nA, nB) with both < 50, computed on demand and cached */
    double **cache = calloc(50 * 50, sizeof *cache);
    if (!cache) { ferro_de_result_free(r); return ferro_error_set(FERRO_ENOMEM, "out of memory"); }
    int fail = 0;
#pragma omp parallel num_threads(ferro_omics_threads(nthreads))
    {
        double *a = malloc(((size_t)ns + 1) * sizeof *a), *b = malloc(((size_t)ns + 1) * sizeof *b);
        rv_t *v = malloc(((size_t)ns + 1) * sizeof *v);
        if (!a || !b || !v) {
#pragma omp atomic write
            fail = 1;
        }
#pragma omp for schedule(dynamic, 64)
        for (int g = 0; g < ng; g++) {
            if (!a || !b || !v) continue;
            int na, nb;
            split(y + (size_t)g * ns, group, ns, a, &na, b, &nb);
            if (na + nb > 0) r->AveExpr[g] = (na ? mean_of(a, na) * na : 0) / (na + nb) + (nb ? mean_of(b, nb) * nb : 0) / (na + nb);
            if (na < 1 || nb < 1) continue;
            r->logFC[g] = mean_of(a, na) - mean_of(b, nb);
            int n = na + nb;
            for (int i = 0; i < na; i++) { v[i].v = a[i]; v[i].i = 1; }
            for (int i = 0; i < nb; i++) { v[na + i].v = b[i]; v[na + i].i = 0; }
            qsort(v, (size_t)n, sizeof *v, cmp_rv);
            double ranksum = 0, tiesum = 0;
            int ties = 0;
            for (int i = 0; i < n;) {
                int j = i;
                while (j + 1 < n && v[j + 1].v == v[i].v) j++;
                double rank = (i + j + 2) / 2.0; /* average rank, 1-based */
                int t = j - i + 1;
                if (t > 1) { ties = 1; tiesum += (double)t * t * t - t; }
                for (int k = i; k <= j; k++)
                    if (v[k].i) ranksum += rank;
                i = j + 1;
            }
            double W = ranksum - na * (na + 1) / 2.0, p;
            r->stat[g] = W;
            if (na < 50 && nb < 50 && !ties) {
                double *cdf;
#pragma omp critical(ferro_wilcox_cache)
                {
                    cdf = cache[na * 50 + nb];
                    if (!cdf) cdf = cache[na * 50 + nb] = wilcox_cdf(na, nb);
                }
                if (!cdf) {
#pragma omp atomic write
                    fail = 1;
                    continue;
                }
                int mn = na * nb;
                /* R: if W > mn/2, P(W >= w) = P(W <= mn - w) by symmetry, else P(W <= w) */
                double pl = W > mn / 2.0 ? pw_lower(cdf, mn, mn - W) : pw_lower(cdf, mn, W);
                p = 2 * pl < 1 ? 2 * pl : 1;
            } else {
                double z = W - na * (double)nb / 2;
                double sigma = sqrt((na * (double)nb / 12) * ((n + 1) - tiesum / ((double)n * (n - 1))));
                double corr = z > 0 ? 0.5 : (z < 0 ? -0.5 : 0);
                z = (z - corr) / sigma;
                p = 2 * fmin(gsl_cdf_ugaussian_P(z), gsl_cdf_ugaussian_Q(z));
            }
            r->p[g] = p;
        }
        free(a);
        free(b);
        free(v);
    }
    for (int k = 0; k < 50 * 50; k++) free(cache[k]);
    free(cache);
    if (fail) { ferro_de_result_free(r); return ferro_error_set(FERRO_ENOMEM, "out of memory"); }
    if ((rc = ferro_de_bh(r->p, ng, r->adj_p))) { ferro_de_result_free(r); return rc; }
    *out = r;
    return 0;
}
