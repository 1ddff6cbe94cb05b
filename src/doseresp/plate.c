/* plate.c — reading measured plate tables (wells with named columns) with file/line/column errors. */
#include "ferrosim/doseresp.h"
#include "ferrosim/io.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

void ferro_dr_plate_free(ferro_dr_plate_t *p)
{
    if (!p) return;
    if (p->text)
        for (long k = 0; k < (long)p->nrow * p->ncol; k++) free(p->text[k]);
    free(p->text);
    free(p->num);
    free(p->lineno);
    free(p->path);
    free(p);
}

static int grow(ferro_dr_plate_t *p, int *cap)
{
    if (p->nrow < *cap) return 0;
    int nc = *cap ? 2 * *cap : 64;
    char **t = ferro_realloc(p->text, (size_t)nc * p->ncol * sizeof *t);
    if (!t) return FERRO_ENOMEM;
    p->text = t;
    double *d = ferro_realloc(p->num, (size_t)nc * p->ncol * sizeof *d);
    if (!d) return FERRO_ENOMEM;
    p->num = d;
    long *l = ferro_realloc(p->lineno, (size_t)nc * sizeof *l);
    if (!l) return FERRO_ENOMEM;
    p->lineno = l;
    *cap = nc;
    return 0;
}

/* Map the wanted columns onto the header; the error names the missing column. */
static int map_header(ferro_tsv_t *r, const char *const *names, int ncol, int *col)
{
    int nf = ferro_tsv_nfields(r);
    for (int k = 0; k < ncol; k++) {
        col[k] = -1;
        for (int f = 0; f < nf; f++)
            if (!strcasecmp(ferro_tsv_field(r, f), names[k])) { col[k] = f; break; }
        if (col[k] < 0) {
            char want[256] = "";
            for (int j = 0; j < ncol; j++) {
                strncat(want, names[j], sizeof want - strlen(want) - 1);
                if (j + 1 < ncol) strncat(want, ", ", sizeof want - strlen(want) - 1);
            }
            double x;
            if (ferro_parse_double(ferro_tsv_field(r, nf > 1 ? 1 : 0), &x) == 0)
                return ferro_tsv_error(r, FERRO_EPARSE, 0, "no header line: the first line must name the columns (%s)", want);
            return ferro_tsv_error(r, FERRO_EPARSE, 0, "the header has no column '%s' (needed: %s)", names[k], want);
        }
    }
    return 0;
}

static int read_cell(ferro_tsv_t *r, ferro_dr_plate_t *p, int row, int k, int f, char kind, int *skip)
{
    long at = (long)row * p->ncol + k;
    p->text[at] = NULL;
    p->num[at] = NAN;
    const char *s = ferro_tsv_field(r, f);
    if (kind == 't') {
        if (!*s) return ferro_tsv_error(r, FERRO_EPARSE, f + 1, "empty name");
        p->text[at] = ferro_strdup(s);
        return p->text[at] ? 0 : FERRO_ENOMEM;
    }
    double v;
    int rc = ferro_tsv_double(r, f, kind == 'v', &v);
    if (rc) return rc;
    if (kind == 'd' && v < 0) return ferro_tsv_error(r, FERRO_EPARSE, f + 1, "negative dose %g", v);
    if (kind == 'v') {
        if (isnan(v)) { *skip = 1; return 0; }
        if (v < -FERRO_DR_VIAB_NOISE)
            return ferro_tsv_error(r, FERRO_EPARSE, f + 1, "viability %g is negative beyond plate noise (< -%g); "
                                   "viability is a fraction of the untreated control", v, FERRO_DR_VIAB_NOISE);
        if (v > FERRO_DR_VIAB_MAX)
            return ferro_tsv_error(r, FERRO_EPARSE, f + 1, "viability %g: expected a fraction of the untreated "
                                   "control (1 = no effect); divide percentages by 100", v);
    }
    p->num[at] = v;
    return 0;
}

int ferro_dr_plate_read(const char *path, const char *const *names, const char *kinds, ferro_dr_plate_t **out)
{
    *out = NULL;
    int ncol = (int)strlen(kinds);
    if (ncol < 1 || ncol > 16) return ferro_error_set(FERRO_EINVAL, "plate table: bad column spec");
    ferro_tsv_t *r;
    int rc = ferro_tsv_open(path, FERRO_TSV_SKIP_HASH, &r);
    if (rc) return rc;
    ferro_dr_plate_t *p = ferro_calloc(1, sizeof *p);
    if (!p) { ferro_tsv_close(r); return FERRO_ENOMEM; }
    p->ncol = ncol;
    p->path = ferro_strdup(path);
    int col[16], cap = 0, nfield = 0;
    rc = ferro_tsv_next(r);
    if (rc == FERRO_END) {
        rc = ferro_error_set(FERRO_EPARSE, "%s: line 1: the file is empty (expected a header naming %d columns, then one row per well)",
                             ferro_tsv_path(r), ncol);
        goto fail;
    }
    if (rc || (rc = map_header(r, names, ncol, col))) goto fail;
    nfield = ferro_tsv_nfields(r);
    while ((rc = ferro_tsv_next(r)) == 0) {
        int nf = ferro_tsv_nfields(r);
        if (nf != nfield) {
            rc = ferro_tsv_error(r, FERRO_EPARSE, nf < nfield ? nf + 1 : nfield + 1, "%d columns, expected %d as in the header (%s)",
                                 nf, nfield, nf < nfield ? "this column is missing" : "this column is extra");
            goto fail;
        }
        if ((rc = grow(p, &cap))) goto fail;
        int skip = 0;
        for (int k = 0; k < ncol; k++) {
            if ((rc = read_cell(r, p, p->nrow, k, col[k], kinds[k], &skip))) {
                for (int j = 0; j < k; j++) free(p->text[(long)p->nrow * ncol + j]);
                goto fail;
            }
        }
        if (skip) {
            for (int k = 0; k < ncol; k++) free(p->text[(long)p->nrow * ncol + k]);
            p->nskipped++;
            continue;
        }
        p->lineno[p->nrow++] = ferro_tsv_lineno(r);
    }
    if (rc != FERRO_END) goto fail;
    if (p->nrow == 0) {
        rc = ferro_error_set(FERRO_EPARSE, "%s: line %ld: no wells after the header%s", ferro_tsv_path(r), ferro_tsv_lineno(r) + 1,
                             p->nskipped ? " (all viabilities are missing)" : "");
        goto fail;
    }
    ferro_tsv_close(r);
    *out = p;
    return 0;
fail:
    ferro_tsv_close(r);
    ferro_dr_plate_free(p);
    return rc;
}
