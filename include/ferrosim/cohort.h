/* ferrosim/cohort.h — expression matrices (features x samples), probe -> gene collapse, and
 * matching a matrix to a sample annotation table.
 *
 * Files: TSV or CSV (gzip detected by content, '-' = stdin), first column feature IDs, header =
 * sample IDs; GEO series matrix files (the "!..." metadata lines are skipped, quoted IDs are
 * unquoted, "null" is missing). Missing values: "NA", "NaN", "" (and "null" in GEO files) are NAN;
 * what each method then does with them follows R (see de.h, geneset.h). Any other non-numeric
 * cell is an error naming file, line and column. Duplicate sample IDs are an error naming them.
 *
 *   ferro_matrix_t *m; if (ferro_matrix_read("expr.tsv.gz", &m)) -> ferro_error_message()
 *   m->x[i * m->ncol + j] is feature i in sample j
 */
#ifndef FERROSIM_COHORT_H
#define FERROSIM_COHORT_H

#include "ferrosim/common.h"
#include "ferrosim/io.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
    int nrow, ncol;
    char **row_id; /* nrow feature (probe / gene) IDs */
    char **col_id; /* ncol sample IDs, unique */
    double *x;     /* nrow x ncol, row-major; NAN = missing */
} ferro_matrix_t;

/* An empty nrow x ncol matrix (IDs NULL, values 0). */
int ferro_matrix_new(int nrow, int ncol, ferro_matrix_t **out) FERRO_WUR;
int ferro_matrix_read(const char *path, ferro_matrix_t **out) FERRO_WUR;
/* Write as TSV with first header cell `corner` ("gene"), %.10g, NA for missing. */
int ferro_matrix_write(const ferro_matrix_t *m, const char *corner, FILE *fp) FERRO_WUR;
/* Index of a row / column ID, or -1. */
int ferro_matrix_row(const ferro_matrix_t *m, const char *id);
int ferro_matrix_col(const ferro_matrix_t *m, const char *id);
/* The columns cols[0..n-1] (indices into m) as a new matrix. */
int ferro_matrix_select_cols(const ferro_matrix_t *m, const int *cols, int n, ferro_matrix_t **out) FERRO_WUR;
void ferro_matrix_free(ferro_matrix_t *m); /* NULL-safe */

/* Probe -> gene table: a TSV with a header and two columns (probe, gene symbol); rows with an
 * empty or NA symbol are skipped; a probe listed twice is an error. */
typedef struct {
    int n;
    char **probe, **gene;
} ferro_probemap_t;
int ferro_probemap_read(const char *path, ferro_probemap_t **out) FERRO_WUR;
void ferro_probemap_free(ferro_probemap_t *p); /* NULL-safe */

/* Collapse rules (R equivalents for gene g with probes P, over each probe's non-missing values):
 *   MAXMEAN: the probe with the largest mean(x, na.rm = TRUE)
 *   MAXVAR:  the probe with the largest var(x, na.rm = TRUE)
 *   MEAN:    per sample, mean over P of the non-missing values (NA if none)
 * Ties go to the first probe in matrix order. Probes absent from the map are dropped; genes come
 * out in the matrix order of their chosen (MAXMEAN/MAXVAR) or first (MEAN) probe. */
enum { FERRO_COLLAPSE_MAXMEAN = 0, FERRO_COLLAPSE_MEAN = 1, FERRO_COLLAPSE_MAXVAR = 2 };
/* "maxmean" | "mean" | "maxvar" -> rule; FERRO_EINVAL with a message otherwise. */
int ferro_collapse_parse(const char *name, int *rule) FERRO_WUR;
int ferro_matrix_collapse(const ferro_matrix_t *m, const ferro_probemap_t *map, int rule,
                          ferro_matrix_t **out) FERRO_WUR;
/* Read a matrix and, when map_path is not NULL, collapse it to genes with that probe map. */
int ferro_matrix_read_genes(const char *path, const char *map_path, int rule, ferro_matrix_t **out) FERRO_WUR;

/* A sample annotation table (samples x variables, sample IDs in the first column); duplicate
 * sample IDs are an error naming them. */
int ferro_samples_read(const char *path, ferro_table_t **out) FERRO_WUR;
/* Match annotation rows to matrix columns: col_of_row[i] = matrix column of annotation row i.
 * Every matrix sample must be annotated and every annotated sample must be in the matrix;
 * otherwise FERRO_EINVAL with a message naming the mismatched IDs. */
int ferro_samples_match(const ferro_matrix_t *m, const ferro_table_t *annot, int *col_of_row) FERRO_WUR;

#ifdef __cplusplus
}
#endif
#endif
