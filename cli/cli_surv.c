/* cli_surv.c — helpers shared by cmd_cox.c, cmd_km.c and cmd_lasso_cox.c. */
#include "cli_surv.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

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
        {"loo", no_argument, 0, CLI_SURV_LOO}, CLI_COMMON_LONGOPTS, {0, 0, 0, 0}};
    memset(o, 0, sizeof *o);
    cli_common_init(&o->com);
    o->ties = "efron";
    o->conf = 0.95;
    o->alpha = 1;
    o->lambda_min_ratio = -1;
    o->nlambda = 100;
    cli_getopt_reset();
    int c, idx;
    while ((c = getopt_long(argc, argv, "", opts, &idx)) != -1) {
        int h = cli_common_handle(&o->com, c, optarg, usage);
        if (h == 2) return CLI_EXIT_OK;
        if (h < 0) return CLI_EXIT_USAGE;
        if (h == 1) continue;
        if (c == '?') return cli_usage_error(cmd, usage, "unknown option");
        if (!(c & mask)) return cli_usage_error(cmd, usage, "--%s is not an option of this command", opts[idx].name);
        double v;
        long l;
        switch (c) {
        case CLI_SURV_DATA: o->data = optarg; break;
        case CLI_SURV_TIME: o->time = optarg; break;
        case CLI_SURV_EVENT: o->event = optarg; break;
        case CLI_SURV_COV: o->covariates = optarg; break;
        case CLI_SURV_STRATA: o->strata = optarg; break;
        case CLI_SURV_GROUP: o->group = optarg; break;
        case CLI_SURV_TIES: o->ties = optarg; break;
        case CLI_SURV_LAMBDA: o->lambda = optarg; break;
        case CLI_SURV_FOLDID: o->foldid = optarg; break;
        case CLI_SURV_EXPR: o->expr = optarg; break;
        case CLI_SURV_WHERE: o->where = optarg; break;
        case CLI_SURV_SPLIT: o->split = optarg; break;
        case CLI_SURV_LOO: o->loo = 1; break;
        case CLI_SURV_CONF:
        case CLI_SURV_ALPHA:
        case CLI_SURV_LMR:
            if (ferro_parse_double(optarg, &v) || !(c == CLI_SURV_ALPHA ? v >= 0 && v <= 1 : v > 0 && v < 1))
                return cli_usage_error(cmd, usage, "--%s: '%s' is not a number in %s", opts[idx].name, optarg,
                                       c == CLI_SURV_ALPHA ? "[0, 1]" : "(0, 1)");
            if (c == CLI_SURV_CONF) o->conf = v;
            else if (c == CLI_SURV_ALPHA) o->alpha = v;
            else o->lambda_min_ratio = v;
            break;
        case CLI_SURV_NFOLDS:
        case CLI_SURV_NLAMBDA:
            if (ferro_parse_long(optarg, &l) || l < (c == CLI_SURV_NFOLDS ? 3 : 1) || l > 100000)
                return cli_usage_error(cmd, usage, "--%s: '%s' is not a valid count%s", opts[idx].name, optarg,
                                       c == CLI_SURV_NFOLDS ? " (at least 3, as cv.glmnet)" : "");
            if (c == CLI_SURV_NFOLDS) o->nfolds = (int)l; else o->nlambda = (int)l;
            break;
        default: return cli_usage_error(cmd, usage, "unknown option");
        }
    }
    if (optind < argc) return cli_usage_error(cmd, usage, "unexpected argument '%s'", argv[optind]);
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
