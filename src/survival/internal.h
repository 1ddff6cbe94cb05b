/* internal.h — helpers shared by the survival module's files (not public API). */
#ifndef FERRO_SURVIVAL_INTERNAL_H
#define FERRO_SURVIVAL_INTERNAL_H

/* ord = 0..n-1 stably sorted by stratum ascending (strata may be NULL), then time descending. */
int ferro_surv_order(int n, const double *time, const int *strata, int *ord);
/* Same with the time order chosen: desc = 1 descending, 0 ascending. */
int ferro_surv_sort(int n, const double *time, const int *strata, int desc, int *ord);

#endif
