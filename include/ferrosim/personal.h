/* ferrosim/personal.h — personalisation: a patient's transcriptome sets the model's protein
 * levels, and the population model predicts that patient's ferroptosis sensitivity.
 *
 * Mapping (for each model gene of data/genes.tsv, matched by its HGNC symbol to a matrix row):
 *
 *     ratio_g = clip(2^(x_g,sample - ref_g), FERRO_PERSONAL_MIN, FERRO_PERSONAL_MAX)
 *
 * where x is log2 expression (e.g. RMA) and ref_g the median of the gene over a reference group
 * of samples (the whole cohort, or the patient's own lineage). The ratio is a fold change against
 * the reference group, so it is applied ON TOP of a base cell line: the base line stands for the
 * reference group's typical patient, and the patient's level of gene g is line_g * ratio_g
 * (as a gene factor, ferro_gene_factor_t, which multiplies the line's profile). A patient at the
 * reference median therefore gets exactly the base line's prediction. Genes not on the array (or
 * missing in the sample or the reference) have ratio NAN and keep the base line's level.
 * The clip bounds a single gene's effect to 1/20 .. 20-fold: log2 RMA values of 4..14 span ~1000x,
 * mostly from probe affinity and noise at the low end, not protein.
 */
#ifndef FERROSIM_PERSONAL_H
#define FERROSIM_PERSONAL_H

#include "ferrosim/cohort.h"
#include "ferrosim/common.h"
#include "ferrosim/doseresp.h"
#include "ferrosim/population.h"

#ifdef __cplusplus
extern "C" {
#endif

#define FERRO_PERSONAL_MIN 0.05
#define FERRO_PERSONAL_MAX 20.0

/* ref[g] (n_genes entries) = median over the columns cols[0..ncols) of m (cols NULL = all columns)
 * of model gene g's row, ignoring missing values; NAN if the gene has no row or no values.
 * FERRO_EINVAL for an empty group or a column out of range. */
int ferro_personal_reference(const ferro_world_t *w, const ferro_matrix_t *m, const int *cols, int ncols,
                             double *ref) FERRO_WUR;

/* ratio[g] (n_genes entries) for column col of m, as above; NAN where the sample or ref is missing.
 * *nclipped (may be NULL) = how many ratios were clipped. */
int ferro_personal_ratios(const ferro_world_t *w, const ferro_matrix_t *m, int col, const double *ref,
                          double *ratio, int *nclipped) FERRO_WUR;

/* The non-NAN ratios as gene factors (f needs room for n_genes); *n = how many. */
int ferro_personal_factors(const ferro_world_t *w, const double *ratio, ferro_gene_factor_t *f, int *n) FERRO_WUR;

/* The built-in base line of a lineage ("T", "T-ALL", "T2", ... -> Jurkat; "B", "B-ALL", "B1", ...
 * -> NALM-6: the T and the B line with the most ferroptosis data in the review). FERRO_EINVAL for
 * any other lineage text. */
int ferro_personal_base_cell(const ferro_world_t *w, const char *lineage, int *cell) FERRO_WUR;

/* One agent on one (personalised) condition: tmpl (cell, factors, ncells, time, seed) plus the
 * agent at dose 0 and ndose (odd, >= 3) log-spaced doses over the agent's default range
 * (ferro_screen_agent_range: 1/100 to 100 x the geometric mean g of its EC50s), so the middle
 * dose is the reference dose g. */
typedef struct {
    int ndose;           /* doses including dose 0 */
    double dose[64];     /* the doses (canonical unit) */
    double viab[64];     /* the simulated viabilities */
    double ref_dose;     /* the middle (reference) dose */
    double viab_ref;     /* viability at ref_dose */
    ferro_dr_fit_t fit;  /* 4PL fit; fit.dose_v50 = dose of 50% viability (NAN: not reached) */
} ferro_personal_sens_t;
int ferro_personal_sensitivity(const ferro_world_t *w, const ferro_condition_t *tmpl, int agent, int ndose,
                               ferro_personal_sens_t *out) FERRO_WUR;

#ifdef __cplusplus
}
#endif
#endif
