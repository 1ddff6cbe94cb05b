/* ferrosim/synergy.h — two-agent combination synergy scores on a dose matrix, as SynergyFinder
 * (Ianevski et al.; He et al. 2018) computes them, each from its original definition:
 *
 *   Bliss (Bliss 1939)   expected = yA + yB - yA*yB/100, yA, yB the observed single-agent responses
 *   HSA                  expected = max(yA, yB) (highest single agent, observed)
 *   Loewe (Loewe 1953)   expected y solves a / XA(y) + b / XB(y) = 1, XA, XB the inverses of the
 *                        fitted single-agent 4PL curves; where no such y exists within the range
 *                        both curves reach, SynergyFinder's fallback max(fA(a+b), fB(a+b)); capped
 *                        at 100
 *   ZIP (Yadav et al. 2015)  delta = fitted - (yA' + yB' - yA'*yB'/100), yA', yB' the fitted
 *                        single-agent responses, "fitted" the mean of the two 4PL fits through each
 *                        row and each column of the matrix with the response at zero dose of the
 *                        varied agent held at the other agent's fitted response and the maximum
 *                        held at 100
 *
 * Responses y are % inhibition = 100 * (1 - viability); scores are percentage points, > 0
 * synergy, < 0 antagonism, 0 on the zero-dose row and column. Summary = the mean over cells
 * where both doses are > 0. The most synergistic area is the 3 x 3 window of adjacent dose
 * cells (smaller if the matrix is) with the highest mean score.
 */
#ifndef FERROSIM_SYNERGY_H
#define FERROSIM_SYNERGY_H

#include "ferrosim/common.h"
#include "ferrosim/doseresp.h"

#ifdef __cplusplus
extern "C" {
#endif

enum { FERRO_SYN_BLISS = 0, FERRO_SYN_HSA, FERRO_SYN_LOEWE, FERRO_SYN_ZIP, FERRO_SYN_NMETHODS };
const char *ferro_synergy_method_name(int method); /* "bliss", "hsa", "loewe", "zip" */

/* A full dose grid: row i = dose_a[i], column j = dose_b[j], both strictly increasing and
 * starting at 0 (the single-agent responses). Cell (i, j) is at i * nb + j. */
typedef struct {
    int na, nb;
    double *dose_a, *dose_b;
    double *viability;    /* mean viability per cell */
    double *sd;           /* SD over replicates (NAN for one) */
    int *n;               /* replicates per cell */
} ferro_grid_t;

/* Build a grid from n observations (dose_a[k], dose_b[k], viability[k]); replicates averaged.
 * FERRO_EINVAL (message names the missing pair) unless every dose pair is present, the zero dose
 * of each agent is present, and there are at least two doses of each agent. */
int ferro_grid_from_obs(const double *dose_a, const double *dose_b, const double *viability, int n,
                        ferro_grid_t **out) FERRO_WUR;
/* An empty grid for given doses (viability NAN, n 0), to be filled by the caller. */
int ferro_grid_alloc(int na, const double *dose_a, int nb, const double *dose_b, ferro_grid_t **out) FERRO_WUR;
void ferro_grid_free(ferro_grid_t *g);

typedef struct {
    int na, nb;
    double *inhib;                        /* na*nb observed % inhibition */
    double *expected[FERRO_SYN_NMETHODS]; /* na*nb reference responses (% inhibition); for ZIP the
                                             zero-interaction reference (NAN on zero-dose cells) */
    double *score[FERRO_SYN_NMETHODS];    /* na*nb synergy scores */
    double mean[FERRO_SYN_NMETHODS];      /* mean score over cells with both doses > 0 */
    int msa_i[FERRO_SYN_NMETHODS], msa_j[FERRO_SYN_NMETHODS]; /* most synergistic area: first row
                                             and column (indices into the grid, >= 1) */
    int msa_size;                         /* its side (3, or less for a small matrix) */
    double msa[FERRO_SYN_NMETHODS];       /* mean score in it */
    ferro_dr_fit_t fit_a, fit_b;          /* single-agent fits (viability scale) */
    int loewe_fallback;                   /* cells where Loewe used the fallback */
    int *zip_status_col;                  /* nb: FERRO_DR_* status of the ZIP refit of column j
                                             (B fixed at dose_b[j]); a refit that is not OK keeps the
                                             observed responses; [0] unused (-1) */
    int *zip_status_row;                  /* na: the same for row i (A fixed at dose_a[i]) */
    int loewe_ok;                         /* 0 if a single-agent fit failed: Loewe scores NAN */
} ferro_synergy_t;

int ferro_synergy_compute(const ferro_grid_t *g, ferro_synergy_t **out) FERRO_WUR;
void ferro_synergy_free(ferro_synergy_t *s);

/* ---- tables ----
 * Per cell: <key columns>, dose_a, dose_b, n, viability, sd, inhibition, bliss, hsa, loewe, zip.
 * Summary: <key columns>, method, mean, msa, msa_dose_a_lo, msa_dose_a_hi, msa_dose_b_lo,
 * msa_dose_b_hi (the dose ranges of the most synergistic area). key_header e.g. "drug_a\tdrug_b". */
void ferro_synergy_write_tsv_header(FILE *fp, const char *key_header);
void ferro_synergy_write_tsv_rows(FILE *fp, const char *key, const ferro_grid_t *g, const ferro_synergy_t *s);
void ferro_synergy_write_summary_header(FILE *fp, const char *key_header);
void ferro_synergy_write_summary_rows(FILE *fp, const char *key, const ferro_grid_t *g, const ferro_synergy_t *s);
/* One JSON object with the key fields, "cells": [...], "summary": {method: {...}}, the fits. */
void ferro_synergy_write_json(FILE *fp, const char *const *keys, const char *const *values, int nkeys,
                              const ferro_grid_t *g, const ferro_synergy_t *s);

#ifdef __cplusplus
}
#endif
#endif
