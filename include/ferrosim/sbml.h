/* ferrosim/sbml.h — SBML in (Level 2 v1-v5, Level 3 v1-v2 core; comp models are flattened)
 * through libSBML.
 *
 * Loading runs libSBML's consistency checks: an ERROR or FATAL fails with libSBML's message and
 * its line and column; warnings are logged (ferro_warn), or fail too with FERRO_SBML_STRICT.
 * Constructs the engine does not simulate (algebraic rules, fast reactions, delay(), reactions
 * without kinetic law, ...) fail with FERRO_EUNSUPPORTED and a message naming the construct:
 * a model is never simulated wrongly.
 *
 *   ferro_model_t *m;
 *   char path[4096];
 *   int rc = ferro_sbml_load(ferro_data_path("model/ferroptosis_all.xml", path, sizeof path), 0, &m);
 */
#ifndef FERROSIM_SBML_H
#define FERROSIM_SBML_H

#include <stdio.h>
#include "ferrosim/common.h"
#include "ferrosim/model.h"

#ifdef __cplusplus
extern "C" {
#endif

enum {
    FERRO_SBML_STRICT = 1,  /* libSBML warnings are errors too */
    FERRO_SBML_NOCHECK = 2, /* skip libSBML's consistency checks (only reading errors fail) */
    FERRO_SBML_QUIET = 4    /* do not log warnings */
};

int ferro_sbml_load(const char *path, int flags, ferro_model_t **out) FERRO_WUR;
int ferro_sbml_load_string(const char *xml, int flags, ferro_model_t **out) FERRO_WUR;

#ifdef __cplusplus
}
#endif
#endif
