/* tdauc.c — cumulative/dynamic time-dependent AUC with inverse-probability-of-censoring weights
 * (Uno et al. 2007, Blanche et al. 2013), G = Kaplan–Meier estimate of the censoring survival
 * (censorings as events; a subject with an event at u is still at risk of censoring at u). */
#include "ferrosim/survival.h"
#include "survival/internal.h"

#include <math.h>
#include <stdlib.h>

/* G just after the last step at or before s (left = 0), or strictly before s (left = 1). */
static double g_at(int m, const double *u, const double *g, double s, int left)
{
    double v = 1;
    for (int k = 0; k < m && (left ? u[k] < s : u[k] <= s); k++) v = g[k];
    return v;
}

int ferro_td_auc(int n, const double *time, const int *event, const double *score, double t, double *auc)
{
    int *ord = malloc(((size_t)n + 1) * sizeof *ord);
    double *u = malloc(((size_t)n + 1) * sizeof *u), *g = malloc(((size_t)n + 1) * sizeof *g);
    if (!ord || !u || !g) { free(ord); free(u); free(g); return ferro_error_set(FERRO_ENOMEM, "out of memory"); }
    int rc = ferro_surv_sort(n, time, NULL, 0, ord);
    if (rc) { free(ord); free(u); free(g); return rc; }
    /* censoring KM over the distinct times, ascending */
    int m = 0;
    double G = 1;
    for (int a = 0; a < n;) {
        int b = a, c = 0;
        while (b < n && time[ord[b]] == time[ord[a]]) c += !event[ord[b++]];
        if (c) { G *= 1 - (double)c / (n - a); u[m] = time[ord[a]]; g[m++] = G; }
        a = b;
    }
    double gt = g_at(m, u, g, t, 0);
    double num = 0, den = 0;
    int ncontrol = 0;
    for (int j = 0; j < n; j++) ncontrol += time[j] > t;
    for (int i = 0; i < n; i++) {
        if (!(time[i] <= t && event[i])) continue;
        double gi = g_at(m, u, g, time[i], 1);
        if (!(gi > 0) || !(gt > 0)) continue;
        double c = 0;
        for (int j = 0; j < n; j++)
            if (time[j] > t) c += score[i] > score[j] ? 1 : score[i] == score[j] ? 0.5 : 0;
        num += c / (gi * gt);
        den += ncontrol / (gi * gt);
    }
    *auc = den > 0 && ncontrol > 0 ? num / den : NAN;
    free(ord); free(u); free(g);
    return 0;
}
