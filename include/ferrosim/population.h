/* ferrosim/population.h — virtual populations of ALL cells under agents and gene perturbations.
 *
 * CONTRACT between the model layer (implemented in src/population/) and its users (simulate,
 * dose, combo, screen, personalise). Names and semantics here are fixed; the implementation
 * may add functions.
 *
 * A "world" is everything loaded once: the SBML model (data/model/ferroptosis_all.xml or a user
 * file), the cell-line table (data/cells.tsv), the agent table (data/agents.tsv) and the gene
 * table (data/genes.tsv: HGNC symbol, aliases, model parameter scaled by --set).
 * A "condition" is one well: a cell line, agents with doses, gene factors, a duration.
 * Running a condition simulates ncells virtual cells whose protein levels vary log-normally
 * (coefficient of variation cv) around the line's profile; cell k of a run draws its levels
 * from a stream seeded by (seed, k) only, so results are identical for any thread count.
 * Viability at t = (sum over treated cells of their live progeny at t) / (the same for the
 * untreated population of the same line, same seed, same gene factors) — what a CCK-8 reads.
 */
#ifndef FERROSIM_POPULATION_H
#define FERROSIM_POPULATION_H

#include "ferrosim/common.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ferro_world_s ferro_world_t;

/* data_dir NULL = ferro_data_dir(); model_path NULL = the built-in model. */
int ferro_world_load(const char *data_dir, const char *model_path, ferro_world_t **out) FERRO_WUR;
void ferro_world_free(ferro_world_t *w);

int ferro_world_n_cells(const ferro_world_t *w);
const char *ferro_world_cell_name(const ferro_world_t *w, int i);
const char *ferro_world_cell_lineage(const ferro_world_t *w, int i); /* "T-ALL", "B-ALL", "normal" */
int ferro_world_n_agents(const ferro_world_t *w);
const char *ferro_world_agent_name(const ferro_world_t *w, int i);
const char *ferro_world_agent_unit(const ferro_world_t *w, int i);   /* canonical dose unit, e.g. "uM" */
int ferro_world_n_genes(const ferro_world_t *w);
const char *ferro_world_gene_name(const ferro_world_t *w, int i);

/* More about each entry (for `ferrosim list`): the a-th alias (NULL past the last), a line's
 * doubling time, an agent's class and molecular weight (NAN if none), a gene's expr_* parameter. */
const char *ferro_world_cell_alias(const ferro_world_t *w, int i, int a);
double ferro_world_cell_doubling_h(const ferro_world_t *w, int i);
const char *ferro_world_agent_alias(const ferro_world_t *w, int i, int a);
const char *ferro_world_agent_class(const ferro_world_t *w, int i);
double ferro_world_agent_mw(const ferro_world_t *w, int i);
const char *ferro_world_gene_alias(const ferro_world_t *w, int i, int a);
const char *ferro_world_gene_parameter(const ferro_world_t *w, int i);

/* Solver tolerances of this world's runs: relative, and absolute (on species amounts, umol).
 * Defaults FERRO_POP_RTOL and FERRO_POP_ATOL: on the built-in model viability agrees with
 * rtol 1e-6 / atol 1e-10 runs to 1.4e-4 relative or better (72 h; erastin, RSL3, As4S4, DFO),
 * at ~1.6x their speed. FERRO_EINVAL unless both are > 0 (and rtol < 1). */
#define FERRO_POP_RTOL 1e-5
#define FERRO_POP_ATOL 1e-8
/* The screening tolerances of `ferrosim dose`, `combo` and `screen` (their --rtol/--atol):
 * measured against rtol 1e-7 / atol 1e-12 runs (same cells and seed), the endpoint viability
 * differs by at most 1.5e-4 (the 10 x 10 erastin x RSL3 matrix on Jurkat) and 1.8e-4 (9-dose
 * series of six agents on Jurkat, MOLT-4, NALM-6), at ~1.2x the speed of FERRO_POP_RTOL. */
#define FERRO_SCREEN_RTOL 1e-4
#define FERRO_SCREEN_ATOL 1e-8
int ferro_world_set_tolerances(ferro_world_t *w, double rtol, double atol) FERRO_WUR;

/* Pre-equilibration: before the agents are added, each virtual cell (its own protein levels and
 * the condition's gene factors, no agent) is simulated for this many hours from the model's
 * initial state, and both its untreated and treated runs start from the state reached (the fate
 * counters viable, dead_ferro, dead_apop start afresh) — a culture growing untreated, or a stable
 * knock-down, before the drug. The model's initial values are the reference cell's steady state;
 * a line's own levels move it, and without this the first day of every run would be the line
 * settling (GPX4 rising from 0.6 to 1 of its steady level in MOLT-4, ferritin iron from 0.5).
 * 336 h brings every species within 3e-4 of its 600-h value in the built-in lines. Default
 * FERRO_POP_EQUIL_H: 0 = start from the model's initial state (the findings in data/findings.tsv
 * were calibrated that way). FERRO_EINVAL for a negative value. */
#define FERRO_POP_EQUIL_H 0.0
int ferro_world_set_equilibration(ferro_world_t *w, double hours) FERRO_WUR;
double ferro_world_equilibration(const ferro_world_t *w);

/* Lookups: case-insensitive, ignoring '-', '_', ' ' (ferro_name_fold), aliases included.
 * On failure FERRO_ENOTFOUND with a message naming the nearest valid names. */
int ferro_world_find_cell(const ferro_world_t *w, const char *name, int *idx) FERRO_WUR;
int ferro_world_find_agent(const ferro_world_t *w, const char *name, int *idx) FERRO_WUR;
int ferro_world_find_gene(const ferro_world_t *w, const char *name, int *idx) FERRO_WUR;
/* "5", "5uM", "200 nM", "1.5mM", "10ug/mL", "0.5 U/mL" -> dose in the agent's canonical unit.
 * FERRO_EINVAL for a bad number, unknown or inapplicable unit, or a negative dose. */
int ferro_world_parse_dose(const ferro_world_t *w, int agent, const char *text, double *dose) FERRO_WUR;

typedef struct { int agent; double dose; } ferro_dose_t;          /* dose in canonical unit */
typedef struct { int gene; double factor; } ferro_gene_factor_t;  /* 0 KO, 0.2 KD, 5 OE */

/* The CLI's "NAME=DOSE" (--drug, --with: agent by name or alias, dose as ferro_world_parse_dose)
 * and "GENE=FACTOR" (--set: a non-negative number). FERRO_EINVAL for a malformed text, bad dose
 * or factor, FERRO_ENOTFOUND for an unknown name (the message names the nearest). */
int ferro_world_parse_drug(const ferro_world_t *w, const char *text, ferro_dose_t *out) FERRO_WUR;
int ferro_world_parse_gene_factor(const ferro_world_t *w, const char *text, ferro_gene_factor_t *out) FERRO_WUR;

typedef struct {
    int cell;                          /* index into the world's cell lines */
    int ndoses;
    const ferro_dose_t *doses;
    int nfactors;
    const ferro_gene_factor_t *factors;
    const double *profile;             /* optional (NULL): per-gene relative levels replacing the
                                          line's profile (length n_genes; NAN = keep the line's) */
    double t_end;                      /* hours (default 72) */
    double t_step;                     /* output step, hours (default 1) */
    int ncells;                        /* virtual cells (default 1 = the line's mean cell, no noise) */
    double cv;                         /* log-normal CV of protein levels (default: FERRO_POP_CV) */
    unsigned long seed;
    int threads;                       /* OpenMP threads; results do not depend on it */
    int progress;                      /* 1 (default): a progress bar on stderr while running, when
                                          stderr is a terminal and the log level shows warnings;
                                          0: none (e.g. inside a screen that draws its own bar).
                                          Independent of the log level: warnings still print. */
} ferro_condition_t;

#define FERRO_POP_CV 0.25
void ferro_condition_init(ferro_condition_t *c); /* defaults above */

typedef struct {
    int ntimes;
    double *time;          /* ntimes, hours */
    double *viability;     /* ntimes, relative to untreated (1 = no effect) */
    double *alive;         /* ntimes, fraction of the treated cells not dead */
    int nspecies;
    char **species;        /* nspecies model species ids */
    double *mean;          /* ntimes x nspecies, row-major: mean over living treated cells */
} ferro_result_t;

int ferro_population_run(const ferro_world_t *w, const ferro_condition_t *c, ferro_result_t **out) FERRO_WUR;
void ferro_result_free(ferro_result_t *r);

/* Endpoint viability for many conditions that share cell, factors, profile, t_end, ncells, cv,
 * seed (only doses differ): the untreated reference is simulated once. viab[i] for cond[i]. */
int ferro_population_viability_many(const ferro_world_t *w, const ferro_condition_t *cond, int n,
                                    double *viab) FERRO_WUR;

#ifdef __cplusplus
}
#endif
#endif
