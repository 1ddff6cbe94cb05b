/* cli.h — what every subcommand shares: the options spelled once, exit statuses, helpers.
 *
 * Exit statuses (documented in the man page):
 *   0  success
 *   1  runtime failure (solver failure, I/O error while running)
 *   2  bad usage or bad input (unknown option/name, malformed file, invalid value)
 */
#ifndef FERRO_CLI_H
#define FERRO_CLI_H

#include <getopt.h>
#include <stdio.h>
#include "ferrosim/common.h"

enum { CLI_EXIT_OK = 0, CLI_EXIT_FAIL = 1, CLI_EXIT_USAGE = 2 };

/* Options shared by all subcommands. */
typedef struct {
    int threads;      /* --threads N (default 1; 0 = all cores) */
    unsigned long seed; /* --seed S (default 1) */
    const char *out;  /* --out PATH ("-" = stdout; a directory for commands that write several files) */
    int json;         /* --json */
    int quiet;        /* --quiet */
} cli_common_t;

/* Long-option ids for the shared options (values above any short option). */
enum { CLI_OPT_THREADS = 1000, CLI_OPT_SEED, CLI_OPT_OUT, CLI_OPT_JSON, CLI_OPT_QUIET, CLI_OPT_HELP, CLI_OPT_VERBOSE };

/* Put this inside a getopt_long option table, before the terminating zero entry. */
#define CLI_COMMON_LONGOPTS                                                                   \
    {"threads", required_argument, 0, CLI_OPT_THREADS}, {"seed", required_argument, 0, CLI_OPT_SEED}, \
    {"out", required_argument, 0, CLI_OPT_OUT}, {"json", no_argument, 0, CLI_OPT_JSON},            \
    {"quiet", no_argument, 0, CLI_OPT_QUIET}, {"verbose", no_argument, 0, CLI_OPT_VERBOSE},        \
    {"help", no_argument, 0, CLI_OPT_HELP}

#define CLI_COMMON_HELP                                                                      \
    "Common options:\n"                                                                      \
    "  --threads N   worker threads (default 1; 0 = all cores); results do not depend on N\n"  \
    "  --seed S      random seed (default 1)\n"                                              \
    "  --out PATH    output file or directory ('-' = standard output, the default)\n"         \
    "  --json        JSON instead of TSV\n"                                                  \
    "  --quiet       no progress or warnings on stderr\n"                                    \
    "  --verbose     more messages on stderr\n"                                              \
    "  --help        this help\n"

void cli_common_init(cli_common_t *c);
/* Handle one getopt_long result if it is a shared option: returns 1 if handled, 0 if not,
 * -1 if the value is invalid (message printed). CLI_OPT_HELP prints usage to stdout and
 * returns 2 so the caller can exit 0. */
int cli_common_handle(cli_common_t *c, int opt, const char *arg, const char *usage);
/* Print "ferrosim CMD: <message>" to stderr and return the exit status for rc. */
int cli_fail(const char *cmd, int rc);
int cli_usage_error(const char *cmd, const char *usage, const char *fmt, ...) FERRO_PRINTF(3, 4);
/* Run getopt_long from the start of argv (resets optind). */
void cli_getopt_reset(void);
/* Resolve --threads 0 to the number of cores. */
int cli_threads(const cli_common_t *c);

#endif
