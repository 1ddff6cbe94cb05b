/* test_kb.c — the knowledge base built from data/kb: deterministic builds, integrity, the query
 * API on known answers, Table 1 against the review's text, FerrDb copies, finding coverage. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ferrosim/io.h"
#include "ferrosim/kb.h"
#include "test_util.h"

#define DATA FERRO_SOURCE_DIR "/data"

static char *slurp(const char *path, long *n)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) return NULL;
    fseek(fp, 0, SEEK_END);
    *n = ftell(fp);
    rewind(fp);
    char *b = malloc((size_t)*n + 1);
    if (b && fread(b, 1, (size_t)*n, fp) != (size_t)*n) { free(b); b = NULL; }
    if (b) b[*n] = 0;
    fclose(fp);
    return b;
}

/* All exported tables as one TSV text (for comparing two databases' query results). */
static char *dump(ferro_kb_t *kb)
{
    char *buf = NULL;
    size_t n = 0;
    FILE *fp = open_memstream(&buf, &n);
    for (int i = 0; ferro_kb_export_tables[i]; i++) {
        ferro_kb_table_t *t;
        if (ferro_kb_export(kb, ferro_kb_export_tables[i], &t) == 0) {
            fprintf(fp, "## %s\n", ferro_kb_export_tables[i]);
            if (ferro_kb_table_write(t, fp, 0)) fputs("write error\n", fp);
            ferro_kb_table_free(t);
        }
    }
    fclose(fp);
    return buf;
}

static void test_build_twice(void)
{
    unlink("kb_test_a.sqlite");
    unlink("kb_test_b.sqlite");
    expect_int(ferro_kb_build(DATA, "kb_test_a.sqlite"), 0, "first build");
    expect_int(ferro_kb_build(DATA, "kb_test_b.sqlite"), 0, "second build");
    long na = 0, nb = 0;
    char *a = slurp("kb_test_a.sqlite", &na), *b = slurp("kb_test_b.sqlite", &nb);
    expect_true(a && b && na > 4096 && na == nb && memcmp(a, b, (size_t)na) == 0, "two builds give the same bytes");
    expect_true(a && memcmp(a, "SQLite format 3", 15) == 0, "the file is a SQLite database");
    free(a);
    free(b);
    ferro_kb_t *fa, *fb, *mem;
    expect_int(ferro_kb_open("kb_test_a.sqlite", &fa), 0, "open a");
    expect_int(ferro_kb_open("kb_test_b.sqlite", &fb), 0, "open b");
    expect_int(ferro_kb_load(DATA, &mem), 0, "load in memory");
    char *da = dump(fa), *db = dump(fb), *dm = dump(mem);
    expect_true(da && db && dm && strlen(da) > 10000, "dumps made");
    expect_true(da && db && strcmp(da, db) == 0, "same query results from both builds");
    expect_true(da && dm && strcmp(da, dm) == 0, "same query results from the file and the in-memory build");
    free(da);
    free(db);
    free(dm);
    ferro_kb_close(fa);
    ferro_kb_close(fb);
    ferro_kb_close(mem);
    expect_true(ferro_kb_open(FERRO_SOURCE_DIR "/CMakeLists.txt", &fa) != 0, "a non-database is refused");
    unlink("kb_test_a.sqlite");
    unlink("kb_test_b.sqlite");
}

static const char *find_value(const ferro_kb_table_t *t, int keycol, const char *key, int valcol)
{
    for (int i = 0; i < t->nrow; i++)
        if (ferro_kb_table_get(t, i, keycol) && !strcmp(ferro_kb_table_get(t, i, keycol), key))
            return ferro_kb_table_get(t, i, valcol);
    return NULL;
}

static int has_row(const ferro_kb_table_t *t, int col, const char *v)
{
    return find_value(t, col, v, col) != NULL;
}

static void test_queries(ferro_kb_t *kb)
{
    char id[256];
    expect_int(ferro_kb_resolve(kb, "FSP1", id, sizeof id), 0, "FSP1 resolves");
    expect_true(!strcmp(id, "gene:AIFM2"), "FSP1 is AIFM2");
    expect_int(ferro_kb_resolve(kb, "nrf-2", id, sizeof id), 0, "nrf-2 resolves (folded)");
    expect_true(!strcmp(id, "gene:NFE2L2"), "NRF2 is NFE2L2");
    expect_int(ferro_kb_resolve(kb, "84883", id, sizeof id), 0, "an Entrez ID resolves");
    expect_true(!strcmp(id, "gene:AIFM2"), "Entrez 84883 is AIFM2");
    expect_int(ferro_kb_resolve(kb, "rs4;11", id, sizeof id), 0, "RS4;11 resolves");
    expect_true(!strcmp(id, "cell:RS4;11"), "RS4;11 id");
    expect_int(ferro_kb_resolve(kb, "gpx5x", id, sizeof id), FERRO_ENOTFOUND, "unknown name");
    expect_true(strstr(ferro_error_message(), "nearest") != NULL, "unknown name suggests the nearest");

    ferro_kb_table_t *t;
    expect_int(ferro_kb_search(kb, "cvcl_0065", &t), 0, "search an accession");
    expect_true(t->nrow == 1 && !strcmp(ferro_kb_table_get(t, 0, 0), "cell:Jurkat"), "CVCL_0065 finds Jurkat only");
    ferro_kb_table_free(t);
    expect_int(ferro_kb_search(kb, "GPX4", &t), 0, "search GPX4");
    expect_true(t->nrow >= 1 && !strcmp(ferro_kb_table_get(t, 0, 0), "gene:GPX4"), "exact name first");
    ferro_kb_table_free(t);
    expect_int(ferro_kb_search(kb, "--", &t), FERRO_EINVAL, "empty search term refused");

    expect_int(ferro_kb_show(kb, "MDM2", &t), 0, "show MDM2");
    expect_true(t && !strcmp(find_value(t, 1, "NCBIGene", 2), "4193"), "MDM2 Entrez 4193");
    expect_true(t && !strcmp(find_value(t, 1, "UniProt", 2), "Q00987"), "MDM2 UniProt Q00987");
    expect_true(t && has_row(t, 1, "E23"), "MDM2 shows the Au-PGPD evidence E23");
    ferro_kb_table_free(t);

    ferro_kb_filter_t f = {0};
    f.gene = "MAPK14"; /* p38 alpha: matches the p38 MAPK family's records */
    expect_int(ferro_kb_evidence(kb, &f, &t), 0, "evidence --gene MAPK14");
    expect_true(t && t->nrow == 1 && !strcmp(ferro_kb_table_get(t, 0, 0), "E16"), "MAPK14 -> E16 (p38 MAPK)");
    ferro_kb_table_free(t);
    memset(&f, 0, sizeof f);
    f.agent = "olaparib"; /* a PARP inhibitor: matches records on the class */
    expect_int(ferro_kb_evidence(kb, &f, &t), 0, "evidence --agent olaparib");
    expect_true(t && has_row(t, 0, "E02"), "olaparib -> E02 (PARP inhibitors with DFO)");
    ferro_kb_table_free(t);
    memset(&f, 0, sizeof f);
    f.cell = "Jurkat";
    f.effect = "suppresses";
    expect_int(ferro_kb_evidence(kb, &f, &t), 0, "evidence --cell Jurkat --effect suppresses");
    expect_true(t && t->nrow == 4 && has_row(t, 0, "E10") && has_row(t, 0, "E11") && has_row(t, 0, "E20") &&
                    has_row(t, 0, "E28"), "Jurkat protective records: baicalein, NDGA, Fer-1, FBXW7");
    ferro_kb_table_free(t);
    f.effect = "kills";
    expect_int(ferro_kb_evidence(kb, &f, &t), FERRO_EINVAL, "bad --effect refused");
    memset(&f, 0, sizeof f);
    f.gene = "no-such-gene";
    expect_int(ferro_kb_evidence(kb, &f, &t), FERRO_ENOTFOUND, "unknown --gene refused");
}

/* Table 1 rows equal the review's text, and every finding F01..F17 has evidence. */
static void test_table1_and_findings(ferro_kb_t *kb)
{
    long n;
    char *seed = slurp(FERRO_SHARED_DIR "/seed/000_d86115387fc213b9.txt", &n);
    expect_true(seed != NULL, "the review's text is readable");
    ferro_kb_table_t *t;
    expect_int(ferro_kb_export(kb, "table1", &t), 0, "export table1");
    expect_int(t->nrow, 11, "Table 1 has 11 rows");
    int row = 0;
    char *p = seed ? strstr(seed, "| Active ingredients |") : NULL;
    expect_true(p != NULL, "Table 1 header found in the review");
    for (char *line = p ? strchr(p, '\n') : NULL; line && *++line == '|'; line = strchr(line, '\n')) {
        char buf[1024];
        size_t L = strcspn(line, "\n");
        snprintf(buf, sizeof buf, "%.*s", (int)L, line);
        if (strncmp(buf, "|---", 4) == 0) continue;
        char *field[8];
        int nf = 0;
        for (char *q = buf + 2; nf < 8 && q;) { /* "| a | b | c | ( |" */
            char *e = strstr(q, " | ");
            if (e) *e = 0;
            field[nf++] = q;
            q = e ? e + 3 : NULL;
        }
        char what[256];
        snprintf(what, sizeof what, "Table 1 row %d of the review has ingredient, model, mechanism", row + 1);
        expect_true(nf >= 3 && row < t->nrow, what);
        if (nf < 3 || row >= t->nrow) break;
        for (int k = 0; k < 3; k++) {
            snprintf(what, sizeof what, "Table 1 row %d column %d is '%s' as in the review", row + 1, k + 1, field[k]);
            const char *v = ferro_kb_table_get(t, row, k + 1);
            expect_true(v && !strcmp(v, field[k]), what);
        }
        snprintf(what, sizeof what, "Table 1 row %d links to an evidence record", row + 1);
        expect_true(ferro_kb_table_get(t, row, 6) != NULL, what);
        row++;
    }
    expect_int(row, 11, "11 rows compared with the review");
    ferro_kb_table_free(t);
    free(seed);

    expect_int(ferro_kb_export(kb, "evidence", &t), 0, "export evidence");
    for (int k = 1; k <= 17; k++) {
        char fid[8], what[64];
        snprintf(fid, sizeof fid, "F%02d", k);
        snprintf(what, sizeof what, "finding %s has evidence", fid);
        expect_true(has_row(t, 1, fid), what);
    }
    ferro_kb_table_free(t);
}

static int count_lines(const char *path)
{
    long n;
    char *b = slurp(path, &n);
    int c = 0;
    for (long i = 0; b && i < n; i++) c += b[i] == '\n';
    free(b);
    return b ? c : -1;
}

static void test_sets(ferro_kb_t *kb)
{
    const char *pairs[2][2] = {{DATA "/genesets/ferrdb_driver.txt", FERRO_SHARED_DIR "/data/ferrdb/driver.txt"},
                               {DATA "/genesets/ferrdb_suppressor.txt", FERRO_SHARED_DIR "/data/ferrdb/suppressor.txt"}};
    for (int k = 0; k < 2; k++) {
        long na, nb;
        char *a = slurp(pairs[k][0], &na), *b = slurp(pairs[k][1], &nb);
        expect_true(a && b && na == nb && !memcmp(a, b, (size_t)na), "the FerrDb copy equals the shared original");
        free(a);
        free(b);
    }
    ferro_kb_table_t *t;
    expect_int(ferro_kb_counts(kb, &t), 0, "counts");
    const char *v = find_value(t, 0, "set_members", 1);
    int want = count_lines(pairs[0][1]) + count_lines(pairs[1][1]);
    expect_true(v && atoi(v) == want, "every FerrDb line is a set member (264 + 238)");
    v = find_value(t, 0, "identifiers.verified", 1);
    expect_true(v && atoi(v) > 200, "more than 200 verified identifiers");
    ferro_kb_table_free(t);
    /* every agent, cell line and gene of the model is linked from a KB entity */
    expect_int(ferro_kb_unlinked(kb, &t), 0, "unlinked model names");
    for (int i = 0; t && i < t->nrow; i++)
        fprintf(stderr, "unlinked: the model's %s '%s' needs a row in data/kb/model_links.tsv\n",
                ferro_kb_table_get(t, i, 0), ferro_kb_table_get(t, i, 1));
    expect_true(t && t->nrow == 0, "every model agent, cell line and gene has a KB entity");
    ferro_kb_table_free(t);
    expect_int(ferro_kb_export(kb, "model_links", &t), 0, "export model_links");
    int unchecked = 0;
    for (int i = 0; t && i < t->nrow; i++) unchecked += strcmp(ferro_kb_table_get(t, i, 4), "1") != 0;
    expect_int(unchecked, 0, "every model link was checked against the model's tables");
    ferro_kb_table_free(t);
}

int main(void)
{
    test_build_twice();
    ferro_kb_t *kb;
    if (ferro_kb_load(DATA, &kb)) {
        fprintf(stderr, "load: %s\n", ferro_error_message());
        return 1;
    }
    test_queries(kb);
    test_table1_and_findings(kb);
    test_sets(kb);
    ferro_kb_close(kb);
    return test_summary("kb/kb");
}
