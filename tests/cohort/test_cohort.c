/* test_cohort.c — matrix reading (TSV, gzip, GEO series matrix, NAs, errors with file/line/column,
 * duplicate and mismatched sample IDs) and probe -> gene collapse against R
 * (tests/data/cohort/make_fixtures.R; the ALL gene matrix made by scripts/cohorts/ALL.R). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ferrosim/cohort.h"
#include "test_util.h"

#define D FERRO_TEST_DATA "/cohort/"

/* Same IDs and values (NA = NA), exactly. */
static void same_matrix(const ferro_matrix_t *a, const ferro_matrix_t *b, const char *what)
{
    expect_int(a->nrow, b->nrow, what);
    expect_int(a->ncol, b->ncol, what);
    if (a->nrow != b->nrow || a->ncol != b->ncol) return;
    int bad = 0;
    for (int i = 0; i < a->nrow; i++) {
        if (strcmp(a->row_id[i], b->row_id[i])) bad++;
        for (int j = 0; j < a->ncol; j++) {
            double x = a->x[(size_t)i * a->ncol + j], y = b->x[(size_t)i * b->ncol + j];
            if (!((isnan(x) && isnan(y)) || fabs(x - y) <= 1e-12 * fabs(y))) bad++;
        }
    }
    for (int j = 0; j < a->ncol; j++) bad += strcmp(a->col_id[j], b->col_id[j]) != 0;
    if (bad) fprintf(stderr, "  %s: %d differences\n", what, bad);
    expect_int(bad, 0, what);
}

static void test_collapse_small(void)
{
    ferro_matrix_t *m, *ref, *g;
    ferro_probemap_t *map;
    expect_int(ferro_matrix_read(D "probes.tsv", &m), 0, "read probes");
    expect_true(isnan(m->x[1 * 5 + 4]), "NA read as NAN");
    expect_int(ferro_probemap_read(D "probe_map.tsv", &map), 0, "read map");
    expect_int(map->n, 8, "blank symbol skipped");
    const char *rules[] = {"maxmean", "mean", "maxvar"};
    for (int k = 0; k < 3; k++) {
        int rule;
        char path[256];
        expect_int(ferro_collapse_parse(rules[k], &rule), 0, "rule");
        snprintf(path, sizeof path, D "collapse_%s.tsv", rules[k]);
        expect_int(ferro_matrix_read(path, &ref), 0, "read reference");
        expect_int(ferro_matrix_collapse(m, map, rule, &g), 0, "collapse");
        same_matrix(g, ref, rules[k]);
        ferro_matrix_free(g);
        ferro_matrix_free(ref);
    }
    int rule;
    expect_int(ferro_collapse_parse("median", &rule), FERRO_EINVAL, "unknown rule");
    ferro_probemap_free(map);
    ferro_matrix_free(m);
}

static void test_collapse_all(void)
{
    /* ALL: collapsing expr_probes.tsv.gz by max mean gives R's expr_genes.tsv.gz exactly */
    ferro_matrix_t *m, *ref, *g;
    ferro_probemap_t *map;
    expect_int(ferro_matrix_read(FERRO_SOURCE_DIR "/data/cohorts/ALL/expr_probes.tsv.gz", &m), 0, "ALL probes");
    expect_int(m->nrow, 12625, "12625 probes");
    expect_int(m->ncol, 128, "128 samples");
    expect_int(ferro_matrix_read(FERRO_SOURCE_DIR "/data/cohorts/ALL/expr_genes.tsv.gz", &ref), 0, "ALL genes");
    expect_int(ferro_probemap_read(FERRO_SOURCE_DIR "/data/platforms/hgu95av2/probe_symbol.tsv", &map), 0, "map");
    expect_int(ferro_matrix_collapse(m, map, FERRO_COLLAPSE_MAXMEAN, &g), 0, "collapse ALL");
    same_matrix(g, ref, "ALL max-mean collapse equals R");
    expect_int(ferro_matrix_row(g, "SLC40A1"), -1, "SLC40A1 not on HG-U95Av2");
    expect_int(ferro_matrix_row(g, "AIFM2"), -1, "AIFM2 not on HG-U95Av2");
    expect_int(ferro_matrix_row(g, "FBXW7"), -1, "FBXW7 not on HG-U95Av2");
    expect_true(ferro_matrix_row(g, "LCN2") >= 0, "LCN2 on the array");
    ferro_matrix_free(g);
    ferro_matrix_free(ref);
    ferro_probemap_free(map);
    ferro_matrix_free(m);
}

static void test_errors(void)
{
    ferro_matrix_t *m = NULL;
    expect_int(ferro_matrix_read(D "bad_cell.tsv", &m), FERRO_EPARSE, "non-numeric cell");
    expect_true(strstr(ferro_error_message(), "bad_cell.tsv: line 3, column 3") != NULL, "file, line, column");
    expect_true(strstr(ferro_error_message(), "'x5'") != NULL, "quotes the cell");
    expect_int(ferro_matrix_read(D "dup_samples.tsv", &m), FERRO_EPARSE, "duplicate samples");
    expect_true(strstr(ferro_error_message(), "duplicate sample ID 'S1'") != NULL, "names the duplicate");
    expect_true(m == NULL, "no matrix on error");

    ferro_table_t *t;
    expect_int(ferro_matrix_read(D "probes.tsv", &m), 0, "read");
    expect_int(ferro_samples_read(D "mismatch_samples.tsv", &t), 0, "annotation");
    int col[3];
    expect_int(ferro_samples_match(m, t, col), FERRO_EINVAL, "mismatch");
    const char *msg = ferro_error_message();
    expect_true(strstr(msg, "'S9'") != NULL, "names the sample missing from the matrix");
    expect_true(strstr(msg, "'S3'") != NULL && strstr(msg, "'S5'") != NULL, "names the unannotated samples");
    ferro_table_free(t);
    ferro_matrix_free(m);
}

static void test_geo(void)
{
    ferro_matrix_t *m;
    expect_int(ferro_matrix_read(D "GSE_tiny_series_matrix.txt", &m), 0, "GEO series matrix");
    if (!m) return;
    expect_int(m->nrow, 2, "2 probes");
    expect_int(m->ncol, 3, "3 samples");
    expect_true(!strcmp(m->col_id[0], "GSM1") && !strcmp(m->row_id[0], "1007_s_at"), "quotes removed");
    expect_rel(m->x[1], 11.25, 0, "value");
    expect_true(isnan(m->x[2]), "null is missing");
    ferro_matrix_free(m);
}

int main(void)
{
    test_collapse_small();
    test_collapse_all();
    test_errors();
    test_geo();
    return test_summary("cohort");
}
