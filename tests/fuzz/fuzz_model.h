/* fuzz_model.h — load an SBML string and exercise the compiled model once (header-only; after
 * fuzz_util.h): the importer, the formula compiler and the evaluator, without integrating. */
#ifndef FERRO_FUZZ_MODEL_H
#define FERRO_FUZZ_MODEL_H

#include "ferrosim/model.h"
#include "ferrosim/sbml.h"
#include "ferrosim/solver.h"

static inline void fuzz_model_string(const char *xml, int flags)
{
    ferro_model_t *m = NULL;
    ferro_error_clear();
    int rc = ferro_sbml_load_string(xml, flags | FERRO_SBML_QUIET, &m);
    fuzz_check(rc, "ferro_sbml_load_string");
    if (rc) return;
    for (int i = 0; i < ferro_model_n_species(m); i++) (void)strlen(ferro_model_species_name(m, i));
    ferro_solver_t *s = NULL;
    ferro_error_clear();
    rc = ferro_solver_create(m, NULL, &s);
    fuzz_check(rc, "ferro_solver_create");
    int n = ferro_model_n_states(m);
    if (!rc && n >= 0 && n < 10000) {
        double *y = calloc((size_t)n + 1, sizeof *y), *ydot = calloc((size_t)n + 1, sizeof *ydot);
        double *jac = calloc((size_t)n * (size_t)n + 1, sizeof *jac);
        ferro_error_clear();
        rc = ferro_solver_initial_state(s, 0.0, y);
        fuzz_check(rc, "ferro_solver_initial_state");
        if (!rc) {
            ferro_error_clear();
            fuzz_check(ferro_solver_eval_rhs(s, 0.0, y, ydot), "ferro_solver_eval_rhs");
            ferro_error_clear();
            fuzz_check(ferro_solver_eval_jac(s, 0.0, y, jac), "ferro_solver_eval_jac");
        }
        free(y); free(ydot); free(jac);
    }
    ferro_solver_free(s);
    ferro_model_free(m);
}

#endif
