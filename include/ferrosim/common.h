/* ferrosim/common.h — return codes, the last-error message, logging, names, data paths.
 *
 * The one rule of the whole library (as in htslib): functions return int, 0 (or >= 0) on
 * success and a negative FERRO_E* code on failure; results travel through out-parameters.
 * On failure the library stores a message a user can act on ("agents.tsv: line 12, column 3:
 * 'abc' is not a number"), per thread, readable with ferro_error_message(). The library never
 * calls exit() or abort(). */
#ifndef FERROSIM_COMMON_H
#define FERROSIM_COMMON_H

#include <stddef.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#define FERRO_WUR __attribute__((warn_unused_result))
#define FERRO_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define FERRO_WUR
#define FERRO_PRINTF(a, b)
#endif

enum {
    FERRO_OK = 0,
    FERRO_END = -1,          /* normal end (of a file, an iteration) — not an error */
    FERRO_EINVAL = -2,       /* bad argument or option value */
    FERRO_EIO = -3,          /* cannot open / read / write */
    FERRO_ENOMEM = -4,       /* out of memory */
    FERRO_EPARSE = -5,       /* malformed input file */
    FERRO_ESOLVER = -6,      /* numerical failure (solver, fit) */
    FERRO_EUNSUPPORTED = -7, /* valid input using a construct ferrosim does not support */
    FERRO_ENOTFOUND = -8,    /* unknown name (cell line, agent, gene, species ...) */
    FERRO_ENUMERIC = -9      /* result undefined for these data (e.g. singular fit) */
};

/* Version of the library ("0.1.0"). */
const char *ferro_version(void);

/* Store a formatted message for this thread and return code (so: return ferro_error_set(...)). */
int ferro_error_set(int code, const char *fmt, ...) FERRO_PRINTF(2, 3);
/* Prefix the current message with "prefix: " (adds context while unwinding). Returns code. */
int ferro_error_prefix(int code, const char *fmt, ...) FERRO_PRINTF(2, 3);
/* After a failed fopen/gzopen of an input file: "PATH: cannot open for reading: <reason>".
 * A file that does not exist (or a path through a missing folder) is bad input,
 * FERRO_ENOTFOUND (CLI exit 2); any other failure is FERRO_EIO (exit 1). Reads errno. */
int ferro_error_open(const char *path);
/* The last message set on this thread ("" if none). */
const char *ferro_error_message(void);
void ferro_error_clear(void);
/* A short generic description of a code ("malformed input"). */
const char *ferro_strerror(int code);

/* Logging to stderr, filtered by level. */
enum { FERRO_LOG_QUIET = 0, FERRO_LOG_ERROR = 1, FERRO_LOG_WARNING = 2, FERRO_LOG_INFO = 3, FERRO_LOG_DEBUG = 4 };
void ferro_log_set_level(int level);
int ferro_log_get_level(void);
void ferro_log(int level, const char *fmt, ...) FERRO_PRINTF(2, 3);
#define ferro_warn(...) ferro_log(FERRO_LOG_WARNING, __VA_ARGS__)
#define ferro_info(...) ferro_log(FERRO_LOG_INFO, __VA_ARGS__)

/* Progress on stderr: a bar when stderr is a terminal and logging is not quiet, else silent.
 * Thread-safe ferro_progress_tick (atomic). */
typedef struct ferro_progress_s ferro_progress_t;
ferro_progress_t *ferro_progress_start(const char *label, long total);
void ferro_progress_tick(ferro_progress_t *p, long n);
void ferro_progress_finish(ferro_progress_t *p); /* NULL-safe; frees */

/* Names: fold for lookup — lowercase, without '-', '_', ' ', '.', ',', '(' or ')', and with
 * Greek letters spelled (α -> alpha, β -> beta, γ -> gamma). out has room for n bytes. */
void ferro_name_fold(const char *in, char *out, size_t n);
/* Edit distance (Levenshtein) between two folded names; for "did you mean" suggestions. */
int ferro_name_distance(const char *a, const char *b);

/* Strict number parsing: the whole string (surrounding blanks allowed) must be a finite number.
 * Returns 0, or FERRO_EPARSE (no message set; callers say where). */
int ferro_parse_double(const char *s, double *out) FERRO_WUR;
int ferro_parse_long(const char *s, long *out) FERRO_WUR;
/* 1 if s is a missing value as R reads it: "", "NA", "NaN", "nan" (case-sensitive "NA"). */
int ferro_is_na(const char *s);

/* Data directory: $FERROSIM_DATA if set, else the built-in one. ferro_data_path joins a
 * relative path to it into buf (size n); returns buf. */
const char *ferro_data_dir(void);
const char *ferro_data_path(const char *rel, char *buf, size_t n);

/* Allocation helpers that set the error message on failure. */
void *ferro_malloc(size_t n);
void *ferro_calloc(size_t m, size_t n);
void *ferro_realloc(void *p, size_t n);
char *ferro_strdup(const char *s);

#ifdef __cplusplus
}
#endif
#endif
