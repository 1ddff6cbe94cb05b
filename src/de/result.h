/* result.h — (private) helpers shared by the DE methods. */
#ifndef FERRO_DE_RESULT_H
#define FERRO_DE_RESULT_H
#include "ferrosim/de.h"
/* A result of n genes with every column NAN; also turns GSL's aborting error handler off. */
int ferro_de_result_alloc(int method, int n, ferro_de_result_t **out);
/* The indices of the samples with group 1 (A) or 0 (B), in order; returns how many. */
int ferro_de_group_columns(const int *group, int nsamples, int *cols, int *na, int *nb);
#include "cohort/threads.h"
#endif
