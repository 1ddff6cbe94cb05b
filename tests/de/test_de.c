/* test_de.c — limma (lmFit + eBayes, with and without trend, two-group and design matrix), Welch
 * and Wilcoxon against R 4.2 / limma 3.54 (tests/data/de/make_fixtures.R), on synthetic data with
 * ties and NAs and on the ALL cohort (T-ALL vs B-ALL). Tolerance: 1e-6 relative throughout. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ferrosim/cohort.h"
#include "ferrosim/de.h"
#include "test_util.h"

#define TOL 1e-6

static ferro_matrix_t *load_matrix(const char *path)
{
    ferro_matrix_t *m = NULL;
    if (ferro_matrix_read(path, &m)) fprintf(stderr, "%s\n", ferro_error_message());
    return m;
}

/* group vector from an annotation column: A -> 1, B -> 0, else -1 */
static int *groups(const ferro_matrix_t *m, const char *annot, const char *col, const char *A, const char *B)
{
    ferro_table_t *t;
    if (ferro_samples_read(annot, &t)) { fprintf(stderr, "%s\n", ferro_error_message()); return NULL; }
    int *c = malloc(sizeof(int) * (size_t)t->nrow), *g = malloc(sizeof(int) * (size_t)m->ncol);
    if (ferro_samples_match(m, t, c)) fprintf(stderr, "%s\n", ferro_error_message());
    int k = ferro_table_col(t, col);
    for (int i = 0; i < t->nrow; i++)
        g[c[i]] = !strcmp(t->cell[i][k], A) ? 1 : (!strcmp(t->cell[i][k], B) ? 0 : -1);
    free(c);
    ferro_table_free(t);
    return g;
}

static double num(const char *s) { return strcmp(s, "NA") ? atof(s) : NAN; }

/* Compare result columns with the fixture's columns of the same names (rows matched by id). */
static void compare(const char *what, const ferro_matrix_t *m, const ferro_de_result_t *r, const char *fixture)
{
    char path[512];
    snprintf(path, sizeof path, FERRO_TEST_DATA "/de/%s", fixture);
    ferro_table_t *t;
    if (ferro_table_read(path, FERRO_TSV_SKIP_HASH, &t)) { expect_true(0, ferro_error_message()); return; }
    struct { const char *name; const double *v; } cols[] = {
        {"logFC", r->logFC}, {"AveExpr", r->AveExpr}, {"t", r->stat}, {"W", r->stat}, {"p", r->p},
        {"adj_p", r->adj_p}, {"B", r->B}, {"df", r->df}, {"s2_post", r->s2_post}, {"s2_prior", r->s2_prior}};
    int nbad = 0;
    for (size_t c = 0; c < sizeof cols / sizeof cols[0]; c++) {
        int k = ferro_table_col(t, cols[c].name);
        if (k < 0 || !cols[c].v) continue;
        for (int i = 0; i < t->nrow; i++) {
            int row = ferro_matrix_row(m, t->cell[i][0]);
            double e = num(t->cell[i][k]), o = cols[c].v[row];
            double scale = fabs(e) > 1e-300 ? fabs(e) : 1.0;
            int ok = (isnan(e) && isnan(o)) || fabs(o - e) <= TOL * scale;
            if (!ok && nbad++ < 5)
                fprintf(stderr, "  %s %s %s: observed %.15g expected %.15g\n", what, t->cell[i][0], cols[c].name, o, e);
            expect_true(ok, what);
        }
    }
    ferro_table_free(t);
}

static double header_value(const char *fixture, const char *key)
{
    char path[512], line[512];
    snprintf(path, sizeof path, FERRO_TEST_DATA "/de/%s", fixture);
    FILE *fp = fopen(path, "r");
    if (!fp || !fgets(line, sizeof line, fp)) { if (fp) fclose(fp); return NAN; }
    fclose(fp);
    char *s = strstr(line, key);
    return s ? atof(s + strlen(key) + 1) : NAN;
}

static void run_case(const char *tag, const char *expr, const char *annot, const char *col, const char *A,
                     const char *B, int with_trend, int nthreads)
{
    ferro_matrix_t *m = load_matrix(expr);
    int *g = m ? groups(m, annot, col, A, B) : NULL;
    if (!m || !g) { expect_true(0, "load"); ferro_matrix_free(m); free(g); return; }
    char fx[256];
    ferro_limma_opts_t o;
    ferro_limma_opts_init(&o);
    o.nthreads = nthreads;
    for (int trend = 0; trend <= with_trend; trend++) {
        o.trend = trend;
        ferro_de_result_t *r;
        int rc = ferro_de_limma_groups(m->x, m->nrow, m->ncol, g, &o, &r);
        expect_int(rc, 0, "limma runs");
        if (rc) { fprintf(stderr, "%s\n", ferro_error_message()); continue; }
        snprintf(fx, sizeof fx, "%s_limma%s.tsv", tag, trend ? "_trend" : "");
        compare(fx, m, r, fx);
        expect_rel(r->df_prior, header_value(fx, "df_prior"), TOL, "df.prior");
        expect_rel(r->var_prior, header_value(fx, "var_prior"), TOL, "var.prior");
        ferro_de_result_free(r);
    }
    ferro_de_result_t *r;
    expect_int(ferro_de_welch(m->x, m->nrow, m->ncol, g, nthreads, &r), 0, "welch runs");
    snprintf(fx, sizeof fx, "%s_welch.tsv", tag);
    compare(fx, m, r, fx);
    ferro_de_result_free(r);
    expect_int(ferro_de_wilcoxon(m->x, m->nrow, m->ncol, g, nthreads, &r), 0, "wilcoxon runs");
    snprintf(fx, sizeof fx, "%s_wilcoxon.tsv", tag);
    compare(fx, m, r, fx);
    ferro_de_result_free(r);
    free(g);
    ferro_matrix_free(m);
}

static void design_case(void)
{
    ferro_matrix_t *m = load_matrix(FERRO_TEST_DATA "/de/synth_ties_na.tsv");
    ferro_table_t *t;
    if (!m || ferro_samples_read(FERRO_TEST_DATA "/de/synth_design.tsv", &t)) { expect_true(0, "load design"); ferro_matrix_free(m); return; }
    double *d = malloc(sizeof(double) * (size_t)m->ncol * 3);
    for (int i = 0; i < t->nrow; i++)
        for (int k = 0; k < 3; k++) d[i * 3 + k] = atof(t->cell[i][k + 1]);
    ferro_de_result_t *r;
    expect_int(ferro_de_limma(m->x, m->nrow, m->ncol, d, 3, 2, NULL, &r), 0, "limma design runs");
    compare("synth_design_x", m, r, "synth_design_x.tsv");
    expect_rel(r->df_prior, header_value("synth_design_x.tsv", "df_prior"), TOL, "design df.prior");
    expect_rel(r->var_prior, header_value("synth_design_x.tsv", "var_prior"), TOL, "design var.prior");
    ferro_de_result_free(r);
    /* a rank-deficient design is refused */
    for (int i = 0; i < t->nrow; i++) d[i * 3 + 2] = 2 * d[i * 3 + 1];
    expect_int(ferro_de_limma(m->x, m->nrow, m->ncol, d, 3, 2, NULL, &r), FERRO_EINVAL, "rank-deficient design refused");
    expect_true(strstr(ferro_error_message(), "full column rank") != NULL, "message says rank");
    free(d);
    ferro_table_free(t);
    ferro_matrix_free(m);
}

/* trend with genes without residual df (their prior comes from the spline, extrapolated
 * linearly beyond the boundary knots as predict.ns does) and an inestimable coefficient */
static void trend_na_case(void)
{
    ferro_matrix_t *m = load_matrix(FERRO_TEST_DATA "/de/synth_trend_na.tsv");
    int *g = m ? groups(m, FERRO_TEST_DATA "/de/synth_samples.tsv", "group", "A", "B") : NULL;
    if (!g) { expect_true(0, "load"); ferro_matrix_free(m); return; }
    ferro_limma_opts_t o;
    ferro_limma_opts_init(&o);
    o.trend = 1;
    ferro_de_result_t *r;
    expect_int(ferro_de_limma_groups(m->x, m->nrow, m->ncol, g, &o, &r), 0, "trend with df-0 genes");
    compare("synth_trend_na", m, r, "synth_trend_na_limma_trend.tsv");
    expect_rel(r->df_prior, header_value("synth_trend_na_limma_trend.tsv", "df_prior"), TOL, "df.prior");
    ferro_de_result_free(r);
    free(g);
    ferro_matrix_free(m);
}

/* limma, Welch and Wilcoxon give bit-identical results for 1 and 2 threads */
static void threads_case(void)
{
    ferro_matrix_t *m = load_matrix(FERRO_TEST_DATA "/de/synth_ties_na.tsv");
    int *g = m ? groups(m, FERRO_TEST_DATA "/de/synth_samples.tsv", "group", "A", "B") : NULL;
    if (!g) { expect_true(0, "load"); ferro_matrix_free(m); return; }
    for (int method = 0; method < 3; method++) {
        ferro_de_result_t *r[2] = {NULL, NULL};
        for (int k = 0; k < 2; k++) {
            ferro_limma_opts_t o;
            ferro_limma_opts_init(&o);
            o.nthreads = k + 1;
            int rc = method == 0 ? ferro_de_limma_groups(m->x, m->nrow, m->ncol, g, &o, &r[k])
                   : method == 1 ? ferro_de_welch(m->x, m->nrow, m->ncol, g, k + 1, &r[k])
                                 : ferro_de_wilcoxon(m->x, m->nrow, m->ncol, g, k + 1, &r[k]);
            expect_int(rc, 0, "runs");
        }
        if (r[0] && r[1]) {
            size_t sz = sizeof(double) * (size_t)m->nrow;
            int same = !memcmp(r[0]->stat, r[1]->stat, sz) && !memcmp(r[0]->p, r[1]->p, sz) &&
                       !memcmp(r[0]->adj_p, r[1]->adj_p, sz) && (!r[0]->B || !memcmp(r[0]->B, r[1]->B, sz));
            expect_true(same, "identical for 1 and 2 threads");
        }
        ferro_de_result_free(r[0]);
        ferro_de_result_free(r[1]);
    }
    free(g);
    ferro_matrix_free(m);
}

static void bh_case(void)
{
    /* R: p.adjust(c(0.01, 0.04, NA, 0.03, 0.04, 0.5), "BH") = 0.05 0.05 NA 0.05 0.05 0.5 */
    double p[] = {0.01, 0.04, NAN, 0.03, 0.04, 0.5}, a[6], e[] = {0.05, 0.05, NAN, 0.05, 0.05, 0.5};
    expect_int(ferro_de_bh(p, 6, a), 0, "bh");
    for (int i = 0; i < 6; i++) expect_rel(a[i], e[i], 1e-15, "BH value");
}

int main(void)
{
    const char *synth_annot = FERRO_TEST_DATA "/de/synth_samples.tsv";
    run_case("synth_cont", FERRO_TEST_DATA "/de/synth_cont.tsv", synth_annot, "group", "A", "B", 1, 1);
    run_case("synth_ties_na", FERRO_TEST_DATA "/de/synth_ties_na.tsv", synth_annot, "group", "A", "B", 0, 2);
    run_case("ALL_TvsB", FERRO_SOURCE_DIR "/data/cohorts/ALL/expr_genes.tsv.gz",
             FERRO_SOURCE_DIR "/data/cohorts/ALL/samples.tsv", "lineage", "T", "B", 1, 2);
    design_case();
    trend_na_case();
    threads_case();
    bh_case();
    return test_summary("de");
}
