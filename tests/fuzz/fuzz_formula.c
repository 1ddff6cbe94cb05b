/* fuzz_formula.c — the formula path (src/formula expr/compile/eval, via the SBML importer's
 * MathML -> expression trees): the input is an infix formula in SBML Level 3 syntax; libSBML's own
 * parser turns it into MathML (inputs it rejects are skipped: that parser is libSBML's, not ours),
 * which becomes the rate rule of a small model with a species S, parameters k and p, a
 * compartment c and a function f(x, y); the model is imported, compiled and evaluated once. */
#include "fuzz_util.h"
#include "fuzz_model.h"

#include <sbml/SBMLTypes.h>

FUZZ_QUIET_INIT

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
    /* libSBML's L3 parser expands '%' into a piecewise that repeats its operands: 60 characters of
     * nested '%' become 70 MB of MathML (libSBML's, not ours; see tests/fuzz/README.md) */
    if (math && strlen(math) < (1u << 20)) {
        size_t n = sizeof fuzz_model_head + strlen(math) + sizeof fuzz_model_tail;
        char *xml = malloc(n);
        snprintf(xml, n, "%s%s%s", fuzz_model_head, math, fuzz_model_tail);
        fuzz_model_string(xml, (data[0] & 1) ? FERRO_SBML_NOCHECK : 0);
        free(xml);
    }
    free(mathml);
    return 0;
}
