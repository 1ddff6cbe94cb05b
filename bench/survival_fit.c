/* survival_fit.c — timing driver for bench/survival.sh (not part of the library or tests):
 *   survival_fit cox  TABLE REPS THREADS        coxph-equivalent fit on all columns x*
 *   survival_fit path TABLE REPS THREADS        glmnet Cox path on all columns g*
 *   survival_fit cv   TABLE REPS THREADS        cv.glmnet with the fold ids of column 'fold'
 * Reads the table once, then prints the median wall time of REPS fits in seconds and a summary
 * of the result (for the side-by-side check with R). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "ferrosim/io.h"
#include "ferrosim/survival.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + 1e-9 * ts.tv_nsec;
}

static int cmpd(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
    if (argc != 5) { fprintf(stderr, "usage: survival_fit cox|path|cv TABLE REPS THREADS\n"); return 2; }
    const char *mode = argv[1];
    int reps = atoi(argv[3]), threads = atoi(argv[4]);
    ferro_table_t *t;
    if (ferro_table_read(argv[2], 0, &t)) { fprintf(stderr, "%s\n", ferro_error_message()); return 1; }
    const char *prefix = strcmp(mode, "cox") == 0 ? "x" : "g";
    const char **cov = malloc((size_t)t->ncol * sizeof *cov);
    int ncov = 0;
    for (int j = 0; j < t->ncol; j++) if (strncmp(t->header[j], prefix, 1) == 0) cov[ncov++] = t->header[j];
    ferro_surv_spec_t spec = {"time", "status", cov, ncov, NULL, NULL, strcmp(mode, "cv") == 0 ? "fold" : NULL, NULL, NULL, NULL};
    ferro_surv_data_t *d;
    if (ferro_surv_data_read(argv[2], &spec, &d)) { fprintf(stderr, "%s\n", ferro_error_message()); return 1; }
    double *tm = malloc((size_t)reps * sizeof *tm);
    for (int r = 0; r < reps; r++) {
        double t0 = now();
        if (!strcmp(mode, "cox")) {
            ferro_cox_fit_t *f;
            if (ferro_cox_fit(d, NULL, &f)) { fprintf(stderr, "%s\n", ferro_error_message()); return 1; }
            tm[r] = now() - t0;
            if (r == reps - 1) printf("coef1 %.15g loglik %.15g concordance %.15g\n", f->coef[0], f->loglik, f->conc.concordance);
            ferro_cox_fit_free(f);
        } else {
            ferro_coxnet_options_t o;
            ferro_coxnet_options_init(&o);
            o.threads = threads;
            if (!strcmp(mode, "path")) {
                ferro_coxnet_path_t *f;
                if (ferro_coxnet_path(d->n, d->p, d->x, d->time, d->event, &o, &f)) { fprintf(stderr, "%s\n", ferro_error_message()); return 1; }
                tm[r] = now() - t0;
                if (r == reps - 1) printf("nlambda %d dev_ratio_last %.15g npasses %d\n", f->nlambda, f->dev_ratio[f->nlambda - 1], f->npasses);
                ferro_coxnet_path_free(f);
            } else {
                ferro_coxnet_cv_t *cv;
                if (ferro_coxnet_cv(d->n, d->p, d->x, d->time, d->event, d->foldid, &o, &cv)) { fprintf(stderr, "%s\n", ferro_error_message()); return 1; }
                tm[r] = now() - t0;
                if (r == reps - 1) printf("lambda_min %.15g lambda_1se %.15g\n", cv->lambda_min, cv->lambda_1se);
                ferro_coxnet_cv_free(cv);
            }
        }
    }
    qsort(tm, (size_t)reps, sizeof *tm, cmpd);
    printf("seconds %.6f\n", tm[reps / 2]);
    ferro_surv_data_free(d);
    ferro_table_free(t);
    free(cov); free(tm);
    return 0;
}
