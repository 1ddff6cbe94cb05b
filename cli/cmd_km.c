/* cmd_km.c — `ferrosim km`: Kaplan–Meier curves, medians and the log-rank test (as R's
 * survfit / survdiff). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_surv.h"
#include "ferrosim/io.h"
#include "ferrosim/report.h"
#include "ferrosim/survival.h"

const char cmd_km_summary[] = "Kaplan-Meier curves, medians, log-rank test, as R's survfit/survdiff";

static const char usage[] =
    "Usage: ferrosim km --data TABLE --time COL --event COL [--group COL] [--strata COL]\n"
    "Kaplan-Meier estimate per group, equal to R's survfit (Greenwood variance; conf.type =\n"
    "\"log\": S * exp(-+ z * std_err), upper limit capped at 1), medians with confidence limits\n"
    "(quantile.survfit), and the log-rank test between groups (survdiff, rho = 0), stratified\n"
    "with --strata. Rows with a missing value in a used column are dropped (na.omit; counted).\n"
    "Output: group, time, n_risk, n_event, n_censor, surv, std_err (of the cumulative hazard, as\n"
    "survfit's $std.err), lower, upper — a row per distinct time; medians and the test as '#'\n"
    "comment lines, or all of it with --json.\n"
    "  --data TABLE      input table ('-' = stdin)\n"
    "  --time COL        follow-up time column\n"
    "  --event COL       event column (0/1, 1/2 with 2 = event, or TRUE/FALSE)\n"
    "  --group COL       categorical column: one curve per level, and the log-rank test\n"
    "  --strata COL      stratify the log-rank test (as survdiff(... + strata(COL)))\n"
    "  --conf-level C    default 0.95\n"
    "  --split VAR       groups high (VAR > its median, as R's x > median(x)) and low; VAR is a\n"
    "                    numeric column or, with --expr, a gene\n"
    "  --expr MATRIX     genes x samples expression for --split GENE (matched by sample ID)\n"
    "  --where COL=VALUE use only the rows where COL equals VALUE (e.g. lineage=B)\n"
    "  --html FILE       also write a self-contained HTML report: the curves with their confidence\n"
    "                    bands, censoring ticks, number at risk, medians and the log-rank test\n";

static void print_tsv(FILE *fp, const ferro_km_t *k, const ferro_surv_data_t *d)
{
    fprintf(fp, "# n=%d dropped=%d conf_level=%g conf_type=log\n", d->n, d->ndropped, k->conf_level);
    for (int g = 0; g < k->ncurve; g++) {
        const ferro_km_curve_t *c = &k->curve[g];
        fprintf(fp, "# median group=%s n=%d events=%d median=", k->labels[g], c->n, c->nevent);
        cli_surv_num(fp, c->median);
        fputs(" lower=", fp); cli_surv_num(fp, c->median_lo);
        fputs(" upper=", fp); cli_surv_num(fp, c->median_hi);
        fputc('\n', fp);
    }
    if (k->df > 0) {
        fputs("# logrank chisq=", fp); cli_surv_num(fp, k->chisq);
        fprintf(fp, " df=%d p=", k->df); cli_surv_num(fp, k->p);
        fprintf(fp, " strata=%d\n", d->strata ? d->nstrata : 0);
        for (int g = 0; g < k->ncurve; g++) {
            fprintf(fp, "# logrank group=%s observed=", k->labels[g]); cli_surv_num(fp, k->observed[g]);
            fputs(" expected=", fp); cli_surv_num(fp, k->expected[g]);
            fputc('\n', fp);
        }
    }
    fputs("group\ttime\tn_risk\tn_event\tn_censor\tsurv\tstd_err\tlower\tupper\n", fp);
    for (int g = 0; g < k->ncurve; g++) {
        const ferro_km_curve_t *c = &k->curve[g];
        for (int i = 0; i < c->ntime; i++) {
            fprintf(fp, "%s\t", k->labels[g]);
            cli_surv_num(fp, c->time[i]);
            fprintf(fp, "\t%d\t%d\t%d", c->n_risk[i], c->n_event[i], c->n_censor[i]);
            double v[4] = {c->surv[i], c->std_err[i], c->lower[i], c->upper[i]};
            for (int m = 0; m < 4; m++) { fputc('\t', fp); cli_surv_num(fp, v[m]); }
            fputc('\n', fp);
        }
    }
}

/* The HTML report: the figure, then the medians and the log-rank test as a table. */
static int write_html(const char *path, const ferro_km_t *k, const ferro_surv_data_t *d, const cli_surv_opts_t *a)
{
    ferro_report_t *r;
    char title[512], buf[512];
    snprintf(title, sizeof title, "Kaplan\xe2\x80\x93Meier: %.200s%s%.200s", a->data, a->where ? " where " : "", a->where ? a->where : "");
    int rc = ferro_report_open(path, title, &r);
    if (rc) return rc;
    snprintf(buf, sizeof buf, "%d samples (%d dropped for a missing value), endpoint %.60s / %.60s; %g%% confidence (log); "
             "groups by %.60s%s.", d->n, d->ndropped, a->time, a->event, 100 * k->conf_level,
             a->split ? a->split : a->group ? a->group : "none", a->split ? " above / at or below its median" : "");
    ferro_report_paragraph(r, buf);
    ferro_report_figures_begin(r);
    ferro_report_km(r, a->split ? a->split : a->group ? a->group : "all samples", a->time, k);
    ferro_report_figures_end(r);
    enum { NC = 7 };
    const char *hdr[NC] = {"group", "n", "events", "median", "lower", "upper", k->df > 0 ? "observed / expected" : ""};
    const int nc = k->df > 0 ? NC : NC - 1;
    ferro_report_table_begin(r, nc, hdr);
    for (int g = 0; g < k->ncurve; g++) {
        const ferro_km_curve_t *c = &k->curve[g];
        double v[3] = {c->median, c->median_lo, c->median_hi};
        char cell[NC][48];
        const char *cp[NC];
        snprintf(cell[0], 48, "%.47s", k->labels[g]);
        snprintf(cell[1], 48, "%d", c->n);
        snprintf(cell[2], 48, "%d", c->nevent);
        for (int m = 0; m < 3; m++)
            if (isnan(v[m])) snprintf(cell[3 + m], 48, "NA");
            else snprintf(cell[3 + m], 48, "%.4g", v[m]);
        if (k->df > 0) snprintf(cell[6], 48, "%.1f / %.1f", k->observed[g], k->expected[g]);
        for (int j = 0; j < nc; j++) cp[j] = cell[j];
        ferro_report_table_row(r, nc, cp);
    }
    ferro_report_table_end(r);
    if (k->df > 0) {
        snprintf(buf, sizeof buf, "Log-rank test (survdiff, rho = 0%s): chi-squared %.4g on %d df, p = %.4g.",
                 d->strata ? ", stratified" : "", k->chisq, k->df, k->p);
        ferro_report_paragraph(r, buf);
    }
    return ferro_report_commit(r);
}

static void print_json(FILE *fp, const ferro_km_t *k, const ferro_surv_data_t *d)
{
    fprintf(fp, "{\"n\": %d, \"dropped\": %d, \"conf_level\": %g, \"conf_type\": \"log\", \"curves\": [", d->n,
            d->ndropped, k->conf_level);
    for (int g = 0; g < k->ncurve; g++) {
        const ferro_km_curve_t *c = &k->curve[g];
        fputs(g ? ", {\"group\": " : "{\"group\": ", fp);
        ferro_json_string(fp, k->labels[g]);
        fprintf(fp, ", \"n\": %d, \"events\": %d, \"median\": ", c->n, c->nevent);
        ferro_json_number(fp, c->median);
        fputs(", \"median_lower\": ", fp); ferro_json_number(fp, c->median_lo);
        fputs(", \"median_upper\": ", fp); ferro_json_number(fp, c->median_hi);
        if (k->df > 0) {
            fputs(", \"observed\": ", fp); ferro_json_number(fp, k->observed[g]);
            fputs(", \"expected\": ", fp); ferro_json_number(fp, k->expected[g]);
        }
        const char *names[8] = {"time", "n_risk", "n_event", "n_censor", "surv", "std_err", "lower", "upper"};
        for (int m = 0; m < 8; m++) {
            fprintf(fp, ", \"%s\": [", names[m]);
            for (int i = 0; i < c->ntime; i++) {
                if (i) fputs(", ", fp);
                switch (m) {
                case 0: ferro_json_number(fp, c->time[i]); break;
                case 1: fprintf(fp, "%d", c->n_risk[i]); break;
                case 2: fprintf(fp, "%d", c->n_event[i]); break;
                case 3: fprintf(fp, "%d", c->n_censor[i]); break;
                case 4: ferro_json_number(fp, c->surv[i]); break;
                case 5: ferro_json_number(fp, c->std_err[i]); break;
                case 6: ferro_json_number(fp, c->lower[i]); break;
                default: ferro_json_number(fp, c->upper[i]); break;
                }
            }
            fputs("]", fp);
        }
        fputs("}", fp);
    }
    fputs("]", fp);
    if (k->df > 0) {
        fputs(", \"logrank\": {\"chisq\": ", fp); ferro_json_number(fp, k->chisq);
        fprintf(fp, ", \"df\": %d, \"p\": ", k->df); ferro_json_number(fp, k->p);
        fprintf(fp, ", \"strata\": %d}", d->strata ? d->nstrata : 0);
    }
    fputs("}\n", fp);
}

int cmd_km(int argc, char **argv)
{
    cli_surv_opts_t a;
    int st = cli_surv_parse("km", argc, argv,
                            CLI_SURV_DATA | CLI_SURV_TIME | CLI_SURV_EVENT | CLI_SURV_GROUP | CLI_SURV_STRATA |
                                CLI_SURV_CONF | CLI_SURV_WHERE | CLI_SURV_EXPR | CLI_SURV_SPLIT | CLI_SURV_HTML,
                            usage, &a);
    if (st >= 0) return st;
    if (a.group && a.split) return cli_usage_error("km", usage, "give --group or --split, not both");
    if (a.strata && !a.group && !a.split) return cli_usage_error("km", usage, "--strata needs --group or --split (it stratifies the log-rank test)");
    if (a.expr && !a.split) return cli_usage_error("km", usage, "--expr is used with --split GENE");
    const char *sv[1] = {a.split};
    ferro_surv_spec_t spec = {a.time, a.event, sv, a.split ? 1 : 0, a.strata, a.group, NULL, a.expr, a.where, NULL};
    ferro_surv_data_t *d = NULL;
    ferro_km_t *k = NULL;
    ferro_out_t *out = NULL;
    int rc = ferro_surv_data_read(a.data, &spec, &d);
    if (!rc && a.split) rc = ferro_surv_data_split_median(d, 0);
    if (!rc) rc = ferro_km_fit(d, a.conf, &k);
    if (!rc) rc = ferro_out_open(a.com.out, &out);
    if (!rc) {
        if (d->ndropped) ferro_info("km: %d rows with missing values dropped", d->ndropped);
        if (a.com.json) print_json(ferro_out_fp(out), k, d);
        else print_tsv(ferro_out_fp(out), k, d);
        if (a.html) rc = write_html(a.html, k, d, &a);
        if (rc) ferro_out_abort(out);
        else rc = ferro_out_commit(out);
    }
    ferro_km_free(k);
    ferro_surv_data_free(d);
    return rc ? cli_fail("km", rc) : CLI_EXIT_OK;
}
