/* ferrosim/sensitivity.h — why a treatment kills (or spares) a line: how the population's
 * viability under the treatment responds to each gene's level and each agent's dose.
 *
 * For every gene of the world (or a chosen subset) the condition's treatment is run again with
 * that gene's factor scaled: down and up by a small step (the local elasticity
 * dV / d ln(level), central difference), and to a knock-down and an over-expression factor (the
 * effect a bench experiment would see). Each perturbed condition is compared with its own
 * untreated reference (the same gene factors, no agent), so a gene that only changes growth
 * does not count: what remains is the gene's effect on the treatment. Every run uses the same
 * virtual cells (same seed: common random numbers), so differences are not sampling noise.
 * Agents of the condition get the dose elasticity dV / d ln(dose) the same way.
 *
 *   ferro_sens_opts_t o;  ferro_sens_opts_init(&o);
 *   ferro_sens_result_t *s;
 *   ferro_sensitivity_run(world, &cond, NULL, 0, &o, &s);  // all genes
 *   ... s->target[i].elasticity ...
 *   ferro_sens_result_free(s);
 */
#ifndef FERROSIM_SENSITIVITY_H
#define FERROSIM_SENSITIVITY_H

#include "ferrosim/common.h"
#include "ferrosim/population.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
    double step;      /* multiplicative step of the local elasticity (default 1.25: x1.25 and /1.25) */
    double kd, oe;    /* knock-down and over-expression factors (defaults 0.2 and 5) */
    int progress;     /* 1 (default): a progress bar on stderr when it is a terminal */
    int local_only;   /* 1: only the elasticities (v_kd, v_oe are NAN; half the runs); default 0 */
} ferro_sens_opts_t;
void ferro_sens_opts_init(ferro_sens_opts_t *o);

enum { FERRO_SENS_GENE = 0, FERRO_SENS_AGENT = 1 };

typedef struct {
    int kind;          /* FERRO_SENS_GENE or FERRO_SENS_AGENT */
    int index;         /* gene or agent index in the world */
    double base;       /* the condition's factor of the gene (1 if not set) or the agent's dose */
    double v_down, v_up;  /* viability at base / step and base * step */
    double elasticity;    /* (v_up - v_down) / (2 ln step): viability per e-fold more of it */
    double v_kd, v_oe;    /* viability at base * kd and base * oe (genes; NAN for agents) */
} ferro_sens_target_t;

typedef struct {
    double v0;         /* viability of the condition itself */
    int n;
    ferro_sens_target_t *target; /* genes first (world order or as asked), then the agents */
} ferro_sens_result_t;

/* genes: indices of the genes to perturb (NULL = all genes of the world, ngenes ignored).
 * FERRO_EINVAL for a bad option (step <= 1, kd or oe < 0) or a condition without an agent. */
int ferro_sensitivity_run(const ferro_world_t *w, const ferro_condition_t *c, const int *genes, int ngenes,
                          const ferro_sens_opts_t *o, ferro_sens_result_t **out) FERRO_WUR;
void ferro_sens_result_free(ferro_sens_result_t *r); /* NULL-safe */

#ifdef __cplusplus
}
#endif
#endif
