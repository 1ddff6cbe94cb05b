/* test_equilibrate.c — pre-equilibration (ferro_world_set_equilibration) on the built-in model:
 *  - off (0 h) is the model's initial state: the untreated mean MOLT-4 cell drifts over the first
 *    day (its line profile moves it from the reference cell's steady state);
 *  - on (336 h), every species of the untreated mean cell (but the fate counters) is the same at
 *    0 h and 72 h within 1e-3 relative: agents meet a settled culture, and a knock-down
 *    (MYB x 0.2) is settled too; viability is 1 untreated;
 *  - results do not depend on the thread count (a population, 1 vs 2 threads, bit for bit);
 *  - bad values refused. */
#include <math.h>
#include <string.h>

#include "ferrosim/population.h"
#include "test_util.h"

static int is_fate(const char *id) { return !strcmp(id, "viable") || !strcmp(id, "dead_ferro") || !strcmp(id, "dead_apop"); }

/* largest relative change of a non-fate species between the first and last rows */
static double drift(const ferro_result_t *r, const char **worst)
{
    double mx = 0;
    for (int j = 0; j < r->nspecies; j++) {
        if (is_fate(r->species[j])) continue;
        double a = r->mean[j], b = r->mean[(size_t)(r->ntimes - 1) * r->nspecies + j];
        double d = fabs(a - b) / fmax(fabs(b), 1e-12);
        if (d > mx) { mx = d; *worst = r->species[j]; }
    }
    return mx;
}

int main(void)
{
    ferro_world_t *w;
    int rc = ferro_world_load(FERRO_SOURCE_DIR "/data", NULL, &w);
    expect_int(rc, 0, "built-in world");
    if (rc) return test_summary("population/equilibrate");
    expect_int(ferro_world_set_equilibration(w, -1), FERRO_EINVAL, "negative hours refused");
    expect_int(ferro_world_set_equilibration(w, NAN), FERRO_EINVAL, "NaN refused");
    ferro_condition_t c;
    ferro_condition_init(&c);
    expect_int(ferro_world_find_cell(w, "MOLT-4", &c.cell), 0, "MOLT-4");
    c.t_end = 72;
    c.t_step = 72;
    ferro_result_t *r = NULL;
    const char *worst = "";

    expect_int(ferro_world_set_equilibration(w, 0), 0, "off");
    expect_int(ferro_population_run(w, &c, &r), 0, "untreated, from the model's initial state");
    double d0 = r ? drift(r, &worst) : 0;
    printf("no pre-equilibration: largest 0 -> 72 h change %.3g (%s)\n", d0, worst);
    expect_true(d0 > 0.1, "without it the line settles during the run (> 10% change)");
    ferro_result_free(r);

    expect_int(ferro_world_set_equilibration(w, 336), 0, "on, 336 h");
    expect_rel(ferro_world_equilibration(w), 336, 0, "reads back");
    r = NULL;
    expect_int(ferro_population_run(w, &c, &r), 0, "untreated, pre-equilibrated");
    double d1 = r ? drift(r, &worst) : 1;
    printf("pre-equilibrated 336 h: largest 0 -> 72 h change %.3g (%s)\n", d1, worst);
    expect_true(d1 < 1e-3, "settled: every species within 1e-3 over 72 h");
    expect_rel(r ? r->viability[r->ntimes - 1] : 0, 1.0, 1e-12, "untreated viability 1");
    ferro_result_free(r);

    ferro_gene_factor_t kd;
    expect_int(ferro_world_find_gene(w, "MYB", &kd.gene), 0, "MYB");
    kd.factor = 0.2;
    c.nfactors = 1;
    c.factors = &kd;
    r = NULL;
    expect_int(ferro_population_run(w, &c, &r), 0, "MYB knock-down, pre-equilibrated");
    double d2 = r ? drift(r, &worst) : 1;
    printf("MYB x 0.2 pre-equilibrated: largest change %.3g (%s)\n", d2, worst);
    expect_true(d2 < 1e-3, "the knock-down is settled before the run");
    ferro_result_free(r);

    /* a treated population: thread count does not matter */
    ferro_dose_t dose;
    expect_int(ferro_world_find_agent(w, "RSL3", &dose.agent), 0, "RSL3");
    dose.dose = 0.2;
    c.nfactors = 0;
    c.ndoses = 1;
    c.doses = &dose;
    c.ncells = 12;
    c.t_step = 24;
    ferro_result_t *r1 = NULL, *r2 = NULL;
    c.threads = 1;
    expect_int(ferro_population_run(w, &c, &r1), 0, "12 cells, 1 thread");
    c.threads = 2;
    expect_int(ferro_population_run(w, &c, &r2), 0, "12 cells, 2 threads");
    if (r1 && r2) {
        int same = r1->ntimes == r2->ntimes;
        for (int i = 0; same && i < r1->ntimes; i++) same = r1->viability[i] == r2->viability[i];
        expect_true(same, "1 and 2 threads bit-identical");
    }
    double v[2], doses2[2] = {0.05, 0.2};
    ferro_condition_t cc[2] = {c, c};
    ferro_dose_t dd[2] = {{dose.agent, doses2[0]}, {dose.agent, doses2[1]}};
    cc[0].doses = &dd[0];
    cc[1].doses = &dd[1];
    expect_int(ferro_population_viability_many(w, cc, 2, v), 0, "a dose series, pre-equilibrated");
    /* the time course stops at every output (24 h): the same solution within the tolerances */
    expect_rel(v[1], r1 ? r1->viability[r1->ntimes - 1] : 0, 1e-4, "the series' 0.2 uM well = the time course's end");
    expect_true(v[0] > v[1], "falls with dose");
    ferro_result_free(r1);
    ferro_result_free(r2);
    ferro_world_free(w);
    return test_summary("population/equilibrate");
}
