/* test_bad_bytes.c — the reader on bytes a text table should not contain (found by review while
 * fuzzing, tests/fuzz/fuzz_tsv.c): a NUL byte is an error naming line and column (it used to cut
 * the line silently and glue the next line to it), truncated gzip data is an error (not a shorter
 * table); and the buffered line reader across its buffer boundary (long lines, no final newline,
 * CRLF); an empty table's error names line 1. */
#include <stdlib.h>
#include <unistd.h>
#include <zlib.h>
#include "ferrosim/io.h"
#include "test_util.h"

static void write_file(const char *path, const char *data, size_t n)
{
    FILE *fp = fopen(path, "wb");
    fwrite(data, 1, n, fp);
    fclose(fp);
}

static int read_all(const char *path, int flags, int *nrec, long *lastline, int *lastnf)
{
    ferro_tsv_t *r;
    int rc = ferro_tsv_open(path, flags, &r);
    if (rc) return rc;
    *nrec = 0;
    while ((rc = ferro_tsv_next(r)) == 0) {
        (*nrec)++;
        *lastline = ferro_tsv_lineno(r);
        *lastnf = ferro_tsv_nfields(r);
    }
    ferro_tsv_close(r);
    return rc == FERRO_END ? 0 : rc;
}

static void test_nul(void)
{
    const char path[] = "test_bad_bytes_nul.tsv";
    static const char data[] = "a\tb\tc\n1\t2\0x\t3\n4\t5\t6\n";
    write_file(path, data, sizeof data - 1);
    int n = 0, nf = 0;
    long last = 0;
    expect_int(read_all(path, 0, &n, &last, &nf), FERRO_EPARSE, "NUL byte: parse error");
    expect_true(strstr(ferro_error_message(), "test_bad_bytes_nul.tsv: line 2, column 2: a NUL byte") != NULL,
                "NUL byte: message names file, line 2, column 2");
    ferro_table_t *t = NULL;
    expect_int(ferro_table_read(path, 0, &t), FERRO_EPARSE, "NUL byte: table read fails too");
    expect_true(t == NULL, "no table");
    unlink(path);
}

static void test_truncated_gzip(void)
{
    const char path[] = "test_bad_bytes_trunc.tsv.gz";
    char text[4000];
    size_t len = 0;
    for (int i = 0; i < 200; i++) len += (size_t)snprintf(text + len, sizeof text - len, "g%d\t%d\n", i, i);
    gzFile gz = gzopen(path, "wb");
    gzwrite(gz, text, (unsigned)len);
    gzclose(gz);
    FILE *fp = fopen(path, "rb");
    char buf[8192];
    size_t n = fread(buf, 1, sizeof buf, fp);
    fclose(fp);
    int nrec = 0, nf = 0;
    long last = 0;
    expect_int(read_all(path, 0, &nrec, &last, &nf), 0, "whole gzip reads");
    expect_int(nrec, 200, "200 records");
    write_file(path, buf, n / 2); /* cut in the middle of the deflate stream */
    int rc = read_all(path, 0, &nrec, &last, &nf);
    expect_int(rc, FERRO_EIO, "truncated gzip: an error, not a shorter table");
    expect_true(strstr(ferro_error_message(), "unexpected end of file") != NULL, "truncated gzip: message says so");
    unlink(path);
}

static void test_long_lines(void)
{
    const char path[] = "test_bad_bytes_long.tsv";
    size_t cap = 400000, len = 0;
    char *data = malloc(cap);
    for (int line = 0; line < 3; line++) { /* 3 lines of 20000 fields (~ 110 kB each) */
        for (int f = 0; f < 20000; f++) len += (size_t)snprintf(data + len, cap - len, f ? "\t%d" : "%d", f);
        len += (size_t)snprintf(data + len, cap - len, line < 2 ? "\r\n" : ""); /* CRLF; no final newline */
    }
    write_file(path, data, len);
    free(data);
    ferro_table_t *t = NULL;
    expect_int(ferro_table_read(path, 0, &t), 0, "long lines read");
    if (t) {
        expect_int(t->ncol, 20000, "20000 columns");
        expect_int(t->nrow, 2, "2 rows");
        expect_true(strcmp(t->cell[1][19999], "19999") == 0, "last field of the last line, CR stripped");
        expect_int(t->lineno[1], 3, "line numbers");
    }
    ferro_table_free(t);
    unlink(path);
}

static void test_empty(void)
{
    const char path[] = "test_bad_bytes_empty.tsv";
    write_file(path, "# nothing\n\n", 11);
    ferro_table_t *t = NULL;
    expect_int(ferro_table_read(path, FERRO_TSV_SKIP_HASH, &t), FERRO_EPARSE, "empty table: parse error");
    expect_true(strstr(ferro_error_message(), "test_bad_bytes_empty.tsv: line 1: empty file") != NULL,
                "empty table: message names file and line");
    unlink(path);
}

int main(void)
{
    test_empty();
    test_nul();
    test_truncated_gzip();
    test_long_lines();
    return test_summary("io bad bytes");
}
