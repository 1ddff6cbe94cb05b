/* profile.c — a sample's expression -> per-gene fold changes against a reference group, applied as
 * gene factors on a base cell line (include/ferrosim/personal.h). */
#include "ferrosim/personal.h"

#include <ctype.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <stdlib.h>

int ferro_personal_reference(const ferro_world_t *w, const ferro_matrix_t *m, const int *cols, int ncols,
                             double *ref)
{
    if (!w || !m || !ref) return ferro_error_set(FERRO_EINVAL, "personal reference: missing argument");
    if (!cols) ncols = m->ncol;
    if (ncols < 1) return ferro_error_set(FERRO_EINVAL, "personal reference: the reference group has no samples");
    for (int j = 0; j < ncols; j++)
        if (cols && (cols[j] < 0 || cols[j] >= m->ncol))
            return ferro_error_set(FERRO_EINVAL, "personal reference: column %d is not in the matrix", cols[j]);
    double *v = ferro_malloc((size_t)ncols * sizeof *v);
    if (!v) return ferro_error_set(FERRO_ENOMEM, "out of memory");
    for (int g = 0; g < ferro_world_n_genes(w); g++) {
        ref[g] = NAN;
        int row = ferro_matrix_row(m, ferro_world_gene_name(w, g)), n = 0;
        if (row < 0) continue;
        for (int j = 0; j < ncols; j++) {
            double x = m->x[(size_t)row * (size_t)m->ncol + (size_t)(cols ? cols[j] : j)];
            if (!isnan(x)) v[n++] = x;
        }
        if (!n) continue;
        gsl_sort(v, 1, (size_t)n);
        ref[g] = gsl_stats_median_from_sorted_data(v, 1, (size_t)n);
    }
    free(v);
    return 0;
}

int ferro_personal_ratios(const ferro_world_t *w, const ferro_matrix_t *m, int col, const double *ref,
                          double *ratio, int *nclipped)
{
    if (!w || !m || !ref || !ratio) return ferro_error_set(FERRO_EINVAL, "personal ratios: missing argument");
    if (col < 0 || col >= m->ncol) return ferro_error_set(FERRO_EINVAL, "personal ratios: column %d is not in the matrix", col);
    int nc = 0;
    for (int g = 0; g < ferro_world_n_genes(w); g++) {
        ratio[g] = NAN;
        int row = ferro_matrix_row(m, ferro_world_gene_name(w, g));
        if (row < 0 || isnan(ref[g])) continue;
        double x = m->x[(size_t)row * (size_t)m->ncol + (size_t)col];
        if (isnan(x)) continue;
        double r = exp2(x - ref[g]);
        if (r < FERRO_PERSONAL_MIN) r = FERRO_PERSONAL_MIN, nc++;
        else if (r > FERRO_PERSONAL_MAX) r = FERRO_PERSONAL_MAX, nc++;
        ratio[g] = r;
    }
    if (nclipped) *nclipped = nc;
    return 0;
}

int ferro_personal_factors(const ferro_world_t *w, const double *ratio, ferro_gene_factor_t *f, int *n)
{
    if (!w || !ratio || !f || !n) return ferro_error_set(FERRO_EINVAL, "personal factors: missing argument");
    *n = 0;
    for (int g = 0; g < ferro_world_n_genes(w); g++)
        if (!isnan(ratio[g])) f[(*n)++] = (ferro_gene_factor_t){g, ratio[g]};
    return 0;
}

int ferro_personal_base_cell(const ferro_world_t *w, const char *lineage, int *cell)
{
    if (!w || !lineage || !cell) return ferro_error_set(FERRO_EINVAL, "personal base line: missing argument");
    char c = (char)toupper((unsigned char)lineage[0]);
    if (c == 'T') return ferro_world_find_cell(w, "Jurkat", cell);
    if (c == 'B') return ferro_world_find_cell(w, "NALM-6", cell);
    return ferro_error_set(FERRO_EINVAL, "lineage '%s': expected T (T-ALL) or B (B-ALL); give the base line with --base",
                           lineage);
}
