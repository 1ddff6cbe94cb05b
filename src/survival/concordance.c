/* concordance.c — Harrell's C as survival::concordance(reverse = TRUE, timewt = "n") counts it:
 * a pair is comparable when the earlier time is an event (a subject censored at the same time
 * as an event is still at risk); pairs of tied event times are tied.y (tied.xy if the scores
 * tie too). Pairs are only formed within strata. Standard error as concordancefit's
 * infinitesimal jackknife: with c_i, d_i, t_i the concordant / discordant / tied.x pairs that
 * subject i belongs to, N the comparable pairs and D = (C - D) / N (Somers' d),
 * var = sum_i ((c_i - d_i) / N - D (c_i + d_i + t_i) / N)^2 / 4; with clusters the bracket is
 * summed within each cluster before squaring (concordancefit's tapply(dfbeta, cluster, sum)). */
#include "ferrosim/survival.h"
#include "survival/internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

int ferro_concordance(int n, const double *time, const int *event, const double *score,
                      const int *strata, ferro_concordance_t *out)
{
    return ferro_concordance_cluster(n, time, event, score, strata, NULL, out);
}

int ferro_concordance_cluster(int n, const double *time, const int *event, const double *score,
                              const int *strata, const int *cluster, ferro_concordance_t *out)
{
    memset(out, 0, sizeof *out);
    int *ord = ferro_malloc(((size_t)n + 1) * sizeof *ord);
    if (!ord) return FERRO_ENOMEM;
    double *ci = ferro_calloc((size_t)n + 1, sizeof *ci), *di = ferro_calloc((size_t)n + 1, sizeof *di);
    double *ti = ferro_calloc((size_t)n + 1, sizeof *ti);
    int rc = ci && di && ti ? ferro_surv_order(n, time, strata, ord) : FERRO_ENOMEM;
    if (rc) { free(ord); free(ci); free(di); free(ti); return rc; }
    double conc = 0, disc = 0, tx = 0, ty = 0, txy = 0;
    /* ord: strata ascending, time descending; for an event at position a, every subject at a
     * position b < a in the same stratum has time >= its time. */
    int k = 0;
    while (k < n) {
        int s = strata ? strata[ord[k]] : 0, kend = k;
        while (kend < n && (strata ? strata[ord[kend]] : 0) == s) kend++;
        for (int a = k; a < kend; a++) {
            int i = ord[a];
            if (!event[i]) continue;
            for (int b = k; b < kend; b++) {
                int j = ord[b];
                if (j == i) continue;
                if (time[j] < time[i]) break;
                if (time[j] == time[i]) {
                    if (event[j]) {
                        if (j < i) continue; /* count each tied pair once */
                        if (score[i] == score[j]) txy++; else ty++;
                        continue;
                    }
                }
                if (score[i] > score[j]) { conc++; ci[i]++; ci[j]++; }
                else if (score[i] < score[j]) { disc++; di[i]++; di[j]++; }
                else { tx++; ti[i]++; ti[j]++; }
            }
        }
        k = kend;
    }
    free(ord);
    out->concordant = conc; out->discordant = disc; out->tied_x = tx; out->tied_y = ty; out->tied_xy = txy;
    double tot = conc + disc + tx;
    out->concordance = tot > 0 ? (conc + tx / 2) / tot : NAN;
    double somer = tot > 0 ? (conc - disc) / tot : NAN, v = 0;
    /* per-subject influence into ci[]; with clusters, summed per cluster into di[] */
    for (int i = 0; i < n; i++) ci[i] = (ci[i] - di[i]) / tot - somer * (ci[i] + di[i] + ti[i]) / tot;
    int ng = n;
    if (cluster) {
        int *idx = ferro_malloc(((size_t)n + 1) * sizeof *idx);
        if (!idx || (rc = ferro_surv_cluster_index(n, cluster, idx, &ng))) {
            free(idx); free(ci); free(di); free(ti);
            return rc ? rc : FERRO_ENOMEM;
        }
        memset(di, 0, (size_t)n * sizeof *di);
        for (int i = 0; i < n; i++) di[idx[i]] += ci[i];
        memcpy(ci, di, (size_t)ng * sizeof *ci);
        free(idx);
    }
    for (int g = 0; g < ng; g++) v += ci[g] * ci[g];
    out->std = tot > 0 ? sqrt(v / 4) : NAN;
    free(ci); free(di); free(ti);
    return 0;
}
