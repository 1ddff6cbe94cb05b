/* test_cox.c — Cox PH against R 4.2 survival 3.5 coxph (tests/data/survival/make_fixtures.R):
 * Efron, Breslow and stratified fits on synthetic data with tied times, censoring and missing
 * values. Coefficients, SEs, tests and p-values to 1e-6 relative; concordance counts exactly. */
#include <stdlib.h>
#include <string.h>
#include "ferrosim/survival.h"
#include "ref.h"
#include "test_util.h"

static void check_fit(const char *prefix, int ties, int strata)
{
    const char *cov[] = {"x1", "x2", "x3"};
    ferro_surv_spec_t spec = {"time", "status", cov, 3, strata ? "g" : NULL, NULL, NULL, NULL, NULL, NULL};
    ferro_surv_data_t *d;
    int rc = ferro_surv_data_read(SURV_DATA "synth.tsv", &spec, &d);
    expect_int(rc, 0, "read synth.tsv");
    if (rc) { fprintf(stderr, "%s\n", ferro_error_message()); return; }
    ferro_cox_options_t o;
    ferro_cox_options_init(&o);
    o.ties = ties;
    ferro_cox_fit_t *f;
    rc = ferro_cox_fit(d, &o, &f);
    expect_int(rc, 0, "cox fit");
    if (rc) { fprintf(stderr, "%s\n", ferro_error_message()); ferro_surv_data_free(d); return; }
    char path[512];
    snprintf(path, sizeof path, SURV_DATA "ref_%s_coef.tsv", prefix);
    ferro_table_t *c = ref_table(path);
    snprintf(path, sizeof path, SURV_DATA "ref_%s_fit.tsv", prefix);
    ferro_table_t *k = ref_table(path);
    const double tol = 1e-6; /* issue 5: coefficients, SEs, statistics, p-values to 1e-6 relative */
    for (int j = 0; j < 3; j++) {
        expect_true(strcmp(c->cell[j][0], f->names[j]) == 0, "term order");
        expect_rel(f->coef[j], ref_num(c, j, "coef"), tol, "coef");
        expect_rel(f->se[j], ref_num(c, j, "se"), tol, "se");
        expect_rel(f->hr[j], ref_num(c, j, "HR"), tol, "HR");
        expect_rel(f->hr_lo[j], ref_num(c, j, "HR_lo"), tol, "HR lower");
        expect_rel(f->hr_hi[j], ref_num(c, j, "HR_hi"), tol, "HR upper");
        expect_rel(f->z[j], ref_num(c, j, "z"), tol, "z");
        expect_rel(f->pvalue[j], ref_num(c, j, "p"), tol, "p");
    }
    expect_int(f->n, ref_kv(k, "n"), "n after na.omit");
    expect_int(f->nevent, ref_kv(k, "events"), "events");
    expect_int(d->ndropped, 240 - f->n, "dropped rows counted");
    expect_rel(f->loglik0, ref_kv(k, "loglik0"), tol, "loglik0");
    expect_rel(f->loglik, ref_kv(k, "loglik"), tol, "loglik");
    expect_rel(f->lr, ref_kv(k, "lr"), tol, "LR");
    expect_rel(f->lr_p, ref_kv(k, "lr_p"), tol, "LR p");
    expect_rel(f->wald, ref_kv(k, "wald"), tol, "Wald");
    expect_rel(f->wald_p, ref_kv(k, "wald_p"), tol, "Wald p");
    expect_rel(f->score, ref_kv(k, "score"), tol, "score");
    expect_rel(f->score_p, ref_kv(k, "score_p"), tol, "score p");
    expect_int(f->iter, ref_kv(k, "iter"), "Newton iterations as coxph");
    expect_int(f->conc.concordant, ref_kv(k, "concordant"), "concordant pairs");
    expect_int(f->conc.discordant, ref_kv(k, "discordant"), "discordant pairs");
    expect_int(f->conc.tied_x, ref_kv(k, "tied_x"), "tied.x");
    expect_int(f->conc.tied_y, ref_kv(k, "tied_y"), "tied.y");
    expect_int(f->conc.tied_xy, ref_kv(k, "tied_xy"), "tied.xy");
    expect_rel(f->conc.concordance, ref_kv(k, "concordance"), 1e-12, "concordance");
    expect_rel(f->conc.std, ref_kv(k, "concordance_std"), 1e-9, "concordance standard error");
    ferro_table_free(c);
    ferro_table_free(k);
    ferro_cox_fit_free(f);
    ferro_surv_data_free(d);
}

static void test_bad_inputs(void)
{
    const char *cov[] = {"x1", "nope"};
    ferro_surv_spec_t spec = {"time", "status", cov, 2, NULL, NULL, NULL, NULL, NULL, NULL};
    ferro_surv_data_t *d = NULL;
    expect_int(ferro_surv_data_read(SURV_DATA "synth.tsv", &spec, &d), FERRO_ENOTFOUND, "unknown column");
    expect_true(strstr(ferro_error_message(), "'nope'") != NULL, "message names the column");
    spec.ncov = 1;
    expect_int(ferro_surv_data_read(SURV_DATA "bad_value.tsv", &spec, &d), FERRO_EPARSE, "non-numeric cell");
    expect_true(strstr(ferro_error_message(), "line 4, column 4") != NULL, "message names line and column");
    expect_int(ferro_surv_data_read(SURV_DATA "dup_id.tsv", &spec, &d), FERRO_EPARSE, "duplicate id");
    expect_true(strstr(ferro_error_message(), "'A2'") != NULL, "message names the duplicate id");
    expect_true(d == NULL, "no data on failure");
}

int main(void)
{
    check_fit("cox_efron", FERRO_TIES_EFRON, 0);
    check_fit("cox_breslow", FERRO_TIES_BRESLOW, 0);
    check_fit("cox_strata", FERRO_TIES_EFRON, 1);
    test_bad_inputs();
    return test_summary("survival/cox");
}
