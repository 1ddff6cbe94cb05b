/* test_util.h — tiny assertion helpers shared by all C tests (header-only).
 *
 *   expect_rel(observed, expected, 1e-6, "what");   relative tolerance (absolute near 0)
 *   expect_abs(observed, expected, 1e-9, "what");
 *   expect_true(cond, "what");
 *   expect_error(rc, FERRO_EPARSE, "x.tsv: line 3, column 2:", "what");   code and message
 *   return test_summary("module");
 *
 * Each check prints a line only on failure; test_summary prints "N passed, M failed" and
 * returns the exit status for ctest. Tolerances are stated at the call, next to the reference. */
#ifndef FERRO_TEST_UTIL_H
#define FERRO_TEST_UTIL_H

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "ferrosim/common.h"

static int test_npass, test_nfail;

static inline void expect_true_at(int cond, const char *what, const char *file, int line)
{
    if (cond) { test_npass++; return; }
    test_nfail++;
    fprintf(stderr, "%s:%d: FAIL: %s\n", file, line, what);
}

static inline void expect_rel_at(double obs, double exp, double tol, const char *what, const char *file, int line)
{
    double scale = fabs(exp) > 1e-300 ? fabs(exp) : 1.0;
    int ok = (isnan(obs) && isnan(exp)) || (isinf(exp) && obs == exp) || fabs(obs - exp) <= tol * scale;
    if (ok) { test_npass++; return; }
    test_nfail++;
    fprintf(stderr, "%s:%d: FAIL: %s: observed %.15g, expected %.15g (rel. tol %g, rel. err %.3g)\n",
            file, line, what, obs, exp, tol, fabs(obs - exp) / scale);
}

static inline void expect_abs_at(double obs, double exp, double tol, const char *what, const char *file, int line)
{
    if (fabs(obs - exp) <= tol) { test_npass++; return; }
    test_nfail++;
    fprintf(stderr, "%s:%d: FAIL: %s: observed %.15g, expected %.15g (abs. tol %g)\n", file, line, what, obs, exp, tol);
}

#define expect_true(c, what) expect_true_at(!!(c), what, __FILE__, __LINE__)
#define expect_rel(o, e, tol, what) expect_rel_at((o), (e), (tol), what, __FILE__, __LINE__)
#define expect_abs(o, e, tol, what) expect_abs_at((o), (e), (tol), what, __FILE__, __LINE__)
#define expect_int(o, e, what) expect_true_at((long)(o) == (long)(e), what, __FILE__, __LINE__)

/* Write text to path (a small input file for a bad-input test); returns path. */
static inline const char *test_write_file(const char *path, const char *text)
{
    FILE *fp = fopen(path, "w");
    if (fp) {
        fputs(text, fp);
        fclose(fp);
    }
    return path;
}

/* A call failed with code and its message contains msg (e.g. "x.tsv: line 3, column 2: ..."). */
#define expect_error(rc, code, msg, what) expect_error_at((rc), (code), (msg), what, __FILE__, __LINE__)
static inline void expect_error_at(int rc, int code, const char *msg, const char *what, const char *file, int line)
{
    const char *got = ferro_error_message();
    expect_true_at(rc == code, what, file, line);
    expect_true_at(strstr(got, msg) != NULL, what, file, line);
    if (rc != code || !strstr(got, msg))
        fprintf(stderr, "    code %d (expected %d), message: %s\n    expected a message containing: %s\n", rc, code, got, msg);
}

static inline int test_summary(const char *name)
{
    printf("%s: %d passed, %d failed\n", name, test_npass, test_nfail);
    return test_nfail ? 1 : 0;
}

#endif
