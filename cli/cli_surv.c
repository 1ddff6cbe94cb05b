/* cli_surv.c — helpers shared by cmd_cox.c, cmd_km.c and cmd_lasso_cox.c. */
#include "cli_surv.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* What the option handler needs besides the options. */
typedef struct {
    cli_surv_opts_t *o;
    const char *cmd, *usage;
    int mask;                      /* the options this command takes */
    const struct option *longopts; /* for the option's name in messages */
} surv_ctx_t;

static int surv_option(void *ctx, int opt, const char *arg)
{
    const surv_ctx_t *x = ctx;
    cli_surv_opts_t *o = x->o;
    const struct option *lo = x->longopts;
    while (lo->name && lo->val != opt) lo++;
    const char *name = lo->name;
    if (!(opt & x->mask)) return cli_usage_error(x->cmd, x->usage, "--%s is not an option of this command", name);
    double v;
    long l;
    switch (opt) {
    case CLI_SURV_DATA: o->data = arg; break;
    case CLI_SURV_TIME: o->time = arg; break;
    case CLI_SURV_EVENT: o->event = arg; break;
    case CLI_SURV_COV: o->covariates = arg; break;
    case CLI_SURV_STRATA: o->strata = arg; break;
    case CLI_SURV_GROUP: o->group = arg; break;
    case CLI_SURV_TIES: o->ties = arg; break;
    case CLI_SURV_LAMBDA: o->lambda = arg; break;
    case CLI_SURV_FOLDID: o->foldid = arg; break;
    case CLI_SURV_EXPR: o->expr = arg; break;
    case CLI_SURV_WHERE: o->where = arg; break;
    case CLI_SURV_SPLIT: o->split = arg; break;
    case CLI_SURV_LOO: o->loo = 1; break;
    case CLI_SURV_HTML: o->html = arg; break;
    case CLI_SURV_ROBUST: o->robust = 1; break;
    case CLI_SURV_CLUSTER: o->cluster = arg; break;
    case CLI_SURV_CONF:
    case CLI_SURV_ALPHA:
    case CLI_SURV_LMR:
        if (ferro_parse_double(arg, &v) || !(opt == CLI_SURV_ALPHA ? v >= 0 && v <= 1 : v > 0 && v < 1))
            return cli_usage_error(x->cmd, x->usage, "--%s: '%s' is not a number in %s", name, arg,
                                   opt == CLI_SURV_ALPHA ? "[0, 1]" : "(0, 1)");
        if (opt == CLI_SURV_CONF) o->conf = v;
        else if (opt == CLI_SURV_ALPHA) o->alpha = v;
        else o->lambda_min_ratio = v;
        break;
    case CLI_SURV_NFOLDS:
    case CLI_SURV_NLAMBDA:
        if (ferro_parse_long(arg, &l) || l < (opt == CLI_SURV_NFOLDS ? 3 : 1) || l > 100000)
            return cli_usage_error(x->cmd, x->usage, "--%s: '%s' is not a valid count%s", name, arg,
                                   opt == CLI_SURV_NFOLDS ? " (at least 3, as cv.glmnet)" : "");
        if (opt == CLI_SURV_NFOLDS) o->nfolds = (int)l; else o->nlambda = (int)l;
        break;
    default: return CLI_OPT_UNKNOWN;
    }
    return 0;
}

int cli_surv_parse(const char *cmd, int argc, char **argv, int mask, const char *usage, cli_surv_opts_t *o)
{
    static const struct option opts[] = {
        {"data", required_argument, 0, CLI_SURV_DATA}, {"time", required_argument, 0, CLI_SURV_TIME},
        {"event", required_argument, 0, CLI_SURV_EVENT}, {"covariates", required_argument, 0, CLI_SURV_COV},
        {"strata", required_argument, 0, CLI_SURV_STRATA}, {"group", required_argument, 0, CLI_SURV_GROUP},
        {"ties", required_argument, 0, CLI_SURV_TIES}, {"conf-level", required_argument, 0, CLI_SURV_CONF},
        {"lambda", required_argument, 0, CLI_SURV_LAMBDA}, {"alpha", required_argument, 0, CLI_SURV_ALPHA},
        {"nfolds", required_argument, 0, CLI_SURV_NFOLDS}, {"foldid", required_argument, 0, CLI_SURV_FOLDID},
        {"nlambda", required_argument, 0, CLI_SURV_NLAMBDA},
        {"lambda-min-ratio", required_argument, 0, CLI_SURV_LMR}, {"expr", required_argument, 0, CLI_SURV_EXPR},
        {"where", required_argument, 0, CLI_SURV_WHERE}, {"split", required_argument, 0, CLI_SURV_SPLIT},
        {"loo", no_argument, 0, CLI_SURV_LOO}, {"html", required_argument, 0, CLI_SURV_HTML},
        {"robust", no_argument, 0, CLI_SURV_ROBUST}, {"cluster", required_argument, 0, CLI_SURV_CLUSTER},
        CLI_COMMON_LONGOPTS, {0, 0, 0, 0}};
    memset(o, 0, sizeof *o);
    cli_common_init(&o->com);
    o->ties = "efron";
    o->conf = 0.95;
    o->alpha = 1;
    o->lambda_min_ratio = -1;
    o->nlambda = 100;
    const cli_parser_t parser = {cmd, usage, opts, NULL, surv_option, 0, NULL};
    surv_ctx_t x = {o, cmd, usage, mask, opts};
    int st = cli_parse(&parser, argc, argv, &o->com, &x);
    if (st != CLI_PARSED) return st;
    if (!o->data || !o->time || !o->event)
        return cli_usage_error(cmd, usage, "--data, --time and --event are required");
    if ((mask & CLI_SURV_COV) && !o->covariates) return cli_usage_error(cmd, usage, "--covariates is required");
    return -1;
}

int cli_surv_split(const char *s, char ***list)
{
    *list = NULL;
    size_t len = strlen(s);
    int n = 1;
    for (const char *c = s; *c; c++) n += *c == ',';
    char **l = malloc((size_t)(n + 1) * sizeof *l + len + 1);
    if (!l) return -1;
    char *buf = (char *)(l + n + 1);
    memcpy(buf, s, len + 1);
    int k = 0;
    for (char *tok = buf;; ) {
        char *comma = strchr(tok, ',');
        if (comma) *comma = 0;
        if (!*tok) { free(l); return -1; }
        l[k++] = tok;
        if (!comma) break;
        tok = comma + 1;
    }
    l[k] = NULL;
    *list = l;
    return k;
}

void cli_surv_num(FILE *fp, double v)
{
    if (isnan(v)) fputs("NA", fp);
    else if (isinf(v)) fputs(v > 0 ? "Inf" : "-Inf", fp);
    else fprintf(fp, "%.15g", v);
}
