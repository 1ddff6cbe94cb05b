/* test_bad_input.c — gene-set files on bad input: every parse error names the file and a line
 * (found with tests/fuzz/fuzz_geneset.c's check: "no genes" had no line). */
#include <stdlib.h>
#include <unistd.h>
#include "ferrosim/geneset.h"
#include "test_util.h"

int main(void)
{
    ferro_genesets_t *gs = NULL;
    const char *f = test_write_file("test_bad_input_genes.txt", "# only comments\n   \n");
    expect_int(ferro_genesets_read(f, &gs), FERRO_EPARSE, "a list without genes fails");
    expect_true(strstr(ferro_error_message(), "test_bad_input_genes.txt: line 2 (end of file): no genes") != NULL,
                "message names file and line");
    expect_true(gs == NULL, "nothing returned");
    unlink(f);
    f = test_write_file("test_bad_input_sets.gmt", "");
    expect_int(ferro_genesets_read(f, &gs), FERRO_EPARSE, "an empty GMT file fails");
    expect_true(strstr(ferro_error_message(), "test_bad_input_sets.gmt: line 1 (end of file): no genes") != NULL,
                "message names file and line");
    unlink(f);
    f = test_write_file("test_bad_input_dup.gmt", "SET_A\tx\tGPX4\tSLC7A11\nSET_B\ty\tTFRC\nSET_A\tz\tACSL4\n");
    expect_error(ferro_genesets_read(f, &gs), FERRO_EPARSE,
                 "test_bad_input_dup.gmt: line 3, column 1: gene set 'SET_A' is already defined on line 1",
                 "a GMT set name used twice fails, naming both lines");
    expect_true(gs == NULL, "nothing returned");
    unlink(f);
    return test_summary("geneset bad input");
}
