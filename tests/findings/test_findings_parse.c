/* test_findings_parse.c — data/findings.tsv parses; the check language and its error messages.
 * (Needs no simulation: the findings themselves are checked by test_findings.c.) */
#include <stdio.h>
#include <string.h>

#include "ferrosim/findings.h"
#include "test_util.h"

int main(void)
{
    ferro_findings_t *f = NULL;
    int rc = ferro_findings_load(FERRO_SOURCE_DIR "/data/findings.tsv", &f);
    expect_int(rc, 0, "data/findings.tsv loads");
    if (rc) fprintf(stderr, "%s\n", ferro_error_message());
    if (f) {
        /* the review's 17 findings first, in order, then the field's classic findings */
        expect_true(ferro_findings_count(f) >= 17, "at least the review's 17 findings");
        for (int i = 0; i < 17 && i < ferro_findings_count(f); i++) {
            char id[8];
            snprintf(id, sizeof id, "F%02d", i + 1);
            expect_true(!strcmp(ferro_findings_id(f, i), id), "F01..F17 in order");
            expect_true(ferro_findings_n_checks(f, i) >= 1, "every finding has checks");
            expect_true(ferro_findings_n_cells(f, i) >= 1, "every finding names a line");
        }
        int idx = -1;
        expect_int(ferro_findings_find(f, "f01", &idx), 0, "find is case-insensitive");
        expect_int(idx, 0, "F01 is the first");
        expect_true(!strcmp(ferro_findings_cell(f, 0, 0), "MOLT-4"), "F01 is about MOLT-4 (review ref 53)");
        expect_true(!strcmp(ferro_findings_review_ref(f, 0), "53"), "F01 cites review reference 53");
        expect_rel(ferro_findings_time(f, 0), 48, 0, "F01 read at 48 h");
        expect_int(ferro_findings_find(f, "F99", &idx), FERRO_ENOTFOUND, "unknown id");
        ferro_findings_free(f);
    }

    rc = ferro_findings_load(FERRO_TEST_DATA "/findings/bad_check.tsv", &f);
    expect_int(rc, FERRO_EPARSE, "an unclosed condition is a parse error");
    expect_true(strstr(ferro_error_message(), "line 3") && strstr(ferro_error_message(), "column 6") &&
                    strstr(ferro_error_message(), "check 2") && strstr(ferro_error_message(), "']'"),
                "the message names line, column, check and what is missing");
    rc = ferro_findings_load(FERRO_TEST_DATA "/findings/bad_time.tsv", &f);
    expect_int(rc, FERRO_EPARSE, "a bad time is a parse error");
    expect_true(strstr(ferro_error_message(), "line 2, column 4") != NULL, "the message names line and column");
    ferro_findings_free(NULL);
    ferro_finding_result_clear(NULL);
    return test_summary("findings_parse");
}
