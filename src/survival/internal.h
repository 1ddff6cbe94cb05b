/* internal.h — helpers shared by the survival module's files (not public API). */
#ifndef FERRO_SURVIVAL_INTERNAL_H
#define FERRO_SURVIVAL_INTERNAL_H

#include "ferrosim/survival.h"

/* ord = 0..n-1 stably sorted by stratum ascending (strata may be NULL), then time descending. */
int ferro_surv_order(int n, const double *time, const int *strata, int *ord);
/* Same with the time order chosen: desc = 1 descending, 0 ascending. */
int ferro_surv_sort(int n, const double *time, const int *strata, int desc, int *ord);

/* Cluster ids (any integers) -> idx[i] in 0..*ng-1, numbered by ascending id. */
int ferro_surv_cluster_index(int n, const int *cluster, int *idx, int *ng);
/* The robust variance of a converged fit f (fills robust_se, naive_var, var, z, p, CI, Wald,
 * rscore, the clustered concordance se); x n x p, beta = f->coef; toler: toler.chol. */
int ferro_cox_robust(int n, int p, const double *time, const int *event, const double *x, const int *strata,
                     const int *cluster, int ties, double zq, double toler, ferro_cox_fit_t *f);

#endif
