/* cmd_screen.c — `ferrosim screen`: every agent on every cell line, selectivity, lineage contrast
 * and the review's combinations, as TSV tables and a self-contained HTML report. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_pharm.h"
#include "ferrosim/screen.h"

const char cmd_screen_summary[] = "the in-silico screen: IC50 table, selectivity, synergy, HTML report";

static const char usage[] =
    "Usage: ferrosim screen [--cells all|LIST] [--agents all|LIST] [--combos review|none|FILE]\n"
    "                       [--out DIR] [--cells-per-well N] [--doses N] [--matrix N] [--time H]\n"
    "                       [--rtol R] [--atol A] [--equilibrate H]\n"
    "\n"
    "Simulates every agent on every cell line (a log-spaced dose series over 1/100 to 100 x the\n"
    "agent's EC50s, sharing one untreated reference), fits the four-parameter logistic, and runs\n"
    "the review's combinations as synergy matrices (rapamycin + erastin; deferoxamine +\n"
    "L-asparaginase, dexamethasone, doxorubicin, olaparib; sorafenib + MYB or FTH1 knockdown;\n"
    "DAPT (gamma-secretase inhibitor) + rapamycin) on the T-ALL lines Jurkat and CCRF-CEM.\n"
    "\n"
    "  --cells all|LIST     cell lines, comma-separated (default all); the normal lymphocyte\n"
    "                       reference is always added for selectivity\n"
    "  --agents all|LIST    agents, comma-separated (default all)\n"
    "  --combos review|none|FILE  the review's combinations (default), none, or a TSV with the\n"
    "                       columns cell, agent_a, agent_b (agent_b kd:GENE = a knockdown)\n"
    "  --out DIR            output directory (default ferrosim_screen)\n"
    "  --cells-per-well N   virtual cells per well (default 20)\n"
    "  --doses N            doses per curve besides 0 (default 9)\n"
    "  --matrix N           doses per combination axis besides 0 (default 5)\n"
    "  --time H             endpoint in hours (default 72)\n"
    "  --no-why             skip the genes-behind-each-agent section (see sensitivity.tsv below)\n"
    CLI_TOL_HELP
    "\n"
    "Writes DIR/dose_response.tsv, ic50.tsv, selectivity.tsv, lineage.tsv, synergy.tsv,\n"
    "synergy_summary.tsv, sensitivity.tsv and report.html (open it in any browser, no network\n"
    "needed), and prints\n"
    "the report's path (no JSON output: --json is refused). Progress on stderr when it is a\n"
    "terminal; --quiet silences it.\n"
    "sensitivity.tsv (why each agent kills): for each agent with a falling curve whose IC50 lies\n"
    "in the tested range, its most sensitive ALL line at the dose halving that line's mean cell,\n"
    "and every gene's elasticity of viability there (as ferrosim sensitivity): agent, cell, dose,\n"
    "unit, v0 (the mean cell's viability at that dose), gene, elasticity.\n"
    "ic50.tsv: cell, lineage, agent, unit, status, ic50, ic50_lo, ic50_hi, hill, bottom, top, r2,\n"
    "dose_v50, auc, auc_obs, dose_lo, dose_hi, direction, ec50, ec50_lo, ec50_hi, midpoint_flag\n"
    "(the columns of ferrosim dose --help). A curve that rises with dose (a protective agent, e.g.\n"
    "ferrostatin-1: viability above the untreated control) has direction rising, no IC50 (NA;\n"
    "\"n/a\" in the heat map and no selectivity) and its EC50 in the ec50 columns. An IC50 the data\n"
    "do not support (midpoint_flag below_range, above_range or wide_ci) is written but shows as\n"
    "\"<0.01\", \">100\" or \"~0.5\" in the report and is left out of selectivity_ic50 (NA; the\n"
    "ic50_flag and ic50_normal_flag columns say why) and of lineage.tsv's mean log10 IC50.\n"
    "\n";

/* "all" or a comma-separated list of names resolved with find(). *idx is malloc'ed (NULL = all). */
static int name_list(const ferro_world_t *w, const char *opt, const char *list,
                     int (*find)(const ferro_world_t *, const char *, int *), int **idx, int *n)
{
    *idx = NULL;
    *n = 0;
    if (!list || !strcmp(list, "all")) return 0;
    int cap = 1;
    for (const char *s = list; *s; s++) cap += *s == ',';
    int *v = malloc((size_t)cap * sizeof *v);
    if (!v) return cli_fail("screen", FERRO_ENOMEM);
    int k = 0;
    for (const char *s = list; *s;) {
        const char *e = strchr(s, ',');
        size_t len = e ? (size_t)(e - s) : strlen(s);
        char name[256];
        snprintf(name, sizeof name, "%.*s", (int)(len < 255 ? len : 255), s);
        int rc = find(w, name, &v[k]);
        if (rc) { free(v); return cli_fail("screen", ferro_error_prefix(rc, "%s", opt)); }
        k++;
        s = e ? e + 1 : s + len;
    }
    if (!k) { free(v); return cli_usage_error("screen", usage, "%s: empty list", opt); }
    *idx = v;
    *n = k;
    return 0;
}

/* The review's combinations run on Jurkat and CCRF-CEM when screened, else on the first T-ALL
 * (or first) screened line. */
static int review_cells(const ferro_world_t *w, const int *cells, int ncells, int *out, int *n)
{
    static const char *pref[] = {"Jurkat", "CCRF-CEM"};
    int k = 0, total = cells ? ncells : ferro_world_n_cells(w);
    for (int p = 0; p < 2; p++) {
        int idx;
        if (ferro_world_find_cell(w, pref[p], &idx)) { ferro_error_clear(); continue; }
        for (int i = 0; i < total; i++)
            if ((cells ? cells[i] : i) == idx) { out[k++] = idx; break; }
    }
    for (int i = 0; i < total && !k; i++)
        if (!strcmp(ferro_world_cell_lineage(w, cells ? cells[i] : i), "T-ALL")) out[k++] = cells ? cells[i] : i;
    if (!k && total) out[k++] = cells ? cells[0] : 0;
    *n = k;
    return 0;
}

enum { O_CELLS = 2000, O_AGENTS, O_COMBOS, O_CPW, O_DOSES, O_MATRIX, O_TIME, O_NOWHY };

typedef struct {
    ferro_screen_options_t so;
    const char *cells, *agents, *combos;
    cli_tol_t tol;
} screen_args_t;

static int screen_option(void *ctx, int opt, const char *arg)
{
    screen_args_t *a = ctx;
    long v;
    double t;
    int h = cli_tol_handle(&a->tol, "screen", opt, arg);
    if (h) return h > 0 ? 0 : CLI_EXIT_USAGE;
    switch (opt) {
    case O_CELLS: a->cells = arg; break;
    case O_AGENTS: a->agents = arg; break;
    case O_COMBOS: a->combos = arg; break;
    case O_CPW:
    case O_DOSES:
    case O_MATRIX:
        if (ferro_parse_long(arg, &v) || v < 1 || v > 1000000 || (opt != O_CPW && v > 100))
            return cli_usage_error("screen", usage, "'%s' is not a valid count for --%s", arg,
                                   opt == O_CPW ? "cells-per-well" : opt == O_DOSES ? "doses" : "matrix");
        if (opt == O_CPW) a->so.ncells_well = (int)v;
        else if (opt == O_DOSES) a->so.ndose = (int)v;
        else a->so.nmatrix = (int)v;
        break;
    case O_NOWHY: a->so.why = 0; break;
    case O_TIME:
        if (ferro_parse_double(arg, &t) || !(t > 0)) return cli_usage_error("screen", usage, "--time: '%s' is not a positive number of hours", arg);
        a->so.t_end = t;
        break;
    default: return CLI_OPT_UNKNOWN;
    }
    return 0;
}

int cmd_screen(int argc, char **argv)
{
    static const struct option opts[] = {{"cells", required_argument, 0, O_CELLS}, {"agents", required_argument, 0, O_AGENTS},
                                         {"combos", required_argument, 0, O_COMBOS}, {"cells-per-well", required_argument, 0, O_CPW},
                                         {"doses", required_argument, 0, O_DOSES}, {"matrix", required_argument, 0, O_MATRIX},
                                         {"time", required_argument, 0, O_TIME}, {"no-why", no_argument, 0, O_NOWHY},
                                         CLI_TOL_LONGOPTS, CLI_COMMON_LONGOPTS,
                                         {0, 0, 0, 0}};
    static const cli_parser_t parser = {"screen", usage, opts, NULL, screen_option, 0,
                                        "the screen writes TSV tables and an HTML report into --out DIR"};
    cli_common_t com;
    cli_common_init(&com);
    screen_args_t a = {.combos = "review"};
    ferro_screen_options_init(&a.so);
    cli_tol_init(&a.tol);
    int st = cli_parse(&parser, argc, argv, &com, &a);
    if (st != CLI_PARSED) return st;
    ferro_screen_options_t so = a.so;
    const char *cells = a.cells, *agents = a.agents, *combos = a.combos;
    so.outdir = strcmp(com.out, "-") ? com.out : "ferrosim_screen";
    so.seed = com.seed;
    so.threads = cli_threads(&com);

    ferro_world_t *w;
    st = cli_world_load("screen", &w);
    if (st) return st;
    if ((st = cli_tol_apply(&a.tol, "screen", w))) {
        ferro_world_free(w);
        return st;
    }
    int *ci = NULL, *ai = NULL, nci = 0, nai = 0, nco = 0, rc;
    ferro_screen_combo_t *co = NULL;
    if ((st = name_list(w, "--cells", cells, ferro_world_find_cell, &ci, &nci)) ||
        (st = name_list(w, "--agents", agents, ferro_world_find_agent, &ai, &nai)))
        goto out;
    if (!strcmp(combos, "review")) {
        int rcells[2], nr;
        review_cells(w, ci, nci, rcells, &nr);
        if ((rc = ferro_screen_review_combos(w, rcells, nr, &co, &nco))) { st = cli_fail("screen", rc); goto out; }
    } else if (strcmp(combos, "none")) {
        if ((rc = ferro_screen_read_combos(w, combos, &co, &nco))) { st = cli_fail("screen", rc); goto out; }
    }
    so.cells = ci;
    so.ncells = nci;
    so.agents = ai;
    so.nagents = nai;
    so.combos = co;
    so.ncombos = nco;
    if ((rc = ferro_screen_run(w, &so))) { st = cli_fail("screen", rc); goto out; }
    printf("report: %s/report.html\n", so.outdir);
out:
    free(ci);
    free(ai);
    free(co);
    ferro_world_free(w);
    return st;
}
