/* cmd_signature.c — `ferrosim signature build|apply`: the review's section-4 prognostic
 * signature workflow (parsing and printing; the work is in src/survival/signature.c). */
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_surv.h"
#include "ferrosim/io.h"
#include "ferrosim/report.h"
#include "ferrosim/survival.h"

const char cmd_signature_summary[] = "prognostic signature: build (DE, FerrDb, hubs, Cox, LASSO) / apply";

static const char usage[] =
    "Usage: ferrosim signature build --expr MATRIX --samples ANNOT --time COL --event COL\n"
    "                                --signature FILE [options]\n"
    "       ferrosim signature apply --signature FILE --expr MATRIX --samples ANNOT --time COL\n"
    "                                --event COL [--where COL=VALUE] [--auc-times T1,...]\n"
    "build: DE genes (limma, --de-group/--contrast; skipped without them) ∩ ferroptosis genes\n"
    "(FerrDb driver + suppressor by default) -> hub genes (MCC) in the interaction network ->\n"
    "univariate Cox screen -> LASSO-Cox (--nfolds-fold CV, lambda.min) -> multivariate Cox; the\n"
    "risk score (sum coef * expression) split at its training median; KM + log-rank, HR high vs\n"
    "low, C-index, time-dependent AUC (IPCW). Writes the signature to --signature and the report\n"
    "('#' lines per step and the multivariate Cox table, or --json) to --out.\n"
    "apply: the saved signature on a cohort: per-sample risk and group (training cutoff), with\n"
    "the same evaluation as '#' lines.\n"
    "  --expr MATRIX        genes x samples expression (TSV/CSV, gzip)\n"
    "  --samples ANNOT      sample annotation (sample IDs in column 1)\n"
    "  --time COL --event COL  survival endpoint columns of ANNOT\n"
    "  --where COL=VALUE    training / evaluation samples (e.g. lineage=B); DE uses all samples\n"
    "  --de-group COL       annotation column for the DE step, with --contrast A,B (A minus B)\n"
    "  --fdr F --lfc L      DE thresholds: adj_p < F (0.05), |logFC| >= L (1)\n"
    "  --genesets LIST      comma-separated gene-set files (default: FerrDb driver + suppressor)\n"
    "  --network FILE       edge list (default: the curated ferroptosis network)\n"
    "  --hubs N             hub genes reported (10; 0 = no hub step)  --hubs-only: keep only them\n"
    "  --screen-p P         univariate Cox screen threshold (0.05)\n"
    "  --nfolds K           CV folds (10; random from --seed)  --lambda min|1se (min)\n"
    "  --alpha A            elastic-net mixing (1 = lasso)\n"
    "  --auc-times LIST     times for AUC(t) (default: quartiles of the event times)\n"
    "  --signature FILE     build: where to save it; apply: the signature to use\n"
    "  --html FILE          also write a self-contained HTML report: the workflow's steps, the\n"
    "                       signature's Cox table, the risk groups' Kaplan-Meier curves (number at\n"
    "                       risk, log-rank), HR, C-index and AUC(t)\n";

enum { O_EXPR = 1, O_SAMPLES, O_TIME, O_EVENT, O_WHERE, O_DEGROUP, O_CONTRAST, O_FDR, O_LFC, O_GENESETS,
       O_NETWORK, O_HUBS, O_HUBSONLY, O_SCREENP, O_NFOLDS, O_LAMBDA, O_ALPHA, O_AUCT, O_SIG, O_HTML };

static void print_eval(FILE *fp, const ferro_signature_eval_t *e, double cutoff)
{
    int nh = 0;
    for (int i = 0; i < e->n; i++) nh += e->high[i];
    fprintf(fp, "# evaluation n=%d events=%d dropped=%d cutoff=", e->n, e->nevent, e->ndropped);
    cli_surv_num(fp, cutoff);
    fprintf(fp, " high=%d low=%d\n# logrank chisq=", nh, e->n - nh);
    cli_surv_num(fp, e->logrank_chisq); fputs(" df=1 p=", fp); cli_surv_num(fp, e->logrank_p);
    fputs(" median_high=", fp); cli_surv_num(fp, e->median_high);
    fputs(" median_low=", fp); cli_surv_num(fp, e->median_low);
    fputs("\n# hr_high_vs_low=", fp); cli_surv_num(fp, e->hr);
    fputs(" lo=", fp); cli_surv_num(fp, e->hr_lo); fputs(" hi=", fp); cli_surv_num(fp, e->hr_hi);
    fputs(" p=", fp); cli_surv_num(fp, e->hr_p);
    fputs("\n# c_index=", fp); cli_surv_num(fp, e->cindex.concordance);
    fputc('\n', fp);
    for (int k = 0; k < e->nauc; k++) {
        fputs("# auc time=", fp); cli_surv_num(fp, e->auc_time[k]);
        fputs(" auc=", fp); cli_surv_num(fp, e->auc[k]);
        fputc('\n', fp);
    }
}

static void json_eval(FILE *fp, const ferro_signature_eval_t *e, double cutoff)
{
    int nh = 0;
    for (int i = 0; i < e->n; i++) nh += e->high[i];
    fprintf(fp, "{\"n\": %d, \"events\": %d, \"dropped\": %d, \"cutoff\": ", e->n, e->nevent, e->ndropped);
    ferro_json_number(fp, cutoff);
    fprintf(fp, ", \"high\": %d, \"low\": %d, \"logrank_chisq\": ", nh, e->n - nh);
    ferro_json_number(fp, e->logrank_chisq);
    fputs(", \"logrank_p\": ", fp); ferro_json_number(fp, e->logrank_p);
    fputs(", \"median_high\": ", fp); ferro_json_number(fp, e->median_high);
    fputs(", \"median_low\": ", fp); ferro_json_number(fp, e->median_low);
    fputs(", \"hr_high_vs_low\": ", fp); ferro_json_number(fp, e->hr);
    fputs(", \"hr_lo\": ", fp); ferro_json_number(fp, e->hr_lo);
    fputs(", \"hr_hi\": ", fp); ferro_json_number(fp, e->hr_hi);
    fputs(", \"hr_p\": ", fp); ferro_json_number(fp, e->hr_p);
    fputs(", \"c_index\": ", fp); ferro_json_number(fp, e->cindex.concordance);
    fputs(", \"auc\": [", fp);
    for (int k = 0; k < e->nauc; k++) {
        fputs(k ? ", {\"time\": " : "{\"time\": ", fp);
        ferro_json_number(fp, e->auc_time[k]);
        fputs(", \"auc\": ", fp); ferro_json_number(fp, e->auc[k]);
        fputs("}", fp);
    }
    fputs("], \"samples\": [", fp);
    for (int i = 0; i < e->n; i++) {
        fputs(i ? ", {\"sample\": " : "{\"sample\": ", fp);
        ferro_json_string(fp, e->sample[i]);
        fputs(", \"risk\": ", fp); ferro_json_number(fp, e->risk[i]);
        fprintf(fp, ", \"group\": \"%s\"}", e->high[i] ? "high" : "low");
    }
    fputs("]}", fp);
}

static void print_list(FILE *fp, char **g, int n)
{
    for (int k = 0; k < n; k++) fprintf(fp, "%s%s", k ? "," : "", g[k]);
}

static void print_report(FILE *fp, const ferro_signature_report_t *r, const ferro_signature_t *s,
                         const ferro_signature_options_t *o)
{
    if (r->n_de >= 0) fprintf(fp, "# step de method=limma group=%s contrast=%s-%s fdr=%g lfc=%g genes=%d de=%d\n",
                              o->de_group, o->de_a, o->de_b, o->de_fdr, o->de_lfc, r->n_genes, r->n_de);
    else fprintf(fp, "# step de skipped genes=%d\n", r->n_genes);
    fprintf(fp, "# step ferroptosis_genes candidates=%d genes=", r->n_ferro);
    print_list(fp, r->ferro, r->n_ferro);
    fprintf(fp, "\n# step ferroptosis_genes not_on_array=%d genes=", r->n_absent);
    print_list(fp, r->absent, r->n_absent);
    fprintf(fp, "\n# step hubs top=%d by=mcc genes=", r->n_hubs);
    for (int k = 0; k < r->n_hubs; k++) fprintf(fp, "%s%s(mcc=%g,degree=%g)", k ? "," : "", r->hub[k], r->hub_mcc[k], r->hub_degree[k]);
    fprintf(fp, "%s\n# step univariate_cox p<%g passed=%d genes=", o->hubs_only ? " (candidates restricted to hubs)" : "",
            o->screen_p, r->n_screen);
    for (int k = 0; k < r->n_screen; k++) fprintf(fp, "%s%s(p=%.4g,HR=%.4g)", k ? "," : "", r->screen[k], r->screen_p[k], r->screen_hr[k]);
    if (r->stopped[0]) { fprintf(fp, "\n# stopped: %s\n", r->stopped); return; }
    fprintf(fp, "\n# step lasso_cox nfolds=%d lambda_rule=%s lambda=", o->nfolds, o->use_1se ? "1se" : "min");
    cli_surv_num(fp, r->lambda);
    fprintf(fp, " selected=%d%s\n", r->n_lasso,
            isnan(r->lambda) ? " (skipped: fewer than 2 screened genes)"
            : r->n_lasso == 0 ? " (none: the multivariate model uses the screened genes)" : "");
    fprintf(fp, "# step multivariate_cox genes=%d n=%d events=%d lr_p=", s->ngene, r->cox->n, r->cox->nevent);
    cli_surv_num(fp, r->cox->lr_p);
    fputs(" concordance=", fp); cli_surv_num(fp, r->cox->conc.concordance);
    fputc('\n', fp);
    print_eval(fp, r->train, s->cutoff);
    fputs("term\tcoef\tHR\tHR_lo\tHR_hi\tse\tz\tp\n", fp);
    const ferro_cox_fit_t *f = r->cox;
    for (int j = 0; j < f->p; j++) {
        fputs(f->names[j], fp);
        double v[7] = {f->coef[j], f->hr[j], f->hr_lo[j], f->hr_hi[j], f->se[j], f->z[j], f->pvalue[j]};
        for (int m = 0; m < 7; m++) { fputc('\t', fp); cli_surv_num(fp, v[m]); }
        fputc('\n', fp);
    }
}

static void json_report(FILE *fp, const ferro_signature_report_t *r, const ferro_signature_t *s)
{
    fprintf(fp, "{\"genes\": %d, \"de\": %d, \"ferroptosis_candidates\": [", r->n_genes, r->n_de);
    for (int k = 0; k < r->n_ferro; k++) { if (k) fputs(", ", fp); ferro_json_string(fp, r->ferro[k]); }
    fputs("], \"not_on_array\": [", fp);
    for (int k = 0; k < r->n_absent; k++) { if (k) fputs(", ", fp); ferro_json_string(fp, r->absent[k]); }
    fputs("], \"hubs\": [", fp);
    for (int k = 0; k < r->n_hubs; k++) {
        fputs(k ? ", {\"gene\": " : "{\"gene\": ", fp);
        ferro_json_string(fp, r->hub[k]);
        fprintf(fp, ", \"mcc\": %g, \"degree\": %g}", r->hub_mcc[k], r->hub_degree[k]);
    }
    fputs("], \"screen\": [", fp);
    for (int k = 0; k < r->n_screen; k++) {
        fputs(k ? ", {\"gene\": " : "{\"gene\": ", fp);
        ferro_json_string(fp, r->screen[k]);
        fputs(", \"p\": ", fp); ferro_json_number(fp, r->screen_p[k]);
        fputs(", \"HR\": ", fp); ferro_json_number(fp, r->screen_hr[k]);
        fputs("}", fp);
    }
    if (r->stopped[0]) { fputs("], \"stopped\": ", fp); ferro_json_string(fp, r->stopped); fputs("}\n", fp); return; }
    fputs("], \"lasso_lambda\": ", fp);
    ferro_json_number(fp, r->lambda);
    fprintf(fp, ", \"lasso_selected\": %d, \"signature\": [", r->n_lasso);
    for (int k = 0; k < s->ngene; k++) {
        fputs(k ? ", {\"gene\": " : "{\"gene\": ", fp);
        ferro_json_string(fp, s->gene[k]);
        fputs(", \"coef\": ", fp); ferro_json_number(fp, s->coef[k]);
        fputs(", \"p\": ", fp); ferro_json_number(fp, r->cox->pvalue[k]);
        fputs("}", fp);
    }
    fputs("], \"training\": ", fp);
    json_eval(fp, r->train, s->cutoff);
    fputs("}\n", fp);
}

/* ---- the HTML report ---- */

/* A number as the report shows it (4 significant digits, NA), in at most 32 bytes. */
static void fmt(char *buf, double v)
{
    if (isnan(v)) snprintf(buf, 32, "NA");
    else snprintf(buf, 32, "%.4g", v);
}

/* One "name | value" row of a two-column table, the value formatted as printf. */
static void row2(ferro_report_t *r, const char *name, const char *format, ...) FERRO_PRINTF(3, 4);
static void row2(ferro_report_t *r, const char *name, const char *format, ...)
{
    char value[200];
    va_list ap;
    va_start(ap, format);
    vsnprintf(value, sizeof value, format, ap);
    va_end(ap);
    const char *cells[2] = {name, value};
    ferro_report_table_row(r, 2, cells);
}

static void html_eval(ferro_report_t *r, const ferro_signature_eval_t *e, double cutoff, const char *title,
                      const char *timecol)
{
    int nh = 0;
    for (int k = 0; k < e->n; k++) nh += e->high[k];
    if (e->km) {
        ferro_report_figures_begin(r);
        ferro_report_km(r, title, timecol, e->km);
        ferro_report_figures_end(r);
    } else {
        ferro_report_paragraph(r, "Every sample falls in one risk group: no Kaplan-Meier comparison.");
    }
    static const char *const hdr[2] = {"measure", "value"};
    ferro_report_table_begin(r, 2, hdr);
    char a[32], b[32], c[32], d[32];
    fmt(a, cutoff);
    row2(r, "samples (events; dropped for a missing value)", "%d (%d; %d)", e->n, e->nevent, e->ndropped);
    row2(r, "risk cutoff (median training risk)", "%s: %d high, %d low", a, nh, e->n - nh);
    fmt(a, e->logrank_chisq); fmt(b, e->logrank_p);
    row2(r, "log-rank high vs low", "chi-squared %s, df 1, p %s", a, b);
    fmt(a, e->median_high); fmt(b, e->median_low);
    row2(r, "median survival high / low", "%s / %s", a, b);
    fmt(a, e->hr); fmt(b, e->hr_lo); fmt(c, e->hr_hi); fmt(d, e->hr_p);
    row2(r, "hazard ratio high vs low (95% CI), p", "%s (%s-%s), p %s", a, b, c, d);
    fmt(a, e->cindex.concordance);
    row2(r, "C-index of the risk score", "%s", a);
    for (int k = 0; k < e->nauc; k++) {
        char name[80];
        fmt(a, e->auc_time[k]); fmt(b, e->auc[k]);
        snprintf(name, sizeof name, "time-dependent AUC at %s", a);
        row2(r, name, "%s", b);
    }
    ferro_report_table_end(r);
}

static int html_build(const char *path, const ferro_signature_report_t *rep, const ferro_signature_t *s,
                      const ferro_signature_options_t *o, const char *expr, const char *samples)
{
    ferro_report_t *r;
    char title[600];
    snprintf(title, sizeof title, "Prognostic ferroptosis signature: %.250s%s%.250s", samples, o->where ? " where " : "",
             o->where ? o->where : "");
    int rc = ferro_report_open(path, title, &r);
    if (rc) return rc;
    snprintf(title, sizeof title, "Expression %.250s; endpoint %.100s / %.100s.", expr, o->time, o->event);
    ferro_report_paragraph(r, title);
    ferro_report_heading(r, 2, "Workflow");
    static const char *const hdr2[2] = {"step", "result"};
    ferro_report_table_begin(r, 2, hdr2);
    if (rep->n_de >= 0)
        row2(r, "differential expression (limma)", "%d of %d genes (%s vs %s, adj. p < %g, |logFC| >= %g)", rep->n_de,
             rep->n_genes, o->de_a, o->de_b, o->de_fdr, o->de_lfc);
    else row2(r, "differential expression", "skipped (%d genes)", rep->n_genes);
    row2(r, "ferroptosis genes (candidates)", "%d (%d of the sets not on the array)", rep->n_ferro, rep->n_absent);
    char list[160] = "";
    size_t used = 0;
    for (int k = 0; k < rep->n_hubs && used + 1 < sizeof list; k++)
        used += (size_t)snprintf(list + used, sizeof list - used, "%s%s", k ? ", " : "", rep->hub[k]);
    row2(r, "hub genes (MCC)", "%d: %.160s", rep->n_hubs, list);
    row2(r, "univariate Cox screen", "%d genes with p < %g", rep->n_screen, o->screen_p);
    if (!rep->stopped[0]) {
        char a[32];
        fmt(a, rep->lambda);
        row2(r, "LASSO-Cox", "%d genes at lambda %s (%d-fold CV, lambda.%s)", rep->n_lasso, a, o->nfolds,
             o->use_1se ? "1se" : "min");
        fmt(a, rep->cox->lr_p);
        row2(r, "multivariate Cox", "%d genes, likelihood-ratio p %s", s->ngene, a);
    } else {
        row2(r, "stopped", "%.190s", rep->stopped);
    }
    ferro_report_table_end(r);
    if (!rep->stopped[0]) {
        ferro_report_heading(r, 2, "Signature (multivariate Cox)");
        static const char *const hdr5[5] = {"gene", "coef", "HR", "95% CI", "p"};
        ferro_report_table_begin(r, 5, hdr5);
        const ferro_cox_fit_t *f = rep->cox;
        for (int j = 0; j < f->p; j++) {
            char coef[32], hr[32], lo[32], hi[32], ci[72], p[32];
            fmt(coef, f->coef[j]);
            fmt(hr, f->hr[j]);
            fmt(lo, f->hr_lo[j]);
            fmt(hi, f->hr_hi[j]);
            snprintf(ci, sizeof ci, "%s-%s", lo, hi);
            fmt(p, f->pvalue[j]);
            const char *cells[5] = {f->names[j], coef, hr, ci, p};
            ferro_report_table_row(r, 5, cells);
        }
        ferro_report_table_end(r);
        ferro_report_paragraph(r, "Risk score = sum of coef x expression; high risk = above the training median.");
        ferro_report_heading(r, 2, "Risk groups (training samples)");
        ferro_report_paragraph(r, "These are the samples the signature was selected and fitted on: the separation, "
                                  "hazard ratio, C-index and AUC below are optimistic. Judge the signature on an "
                                  "independent cohort (ferrosim signature apply).");
        html_eval(r, rep->train, s->cutoff, "training: high vs low risk", o->time);
    }
    return ferro_report_commit(r);
}

static int html_apply(const char *path, const ferro_signature_t *s, const ferro_signature_eval_t *e, const char *sigpath,
                      const char *expr, const char *samples, const char *time, const char *event, const char *where)
{
    ferro_report_t *r;
    char buf[800];
    snprintf(buf, sizeof buf, "Signature %.200s on %.250s%s%.200s", sigpath, samples, where ? " where " : "", where ? where : "");
    int rc = ferro_report_open(path, buf, &r);
    if (rc) return rc;
    snprintf(buf, sizeof buf, "Expression %.250s; endpoint %.100s / %.100s; the training cutoff.", expr, time, event);
    ferro_report_paragraph(r, buf);
    ferro_report_heading(r, 2, "Signature");
    static const char *const hdr[2] = {"gene", "coef"};
    ferro_report_table_begin(r, 2, hdr);
    for (int j = 0; j < s->ngene; j++) row2(r, s->gene[j], "%.6g", s->coef[j]);
    ferro_report_table_end(r);
    ferro_report_heading(r, 2, "Risk groups");
    html_eval(r, e, s->cutoff, "high vs low risk", time);
    return ferro_report_commit(r);
}

static int parse_list_d(const char *arg, double **v, int *n)
{
    char **items;
    int k = cli_surv_split(arg, &items);
    if (k < 1) return -1;
    *v = malloc((size_t)k * sizeof **v);
    if (!*v) { free(items); return -1; }
    for (int i = 0; i < k; i++)
        if (ferro_parse_double(items[i], &(*v)[i])) { free(items); free(*v); *v = NULL; return -1; }
    free(items);
    *n = k;
    return 0;
}

typedef struct {
    ferro_signature_options_t *o;
    const char *expr, *samples, *sigpath, *contrast, *genesets, *html;
    double *auct; /* --auc-times, malloc'ed */
    int nauct;
} sig_args_t;

static int sig_option(void *ctx, int opt, const char *arg)
{
    sig_args_t *a = ctx;
    ferro_signature_options_t *o = a->o;
    long l;
    switch (opt) {
    case O_EXPR: a->expr = arg; break;
    case O_SAMPLES: a->samples = arg; break;
    case O_TIME: o->time = arg; break;
    case O_EVENT: o->event = arg; break;
    case O_WHERE: o->where = arg; break;
    case O_DEGROUP: o->de_group = arg; break;
    case O_CONTRAST: a->contrast = arg; break;
    case O_GENESETS: a->genesets = arg; break;
    case O_NETWORK: o->network = arg; break;
    case O_HUBSONLY: o->hubs_only = 1; break;
    case O_SIG: a->sigpath = arg; break;
    case O_HTML: a->html = arg; break;
    case O_FDR: case O_LFC: case O_SCREENP: case O_ALPHA: {
        double v;
        if (ferro_parse_double(arg, &v) || v < 0 || (opt != O_LFC && v > 1))
            return cli_usage_error("signature", usage, "'%s' is not a valid value", arg);
        if (opt == O_FDR) o->de_fdr = v; else if (opt == O_LFC) o->de_lfc = v; else if (opt == O_SCREENP) o->screen_p = v; else o->alpha = v;
        break;
    }
    case O_HUBS: case O_NFOLDS:
        if (ferro_parse_long(arg, &l) || l < (opt == O_NFOLDS ? 3 : 0) || l > 100000)
            return cli_usage_error("signature", usage, "'%s' is not a valid count", arg);
        if (opt == O_HUBS) o->hubs = (int)l; else o->nfolds = (int)l;
        break;
    case O_LAMBDA:
        if (!strcmp(arg, "min")) o->use_1se = 0;
        else if (!strcmp(arg, "1se")) o->use_1se = 1;
        else return cli_usage_error("signature", usage, "--lambda: '%s' is not min or 1se", arg);
        break;
    case O_AUCT:
        free(a->auct);
        if (parse_list_d(arg, &a->auct, &a->nauct)) return cli_usage_error("signature", usage, "--auc-times: '%s' is not a list of numbers", arg);
        break;
    default: return CLI_OPT_UNKNOWN;
    }
    return 0;
}

int cmd_signature(int argc, char **argv)
{
    static const struct option opts[] = {
        {"expr", required_argument, 0, O_EXPR}, {"samples", required_argument, 0, O_SAMPLES},
        {"time", required_argument, 0, O_TIME}, {"event", required_argument, 0, O_EVENT},
        {"where", required_argument, 0, O_WHERE}, {"de-group", required_argument, 0, O_DEGROUP},
        {"contrast", required_argument, 0, O_CONTRAST}, {"fdr", required_argument, 0, O_FDR},
        {"lfc", required_argument, 0, O_LFC}, {"genesets", required_argument, 0, O_GENESETS},
        {"network", required_argument, 0, O_NETWORK}, {"hubs", required_argument, 0, O_HUBS},
        {"hubs-only", no_argument, 0, O_HUBSONLY}, {"screen-p", required_argument, 0, O_SCREENP},
        {"nfolds", required_argument, 0, O_NFOLDS}, {"lambda", required_argument, 0, O_LAMBDA},
        {"alpha", required_argument, 0, O_ALPHA}, {"auc-times", required_argument, 0, O_AUCT},
        {"signature", required_argument, 0, O_SIG}, {"html", required_argument, 0, O_HTML}, CLI_COMMON_LONGOPTS,
        {0, 0, 0, 0}};
    static const cli_parser_t parser = {"signature", usage, opts, NULL, sig_option, 0, NULL};
    if (argc >= 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) { fputs(usage, stdout); fputs(CLI_COMMON_HELP, stdout); return 0; }
    if (argc < 2 || (strcmp(argv[1], "build") && strcmp(argv[1], "apply")))
        return cli_usage_error("signature", usage, "the first argument must be 'build' or 'apply'");
    int build = !strcmp(argv[1], "build");
    cli_common_t com;
    cli_common_init(&com);
    ferro_signature_options_t o;
    ferro_signature_options_init(&o);
    o.time = o.event = NULL;
    sig_args_t a = {.o = &o};
    char **gsl = NULL, **ab = NULL;
    /* the options follow the mode word: parse argv[1..] */
    int status = cli_parse(&parser, argc - 1, argv + 1, &com, &a);
    if (status != CLI_PARSED) { free(a.auct); return status; }
    const char *expr = a.expr, *samples = a.samples, *sigpath = a.sigpath, *contrast = a.contrast, *genesets = a.genesets;
    double *auct = a.auct;
    int nauct = a.nauct;
    int rc = 0;
    status = CLI_EXIT_OK;
    ferro_signature_t *sig = NULL;
    ferro_signature_report_t *rep = NULL;
    ferro_signature_eval_t *ev = NULL;
    ferro_out_t *out = NULL, *sout = NULL;
    if (!expr || !samples || !o.time || !o.event || !sigpath) {
        status = cli_usage_error("signature", usage, "--expr, --samples, --time, --event and --signature are required");
        goto done;
    }
    o.seed = com.seed;
    o.threads = cli_threads(&com);
    o.auc_times = auct;
    o.nauc = nauct;
    if (build) {
        if (!!o.de_group != !!contrast) { status = cli_usage_error("signature", usage, "--de-group and --contrast go together"); goto done; }
        if (contrast) {
            if (cli_surv_split(contrast, &ab) != 2) { status = cli_usage_error("signature", usage, "--contrast: '%s' is not A,B", contrast); goto done; }
            o.de_a = ab[0]; o.de_b = ab[1];
        }
        if (genesets) {
            int k = cli_surv_split(genesets, &gsl);
            if (k < 1) { status = cli_usage_error("signature", usage, "--genesets: '%s' is not a list of files", genesets); goto done; }
            o.genesets = (const char *const *)gsl;
            o.ngenesets = k;
        }
        rc = ferro_signature_build(expr, samples, &o, &sig, &rep);
        if (!rc && !sig) { /* stopped: the report says where and why; no signature file */
            if (!(rc = ferro_out_open(com.out, &out))) {
                if (com.json) json_report(ferro_out_fp(out), rep, sig);
                else print_report(ferro_out_fp(out), rep, sig, &o);
                rc = ferro_out_commit(out);
            }
            if (!rc) { fprintf(stderr, "ferrosim signature: no signature: %s\n", rep->stopped); status = CLI_EXIT_FAIL; }
            goto done_rc;
        }
        /* every output open before any is written: a bad --out or --html leaves no signature file */
        if (!rc) rc = ferro_out_open(sigpath, &sout);
        if (!rc) rc = ferro_out_open(com.out, &out);
        if (!rc && a.html) rc = html_build(a.html, rep, sig, &o, expr, samples);
        if (!rc) rc = ferro_signature_write(sig, ferro_out_fp(sout));
        if (!rc) {
            if (com.json) json_report(ferro_out_fp(out), rep, sig);
            else print_report(ferro_out_fp(out), rep, sig, &o);
            rc = ferro_out_commit(out);
            out = NULL;
        }
        if (!rc) { rc = ferro_out_commit(sout); sout = NULL; }
        ferro_out_abort(out);
        ferro_out_abort(sout);
    } else {
        rc = ferro_signature_read(sigpath, &sig);
        if (!rc) rc = ferro_signature_apply(sig, expr, samples, o.time, o.event, o.where, auct, nauct, &ev);
        if (!rc) rc = ferro_out_open(com.out, &out); /* before --html: a bad --out leaves no report */
        if (!rc && a.html) rc = html_apply(a.html, sig, ev, sigpath, expr, samples, o.time, o.event, o.where);
        if (!rc) {
            FILE *fp = ferro_out_fp(out);
            if (com.json) { json_eval(fp, ev, sig->cutoff); fputc('\n', fp); }
            else {
                fprintf(fp, "# signature %s genes=", sigpath);
                print_list(fp, sig->gene, sig->ngene);
                fputc('\n', fp);
                print_eval(fp, ev, sig->cutoff);
                fputs("sample\trisk\tgroup\n", fp);
                for (int i = 0; i < ev->n; i++) {
                    fprintf(fp, "%s\t", ev->sample[i]);
                    cli_surv_num(fp, ev->risk[i]);
                    fprintf(fp, "\t%s\n", ev->high[i] ? "high" : "low");
                }
            }
            rc = ferro_out_commit(out);
            out = NULL;
        }
        ferro_out_abort(out);
    }
done_rc:
    if (rc) status = cli_fail("signature", rc);
done:
    free(auct); free(gsl); free(ab);
    ferro_signature_free(sig);
    ferro_signature_report_free(rep);
    ferro_signature_eval_free(ev);
    return status;
}
