/* concordance.c — Harrell's C as survival::concordance(reverse = TRUE, timewt = "n") counts it:
 * a pair is comparable when the earlier time is an event (a subject censored at the same time
 * as an event is still at risk); pairs of tied event times are tied.y (tied.xy if the scores
 * tie too). Pairs are only formed within strata. */
#include "ferrosim/survival.h"
#include "survival/internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

int ferro_concordance(int n, const double *time, const int *event, const double *score,
                      const int *strata, ferro_concordance_t *out)
{
    memset(out, 0, sizeof *out);
    int *ord = ferro_malloc(((size_t)n + 1) * sizeof *ord);
    if (!ord) return FERRO_ENOMEM;
    int rc = ferro_surv_order(n, time, strata, ord);
    if (rc) { free(ord); return rc; }
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
                if (score[i] > score[j]) conc++;
                else if (score[i] < score[j]) disc++;
                else tx++;
            }
        }
        k = kend;
    }
    free(ord);
    out->concordant = conc; out->discordant = disc; out->tied_x = tx; out->tied_y = ty; out->tied_xy = txy;
    double tot = conc + disc + tx;
    out->concordance = tot > 0 ? (conc + tx / 2) / tot : NAN;
    return 0;
}
