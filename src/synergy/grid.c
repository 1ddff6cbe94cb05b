/* grid.c — the dose matrix of a two-agent combination, built from (possibly replicated) wells. */
#include "ferrosim/synergy.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void ferro_grid_free(ferro_grid_t *g)
{
    if (!g) return;
    free(g->dose_a);
    free(g->dose_b);
    free(g->viability);
    free(g->sd);
    free(g->n);
    free(g);
}

int ferro_grid_alloc(int na, const double *dose_a, int nb, const double *dose_b, ferro_grid_t **out)
{
    *out = NULL;
    if (na < 2 || nb < 2)
        return ferro_error_set(FERRO_EINVAL, "combination: need at least two doses of each agent (zero and one more)");
    if (dose_a[0] != 0 || dose_b[0] != 0)
        return ferro_error_set(FERRO_EINVAL, "combination: the dose series of both agents must start at 0 "
                                             "(the single-agent responses are needed)");
    for (int i = 1; i < na; i++)
        if (!(dose_a[i] > dose_a[i - 1])) return ferro_error_set(FERRO_EINVAL, "combination: doses of agent A must increase");
    for (int j = 1; j < nb; j++)
        if (!(dose_b[j] > dose_b[j - 1])) return ferro_error_set(FERRO_EINVAL, "combination: doses of agent B must increase");
    ferro_grid_t *g = ferro_calloc(1, sizeof *g);
    if (!g) return FERRO_ENOMEM;
    g->na = na;
    g->nb = nb;
    g->dose_a = ferro_malloc((size_t)na * sizeof(double));
    g->dose_b = ferro_malloc((size_t)nb * sizeof(double));
    g->viability = ferro_malloc((size_t)na * nb * sizeof(double));
    g->sd = ferro_malloc((size_t)na * nb * sizeof(double));
    g->n = ferro_calloc((size_t)na * nb, sizeof(int));
    if (!g->dose_a || !g->dose_b || !g->viability || !g->sd || !g->n) {
        ferro_grid_free(g);
        return FERRO_ENOMEM;
    }
    memcpy(g->dose_a, dose_a, (size_t)na * sizeof(double));
    memcpy(g->dose_b, dose_b, (size_t)nb * sizeof(double));
    for (int k = 0; k < na * nb; k++) g->viability[k] = g->sd[k] = NAN;
    *out = g;
    return 0;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Sorted distinct values of v[0..n) into u; returns their count. */
static int distinct(const double *v, int n, double *u)
{
    memcpy(u, v, (size_t)n * sizeof *u);
    qsort(u, (size_t)n, sizeof *u, cmp_double);
    int k = 0;
    for (int i = 0; i < n; i++)
        if (k == 0 || u[i] != u[k - 1]) u[k++] = u[i];
    return k;
}

static int index_of(const double *u, int n, double x)
{
    int lo = 0, hi = n - 1;
    while (lo <= hi) {
        int mid = (lo + hi) / 2;
        if (u[mid] == x) return mid;
        if (u[mid] < x) lo = mid + 1; else hi = mid - 1;
    }
    return -1;
}

int ferro_grid_from_obs(const double *dose_a, const double *dose_b, const double *viability, int n,
                        ferro_grid_t **out)
{
    *out = NULL;
    if (n < 1) return ferro_error_set(FERRO_EINVAL, "combination: no wells");
    double *ua = ferro_malloc((size_t)n * sizeof *ua), *ub = ferro_malloc((size_t)n * sizeof *ub);
    if (!ua || !ub) { free(ua); free(ub); return FERRO_ENOMEM; }
    int na = distinct(dose_a, n, ua), nb = distinct(dose_b, n, ub);
    int rc = 0;
    if (ua[0] != 0 || ub[0] != 0)
        rc = ferro_error_set(FERRO_EINVAL, "combination: no wells with dose 0 of agent %s: the single-agent "
                             "responses of both agents are needed (rows with dose_a = 0 and rows with dose_b = 0)",
                             ua[0] != 0 ? "A" : "B");
    else if (na < 2 || nb < 2)
        rc = ferro_error_set(FERRO_EINVAL, "combination: agent %s has a single dose (0): curves cannot be fitted "
                             "and there is no combination", na < 2 ? "A" : "B");
    ferro_grid_t *g = NULL;
    if (!rc) rc = ferro_grid_alloc(na, ua, nb, ub, &g);
    free(ua);
    free(ub);
    if (rc) return rc;
    double *sum = ferro_calloc((size_t)na * nb, sizeof *sum), *ss = ferro_calloc((size_t)na * nb, sizeof *ss);
    if (!sum || !ss) { free(sum); free(ss); ferro_grid_free(g); return FERRO_ENOMEM; }
    for (int k = 0; k < n; k++) {
        int c = index_of(g->dose_a, na, dose_a[k]) * nb + index_of(g->dose_b, nb, dose_b[k]);
        sum[c] += viability[k];
        g->n[c]++;
    }
    for (int c = 0; c < na * nb; c++)
        if (g->n[c]) g->viability[c] = sum[c] / g->n[c];
    for (int k = 0; k < n; k++) {
        int c = index_of(g->dose_a, na, dose_a[k]) * nb + index_of(g->dose_b, nb, dose_b[k]);
        ss[c] += (viability[k] - g->viability[c]) * (viability[k] - g->viability[c]);
    }
    for (int c = 0; c < na * nb; c++) {
        g->sd[c] = g->n[c] > 1 ? sqrt(ss[c] / (g->n[c] - 1)) : NAN;
        if (!g->n[c] && !rc)
            rc = ferro_error_set(FERRO_EINVAL, "combination: no well with dose_a = %g and dose_b = %g: the "
                                 "matrix must be complete", g->dose_a[c / nb], g->dose_b[c % nb]);
    }
    free(sum);
    free(ss);
    if (rc) { ferro_grid_free(g); return rc; }
    *out = g;
    return 0;
}
