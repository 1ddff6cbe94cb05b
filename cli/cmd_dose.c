/* cmd_dose.c — `ferrosim dose`: dose–response curves with the four-parameter logistic fit, from
 * measured plate data (--data). */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "ferrosim/doseresp.h"
#include "ferrosim/io.h"

const char cmd_dose_summary[] = "dose-response curve and 4PL fit (IC50 with CI) of measured data";

static const char usage[] =
    "Usage: ferrosim dose --data FILE [--out PATH] [--json]\n"
    "\n"
    "Fits the four-parameter logistic  v = bottom + (top - bottom) / (1 + (dose / IC50)^hill)\n"
    "on log dose (GSL nonlinear least squares) to each drug's viabilities, with 95% confidence\n"
    "intervals (t quantiles), R^2, the dose reaching 50% viability (if the fitted curve crosses it\n"
    "within the tested doses) and the normalised area under the curve on log10 dose.\n"
    "\n"
    "  --data FILE   measured wells: a header with the columns drug, dose, viability (any order;\n"
    "                extra columns ignored), one row per well, replicates allowed; viability is a\n"
    "                fraction of the untreated control (1 = no effect); NA wells are skipped.\n"
    "\n"
    "Output (TSV, one row per drug and dose): drug, dose, n, viability (mean), sd, fitted, status,\n"
    "bottom, top, ic50, hill (each with _lo/_hi: the 95% CI), r2, dose_v50, auc, auc_obs. status is\n"
    "ok, flat, single_dose, too_few_doses, no_convergence or singular; without a fit the fitted\n"
    "numbers are NA.\n"
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

/* Fit one drug and write it. Returns 0 or a FERRO_E* code. */
static int fit_and_write(FILE *fp, const char *drug, const series_t *s, int json, int first, int *nsingle)
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
        }
        if (json) {
            const char *keys[] = {"drug"}, *vals[] = {drug};
            if (!first) fputc(',', fp);
            ferro_dr_write_json(fp, keys, vals, 1, ud, m, sd, cnt, nd, &fit);
        } else {
            ferro_dr_write_tsv_rows(fp, drug, ud, m, sd, cnt, nd, &fit);
        }
    }
    free(ud);
    free(cnt);
    return rc;
}

static int run_data(const char *path, const cli_common_t *com)
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
    if (!rc) rc = ferro_out_open(com->out, &o);
    if (!rc) {
        FILE *fp = ferro_out_fp(o);
        if (com->json) fputc('[', fp);
        else ferro_dr_write_tsv_header(fp, "drug");
        for (int k = 0; k < nd && !rc; k++) rc = fit_and_write(fp, drug[k], &ser[k], com->json, k == 0, &nsingle);
        if (com->json) fputs("]\n", fp);
        if (rc) ferro_out_abort(o);
        else rc = ferro_out_commit(o);
    }
    for (int k = 0; k < nd; k++) { free(ser[k].dose); free(ser[k].resp); }
    free(ser);
    free(drug);
    ferro_dr_plate_free(p);
    return rc ? cli_fail("dose", rc) : CLI_EXIT_OK;
}

int cmd_dose(int argc, char **argv)
{
    static const struct option opts[] = {{"data", required_argument, 0, 'D'}, CLI_COMMON_LONGOPTS, {0, 0, 0, 0}};
    cli_common_t com;
    cli_common_init(&com);
    cli_getopt_reset();
    const char *data = NULL;
    int c;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        int h = cli_common_handle(&com, c, optarg, usage);
        if (h == 2) return CLI_EXIT_OK;
        if (h < 0) return CLI_EXIT_USAGE;
        if (h == 1) continue;
        if (c == 'D') data = optarg;
        else return cli_usage_error("dose", usage, "unknown option");
    }
    if (optind < argc) return cli_usage_error("dose", usage, "unexpected argument '%s'", argv[optind]);
    if (!data) return cli_usage_error("dose", usage, "--data FILE is required");
    return run_data(data, &com);
}
