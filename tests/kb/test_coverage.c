/* test_coverage.c — `kb coverage` sorts findings into reproduced / not reproduced / cannot be
 * expressed, from a small findings table whose answers are known without simulation:
 *   F01 viability[] >= 0.99 holds (viability of untreated cells is 1 by definition),
 *   F02 viability[] <= 0.5 fails (same reason, for two lines),
 *   F90 names an agent the model lacks.
 * Evidence records whose finding is not in that table are listed as cannot_express. */
#include <stdlib.h>
#include <string.h>

#include "ferrosim/kb.h"
#include "test_util.h"

static int row_of(const ferro_kb_table_t *t, const char *finding)
{
    for (int i = 0; i < t->nrow; i++)
        if (!strcmp(ferro_kb_table_get(t, i, 0), finding)) return i;
    return -1;
}

int main(void)
{
    ferro_kb_t *kb;
    if (ferro_kb_load(FERRO_SOURCE_DIR "/data", &kb)) {
        fprintf(stderr, "%s\n", ferro_error_message());
        return 1;
    }
    ferro_kb_table_t *t = NULL;
    int rc = ferro_kb_coverage(kb, FERRO_SOURCE_DIR "/data", FERRO_TEST_DATA "/kb/coverage_findings.tsv", 1, &t);
    expect_int(rc, 0, "coverage runs");
    if (rc) fprintf(stderr, "%s\n", ferro_error_message());
    if (t) {
        int a = row_of(t, "F01"), b = row_of(t, "F02"), c = row_of(t, "F90");
        expect_true(a == 0 && b == 1 && c == 2, "the table's findings come first, in order");
        if (a >= 0) {
            expect_true(!strcmp(ferro_kb_table_get(t, a, 1), "reproduced"), "F01 reproduced");
            expect_true(!strcmp(ferro_kb_table_get(t, a, 2), "E15,E16,E17"), "F01's evidence records (erastin, p38, ERK)");
            expect_true(!strcmp(ferro_kb_table_get(t, a, 4), "1/1"), "F01: 1 of 1 check passes");
            expect_true(strstr(ferro_kb_table_get(t, a, 5), "Jurkat: viability[] >= 0.99 -> 1") != NULL,
                        "F01 reports the measured viability 1");
        }
        if (b >= 0) {
            expect_true(!strcmp(ferro_kb_table_get(t, b, 1), "not_reproduced"), "F02 not reproduced");
            expect_true(!strcmp(ferro_kb_table_get(t, b, 4), "0/2"), "F02: 0 of 2 checks (two lines)");
            expect_true(strstr(ferro_kb_table_get(t, b, 5), "FAIL NALM-6: viability[] <= 0.5 -> 1 (needs <= 0.5)") != NULL,
                        "F02 says what failed and what it needed");
        }
        if (c >= 0) {
            expect_true(!strcmp(ferro_kb_table_get(t, c, 1), "cannot_express"), "F90 cannot be expressed");
            expect_true(!strcmp(ferro_kb_table_get(t, c, 2), "-"), "F90 has no evidence record");
            expect_true(strstr(ferro_kb_table_get(t, c, 5), "unobtainium") != NULL, "F90 names the missing agent");
        }
        /* every other evidence record (finding not in the fixture, or none) is listed once */
        ferro_kb_table_t *ev;
        expect_int(ferro_kb_export(kb, "evidence", &ev), 0, "export evidence");
        int want = 0;
        for (int i = 0; i < ev->nrow; i++) {
            const char *f = ferro_kb_table_get(ev, i, 1);
            want += !f || (strcmp(f, "F01") && strcmp(f, "F02"));
        }
        int got = 0;
        for (int i = 3; i < t->nrow; i++)
            got += !strcmp(ferro_kb_table_get(t, i, 0), "-") && !strcmp(ferro_kb_table_get(t, i, 1), "cannot_express");
        expect_int(t->nrow - 3, want, "one row per untested evidence record");
        expect_int(got, want, "untested evidence records are cannot_express");
        ferro_kb_table_free(ev);
    }
    ferro_kb_table_free(t);
    ferro_kb_close(kb);
    return test_summary("kb/coverage");
}
