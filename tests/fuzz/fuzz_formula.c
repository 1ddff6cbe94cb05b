/* fuzz_formula.c — the formula path (src/formula expr/compile/eval, via the SBML importer's
 * MathML -> expression trees): the input is an infix formula in SBML Level 3 syntax; libSBML's own
 * parser turns it into MathML (inputs it rejects are skipped: that parser is libSBML's, not ours),
 * which becomes the rate rule of a small model with a species S, parameters k and p, a
 * compartment c and a function f(x, y); the model is imported, compiled and evaluated once. */
#include "fuzz_util.h"
#include "fuzz_model.h"

#include <sbml/SBMLTypes.h>

FUZZ_QUIET_INIT

static const char head[] =
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
static const char tail[] = "</rateRule></listOfRules>\n</model>\n</sbml>\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) return 0;
    char *text = malloc(size);
    memcpy(text, data + 1, size - 1);
    text[size - 1] = 0;
    ASTNode_t *ast = SBML_parseL3Formula(text);
    free(text);
    if (!ast) return 0;
    char *mathml = writeMathMLToString(ast);
    ASTNode_free(ast);
    if (!mathml) return 0;
    const char *math = strstr(mathml, "<math");
    if (math) {
        size_t n = sizeof head + strlen(math) + sizeof tail;
        char *xml = malloc(n);
        snprintf(xml, n, "%s%s%s", head, math, tail);
        fuzz_model_string(xml, (data[0] & 1) ? FERRO_SBML_NOCHECK : 0);
        free(xml);
    }
    free(mathml);
    return 0;
}
