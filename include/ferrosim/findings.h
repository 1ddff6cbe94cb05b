/* ferrosim/findings.h — the findings the model must reproduce (data/findings.tsv), checked by
 * simulation through the population API.
 *
 * A finding is one claim of the review (F01..F17) or of the field (F18+): cell lines, a time, a
 * number of virtual cells and a list of checks. Each check compares a measured quantity with a
 * threshold and is evaluated for every cell line of the finding:
 *
 *   check  := lhs OP NUMBER                      OP: <= >= < >
 *   lhs    := term | term '-' term | term '/' term
 *   term   := MEASURE ['@' CELL] '[' cond ']'    CELL overrides the finding's line for this term
 *   cond   := empty | item (',' item)*
 *   item   := AGENT '=' DOSE                     dose with optional unit (ferro_world_parse_dose)
 *           | GENE '*' FACTOR                    like --set GENE=FACTOR
 *   MEASURE: viability (CCK-8: live treated / live untreated), alive (fraction of cells not dead),
 *            ferro_share (dead_ferro / (dead_ferro + dead_apop), the ferroptotic share of deaths),
 *            or any model species id (mean over living cells).
 *
 * e.g. "viability[erastin=5, SB203580=10] - viability[erastin=5] >= 0.15".
 * Every term is read at the finding's time_h from a population of ncells virtual cells (seed 1,
 * CV FERRO_POP_CV), so a finding's numbers are reproducible and do not depend on threads.
 *
 *   ferro_findings_t *f; ferro_finding_result_t res;
 *   ferro_findings_load(NULL, &f);
 *   for (int i = 0; i < ferro_findings_count(f); i++)
 *       if (ferro_findings_check(world, f, i, &res) == 0) { ... res.pass ...; ferro_finding_result_clear(&res); }
 *   ferro_findings_free(f);
 */
#ifndef FERROSIM_FINDINGS_H
#define FERROSIM_FINDINGS_H

#include "ferrosim/common.h"
#include "ferrosim/population.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ferro_findings_s ferro_findings_t;

/* Read and parse a findings table (NULL = <data dir>/findings.tsv). Syntax errors name the file,
 * line and column. Names (cells, agents, genes, species) are resolved when a finding is checked. */
int ferro_findings_load(const char *path, ferro_findings_t **out) FERRO_WUR;
void ferro_findings_free(ferro_findings_t *f); /* NULL-safe */

int ferro_findings_count(const ferro_findings_t *f);
/* Index of the finding with this id (case-insensitive); FERRO_ENOTFOUND otherwise. */
int ferro_findings_find(const ferro_findings_t *f, const char *id, int *idx) FERRO_WUR;
const char *ferro_findings_id(const ferro_findings_t *f, int i);
const char *ferro_findings_claim(const ferro_findings_t *f, int i);
const char *ferro_findings_review_ref(const ferro_findings_t *f, int i); /* "53", "39,40,41", "-" */
int ferro_findings_n_cells(const ferro_findings_t *f, int i);
const char *ferro_findings_cell(const ferro_findings_t *f, int i, int k);
double ferro_findings_time(const ferro_findings_t *f, int i);            /* hours */
int ferro_findings_n_checks(const ferro_findings_t *f, int i);
const char *ferro_findings_check_text(const ferro_findings_t *f, int i, int c);
/* OpenMP threads for the simulations (default 1); results do not depend on it. */
void ferro_findings_set_threads(ferro_findings_t *f, int threads);

/* One evaluated check: the line, the check, the measured left-hand side and the verdict. */
typedef struct {
    const char *cell;   /* points into the findings table */
    int check;          /* index of the check in the finding */
    const char *text;   /* the check's text */
    double value;       /* measured left-hand side */
    double threshold;
    char op[3];         /* "<=", ">=", "<", ">" */
    int pass;           /* 1 if value OP threshold holds (NaN never passes) */
} ferro_finding_eval_t;

typedef struct {
    int pass;                    /* 1 if every evaluation passed */
    int nevals;                  /* n_cells x n_checks, cell-major */
    ferro_finding_eval_t *evals;
} ferro_finding_result_t;

/* Simulate and evaluate finding i. res is overwritten (call ferro_finding_result_clear after).
 * Unknown names (agent, gene, cell, species, measure) give FERRO_ENOTFOUND with a message
 * naming the finding and the check. */
int ferro_findings_check(const ferro_world_t *w, const ferro_findings_t *f, int i,
                         ferro_finding_result_t *res) FERRO_WUR;
void ferro_finding_result_clear(ferro_finding_result_t *res); /* NULL-safe; frees evals */

#ifdef __cplusplus
}
#endif
#endif
