/* cmd_cox.c — `ferrosim cox`: Cox proportional hazards (as R's survival::coxph). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_surv.h"
#include "ferrosim/io.h"
#include "ferrosim/survival.h"

const char cmd_cox_summary[] = "Cox proportional hazards (Efron/Breslow ties, strata), as R's coxph";

static const char usage[] =
    "Usage: ferrosim cox --data TABLE --time COL --event COL --covariates X,Y,... [options]\n"
    "Cox proportional hazards regression, equal to R's survival::coxph.\n"
    "TABLE: samples x variables TSV with a header, sample IDs in column 1 ('-' = stdin);\n"
    "rows with a missing value (NA, empty) in a used column are dropped (as na.omit; counted).\n"
    "Output: term, coef, HR, HR_lo, HR_hi, se, z, p; the fit (n, events, log-likelihoods,\n"
    "concordance, LR / Wald / score tests) as '#' comment lines, or all of it with --json.\n"
    "With --robust or --cluster: term, coef, HR, HR_lo, HR_hi, se, robust_se, z, p, where z, p,\n"
    "the HR interval and the Wald test use the robust variance, plus the robust score test\n"
    "(as summary(coxph(..., robust = TRUE)) prints them).\n"
    "  --data TABLE       input table\n"
    "  --time COL         follow-up time column\n"
    "  --event COL        event column (0/1, 1/2 with 2 = event, or TRUE/FALSE)\n"
    "  --covariates LIST  comma-separated numeric covariate columns\n"
    "  --strata COL       stratify on a categorical column (as + strata(COL))\n"
    "  --ties METHOD      efron (default, as coxph) or breslow\n"
    "  --conf-level C     for the HR interval (default 0.95)\n"
    "  --robust           the Lin-Wei robust (sandwich) variance from the dfbeta residuals,\n"
    "                     as coxph(..., robust = TRUE)\n"
    "  --cluster COL      robust variance with the dfbeta residuals summed per value of COL\n"
    "                     (as + cluster(COL)); implies --robust; a missing value is an error\n"
    "  --loo              also the leave-one-out cross-validated concordance: each sample's\n"
    "                     linear predictor from the model fitted without it (as predict(fit,\n"
    "                     newdata, type = \"lp\"), centred at that fit's means): out-of-sample C\n" CLI_SURV_EXPR_HELP;

static double loo_c = NAN; /* set by cmd_cox when --loo */

static void print_json(FILE *fp, const ferro_cox_fit_t *f, const ferro_surv_data_t *d, const char *ties)
{
    fprintf(fp, "{\"n\": %d, \"events\": %d, \"dropped\": %d, \"ties\": ", f->n, f->nevent, d->ndropped);
    ferro_json_string(fp, ties);
    fprintf(fp, ", \"strata\": %d, \"iterations\": %d, \"converged\": %s, \"loglik0\": ", d->strata ? d->nstrata : 0,
            f->iter, f->converged ? "true" : "false");
    ferro_json_number(fp, f->loglik0);
    fputs(", \"loglik\": ", fp); ferro_json_number(fp, f->loglik);
    fputs(", \"concordance\": ", fp); ferro_json_number(fp, f->conc.concordance);
    fputs(", \"concordance_se\": ", fp); ferro_json_number(fp, f->conc.std);
    if (!isnan(loo_c)) { fputs(", \"loo_concordance\": ", fp); ferro_json_number(fp, loo_c); }
    fprintf(fp, ", \"concordant\": %.0f, \"discordant\": %.0f, \"tied_x\": %.0f, \"tied_y\": %.0f, \"tied_xy\": %.0f",
            f->conc.concordant, f->conc.discordant, f->conc.tied_x, f->conc.tied_y, f->conc.tied_xy);
    const char *tn[4] = {"lr", "wald", "score", "robust_score"};
    double ts[4] = {f->lr, f->wald, f->score, f->rscore}, tp[4] = {f->lr_p, f->wald_p, f->score_p, f->rscore_p};
    if (f->robust) fprintf(fp, ", \"robust\": true, \"clusters\": %d", f->ncluster);
    for (int t = 0; t < 3 + f->robust; t++) {
        fprintf(fp, ", \"%s\": {\"chisq\": ", tn[t]);
        ferro_json_number(fp, ts[t]);
        fprintf(fp, ", \"df\": %d, \"p\": ", f->df);
        ferro_json_number(fp, tp[t]);
        fputs("}", fp);
    }
    fprintf(fp, ", \"conf_level\": %g, \"coefficients\": [", f->conf_level);
    for (int j = 0; j < f->p; j++) {
        fputs(j ? ", {\"term\": " : "{\"term\": ", fp);
        ferro_json_string(fp, f->names[j]);
        const char *k[8] = {"coef", "HR", "HR_lo", "HR_hi", "se", "robust_se", "z", "p"};
        double v[8] = {f->coef[j], f->hr[j], f->hr_lo[j], f->hr_hi[j], f->se[j], f->robust ? f->robust_se[j] : NAN, f->z[j], f->pvalue[j]};
        for (int m = 0; m < 8; m++) {
            if (m == 5 && !f->robust) continue;
            fprintf(fp, ", \"%s\": ", k[m]);
            ferro_json_number(fp, v[m]);
        }
        fputs("}", fp);
    }
    fputs("]}\n", fp);
}

static void print_tsv(FILE *fp, const ferro_cox_fit_t *f, const ferro_surv_data_t *d, const char *ties)
{
    fprintf(fp, "# n=%d events=%d dropped=%d ties=%s strata=%d iterations=%d converged=%s\n", f->n, f->nevent,
            d->ndropped, ties, d->strata ? d->nstrata : 0, f->iter, f->converged ? "yes" : "no");
    fputs("# loglik0=", fp); cli_surv_num(fp, f->loglik0);
    fputs(" loglik=", fp); cli_surv_num(fp, f->loglik);
    fputs("\n# concordance=", fp); cli_surv_num(fp, f->conc.concordance);
    fputs(" se=", fp); cli_surv_num(fp, f->conc.std);
    if (!isnan(loo_c)) { fputs(" loo_concordance=", fp); cli_surv_num(fp, loo_c); }
    fprintf(fp, " concordant=%.0f discordant=%.0f tied_x=%.0f tied_y=%.0f\n", f->conc.concordant,
            f->conc.discordant, f->conc.tied_x, f->conc.tied_y);
    const char *tn[4] = {"lr", "wald", "score", "robust_score"};
    double ts[4] = {f->lr, f->wald, f->score, f->rscore}, tp[4] = {f->lr_p, f->wald_p, f->score_p, f->rscore_p};
    if (f->robust) fprintf(fp, "# robust variance clusters=%d (z, p, HR interval and Wald test use it)\n", f->ncluster);
    for (int t = 0; t < 3 + f->robust; t++) {
        fprintf(fp, "# %s_test chisq=", tn[t]); cli_surv_num(fp, ts[t]);
        fprintf(fp, " df=%d p=", f->df); cli_surv_num(fp, tp[t]);
        fputc('\n', fp);
    }
    fputs(f->robust ? "term\tcoef\tHR\tHR_lo\tHR_hi\tse\trobust_se\tz\tp\n" : "term\tcoef\tHR\tHR_lo\tHR_hi\tse\tz\tp\n", fp);
    for (int j = 0; j < f->p; j++) {
        fputs(f->names[j], fp);
        double v[8] = {f->coef[j], f->hr[j], f->hr_lo[j], f->hr_hi[j], f->se[j], f->robust ? f->robust_se[j] : NAN, f->z[j], f->pvalue[j]};
        for (int m = 0; m < 8; m++) {
            if (m == 5 && !f->robust) continue;
            fputc('\t', fp);
            cli_surv_num(fp, v[m]);
        }
        fputc('\n', fp);
    }
}

int cmd_cox(int argc, char **argv)
{
    cli_surv_opts_t a;
    int st = cli_surv_parse("cox", argc, argv,
                            CLI_SURV_DATA | CLI_SURV_TIME | CLI_SURV_EVENT | CLI_SURV_COV | CLI_SURV_STRATA |
                                CLI_SURV_TIES | CLI_SURV_CONF | CLI_SURV_EXPR | CLI_SURV_WHERE | CLI_SURV_LOO | CLI_SURV_ROBUST | CLI_SURV_CLUSTER,
                            usage, &a);
    if (st >= 0) return st;
    ferro_cox_options_t o;
    ferro_cox_options_init(&o);
    o.conf_level = a.conf;
    o.robust = a.robust; /* --cluster: ferro_cox_fit turns it on with d->cluster */
    if (!strcmp(a.ties, "efron")) o.ties = FERRO_TIES_EFRON;
    else if (!strcmp(a.ties, "breslow")) o.ties = FERRO_TIES_BRESLOW;
    else return cli_usage_error("cox", usage, "--ties: '%s' is not efron or breslow", a.ties);
    char **cov;
    int ncov = cli_surv_split(a.covariates, &cov);
    if (ncov < 1) return cli_usage_error("cox", usage, "--covariates: '%s' is not a comma-separated list of columns", a.covariates);
    ferro_surv_spec_t spec = {a.time, a.event, (const char *const *)cov, ncov, a.strata, NULL, NULL, a.expr, a.where, a.cluster};
    ferro_surv_data_t *d = NULL;
    ferro_cox_fit_t *f = NULL;
    ferro_out_t *out = NULL;
    int rc = ferro_surv_data_read(a.data, &spec, &d);
    if (!rc) rc = ferro_cox_fit(d, &o, &f);
    if (!rc && a.loo) {
        double *lp = malloc(((size_t)d->n + 1) * sizeof *lp);
        ferro_concordance_t cc;
        rc = lp ? ferro_cox_cv_lp(d, &o, NULL, lp) : FERRO_ENOMEM;
        if (!rc) rc = ferro_concordance(d->n, d->time, d->event, lp, o.use_strata ? d->strata : NULL, &cc);
        if (!rc) loo_c = cc.concordance;
        free(lp);
    }
    if (!rc) rc = ferro_out_open(a.com.out, &out);
    if (!rc) {
        if (d->ndropped) ferro_info("cox: %d rows with missing values dropped", d->ndropped);
        if (!f->converged) ferro_warn("cox: ran out of iterations (%d) before convergence", f->iter);
        if (a.com.json) print_json(ferro_out_fp(out), f, d, a.ties);
        else print_tsv(ferro_out_fp(out), f, d, a.ties);
        rc = ferro_out_commit(out);
    }
    free(cov);
    ferro_cox_fit_free(f);
    ferro_surv_data_free(d);
    return rc ? cli_fail("cox", rc) : CLI_EXIT_OK;
}
