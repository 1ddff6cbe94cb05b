/* ferrosim/geneset.h — gene sets (GMT files, one-gene-per-line lists) and per-sample gene-set
 * scores: ssGSEA, GSVA (Gaussian kernel) and the combined z-score, as the GSVA package 1.46
 * computes them (gsva(expr, sets, method = "ssgsea" | "gsva" | "zscore")).
 *
 * Reading: a file ending in .gmt (optionally .gz) is GMT (name, description, genes... per line,
 * tab-separated); anything else is a list with one gene per line ('#' comments and blank lines
 * skipped), named after the file (basename without extension). Genes repeated within a set are
 * kept once (GSVA would count them twice; a set is a set).
 *
 * Scoring: genes of each set are mapped to the matrix rows by exact ID (the first row with that
 * ID); sets with fewer than min_size or more than max_size mapped genes are dropped (GSVA's
 * min.sz / max.sz, after mapping). ssGSEA and GSVA need a matrix without missing values (GSVA
 * cannot use them either; an error names the first); GSVA also drops genes with zero variance
 * (sd < 1e-10) first, as GSVA does. The z-score method follows R's scale(): mean and sd over the
 * non-missing values per gene, and a set's score is NA in a sample where any of its genes is NA. */
#ifndef FERROSIM_GENESET_H
#define FERROSIM_GENESET_H

#include "ferrosim/cohort.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
    int n;
    char **name, **desc; /* desc may be "" */
    int *size;
    char ***gene;        /* gene[s][0..size[s]-1] */
} ferro_genesets_t;

int ferro_genesets_read(const char *path, ferro_genesets_t **out) FERRO_WUR;
/* An empty collection, and appending one set (genes copied, duplicates dropped). */
int ferro_genesets_new(ferro_genesets_t **out) FERRO_WUR;
int ferro_genesets_add(ferro_genesets_t *gs, const char *name, const char *desc, char *const *genes, int n) FERRO_WUR;
/* Append all sets of `more` (copied). */
int ferro_genesets_merge(ferro_genesets_t *gs, const ferro_genesets_t *more) FERRO_WUR;
/* Index of the set called name, or -1. */
int ferro_genesets_find(const ferro_genesets_t *gs, const char *name);
void ferro_genesets_free(ferro_genesets_t *gs); /* NULL-safe */

#ifdef __cplusplus
}
#endif
#endif
