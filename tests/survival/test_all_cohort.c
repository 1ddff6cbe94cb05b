/* test_all_cohort.c — survival statistics on the real ALL cohort (data/cohorts/ALL) against R
 * (tests/data/survival/make_all_fixtures.R: R 4.2.2, survival 3.5, glmnet 4.1): B-ALL
 * relapse-free survival vs the review's hub genes and 8-gene set (univariate and multivariate
 * coxph), KM / log-rank B vs T lineage, and the LASSO-Cox path. 1e-6 relative (glmnet 1e-5). */
#include <stdlib.h>
#include <string.h>
#include "ferrosim/survival.h"
#include "ref.h"
#include "test_util.h"

#define ALL_DIR FERRO_SOURCE_DIR "/data/cohorts/ALL/"

static const char *genes[] = {"LCN2", "LTF", "HP", "TFRC", "ALOX15", "ATP5MC3", "CARS1", "CDKN1A", "LPCAT3", "SAT1", "SLC1A5"};
static const char *frg8[] = {"ALOX15", "ATP5MC3", "CARS1", "CDKN1A", "LPCAT3", "SAT1", "SLC1A5", "TFRC"};

static ferro_surv_data_t *load(const char *const *cov, int ncov)
{
    ferro_surv_spec_t spec = {"rfs_days", "rfs_event", cov, ncov, NULL, NULL, NULL, ALL_DIR "expr_genes.tsv.gz", "lineage=B", NULL};
    ferro_surv_data_t *d = NULL;
    if (ferro_surv_data_read(ALL_DIR "samples.tsv", &spec, &d)) { fprintf(stderr, "%s\n", ferro_error_message()); exit(1); }
    return d;
}

int main(void)
{
    ferro_table_t *r = ref_table(SURV_DATA "ref_all_cox_uni.tsv");
    ferro_surv_data_t *d = load(genes, 11); /* no NA in the expression: the same 66 rows as each gene alone */
    double xg[200];
    for (int g = 0; g < 11; g++) {
        for (int i = 0; i < d->n && i < 200; i++) xg[i] = d->x[(size_t)i * 11 + g];
        ferro_cox_fit_t *f;
        expect_int(ferro_cox_fit_raw(d->n, 1, d->time, d->event, xg, NULL, NULL, &f), 0, "univariate fit");
        expect_int(f->n, 66, "66 B-ALL patients with a relapse-free time");
        expect_rel(f->coef[0], ref_num(r, g, "coef"), 1e-6, genes[g]);
        expect_rel(f->se[0], ref_num(r, g, "se"), 1e-6, "se");
        expect_rel(f->pvalue[0], ref_num(r, g, "p"), 1e-6, "p");
        expect_rel(f->score, ref_num(r, g, "score"), 1e-6, "score test");
        expect_rel(f->conc.concordance, ref_num(r, g, "concordance"), 1e-12, "concordance");
        ferro_cox_fit_free(f);
    }
    ferro_table_free(r);
    ferro_surv_data_free(d);

    d = load(frg8, 8);
    ferro_cox_fit_t *f;
    expect_int(ferro_cox_fit(d, NULL, &f), 0, "8-gene fit");
    r = ref_table(SURV_DATA "ref_all_cox8.tsv");
    for (int j = 0; j < 8; j++) {
        expect_rel(f->coef[j], ref_num(r, j, "coef"), 1e-6, "8-gene coef");
        expect_rel(f->se[j], ref_num(r, j, "se"), 1e-6, "8-gene se");
        expect_rel(f->pvalue[j], ref_num(r, j, "p"), 1e-6, "8-gene p");
    }
    ferro_table_free(r);
    r = ref_table(SURV_DATA "ref_all_cox8_fit.tsv");
    expect_int(f->nevent, ref_kv(r, "events"), "events");
    expect_rel(f->loglik, ref_kv(r, "loglik"), 1e-6, "loglik");
    expect_rel(f->lr, ref_kv(r, "lr"), 1e-6, "LR");
    expect_rel(f->score, ref_kv(r, "score"), 1e-6, "score");
    expect_rel(f->wald, ref_kv(r, "wald"), 1e-6, "Wald");
    expect_rel(f->conc.concordance, ref_kv(r, "concordance"), 1e-12, "concordance");
    ferro_table_free(r);
    /* leave-one-out linear predictors and their concordance */
    double lp[66];
    ferro_concordance_t cc;
    expect_int(ferro_cox_cv_lp(d, NULL, NULL, lp), 0, "LOO linear predictors");
    expect_int(ferro_concordance(d->n, d->time, d->event, lp, NULL, &cc), 0, "LOO concordance");
    r = ref_table(SURV_DATA "ref_all_cox8_loo.tsv");
    expect_rel(lp[0], ref_kv(r, "loo_lp1"), 1e-6, "LOO lp of sample 1");
    expect_rel(lp[65], ref_kv(r, "loo_lp66"), 1e-6, "LOO lp of sample 66");
    expect_rel(cc.concordance, ref_kv(r, "loo_c"), 1e-12, "LOO C-index");
    ferro_table_free(r);
    ferro_cox_fit_free(f);
    ferro_surv_data_free(d);

    /* KM median split of CARS1 (R: x > median(x)) */
    d = load(&genes[6], 1);
    expect_int(ferro_surv_data_split_median(d, 0), 0, "median split");
    ferro_km_t *ks1;
    expect_int(ferro_km_fit(d, 0.95, &ks1), 0, "KM CARS1 split");
    r = ref_table(SURV_DATA "ref_all_km_cars1.tsv");
    expect_int(ks1->curve[0].n, ref_kv(r, "high"), "high group size");
    expect_rel(ks1->chisq, ref_kv(r, "chisq"), 1e-6, "log-rank CARS1 split");
    expect_rel(ks1->p, ref_kv(r, "p"), 1e-6, "log-rank CARS1 split p");
    ferro_table_free(r);
    ferro_km_free(ks1);
    ferro_surv_data_free(d);

    d = load(genes, 11);
    ferro_coxnet_options_t o;
    ferro_coxnet_options_init(&o);
    ferro_coxnet_path_t *p;
    expect_int(ferro_coxnet_path(d->n, d->p, d->x, d->time, d->event, &o, &p), 0, "glmnet path");
    r = ref_table(SURV_DATA "ref_all_glmnet.tsv");
    expect_int(p->nlambda, r->nrow, "path length");
    for (int l = 0; l < r->nrow && l < p->nlambda; l++) {
        expect_rel(p->lambda[l], ref_num(r, l, "lambda"), 1e-12, "lambda");
        expect_rel(p->dev_ratio[l], ref_num(r, l, "dev_ratio"), 1e-5, "dev.ratio");
        for (int j = 0; j < 11; j++) {
            double b = ref_num(r, l, genes[j]), x = p->beta[(size_t)l * 11 + j];
            if (fabs(b) < 1e-4) expect_abs(x, b, 1e-9, "coef near 0");
            else expect_rel(x, b, 1e-5, "coef");
        }
    }
    ferro_table_free(r);
    ferro_coxnet_path_free(p);
    ferro_surv_data_free(d);

    ferro_surv_spec_t ks = {"rfs_days", "rfs_event", NULL, 0, NULL, "lineage", NULL, NULL, NULL, NULL};
    expect_int(ferro_surv_data_read(ALL_DIR "samples.tsv", &ks, &d), 0, "samples for KM");
    ferro_km_t *k;
    expect_int(ferro_km_fit(d, 0.95, &k), 0, "KM by lineage");
    r = ref_table(SURV_DATA "ref_all_km_lineage.tsv");
    expect_rel(k->chisq, ref_kv(r, "chisq"), 1e-6, "log-rank B vs T");
    expect_rel(k->p, ref_kv(r, "p"), 1e-6, "log-rank p");
    expect_rel(k->curve[0].median, ref_kv(r, "median_B"), 1e-12, "median B");
    expect_rel(k->curve[1].median, ref_kv(r, "median_T"), 1e-12, "median T");
    expect_rel(k->curve[0].median_lo, ref_kv(r, "lo_B"), 1e-12, "median B lower");
    expect_rel(k->curve[0].median_hi, ref_kv(r, "hi_B"), 1e-12, "median B upper");
    ferro_table_free(r);
    ferro_km_free(k);
    ferro_surv_data_free(d);
    return test_summary("survival/all_cohort");
}
