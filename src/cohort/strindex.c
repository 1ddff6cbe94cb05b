/* strindex.c — sorted string index with binary search (see strindex.h). */
#include "cohort/strindex.h"

#include <stdlib.h>
#include <string.h>

#include "ferrosim/common.h"

static char *const *sort_key; /* qsort has no context argument; guarded by a critical section */

static int cmp_idx(const void *a, const void *b)
{
    int i = *(const int *)a, j = *(const int *)b;
    int c = strcmp(sort_key[i], sort_key[j]);
    return c ? c : (i > j) - (i < j);
}

int ferro_strindex_build(char *const *key, int n, ferro_strindex_t **out)
{
    *out = NULL;
    ferro_strindex_t *ix = ferro_calloc(1, sizeof *ix);
    if (!ix) return FERRO_ENOMEM;
    ix->order = ferro_malloc((size_t)(n > 0 ? n : 1) * sizeof *ix->order);
    if (!ix->order) { free(ix); return FERRO_ENOMEM; }
    ix->n = n;
    ix->key = key;
    for (int i = 0; i < n; i++) ix->order[i] = i;
#pragma omp critical(ferro_strindex_sort)
    {
        sort_key = key;
        qsort(ix->order, (size_t)n, sizeof *ix->order, cmp_idx);
        sort_key = NULL;
    }
    *out = ix;
    return 0;
}

int ferro_strindex_find(const ferro_strindex_t *ix, const char *s)
{
    int lo = 0, hi = ix->n; /* first position with key >= s */
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        if (strcmp(ix->key[ix->order[mid]], s) < 0) lo = mid + 1;
        else hi = mid;
    }
    if (lo < ix->n && strcmp(ix->key[ix->order[lo]], s) == 0) return ix->order[lo];
    return -1;
}

int ferro_strindex_first_dup(const ferro_strindex_t *ix)
{
    int best = -1;
    for (int k = 1; k < ix->n; k++)
        if (strcmp(ix->key[ix->order[k]], ix->key[ix->order[k - 1]]) == 0)
            if (best < 0 || ix->order[k] < best) best = ix->order[k];
    return best;
}

void ferro_strindex_free(ferro_strindex_t *ix)
{
    if (!ix) return;
    free(ix->order);
    free(ix);
}
