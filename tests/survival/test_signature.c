/* test_signature.c — `signature build|apply` on the ALL cohort against R
 * (tests/data/survival/make_signature_fixtures.R): B-ALL relapse-free survival, FerrDb genes on
 * the array, no DE step, 10 folds from seed 1. Given the selected genes: multivariate coxph,
 * univariate screen p-values, the median cutoff, survdiff / HR of the median split,
 * concordance and IPCW AUC(t) (independent R code) to 1e-6; the same on T-ALL with apply; the
 * signature file round trip; the same genes with 1 and 2 threads. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ferrosim/survival.h"
#include "ref.h"
#include "test_util.h"

#define ALL_DIR FERRO_SOURCE_DIR "/data/cohorts/ALL/"

static const char *genes[] = {"GJA1", "WWTR1", "PARP2", "CAV1", "IDO1", "IL6", "OTUB1", "ACO1", "KDM6B", "PPARA"};

static void check_eval(const ferro_signature_eval_t *e, const ferro_table_t *r)
{
    int nh = 0;
    for (int i = 0; i < e->n; i++) nh += e->high[i];
    expect_int(e->n, ref_kv(r, "n"), "n");
    expect_int(nh, ref_kv(r, "high"), "high-risk count");
    expect_rel(e->logrank_chisq, ref_kv(r, "chisq"), 1e-6, "log-rank chisq");
    expect_rel(e->logrank_p, ref_kv(r, "p"), 1e-6, "log-rank p");
    expect_rel(e->hr, ref_kv(r, "hr"), 1e-6, "HR high vs low");
    expect_rel(e->hr_lo, ref_kv(r, "hr_lo"), 1e-6, "HR lower");
    expect_rel(e->hr_hi, ref_kv(r, "hr_hi"), 1e-6, "HR upper");
    expect_rel(e->cindex.concordance, ref_kv(r, "cindex"), 1e-12, "C-index");
    expect_int(e->nauc, 3, "three AUC times");
    const char *tk[3] = {"t1", "t2", "t3"}, *ak[3] = {"auc1", "auc2", "auc3"};
    for (int k = 0; k < 3 && k < e->nauc; k++) {
        expect_rel(e->auc_time[k], ref_kv(r, tk[k]), 1e-12, "AUC time (quartile of event times)");
        expect_rel(e->auc[k], ref_kv(r, ak[k]), 1e-12, "IPCW AUC(t)");
    }
}

int main(void)
{
    ferro_signature_options_t o;
    ferro_signature_options_init(&o);
    o.where = "lineage=B";
    ferro_signature_t *sig = NULL;
    ferro_signature_report_t *rep = NULL;
    int rc = ferro_signature_build(ALL_DIR "expr_genes.tsv.gz", ALL_DIR "samples.tsv", &o, &sig, &rep);
    expect_int(rc, 0, "build");
    if (rc || !sig) { fprintf(stderr, "%s\n", ferro_error_message()); return test_summary("survival/signature"); }
    expect_int(rep->n_ferro, 295, "FerrDb driver + suppressor genes on HG-U95Av2");
    expect_int(rep->n_screen, 36, "genes passing the univariate screen");
    expect_int(sig->ngene, 10, "genes at lambda.min");
    ferro_table_t *r = ref_table(SURV_DATA "ref_signature_build.tsv");
    char key[64];
    for (int k = 0; k < sig->ngene && k < 10; k++) {
        expect_true(strcmp(sig->gene[k], genes[k]) == 0, "selected gene");
        snprintf(key, sizeof key, "coef_%s", genes[k]);
        expect_rel(sig->coef[k], ref_kv(r, key), 1e-6, "multivariate coef");
        snprintf(key, sizeof key, "se_%s", genes[k]);
        expect_rel(rep->cox->se[k], ref_kv(r, key), 1e-6, "multivariate se");
    }
    const char *uni[3] = {"GJA1", "CAV1", "IDO1"};
    for (int u = 0; u < 3; u++)
        for (int k = 0; k < rep->n_screen; k++)
            if (!strcmp(rep->screen[k], uni[u])) {
                snprintf(key, sizeof key, "uni_p_%s", uni[u]);
                expect_rel(rep->screen_p[k], ref_kv(r, key), 1e-6, "univariate screen p");
            }
    expect_rel(sig->cutoff, ref_kv(r, "cutoff"), 1e-9, "median cutoff");
    check_eval(rep->train, r);
    ferro_table_free(r);

    /* save, read back, apply to T-ALL */
    char path[] = "test_signature_out.tsv";
    FILE *fp = fopen(path, "w");
    expect_int(ferro_signature_write(sig, fp), 0, "write");
    fclose(fp);
    ferro_signature_t *s2 = NULL;
    expect_int(ferro_signature_read(path, &s2), 0, "read back");
    remove(path);
    if (s2) {
        expect_int(s2->ngene, sig->ngene, "round trip genes");
        expect_true(s2->cutoff == sig->cutoff && s2->coef[0] == sig->coef[0], "round trip exact (%.17g)");
        ferro_signature_eval_t *e = NULL;
        expect_int(ferro_signature_apply(s2, ALL_DIR "expr_genes.tsv.gz", ALL_DIR "samples.tsv", "rfs_days", "rfs_event",
                                         "lineage=T", NULL, 0, &e), 0, "apply to T-ALL");
        r = ref_table(SURV_DATA "ref_signature_apply.tsv");
        if (e) check_eval(e, r);
        ferro_table_free(r);
        ferro_signature_eval_free(e);
        ferro_signature_free(s2);
    }

    /* threads do not change the result */
    o.threads = 2;
    ferro_signature_t *sig2 = NULL;
    ferro_signature_report_t *rep2 = NULL;
    expect_int(ferro_signature_build(ALL_DIR "expr_genes.tsv.gz", ALL_DIR "samples.tsv", &o, &sig2, &rep2), 0, "build, 2 threads");
    if (sig2) {
        expect_int(sig2->ngene, sig->ngene, "same genes with 2 threads");
        expect_true(sig2->cutoff == sig->cutoff, "same cutoff with 2 threads");
    }
    ferro_signature_free(sig2);
    ferro_signature_report_free(rep2);
    ferro_signature_free(sig);
    ferro_signature_report_free(rep);
    return test_summary("survival/signature");
}
