/* test_run.c — population runs on the fixture model (tests/data/population/make_model.py) against
 * closed forms, thread invariance (1 vs 2 threads bit-identical) and the shared-reference
 * shortcut of ferro_population_viability_many.
 *
 * Closed forms of the fixture (see make_model.py):
 *   GPX4(t) = E + (1 - E) exp(-0.1 t) when expr_GPX4 = E;
 *   an agent acting only on act_prolif (rapamycin: inhibit, EC50 10 nM, Hill 1, emax 0.5) gives
 *   treated/untreated viable = exp(-ln2/doubling_h * emax f t) in every virtual cell, so the
 *   population's viability is exactly that whatever the cell-to-cell noise.
 * Tolerance 1e-4 relative: the solver's default rtol is 1e-6 per step, errors accumulate over
 * ~100 steps. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ferrosim/population.h"
#include "test_util.h"

#define FIX FERRO_TEST_DATA "/population"
#define TOL 1e-4

static ferro_world_t *w;

static int agent(const char *n) { int i = -1; if (ferro_world_find_agent(w, n, &i)) fprintf(stderr, "%s\n", ferro_error_message()); return i; }
static int cell(const char *n) { int i = -1; if (ferro_world_find_cell(w, n, &i)) fprintf(stderr, "%s\n", ferro_error_message()); return i; }
static int gene(const char *n) { int i = -1; if (ferro_world_find_gene(w, n, &i)) fprintf(stderr, "%s\n", ferro_error_message()); return i; }

static int species(const ferro_result_t *r, const char *id)
{
    for (int j = 0; j < r->nspecies; j++)
        if (!strcmp(r->species[j], id)) return j;
    return -1;
}

static double at(const ferro_result_t *r, int i, const char *id) { return r->mean[(size_t)i * r->nspecies + species(r, id)]; }

static ferro_result_t *run(const ferro_condition_t *c)
{
    ferro_result_t *r = NULL;
    int rc = ferro_population_run(w, c, &r);
    expect_int(rc, 0, "run succeeds");
    if (rc) fprintf(stderr, "%s\n", ferro_error_message());
    return r;
}

static void test_grid_and_gene_factor(void)
{
    ferro_condition_t c;
    ferro_condition_init(&c);
    c.cell = cell("FIXT-T");
    c.t_end = 10;
    c.t_step = 3;
    ferro_gene_factor_t f[] = {{gene("GPX4"), 5}};
    c.nfactors = 1;
    c.factors = f;
    ferro_result_t *r = run(&c);
    if (!r) return;
    expect_int(r->ntimes, 5, "0, 3, 6, 9 and the end 10");
    expect_rel(r->time[3], 9, 0, "t[3] = 9");
    expect_rel(r->time[4], 10, 0, "last row exactly the end time");
    for (int i = 0; i < r->ntimes; i++) {
        double t = r->time[i];
        expect_rel(at(r, i, "GPX4"), 5 - 4 * exp(-0.1 * t), TOL, "GPX4 = 5 - 4 exp(-t/10) under --set GPX4=5");
        expect_rel(r->viability[i], 1, 0, "untreated viability is exactly 1");
    }
    ferro_result_free(r);

    c.t_end = 0;
    r = run(&c);
    if (r) {
        expect_int(r->ntimes, 1, "end 0: one row");
        expect_rel(at(r, 0, "GPX4"), 1, 0, "initial value");
        ferro_result_free(r);
    }
    c.t_end = 6;
    c.t_step = 3;
    r = run(&c);
    if (r) { expect_int(r->ntimes, 3, "6 by 3: 0, 3, 6"); ferro_result_free(r); }
}

static void test_cytostatic_closed_form(void)
{
    const char *lines[] = {"FIXT-T", "RS4;11"};
    const double doubling[] = {24, 36};
    for (int l = 0; l < 2; l++) {
        ferro_condition_t c;
        ferro_condition_init(&c);
        c.cell = cell(lines[l]);
        c.ncells = 50;
        c.cv = 0.3;
        c.t_step = 12;
        c.threads = 2;
        ferro_dose_t d[] = {{agent("rapamycin"), 10}}; /* nM: f = 1/2 */
        c.ndoses = 1;
        c.doses = d;
        ferro_result_t *r = run(&c);
        if (!r) return;
        for (int i = 0; i < r->ntimes; i++) {
            double want = exp(-log(2.0) / doubling[l] * 0.5 * 0.5 * r->time[i]);
            expect_rel(r->viability[i], want, TOL, "cytostatic viability = exp(-ln2/Td emax f t)");
        }
        expect_true(r->alive[r->ntimes - 1] > 0.95, "a cytostatic agent kills (almost) nobody");
        ferro_result_free(r);
    }
}

static void test_threads_bit_identical(void)
{
    ferro_condition_t c;
    ferro_condition_init(&c);
    c.cell = cell("RS4;11");
    c.ncells = 300; /* enough that threads reach their cells in another order */
    c.t_end = 72;
    c.t_step = 1;   /* hourly output: differences in a workspace's history would show late */
    c.seed = 11;
    ferro_dose_t d[] = {{agent("erastin"), 20}, {agent("BSO"), 100}};
    c.ndoses = 2;
    c.doses = d;
    c.threads = 1;
    ferro_result_t *a = run(&c);
    c.threads = 2;
    ferro_result_t *b = run(&c);
    if (a && b) {
        expect_true(memcmp(a->viability, b->viability, (size_t)a->ntimes * sizeof(double)) == 0, "viability 1 vs 2 threads");
        expect_true(memcmp(a->alive, b->alive, (size_t)a->ntimes * sizeof(double)) == 0, "alive 1 vs 2 threads");
        expect_true(memcmp(a->mean, b->mean, (size_t)a->ntimes * a->nspecies * sizeof(double)) == 0,
                    "species means 1 vs 2 threads");
        /* the fixture's erastin + BSO: GSH falls, lipid peroxides rise, cells die ferroptotically */
        int e = a->ntimes - 1;
        expect_true(a->viability[e] < 0.5, "erastin + BSO kill the fixture's cells");
        expect_true(at(a, e, "GSH") < 0.2, "GSH depleted");
        expect_true(at(a, e, "dead_ferro") > 0.5, "death counted as ferroptotic");
        expect_true(a->alive[e] < 1 && a->alive[e] > 0, "alive fraction in (0, 1)");
    }
    /* another seed gives another population */
    c.seed = 12;
    ferro_result_t *s = run(&c);
    if (a && s) expect_true(s->viability[s->ntimes - 1] != a->viability[a->ntimes - 1], "seed matters");
    ferro_result_free(a);
    ferro_result_free(b);
    ferro_result_free(s);
}

static void test_viability_many(void)
{
    ferro_condition_t c[4];
    ferro_dose_t d[4][2];
    const double nm[] = {0, 10, 30, 0};
    for (int i = 0; i < 4; i++) {
        ferro_condition_init(&c[i]);
        c[i].cell = cell("FIXT-T");
        c[i].ncells = 30;
        c[i].t_end = 48;
        c[i].threads = 2;
        d[i][0].agent = agent("rapamycin");
        d[i][0].dose = nm[i];
        c[i].ndoses = 1;
        c[i].doses = d[i];
    }
    d[3][1].agent = agent("RSL3"); /* a killer, checked against ferro_population_run */
    d[3][1].dose = 1;
    c[3].ndoses = 2;
    double v[4];
    int rc = ferro_population_viability_many(w, c, 4, v);
    expect_int(rc, 0, "viability_many");
    if (rc) { fprintf(stderr, "%s\n", ferro_error_message()); return; }
    expect_rel(v[0], 1, 0, "no dose: 1");
    expect_rel(v[1], exp(-log(2.0) / 24 * 0.5 * 0.5 * 48), TOL, "10 nM closed form");
    expect_rel(v[2], exp(-log(2.0) / 24 * 0.5 * 0.75 * 48), TOL, "30 nM closed form (f = 3/4)");
    c[3].t_step = 48;
    ferro_result_t *r = run(&c[3]);
    if (r) {
        expect_rel(v[3], r->viability[r->ntimes - 1], 1e-6, "viability_many = population_run's end point");
        expect_true(v[3] < 0.9, "RSL3 kills");
        ferro_result_free(r);
    }
    /* 1 vs 2 threads identical here too */
    double v1[4];
    for (int i = 0; i < 4; i++) c[i].threads = 1;
    expect_int(ferro_population_viability_many(w, c, 4, v1), 0, "viability_many, 1 thread");
    expect_true(memcmp(v, v1, sizeof v) == 0, "viability_many 1 vs 2 threads");
    c[2].seed = 99;
    expect_int(ferro_population_viability_many(w, c, 4, v1), FERRO_EINVAL, "conditions must share the seed");
}

static void test_bad_conditions(void)
{
    ferro_condition_t c;
    ferro_result_t *r = NULL;
    ferro_condition_init(&c);
    c.t_end = -1;
    expect_int(ferro_population_run(w, &c, &r), FERRO_EINVAL, "negative time");
    expect_true(r == NULL, "no result");
    ferro_condition_init(&c);
    c.t_step = 0;
    expect_int(ferro_population_run(w, &c, &r), FERRO_EINVAL, "zero step");
    ferro_condition_init(&c);
    ferro_dose_t d[] = {{agent("erastin"), -1}};
    c.ndoses = 1;
    c.doses = d;
    expect_int(ferro_population_run(w, &c, &r), FERRO_EINVAL, "negative dose");
    expect_true(strstr(ferro_error_message(), "erastin") != NULL, "message names the agent");
    ferro_condition_init(&c);
    c.cell = 99;
    expect_int(ferro_population_run(w, &c, &r), FERRO_EINVAL, "bad cell index");
}

/* A solver failure inside a worker thread reaches the caller with its message. */
static void test_solver_failure(void)
{
    ferro_world_t *b;
    int rc = ferro_world_load(FIX, FIX "/blowup.xml", &b); /* viable' = viable^2: infinite at t = 1 */
    expect_int(rc, 0, "blow-up model loads");
    if (rc) return;
    ferro_condition_t c;
    ferro_condition_init(&c);
    c.ncells = 8;
    c.threads = 2;
    c.t_end = 3;
    ferro_result_t *r = NULL;
    expect_int(ferro_population_run(b, &c, &r), FERRO_ESOLVER, "solver failure is FERRO_ESOLVER");
    expect_true(r == NULL, "no result on failure");
    expect_true(strstr(ferro_error_message(), "solver failed at t = 0.9") != NULL, "message names the time");
    expect_true(strstr(ferro_error_message(), " of FIXT-T)") != NULL, "message names the cell");
    double v;
    expect_int(ferro_population_viability_many(b, &c, 1, &v), FERRO_ESOLVER, "viability_many too");
    expect_true(strstr(ferro_error_message(), "solver failed") != NULL, "with the solver's message");
    ferro_world_free(b);
}

int main(void)
{
    int rc = ferro_world_load(FIX, NULL, &w);
    expect_int(rc, 0, "fixture world loads");
    if (rc) {
        fprintf(stderr, "%s\n", ferro_error_message());
        return test_summary("population/run");
    }
    test_grid_and_gene_factor();
    test_cytostatic_closed_form();
    test_threads_bit_identical();
    test_viability_many();
    test_bad_conditions();
    test_solver_failure();
    ferro_world_free(w);
    return test_summary("population/run");
}
