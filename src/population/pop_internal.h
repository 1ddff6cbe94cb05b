/* pop_internal.h — the population module's private structures: the loaded world (model facts
 * plus the cell, gene and agent tables), and the pieces a run is made of (per-cell parameter
 * vectors, agent effects, log-normal noise). Not installed; tests include it via src/. */
#ifndef FERRO_POP_INTERNAL_H
#define FERRO_POP_INTERNAL_H

#include "ferrosim/population.h"

#define POP_NAME_MAX 128

/* A name with its aliases, all folded (pop_fold) for lookup. */
typedef struct {
    char *name;        /* as written in the table */
    int nalias;
    char **alias;      /* as written */
    char **folded;     /* nalias + 1: folded name, then folded aliases */
} pop_names_t;

typedef struct {
    pop_names_t id;
    char *lineage;     /* T-ALL | B-ALL | normal */
    double doubling_h;
} pop_cell_t;

typedef struct {
    pop_names_t id;
    int param;         /* model parameter index of its expr_* parameter */
    int species;       /* model species index or -1 */
} pop_gene_t;

typedef struct {
    pop_names_t id;
    char *cls;
    char *unit;        /* canonical dose unit as written ("uM", "ug/mL", "U/mL") */
    int unit_kind;     /* POP_UNIT_* of the canonical unit */
    double unit_scale; /* canonical unit in the base of its kind (uM = 1, nM = 1e-3 ...) */
    double mw;         /* g/mol, NAN if not a small molecule */
} pop_agent_t;

enum { POP_EFFECT_INHIBIT, POP_EFFECT_ACTIVATE, POP_EFFECT_ADD };

typedef struct {
    int agent, param, type;
    double ec50, hill, emax;
} pop_effect_t;

/* Units: molar (base uM), mass concentration (base ug/mL), activity (base U/mL). */
enum { POP_UNIT_MOLAR, POP_UNIT_MASS, POP_UNIT_ACTIVITY };
/* Parse a unit text (case-insensitive, 'µ'/'μ' accepted for u). 0 or FERRO_EINVAL (no message). */
int pop_unit_parse(const char *text, int *kind, double *scale);

struct ferro_solver_pool_s; /* see pop_engine.h */

struct ferro_world_s {
    /* model facts */
    void *model;                    /* the engine's compiled model (pop_engine.c owns it) */
    int nparam;
    char **param_id;
    double *param_default;
    char *param_settable;           /* 0 for targets of assignment rules (computed, not set) */
    int nspecies;
    char **species_id;
    int sp_viable, sp_dead_ferro, sp_dead_apop; /* fate species (-1 if absent; viable required) */
    double rtol, atol;              /* solver tolerances of runs */
    double equil_h;                 /* pre-equilibration hours before agents (0 = none) */
    int p_doubling;                 /* parameter set from cells.tsv doubling_h, or -1 */
    int nexpr;                      /* parameters named expr_*: those population noise varies */
    int *expr;                      /* their indices, in model order */
    /* tables */
    int ncell, ngene, nagent, neffect;
    pop_cell_t *cell;
    pop_gene_t *gene;
    pop_agent_t *agent;
    pop_effect_t *effect;           /* in table order */
    double *profile;                /* ncell x ngene relative levels (1 where not listed) */
};

/* Folding for lookup: ferro_name_fold, then also without ';', ':', '/' and quotes
 * (so "RS4;11" matches "RS411"). */
void pop_fold(const char *in, char *out, size_t n);
int pop_names_init(pop_names_t *n, const char *name, const char *aliases);
void pop_names_free(pop_names_t *n);

/* Model facts from the engine, then the tables (checked against the model). */
int pop_model_param_index(const ferro_world_t *w, const char *id);   /* -1 if absent */
/* The index of a parameter a table may set: -1 with a message if absent or computed by a rule
 * (the caller adds file, line and column). */
int pop_model_settable_param(const ferro_world_t *w, const char *id, char *why, size_t n);
int pop_model_species_index(const ferro_world_t *w, const char *id); /* -1 if absent */
/* 1 if species j is a fate counter (viable, dead_ferro, dead_apop). */
static inline int pop_is_fate(const ferro_world_t *w, int j)
{
    return j == w->sp_viable || j == w->sp_dead_ferro || j == w->sp_dead_apop;
}
int pop_tables_load(ferro_world_t *w, const char *data_dir) FERRO_WUR;
void pop_tables_free(ferro_world_t *w);

/* Occupancy f = D^h / (D^h + EC50^h) (0 for D <= 0). */
double pop_occupancy(double dose, double ec50, double hill);
/* Apply the agent effects for doses[] (canonical units; several entries for one agent add up)
 * to the parameter vector p, rows in table order. */
void pop_effects_apply(const ferro_world_t *w, int ndoses, const ferro_dose_t *doses, double *p);

/* Log-normal with mean 1 and coefficient of variation cv: sigma^2 = ln(1 + cv^2), mu = -sigma^2/2. */
void pop_lognormal_params(double cv, double *mu, double *sigma);
/* The RNG seed of cell k of a run with the given seed (a SplitMix64 mix of both). */
unsigned long pop_cell_seed(unsigned long seed, long k);

/* The parameter vector of virtual cell k (untreated): model defaults x line profile (or the
 * condition's profile) x gene factors x log-normal noise (ncells > 1 only), with the line's
 * doubling time. rng is a gsl_rng* the caller owns (reseeded here). */
void pop_cell_params(const ferro_world_t *w, const ferro_condition_t *c, long k, void *rng, double *p);

#endif
