/* test_start.c — ferro_solver_set_start (runs from a given state, as pre-equilibration uses it)
 * against the analytic solution of A -> B in a compartment of size 2 with rate k [A] size:
 * [A](t) = A0 e^{-kt}, [B](t) = B0 + A0 (1 - e^{-kt}); C = 2 [A] by an assignment rule.
 * Start values are concentrations (the species' units); an amount species (hasOnlySubstanceUnits)
 * takes its value as an amount; a rule-set species refuses one; reset_params forgets them. */
#include <math.h>
#include <string.h>

#include "ferrosim/model.h"
#include "ferrosim/sbml.h"
#include "ferrosim/solver.h"
#include "test_util.h"

static const char *xml =
    "<?xml version='1.0' encoding='UTF-8'?>"
    "<sbml xmlns='http://www.sbml.org/sbml/level3/version2/core' level='3' version='2'><model id='ab'>"
    "<listOfCompartments><compartment id='c' size='2' constant='true'/></listOfCompartments>"
    "<listOfSpecies>"
    "<species id='A' compartment='c' initialConcentration='1' hasOnlySubstanceUnits='false' boundaryCondition='false' constant='false'/>"
    "<species id='B' compartment='c' initialConcentration='0.5' hasOnlySubstanceUnits='false' boundaryCondition='false' constant='false'/>"
    "<species id='C' compartment='c' initialConcentration='0' hasOnlySubstanceUnits='false' boundaryCondition='false' constant='false'/>"
    "<species id='D' compartment='c' initialAmount='4' hasOnlySubstanceUnits='true' boundaryCondition='false' constant='false'/>"
    "</listOfSpecies>"
    "<listOfParameters><parameter id='k' value='0.3' constant='true'/></listOfParameters>"
    "<listOfRules><assignmentRule variable='C'><math xmlns='http://www.w3.org/1998/Math/MathML'>"
    "<apply><times/><cn>2</cn><ci>A</ci></apply></math></assignmentRule>"
    "<rateRule variable='D'><math xmlns='http://www.w3.org/1998/Math/MathML'><apply><minus/><ci>D</ci></apply></math></rateRule>"
    "</listOfRules>"
    "<listOfReactions><reaction id='r' reversible='false'>"
    "<listOfReactants><speciesReference species='A' stoichiometry='1' constant='true'/></listOfReactants>"
    "<listOfProducts><speciesReference species='B' stoichiometry='1' constant='true'/></listOfProducts>"
    "<kineticLaw><math xmlns='http://www.w3.org/1998/Math/MathML'><apply><times/><ci>k</ci><ci>A</ci><ci>c</ci></apply></math></kineticLaw>"
    "</reaction></listOfReactions></model></sbml>";

int main(void)
{
    ferro_model_t *m;
    if (ferro_sbml_load_string(xml, 0, &m)) {
        fprintf(stderr, "%s\n", ferro_error_message());
        expect_true(0, "load the A -> B model");
        return test_summary("solver/start");
    }
    int A, B, C, D;
    expect_int(ferro_model_find_species(m, "A", &A), 0, "A");
    expect_int(ferro_model_find_species(m, "B", &B), 0, "B");
    expect_int(ferro_model_find_species(m, "C", &C), 0, "C");
    expect_int(ferro_model_find_species(m, "D", &D), 0, "D");
    expect_int(ferro_model_species_integrated(m, A), 1, "A is integrated");
    expect_int(ferro_model_species_integrated(m, C), 0, "C (assignment rule) is not");
    expect_int(ferro_model_species_integrated(m, D), 1, "D (rate rule) is");
    ferro_solver_opts_t o;
    ferro_solver_opts_init(&o);
    o.rtol = 1e-10;
    o.atol = 1e-12;
    ferro_solver_t *s;
    expect_int(ferro_solver_create(m, &o, &s), 0, "create");
    double times[2] = {0.0, 5.0}, y[8];
    const double e = exp(-0.3 * 5.0);

    expect_int(ferro_solver_set_start(s, A, 3.0), 0, "start A at 3");
    expect_int(ferro_solver_set_start(s, D, 7.0), 0, "start D at 7 (an amount)");
    expect_int(ferro_solver_set_start(s, A, 2.5), 0, "start A again: the last value counts");
    expect_int(ferro_solver_run(s, 0.0, 2, times, 0, NULL, y), 0, "run from the start values");
    expect_rel(y[A], 2.5, 1e-14, "A(0) = its start value (a concentration)");
    expect_rel(y[C], 5.0, 1e-14, "C(0) = 2 A(0): the assignment rule sees the start value");
    expect_rel(y[B], 0.5, 1e-14, "B(0) keeps its initial value");
    expect_rel(y[4 + A], 2.5 * e, 1e-8, "A(5) = 2.5 e^{-1.5}");
    expect_rel(y[4 + B], 0.5 + 2.5 * (1 - e), 1e-8, "B(5) = 0.5 + 2.5 (1 - e^{-1.5})");
    expect_rel(y[4 + D], 7.0 * exp(-5.0), 1e-7, "D(5) = 7 e^{-5}");

    expect_int(ferro_solver_set_start(s, C, 1.0), FERRO_EINVAL, "a rule-set species refuses a start value");
    expect_true(strstr(ferro_error_message(), "'C'") != NULL, "the message names it");
    expect_int(ferro_solver_set_start(s, A, NAN), FERRO_EINVAL, "NaN refused");
    expect_int(ferro_solver_set_start(s, 99, 1.0), FERRO_EINVAL, "index out of range");

    ferro_solver_reset_params(s);
    expect_int(ferro_solver_run(s, 0.0, 2, times, 0, NULL, y), 0, "run after reset");
    expect_rel(y[A], 1.0, 1e-14, "reset: A(0) back to the file's 1");
    expect_rel(y[4 + A], e, 1e-8, "A(5) = e^{-1.5}");
    expect_rel(y[4 + D], 4.0 * exp(-5.0), 1e-7, "D(5) = 4 e^{-5}");
    ferro_solver_free(s);
    ferro_model_free(m);
    return test_summary("solver/start");
}
