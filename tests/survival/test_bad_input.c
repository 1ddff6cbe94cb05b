/* test_bad_input.c — survival tables and signature files on bad input: every parse error names the
 * file and a line (found with tests/fuzz/fuzz_survival.c's check). */
#include <stdlib.h>
#include <unistd.h>
#include "ferrosim/survival.h"
#include "test_util.h"

int main(void)
{
    ferro_surv_spec_t spec = {"time", "status", NULL, 0, NULL, NULL, NULL, NULL, NULL, NULL};
    ferro_surv_data_t *d = NULL;
    const char *f = test_write_file("test_bad_input_surv.tsv", "id\tstatus\ttime\nA\t1\t3\nB\t0\t4\nC\t2\t5\n");
    expect_error(ferro_surv_data_read(f, &spec, &d), FERRO_EPARSE,
                 "test_bad_input_surv.tsv: lines 3 and 4: column 'status' mixes 0 and 2", "event coding 0 and 2 mixed");
    test_write_file(f, "id\nA\n");
    expect_error(ferro_surv_data_read(f, &spec, &d), FERRO_EPARSE, "test_bad_input_surv.tsv: line 1: a TABLE needs",
                 "one column");
    expect_true(d == NULL, "nothing returned on error");
    ferro_signature_t *s = NULL;
    test_write_file(f, "# ferrosim signature 1\ngene\tcoef\nGPX4\t0.5\n");
    expect_error(ferro_signature_read(f, &s), FERRO_EPARSE, "test_bad_input_surv.tsv: line 3 (end of file): a signature needs",
                 "signature without a cutoff");
    expect_true(s == NULL, "no signature");
    /* a gene twice: the file and both lines (it failed only when applied, "covariate 'GPX4' is listed twice") */
    test_write_file(f, "# ferrosim signature 1\n# cutoff=0\ngene\tcoef\nGPX4\t0.5\nACSL4\t1\nGPX4\t0.25\n");
    expect_error(ferro_signature_read(f, &s), FERRO_EPARSE,
                 "test_bad_input_surv.tsv: line 6, column 1: gene 'GPX4' is listed twice (first on line 4)", "gene twice");
    expect_true(s == NULL, "no signature");
    /* fuzz (fuzz_stdin): read from standard input, the message said "-:" instead of "<stdin>:" */
    test_write_file(f, "# ferrosim signature 1\n# cutoff=0\n");
    if (freopen(f, "r", stdin)) {
        expect_error(ferro_signature_read("-", &s), FERRO_EPARSE, "<stdin>: line 2 (end of file): a signature needs",
                     "signature on stdin without genes");
        expect_true(s == NULL, "no signature");
    } else {
        expect_true(0, "stdin from a file");
    }
    unlink(f);
    return test_summary("survival bad input");
}
