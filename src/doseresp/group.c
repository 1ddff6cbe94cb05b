/* group.c — replicate grouping of dose–response observations (distinct doses, mean, SD, count). */
#include "ferrosim/doseresp.h"

#include <math.h>
#include <stdlib.h>

typedef struct { double dose, resp; } pair_t;

static int cmp_pair(const void *a, const void *b)
{
    const pair_t *x = a, *y = b;
    return (x->dose > y->dose) - (x->dose < y->dose);
}

int ferro_dr_group(const double *dose, const double *resp, int n, double *udose, double *mean,
                   double *sd, int *count, int *ndose)
{
    if (n < 1 || !dose || !resp || !udose || !mean || !sd || !count || !ndose)
        return ferro_error_set(FERRO_EINVAL, "dose-response: no observations");
    pair_t *p = ferro_malloc((size_t)n * sizeof *p);
    if (!p) return FERRO_ENOMEM;
    for (int i = 0; i < n; i++) p[i] = (pair_t){dose[i], resp[i]};
    qsort(p, (size_t)n, sizeof *p, cmp_pair);
    int k = 0;
    for (int i = 0; i < n;) {
        int j = i;
        double s = 0;
        while (j < n && p[j].dose == p[i].dose) s += p[j++].resp;
        int c = j - i;
        double m = s / c, ss = 0;
        for (int t = i; t < j; t++) ss += (p[t].resp - m) * (p[t].resp - m);
        udose[k] = p[i].dose;
        mean[k] = m;
        sd[k] = c > 1 ? sqrt(ss / (c - 1)) : NAN;
        count[k] = c;
        k++;
        i = j;
    }
    free(p);
    *ndose = k;
    return 0;
}
