/* ferrosim/sbml.h — SBML in (Level 2 v1-v5, Level 3 v1-v2 core; comp models are flattened) and
 * out (Level 3 Version 2, or a text listing), through libSBML; the SBML Test Suite runner.
 *
 * Loading runs libSBML's consistency checks: an ERROR or FATAL fails with libSBML's message and
 * its line and column; warnings are logged (ferro_warn), or fail too with FERRO_SBML_STRICT.
 * Constructs the engine does not simulate (under-determined algebraic rules, fast reactions with
 * varying stoichiometry, nested delay(), reactions without kinetic law, ...; docs/engine.md)
 * fail with FERRO_EUNSUPPORTED and a message naming the construct: a model is never simulated
 * wrongly.
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

/* Write the SBML file at path as SBML Level 3 Version 2 (libSBML's level conversion; the
 * model is otherwise unchanged, so it simulates identically). */
int ferro_sbml_export_sbml(const char *path, FILE *out) FERRO_WUR;
/* Write a text listing of the model: TSV sections (compartments, species, parameters, rules,
 * initial assignments, reactions with their rate laws, events) each introduced by a line
 * "# section" and a header; formulas in SBML L3 infix syntax. */
int ferro_sbml_export_tsv(const char *path, FILE *out) FERRO_WUR;

/* ---- SBML Test Suite (semantic cases laid out as cases/NNNNN/NNNNN-*.{xml,txt,csv}) ---- */
enum { FERRO_CASE_PASS = 0, FERRO_CASE_FAIL = 1, FERRO_CASE_UNSUPPORTED = 2 };
typedef struct {
    char id[16];
    int status;          /* FERRO_CASE_* */
    char detail[512];    /* fail: worst variable, time, values; unsupported: the construct */
    double seconds;      /* wall time of import + simulation */
} ferro_case_result_t;

/* Run one case directory (…/cases/00001). Never fails as a function: problems are in r. */
void ferro_sbml_test_case(const char *dir, ferro_case_result_t *r);

#ifdef __cplusplus
}
#endif
#endif
