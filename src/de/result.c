/* result.c — DE result allocation, Benjamini–Hochberg, volcano calls. */
#include "de/result.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>


static double *vec(int n)
{
    double *v = ferro_malloc(((size_t)n + 1) * sizeof *v);
    if (v)
        for (int i = 0; i < n; i++) v[i] = NAN;
    return v;
}

int ferro_de_result_alloc(int method, int n, ferro_de_result_t **out)
{
    gsl_set_error_handler_off(); /* GSL must return error codes, never abort */
    ferro_de_result_t *r = ferro_calloc(1, sizeof *r);
    if (!r) return FERRO_ENOMEM;
    r->method = method;
    r->n = n;
    r->df_prior = r->var_prior = NAN;
    int ok = (r->logFC = vec(n)) && (r->AveExpr = vec(n)) && (r->stat = vec(n)) && (r->p = vec(n)) &&
             (r->adj_p = vec(n));
    if (ok && method != FERRO_DE_WILCOXON) ok = (r->df = vec(n)) != NULL;
    if (ok && method == FERRO_DE_LIMMA)
        ok = (r->B = vec(n)) && (r->sigma = vec(n)) && (r->df_residual = vec(n)) && (r->s2_post = vec(n)) &&
             (r->stdev_unscaled = vec(n)) && (r->s2_prior = vec(n));
    if (!ok) { ferro_de_result_free(r); return FERRO_ENOMEM; }
    *out = r;
    return 0;
}

void ferro_de_result_free(ferro_de_result_t *r)
{
    if (!r) return;
    double *v[] = {r->logFC, r->AveExpr, r->stat, r->p, r->adj_p, r->B, r->df,
                   r->sigma, r->df_residual, r->s2_post, r->stdev_unscaled, r->s2_prior};
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) free(v[i]);
    free(r);
}

typedef struct { double p; int i; } pidx_t;
static int cmp_p(const void *a, const void *b)
{
    const pidx_t *x = a, *y = b;
    if (x->p != y->p) return x->p < y->p ? -1 : 1;
    return (x->i > y->i) - (x->i < y->i);
}

int ferro_de_bh(const double *p, int n, double *adj)
{
    pidx_t *v = ferro_malloc(((size_t)n + 1) * sizeof *v);
    if (!v) return FERRO_ENOMEM;
    int m = 0;
    for (int i = 0; i < n; i++) {
        adj[i] = NAN;
        if (!isnan(p[i])) { v[m].p = p[i]; v[m].i = i; m++; }
    }
    qsort(v, (size_t)m, sizeof *v, cmp_p);
    /* R: pmin(1, cummin(n / i * p[o])) with o the decreasing order */
    double run = INFINITY;
    for (int k = m - 1; k >= 0; k--) {
        double q = (double)m / (k + 1) * v[k].p;
        if (q < run) run = q;
        adj[v[k].i] = run < 1 ? run : 1;
    }
    free(v);
    return 0;
}

void ferro_de_volcano(const ferro_de_result_t *r, double fdr, double lfc, int *call)
{
    for (int i = 0; i < r->n; i++) {
        call[i] = 0;
        if (isnan(r->adj_p[i]) || !(r->adj_p[i] < fdr)) continue;
        if (r->logFC[i] >= lfc) call[i] = 1;
        else if (r->logFC[i] <= -lfc) call[i] = -1;
    }
}
