/* ferrosim/screen.h — in-silico pharmacology on the model: dose series and combination matrices
 * simulated with the population layer (ferrosim/population.h), and the screen — every agent on
 * every cell line, selectivity against the normal lymphocyte reference, T-ALL vs B-ALL, and the
 * review's combinations as synergy matrices — written as TSV tables and an HTML report.
 */
#ifndef FERROSIM_SCREEN_H
#define FERROSIM_SCREEN_H

#include "ferrosim/common.h"
#include "ferrosim/doseresp.h"
#include "ferrosim/population.h"
#include "ferrosim/synergy.h"

#ifdef __cplusplus
extern "C" {
#endif

/* n doses log-spaced from lo to hi inclusive (lo, hi > 0, n >= 2). */
int ferro_screen_logspace(double lo, double hi, int n, double *out) FERRO_WUR;

/* The default dose range of an agent for a screen: the geometric mean g of the EC50s of its rows in
 * agent_effects.tsv (in the data directory), [g / 100, g * 100]. FERRO_ENOTFOUND if it has none. */
int ferro_screen_agent_range(const ferro_world_t *w, int agent, double *lo, double *hi) FERRO_WUR;

/* Endpoint viability of tmpl with agent added at each dose[i] (0 = only tmpl's own doses, e.g. a
 * background agent). All conditions share one untreated reference (ferro_population_viability_many). */
int ferro_screen_dose_series(const ferro_world_t *w, const ferro_condition_t *tmpl, int agent,
                             const double *dose, int n, double *viab) FERRO_WUR;

/* A two-agent matrix on tmpl: agent_a at dose_a[0..na) (dose_a[0] = 0) against either agent_b at
 * dose_b (gene_b < 0) or the knockdown of gene_b (agent_b ignored), where dose_b is the knockdown
 * fraction: the gene factor is 1 - dose_b. Viability is relative to the untreated cells without
 * knockdown (the knockdown's own effect is part of the single-agent column). n = 1 per cell. */
int ferro_screen_matrix(const ferro_world_t *w, const ferro_condition_t *tmpl, int agent_a,
                        const double *dose_a, int na, int agent_b, int gene_b, const double *dose_b,
                        int nb, ferro_grid_t **out) FERRO_WUR;

/* One combination of the screen. */
typedef struct {
    int cell;
    int agent_a;
    int agent_b;  /* -1 when B is a gene knockdown */
    int gene_b;   /* -1 when B is an agent */
} ferro_screen_combo_t;

/* The review's combinations on the given T-ALL lines (rapamycin + erastin; deferoxamine +
 * L-asparaginase, dexamethasone, doxorubicin, olaparib; sorafenib + MYB and + FTH1 knockdown;
 * DAPT (gamma-secretase inhibitor) + rapamycin). *out is allocated. */
int ferro_screen_review_combos(const ferro_world_t *w, const int *cells, int ncells,
                               ferro_screen_combo_t **out, int *n) FERRO_WUR;
/* Combinations from a TSV with columns cell, agent_a, agent_b; agent_b "kd:GENE" means the
 * knockdown of GENE. Errors name file, line and column. */
int ferro_screen_read_combos(const ferro_world_t *w, const char *path, ferro_screen_combo_t **out,
                             int *n) FERRO_WUR;

typedef struct {
    const int *cells;    /* cell lines to screen (NULL = all) */
    int ncells;
    const int *agents;   /* agents (NULL = all) */
    int nagents;
    const ferro_screen_combo_t *combos; /* combinations (may be 0) */
    int ncombos;
    int ndose;           /* doses per single-agent curve, plus dose 0 (default 9) */
    int nmatrix;         /* doses per combination axis, plus dose 0 (default 5) */
    double t_end;        /* hours (default 72) */
    int ncells_well;     /* virtual cells per well (default 20: a screen of 4,600 wells must finish in minutes) */
    double cv;           /* default FERRO_POP_CV */
    unsigned long seed;  /* default 1 */
    int threads;         /* default 1 */
    const char *outdir;  /* required: created if missing */
    int progress;        /* 1 (default): one progress bar for the whole screen on stderr (when it is a
                            terminal and the log level shows warnings), 0: none. The population
                            layer's per-series bars are always off inside a screen; warnings print
                            either way (the log level alone decides those). */
    int why;             /* 1 (default): for each agent, the genes its killing depends on (its most
                            sensitive ALL line at the dose halving the line's mean cell; every gene's
                            elasticity, as ferrosim sensitivity): sensitivity.tsv and a report section */
} ferro_screen_options_t;
void ferro_screen_options_init(ferro_screen_options_t *o);

/* Run the screen; writes in outdir: dose_response.tsv, ic50.tsv, selectivity.tsv, lineage.tsv,
 * synergy.tsv, synergy_summary.tsv, sensitivity.tsv (o->why) and report.html. Progress on stderr (o->progress). */
int ferro_screen_run(const ferro_world_t *w, const ferro_screen_options_t *o) FERRO_WUR;

#ifdef __cplusplus
}
#endif
#endif
