/* findings_internal.h — parsed form of data/findings.tsv (see include/ferrosim/findings.h). */
#ifndef FERRO_FINDINGS_INTERNAL_H
#define FERRO_FINDINGS_INTERNAL_H

#include "ferrosim/findings.h"

typedef struct {
    char *name;   /* agent or gene, as written */
    char *value;  /* dose text or factor text */
    int is_gene;  /* 1: GENE*FACTOR, 0: AGENT=DOSE */
} fnd_item_t;

typedef struct {
    char *measure;     /* viability | alive | ferro_share | species id */
    char *cell;        /* NULL = the finding's line */
    int nitems;
    fnd_item_t *items;
} fnd_term_t;

typedef struct {
    char *text;
    int nterms;        /* 1 or 2 */
    fnd_term_t term[2];
    char combine;      /* '-' or '/' when nterms == 2 */
    char op[3];
    double threshold;
} fnd_check_t;

typedef struct {
    char *id, *claim, *ref;
    int ncell;
    char **cell;
    double time_h;
    int ncells;        /* virtual cells per population */
    int ncheck;
    fnd_check_t *check;
} fnd_finding_t;

struct ferro_findings_s {
    int n;
    fnd_finding_t *f;
    int threads;
};

/* Parse one check ("viability[erastin=5] - viability[] <= -0.2") into c; column of an error
 * (1-based, within text) in *errcol. Returns 0 or FERRO_EPARSE (message set, without location). */
int fnd_parse_check(const char *text, fnd_check_t *c, int *errcol);
void fnd_check_free(fnd_check_t *c);

#endif
