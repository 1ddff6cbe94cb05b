/* test_findings.c — the model reproduces the review's findings F01..F17 and the field's classic
 * findings F18+ (data/findings.tsv), each simulated through the population API with the stated
 * doses, times, cell numbers and thresholds. Prints every check with its measured value. */
#include <stdio.h>
#include <string.h>

#include "ferrosim/findings.h"
#include "ferrosim/population.h"
#include "test_util.h"

/* Under AddressSanitizer the simulations are ~10x slower: check a subset that still covers every
 * construct of the check language (other-line terms, ferro_share, gene factors, ratios of
 * deaths). The Release build checks all findings. */
#if defined(__SANITIZE_ADDRESS__)
#define FERRO_FINDINGS_SUBSET 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define FERRO_FINDINGS_SUBSET 1
#endif
#endif
#ifndef FERRO_FINDINGS_SUBSET
#define FERRO_FINDINGS_SUBSET 0
#endif
static const char *const subset[] = {"F02", "F06", "F13", "F19"};

static int selected(const char *id)
{
    if (!FERRO_FINDINGS_SUBSET) return 1;
    for (size_t i = 0; i < sizeof subset / sizeof *subset; i++)
        if (!strcmp(subset[i], id)) return 1;
    return 0;
}

int main(void)
{
    ferro_world_t *w = NULL;
    ferro_findings_t *f = NULL;
    int rc = ferro_world_load(FERRO_SOURCE_DIR "/data", NULL, &w);
    expect_int(rc, 0, "world loads");
    if (rc) {
        fprintf(stderr, "%s\n", ferro_error_message());
        return test_summary("findings");
    }
    rc = ferro_findings_load(FERRO_SOURCE_DIR "/data/findings.tsv", &f);
    expect_int(rc, 0, "findings load");
    if (rc) {
        fprintf(stderr, "%s\n", ferro_error_message());
        ferro_world_free(w);
        return test_summary("findings");
    }
    ferro_findings_set_threads(f, 2);
    int npass = 0, nrun = 0, n = ferro_findings_count(f);
    for (int i = 0; i < n; i++) {
        if (!selected(ferro_findings_id(f, i))) continue;
        nrun++;
        ferro_finding_result_t res;
        rc = ferro_findings_check(w, f, i, &res);
        char what[160];
        snprintf(what, sizeof what, "%s is evaluated", ferro_findings_id(f, i));
        expect_int(rc, 0, what);
        if (rc) {
            fprintf(stderr, "%s\n", ferro_error_message());
            continue;
        }
        printf("%s %s  %s\n", ferro_findings_id(f, i), res.pass ? "PASS" : "FAIL", ferro_findings_claim(f, i));
        for (int k = 0; k < res.nevals; k++) {
            const ferro_finding_eval_t *e = &res.evals[k];
            printf("    %-4s %-10s %-90s measured %.4g\n", e->pass ? "ok" : "FAIL", e->cell, e->text, e->value);
        }
        snprintf(what, sizeof what, "%s: %s", ferro_findings_id(f, i), ferro_findings_claim(f, i));
        expect_true(res.pass, what);
        npass += res.pass;
        ferro_finding_result_clear(&res);
    }
    printf("%d of %d findings reproduced%s\n", npass, nrun, FERRO_FINDINGS_SUBSET ? " (sanitizer build: subset)" : "");

    /* a name the world does not know is an error naming the finding, not a silent failure */
    ferro_finding_result_t res;
    ferro_findings_t *bad = NULL;
    rc = ferro_findings_load(FERRO_TEST_DATA "/findings/unknown_agent.tsv", &bad);
    expect_int(rc, 0, "a finding with an unknown agent parses");
    if (!rc) {
        rc = ferro_findings_check(w, bad, 0, &res);
        expect_int(rc, FERRO_ENOTFOUND, "an unknown agent is FERRO_ENOTFOUND");
        expect_true(strstr(ferro_error_message(), "X1") != NULL, "the message names the finding");
        ferro_findings_free(bad);
    }
    ferro_findings_free(f);
    ferro_world_free(w);
    return test_summary("findings");
}
