/* cmd_dose.c — `ferrosim dose`: dose–response curves with the four-parameter logistic fit, of the
 * model (--cell, --drug: a simulated dose series) or of measured plate data (--data). */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_pharm.h"
#include "ferrosim/doseresp.h"
#include "ferrosim/io.h"
#include "ferrosim/report.h"
#include "ferrosim/screen.h"

const char cmd_dose_summary[] = "dose-response curve and 4PL fit (IC50 with CI), simulated or measured";

static const char usage[] =
    "Usage: ferrosim dose --cell NAME --drug NAME [--doses LIST | --range LO:HI:N] [--time H]\n"
    "                     [--cells N] [--set GENE=FACTOR]... [--with AGENT=DOSE]... [--rtol R] [--atol A] [--equilibrate H]\n"
    "       ferrosim dose --data FILE\n"
    "\n"
    "Fits the four-parameter logistic  v = bottom + (top - bottom) / (1 + (dose / IC50)^hill)\n"
    "on log dose (GSL nonlinear least squares) to each drug's viabilities, with 95% confidence\n"
    "intervals (t quantiles), R^2, the dose reaching 50% viability (if the fitted curve crosses it\n"
    "within the tested doses) and the normalised area under the curve on log10 dose.\n"
    "\n"
    "Model mode simulates a population of virtual cells per dose (the doses share one untreated\n"
    "reference; viability = live cells relative to it, as a CCK-8 reads).\n"
    "  --drug NAME          the agent (ferrosim list agents)\n"
    "  --doses LIST         doses, comma-separated, units allowed (e.g. 10nM,100nM,1uM); default:\n"
    "                       9 log-spaced doses over 1/100 to 100 x the agent's EC50s\n"
    "  --range LO:HI:N      N log-spaced doses from LO to HI\n"
    CLI_WELL_HELP
    "\n"
    "  --data FILE   measured wells: a header with the columns drug, dose, viability (any order;\n"
    "                extra columns ignored), one row per well, replicates allowed; viability is a\n"
    "                fraction of the untreated control (1 = no effect); NA wells are skipped.\n"
    "  --html FILE   also write a self-contained HTML report: each curve's points (SD bars) and fit\n"
    "\n"
    "Output (TSV, one row per drug and dose): [cell,] drug, dose, n, viability (mean), sd, fitted, status,\n"
    "bottom, top, ic50 (the relative IC50: half-way between top and bottom, of a falling curve only),\n"
    "hill (each with _lo/_hi: the 95% CI), r2, dose_v50 (the dose where the fitted curve crosses 50%\n"
    "viability: the absolute IC50 of a falling curve), auc (fitted curve) and auc_obs (points): the\n"
    "mean viability over the tested log10-dose range relative to the untreated control (1 = no effect,\n"
    "0 = complete kill, > 1 = more live cells than the control: protection from the control's own\n"
    "death or faster growth), direction (falling, rising, flat or NA), ec50, ec50_lo, ec50_hi (the\n"
    "midpoint of a rising, protective curve: it has no IC50), midpoint_flag (whether the data\n"
    "support that IC50 / EC50: in_range; below_range or above_range = it lies outside the tested\n"
    "doses, extrapolated: only '< lowest dose' or '> highest dose' is known; wide_ci = inside, but\n"
    "its 95% CI spans more than 2 decades or is unbounded; NA = no midpoint). A flagged midpoint\n"
    "is still written (and warned about on stderr) but is not a precise estimate; the fitted\n"
    "values, dose_v50 and auc stay valid within the tested doses. status is ok, flat,\n"
    "single_dose, too_few_doses, no_convergence or singular; without a fit the fitted numbers\n"
    "are NA.\n"
    "\n";

typedef struct {
    int n, cap;
    double *dose, *resp;
} series_t;

static int series_add(series_t *s, double d, double v)
{
    if (s->n == s->cap) {
        int nc = s->cap ? 2 * s->cap : 16;
        double *a = realloc(s->dose, (size_t)nc * sizeof *a);
        if (!a) return FERRO_ENOMEM;
        s->dose = a;
        double *b = realloc(s->resp, (size_t)nc * sizeof *b);
        if (!b) return FERRO_ENOMEM;
        s->resp = b;
        s->cap = nc;
    }
    s->dose[s->n] = d;
    s->resp[s->n] = v;
    s->n++;
    return 0;
}

/* What the HTML report draws of one curve: its grouped doses, mean and SD, and the fit. */
typedef struct {
    const char *label;
    double *dose, *mean, *sd; /* one allocation (dose) */
    int n;
    ferro_dr_fit_t fit;
} panel_t;

/* One panel per curve (a drug or a cell line), each with its own dose axis; unit may be NULL. */
static int write_html(const char *path, const char *title, const char *unit, const panel_t *p, int np)
{
    ferro_report_t *r;
    int rc = ferro_report_open(path, title, &r);
    if (rc) return rc;
    ferro_report_paragraph(r, "Viability (mean, with the SD over replicates as bars) and the fitted four-parameter "
                              "logistic on log dose; the legend gives the relative IC50 (the midpoint of a falling "
                              "curve), or the EC50 of a rising (protective) curve marked with an arrow, or why there "
                              "is no fit. The TSV output has every fitted number with its 95% confidence interval.");
    char xl[96];
    snprintf(xl, sizeof xl, "dose%s%.40s%s", unit ? " (" : "", unit ? unit : "", unit ? ")" : "");
    ferro_report_figures_begin(r);
    for (int k = 0; k < np; k++) {
        ferro_report_curve_t c = {p[k].label, p[k].dose, p[k].mean, p[k].sd, p[k].n, &p[k].fit};
        ferro_report_curves(r, p[k].label, xl, 1, &c);
    }
    ferro_report_figures_end(r);
    return ferro_report_commit(r);
}

/* Fit one drug and write it; with pn, also keep what the report draws. Returns 0 or a FERRO_E* code. */
static int fit_and_write(FILE *fp, const char *drug, const series_t *s, int json, int first, int *nsingle, panel_t *pn)
{
    int n = s->n;
    double *ud = malloc((size_t)n * 3 * sizeof *ud);
    int *cnt = malloc((size_t)n * sizeof *cnt);
    if (!ud || !cnt) { free(ud); free(cnt); return ferro_error_set(FERRO_ENOMEM, "out of memory"); }
    double *m = ud + n, *sd = ud + 2 * n;
    int nd, rc = ferro_dr_group(s->dose, s->resp, n, ud, m, sd, cnt, &nd);
    ferro_dr_fit_t fit;
    if (!rc) rc = ferro_dr_fit(s->dose, s->resp, n, NULL, &fit);
    if (!rc) {
        if (fit.status == FERRO_DR_SINGLE_DOSE) {
            ferro_warn("%s: only one dose (%g): a dose-response curve cannot be fitted", drug, ud[0]);
            (*nsingle)++;
        } else if (fit.status != FERRO_DR_OK) {
            ferro_warn("%s: no fit (%s)", drug, ferro_dr_status_name(fit.status));
        } else if (!ferro_dr_midpoint_supported(&fit) && fit.midpoint_flag != FERRO_DR_MID_NA) {
            char why[256];
            ferro_dr_midpoint_describe(&fit, why, sizeof why);
            ferro_warn("%s: %s (midpoint_flag %s)", drug, why, ferro_dr_midpoint_flag_name(fit.midpoint_flag));
        }
        if (json) {
            const char *keys[] = {"drug"}, *vals[] = {drug};
            if (!first) fputc(',', fp);
            ferro_dr_write_json(fp, keys, vals, 1, ud, m, sd, cnt, nd, &fit);
        } else {
            ferro_dr_write_tsv_rows(fp, drug, ud, m, sd, cnt, nd, &fit);
        }
        if (pn) { /* the panel keeps ud (dose, mean and SD in one block) */
            *pn = (panel_t){drug, ud, m, sd, nd, fit};
            ud = NULL;
        }
    }
    free(ud);
    free(cnt);
    return rc;
}

static int run_data(const char *path, const char *html, const cli_common_t *com)
{
    static const char *const names[] = {"drug", "dose", "viability"};
    ferro_dr_plate_t *p;
    int rc = ferro_dr_plate_read(path, names, "tdv", &p);
    if (rc) return cli_fail("dose", rc);
    if (p->nskipped) ferro_warn("%s: %d wells with a missing viability skipped", path, p->nskipped);
    /* drugs in order of first appearance */
    int nd = 0;
    const char **drug = calloc((size_t)p->nrow, sizeof *drug);
    series_t *ser = calloc((size_t)p->nrow, sizeof *ser);
    if (!drug || !ser) { free(drug); free(ser); ferro_dr_plate_free(p); return cli_fail("dose", FERRO_ENOMEM); }
    for (int r = 0; r < p->nrow && !rc; r++) {
        const char *name = p->text[r * 3];
        int k = 0;
        while (k < nd && strcmp(drug[k], name)) k++;
        if (k == nd) drug[nd++] = name;
        rc = series_add(&ser[k], p->num[r * 3 + 1], p->num[r * 3 + 2]);
    }
    int nsingle = 0;
    for (int k = 0; k < nd && !rc; k++) {
        int same = 1;
        for (int i = 1; i < ser[k].n; i++) same = same && ser[k].dose[i] == ser[k].dose[0];
        nsingle += same;
    }
    if (!rc && nsingle == nd)
        rc = ferro_error_set(FERRO_EINVAL, "%s: every drug has a single dose: dose-response curves cannot be "
                             "fitted (give several doses per drug)", path);
    nsingle = 0;
    ferro_out_t *o = NULL;
    panel_t *pn = html ? calloc((size_t)nd + 1, sizeof *pn) : NULL;
    if (!rc && html && !pn) rc = ferro_error_set(FERRO_ENOMEM, "out of memory");
    if (!rc) rc = ferro_out_open(com->out, &o);
    if (!rc) {
        FILE *fp = ferro_out_fp(o);
        if (com->json) fputc('[', fp);
        else ferro_dr_write_tsv_header(fp, "drug");
        for (int k = 0; k < nd && !rc; k++)
            rc = fit_and_write(fp, drug[k], &ser[k], com->json, k == 0, &nsingle, pn ? &pn[k] : NULL);
        if (com->json) fputs("]\n", fp);
        if (!rc && html) {
            char title[600];
            snprintf(title, sizeof title, "Dose\xe2\x80\x93response: %.500s", path);
            rc = write_html(html, title, NULL, pn, nd);
        }
        if (rc) ferro_out_abort(o);
        else rc = ferro_out_commit(o);
    }
    for (int k = 0; pn && k < nd; k++) free(pn[k].dose);
    free(pn);
    for (int k = 0; k < nd; k++) { free(ser[k].dose); free(ser[k].resp); }
    free(ser);
    free(drug);
    ferro_dr_plate_free(p);
    return rc ? cli_fail("dose", rc) : CLI_EXIT_OK;
}

static int run_model(const cli_well_t *well, const char *drug, const char *list, const char *range,
                     const char *html, const cli_common_t *com)
{
    ferro_world_t *w = NULL;
    int st = cli_world_load("dose", &w), agent, rc, nd = 0;
    if (st) return st;
    double *dose = NULL, *viab = NULL;
    ferro_dose_t *bg = calloc((size_t)well->nwith + 1, sizeof *bg);
    ferro_gene_factor_t *gf = calloc((size_t)well->nset + 1, sizeof *gf);
    ferro_condition_t c;
    if (!bg || !gf) { st = cli_fail("dose", FERRO_ENOMEM); goto out; }
    if ((rc = ferro_world_find_agent(w, drug, &agent))) { st = cli_fail("dose", ferro_error_prefix(rc, "--drug")); goto out; }
    if ((st = cli_well_condition(well, "dose", com, w, &c, bg, gf))) goto out;
    if ((st = cli_dose_series("dose", list ? "--doses" : "--range", w, agent, list, range, &dose, &nd))) goto out;
    if (!(viab = malloc((size_t)nd * sizeof *viab))) { st = cli_fail("dose", FERRO_ENOMEM); goto out; }
    ferro_dr_fit_t fit;
    if ((rc = ferro_screen_dose_series(w, &c, agent, dose, nd, viab)) || (rc = ferro_dr_fit(dose, viab, nd, NULL, &fit))) {
        st = cli_fail("dose", rc);
        goto out;
    }
    ferro_out_t *o;
    if ((rc = ferro_out_open(com->out, &o))) { st = cli_fail("dose", rc); goto out; }
    FILE *fp = ferro_out_fp(o);
    const char *cell = ferro_world_cell_name(w, c.cell), *name = ferro_world_agent_name(w, agent);
    if (com->json) {
        const char *keys[] = {"cell", "drug", "unit"}, *vals[] = {cell, name, ferro_world_agent_unit(w, agent)};
        fputc('[', fp);
        ferro_dr_write_json(fp, keys, vals, 3, dose, viab, NULL, NULL, nd, &fit);
        fputs("]\n", fp);
    } else {
        char key[512];
        snprintf(key, sizeof key, "%s\t%s", cell, name);
        ferro_dr_write_tsv_header(fp, "cell\tdrug");
        ferro_dr_write_tsv_rows(fp, key, dose, viab, NULL, NULL, nd, &fit);
    }
    if (html) {
        char title[600];
        panel_t pn = {cell, dose, viab, NULL, nd, fit};
        snprintf(title, sizeof title, "Dose\xe2\x80\x93response (model): %.200s, %.200s", name, cell);
        if ((rc = write_html(html, title, ferro_world_agent_unit(w, agent), &pn, 1))) {
            ferro_out_abort(o);
            st = cli_fail("dose", rc);
            goto out;
        }
    }
    if ((rc = ferro_out_commit(o))) st = cli_fail("dose", rc);
    if (!st && fit.status != FERRO_DR_OK) ferro_warn("%s on %s: no fit (%s)", name, cell, ferro_dr_status_name(fit.status));
    if (!st && fit.status == FERRO_DR_OK && !ferro_dr_midpoint_supported(&fit) && fit.midpoint_flag != FERRO_DR_MID_NA) {
        char why[256];
        ferro_dr_midpoint_describe(&fit, why, sizeof why);
        ferro_warn("%s on %s: %s (midpoint_flag %s)", name, cell, why, ferro_dr_midpoint_flag_name(fit.midpoint_flag));
    }
out:
    free(dose);
    free(viab);
    free(bg);
    free(gf);
    ferro_world_free(w);
    return st;
}

typedef struct {
    cli_well_t well;
    const char *data, *drug, *list, *range, *html;
} dose_args_t;

static int dose_option(void *ctx, int opt, const char *arg)
{
    dose_args_t *a = ctx;
    int h = cli_well_handle(&a->well, "dose", opt, arg);
    if (h) return h > 0 ? 0 : CLI_EXIT_USAGE;
    switch (opt) {
    case 'D': a->data = arg; break;
    case 'd': a->drug = arg; break;
    case 'L': a->list = arg; break;
    case 'R': a->range = arg; break;
    case 'H': a->html = arg; break;
    default: return CLI_OPT_UNKNOWN;
    }
    return 0;
}

int cmd_dose(int argc, char **argv)
{
    static const struct option opts[] = {{"data", required_argument, 0, 'D'}, {"drug", required_argument, 0, 'd'},
                                         {"doses", required_argument, 0, 'L'}, {"range", required_argument, 0, 'R'},
                                         {"html", required_argument, 0, 'H'}, CLI_WELL_LONGOPTS, CLI_COMMON_LONGOPTS,
                                         {0, 0, 0, 0}};
    static const cli_parser_t parser = {"dose", usage, opts, NULL, dose_option, 0, NULL};
    cli_common_t com;
    cli_common_init(&com);
    dose_args_t a = {0};
    if (cli_well_init(&a.well, argc)) return cli_fail("dose", FERRO_ENOMEM);
    int st = cli_parse(&parser, argc, argv, &com, &a);
    if (st < 0 && a.data && (a.drug || a.well.cell))
        st = cli_usage_error("dose", usage, "--data reads measured wells: it takes no --cell or --drug");
    if (st < 0 && !a.data && !a.drug) st = cli_usage_error("dose", usage, "give --cell NAME --drug NAME, or --data FILE");
    if (st < 0) st = a.data ? run_data(a.data, a.html, &com) : run_model(&a.well, a.drug, a.list, a.range, a.html, &com);
    cli_well_free(&a.well);
    return st;
}
