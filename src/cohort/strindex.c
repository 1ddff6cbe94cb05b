/* strindex.c — sorted string index with binary search (see strindex.h). */
#include "cohort/strindex.h"

#include <stdlib.h>
#include <string.h>

#include "ferrosim/common.h"

static int cmp_entry(const void *a, const void *b)
{
    const ferro_strindex_entry_t *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    return c ? c : (x->i > y->i) - (x->i < y->i);
}

int ferro_strindex_build(char *const *key, int n, ferro_strindex_t **out)
{
    *out = NULL;
    ferro_strindex_t *ix = ferro_calloc(1, sizeof *ix);
    if (!ix) return FERRO_ENOMEM;
    ix->e = ferro_malloc((size_t)(n > 0 ? n : 1) * sizeof *ix->e);
    if (!ix->e) { free(ix); return FERRO_ENOMEM; }
    ix->n = n;
    for (int i = 0; i < n; i++) { ix->e[i].key = key[i]; ix->e[i].i = i; }
    qsort(ix->e, (size_t)n, sizeof *ix->e, cmp_entry);
    *out = ix;
    return 0;
}

int ferro_strindex_find(const ferro_strindex_t *ix, const char *s)
{
    int lo = 0, hi = ix->n; /* first position with key >= s */
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        if (strcmp(ix->e[mid].key, s) < 0) lo = mid + 1;
        else hi = mid;
    }
    if (lo < ix->n && strcmp(ix->e[lo].key, s) == 0) return ix->e[lo].i;
    return -1;
}

int ferro_strindex_first_dup(const ferro_strindex_t *ix)
{
    int best = -1;
    for (int k = 1; k < ix->n; k++)
        if (strcmp(ix->e[k].key, ix->e[k - 1].key) == 0)
            if (best < 0 || ix->e[k].i < best) best = ix->e[k].i;
    return best;
}

void ferro_strindex_free(ferro_strindex_t *ix)
{
    if (!ix) return;
    free(ix->e);
    free(ix);
}
