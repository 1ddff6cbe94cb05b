/* sensitivity.c — gene-level and dose elasticities of a treated population's viability (see
 * include/ferrosim/sensitivity.h). Finite differences on the population readout rather than
 * CVODES' forward sensitivities: the readout is a ratio of two populations' live progeny through
 * the fate rule, not a state of one trajectory, and a gene factor scales a parameter of every
 * virtual cell; common random numbers keep the differences free of sampling noise. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ferrosim/sensitivity.h"

void ferro_sens_opts_init(ferro_sens_opts_t *o)
{
    o->step = 1.25;
    o->kd = 0.2;
    o->oe = 5.0;
    o->progress = 1;
    o->local_only = 0;
}

void ferro_sens_result_free(ferro_sens_result_t *r)
{
    if (!r) return;
    free(r->target);
    free(r);
}

/* Viability of c with gene g's factor (or agent a's dose) multiplied by m (g, a < 0: none). */
static int viability(const ferro_world_t *w, const ferro_condition_t *c, int g, int a, double m,
                     ferro_gene_factor_t *fbuf, ferro_dose_t *dbuf, double *v)
{
    ferro_condition_t x = *c;
    x.progress = 0;
    if (g >= 0) {
        int k, found = 0;
        for (k = 0; k < c->nfactors; k++) {
            fbuf[k] = c->factors[k];
            if (fbuf[k].gene == g) { fbuf[k].factor *= m; found = 1; }
        }
        if (!found) { fbuf[k].gene = g; fbuf[k].factor = m; k++; }
        x.factors = fbuf;
        x.nfactors = k;
    }
    if (a >= 0) {
        for (int k = 0; k < c->ndoses; k++) {
            dbuf[k] = c->doses[k];
            if (k == a) dbuf[k].dose *= m;
        }
        x.doses = dbuf;
    }
    return ferro_population_viability_many(w, &x, 1, v);
}

int ferro_sensitivity_run(const ferro_world_t *w, const ferro_condition_t *c, const int *genes, int ngenes,
                          const ferro_sens_opts_t *o, ferro_sens_result_t **out)
{
    *out = NULL;
    ferro_sens_opts_t def;
    if (!o) { ferro_sens_opts_init(&def); o = &def; }
    if (!(o->step > 1) || !isfinite(o->step) || !(o->kd >= 0) || !(o->oe >= 0) || !isfinite(o->oe))
        return ferro_error_set(FERRO_EINVAL, "sensitivity: the step must be > 1 and the knock-down and "
                                             "over-expression factors >= 0 (got %g, %g, %g)", o->step, o->kd, o->oe);
    int nagent = 0;
    for (int k = 0; k < c->ndoses; k++) nagent += c->doses[k].dose > 0;
    if (nagent == 0)
        return ferro_error_set(FERRO_EINVAL, "sensitivity: the condition has no agent at a dose > 0: there is "
                                             "no treatment whose effect to explain");
    int ng = genes ? ngenes : ferro_world_n_genes(w);
    for (int i = 0; genes && i < ng; i++)
        if (genes[i] < 0 || genes[i] >= ferro_world_n_genes(w))
            return ferro_error_set(FERRO_EINVAL, "sensitivity: gene index %d out of range", genes[i]);
    ferro_sens_result_t *r = ferro_calloc(1, sizeof *r);
    ferro_gene_factor_t *fbuf = ferro_malloc(((size_t)c->nfactors + 1) * sizeof *fbuf);
    ferro_dose_t *dbuf = ferro_malloc(((size_t)c->ndoses + 1) * sizeof *dbuf);
    if (r) r->target = ferro_calloc((size_t)(ng + c->ndoses) + 1, sizeof *r->target);
    int rc = FERRO_ENOMEM;
    ferro_progress_t *bar = NULL;
    if (!r || !r->target || !fbuf || !dbuf) goto fail;
    if ((rc = viability(w, c, -1, -1, 1.0, fbuf, dbuf, &r->v0))) goto fail;
    if (o->progress) bar = ferro_progress_start("sensitivity", (long)ng * (o->local_only ? 2 : 4) + (long)nagent * 2);
    for (int i = 0; i < ng; i++) {
        ferro_sens_target_t *t = &r->target[r->n++];
        int g = genes ? genes[i] : i;
        t->kind = FERRO_SENS_GENE;
        t->index = g;
        t->base = 1.0;
        for (int k = 0; k < c->nfactors; k++)
            if (c->factors[k].gene == g) t->base *= c->factors[k].factor;
        const double m[4] = {1.0 / o->step, o->step, o->kd, o->oe};
        double *v[4] = {&t->v_down, &t->v_up, &t->v_kd, &t->v_oe};
        const int nrun = o->local_only ? 2 : 4;
        t->v_kd = t->v_oe = NAN;
        for (int j = 0; j < nrun; j++) {
            if ((rc = viability(w, c, g, -1, m[j], fbuf, dbuf, v[j]))) goto fail;
            ferro_progress_tick(bar, 1);
        }
        t->elasticity = (t->v_up - t->v_down) / (2.0 * log(o->step));
    }
    for (int a = 0; a < c->ndoses; a++) {
        if (!(c->doses[a].dose > 0)) continue;
        ferro_sens_target_t *t = &r->target[r->n++];
        t->kind = FERRO_SENS_AGENT;
        t->index = c->doses[a].agent;
        t->base = c->doses[a].dose;
        t->v_kd = t->v_oe = NAN;
        if ((rc = viability(w, c, -1, a, 1.0 / o->step, fbuf, dbuf, &t->v_down))) goto fail;
        ferro_progress_tick(bar, 1);
        if ((rc = viability(w, c, -1, a, o->step, fbuf, dbuf, &t->v_up))) goto fail;
        ferro_progress_tick(bar, 1);
        t->elasticity = (t->v_up - t->v_down) / (2.0 * log(o->step));
    }
    ferro_progress_finish(bar);
    free(fbuf);
    free(dbuf);
    *out = r;
    return 0;
fail:
    ferro_progress_finish(bar);
    free(fbuf);
    free(dbuf);
    ferro_sens_result_free(r);
    return rc;
}
