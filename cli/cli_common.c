/* cli_common.c — shared option handling and error reporting for all subcommands. */
#include "cli.h"

#include <omp.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void cli_common_init(cli_common_t *c)
{
    memset(c, 0, sizeof *c);
    c->threads = 1;
    c->seed = 1;
    c->out = "-";
}

int cli_common_handle(cli_common_t *c, int opt, const char *arg, const char *usage)
{
    long v;
    switch (opt) {
    case CLI_OPT_THREADS:
        if (ferro_parse_long(arg, &v) || v < 0 || v > 1024) {
            fprintf(stderr, "ferrosim: --threads: '%s' is not a thread count (0-1024)\n", arg);
            return -1;
        }
        c->threads = (int)v;
        return 1;
    case CLI_OPT_SEED: {
        char *end;
        unsigned long s = strtoul(arg, &end, 10);
        if (!*arg || *end || arg[0] == '-') {
            fprintf(stderr, "ferrosim: --seed: '%s' is not a non-negative integer\n", arg);
            return -1;
        }
        c->seed = s;
        return 1;
    }
    case CLI_OPT_OUT: c->out = arg; return 1;
    case CLI_OPT_JSON: c->json = 1; return 1;
    case CLI_OPT_QUIET: c->quiet = 1; ferro_log_set_level(FERRO_LOG_ERROR); return 1;
    case CLI_OPT_VERBOSE: ferro_log_set_level(FERRO_LOG_INFO); return 1;
    case CLI_OPT_HELP: fputs(usage, stdout); fputs(CLI_COMMON_HELP, stdout); return 2;
    default: return 0;
    }
}

int cli_fail(const char *cmd, int rc)
{
    const char *m = ferro_error_message();
    fprintf(stderr, "ferrosim %s: %s\n", cmd, m && *m ? m : ferro_strerror(rc));
    switch (rc) {
    case FERRO_EINVAL: case FERRO_EPARSE: case FERRO_ENOTFOUND: case FERRO_EUNSUPPORTED:
        return CLI_EXIT_USAGE;
    default:
        return CLI_EXIT_FAIL;
    }
}

int cli_usage_error(const char *cmd, const char *usage, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "ferrosim %s: ", cmd);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\n");
    (void)usage;
    fprintf(stderr, "Try 'ferrosim %s --help'.\n", cmd);
    return CLI_EXIT_USAGE;
}

void cli_getopt_reset(void) { optind = 1; opterr = 1; }

int cli_parse(const cli_parser_t *p, int argc, char **argv, cli_common_t *com, void *ctx)
{
    cli_getopt_reset();
    const char *shortopts = p->shortopts ? p->shortopts : "";
    int opt;
    while ((opt = getopt_long(argc, argv, shortopts, p->longopts, NULL)) != -1) {
        if (opt == '?') return cli_usage_error(p->cmd, p->usage, "unknown option");
        int h = cli_common_handle(com, opt == 'h' && strchr(shortopts, 'h') ? CLI_OPT_HELP : opt, optarg, p->usage);
        if (h == 2) return CLI_EXIT_OK;
        if (h < 0) return CLI_EXIT_USAGE;
        if (h == 1) continue;
        h = p->handle ? p->handle(ctx, opt, optarg) : CLI_OPT_UNKNOWN;
        if (h == CLI_OPT_UNKNOWN) return cli_usage_error(p->cmd, p->usage, "unknown option");
        if (h) return h;
    }
    if (!p->operands && optind < argc) return cli_usage_error(p->cmd, p->usage, "unexpected argument '%s'", argv[optind]);
    if (p->no_json && com->json) return cli_usage_error(p->cmd, p->usage, "--json: %s", p->no_json);
    return CLI_PARSED;
}

int cli_threads(const cli_common_t *c) { return c->threads > 0 ? c->threads : omp_get_num_procs(); }
