/* fuzz_util.h — shared by the libFuzzer harnesses tests/fuzz/fuzz_*.c (header-only).
 *
 * Each harness hands the fuzz input to a reader of the library exactly as a user's file would
 * reach it: written to a file in a private temporary folder, then read by path. On top of the
 * sanitizers, every failing call is checked for the library's promise: a known FERRO_E* code and
 * a non-empty message (fuzz_check aborts otherwise, so libFuzzer reports it as a crash). */
#ifndef FERRO_FUZZ_UTIL_H
#define FERRO_FUZZ_UTIL_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ferrosim/common.h"

static char fuzz_dir[256];

static inline void fuzz_cleanup(void)
{
    if (!fuzz_dir[0]) return;
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", fuzz_dir);
    if (system(cmd)) fuzz_dir[0] = 0;
}

/* The private folder (created on first use, removed at exit). */
static inline const char *fuzz_tmpdir(void)
{
    if (fuzz_dir[0]) return fuzz_dir;
    const char *base = getenv("TMPDIR");
    if (!base || !*base) base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
    snprintf(fuzz_dir, sizeof fuzz_dir, "%s/ferro-fuzz-XXXXXX", base);
    if (!mkdtemp(fuzz_dir)) { perror("mkdtemp"); abort(); }
    atexit(fuzz_cleanup);
    return fuzz_dir;
}

/* Write data to <tmpdir>/name (overwriting) and return the path (static buffer). */
static inline const char *fuzz_file(const uint8_t *data, size_t size, const char *name)
{
    static char path[512];
    snprintf(path, sizeof path, "%s/%s", fuzz_tmpdir(), name);
    FILE *fp = fopen(path, "wb");
    if (!fp || (size && fwrite(data, 1, size, fp) != size) || fclose(fp)) { perror(path); abort(); }
    return path;
}

/* A failing call must return a FERRO_E* code and leave a message naming what is wrong. */
static inline void fuzz_check_at(int rc, const char *what, int line)
{
    if (rc >= 0 || rc == FERRO_END) return;
    const char *msg = ferro_error_message();
    if (rc < FERRO_ENUMERIC) {
        fprintf(stderr, "fuzz: %s (line %d) returned unknown code %d: %s\n", what, line, rc, msg);
        abort();
    }
    if (!msg || !*msg) {
        fprintf(stderr, "fuzz: %s (line %d) failed with %d (%s) and no message\n", what, line, rc, ferro_strerror(rc));
        abort();
    }
}
#define fuzz_check(rc, what) fuzz_check_at((rc), (what), __LINE__)

/* A file reader's parse error must also say where: the file's name and a line number. */
static inline void fuzz_check_file_at(int rc, const char *what, const char *file, int line)
{
    fuzz_check_at(rc, what, line);
    if (rc != FERRO_EPARSE) return;
    const char *msg = ferro_error_message(), *base = strrchr(file, '/');
    base = base ? base + 1 : file;
    const char *l = msg;
    while ((l = strstr(l, "line")) && !(l[4] == ' ' && l[5] >= '0' && l[5] <= '9') &&
           !(l[4] == 's' && l[5] == ' ' && l[6] >= '0' && l[6] <= '9'))
        l += 4; /* "line 12" or "lines 3 and 7" */
    if (!strstr(msg, base) || !l) {
        fprintf(stderr, "fuzz: %s (line %d): a parse error without the file name or a line number: %s\n", what, line, msg);
        abort();
    }
}
#define fuzz_check_file(rc, what, file) fuzz_check_file_at((rc), (what), (file), __LINE__)

/* Quiet library logging once (warnings would flood the fuzzer's output). */
#define FUZZ_QUIET_INIT                                                          \
    int LLVMFuzzerInitialize(int *argc, char ***argv);                           \
    int LLVMFuzzerInitialize(int *argc, char ***argv)                            \
    {                                                                            \
        (void)argc; (void)argv;                                                  \
        ferro_log_set_level(FERRO_LOG_QUIET);                                    \
        return 0;                                                                \
    }

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif
