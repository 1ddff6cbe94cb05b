/* ref.h — read R's reference values (tests/data/survival/ref_*.tsv, made by make_fixtures.R). */
#ifndef FERRO_TEST_SURV_REF_H
#define FERRO_TEST_SURV_REF_H

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "ferrosim/io.h"

#define SURV_DATA FERRO_TEST_DATA "/survival/"

static inline ferro_table_t *ref_table(const char *name)
{
    ferro_table_t *t = NULL;
    if (ferro_table_read(name, 0, &t)) {
        fprintf(stderr, "cannot read %s: %s\n", name, ferro_error_message());
        exit(1);
    }
    return t;
}

/* Numeric cell (NA -> NAN). */
static inline double ref_num(const ferro_table_t *t, int row, const char *col)
{
    int c = ferro_table_col(t, col);
    double v = NAN;
    if (c < 0 || row >= t->nrow) { fprintf(stderr, "%s: no %s / row %d\n", t->path, col, row); exit(1); }
    if (ferro_is_na(t->cell[row][c])) return NAN;
    if (strcmp(t->cell[row][c], "Inf") == 0) return INFINITY;
    if (ferro_parse_double(t->cell[row][c], &v)) { fprintf(stderr, "%s: bad number\n", t->path); exit(1); }
    return v;
}

/* Value of a key in a key/value table. */
static inline double ref_kv(const ferro_table_t *t, const char *key)
{
    for (int i = 0; i < t->nrow; i++)
        if (strcmp(t->cell[i][0], key) == 0) return ref_num(t, i, "value");
    fprintf(stderr, "%s: no key %s\n", t->path, key);
    exit(1);
}

#endif
