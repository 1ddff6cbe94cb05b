/* samples.c — sample annotation tables and matching them to a matrix's columns. */
#include "ferrosim/cohort.h"

#include <stdlib.h>
#include <string.h>

#include "cohort/strindex.h"

int ferro_samples_read(const char *path, ferro_table_t **out)
{
    int rc = ferro_table_read(path, FERRO_TSV_SKIP_HASH, out);
    if (rc) return rc;
    ferro_table_t *t = *out;
    char **ids = ferro_malloc(((size_t)t->nrow + 1) * sizeof *ids);
    if (!ids) { ferro_table_free(t); *out = NULL; return FERRO_ENOMEM; }
    for (int i = 0; i < t->nrow; i++) ids[i] = t->cell[i][0];
    ferro_strindex_t *ix;
    if ((rc = ferro_strindex_build(ids, t->nrow, &ix)) == 0) {
        int d = ferro_strindex_first_dup(ix);
        if (d >= 0)
            rc = ferro_error_set(FERRO_EPARSE, "%s: line %ld: duplicate sample ID '%s' (first on line %ld)", t->path,
                                 t->lineno[d], ids[d], t->lineno[ferro_strindex_find(ix, ids[d])]);
        ferro_strindex_free(ix);
    }
    free(ids);
    if (rc) { ferro_table_free(t); *out = NULL; }
    return rc;
}

/* Append up to 5 names to buf, then "... (N in all)". */
static void list_names(char *buf, size_t n, char **names, int k)
{
    size_t len = strlen(buf);
    for (int i = 0; i < k && i < 5; i++) {
        snprintf(buf + len, n - len, "%s'%s'", i ? ", " : "", names[i]);
        len = strlen(buf);
    }
    if (k > 5) snprintf(buf + len, n - len, ", ... (%d in all)", k);
}

int ferro_samples_match(const ferro_matrix_t *m, const ferro_table_t *annot, int *col_of_row)
{
    ferro_strindex_t *ix;
    int rc = ferro_strindex_build(m->col_id, m->ncol, &ix);
    if (rc) return rc;
    char **miss_m = ferro_calloc((size_t)annot->nrow + 1, sizeof(char *));
    char **miss_a = ferro_calloc((size_t)m->ncol + 1, sizeof(char *));
    char *seen = ferro_calloc((size_t)m->ncol + 1, 1);
    if (!miss_m || !miss_a || !seen) { rc = FERRO_ENOMEM; goto done; }
    int nm = 0, na = 0;
    for (int i = 0; i < annot->nrow; i++) {
        col_of_row[i] = ferro_strindex_find(ix, annot->cell[i][0]);
        if (col_of_row[i] < 0) miss_m[nm++] = annot->cell[i][0];
        else seen[col_of_row[i]] = 1;
    }
    for (int j = 0; j < m->ncol; j++)
        if (!seen[j]) miss_a[na++] = m->col_id[j];
    if (nm || na) {
        char msg[1024] = "";
        if (nm) {
            snprintf(msg, sizeof msg, "annotated sample(s) not in the expression matrix: ");
            list_names(msg, sizeof msg, miss_m, nm);
        }
        if (na) {
            size_t len = strlen(msg);
            snprintf(msg + len, sizeof msg - len, "%smatrix sample(s) missing from the annotation: ", nm ? "; " : "");
            list_names(msg, sizeof msg, miss_a, na);
        }
        rc = ferro_error_set(FERRO_EINVAL, "%s: %s", annot->path, msg);
    }
done:
    free(miss_m);
    free(miss_a);
    free(seen);
    ferro_strindex_free(ix);
    return rc;
}
