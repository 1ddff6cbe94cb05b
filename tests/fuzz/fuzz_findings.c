/* fuzz_findings.c — the findings language (src/findings: the table and its checks, e.g.
 * "viability[erastin=5, SB203580=10] - viability[erastin=5] >= 0.15"), read by
 * ferro_findings_load; a table that loads is walked with every accessor. */
#include "fuzz_util.h"
#include "ferrosim/findings.h"

FUZZ_QUIET_INIT

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_file(data, size, "findings.tsv");
    ferro_findings_t *f = NULL;
    ferro_error_clear();
    int rc = ferro_findings_load(path, &f);
    fuzz_check_file(rc, "ferro_findings_load", path);
    if (rc) return 0;
    for (int i = 0; i < ferro_findings_count(f); i++) {
        const char *id = ferro_findings_id(f, i);
        int idx;
        if (ferro_findings_find(f, id, &idx)) abort();
        (void)strlen(ferro_findings_claim(f, i));
        (void)strlen(ferro_findings_review_ref(f, i));
        for (int k = 0; k < ferro_findings_n_cells(f, i); k++) (void)strlen(ferro_findings_cell(f, i, k));
        (void)ferro_findings_time(f, i);
        for (int c = 0; c < ferro_findings_n_checks(f, i); c++) (void)strlen(ferro_findings_check_text(f, i, c));
    }
    ferro_findings_free(f);
    return 0;
}
