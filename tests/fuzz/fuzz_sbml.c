/* fuzz_sbml.c — SBML import (src/sbml through libSBML): the input is the document text, given to
 * ferro_sbml_load_string (the first byte picks libSBML's consistency checks on or off, so the
 * importer also sees documents libSBML would reject). A model that imports is compiled and its
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
    fuzz_model_string(xml, (data[0] & 1) ? FERRO_SBML_NOCHECK : 0);
    free(xml);
    return 0;
}
