/* ferrosim/model.h — a compiled model: what the SBML importer produces and the solver runs.
 *
 * A ferro_model_t is immutable once loaded: share one between any number of threads (each with
 * its own ferro_solver_t, see solver.h). All math of the model (rate laws, rules, initial
 * assignments, event triggers and assignments) is compiled at load time into flat register code
 * with exact forward-mode derivatives; nothing is parsed or tree-walked while simulating.
 *
 * Indices: species 0..n_species-1, global parameters 0..n_params-1, compartments and reactions
 * likewise, all in SBML document order. A "value handle" (ferro_model_find_value) addresses any
 * SBML symbol — species (as amount or concentration), compartment, parameter, reaction rate,
 * species reference — for output.
 *
 *   ferro_model_t *m;
 *   if (ferro_sbml_load("model.xml", 0, &m)) fprintf(stderr, "%s\n", ferro_error_message());
 *   int k; if (ferro_model_find_param(m, "k1", &k) == 0) ... ferro_model_param_value(m, k) ...
 *   ferro_model_free(m);
 */
#ifndef FERROSIM_MODEL_H
#define FERROSIM_MODEL_H

#include "ferrosim/common.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ferro_model_s ferro_model_t;

void ferro_model_free(ferro_model_t *m); /* NULL-safe */

/* Where the model came from (file path, or "<string>"), and the SBML model id. */
const char *ferro_model_source(const ferro_model_t *m);
const char *ferro_model_id(const ferro_model_t *m);

int ferro_model_n_species(const ferro_model_t *m);
const char *ferro_model_species_id(const ferro_model_t *m, int i);
const char *ferro_model_species_name(const ferro_model_t *m, int i); /* name, or id if none */
/* 1 if species i's symbol is an amount (hasOnlySubstanceUnits or 0-D compartment), else 0. */
int ferro_model_species_is_amount(const ferro_model_t *m, int i);
/* 1 if species i is integrated (a state of the ODE system: changed by reactions or a rate rule),
 * 0 if it is constant, a boundary species without rules, or set by an assignment/algebraic rule. */
int ferro_model_species_integrated(const ferro_model_t *m, int i);
int ferro_model_find_species(const ferro_model_t *m, const char *id, int *idx) FERRO_WUR;

int ferro_model_n_params(const ferro_model_t *m);
const char *ferro_model_param_id(const ferro_model_t *m, int i);
double ferro_model_param_value(const ferro_model_t *m, int i); /* value in the file */
/* 1 if a run may set parameter i (it is not the target of an assignment rule). */
int ferro_model_param_settable(const ferro_model_t *m, int i);
int ferro_model_find_param(const ferro_model_t *m, const char *id, int *idx) FERRO_WUR;

int ferro_model_n_compartments(const ferro_model_t *m);
const char *ferro_model_compartment_id(const ferro_model_t *m, int i);
int ferro_model_n_reactions(const ferro_model_t *m);
const char *ferro_model_reaction_id(const ferro_model_t *m, int i);
int ferro_model_n_events(const ferro_model_t *m);

/* Size of the ODE system (species amounts changed by reactions, rate-rule variables). */
int ferro_model_n_states(const ferro_model_t *m);

/* Value handles for output. how: FERRO_VALUE_SYMBOL = what the id means in the model's math
 * (species: concentration unless hasOnlySubstanceUnits); FERRO_VALUE_AMOUNT or
 * FERRO_VALUE_CONCENTRATION force a species' amount or concentration (ignored for others). */
enum { FERRO_VALUE_SYMBOL = 0, FERRO_VALUE_AMOUNT = 1, FERRO_VALUE_CONCENTRATION = 2 };
int ferro_model_find_value(const ferro_model_t *m, const char *id, int how, int *handle) FERRO_WUR;

#ifdef __cplusplus
}
#endif
#endif
