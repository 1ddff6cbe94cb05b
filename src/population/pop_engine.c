/* pop_engine.c — the population module's door to the engine: the SBML model (sbml.h, model.h)
 * and one CVODES workspace per thread (solver.h). A cell's parameter vector is applied as
 * "file values, then the ones that differ". */
#include "pop_engine.h"

#include <stdlib.h>
#include <string.h>

#include "ferrosim/model.h"
#include "ferrosim/sbml.h"
#include "ferrosim/solver.h"

int pop_engine_load(ferro_world_t *w, const char *path)
{
    ferro_model_t *m;
    int rc = ferro_sbml_load(path, 0, &m);
    if (rc) return rc;
    w->model = m;
    w->nparam = ferro_model_n_params(m);
    w->nspecies = ferro_model_n_species(m);
    w->param_id = ferro_calloc((size_t)(w->nparam ? w->nparam : 1), sizeof *w->param_id);
    w->param_default = ferro_calloc((size_t)(w->nparam ? w->nparam : 1), sizeof *w->param_default);
    w->param_settable = ferro_calloc((size_t)(w->nparam ? w->nparam : 1), 1);
    w->species_id = ferro_calloc((size_t)(w->nspecies ? w->nspecies : 1), sizeof *w->species_id);
    if (!w->param_id || !w->param_default || !w->param_settable || !w->species_id) return FERRO_ENOMEM;
    for (int i = 0; i < w->nparam; i++) {
        if (!(w->param_id[i] = ferro_strdup(ferro_model_param_id(m, i)))) return FERRO_ENOMEM;
        w->param_default[i] = ferro_model_param_value(m, i);
        w->param_settable[i] = (char)(ferro_model_param_settable(m, i) != 0);
    }
    for (int i = 0; i < w->nspecies; i++)
        if (!(w->species_id[i] = ferro_strdup(ferro_model_species_id(m, i)))) return FERRO_ENOMEM;
    return 0;
}

void pop_engine_free(ferro_world_t *w)
{
    if (w->param_id)
        for (int i = 0; i < w->nparam; i++) free(w->param_id[i]);
    if (w->species_id)
        for (int i = 0; i < w->nspecies; i++) free(w->species_id[i]);
    free(w->param_id);
    free(w->param_default);
    free(w->param_settable);
    free(w->species_id);
    ferro_model_free(w->model);
    w->model = NULL, w->param_id = NULL, w->param_default = NULL, w->param_settable = NULL, w->species_id = NULL;
}

/* One CVODES workspace per thread, reused for every cell: ferro_solver_run resets it
 * (CVodeReInit) so that a run depends on its parameters only, not on the runs before it — the
 * thread-invariance test (tests/population/test_run.c, 300 cells, hourly output) checks that. */
struct pop_sim_s {
    const ferro_world_t *w;
    ferro_solver_t *solver;
    int ncarry, *carry; /* the species a start state sets: integrated ones but the fate counters */
};

int pop_sim_alloc(const ferro_world_t *w, pop_sim_t **out)
{
    *out = NULL;
    pop_sim_t *s = ferro_calloc(1, sizeof *s);
    if (!s) return FERRO_ENOMEM;
    s->w = w;
    ferro_solver_opts_t o;
    ferro_solver_opts_init(&o);
    o.rtol = w->rtol;
    o.atol = w->atol;
    int rc = ferro_solver_create(w->model, &o, &s->solver);
    if (rc) {
        free(s);
        return rc;
    }
    if (!(s->carry = ferro_malloc((size_t)(w->nspecies ? w->nspecies : 1) * sizeof *s->carry))) {
        pop_sim_free(s);
        return FERRO_ENOMEM;
    }
    for (int j = 0; j < w->nspecies; j++)
        if (!pop_is_fate(w, j) && ferro_model_species_integrated(w->model, j)) s->carry[s->ncarry++] = j;
    *out = s;
    return 0;
}

void pop_sim_free(pop_sim_t *s)
{
    if (!s) return;
    ferro_solver_free(s->solver);
    free(s->carry);
    free(s);
}

int pop_sim_run(pop_sim_t *s, const double *p, int nt, const double *t, double *y)
{
    return pop_sim_run_from(s, p, NULL, nt, t, y);
}

int pop_sim_run_from(pop_sim_t *s, const double *p, const double *y0, int nt, const double *t, double *y)
{
    const ferro_world_t *w = s->w;
    int rc;
    ferro_solver_reset_params(s->solver);
    for (int i = 0; i < w->nparam; i++)
        if (p[i] != w->param_default[i] && (rc = ferro_solver_set_param(s->solver, i, p[i]))) return rc;
    if (y0)
        for (int k = 0; k < s->ncarry; k++)
            if ((rc = ferro_solver_set_start(s->solver, s->carry[k], y0[s->carry[k]]))) return rc;
    return ferro_solver_run(s->solver, 0.0, nt, t, w->nspecies, NULL, y);
}

int pop_sim_equilibrate(pop_sim_t *s, const double *p, double *y_eq)
{
    const double tend = s->w->equil_h;
    if (!(tend > 0)) return ferro_error_set(FERRO_EINVAL, "pre-equilibration is off");
    return pop_sim_run_from(s, p, NULL, 1, &tend, y_eq);
}
