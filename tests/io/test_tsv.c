/* test_tsv.c — the delimited-text reader, small tables, atomic output. */
#include <stdlib.h>
#include <unistd.h>
#include "ferrosim/io.h"
#include "test_util.h"

static void test_bad_number(void)
{
    ferro_table_t *t;
    expect_int(ferro_table_read(FERRO_TEST_DATA "/io/bad_number.tsv", 0, &t), 0, "table reads");
    expect_int(t->nrow, 2, "two rows");
    ferro_tsv_t *r;
    expect_int(ferro_tsv_open(FERRO_TEST_DATA "/io/bad_number.tsv", 0, &r), 0, "open");
    double v;
    int rc = 0;
    while (ferro_tsv_next(r) == 0)
        if (ferro_tsv_lineno(r) > 1 && (rc = ferro_tsv_double(r, 1, 0, &v))) break;
    expect_int(rc, FERRO_EPARSE, "non-number is a parse error");
    expect_true(strstr(ferro_error_message(), "line 3, column 2") != NULL, "message names line 3, column 2");
    expect_true(strstr(ferro_error_message(), "'abc'") != NULL, "message quotes the text");
    ferro_tsv_close(r);
    ferro_table_free(t);
}

static void test_csv_quotes(void)
{
    ferro_table_t *t;
    expect_int(ferro_table_read(FERRO_TEST_DATA "/io/quoted.csv", 0, &t), 0, "csv reads");
    expect_int(t->ncol, 3, "3 columns");
    expect_true(strcmp(t->cell[0][1], "x,y") == 0, "quoted comma kept");
    expect_true(strcmp(t->cell[1][0], "q\"uote") == 0, "doubled quote");
    expect_true(strcmp(t->cell[1][1], "") == 0, "empty field");
    ferro_table_free(t);
}

static void test_atomic(void)
{
    char path[] = "test_atomic_out.tsv";
    unlink(path);
    ferro_out_t *o;
    expect_int(ferro_out_open(path, &o), 0, "open out");
    fprintf(ferro_out_fp(o), "partial\n");
    expect_true(access(path, F_OK) != 0, "nothing at the path before commit");
    ferro_out_abort(o);
    expect_true(access(path, F_OK) != 0, "abort leaves nothing");
    expect_int(ferro_out_open(path, &o), 0, "open out again");
    fprintf(ferro_out_fp(o), "x\n");
    expect_int(ferro_out_commit(o), 0, "commit");
    expect_true(access(path, F_OK) == 0, "file after commit");
    unlink(path);
}

static void test_names(void)
{
    char a[64], b[64];
    ferro_name_fold("Ferrostatin-1", a, sizeof a);
    expect_true(strcmp(a, "ferrostatin1") == 0, "fold hyphen/case");
    ferro_name_fold("\xce\xb1-tocopherol", b, sizeof b);
    expect_true(strcmp(b, "alphatocopherol") == 0, "fold greek alpha");
    expect_int(ferro_name_distance("erastin", "erastn"), 1, "edit distance");
    double v;
    expect_int(ferro_parse_double(" 1e-3 ", &v), 0, "parse with blanks");
    expect_rel(v, 1e-3, 0, "value");
    expect_true(ferro_parse_double("1x", &v) != 0, "trailing text rejected");
    expect_true(ferro_parse_double("inf", &v) != 0, "inf rejected");
}

static void test_missing_file(void)
{
    ferro_tsv_t *r;
    expect_int(ferro_tsv_open(FERRO_TEST_DATA "/io/no_such_file.tsv", 0, &r), FERRO_ENOTFOUND,
               "a missing input file is bad input (CLI exit 2)");
    expect_true(strstr(ferro_error_message(), "no_such_file.tsv: cannot open for reading") != NULL,
                "message names the file");
}

int main(void)
{
    test_missing_file();
    test_bad_number();
    test_csv_quotes();
    test_atomic();
    test_names();
    return test_summary("io/tsv");
}
