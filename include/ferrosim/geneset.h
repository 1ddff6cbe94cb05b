/* ferrosim/geneset.h — gene sets (GMT files, one-gene-per-line lists) and per-sample gene-set
 * scores: ssGSEA, GSVA (Gaussian kernel) and the combined z-score, as the GSVA package 1.46
 * computes them (gsva(expr, sets, method = "ssgsea" | "gsva" | "zscore")), and the mean z-score.
 *
 * Reading: a file ending in .gmt (optionally .gz) is GMT (name, description, genes... per line,
 * tab-separated); anything else is a list with one gene per line ('#' comments and blank lines
 * skipped), named after the file (basename without extension). Genes repeated within a set are
 * kept once (GSVA would count them twice; a set is a set).
 *
 * Scoring: genes of each set are mapped to the matrix rows by exact ID (the first row with that
 * ID); sets with fewer than min_size or more than max_size mapped genes are dropped (GSVA's
 * min.sz / max.sz, after mapping). Missing values, as GSVA: GSVA and z-score first drop every
 * gene whose sd is NA (a missing value) or < 1e-10 (constant), then map the sets; ssGSEA keeps
 * constant genes and cannot rank missing values (an error names the first). */
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
/* A command-line gene argument: existing files, comma-separated (GMT or lists, as
 * ferro_genesets_read, pooled), or a comma-separated list of genes (one set called "genes"). */
int ferro_genesets_from_arg(const char *arg, ferro_genesets_t **out) FERRO_WUR;
/* All genes of all sets, each once, in order of first appearance: *genes (free() it; the strings
 * are borrowed from gs) and *n. */
int ferro_genesets_union(const ferro_genesets_t *gs, char ***genes, int *n) FERRO_WUR;
/* Index of the set called name, or -1. */
int ferro_genesets_find(const ferro_genesets_t *gs, const char *name);
void ferro_genesets_free(ferro_genesets_t *gs); /* NULL-safe */

/* ZSCORE is GSVA's method = "zscore" (Lee et al.'s combined z-score, sum of z / sqrt(size));
 * MEANZ is the mean of the set's per-gene z-scores (sum of z / size), with the same gene filter. */
enum { FERRO_SCORE_SSGSEA = 0, FERRO_SCORE_GSVA = 1, FERRO_SCORE_ZSCORE = 2, FERRO_SCORE_MEANZ = 3 };

typedef struct {
    int method;       /* FERRO_SCORE_* */
    double tau;       /* NAN = the method's default: ssGSEA 0.25, GSVA 1 */
    int ssgsea_norm;  /* ssGSEA: divide by the range of all scores (GSVA's ssgsea.norm = TRUE) */
    int mx_diff;      /* GSVA: ES = max positive + max negative deviation (TRUE) or the larger one */
    int min_size, max_size; /* 1 and INT_MAX by default */
    int nthreads;     /* <= 0: all cores; results do not depend on it */
} ferro_score_opts_t;
void ferro_score_opts_init(ferro_score_opts_t *o);
/* "ssgsea" | "gsva" | "zscore" | "meanz" -> method (FERRO_EINVAL with a message otherwise). */
int ferro_score_method_parse(const char *name, int *method) FERRO_WUR;

/* Scores: a matrix with one row per retained set (row IDs = set names) and the expression
 * matrix's samples as columns. */
int ferro_geneset_score(const ferro_matrix_t *expr, const ferro_genesets_t *sets, const ferro_score_opts_t *o,
                        ferro_matrix_t **scores) FERRO_WUR;

#ifdef __cplusplus
}
#endif
#endif
