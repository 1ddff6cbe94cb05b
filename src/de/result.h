/* result.h — (private) helpers shared by the DE methods. */
#ifndef FERRO_DE_RESULT_H
#define FERRO_DE_RESULT_H
#include "ferrosim/de.h"
/* A result of n genes with every column NAN; also turns GSL's aborting error handler off. */
int ferro_de_result_alloc(int method, int n, ferro_de_result_t **out);
/* The indices of the samples with group 1 (A) or 0 (B), in order; returns how many. */
int ferro_de_group_columns(const int *group, int nsamples, int *cols, int *na, int *nb);
/* lmFit: all coefficients (coefs, su: ngenes x p row-major, NAN when not estimable); sigma,
 * df_residual, AveExpr into r. The design (ns x p row-major) must have full column rank. */
int ferro_de_lmfit(const double *y, int ng, int ns, const double *design, int p, int nthreads,
                   ferro_de_result_t *r, double *coefs, double *su);
/* eBayes on r's logFC / stdev_unscaled / sigma / df_residual / AveExpr: squeezeVar, moderated t,
 * p, B (var.prior of this coefficient), BH. */
int ferro_de_ebayes(ferro_de_result_t *r, int trend, double proportion, int nthreads);
#include "cohort/threads.h"
#endif
