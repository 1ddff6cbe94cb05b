/* cmd_simulate.c — `ferrosim simulate`: one cell line (a virtual population of it) under agents
 * and gene perturbations over time; prints time_h, viability and every model species. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "ferrosim/io.h"
#include "ferrosim/population.h"
#include "ferrosim/report.h"

const char cmd_simulate_summary[] = "simulate a cell line (or a virtual population) under agents";

static const char usage[] =
    "Usage: ferrosim simulate --cell NAME [--drug NAME=DOSE]... [--set GENE=FACTOR]...\n"
    "                         [--time HOURS] [--step HOURS] [--cells N] [--cv CV] [--model FILE.xml]\n"
    "                         [--seed S] [--threads T] [--json] [--out PATH]\n"
    "\n"
    "Simulates the cell line's virtual cells and prints, every --step hours from 0 to --time, the\n"
    "viability (live cells relative to the untreated population of the same line, as a CCK-8 reads\n"
    "it) and the mean of every model species over the living treated cells (the fate species\n"
    "viable, dead_ferro and dead_apop: per starting cell).\n"
    "\n"
    "  --cell NAME         cell line (name or alias; 'ferrosim list cells')\n"
    "  --drug NAME=DOSE    agent and dose, repeatable for combinations ('ferrosim list agents');\n"
    "                      DOSE is a number with an optional unit: nM, uM, mM, ng/mL, ug/mL,\n"
    "                      mg/mL, U/mL (default: the agent's unit, uM for small molecules)\n"
    "  --set GENE=FACTOR   multiply the gene product's synthesis by FACTOR (0 knockout,\n"
    "                      0.2 knockdown, 5 overexpression); repeatable ('ferrosim list genes')\n"
    "  --time HOURS        duration (default 72)\n"
    "  --step HOURS        output step (default 1); the last row is always --time\n"
    "  --cells N           virtual cells (default 1: the line's mean cell, no variation)\n"
    "  --cv CV             cell-to-cell log-normal CV of protein levels (default 0.25)\n"
    "  --model FILE.xml    another SBML model (default: the built-in one)\n"
    "  --rtol R, --atol A  solver tolerances (default 1e-5 relative, 1e-8 absolute)\n"
    "  --equilibrate H     simulate each virtual cell untreated for H hours first and start the\n"
    "                      run from the settled cell (default 0: the model's initial state, as the\n"
    "                      built-in findings were calibrated; 336 settles every built-in line)\n"
    "  --html FILE         also write a self-contained HTML report: viability, the ferroptosis\n"
    "                      hallmarks (labile iron, GSH, GPX4, lipid peroxides, ...) relative to\n"
    "                      t = 0, the fates, and every species at the start and the end\n";

enum { OPT_CELL = 1, OPT_DRUG, OPT_SET, OPT_TIME, OPT_STEP, OPT_CELLS, OPT_CV, OPT_MODEL, OPT_RTOL, OPT_ATOL, OPT_EQUIL,
       OPT_HTML };
enum { ARGS_HELP = 100 }; /* parse_args: --help was shown */

static void print_number(FILE *fp, double v)
{
    if (isnan(v)) fputs("NA", fp);
    else fprintf(fp, "%.9g", v);
}

static void write_tsv(FILE *fp, const ferro_result_t *r)
{
    fputs("time_h\tviability", fp);
    for (int j = 0; j < r->nspecies; j++) fprintf(fp, "\t%s", r->species[j]);
    fputc('\n', fp);
    for (int i = 0; i < r->ntimes; i++) {
        print_number(fp, r->time[i]);
        fputc('\t', fp);
        print_number(fp, r->viability[i]);
        for (int j = 0; j < r->nspecies; j++) {
            fputc('\t', fp);
            print_number(fp, r->mean[(size_t)i * r->nspecies + j]);
        }
        fputc('\n', fp);
    }
}

static void write_json(FILE *fp, const ferro_world_t *w, const ferro_condition_t *c, const ferro_result_t *r)
{
    fputs("{\"cell\": ", fp);
    ferro_json_string(fp, ferro_world_cell_name(w, c->cell));
    fputs(", \"drugs\": [", fp);
    for (int i = 0; i < c->ndoses; i++) {
        fputs(i ? ", {\"agent\": " : "{\"agent\": ", fp);
        ferro_json_string(fp, ferro_world_agent_name(w, c->doses[i].agent));
        fputs(", \"dose\": ", fp);
        ferro_json_number(fp, c->doses[i].dose);
        fputs(", \"unit\": ", fp);
        ferro_json_string(fp, ferro_world_agent_unit(w, c->doses[i].agent));
        fputc('}', fp);
    }
    fputs("], \"genes\": [", fp);
    for (int i = 0; i < c->nfactors; i++) {
        fputs(i ? ", {\"gene\": " : "{\"gene\": ", fp);
        ferro_json_string(fp, ferro_world_gene_name(w, c->factors[i].gene));
        fputs(", \"factor\": ", fp);
        ferro_json_number(fp, c->factors[i].factor);
        fputc('}', fp);
    }
    fprintf(fp, "], \"cells\": %d, \"cv\": ", c->ncells);
    ferro_json_number(fp, c->ncells > 1 ? c->cv : 0);
    fprintf(fp, ", \"seed\": %lu,\n \"columns\": [\"time_h\", \"viability\"", c->seed);
    for (int j = 0; j < r->nspecies; j++) {
        fputs(", ", fp);
        ferro_json_string(fp, r->species[j]);
    }
    fputs("],\n \"rows\": [", fp);
    for (int i = 0; i < r->ntimes; i++) {
        fputs(i ? ",\n  [" : "\n  [", fp);
        ferro_json_number(fp, r->time[i]);
        fputs(", ", fp);
        ferro_json_number(fp, r->viability[i]);
        for (int j = 0; j < r->nspecies; j++) {
            fputs(", ", fp);
            ferro_json_number(fp, r->mean[(size_t)i * r->nspecies + j]);
        }
        fputc(']', fp);
    }
    fputs("]}\n", fp);
}

/* Index of species id in r, or -1. */
static int species_index(const ferro_result_t *r, const char *id)
{
    for (int j = 0; j < r->nspecies; j++)
        if (!strcmp(r->species[j], id)) return j;
    return -1;
}

/* The HTML report of a run: viability, hallmarks relative to t = 0, fates, a species table. */
static int write_html(const char *path, const ferro_world_t *w, const ferro_condition_t *c, const ferro_result_t *r)
{
    char title[512], buf[1024];
    size_t used = (size_t)snprintf(title, sizeof title, "%s", ferro_world_cell_name(w, c->cell));
    for (int k = 0; k < c->ndoses && used < sizeof title; k++)
        used += (size_t)snprintf(title + used, sizeof title - used, "%s %s %g %s", k ? " +" : ":",
                                 ferro_world_agent_name(w, c->doses[k].agent), c->doses[k].dose,
                                 ferro_world_agent_unit(w, c->doses[k].agent));
    for (int k = 0; k < c->nfactors && used < sizeof title; k++)
        used += (size_t)snprintf(title + used, sizeof title - used, ", %s x%g", ferro_world_gene_name(w, c->factors[k].gene),
                                 c->factors[k].factor);
    ferro_report_t *rep;
    int rc = ferro_report_open(path, title, &rep);
    if (rc) return rc;
    int n = r->ntimes, ns = r->nspecies;
    snprintf(buf, sizeof buf, "%d virtual cell%s (log-normal protein levels, CV %.2f), %g h, seed %lu. Viability: live "
             "cells relative to the untreated population of the same line (a CCK-8 reading); species: means over the "
             "living treated cells. Model predictions, not measurements.", c->ncells, c->ncells == 1 ? " (the line's mean cell)" : "s",
             c->ncells == 1 ? 0.0 : c->cv, c->t_end, c->seed);
    ferro_report_paragraph(rep, buf);
    static const char *const hall[] = {"Fe_labile", "GSH", "GPX4", "CoQH2_pm", "PLOOH", "ROS", "LC3II", "ACSL4"};
    static const char *const fate[] = {"viable", "dead_ferro", "dead_apop"};
    double *rel = ferro_malloc(((size_t)n * 8 + 1) * sizeof *rel), *fv = ferro_malloc(((size_t)n * 3 + 1) * sizeof *fv);
    ferro_report_series_t hs[8], fs[3];
    int nh = 0, nf = 0;
    if (!rel || !fv) { free(rel); free(fv); ferro_report_abort(rep); return FERRO_ENOMEM; }
    for (int k = 0; k < 8; k++) {
        int j = species_index(r, hall[k]);
        if (j < 0) continue;
        double y0 = r->mean[j];
        for (int i = 0; i < n; i++) rel[(size_t)nh * n + i] = y0 > 0 ? r->mean[(size_t)i * ns + j] / y0 : NAN;
        hs[nh] = (ferro_report_series_t){hall[k], rel + (size_t)nh * n};
        nh++;
    }
    for (int k = 0; k < 3; k++) {
        int j = species_index(r, fate[k]);
        if (j < 0) continue;
        for (int i = 0; i < n; i++) fv[(size_t)nf * n + i] = r->mean[(size_t)i * ns + j];
        fs[nf] = (ferro_report_series_t){fate[k], fv + (size_t)nf * n};
        nf++;
    }
    ferro_report_series_t vs[2] = {{"viability (vs untreated)", r->viability}, {"alive (of treated cells)", r->alive}};
    ferro_report_figures_begin(rep);
    ferro_report_lines(rep, &(ferro_report_lines_t){"Viability", "time (h)", "fraction", n, r->time, 2, vs, 0, 0.0, NAN});
    if (nh)
        ferro_report_lines(rep, &(ferro_report_lines_t){"Ferroptosis hallmarks (relative to t = 0)", "time (h)",
                                                        "fold change (log2 axis)", n, r->time, nh, hs, 1, NAN, NAN});
    if (nf)
        ferro_report_lines(rep, &(ferro_report_lines_t){"Fates (per starting cell)", "time (h)", "cells", n, r->time, nf,
                                                        fs, 0, 0.0, NAN});
    ferro_report_figures_end(rep);
    free(rel);
    free(fv);
    /* every species at the start and the end */
    enum { NC = 4 };
    static const char *const hdr[NC] = {"species", "t = 0", "end", "end / start"};
    snprintf(buf, sizeof buf, "Species (means over the living treated cells; fates per starting cell) at 0 and %g h",
             r->time[n - 1]);
    ferro_report_heading(rep, 2, buf);
    ferro_report_table_begin(rep, NC, hdr);
    for (int j = 0; j < ns; j++) {
        double a = r->mean[j], b = r->mean[(size_t)(n - 1) * ns + j];
        char cell[NC][40];
        const char *cp[NC] = {cell[0], cell[1], cell[2], cell[3]};
        snprintf(cell[0], 40, "%.39s", r->species[j]);
        snprintf(cell[1], 40, "%.4g", a);
        snprintf(cell[2], 40, "%.4g", b);
        if (a > 0 && !isnan(b)) snprintf(cell[3], 40, "%.3g", b / a);
        else snprintf(cell[3], 40, "NA");
        ferro_report_table_row(rep, NC, cp);
    }
    ferro_report_table_end(rep);
    return ferro_report_commit(rep);
}

/* Options kept as text until the world is loaded (names and doses need it). */
typedef struct {
    const char *cell, *model, *html;
    double rtol, atol, equil_h;
    int ndrug, nset;
    const char **drug, **set;
    ferro_condition_t *cond; /* --time, --step, --cells, --cv go straight into it */
} args_t;

static int simulate_option(void *ctx, int opt, const char *arg)
{
    args_t *a = ctx;
    ferro_condition_t *c = a->cond;
    double v;
    long n;
    switch (opt) {
    case OPT_CELL: a->cell = arg; break;
    case OPT_DRUG: a->drug[a->ndrug++] = arg; break;
    case OPT_SET: a->set[a->nset++] = arg; break;
    case OPT_MODEL: a->model = arg; break;
    case OPT_HTML: a->html = arg; break;
    case OPT_TIME:
        if (ferro_parse_double(arg, &v) || v < 0)
            return cli_usage_error("simulate", usage, "--time '%s' is not a non-negative number of hours", arg);
        c->t_end = v;
        break;
    case OPT_STEP:
        if (ferro_parse_double(arg, &v) || !(v > 0))
            return cli_usage_error("simulate", usage, "--step '%s' is not a positive number of hours", arg);
        c->t_step = v;
        break;
    case OPT_CELLS:
        if (ferro_parse_long(arg, &n) || n < 1 || n > 100000000)
            return cli_usage_error("simulate", usage, "--cells '%s' is not a number of cells (1 or more)", arg);
        c->ncells = (int)n;
        break;
    case OPT_CV:
        if (ferro_parse_double(arg, &v) || v < 0)
            return cli_usage_error("simulate", usage, "--cv '%s' is not a non-negative number", arg);
        c->cv = v;
        break;
    case OPT_RTOL:
    case OPT_ATOL:
        if (ferro_parse_double(arg, &v) || !(v > 0) || (opt == OPT_RTOL && v >= 1))
            return cli_usage_error("simulate", usage, "--%s '%s' is not a positive tolerance%s",
                                   opt == OPT_RTOL ? "rtol" : "atol", arg, opt == OPT_RTOL ? " below 1" : "");
        *(opt == OPT_RTOL ? &a->rtol : &a->atol) = v;
        break;
    case OPT_EQUIL:
        if (ferro_parse_double(arg, &v) || !(v >= 0) || !isfinite(v))
            return cli_usage_error("simulate", usage, "--equilibrate '%s' is not a number of hours >= 0", arg);
        a->equil_h = v;
        break;
    default: return CLI_OPT_UNKNOWN;
    }
    return 0;
}

static int parse_args(int argc, char **argv, cli_common_t *co, ferro_condition_t *c, args_t *a)
{
    static const struct option opts[] = {
        {"cell", required_argument, 0, OPT_CELL}, {"drug", required_argument, 0, OPT_DRUG},
        {"set", required_argument, 0, OPT_SET},   {"time", required_argument, 0, OPT_TIME},
        {"step", required_argument, 0, OPT_STEP}, {"cells", required_argument, 0, OPT_CELLS},
        {"cv", required_argument, 0, OPT_CV},     {"model", required_argument, 0, OPT_MODEL},
        {"rtol", required_argument, 0, OPT_RTOL}, {"atol", required_argument, 0, OPT_ATOL},
        {"equilibrate", required_argument, 0, OPT_EQUIL}, {"html", required_argument, 0, OPT_HTML},
        CLI_COMMON_LONGOPTS, {0, 0, 0, 0}};
    static const cli_parser_t parser = {"simulate", usage, opts, NULL, simulate_option, 0, NULL};
    a->cond = c;
    int st = cli_parse(&parser, argc, argv, co, a);
    if (st != CLI_PARSED) return st == CLI_EXIT_OK ? ARGS_HELP : st;
    if (!a->cell) return cli_usage_error("simulate", usage, "--cell NAME is required");
    return 0;
}

/* Names and doses against the loaded world. */
static int resolve(const ferro_world_t *w, const args_t *a, ferro_condition_t *c, ferro_dose_t *doses,
                   ferro_gene_factor_t *factors)
{
    int rc;
    if ((rc = ferro_world_find_cell(w, a->cell, &c->cell))) return cli_fail("simulate", rc);
    for (int i = 0; i < a->ndrug; i++)
        if ((rc = ferro_world_parse_drug(w, a->drug[i], &doses[i])))
            return cli_fail("simulate", ferro_error_prefix(rc, "--drug"));
    for (int i = 0; i < a->nset; i++)
        if ((rc = ferro_world_parse_gene_factor(w, a->set[i], &factors[i])))
            return cli_fail("simulate", ferro_error_prefix(rc, "--set"));
    c->ndoses = a->ndrug;
    c->doses = doses;
    c->nfactors = a->nset;
    c->factors = factors;
    return 0;
}

int cmd_simulate(int argc, char **argv)
{
    cli_common_t co;
    ferro_condition_t c;
    args_t a = {0};
    a.equil_h = FERRO_POP_EQUIL_H;
    cli_common_init(&co);
    ferro_condition_init(&c);
    a.drug = calloc((size_t)argc, sizeof *a.drug);
    a.set = calloc((size_t)argc, sizeof *a.set);
    ferro_dose_t *doses = calloc((size_t)argc, sizeof *doses);
    ferro_gene_factor_t *factors = calloc((size_t)argc, sizeof *factors);
    ferro_world_t *w = NULL;
    ferro_result_t *r = NULL;
    ferro_out_t *o = NULL;
    int status, rc;
    if (!a.drug || !a.set || !doses || !factors) { status = cli_fail("simulate", FERRO_ENOMEM); goto out; }
    status = parse_args(argc, argv, &co, &c, &a);
    if (status) {
        if (status == ARGS_HELP) status = CLI_EXIT_OK;
        goto out;
    }
    c.seed = co.seed;
    c.threads = cli_threads(&co);
    if ((rc = ferro_world_load(NULL, a.model, &w)) ||
        (rc = ferro_world_set_tolerances(w, a.rtol > 0 ? a.rtol : FERRO_POP_RTOL, a.atol > 0 ? a.atol : FERRO_POP_ATOL)) ||
        (rc = ferro_world_set_equilibration(w, a.equil_h))) {
        status = cli_fail("simulate", rc);
        goto out;
    }
    if ((status = resolve(w, &a, &c, doses, factors))) goto out;
    if ((rc = ferro_population_run(w, &c, &r))) { status = cli_fail("simulate", rc); goto out; }
    /* the output file is opened only once everything has succeeded */
    if ((rc = ferro_out_open(co.out, &o))) { status = cli_fail("simulate", rc); goto out; }
    if (co.json) write_json(ferro_out_fp(o), w, &c, r);
    else write_tsv(ferro_out_fp(o), r);
    rc = a.html ? write_html(a.html, w, &c, r) : 0;
    if (rc) ferro_out_abort(o);
    else rc = ferro_out_commit(o);
    status = rc ? cli_fail("simulate", rc) : CLI_EXIT_OK;
out:
    ferro_result_free(r);
    ferro_world_free(w);
    free(a.drug);
    free(a.set);
    free(doses);
    free(factors);
    return status;
}
