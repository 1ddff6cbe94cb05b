/* screen_internal.h — the screen's collected results, shared by its run, table and report files. */
#ifndef FERRO_SCREEN_INTERNAL_H
#define FERRO_SCREEN_INTERNAL_H

#include <stdio.h>

#include "ferrosim/io.h"
#include "ferrosim/report.h"
#include "ferrosim/screen.h"
#include "ferrosim/sensitivity.h"

/* Gene elasticities of viability per explained agent (why.c). */
typedef struct screen_why_s {
    int n;                  /* agents explained */
    int *agent, *cell;      /* world indices: the agent, its most sensitive ALL line */
    double *dose, *v0;      /* the dose halving the line's mean cell, and the viability there */
    int ngene;              /* the world's genes */
    double *el;             /* n x ngene elasticities */
} screen_why_t;

typedef struct {
    int ncell, nagent, ndose;       /* ndose includes dose 0 */
    int *cell, *agent;              /* world indices */
    int normal;                     /* position of the normal reference in cell[], -1 if none */
    double *dose;                   /* nagent x ndose */
    double *lo, *hi;                /* nagent: tested range (positive doses) */
    double *viab;                   /* ncell x nagent x ndose */
    ferro_dr_fit_t *fit;            /* ncell x nagent */
    int ncombo;
    const ferro_screen_combo_t *combo;
    ferro_grid_t **grid;            /* ncombo */
    ferro_synergy_t **syn;          /* ncombo */
    screen_why_t *why;              /* gene sensitivities (o->why), or NULL */
} screen_data_t;

/* The "why" section (why.c): compute into d->why; sensitivity.tsv; the report's section. */
int screen_why_run(const ferro_world_t *w, const ferro_screen_options_t *o, screen_data_t *d);
void screen_why_free(screen_why_t *y);
void screen_why_write_tsv(const ferro_world_t *w, const screen_data_t *d, FILE *fp);
int screen_why_report(ferro_report_t *r, const ferro_world_t *w, const screen_data_t *d);

/* The TSV tables (sensitivity.tsv only with d->why) written to temporary files beside their names
 * in outdir (nothing left on failure; out[t] NULL for a table not written);
 * ferro_screen_tables_commit renames them into place (after the report, so a failed screen leaves
 * no tables), ferro_screen_tables_abort removes them. */
#define SCREEN_NTABLES 7
int ferro_screen_write_tables(const ferro_world_t *w, const screen_data_t *d, const char *outdir,
                              ferro_out_t *out[SCREEN_NTABLES]);
int ferro_screen_tables_commit(ferro_out_t *out[SCREEN_NTABLES]);
void ferro_screen_tables_abort(ferro_out_t *out[SCREEN_NTABLES]);
int ferro_screen_write_report(const ferro_world_t *w, const ferro_screen_options_t *o, const screen_data_t *d,
                              const char *path);
/* Name of combination k's second axis ("erastin" or "MYB knockdown (fraction)") into buf. */
const char *ferro_screen_combo_b_name(const ferro_world_t *w, const ferro_screen_combo_t *c, char *buf, size_t n);
/* Lineage contrast of one agent: mean AUC and mean log10 IC50 (over falling fitted curves whose IC50
 * the data support, ferro_dr_midpoint_supported: nfit_*)
 * per lineage, Welch t-test on AUC. */
typedef struct { int n_t, n_b, nfit_t, nfit_b; double auc_t, auc_b, p_auc, lic50_t, lic50_b; } screen_lineage_t;
void ferro_screen_lineage(const ferro_world_t *w, const screen_data_t *d, int a, screen_lineage_t *out);

#endif
