/* test_geneset.c — gene-set files and ssGSEA / GSVA / z-score against R 4.2 + GSVA 1.46
 * (tests/data/geneset/make_fixtures.R) on synthetic data with ties, a constant gene and a missing
 * value, and on the ALL cohort with the FerrDb and review sets. Tolerance 1e-6 relative; results
 * identical for 1 and 2 threads (synthetic data). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ferrosim/geneset.h"
#include "test_util.h"

#define D FERRO_TEST_DATA "/geneset/"

static void compare(const ferro_matrix_t *got, const char *fixture)
{
    char path[512];
    snprintf(path, sizeof path, D "%s", fixture);
    ferro_matrix_t *ref;
    if (ferro_matrix_read(path, &ref)) { expect_true(0, ferro_error_message()); return; }
    expect_int(got->nrow, ref->nrow, fixture);
    expect_int(got->ncol, ref->ncol, fixture);
    int bad = 0;
    for (int i = 0; i < ref->nrow && i < got->nrow; i++) {
        expect_true(!strcmp(got->row_id[i], ref->row_id[i]), "set order and names as R");
        for (int j = 0; j < ref->ncol; j++) {
            double e = ref->x[(size_t)i * ref->ncol + j], o = got->x[(size_t)i * got->ncol + j];
            double sc = fabs(e) > 1e-300 ? fabs(e) : 1;
            int ok = fabs(o - e) <= 1e-6 * sc;
            if (!ok && bad++ < 4) fprintf(stderr, "  %s %s %s: observed %.15g expected %.15g\n", fixture, ref->row_id[i], ref->col_id[j], o, e);
            expect_true(ok, fixture);
        }
    }
    ferro_matrix_free(ref);
}

static int check_threads = 1; /* also compare 1 and 2 threads */

static void run(const ferro_matrix_t *x, const ferro_genesets_t *gs, int method, double tau, int norm, int mxdiff,
                int mn, int mx, const char *fixture)
{
    ferro_score_opts_t o;
    ferro_score_opts_init(&o);
    o.method = method;
    o.tau = tau;
    o.ssgsea_norm = norm;
    o.mx_diff = mxdiff;
    o.min_size = mn;
    o.max_size = mx;
    ferro_matrix_t *s1 = NULL, *s2 = NULL;
    o.nthreads = check_threads ? 1 : 2;
    int rc = ferro_geneset_score(x, gs, &o, &s1);
    expect_int(rc, 0, fixture);
    if (rc) { fprintf(stderr, "%s\n", ferro_error_message()); return; }
    compare(s1, fixture);
    if (check_threads) {
        o.nthreads = 2;
        expect_int(ferro_geneset_score(x, gs, &o, &s2), 0, "2 threads");
        expect_true(s2 && !memcmp(s1->x, s2->x, sizeof(double) * (size_t)s1->nrow * s1->ncol), "identical for 1 and 2 threads");
    }
    ferro_matrix_free(s1);
    ferro_matrix_free(s2);
}

static void test_synthetic(void)
{
    ferro_matrix_t *x, *xna;
    ferro_genesets_t *gs;
    expect_int(ferro_matrix_read(D "synth_expr.tsv", &x), 0, "expr");
    expect_int(ferro_matrix_read(D "synth_expr_na.tsv", &xna), 0, "expr na");
    expect_int(ferro_genesets_read(D "synth_sets.gmt", &gs), 0, "gmt");
    expect_int(gs->n, 6, "6 sets");
    expect_int(gs->size[ferro_genesets_find(gs, "dups")], 4, "repeated gene kept once");
    run(x, gs, FERRO_SCORE_SSGSEA, NAN, 1, 1, 1, 1 << 30, "synth_ssgsea.tsv");
    run(x, gs, FERRO_SCORE_SSGSEA, 0.5, 0, 1, 1, 1 << 30, "synth_ssgsea_raw_tau05.tsv");
    run(x, gs, FERRO_SCORE_SSGSEA, NAN, 1, 1, 3, 20, "synth_ssgsea_size3_20.tsv");
    run(x, gs, FERRO_SCORE_GSVA, NAN, 1, 1, 1, 1 << 30, "synth_gsva.tsv");
    run(xna, gs, FERRO_SCORE_GSVA, NAN, 1, 0, 1, 1 << 30, "synth_gsva_na_maxdev.tsv");
    run(xna, gs, FERRO_SCORE_ZSCORE, NAN, 1, 1, 1, 1 << 30, "synth_zscore_na.tsv");
    run(xna, gs, FERRO_SCORE_MEANZ, NAN, 1, 1, 1, 1 << 30, "synth_meanz_na.tsv");
    /* ssGSEA refuses missing values, naming the cell */
    ferro_score_opts_t o;
    ferro_score_opts_init(&o);
    ferro_matrix_t *s = NULL;
    expect_int(ferro_geneset_score(xna, gs, &o, &s), FERRO_EINVAL, "ssGSEA with NA");
    expect_true(strstr(ferro_error_message(), "'G009'") && strstr(ferro_error_message(), "'S03'"), "names the NA cell");
    ferro_genesets_free(gs);
    ferro_matrix_free(x);
    ferro_matrix_free(xna);
}

static void test_all(void)
{
    ferro_matrix_t *x;
    ferro_genesets_t *gs, *more;
    expect_int(ferro_matrix_read(FERRO_SOURCE_DIR "/data/cohorts/ALL/expr_genes.tsv.gz", &x), 0, "ALL");
    expect_int(ferro_genesets_read(FERRO_SOURCE_DIR "/data/genesets/ferrdb_driver.txt", &gs), 0, "driver list");
    expect_true(!strcmp(gs->name[0], "ferrdb_driver"), "list named after the file");
    expect_int(ferro_genesets_read(FERRO_SOURCE_DIR "/data/genesets/ferrdb_suppressor.txt", &more), 0, "suppressor");
    expect_int(ferro_genesets_merge(gs, more), 0, "merge");
    ferro_genesets_free(more);
    expect_int(ferro_genesets_read(FERRO_SOURCE_DIR "/data/genesets/review_signatures.gmt", &more), 0, "review gmt");
    expect_int(ferro_genesets_merge(gs, more), 0, "merge");
    ferro_genesets_free(more);
    check_threads = 0; /* (done on the synthetic data; keeps the test fast under ASan) */
    run(x, gs, FERRO_SCORE_SSGSEA, NAN, 1, 1, 1, 1 << 30, "ALL_ssgsea.tsv");
    run(x, gs, FERRO_SCORE_GSVA, NAN, 1, 1, 1, 1 << 30, "ALL_gsva.tsv");
    run(x, gs, FERRO_SCORE_ZSCORE, NAN, 1, 1, 1, 1 << 30, "ALL_zscore.tsv");
    ferro_genesets_free(gs);
    ferro_matrix_free(x);
}

int main(void)
{
    test_synthetic();
    test_all();
    return test_summary("geneset");
}
