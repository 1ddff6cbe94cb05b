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

/* One parse loop for every subcommand: getopt_long over argv from the start, the shared options
 * (CLI_COMMON_LONGOPTS) into *com, every other option to the command's handler.
 *
 *   static int my_opt(void *ctx, int opt, const char *arg) {
 *       my_args_t *a = ctx;
 *       switch (opt) {
 *       case O_EXPR: a->expr = arg; return 0;
 *       default: return CLI_OPT_UNKNOWN;
 *       }
 *   }
 *   static const cli_parser_t parser = {"de", usage, longopts, NULL, my_opt, 0};
 *   int st = cli_parse(&parser, argc, argv, &com, &args);
 *   if (st != CLI_PARSED) return st;
 *
 * The handler gets the option's getopt value and its argument (NULL for a flag); it returns 0
 * (taken), CLI_OPT_UNKNOWN (not an option of this command: "unknown option", exit 2) or an exit
 * status to stop with (its message printed, e.g. return cli_usage_error(...)). A short -h, where
 * shortopts has it, is --help. */
#define CLI_OPT_UNKNOWN (-1)
#define CLI_PARSED (-1)
typedef struct {
    const char *cmd;                /* the subcommand, for messages */
    const char *usage;              /* printed by --help, followed by CLI_COMMON_HELP */
    const struct option *longopts;  /* the command's options, CLI_COMMON_LONGOPTS, {0, 0, 0, 0} */
    const char *shortopts;          /* NULL: none */
    int (*handle)(void *ctx, int opt, const char *arg); /* NULL: shared options only */
    int operands;                   /* 0: an operand is a usage error ("unexpected argument");
                                       1: operands allowed, the caller reads them from argv[optind] */
    const char *no_json;            /* NULL: the command has JSON output; else why --json is refused
                                       (a usage error "--json: <no_json>", exit 2) */
} cli_parser_t;
/* Returns CLI_PARSED (every option taken: run the command) or the exit status to return:
 * CLI_EXIT_OK after --help, CLI_EXIT_USAGE after a bad option (message printed), or the handler's. */
int cli_parse(const cli_parser_t *p, int argc, char **argv, cli_common_t *com, void *ctx);
/* Resolve --threads 0 to the number of cores. */
int cli_threads(const cli_common_t *c);

#endif
