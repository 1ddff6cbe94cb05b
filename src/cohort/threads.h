/* threads.h — (private) the OpenMP thread count used by the omics modules (cohort, de, geneset,
 * network): n > 0 as given, otherwise all cores. */
#ifndef FERRO_COHORT_THREADS_H
#define FERRO_COHORT_THREADS_H
int ferro_omics_threads(int n);
#endif
