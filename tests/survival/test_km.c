/* test_km.c — Kaplan–Meier, medians and log-rank against R 4.2 survival 3.5 (survfit, summary
 * with censored = TRUE, quantile.survfit, survdiff; make_fixtures.R). Curves: times and counts
 * exactly, survival / std.err / log CI to 1e-12 relative; tests to 1e-6. */
#include <stdlib.h>
#include <string.h>
#include "ferrosim/survival.h"
#include "ref.h"
#include "test_util.h"

static void test_curves(void)
{
    ferro_surv_spec_t spec = {"time", "status", NULL, 0, NULL, "grp", NULL, NULL, NULL, NULL};
    ferro_surv_data_t *d;
    expect_int(ferro_surv_data_read(SURV_DATA "synth.tsv", &spec, &d), 0, "read");
    ferro_km_t *k;
    expect_int(ferro_km_fit(d, 0.95, &k), 0, "km");
    ferro_table_t *r = ref_table(SURV_DATA "ref_km.tsv");
    int row = 0;
    for (int g = 0; g < k->ncurve; g++) {
        const ferro_km_curve_t *c = &k->curve[g];
        for (int i = 0; i < c->ntime; i++, row++) {
            if (row >= r->nrow) { expect_true(0, "more rows than R"); break; }
            expect_true(strcmp(r->cell[row][0], k->labels[g]) == 0, "group label and order");
            expect_rel(c->time[i], ref_num(r, row, "time"), 0, "time");
            expect_int(c->n_risk[i], ref_num(r, row, "n_risk"), "n.risk");
            expect_int(c->n_event[i], ref_num(r, row, "n_event"), "n.event");
            expect_int(c->n_censor[i], ref_num(r, row, "n_censor"), "n.censor");
            expect_rel(c->surv[i], ref_num(r, row, "surv"), 1e-12, "surv");
            expect_rel(c->std_err[i], ref_num(r, row, "std_err"), 1e-12, "std.err");
            expect_rel(c->lower[i], ref_num(r, row, "lower"), 1e-12, "lower");
            expect_rel(c->upper[i], ref_num(r, row, "upper"), 1e-12, "upper");
        }
    }
    expect_int(row, r->nrow, "as many rows as R");
    ferro_table_free(r);
    r = ref_table(SURV_DATA "ref_km_median.tsv");
    for (int g = 0; g < k->ncurve; g++) {
        expect_int(k->curve[g].n, ref_num(r, g, "n"), "records");
        expect_int(k->curve[g].nevent, ref_num(r, g, "events"), "events");
        expect_rel(k->curve[g].median, ref_num(r, g, "median"), 1e-12, "median");
        expect_rel(k->curve[g].median_lo, ref_num(r, g, "lo"), 1e-12, "median 0.95LCL");
        expect_rel(k->curve[g].median_hi, ref_num(r, g, "hi"), 1e-12, "median 0.95UCL");
    }
    ferro_table_free(r);
    r = ref_table(SURV_DATA "ref_logrank.tsv");
    expect_rel(k->chisq, ref_kv(r, "chisq"), 1e-6, "log-rank chisq");
    expect_int(k->df, ref_kv(r, "df"), "df");
    expect_rel(k->p, ref_kv(r, "p"), 1e-6, "log-rank p");
    expect_rel(k->observed[0], ref_kv(r, "obs_high"), 1e-12, "observed");
    expect_rel(k->expected[0], ref_kv(r, "exp_high"), 1e-9, "expected high");
    expect_rel(k->expected[1], ref_kv(r, "exp_low"), 1e-9, "expected low");
    expect_rel(k->expected[2], ref_kv(r, "exp_mid"), 1e-9, "expected mid");
    ferro_km_free(k);
    ferro_surv_data_free(d);

    /* stratified log-rank: survdiff(Surv(time, status) ~ grp + strata(g)) */
    spec.strata = "g";
    expect_int(ferro_surv_data_read(SURV_DATA "synth.tsv", &spec, &d), 0, "read with strata");
    expect_int(ferro_km_fit(d, 0.95, &k), 0, "km stratified");
    expect_rel(k->chisq, ref_kv(r, "s_chisq"), 1e-6, "stratified chisq");
    expect_rel(k->p, ref_kv(r, "s_p"), 1e-6, "stratified p");
    expect_rel(k->expected[0], ref_kv(r, "s_exp_high"), 1e-9, "stratified expected high");
    expect_rel(k->expected[1], ref_kv(r, "s_exp_low"), 1e-9, "stratified expected low");
    ferro_km_free(k);
    ferro_surv_data_free(d);
    ferro_table_free(r);

    /* one curve over the same complete cases (grp must be present: na.omit on grp, g) */
    spec.group = NULL;
    spec.strata = NULL;
    const char *cov[] = {"grp", "g"};
    (void)cov;
    ferro_surv_spec_t s1 = {"time", "status", NULL, 0, "g", "grp", NULL, NULL, NULL, NULL};
    expect_int(ferro_surv_data_read(SURV_DATA "synth.tsv", &s1, &d), 0, "read for one curve");
    free(d->group); d->group = NULL; /* keep the rows, ignore the grouping */
    for (int g = 0; g < d->ngroup; g++) free(d->group_levels[g]);
    d->ngroup = 0;
    expect_int(ferro_km_fit(d, 0.95, &k), 0, "km one curve");
    r = ref_table(SURV_DATA "ref_km1.tsv");
    const ferro_km_curve_t *c = &k->curve[0];
    expect_int(c->ntime, ref_kv(r, "ntime"), "distinct times");
    expect_rel(c->median, ref_kv(r, "median"), 1e-12, "median");
    expect_rel(c->median_lo, ref_kv(r, "lo"), 1e-12, "median lo");
    expect_rel(c->median_hi, ref_kv(r, "hi"), 1e-12, "median hi");
    expect_rel(c->surv[c->ntime - 1], ref_kv(r, "last_surv"), 1e-12, "last surv");
    expect_rel(c->upper[c->ntime - 1], ref_kv(r, "last_upper"), 1e-12, "last upper");
    expect_true(isnan(k->chisq), "no test without groups");
    ferro_table_free(r);
    ferro_km_free(k);
    ferro_surv_data_free(d);
}

/* A curve that reaches 0 with a median on a flat S = 0.5 stretch (survfit's averaging rule):
 * survfit(Surv(c(1,2,2,3,3), c(1,1,0,1,1)) ~ 1): S = .8, .6, 0; std.err .2236068, .3651484, Inf;
 * median 3, LCL 2, UCL NA. And S exactly 0.5: times 1..4 all events -> median (2+3)/2 = 2.5. */
static void test_small(void)
{
    double t[] = {1, 2, 2, 3, 3};
    int e[] = {1, 1, 0, 1, 1};
    ferro_surv_data_t d = {0};
    d.n = 5; d.time = t; d.event = e;
    ferro_km_t *k;
    expect_int(ferro_km_fit(&d, 0.95, &k), 0, "small km");
    const ferro_km_curve_t *c = &k->curve[0];
    expect_rel(c->surv[2], 0, 0, "S reaches 0");
    expect_rel(c->std_err[1], 0.3651484, 1e-6, "Greenwood");
    expect_true(isinf(c->std_err[2]), "Inf std.err when all at risk die");
    expect_true(isnan(c->lower[2]) && isnan(c->upper[2]), "NA CI at S = 0");
    expect_rel(c->median, 3, 0, "median");
    expect_rel(c->median_lo, 2, 0, "median LCL");
    expect_true(isnan(c->median_hi), "median UCL NA");
    ferro_km_free(k);
    double t2[] = {1, 2, 3, 4};
    int e2[] = {1, 1, 1, 1};
    d.n = 4; d.time = t2; d.event = e2;
    expect_int(ferro_km_fit(&d, 0.95, &k), 0, "km 4");
    expect_rel(k->curve[0].median, 2.5, 0, "median on a flat 0.5 (survfit averages)");
    ferro_km_free(k);
}

int main(void)
{
    test_curves();
    test_small();
    return test_summary("survival/km");
}
