/* fuzz_sbml.c — SBML import (src/sbml through libSBML): the input is the document text, given to
 * ferro_sbml_load_string (first byte: bit 0 turns libSBML's consistency checks off, so the
 * importer also sees documents libSBML would reject; bit 1 makes the input MathML content placed
 * in the <math> element of a small model's rate rule, so most inputs reach the importer's math). A model that imports is compiled and its
 * right-hand side and Jacobian evaluated once at the initial state (no time integration). */
#include "fuzz_util.h"
#include "fuzz_model.h"

FUZZ_QUIET_INIT

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) return 0;
    char *xml = malloc(size);
    memcpy(xml, data + 1, size - 1);
    xml[size - 1] = 0;
    int flags = (data[0] & 1) ? FERRO_SBML_NOCHECK : 0;
    if (data[0] & 2) {
        static const char mo[] = "<math xmlns=\"http://www.w3.org/1998/Math/MathML\">", mc[] = "</math>";
        size_t n = sizeof fuzz_model_head + sizeof mo + size + sizeof mc + sizeof fuzz_model_tail;
        char *doc = malloc(n);
        snprintf(doc, n, "%s%s%s%s%s", fuzz_model_head, mo, xml, mc, fuzz_model_tail);
        fuzz_model_string(doc, flags);
        free(doc);
    } else {
        fuzz_model_string(xml, flags);
    }
    free(xml);
    return 0;
}
