/* coxnet_internal.h — glmnet's risk-set bookkeeping, shared by the path (coxnet.c) and the
 * deviance / cross-validation (coxnet_cv.c). Not public API. */
#ifndef FERRO_COXNET_INTERNAL_H
#define FERRO_COXNET_INTERNAL_H

typedef struct {
    int *jp;    /* subjects with y >= t0 sorted by y (nj of them) */
    int nj;
    int *kp;    /* end (exclusive, into jp) of each event-time group */
    int nk;
    double *dk; /* weighted events per group */
    double *u;  /* work: risk-set sums */
    double t0;  /* first event time */
} coxnet_groups_t;

/* glmnet's `groups` and `died` on times y (censored ones already nudged), weighted event
 * indicators dq and event flags. */
int coxnet_groups(int n, const double *y, const double *dq, const int *event, coxnet_groups_t *g);
void coxnet_groups_free(coxnet_groups_t *g);
/* glmnet's `risk`: the Breslow log partial likelihood sum dq f - sum dk log(sum_risk e). */
double coxnet_risk(int n, const coxnet_groups_t *g, const double *dq, const double *f, const double *e);

#endif
