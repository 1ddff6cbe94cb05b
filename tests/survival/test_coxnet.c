/* test_coxnet.c — elastic-net Cox path and cross-validation against R 4.2 glmnet 4.1
 * (glmnet(x, Surv, family = "cox"), cv.glmnet(..., foldid); make_fixtures.R): lambda sequence,
 * df, dev.ratio and coefficients to 1e-5 relative (absolute 1e-9 for coefficients near 0), for
 * the default lasso path, alpha = 0.5 with nlambda = 30, a user lambda list; cvm, cvsd,
 * lambda.min and lambda.1se; results identical with 1 and 2 threads. */
#include <stdlib.h>
#include <string.h>
#include "ferrosim/survival.h"
#include "ref.h"
#include "test_util.h"

static ferro_surv_data_t *load(void)
{
    const char *cov[40];
    static char names[40][8];
    for (int j = 0; j < 40; j++) { snprintf(names[j], sizeof names[j], "v%02d", j + 1); cov[j] = names[j]; }
    ferro_surv_spec_t spec = {"time", "status", cov, 40, NULL, NULL, "fold", NULL, NULL, NULL};
    ferro_surv_data_t *d = NULL;
    if (ferro_surv_data_read(SURV_DATA "lasso.tsv", &spec, &d)) { fprintf(stderr, "%s\n", ferro_error_message()); exit(1); }
    return d;
}

static void compare_path(const ferro_coxnet_path_t *f, const char *ref, const char *what)
{
    ferro_table_t *r = ref_table(ref);
    expect_int(f->nlambda, r->nrow, what);
    const double tol = 1e-5; /* issue 5: glmnet path to 1e-5 */
    int nl = f->nlambda < r->nrow ? f->nlambda : r->nrow;
    for (int l = 0; l < nl; l++) {
        expect_rel(f->lambda[l], ref_num(r, l, "lambda"), 1e-12, "lambda");
        expect_int(f->df[l], ref_num(r, l, "df"), "df");
        expect_rel(f->dev_ratio[l], ref_num(r, l, "dev_ratio"), tol, "dev.ratio");
        for (int j = 0; j < f->p; j++) {
            double b = ref_num(r, l, r->header[3 + j]), o = f->beta[(size_t)l * f->p + j];
            if (fabs(b) < 1e-4) expect_abs(o, b, 1e-9, "coefficient near 0");
            else expect_rel(o, b, tol, "coefficient");
        }
    }
    ferro_table_free(r);
}

int main(void)
{
    ferro_surv_data_t *d = load();
    expect_int(d->n, 148, "two rows with NA dropped");
    ferro_coxnet_options_t o;
    ferro_coxnet_options_init(&o);
    ferro_coxnet_path_t *f;
    expect_int(ferro_coxnet_path(d->n, d->p, d->x, d->time, d->event, &o, &f), 0, "path");
    compare_path(f, SURV_DATA "ref_glmnet_path.tsv", "default path length (glmnet's stopping rules)");
    ferro_table_t *r = ref_table(SURV_DATA "ref_glmnet_nulldev.tsv");
    expect_rel(f->nulldev, ref_kv(r, "nulldev"), 1e-9, "nulldev");
    ferro_table_free(r);
    /* deviance of the path's fits equals (1 - dev.ratio) nulldev */
    double dv;
    expect_int(ferro_coxnet_deviance(d->n, d->p, d->x, d->time, d->event, f->beta + (size_t)10 * d->p, &dv), 0, "deviance");
    expect_rel(dv, (1 - f->dev_ratio[10]) * f->nulldev, 1e-9, "deviance vs dev.ratio");

    o.threads = 2;
    ferro_coxnet_path_t *f2;
    expect_int(ferro_coxnet_path(d->n, d->p, d->x, d->time, d->event, &o, &f2), 0, "path, 2 threads");
    expect_int(f2->nlambda, f->nlambda, "same length with 2 threads");
    expect_true(memcmp(f2->beta, f->beta, (size_t)f->nlambda * f->p * sizeof(double)) == 0, "bitwise identical with 2 threads");
    ferro_coxnet_path_free(f2);
    ferro_coxnet_path_free(f);

    ferro_coxnet_options_init(&o);
    o.alpha = 0.5;
    o.nlambda = 30;
    expect_int(ferro_coxnet_path(d->n, d->p, d->x, d->time, d->event, &o, &f), 0, "alpha 0.5");
    compare_path(f, SURV_DATA "ref_glmnet_alpha05.tsv", "alpha 0.5 path length");
    ferro_coxnet_path_free(f);

    ferro_coxnet_options_init(&o);
    double lam[] = {0.05, 0.2, 0.02, 0.1}; /* glmnet sorts them decreasing */
    o.lambda = lam;
    o.nlambda_user = 4;
    expect_int(ferro_coxnet_path(d->n, d->p, d->x, d->time, d->event, &o, &f), 0, "user lambdas");
    compare_path(f, SURV_DATA "ref_glmnet_user.tsv", "user lambda count");
    ferro_coxnet_path_free(f);

    ferro_coxnet_options_init(&o);
    o.threads = 2;
    ferro_coxnet_cv_t *cv;
    expect_int(ferro_coxnet_cv(d->n, d->p, d->x, d->time, d->event, d->foldid, &o, &cv), 0, "cv");
    r = ref_table(SURV_DATA "ref_glmnet_cv.tsv");
    expect_int(cv->fit->nlambda, r->nrow, "cv lambdas");
    for (int l = 0; l < r->nrow && l < cv->fit->nlambda; l++) {
        expect_rel(cv->cvm[l], ref_num(r, l, "cvm"), 1e-5, "cvm");
        expect_rel(cv->cvsd[l], ref_num(r, l, "cvsd"), 1e-5, "cvsd");
    }
    ferro_table_free(r);
    r = ref_table(SURV_DATA "ref_glmnet_cv_opt.tsv");
    expect_rel(cv->lambda_min, ref_kv(r, "lambda_min"), 1e-12, "lambda.min");
    expect_rel(cv->lambda_1se, ref_kv(r, "lambda_1se"), 1e-12, "lambda.1se");
    ferro_table_free(r);
    ferro_coxnet_cv_free(cv);

    int fid[10];
    expect_int(ferro_coxnet_foldid(10, 3, 5, fid), 0, "foldid");
    int c[4] = {0};
    for (int i = 0; i < 10; i++) c[fid[i]]++;
    expect_true(c[1] == 4 && c[2] == 3 && c[3] == 3, "fold sizes as rep(1:K, length = n)");
    ferro_surv_data_free(d);
    return test_summary("survival/coxnet");
}
