/* test_bad_input.c — cohort readers on bad input: every parse error names the file and a line
 * (found with tests/fuzz/fuzz_cohort.c's check; the whole-file errors had no line, a probe listed
 * twice named neither of its lines). */
#include <stdlib.h>
#include <unistd.h>
#include "ferrosim/cohort.h"
#include "test_util.h"

int main(void)
{
    ferro_matrix_t *m = NULL;
    ferro_probemap_t *p = NULL;
    const char *f = test_write_file("test_bad_input_cohort.tsv", "");
    expect_error(ferro_matrix_read(f, &m), FERRO_EPARSE, "test_bad_input_cohort.tsv: line 1: empty file", "matrix: empty file");
    test_write_file(f, "# comment\nid\tS1\tS2\n");
    expect_error(ferro_matrix_read(f, &m), FERRO_EPARSE, "test_bad_input_cohort.tsv: line 2: no data rows after the header",
                 "matrix: header only");
    test_write_file(f, "probe\tgene\np1\tGPX4\np2\tNA\np3\tACSL4\np1\tTFRC\n");
    expect_error(ferro_probemap_read(f, &p), FERRO_EPARSE, "test_bad_input_cohort.tsv: lines 2 and 5: probe 'p1' is listed twice",
                 "probe map: both lines of a repeated probe");
    expect_true(m == NULL && p == NULL, "nothing returned on error");
    unlink(f);
    return test_summary("cohort bad input");
}
