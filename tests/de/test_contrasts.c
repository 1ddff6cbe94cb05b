/* test_contrasts.c — limma contrasts (makeContrasts + contrasts.fit + eBayes + topTable) against
 * R 4.2 / limma 3.54 (tests/data/de/make_contrast_fixtures.R): the ALL cohort with one design
 * column per BT subtype (11 groups, all 128 samples; plain and trend), the synthetic data with
 * ties and NAs in three groups (NA contrasts where a group is missing) and with a non-orthogonal
 * design (intercept, group, covariate). Tolerances: logFC, t, AveExpr, B 1e-6 relative (B: of
 * max(|B|, 1)); p and adj_p 1e-5 relative; the NA pattern exactly. Plus the expression parser. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ferrosim/cohort.h"
#include "ferrosim/de.h"
#include "test_util.h"

#define DE FERRO_TEST_DATA "/de/"

static double num(const char *s) { return strcmp(s, "NA") ? atof(s) : NAN; }

static void compare(const char *fixture, const ferro_matrix_t *m, const char *const *cons, int ncon,
                    ferro_de_result_t *const *r)
{
    ferro_table_t *t;
    if (ferro_table_read(fixture, FERRO_TSV_SKIP_HASH, &t)) { expect_true(0, ferro_error_message()); return; }
    static const char *name[] = {"logFC", "AveExpr", "t", "p", "adj_p", "B"};
    static const double tol[] = {1e-6, 1e-6, 1e-6, 1e-5, 1e-5, 1e-6};
    int col[6], nbad = 0, nrow = 0;
    for (int q = 0; q < 6; q++) col[q] = ferro_table_col(t, name[q]);
    for (int i = 0; i < t->nrow; i++) {
        int c = 0;
        while (c < ncon && strcmp(cons[c], t->cell[i][0])) c++;
        int g = ferro_matrix_row(m, t->cell[i][1]);
        if (c == ncon || g < 0) { expect_true(0, "fixture row matched"); continue; }
        const double v[6] = {r[c]->logFC[g], r[c]->AveExpr[g], r[c]->stat[g], r[c]->p[g], r[c]->adj_p[g], r[c]->B[g]};
        nrow++;
        for (int q = 0; q < 6; q++) {
            double e = num(t->cell[i][col[q]]), o = v[q];
            double scale = q == 5 ? (fabs(e) > 1 ? fabs(e) : 1) : (fabs(e) > 1e-300 ? fabs(e) : 1);
            int ok = (isnan(e) && isnan(o)) || fabs(o - e) <= tol[q] * scale;
            if (!ok && nbad++ < 5)
                fprintf(stderr, "  %s %s %s %s: observed %.15g expected %.15g\n", fixture, cons[c], t->cell[i][1], name[q], o, e);
            expect_true(ok, name[q]);
        }
    }
    expect_true(nrow == t->nrow && nrow > 0, "every fixture row compared");
    ferro_table_free(t);
}

/* Cell-means design of an annotation column (every sample has a group). */
static double *group_design(const ferro_matrix_t *m, const char *annot, const char *colname, char ***levels, int *nlev)
{
    ferro_table_t *t;
    if (ferro_samples_read(annot, &t)) { fprintf(stderr, "%s\n", ferro_error_message()); return NULL; }
    int *c = malloc(sizeof(int) * (size_t)t->nrow), k = ferro_table_col(t, colname), p = 0;
    char **lv = malloc(sizeof(char *) * (size_t)t->nrow);
    int *lev = malloc(sizeof(int) * (size_t)t->nrow);
    if (ferro_samples_match(m, t, c)) fprintf(stderr, "%s\n", ferro_error_message());
    for (int i = 0; i < t->nrow; i++) {
        int l = 0;
        while (l < p && strcmp(lv[l], t->cell[i][k])) l++;
        if (l == p) lv[p++] = strdup(t->cell[i][k]);
        lev[i] = l;
    }
    double *X = calloc((size_t)m->ncol * p, sizeof *X);
    for (int i = 0; i < t->nrow; i++) X[(size_t)c[i] * p + lev[i]] = 1;
    free(c); free(lev);
    ferro_table_free(t);
    *levels = lv;
    *nlev = p;
    return X;
}

static void run(const char *expr, const char *annot, const char *colname, const double *design_in, char **names_in,
                int p_in, const char *const *cons, int ncon, int trend, const char *fixture)
{
    ferro_matrix_t *m = NULL;
    if (ferro_matrix_read(expr, &m)) { expect_true(0, ferro_error_message()); return; }
    char **names = names_in;
    int p = p_in;
    double *X = design_in ? (double *)design_in : group_design(m, annot, colname, &names, &p);
    double *W = calloc((size_t)ncon * p, sizeof *W);
    for (int c = 0; c < ncon; c++)
        expect_int(ferro_de_contrast_parse(cons[c], (const char *const *)names, p, W + (size_t)c * p), 0, cons[c]);
    ferro_limma_opts_t o;
    ferro_limma_opts_init(&o);
    o.trend = trend;
    o.nthreads = 2;
    ferro_de_result_t *r[4] = {0};
    int rc = ferro_de_limma_contrasts(m->x, m->nrow, m->ncol, X, p, W, ncon, &o, r);
    expect_int(rc, 0, fixture);
    if (!rc) compare(fixture, m, cons, ncon, r);
    for (int c = 0; c < ncon; c++) ferro_de_result_free(r[c]);
    if (!design_in) {
        for (int l = 0; l < p; l++) free(names[l]);
        free(names);
        free(X);
    }
    free(W);
    ferro_matrix_free(m);
}

/* synth_design.tsv: samples x (intercept, groupA, x) in the matrix's column order */
static void design_case(void)
{
    ferro_matrix_t *m = NULL;
    ferro_table_t *t = NULL;
    if (ferro_matrix_read(DE "synth_ties_na.tsv", &m) || ferro_samples_read(DE "synth_design.tsv", &t)) {
        expect_true(0, ferro_error_message());
        ferro_matrix_free(m);
        return;
    }
    int *c = malloc(sizeof(int) * (size_t)t->nrow);
    expect_int(ferro_samples_match(m, t, c), 0, "design samples");
    double *X = malloc(sizeof(double) * (size_t)m->ncol * 3);
    for (int i = 0; i < t->nrow; i++)
        for (int k = 0; k < 3; k++) X[(size_t)c[i] * 3 + k] = atof(t->cell[i][k + 1]);
    char *names[] = {"intercept", "groupA", "x"};
    const char *cons[] = {"groupA-x", "intercept+groupA"};
    run(DE "synth_ties_na.tsv", NULL, NULL, X, names, 3, cons, 2, 0, DE "synth_design_contrasts.tsv");
    free(X); free(c);
    ferro_table_free(t);
    ferro_matrix_free(m);
}

static void parse_case(void)
{
    const char *lv[] = {"A", "B1", "C.x", "T-ALL"};
    double w[4];
    expect_int(ferro_de_contrast_parse(" (A + B1)/2 - 3*C.x ", lv, 4, w), 0, "parse");
    expect_true(w[0] == 0.5 && w[1] == 0.5 && w[2] == -3 && w[3] == 0, "weights (A+B1)/2-3*C.x");
    expect_int(ferro_de_contrast_parse("`T-ALL`-A", lv, 4, w), 0, "backquoted name");
    expect_true(w[3] == 1 && w[0] == -1, "weights `T-ALL`-A");
    expect_int(ferro_de_contrast_parse("-B1+A*2", lv, 4, w), 0, "unary minus, product after");
    expect_true(w[0] == 2 && w[1] == -1, "weights -B1+A*2");
    expect_int(ferro_de_contrast_parse("A-B2", lv, 4, w), FERRO_ENOTFOUND, "unknown group");
    expect_true(strstr(ferro_error_message(), "'B2' is not a group") != NULL, "message names it");
    expect_int(ferro_de_contrast_parse("A-B1+1", lv, 4, w), FERRO_EINVAL, "constant term");
    expect_int(ferro_de_contrast_parse("A*B1", lv, 4, w), FERRO_EINVAL, "product of names");
    expect_int(ferro_de_contrast_parse("A-A", lv, 4, w), FERRO_EINVAL, "all-zero weights");
    expect_int(ferro_de_contrast_parse("(A-B1", lv, 4, w), FERRO_EINVAL, "unclosed parenthesis");
    expect_int(ferro_de_contrast_parse("A/0", lv, 4, w), FERRO_EINVAL, "division by zero");
}

int main(void)
{
    parse_case();
    const char *all[] = {"B2-B1", "T3-T2", "(B1+B2+B3+B4)/4-(T2+T3)/2"};
    const char *e = FERRO_SOURCE_DIR "/data/cohorts/ALL/expr_genes.tsv.gz", *s = FERRO_SOURCE_DIR "/data/cohorts/ALL/samples.tsv";
    run(e, s, "BT", NULL, NULL, 0, all, 3, 0, DE "ALL_BT_contrasts.tsv");
    run(e, s, "BT", NULL, NULL, 0, all, 3, 1, DE "ALL_BT_contrasts_trend.tsv");
    const char *s3[] = {"A-B", "C-(A+B)/2", "C-B"};
    run(DE "synth_ties_na.tsv", DE "synth3_samples.tsv", "group3", NULL, NULL, 0, s3, 3, 0, DE "synth3_contrasts.tsv");
    design_case();
    return test_summary("de/contrasts");
}
