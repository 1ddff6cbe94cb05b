/* cli_surv.h — what the survival subcommands (cox, km, lasso-cox) share: one option table, the
 * comma lists, number printing. */
#ifndef FERRO_CLI_SURV_H
#define FERRO_CLI_SURV_H

#include <stdio.h>
#include "cli.h"

/* Options of the survival commands; each command accepts a subset (CLI_SURV_* mask). */
enum {
    CLI_SURV_DATA = 1 << 0, CLI_SURV_TIME = 1 << 1, CLI_SURV_EVENT = 1 << 2, CLI_SURV_COV = 1 << 3,
    CLI_SURV_STRATA = 1 << 4, CLI_SURV_GROUP = 1 << 5, CLI_SURV_TIES = 1 << 6, CLI_SURV_CONF = 1 << 7,
    CLI_SURV_LAMBDA = 1 << 8, CLI_SURV_ALPHA = 1 << 9, CLI_SURV_NFOLDS = 1 << 10, CLI_SURV_FOLDID = 1 << 11,
    CLI_SURV_NLAMBDA = 1 << 12, CLI_SURV_LMR = 1 << 13,
    CLI_SURV_EXPR = 1 << 14, CLI_SURV_WHERE = 1 << 15, CLI_SURV_SPLIT = 1 << 16, CLI_SURV_LOO = 1 << 17,
    CLI_SURV_HTML = 1 << 18, CLI_SURV_ROBUST = 1 << 19, CLI_SURV_CLUSTER = 1 << 20
};

typedef struct {
    cli_common_t com;
    const char *data, *time, *event, *covariates, *strata, *group, *ties, *lambda, *foldid, *expr, *where, *split, *cluster;
    const char *html; /* --html FILE: a self-contained HTML report with the figure */
    double conf, alpha, lambda_min_ratio;
    int nfolds, nlambda, loo, robust;
} cli_surv_opts_t;

/* Parse argv for command cmd accepting the options in mask. Returns -1 to go on, else the exit
 * status to return (0 after --help, 2 on a usage error, message printed). */
int cli_surv_parse(const char *cmd, int argc, char **argv, int mask, const char *usage, cli_surv_opts_t *o);

/* Help text for --expr and --where. */
#define CLI_SURV_EXPR_HELP                                                                       \
    "  --expr MATRIX      genes x samples expression (TSV/CSV, gzip): covariates that are not\n"    \
    "                     TABLE columns are genes of it, matched by sample ID\n"                    \
    "  --where COL=VALUE  use only the TABLE rows where COL equals VALUE (e.g. lineage=B)\n"

/* Split "a,b,c" into a NULL-terminated array of strings (one allocation; free(list)).
 * Returns the count, or -1 for an empty item or out of memory. */
int cli_surv_split(const char *s, char ***list);
/* Print v with 15 significant digits, "NA" for NaN, "Inf"/"-Inf" as R prints them. */
void cli_surv_num(FILE *fp, double v);

#endif
