/* threads.c — see threads.h. */
#include "cohort/threads.h"

#ifdef _OPENMP
#include <omp.h>
#endif

int ferro_omics_threads(int n)
{
#ifdef _OPENMP
    return n > 0 ? n : omp_get_num_procs();
#else
    (void)n;
    return 1;
#endif
}
