/* test_bad_math.c — SBML math found by tests/fuzz/fuzz_sbml.c: a rateOf() csymbol without an
 * argument crashed libSBML 5.19's consistency check (RateOfCycles, a NULL dereference); it is now
 * refused first with the line and column of the element, in a rule, a kinetic law and an event.
 * A model with no math at all has empty programs: evaluating them did NULL + 0 (UBSan). */
#include <stdlib.h>
#include "ferrosim/sbml.h"
#include "ferrosim/solver.h"
#include "test_util.h"

#define RATEOF "<apply><csymbol encoding=\"text\" definitionURL=\"http://www.sbml.org/sbml/symbols/rateOf\">rateOf</csymbol></apply>"
#define MATH(x) "<math xmlns=\"http://www.w3.org/1998/Math/MathML\">" x "</math>"
#define HEAD "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
    "<sbml xmlns=\"http://www.sbml.org/sbml/level3/version2/core\" level=\"3\" version=\"2\">\n<model id=\"m\">\n" \
    "<listOfCompartments><compartment id=\"c\" size=\"1\" constant=\"true\"/></listOfCompartments>\n" \
    "<listOfSpecies><species id=\"S\" compartment=\"c\" initialAmount=\"1\" hasOnlySubstanceUnits=\"true\"" \
    " boundaryCondition=\"false\" constant=\"false\"/></listOfSpecies>\n" \
    "<listOfParameters><parameter id=\"p\" value=\"1\" constant=\"false\"/></listOfParameters>\n"
#define TAIL "</model>\n</sbml>\n"

int main(void)
{
    ferro_log_set_level(FERRO_LOG_QUIET);
    static const char *const docs[] = {
        HEAD "<listOfRules><rateRule variable=\"p\">" MATH(RATEOF) "</rateRule></listOfRules>\n" TAIL,
        HEAD "<listOfReactions><reaction id=\"r\" reversible=\"false\"><listOfReactants><speciesReference species=\"S\""
             " stoichiometry=\"1\" constant=\"true\"/></listOfReactants>\n<kineticLaw>" MATH(RATEOF)
             "</kineticLaw></reaction></listOfReactions>\n" TAIL,
        HEAD "<listOfEvents><event id=\"e\" useValuesFromTriggerTime=\"true\"><trigger initialValue=\"false\" persistent=\"true\">"
             MATH("<apply><gt/><csymbol encoding=\"text\" definitionURL=\"http://www.sbml.org/sbml/symbols/time\">t</csymbol>"
                  "<cn>1</cn></apply>")
             "</trigger>\n<listOfEventAssignments><eventAssignment variable=\"p\">" MATH(RATEOF)
             "</eventAssignment></listOfEventAssignments></event></listOfEvents>\n" TAIL,
    };
    static const char *const where[] = {"<string>: line 7, column 36:", "<string>: line 8, column 12:", "<string>: line 8, column 54:"};
    for (int i = 0; i < 3; i++) {
        ferro_model_t *m = NULL;
        for (int check = 0; check < 2; check++) {
            expect_error(ferro_sbml_load_string(docs[i], check ? 0 : FERRO_SBML_NOCHECK, &m), FERRO_EPARSE,
                         "rateOf() without an argument", "bare rateOf(): a parse error, not a crash");
            expect_true(strstr(ferro_error_message(), where[i]) != NULL, "the message names the line");
            expect_true(m == NULL, "no model");
        }
    }
    ferro_model_t *m = NULL;
    expect_int(ferro_sbml_load_string(HEAD TAIL, 0, &m), 0, "a model without math loads");
    if (m) {
        ferro_solver_t *s = NULL;
        double y[2] = {0, 0};
        expect_int(ferro_solver_create(m, NULL, &s), 0, "solver");
        if (s) expect_int(ferro_solver_initial_state(s, 0.0, y), 0, "initial state of an empty program");
        ferro_solver_free(s);
        ferro_model_free(m);
    }
    return test_summary("sbml bad math");
}
