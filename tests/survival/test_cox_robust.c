/* test_cox_robust.c — the robust (sandwich) Cox variance against R 4.2 survival 3.5
 * (tests/data/survival/make_robust_fixtures.R): coxph(robust = TRUE) and + cluster(id) on the
 * lung data (Efron and Breslow, 18 institutions) and the synthetic data with tied times (strata;
 * Breslow with 3 clusters). Robust SEs, z, p, HR intervals, the Wald and robust score tests and
 * the clustered concordance SE to 1e-6 relative (they agree to ~1e-13). Plus: score residuals
 * sum to the score at beta = 0 and to ~0 at the estimate; bad cluster columns. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "ferrosim/survival.h"
#include "ref.h"
#include "test_util.h"

static void check(const char *file, const char *const *cov, int ncov, const char *strata, const char *cluster,
                  int robust, int ties, const char *ref_case)
{
    ferro_surv_spec_t spec = {"time", "status", cov, ncov, strata, NULL, NULL, NULL, NULL, cluster};
    ferro_surv_data_t *d;
    char path[512];
    snprintf(path, sizeof path, SURV_DATA "%s", file);
    int rc = ferro_surv_data_read(path, &spec, &d);
    expect_int(rc, 0, "read");
    if (rc) { fprintf(stderr, "%s\n", ferro_error_message()); return; }
    ferro_cox_options_t o;
    ferro_cox_options_init(&o);
    o.ties = ties;
    o.robust = robust;
    ferro_cox_fit_t *f;
    rc = ferro_cox_fit(d, &o, &f);
    expect_int(rc, 0, ref_case);
    if (rc) { fprintf(stderr, "%s\n", ferro_error_message()); ferro_surv_data_free(d); return; }
    snprintf(path, sizeof path, SURV_DATA "ref_robust_%s_coef.tsv", ref_case);
    ferro_table_t *c = ref_table(path);
    snprintf(path, sizeof path, SURV_DATA "ref_robust_%s_fit.tsv", ref_case);
    ferro_table_t *k = ref_table(path);
    const double tol = 1e-6;
    expect_true(f->robust == 1 && f->robust_se && f->naive_var, "robust fit");
    expect_int(f->ncluster, cluster ? d->ncluster : f->n, "clusters");
    for (int j = 0; j < ncov; j++) {
        expect_true(strcmp(c->cell[j][0], f->names[j]) == 0, "term order");
        expect_rel(f->coef[j], ref_num(c, j, "coef"), tol, "coef");
        expect_rel(f->se[j], ref_num(c, j, "se"), tol, "model-based se");
        expect_rel(f->robust_se[j], ref_num(c, j, "robust_se"), tol, "robust se");
        expect_rel(f->z[j], ref_num(c, j, "z"), tol, "robust z");
        expect_rel(f->pvalue[j], ref_num(c, j, "p"), tol, "robust p");
        expect_rel(f->hr_lo[j], ref_num(c, j, "HR_lo"), tol, "HR lower (robust)");
        expect_rel(f->hr_hi[j], ref_num(c, j, "HR_hi"), tol, "HR upper (robust)");
        expect_rel(sqrt(f->naive_var[j * ncov + j]), f->se[j], 1e-14, "naive variance kept");
    }
    expect_int(f->n, ref_kv(k, "n"), "n");
    expect_int(f->nevent, ref_kv(k, "events"), "events");
    expect_rel(f->wald, ref_kv(k, "wald"), tol, "robust Wald");
    expect_rel(f->wald_p, ref_kv(k, "wald_p"), tol, "robust Wald p");
    expect_rel(f->score, ref_kv(k, "score"), tol, "score test");
    expect_rel(f->rscore, ref_kv(k, "rscore"), tol, "robust score test");
    expect_rel(f->rscore_p, ref_kv(k, "rscore_p"), tol, "robust score p");
    expect_rel(f->conc.concordance, ref_kv(k, "concordance"), 1e-12, "concordance");
    expect_rel(f->conc.std, ref_kv(k, "concordance_std"), tol, "concordance se (by cluster)");
    ferro_table_free(c);
    ferro_table_free(k);
    ferro_cox_fit_free(f);
    ferro_surv_data_free(d);
}

/* Score residuals: their column sums are the score vector (zero at the estimate). */
static void test_score_resid(void)
{
    const char *cov[] = {"x1", "x2", "x3"};
    ferro_surv_spec_t spec = {"time", "status", cov, 3, NULL, NULL, NULL, NULL, NULL, NULL};
    ferro_surv_data_t *d;
    if (ferro_surv_data_read(SURV_DATA "synth.tsv", &spec, &d)) { expect_true(0, "read synth"); return; }
    ferro_cox_fit_t *f;
    if (ferro_cox_fit(d, NULL, &f)) { expect_true(0, "fit"); ferro_surv_data_free(d); return; }
    double *L = malloc((size_t)d->n * 3 * sizeof *L);
    for (int ties = 0; ties < 2 && L; ties++) {
        ferro_cox_options_t o;
        ferro_cox_options_init(&o);
        o.ties = ties;
        ferro_cox_fit_t *g;
        if (ferro_cox_fit(d, &o, &g)) { expect_true(0, "fit ties"); continue; }
        expect_int(ferro_cox_score_resid(d->n, 3, d->time, d->event, d->x, NULL, ties, g->coef, L), 0, "score residuals");
        for (int j = 0; j < 3; j++) {
            double s = 0, a = 0;
            for (int i = 0; i < d->n; i++) { s += L[i * 3 + j]; a += fabs(L[i * 3 + j]); }
            expect_true(fabs(s) < 1e-8 * a, "score residuals sum to 0 at the estimate");
        }
        ferro_cox_fit_free(g);
    }
    free(L);
    ferro_cox_fit_free(f);
    ferro_surv_data_free(d);
}

static void test_bad_cluster(void)
{
    const char *cov[] = {"x1"};
    ferro_surv_spec_t spec = {"time", "status", cov, 1, NULL, NULL, NULL, NULL, NULL, "grp"};
    ferro_surv_data_t *d = NULL;
    expect_int(ferro_surv_data_read(SURV_DATA "synth.tsv", &spec, &d), FERRO_EPARSE, "NA cluster id");
    expect_true(strstr(ferro_error_message(), "line ") && strstr(ferro_error_message(), "'grp'"),
                "message names the line and the column");
    expect_true(d == NULL, "no data");
    spec.cluster = "nope";
    expect_int(ferro_surv_data_read(SURV_DATA "synth.tsv", &spec, &d), FERRO_ENOTFOUND, "missing cluster column");
    expect_true(strstr(ferro_error_message(), "'nope' (cluster)") != NULL, "message names the column");
}

int main(void)
{
    const char *lung[] = {"age", "sex", "ph.ecog"}, *syn[] = {"x1", "x2", "x3"};
    check("lung.tsv", lung, 3, NULL, NULL, 1, FERRO_TIES_EFRON, "lung_efron");
    check("lung.tsv", lung, 3, NULL, "inst", 0, FERRO_TIES_EFRON, "lung_cluster");
    check("lung.tsv", lung, 3, NULL, "inst", 1, FERRO_TIES_BRESLOW, "lung_breslow");
    check("synth.tsv", syn, 3, "g", NULL, 1, FERRO_TIES_EFRON, "synth_strata");
    check("synth.tsv", syn, 3, NULL, "g", 1, FERRO_TIES_BRESLOW, "synth_breslow");
    test_score_resid();
    test_bad_cluster();
    return test_summary("survival/cox_robust");
}
