/* test_sensitivity.c — src/sensitivity on the built-in world, Jurkat under RSL3 0.1 uM, the mean
 * cell: each reported viability is the population run of the perturbed condition (recomputed
 * here with the factor set by hand: equal bit for bit), the elasticity is the central difference
 * of those, a --set factor is scaled rather than replaced, a gene the model does not link to the
 * treatment (VDAC3, erastin's target, under RSL3) has elasticity 0, and the roles of GPX4
 * (FerrDb suppressor: protective) and ACSL4 (driver: sensitising) are those of the review. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ferrosim/sensitivity.h"
#include "test_util.h"

static double viab(const ferro_world_t *w, const ferro_condition_t *c, int gene, double factor)
{
    ferro_condition_t x = *c;
    ferro_gene_factor_t f[4];
    int n = 0;
    for (int k = 0; k < c->nfactors; k++) f[n++] = c->factors[k];
    int found = 0;
    for (int k = 0; k < n; k++)
        if (f[k].gene == gene) { f[k].factor = factor; found = 1; }
    if (!found && gene >= 0) f[n++] = (ferro_gene_factor_t){gene, factor};
    x.factors = f;
    x.nfactors = n;
    x.progress = 0;
    double v = NAN;
    if (ferro_population_viability_many(w, &x, 1, &v)) expect_true(0, ferro_error_message());
    return v;
}

int main(void)
{
    ferro_world_t *w;
    if (ferro_world_load(NULL, NULL, &w)) { expect_true(0, ferro_error_message()); return test_summary("sensitivity"); }
    int cell, rsl3, gpx4, acsl4, vdac3, tfrc;
    expect_int(ferro_world_find_cell(w, "Jurkat", &cell), 0, "Jurkat");
    expect_int(ferro_world_find_agent(w, "RSL3", &rsl3), 0, "RSL3");
    expect_int(ferro_world_find_gene(w, "GPX4", &gpx4), 0, "GPX4");
    expect_int(ferro_world_find_gene(w, "ACSL4", &acsl4), 0, "ACSL4");
    expect_int(ferro_world_find_gene(w, "VDAC3", &vdac3), 0, "VDAC3");
    expect_int(ferro_world_find_gene(w, "TFRC", &tfrc), 0, "TFRC");
    ferro_condition_t c;
    ferro_condition_init(&c);
    ferro_dose_t d = {rsl3, 0.1};
    ferro_gene_factor_t set = {tfrc, 0.5}; /* a --set factor, itself perturbed below */
    c.cell = cell;
    c.doses = &d;
    c.ndoses = 1;
    c.factors = &set;
    c.nfactors = 1;
    c.progress = 0;
    int genes[4] = {gpx4, acsl4, vdac3, tfrc};
    ferro_sens_opts_t o;
    ferro_sens_opts_init(&o);
    o.progress = 0;
    ferro_sens_result_t *r;
    if (ferro_sensitivity_run(w, &c, genes, 4, &o, &r)) {
        expect_true(0, ferro_error_message());
        ferro_world_free(w);
        return test_summary("sensitivity");
    }
    expect_int(r->n, 5, "4 genes and the agent");
    double v0 = viab(w, &c, -1, 1);
    expect_true(r->v0 == v0, "v0 is the condition's own viability");
    for (int i = 0; i < 4; i++) {
        const ferro_sens_target_t *t = &r->target[i];
        double base = genes[i] == tfrc ? 0.5 : 1.0;
        expect_true(t->kind == FERRO_SENS_GENE && t->index == genes[i], "genes in the order asked");
        expect_true(t->base == base, "base factor (TFRC: the --set 0.5)");
        expect_true(t->v_up == viab(w, &c, genes[i], base * 1.25), "v_up = the run at base x 1.25, bit for bit");
        expect_true(t->v_down == viab(w, &c, genes[i], base / 1.25), "v_down = the run at base / 1.25");
        expect_true(t->v_kd == viab(w, &c, genes[i], base * 0.2), "v_kd = the run at base x 0.2");
        expect_true(t->v_oe == viab(w, &c, genes[i], base * 5), "v_oe = the run at base x 5");
        expect_rel(t->elasticity, (t->v_up - t->v_down) / (2 * log(1.25)), 1e-15, "elasticity = central difference");
    }
    /* biology: GPX4 (RSL3's target, FerrDb suppressor) protects; ACSL4 (FerrDb driver) sensitises */
    expect_true(r->target[0].elasticity > 0.1, "GPX4 protective under RSL3 (elasticity > 0.1)");
    expect_true(r->target[0].v_kd < v0 - 0.5 && r->target[0].v_oe >= v0, "GPX4 knock-down kills, over-expression spares");
    expect_true(r->target[1].elasticity < -0.1, "ACSL4 sensitising under RSL3 (elasticity < -0.1)");
    expect_true(r->target[2].elasticity == 0 && r->target[2].v_kd == v0, "VDAC3 (erastin's target) irrelevant to RSL3");
    /* the agent: more RSL3, more death */
    const ferro_sens_target_t *a = &r->target[4];
    expect_true(a->kind == FERRO_SENS_AGENT && a->index == rsl3 && a->base == 0.1, "the agent row");
    expect_true(a->elasticity < -0.1 && isnan(a->v_kd), "RSL3 dose elasticity < -0.1; no knock-down for an agent");
    ferro_sens_result_free(r);
    /* errors: no agent; a step of 1 */
    c.ndoses = 0;
    expect_error(ferro_sensitivity_run(w, &c, genes, 1, &o, &r), FERRO_EINVAL, "no agent", "no treatment: EINVAL");
    c.ndoses = 1;
    o.step = 1;
    expect_error(ferro_sensitivity_run(w, &c, genes, 1, &o, &r), FERRO_EINVAL, "step", "step 1: EINVAL");
    ferro_world_free(w);
    return test_summary("sensitivity");
}
