/* ferrosim/solver.h — simulate a compiled model with SUNDIALS CVODES (BDF, Newton, dense
 * Jacobian from exact forward-mode derivatives of the compiled math), with SBML events.
 *
 * One ferro_solver_t is one thread's workspace: create it once per thread (or per model) and
 * run it thousands of times; a run resets the solver with CVodeReInit, nothing is reallocated.
 * The model itself is read-only and may be shared by all threads. Functions set the per-thread
 * error message (ferro_error_message) on failure.
 *
 *   ferro_model_t *m;  ferro_sbml_load("model.xml", 0, &m);          // once
 *   #pragma omp parallel
 *   {
 *       ferro_solver_t *s;  ferro_solver_create(m, NULL, &s);          // once per thread
 *       double times[73], out[73 * NS];                                // caller's buffers
 *       #pragma omp for
 *       for (int cell = 0; cell < ncells; cell++) {
 *           ferro_solver_reset_params(s);                              // back to the file's values
 *           ferro_solver_set_param(s, k_expr_GPX4, 0.2);               // by index (or _by_id)
 *           if (ferro_solver_run(s, 0.0, 73, times, NS, species_idx, out))
 *               fprintf(stderr, "%s\n", ferro_error_message());        // "... t = 12.3: ..."
 *       }
 *       ferro_solver_free(s);
 *   }
 *
 * Semantics of a run: every global parameter takes its file value unless set with
 * ferro_solver_set_param (a set value wins over the parameter's own initial assignment); then
 * initial assignments and assignment rules are evaluated from those values, so anything derived
 * from a parameter (initial concentrations, compartment sizes, rates) follows it. */
#ifndef FERROSIM_SOLVER_H
#define FERROSIM_SOLVER_H

#include "ferrosim/common.h"
#include "ferrosim/model.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
    double rtol;      /* relative tolerance (default 1e-6) */
    double atol;      /* absolute tolerance, on amounts and rate-rule variables (default 1e-10) */
    long max_steps;   /* CVODE steps allowed per output interval (default 100000) */
    double max_step;  /* largest step (0 = unlimited, the default) */
    int nonneg;       /* 1: species amounts kept >= 0 by CVODE's inequality constraints
                         (CVodeSetConstraints: steps that would make one negative are
                         rejected and retried smaller); 0 (default): no constraint */
    int linsol;       /* FERRO_LINSOL_AUTO (default): sparse KLU when the Jacobian is large
                         and sparse (>= 12 states, <= 30% non-zero), else dense LU */
} ferro_solver_opts_t;

enum { FERRO_LINSOL_AUTO = 0, FERRO_LINSOL_DENSE = 1, FERRO_LINSOL_SPARSE = 2 };

void ferro_solver_opts_init(ferro_solver_opts_t *o);

typedef struct ferro_solver_s ferro_solver_t;

/* opts NULL = defaults. */
int ferro_solver_create(const ferro_model_t *m, const ferro_solver_opts_t *opts, ferro_solver_t **out) FERRO_WUR;
void ferro_solver_free(ferro_solver_t *s); /* NULL-safe */
/* Change tolerances, steps, constraints (not the linear solver, fixed at creation). */
int ferro_solver_set_options(ferro_solver_t *s, const ferro_solver_opts_t *opts) FERRO_WUR;

/* Parameter values for the next runs (global parameters by index or id). FERRO_EINVAL if the
 * parameter is the target of an assignment rule (its value is computed, not set).
 * ferro_solver_reset_params also forgets the start values below. */
void ferro_solver_reset_params(ferro_solver_t *s);
int ferro_solver_set_param(ferro_solver_t *s, int param, double value) FERRO_WUR;
int ferro_solver_set_param_by_id(ferro_solver_t *s, const char *id, double value) FERRO_WUR;
/* Start species (index as ferro_model_species_id) at value in the next runs, in its units
 * (concentration unless hasOnlySubstanceUnits), instead of its initial value or initial
 * assignment — e.g. a state reached by an earlier run (pre-equilibration). Other initial
 * assignments are evaluated before start values are applied; assignment rules, algebraic
 * rules and fast reactions see them. In a model with delay(), the past before t0 still follows
 * the file's initial definitions. FERRO_EINVAL if the species is not integrated. */
int ferro_solver_set_start(ferro_solver_t *s, int species, double value) FERRO_WUR;

/* Simulate from t0 and write species values at times[0..ntimes-1] (non-decreasing, >= t0)
 * into out[t * nout + k] for species species_idx[k] (NULL = all species, nout ignored and
 * taken as n_species). Species values are what the species' id means (concentration unless
 * hasOnlySubstanceUnits). On a solver failure returns FERRO_ESOLVER with a message naming the
 * time reached and CVODE's reason; rows before it are filled. */
int ferro_solver_run(ferro_solver_t *s, double t0, int ntimes, const double *times, int nout,
                     const int *species_idx, double *out) FERRO_WUR;
/* The same for any values, addressed by handles from ferro_model_find_value. */
int ferro_solver_run_values(ferro_solver_t *s, double t0, int ntimes, const double *times,
                            int nout, const int *handles, double *out) FERRO_WUR;

/* Counters of the last run (right-hand-side and Jacobian evaluations, steps). */
typedef struct { long nrhs, njac, nsteps, nevents, nroots; } ferro_solver_stats_t;
void ferro_solver_stats(const ferro_solver_t *s, ferro_solver_stats_t *st);

/* Low level, for benchmarks and tests: evaluate the right-hand side / the dense Jacobian
 * (column-major n x n) of the state vector y at time t with the current parameters. */
int ferro_solver_eval_rhs(ferro_solver_t *s, double t, const double *y, double *ydot) FERRO_WUR;
int ferro_solver_eval_jac(ferro_solver_t *s, double t, const double *y, double *jac) FERRO_WUR;
/* The initial state vector (after initial assignments) for the current parameters at t0. */
int ferro_solver_initial_state(ferro_solver_t *s, double t0, double *y) FERRO_WUR;

#ifdef __cplusplus
}
#endif
#endif
