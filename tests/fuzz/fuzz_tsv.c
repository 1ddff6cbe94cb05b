/* fuzz_tsv.c — the delimited-text reader (src/io): ferro_tsv_* record by record (every field, as
 * a number too) and ferro_table_read. The first input byte picks the reader flags; the rest is the
 * file (gzip is detected by content). */
#include "fuzz_util.h"
#include "ferrosim/io.h"

FUZZ_QUIET_INIT

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) return 0;
    int flags = data[0] & (FERRO_TSV_SKIP_HASH | FERRO_TSV_SKIP_BANG | FERRO_TSV_CSV | FERRO_TSV_KEEP_BLANK);
    const char *path = fuzz_file(data + 1, size - 1, "in.txt");
    ferro_error_clear();
    ferro_tsv_t *r;
    int rc = ferro_tsv_open(path, flags, &r);
    fuzz_check_file(rc, "ferro_tsv_open", path);
    if (!rc) {
        while ((rc = ferro_tsv_next(r)) == 0) {
            int n = ferro_tsv_nfields(r);
            if (n < 0 || ferro_tsv_lineno(r) < 1) abort();
            for (int i = 0; i < n; i++) {
                const char *f = ferro_tsv_field(r, i);
                if (!f) abort();
                (void)strlen(f);
                double v;
                fuzz_check(ferro_tsv_double(r, i, i & 1, &v), "ferro_tsv_double");
            }
            if (ferro_tsv_field(r, n) != NULL) abort();
            fuzz_check(ferro_tsv_expect_fields(r, 3), "ferro_tsv_expect_fields");
        }
        fuzz_check_file(rc, "ferro_tsv_next", path);
        ferro_tsv_close(r);
    }
    ferro_error_clear();
    ferro_table_t *t;
    rc = ferro_table_read(path, flags, &t);
    fuzz_check_file(rc, "ferro_table_read", path);
    if (!rc) {
        for (int i = 0; i < t->nrow; i++)
            for (int j = 0; j < t->ncol; j++) (void)strlen(t->cell[i][j]);
        for (int j = 0; j < t->ncol; j++) (void)ferro_table_col(t, t->header[j]);
        ferro_table_free(t);
    }
    return 0;
}
