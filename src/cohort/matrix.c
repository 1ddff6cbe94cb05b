/* matrix.c — expression matrices: read (TSV/CSV/gzip/GEO series matrix), write, select, free. */
#include "ferrosim/cohort.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cohort/strindex.h"

int ferro_matrix_new(int nrow, int ncol, ferro_matrix_t **out)
{
    *out = NULL;
    if (nrow < 0 || ncol < 0) return ferro_error_set(FERRO_EINVAL, "matrix: negative size %d x %d", nrow, ncol);
    ferro_matrix_t *m = ferro_calloc(1, sizeof *m);
    if (!m) return FERRO_ENOMEM;
    m->nrow = nrow;
    m->ncol = ncol;
    m->row_id = ferro_calloc((size_t)nrow + 1, sizeof *m->row_id);
    m->col_id = ferro_calloc((size_t)ncol + 1, sizeof *m->col_id);
    m->x = ferro_calloc((size_t)nrow * (size_t)ncol + 1, sizeof *m->x);
    if (!m->row_id || !m->col_id || !m->x) { ferro_matrix_free(m); return FERRO_ENOMEM; }
    *out = m;
    return 0;
}

void ferro_matrix_free(ferro_matrix_t *m)
{
    if (!m) return;
    if (m->row_id)
        for (int i = 0; i < m->nrow; i++) free(m->row_id[i]);
    if (m->col_id)
        for (int j = 0; j < m->ncol; j++) free(m->col_id[j]);
    free(m->row_id);
    free(m->col_id);
    free(m->x);
    free(m);
}

/* Strip one pair of surrounding double quotes (GEO writes "ID_REF" and "GSM..."). */
static char *dup_unquoted(const char *s)
{
    size_t n = strlen(s);
    if (n >= 2 && s[0] == '"' && s[n - 1] == '"') {
        char *d = ferro_malloc(n - 1);
        if (d) { memcpy(d, s + 1, n - 2); d[n - 2] = 0; }
        return d;
    }
    return ferro_strdup(s);
}

static int is_matrix_na(const char *s)
{
    return ferro_is_na(s) || !strcmp(s, "null") || !strcmp(s, "NULL") || !strcmp(s, "Null") ||
           !strcmp(s, "\"NA\"") || !strcmp(s, "\"\"");
}

static int check_unique_samples(ferro_matrix_t *m, const char *path)
{
    ferro_strindex_t *ix;
    int rc = ferro_strindex_build(m->col_id, m->ncol, &ix);
    if (rc) return rc;
    int d = ferro_strindex_first_dup(ix);
    if (d >= 0) {
        int first = ferro_strindex_find(ix, m->col_id[d]);
        rc = ferro_error_set(FERRO_EPARSE, "%s: line 1: duplicate sample ID '%s' (columns %d and %d)", path,
                             m->col_id[d], first + 2, d + 2);
    }
    ferro_strindex_free(ix);
    return rc;
}

int ferro_matrix_read(const char *path, ferro_matrix_t **out)
{
    *out = NULL;
    ferro_tsv_t *r;
    int rc = ferro_tsv_open(path, FERRO_TSV_SKIP_BANG | FERRO_TSV_SKIP_HASH, &r);
    if (rc) return rc;
    ferro_matrix_t *m = ferro_calloc(1, sizeof *m);
    if (!m) { ferro_tsv_close(r); return FERRO_ENOMEM; }
    rc = ferro_tsv_next(r);
    if (rc == FERRO_END) { rc = ferro_error_set(FERRO_EPARSE, "%s: line 1: empty file (a header line naming the samples is required)", ferro_tsv_path(r)); goto fail; }
    if (rc) goto fail;
    int nf = ferro_tsv_nfields(r);
    if (nf < 2) { rc = ferro_tsv_error(r, FERRO_EPARSE, 0, "header has %d column(s): need an ID column and at least one sample", nf); goto fail; }
    m->ncol = nf - 1;
    if (!(m->col_id = ferro_calloc((size_t)m->ncol, sizeof *m->col_id))) { rc = FERRO_ENOMEM; goto fail; }
    for (int j = 0; j < m->ncol; j++)
        if (!(m->col_id[j] = dup_unquoted(ferro_tsv_field(r, j + 1)))) { rc = FERRO_ENOMEM; goto fail; }
    if ((rc = check_unique_samples(m, ferro_tsv_path(r)))) goto fail;
    int cap = 0;
    while ((rc = ferro_tsv_next(r)) == 0) {
        if ((rc = ferro_tsv_expect_fields(r, nf))) goto fail;
        if (m->nrow == cap) {
            int nc = cap ? cap * 2 : 1024;
            char **ids = ferro_realloc(m->row_id, (size_t)nc * sizeof *ids);
            if (!ids) { rc = FERRO_ENOMEM; goto fail; }
            m->row_id = ids;
            double *x = ferro_realloc(m->x, (size_t)nc * (size_t)m->ncol * sizeof *x);
            if (!x) { rc = FERRO_ENOMEM; goto fail; }
            m->x = x;
            cap = nc;
        }
        double *row = m->x + (size_t)m->nrow * (size_t)m->ncol;
        for (int j = 0; j < m->ncol; j++) {
            const char *f = ferro_tsv_field(r, j + 1);
            if (is_matrix_na(f)) { row[j] = NAN; continue; }
            if (ferro_parse_double(f, &row[j])) {
                rc = ferro_tsv_error(r, FERRO_EPARSE, j + 2, "'%.60s' is not a number (sample '%s', feature '%s')", f,
                                     m->col_id[j], ferro_tsv_field(r, 0));
                goto fail;
            }
        }
        if (!(m->row_id[m->nrow] = dup_unquoted(ferro_tsv_field(r, 0)))) { rc = FERRO_ENOMEM; goto fail; }
        m->nrow++;
    }
    if (rc != FERRO_END) goto fail;
    if (m->nrow == 0) { rc = ferro_error_set(FERRO_EPARSE, "%s: line %ld: no data rows after the header", ferro_tsv_path(r), ferro_tsv_lineno(r)); goto fail; }
    ferro_tsv_close(r);
    *out = m;
    return 0;
fail:
    ferro_tsv_close(r);
    ferro_matrix_free(m);
    return rc;
}

int ferro_matrix_write(const ferro_matrix_t *m, const char *corner, FILE *fp)
{
    fputs(corner, fp);
    for (int j = 0; j < m->ncol; j++) fprintf(fp, "\t%s", m->col_id[j]);
    fputc('\n', fp);
    for (int i = 0; i < m->nrow; i++) {
        fputs(m->row_id[i], fp);
        for (int j = 0; j < m->ncol; j++) {
            double v = m->x[(size_t)i * m->ncol + j];
            if (isnan(v)) fputs("\tNA", fp);
            else fprintf(fp, "\t%.10g", v);
        }
        fputc('\n', fp);
    }
    return ferror(fp) ? ferro_error_set(FERRO_EIO, "write error") : 0;
}

int ferro_matrix_row(const ferro_matrix_t *m, const char *id)
{
    for (int i = 0; i < m->nrow; i++)
        if (!strcmp(m->row_id[i], id)) return i;
    return -1;
}

int ferro_matrix_col(const ferro_matrix_t *m, const char *id)
{
    for (int j = 0; j < m->ncol; j++)
        if (!strcmp(m->col_id[j], id)) return j;
    return -1;
}

int ferro_matrix_select_cols(const ferro_matrix_t *m, const int *cols, int n, ferro_matrix_t **out)
{
    ferro_matrix_t *s;
    int rc = ferro_matrix_new(m->nrow, n, &s);
    if (rc) return rc;
    for (int j = 0; j < n; j++) {
        if (cols[j] < 0 || cols[j] >= m->ncol) { ferro_matrix_free(s); return ferro_error_set(FERRO_EINVAL, "matrix: column %d out of range", cols[j]); }
        if (!(s->col_id[j] = ferro_strdup(m->col_id[cols[j]]))) { ferro_matrix_free(s); return FERRO_ENOMEM; }
    }
    for (int i = 0; i < m->nrow; i++) {
        if (!(s->row_id[i] = ferro_strdup(m->row_id[i]))) { ferro_matrix_free(s); return FERRO_ENOMEM; }
        const double *a = m->x + (size_t)i * m->ncol;
        double *b = s->x + (size_t)i * n;
        for (int j = 0; j < n; j++) b[j] = a[cols[j]];
    }
    *out = s;
    return 0;
}
