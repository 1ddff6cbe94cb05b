/* fuzz_model.h — load an SBML string and exercise the compiled model once (header-only; after
 * fuzz_util.h): the importer, the formula compiler and the evaluator, without integrating. */
#ifndef FERRO_FUZZ_MODEL_H
#define FERRO_FUZZ_MODEL_H

#include "ferrosim/model.h"
#include "ferrosim/sbml.h"
#include "ferrosim/solver.h"

/* A small model whose rate rule for S is the <math> element that goes between head and tail: a
 * species S, parameters k and p, a compartment c and a function f(x, y). */
static const char fuzz_model_head[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<sbml xmlns=\"http://www.sbml.org/sbml/level3/version2/core\" level=\"3\" version=\"2\">\n"
    "<model id=\"m\">\n"
    "<listOfFunctionDefinitions><functionDefinition id=\"f\"><math xmlns=\"http://www.w3.org/1998/Math/MathML\">"
    "<lambda><bvar><ci>x</ci></bvar><bvar><ci>y</ci></bvar><apply><times/><ci>x</ci><ci>y</ci></apply></lambda>"
    "</math></functionDefinition></listOfFunctionDefinitions>\n"
    "<listOfCompartments><compartment id=\"c\" spatialDimensions=\"3\" size=\"1\" constant=\"true\"/></listOfCompartments>\n"
    "<listOfSpecies><species id=\"S\" compartment=\"c\" initialConcentration=\"1\" hasOnlySubstanceUnits=\"false\""
    " boundaryCondition=\"false\" constant=\"false\"/></listOfSpecies>\n"
    "<listOfParameters><parameter id=\"k\" value=\"2\" constant=\"true\"/>"
    "<parameter id=\"p\" value=\"0.5\" constant=\"false\"/></listOfParameters>\n"
    "<listOfRules><rateRule variable=\"S\">";
static const char fuzz_model_tail[] = "</rateRule></listOfRules>\n</model>\n</sbml>\n";
static inline void fuzz_model_string
(const char *xml, int flags)
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
