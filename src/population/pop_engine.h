/* pop_engine.h — the population module's only door to the engine (SBML import + compiled model +
 * CVODES solver). pop_engine.c is the one file that includes the engine's headers. */
#ifndef FERRO_POP_ENGINE_H
#define FERRO_POP_ENGINE_H

#include "pop_internal.h"

/* Load and compile the SBML model at path into w->model and fill the model facts of w
 * (parameters with their defaults, species ids). */
int pop_engine_load(ferro_world_t *w, const char *path) FERRO_WUR;
void pop_engine_free(ferro_world_t *w);

/* One solver workspace per thread, allocated once per run: its buffers serve every cell, and
 * each simulation is independent of the ones the workspace ran before. */
typedef struct pop_sim_s pop_sim_t;
int pop_sim_alloc(const ferro_world_t *w, pop_sim_t **out) FERRO_WUR;
void pop_sim_free(pop_sim_t *s);
/* Simulate from the model's initial state under the parameter vector p (w->nparam values) and
 * write the species at the nt increasing output times t[] (hours, t[0] >= 0) into
 * y[i * nspecies + j]. */
int pop_sim_run(pop_sim_t *s, const double *p, int nt, const double *t, double *y) FERRO_WUR;
/* The same from the species values y0 (nspecies; NULL = the model's initial state): every
 * integrated species but the fate counters (viable, dead_ferro, dead_apop), which start as in
 * the model. */
int pop_sim_run_from(pop_sim_t *s, const double *p, const double *y0, int nt, const double *t,
                     double *y) FERRO_WUR;
/* Pre-equilibration: the species after w->equil_h hours under p from the model's initial state
 * (nspecies values into y_eq) — the untreated culture the agents are added to. p is the cell
 * without agents: its own protein levels and gene factors. */
int pop_sim_equilibrate(pop_sim_t *s, const double *p, double *y_eq) FERRO_WUR;

#endif
