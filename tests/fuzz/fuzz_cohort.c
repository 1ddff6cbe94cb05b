/* fuzz_cohort.c — expression matrices, probe maps and sample tables (src/cohort): the same bytes
 * read as each (the first byte picks the file name: .tsv, .csv or a GEO series matrix .txt), then
 * the matrix matched against the sample table and collapsed with the probe map when they load. */
#include "fuzz_util.h"
#include "ferrosim/cohort.h"

FUZZ_QUIET_INIT

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) return 0;
    static const char *const names[] = {"expr.tsv", "expr.csv", "series_matrix.txt", "expr.tsv.gz"};
    const char *path = fuzz_file(data + 1, size - 1, names[data[0] & 3]);
    ferro_matrix_t *m = NULL, *g = NULL;
    ferro_probemap_t *map = NULL;
    ferro_table_t *annot = NULL;
    ferro_error_clear();
    int rc = ferro_matrix_read(path, &m);
    fuzz_check_file(rc, "ferro_matrix_read", path);
    ferro_error_clear();
    rc = ferro_probemap_read(path, &map);
    fuzz_check_file(rc, "ferro_probemap_read", path);
    ferro_error_clear();
    rc = ferro_samples_read(path, &annot);
    fuzz_check_file(rc, "ferro_samples_read", path);
    if (m && annot) {
        int *col = malloc((size_t)(annot->nrow + 1) * sizeof *col);
        ferro_error_clear();
        fuzz_check(ferro_samples_match(m, annot, col), "ferro_samples_match");
        free(col);
    }
    if (m && map)
        for (int rule = 0; rule < 3; rule++) {
            ferro_error_clear();
            fuzz_check(ferro_matrix_collapse(m, map, rule, &g), "ferro_matrix_collapse");
            ferro_matrix_free(g);
            g = NULL;
        }
    if (m) {
        FILE *null = fopen("/dev/null", "w");
        fuzz_check(ferro_matrix_write(m, "gene", null), "ferro_matrix_write");
        fclose(null);
    }
    ferro_matrix_free(m);
    ferro_probemap_free(map);
    ferro_table_free(annot);
    return 0;
}
