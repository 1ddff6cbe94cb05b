/* cellparams.c — the parameter vector of one virtual cell: model defaults, the line's profile,
 * gene factors, log-normal cell-to-cell noise (GSL), then agent effects (docs/model-conventions.md). */
#include "pop_internal.h"

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

double pop_occupancy(double dose, double ec50, double hill)
{
    if (!(dose > 0)) return 0.0;
    /* D^h / (D^h + EC50^h) written so that neither power overflows */
    return 1.0 / (1.0 + pow(ec50 / dose, hill));
}

void pop_effects_apply(const ferro_world_t *w, int ndoses, const ferro_dose_t *doses, double *p)
{
    for (int e = 0; e < w->neffect; e++) {
        const pop_effect_t *x = &w->effect[e];
        double dose = 0;
        for (int d = 0; d < ndoses; d++)
            if (doses[d].agent == x->agent) dose += doses[d].dose;
        if (!(dose > 0)) continue;
        double f = pop_occupancy(dose, x->ec50, x->hill);
        switch (x->type) {
        case POP_EFFECT_INHIBIT: p[x->param] *= 1.0 - x->emax * f; break;
        case POP_EFFECT_ACTIVATE: p[x->param] *= 1.0 + x->emax * f; break;
        default: p[x->param] += x->emax * f; break;
        }
    }
}

void pop_lognormal_params(double cv, double *mu, double *sigma)
{
    double s2 = log1p(cv * cv);
    *sigma = sqrt(s2);
    *mu = -0.5 * s2;
}

static uint64_t splitmix64(uint64_t z)
{
    z += UINT64_C(0x9e3779b97f4a7c15);
    z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
    return z ^ (z >> 31);
}

unsigned long pop_cell_seed(unsigned long seed, long k)
{
    uint64_t z = splitmix64(splitmix64((uint64_t)seed) ^ (uint64_t)k);
    /* GSL's mt19937 uses 32 bits of the seed (and maps 0 to its default): fold the halves */
    return (unsigned long)((z ^ (z >> 32)) & UINT64_C(0xffffffff));
}

void pop_cell_params(const ferro_world_t *w, const ferro_condition_t *c, long k, void *rng, double *p)
{
    memcpy(p, w->param_default, (size_t)w->nparam * sizeof *p);
    if (w->p_doubling >= 0) p[w->p_doubling] = w->cell[c->cell].doubling_h;
    const double *line = w->profile + (size_t)c->cell * (size_t)w->ngene;
    for (int g = 0; g < w->ngene; g++) {
        double level = c->profile && !isnan(c->profile[g]) ? c->profile[g] : line[g];
        p[w->gene[g].param] *= level;
    }
    for (int f = 0; f < c->nfactors; f++) p[w->gene[c->factors[f].gene].param] *= c->factors[f].factor;
    if (c->ncells > 1 && c->cv > 0) {
        double mu, sigma;
        pop_lognormal_params(c->cv, &mu, &sigma);
        gsl_rng_set(rng, pop_cell_seed(c->seed, k));
        for (int i = 0; i < w->nexpr; i++) p[w->expr[i]] *= gsl_ran_lognormal(rng, mu, sigma);
    }
}
