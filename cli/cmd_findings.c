/* cmd_findings.c — `ferrosim findings`: simulate the findings table (data/findings.tsv) and print
 * every check with its measured value, threshold and margin (optionally with pre-equilibrated
 * cells or another model). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "ferrosim/findings.h"
#include "ferrosim/io.h"
#include "ferrosim/population.h"

const char cmd_findings_summary[] = "check which findings the model reproduces (each check with its margin)";

static const char usage[] =
    "Usage: ferrosim findings [--only ID[,ID]...] [--findings FILE] [--model FILE.xml]\n"
    "                         [--equilibrate H] [--threads N] [--json] [--out PATH]\n"
    "\n"
    "Simulates each finding of the findings table (its lines, doses, time and virtual cells; seed 1,\n"
    "as tests/findings does) and prints one row per line and check:\n"
    "  finding, cell, check, value (the measured left-hand side), op, threshold,\n"
    "  margin (value - threshold for >= and >, threshold - value for <= and <: positive = holds),\n"
    "  pass (1/0).\n"
    "The last line on stderr counts the findings reproduced (every check of every line holds).\n"
    "\n"
    "  --only ID[,ID]...   only these findings (e.g. F02,F12)\n"
    "  --findings FILE     another findings table (default: <data>/findings.tsv)\n"
    "  --model FILE.xml    another SBML model (default: the built-in one)\n"
    "  --equilibrate H     simulate each virtual cell untreated for H hours first and start every\n"
    "                      run from the settled cell (default 0: the model's initial state;\n"
    "                      336 settles every built-in line)\n";

enum { OPT_ONLY = 1, OPT_FINDINGS, OPT_MODEL, OPT_EQUIL };

typedef struct {
    const char *only, *findings, *model;
    double equil_h;
} args_t;

static int findings_option(void *ctx, int opt, const char *arg)
{
    args_t *a = ctx;
    double v;
    switch (opt) {
    case OPT_ONLY: a->only = arg; return 0;
    case OPT_FINDINGS: a->findings = arg; return 0;
    case OPT_MODEL: a->model = arg; return 0;
    case OPT_EQUIL:
        if (ferro_parse_double(arg, &v) || !(v >= 0) || !isfinite(v))
            return cli_usage_error("findings", usage, "--equilibrate '%s' is not a number of hours >= 0", arg);
        a->equil_h = v;
        return 0;
    default: return CLI_OPT_UNKNOWN;
    }
}

/* sel[i] = 1 for the findings --only names (all when it is absent); an unknown id is an error. */
static int select_findings(const ferro_findings_t *f, const char *only, char *sel)
{
    int n = ferro_findings_count(f);
    memset(sel, only ? 0 : 1, (size_t)n);
    if (!only) return 0;
    char *list = ferro_strdup(only);
    if (!list) return FERRO_ENOMEM;
    int rc = 0, idx;
    for (char *save = NULL, *tok = strtok_r(list, ",", &save); tok && !rc; tok = strtok_r(NULL, ",", &save)) {
        while (*tok == ' ') tok++;
        if (!(rc = ferro_findings_find(f, tok, &idx))) sel[idx] = 1;
        else rc = ferro_error_set(FERRO_ENOTFOUND, "--only: no finding '%s' in the findings table", tok);
    }
    free(list);
    return rc;
}

static double margin(const ferro_finding_eval_t *e)
{
    return e->op[0] == '>' ? e->value - e->threshold : e->threshold - e->value;
}

static void write_row(FILE *fp, int json, int first, const char *id, const ferro_finding_eval_t *e)
{
    if (json) {
        fputs(first ? "\n {\"finding\": " : ",\n {\"finding\": ", fp);
        ferro_json_string(fp, id);
        fputs(", \"cell\": ", fp);
        ferro_json_string(fp, e->cell);
        fputs(", \"check\": ", fp);
        ferro_json_string(fp, e->text);
        fputs(", \"value\": ", fp);
        ferro_json_number(fp, e->value);
        fputs(", \"op\": ", fp);
        ferro_json_string(fp, e->op);
        fputs(", \"threshold\": ", fp);
        ferro_json_number(fp, e->threshold);
        fputs(", \"margin\": ", fp);
        ferro_json_number(fp, margin(e));
        fprintf(fp, ", \"pass\": %s}", e->pass ? "true" : "false");
        return;
    }
    fprintf(fp, "%s\t%s\t%s\t", id, e->cell, e->text);
    if (isnan(e->value)) fputs("NA", fp);
    else fprintf(fp, "%.6g", e->value);
    fprintf(fp, "\t%s\t%.6g\t", e->op, e->threshold);
    if (isnan(e->value)) fputs("NA", fp);
    else fprintf(fp, "%.6g", margin(e));
    fprintf(fp, "\t%d\n", e->pass);
}

int cmd_findings(int argc, char **argv)
{
    static const struct option opts[] = {
        {"only", required_argument, 0, OPT_ONLY},   {"findings", required_argument, 0, OPT_FINDINGS},
        {"model", required_argument, 0, OPT_MODEL}, {"equilibrate", required_argument, 0, OPT_EQUIL},
        CLI_COMMON_LONGOPTS,                        {0, 0, 0, 0}};
    static const cli_parser_t parser = {"findings", usage, opts, NULL, findings_option, 0, NULL};
    cli_common_t co;
    args_t a = {NULL, NULL, NULL, FERRO_POP_EQUIL_H};
    cli_common_init(&co);
    int st = cli_parse(&parser, argc, argv, &co, &a);
    if (st != CLI_PARSED) return st;
    ferro_world_t *w = NULL;
    ferro_findings_t *f = NULL;
    ferro_out_t *o = NULL;
    char *sel = NULL;
    ferro_finding_result_t *res = NULL;
    int rc, n = 0, nrun = 0, npass = 0;
    if ((rc = ferro_world_load(NULL, a.model, &w)) || (rc = ferro_world_set_equilibration(w, a.equil_h)) ||
        (rc = ferro_findings_load(a.findings, &f)))
        goto out;
    n = ferro_findings_count(f);
    if (!(sel = malloc((size_t)n + 1))) { rc = FERRO_ENOMEM; goto out; }
    if ((rc = select_findings(f, a.only, sel))) goto out;
    ferro_findings_set_threads(f, cli_threads(&co));
    /* every finding is simulated before the output is opened: no partial output on failure */
    if (!(res = calloc((size_t)n + 1, sizeof *res))) { rc = FERRO_ENOMEM; goto out; }
    for (int i = 0; i < n && !rc; i++) {
        if (!sel[i]) continue;
        if ((rc = ferro_findings_check(w, f, i, &res[i]))) break;
        nrun++;
        npass += res[i].pass;
        if (!co.quiet)
            fprintf(stderr, "%s %s\n", ferro_findings_id(f, i), res[i].pass ? "reproduced" : "NOT reproduced");
    }
    if (!rc && !(rc = ferro_out_open(co.out, &o))) {
        FILE *fp = ferro_out_fp(o);
        int first = 1;
        if (co.json) fputc('[', fp);
        else fputs("finding\tcell\tcheck\tvalue\top\tthreshold\tmargin\tpass\n", fp);
        for (int i = 0; i < n; i++)
            for (int k = 0; sel[i] && k < res[i].nevals; k++, first = 0)
                write_row(fp, co.json, first, ferro_findings_id(f, i), &res[i].evals[k]);
        if (co.json) fputs("\n]\n", fp);
        rc = ferro_out_commit(o);
        if (!rc && !co.quiet)
            fprintf(stderr, "%d of %d findings reproduced (pre-equilibration %g h)\n", npass, nrun, a.equil_h);
    }
out:
    for (int i = 0; res && i < n; i++) ferro_finding_result_clear(&res[i]);
    free(res);
    free(sel);
    ferro_findings_free(f);
    ferro_world_free(w);
    return rc ? cli_fail("findings", rc) : CLI_EXIT_OK;
}
