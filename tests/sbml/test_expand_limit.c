/* test_expand_limit.c — function definitions that nest and use their argument twice
 * (f_k(x) = f_{k-1}(x) + f_{k-1}(x)) make 2^k terms when expanded inline: a 6 kB file with k = 40
 * used to hang the importer while its memory grew without bound (found by a hand-made fuzz case,
 * tests/fuzz/fuzz_sbml.c). Expansion is now capped: a clear FERRO_EUNSUPPORTED naming the rule
 * and its line; a moderate nesting (k = 10, 1024 terms) still imports and evaluates exactly. */
#include <stdlib.h>
#include "ferrosim/sbml.h"
#include "ferrosim/solver.h"
#include "test_util.h"

static char *doubling_model(int k)
{
    size_t cap = 4096 + (size_t)k * 512, len = 0;
    char *s = malloc(cap);
    len += (size_t)snprintf(s + len, cap - len,
                            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                            "<sbml xmlns=\"http://www.sbml.org/sbml/level3/version2/core\" level=\"3\" version=\"2\">\n"
                            "<model id=\"m\">\n<listOfFunctionDefinitions>\n"
                            "<functionDefinition id=\"f0\"><math xmlns=\"http://www.w3.org/1998/Math/MathML\"><lambda>"
                            "<bvar><ci>x</ci></bvar><ci>x</ci></lambda></math></functionDefinition>\n");
    for (int i = 1; i <= k; i++)
        len += (size_t)snprintf(s + len, cap - len,
                                "<functionDefinition id=\"f%d\"><math xmlns=\"http://www.w3.org/1998/Math/MathML\"><lambda>"
                                "<bvar><ci>x</ci></bvar><apply><plus/><apply><ci>f%d</ci><ci>x</ci></apply>"
                                "<apply><ci>f%d</ci><ci>x</ci></apply></apply></lambda></math></functionDefinition>\n",
                                i, i - 1, i - 1);
    snprintf(s + len, cap - len,
             "</listOfFunctionDefinitions>\n"
             "<listOfParameters><parameter id=\"p\" value=\"1\" constant=\"false\"/></listOfParameters>\n"
             "<listOfRules><rateRule variable=\"p\"><math xmlns=\"http://www.w3.org/1998/Math/MathML\">"
             "<apply><ci>f%d</ci><ci>p</ci></apply></math></rateRule></listOfRules>\n</model>\n</sbml>\n", k);
    return s;
}

int main(void)
{
    ferro_log_set_level(FERRO_LOG_QUIET);
    char *xml = doubling_model(40);
    ferro_model_t *m = NULL;
    expect_error(ferro_sbml_load_string(xml, 0, &m), FERRO_EUNSUPPORTED, "function calls expand to more than 1000000 terms",
                 "2^40 terms: refused");
    expect_true(strstr(ferro_error_message(), "rate rule for 'p' (line ") != NULL, "the message names the rule and its line");
    expect_true(m == NULL, "no model");
    free(xml);

    xml = doubling_model(10);
    expect_int(ferro_sbml_load_string(xml, 0, &m), 0, "2^10 terms: imports");
    free(xml);
    if (m) {
        ferro_solver_t *s = NULL;
        expect_int(ferro_solver_create(m, NULL, &s), 0, "solver");
        double y[1] = {3.0}, ydot[1] = {0};
        if (s) {
            expect_int(ferro_solver_eval_rhs(s, 0.0, y, ydot), 0, "rhs");
            expect_rel(ydot[0], 1024.0 * 3.0, 1e-15, "dp/dt = 2^10 p (exact)");
        }
        ferro_solver_free(s);
        ferro_model_free(m);
    }
    return test_summary("sbml expansion limit");
}
