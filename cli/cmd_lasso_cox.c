/* cmd_lasso_cox.c — `ferrosim lasso-cox`: elastic-net Cox path and k-fold cross-validation
 * (as R's glmnet / cv.glmnet with family = "cox"). */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_surv.h"
#include "ferrosim/io.h"
#include "ferrosim/survival.h"

const char cmd_lasso_cox_summary[] = "elastic-net Cox path + k-fold CV, as R's glmnet/cv.glmnet (cox)";

static const char usage[] =
    "Usage: ferrosim lasso-cox --data TABLE --time COL --event COL --covariates X,Y,... [options]\n"
    "Elastic-net Cox regression along a lambda path by coordinate descent, equal to R's\n"
    "glmnet(x, Surv(time, event), family = \"cox\") (Breslow partial likelihood, standardised\n"
    "covariates, glmnet's lambda sequence and stopping rules); with --nfolds or --foldid also\n"
    "cv.glmnet (type.measure = \"deviance\"): lambda.min and lambda.1se.\n"
    "Output: one row per lambda: lambda, df, dev_ratio, one column per covariate (coefficients on\n"
    "the original scale), and with cross-validation two more columns cvm, cvsd; the fit (n,\n"
    "events, nulldev, lambda_min, lambda_1se) as '#' comment lines, or all of it with --json.\n"
    "  --data TABLE            input table ('-' = stdin); rows with a missing value in a used\n"
    "                          column are dropped (na.omit; counted)\n"
    "  --time COL --event COL  survival time (> 0) and event (0/1, 1/2 or TRUE/FALSE)\n"
    "  --covariates LIST       comma-separated numeric columns\n"
    "  --alpha A               elastic-net mixing, 1 = lasso (default), 0 = ridge\n"
    "  --lambda L1,L2,...      user lambda values instead of glmnet's sequence\n"
    "  --nlambda N             length of the sequence (default 100)\n"
    "  --lambda-min-ratio R    default 0.01 if samples < covariates, else 1e-4\n"
    "  --nfolds K              K-fold cross-validation with random folds from --seed\n"
    "                          (ferrosim's generator: pass --foldid to reproduce an R run)\n"
    "  --foldid COL            cross-validation with the fold ids (1..K) of this column\n" CLI_SURV_EXPR_HELP;

static void print_tsv(FILE *fp, const ferro_surv_data_t *d, const ferro_coxnet_path_t *f,
                      const ferro_coxnet_cv_t *cv, double alpha)
{
    int nev = 0;
    for (int i = 0; i < d->n; i++) nev += d->event[i];
    fprintf(fp, "# n=%d events=%d dropped=%d covariates=%d alpha=%g ties=breslow nulldev=", d->n, nev,
            d->ndropped, d->p, alpha);
    cli_surv_num(fp, f->nulldev);
    fprintf(fp, " npasses=%d\n", f->npasses);
    if (f->jerr) fprintf(fp, "# warning: glmnet jerr=%d (path stopped early: maxit reached)\n", f->jerr);
    if (cv) {
        fprintf(fp, "# cv nfolds=%d type_measure=deviance lambda_min=", cv->nfolds);
        cli_surv_num(fp, cv->lambda_min);
        fputs(" lambda_1se=", fp);
        cli_surv_num(fp, cv->lambda_1se);
        fputc('\n', fp);
    }
    fputs("lambda\tdf\tdev_ratio", fp);
    for (int j = 0; j < d->p; j++) fprintf(fp, "\t%s", d->names[j]);
    fputs(cv ? "\tcvm\tcvsd\n" : "\n", fp);
    for (int l = 0; l < f->nlambda; l++) {
        cli_surv_num(fp, f->lambda[l]);
        fprintf(fp, "\t%d\t", f->df[l]);
        cli_surv_num(fp, f->dev_ratio[l]);
        for (int j = 0; j < d->p; j++) { fputc('\t', fp); cli_surv_num(fp, f->beta[(size_t)l * d->p + j]); }
        if (cv) {
            fputc('\t', fp); cli_surv_num(fp, cv->cvm[l]);
            fputc('\t', fp); cli_surv_num(fp, cv->cvsd[l]);
        }
        fputc('\n', fp);
    }
}

static void json_array(FILE *fp, const char *name, int n, const double *v)
{
    fprintf(fp, ", \"%s\": [", name);
    for (int i = 0; i < n; i++) { if (i) fputs(", ", fp); ferro_json_number(fp, v[i]); }
    fputs("]", fp);
}

static void print_json(FILE *fp, const ferro_surv_data_t *d, const ferro_coxnet_path_t *f,
                       const ferro_coxnet_cv_t *cv, double alpha)
{
    int nev = 0;
    for (int i = 0; i < d->n; i++) nev += d->event[i];
    fprintf(fp, "{\"n\": %d, \"events\": %d, \"dropped\": %d, \"alpha\": %g, \"ties\": \"breslow\", \"nulldev\": ",
            d->n, nev, d->ndropped, alpha);
    ferro_json_number(fp, f->nulldev);
    fprintf(fp, ", \"jerr\": %d, \"covariates\": [", f->jerr);
    for (int j = 0; j < d->p; j++) { if (j) fputs(", ", fp); ferro_json_string(fp, d->names[j]); }
    fputs("]", fp);
    json_array(fp, "lambda", f->nlambda, f->lambda);
    fputs(", \"df\": [", fp);
    for (int l = 0; l < f->nlambda; l++) fprintf(fp, l ? ", %d" : "%d", f->df[l]);
    fputs("]", fp);
    json_array(fp, "dev_ratio", f->nlambda, f->dev_ratio);
    fputs(", \"beta\": [", fp);
    for (int l = 0; l < f->nlambda; l++) {
        fputs(l ? ", [" : "[", fp);
        for (int j = 0; j < d->p; j++) { if (j) fputs(", ", fp); ferro_json_number(fp, f->beta[(size_t)l * d->p + j]); }
        fputs("]", fp);
    }
    fputs("]", fp);
    if (cv) {
        fprintf(fp, ", \"cv\": {\"nfolds\": %d, \"type_measure\": \"deviance\", \"lambda_min\": ", cv->nfolds);
        ferro_json_number(fp, cv->lambda_min);
        fputs(", \"lambda_1se\": ", fp);
        ferro_json_number(fp, cv->lambda_1se);
        json_array(fp, "cvm", f->nlambda, cv->cvm);
        json_array(fp, "cvsd", f->nlambda, cv->cvsd);
        fputs("}", fp);
    }
    fputs("}\n", fp);
}

int cmd_lasso_cox(int argc, char **argv)
{
    cli_surv_opts_t a;
    int st = cli_surv_parse("lasso-cox", argc, argv,
                            CLI_SURV_DATA | CLI_SURV_TIME | CLI_SURV_EVENT | CLI_SURV_COV | CLI_SURV_LAMBDA |
                                CLI_SURV_ALPHA | CLI_SURV_NFOLDS | CLI_SURV_FOLDID | CLI_SURV_NLAMBDA | CLI_SURV_LMR | CLI_SURV_EXPR | CLI_SURV_WHERE,
                            usage, &a);
    if (st >= 0) return st;
    if (a.nfolds && a.foldid) return cli_usage_error("lasso-cox", usage, "give --nfolds or --foldid, not both");
    ferro_coxnet_options_t o;
    ferro_coxnet_options_init(&o);
    o.alpha = a.alpha;
    o.nlambda = a.nlambda;
    o.lambda_min_ratio = a.lambda_min_ratio;
    o.threads = cli_threads(&a.com);
    double *lam = NULL;
    if (a.lambda) {
        char **items;
        int nl = cli_surv_split(a.lambda, &items);
        if (nl < 1) return cli_usage_error("lasso-cox", usage, "--lambda: '%s' is not a comma-separated list", a.lambda);
        lam = malloc((size_t)nl * sizeof *lam);
        for (int l = 0; lam && l < nl; l++)
            if (ferro_parse_double(items[l], &lam[l]) || lam[l] < 0) {
                int r = cli_usage_error("lasso-cox", usage, "--lambda: '%s' is not a non-negative number", items[l]);
                free(items); free(lam);
                return r;
            }
        free(items);
        if (!lam) return cli_fail("lasso-cox", FERRO_ENOMEM);
        o.lambda = lam;
        o.nlambda_user = nl;
    }
    char **cov;
    int ncov = cli_surv_split(a.covariates, &cov);
    if (ncov < 1) { free(lam); return cli_usage_error("lasso-cox", usage, "--covariates: '%s' is not a comma-separated list of columns", a.covariates); }
    ferro_surv_spec_t spec = {a.time, a.event, (const char *const *)cov, ncov, NULL, NULL, a.foldid, a.expr, a.where, NULL};
    ferro_surv_data_t *d = NULL;
    ferro_coxnet_path_t *f = NULL;
    ferro_coxnet_cv_t *cv = NULL;
    ferro_out_t *out = NULL;
    int rc = ferro_surv_data_read(a.data, &spec, &d);
    if (!rc && a.nfolds) {
        if (!(d->foldid = malloc(((size_t)d->n + 1) * sizeof *d->foldid))) rc = FERRO_ENOMEM;
        else rc = ferro_coxnet_foldid(d->n, a.nfolds, a.com.seed, d->foldid);
    }
    if (!rc) {
        if (d->foldid) { rc = ferro_coxnet_cv(d->n, d->p, d->x, d->time, d->event, d->foldid, &o, &cv); if (!rc) f = cv->fit; }
        else rc = ferro_coxnet_path(d->n, d->p, d->x, d->time, d->event, &o, &f);
    }
    if (!rc) rc = ferro_out_open(a.com.out, &out);
    if (!rc) {
        if (d->ndropped) ferro_info("lasso-cox: %d rows with missing values dropped", d->ndropped);
        if (f->jerr) ferro_warn("lasso-cox: glmnet jerr %d: the path stopped early (maxit reached)", f->jerr);
        if (a.com.json) print_json(ferro_out_fp(out), d, f, cv, o.alpha);
        else print_tsv(ferro_out_fp(out), d, f, cv, o.alpha);
        rc = ferro_out_commit(out);
    }
    if (cv) ferro_coxnet_cv_free(cv);
    else ferro_coxnet_path_free(f);
    free(cov);
    free(lam);
    ferro_surv_data_free(d);
    return rc ? cli_fail("lasso-cox", rc) : CLI_EXIT_OK;
}
