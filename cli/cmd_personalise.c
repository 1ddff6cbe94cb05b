/* cmd_personalise.c — `ferrosim personalise`: a patient's transcriptome sets the model's protein
 * levels (fold changes against the cohort on a base line) and the population model predicts the
 * patient's sensitivity to ferroptosis agents. The work is in src/personal. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_pharm.h"
#include "ferrosim/cohort.h"
#include "ferrosim/io.h"
#include "ferrosim/personal.h"

const char cmd_personalise_summary[] = "patient transcriptome -> model profile -> predicted ferroptosis sensitivity";

static const char usage[] =
    "Usage: ferrosim personalise --expr MATRIX --sample ID[,ID...] [--samples ANNOT [--lineage-col COL]]\n"
    "                            [--reference lineage|all] [--base CELL] [--agents LIST|all] [--doses N]\n"
    "                            [--cells N] [--time H] [--rtol R] [--atol A] [--equilibrate H]\n"
    "\n"
    "For each model gene on the array: ratio = 2^(x_sample - median of the reference group), clipped to\n"
    "0.05..20, multiplies the base line's level (so a patient at the median gets the base line's\n"
    "prediction). Genes not on the array keep the base line's level and are listed as missing.\n"
    "  --expr MATRIX        genes x samples, log2 (e.g. data/cohorts/ALL/expr_genes.tsv.gz)\n"
    "  --sample IDS         the patients (matrix column names), comma-separated\n"
    "  --samples ANNOT      sample annotation (first column = sample ID) with a lineage column\n"
    "  --lineage-col COL    the lineage column (default 'lineage'; values T..., B...)\n"
    "  --reference GROUP    lineage: median over the patient's lineage (default with --samples);\n"
    "                       all: median over every sample of the matrix (default without)\n"
    "  --base CELL          base line for every patient (default by lineage: T -> Jurkat, B -> NALM-6;\n"
    "                       without --samples --base is required)\n"
    "  --agents LIST|all    agents, comma-separated (default RSL3,erastin)\n"
    "  --doses N            log-spaced doses per agent over 1/100..100 x its EC50 (odd; default 7)\n"
    "  --cells N            virtual cells per well (default 50)\n"
    "  --time H             endpoint in hours (default 72)\n"
    "  --rtol R, --atol A   solver tolerances (default 1e-5 relative, 1e-8 absolute, as simulate)\n"
    CLI_EQUIL_HELP
    "\n"
    "Output (TSV, '#' lines: per patient the base line, mapped ratios, missing and clipped genes):\n"
    "sample, lineage, base, agent, unit, ref_dose (the geometric mean of the agent's EC50s),\n"
    "viability_ref (at ref_dose), ic50 (dose of 50% viability; NA unless status is ok), ic50_rel,\n"
    "ic50_rel_lo, ic50_rel_hi (4PL relative IC50 and 95% CI; NA for a rising, protective curve),\n"
    "auc, status (ok, not_reached, or the fit status: flat, no_convergence, ...), ic50_rel_flag\n"
    "(whether the data support ic50_rel: in_range; below_range / above_range = outside the tested\n"
    "doses, extrapolated; wide_ci = its CI spans more than 2 decades; NA = none; ferrosim dose --help).\n";

enum { OPT_EXPR = 1, OPT_SAMPLE, OPT_ANNOT, OPT_LCOL, OPT_REF, OPT_BASE, OPT_AGENTS, OPT_DOSES, OPT_CELLS, OPT_TIME };

typedef struct {
    const char *expr, *sample, *annot, *lcol, *ref, *base, *agents;
    long ndose, ncells;
    double time;
    cli_tol_t tol; /* --rtol, --atol (simulate's defaults here), --equilibrate */
} args_t;

typedef struct {
    int col;             /* matrix column */
    char lineage[32];    /* "" when unknown */
    int cell;            /* base line */
    double *ratio;       /* n_genes */
    int nclipped;
} patient_t;

/* Split a comma list into a malloc'ed array of malloc'ed strings. */
static int split_list(const char *s, char ***out, int *n)
{
    int cap = 1;
    for (const char *p = s; *p; p++) cap += *p == ',';
    char **v = calloc((size_t)cap, sizeof *v);
    if (!v) return FERRO_ENOMEM;
    int k = 0;
    for (const char *p = s;;) {
        const char *e = strchr(p, ',');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        if (len) {
            if (!(v[k] = malloc(len + 1))) { for (int i = 0; i < k; i++) free(v[i]); free(v); return FERRO_ENOMEM; }
            memcpy(v[k], p, len);
            v[k++][len] = 0;
        }
        if (!e) break;
        p = e + 1;
    }
    *out = v;
    *n = k;
    return 0;
}

static void free_list(char **v, int n)
{
    for (int i = 0; v && i < n; i++) free(v[i]);
    free(v);
}

/* Lineage of each matrix column from the annotation (lin[col], "" when none). */
static int read_lineages(const ferro_matrix_t *m, const char *path, const char *col, char (*lin)[32])
{
    ferro_table_t *t;
    int rc = ferro_samples_read(path, &t);
    if (rc) return rc;
    int c = ferro_table_col(t, col);
    int *map = malloc((size_t)(t->nrow + 1) * sizeof *map);
    if (!map) rc = FERRO_ENOMEM;
    else if (c < 0) rc = ferro_error_set(FERRO_EINVAL, "%s: no column '%s' (--lineage-col)", path, col);
    else rc = ferro_samples_match(m, t, map);
    for (int i = 0; !rc && i < t->nrow; i++) snprintf(lin[map[i]], 32, "%s", t->cell[i][c]);
    free(map);
    ferro_table_free(t);
    return rc;
}

static int same_lineage(const char *a, const char *b) { return a[0] && b[0] && (a[0] | 32) == (b[0] | 32); }

static void write_comments(FILE *fp, const ferro_world_t *w, const ferro_matrix_t *m, const patient_t *p)
{
    fprintf(fp, "# sample %s: base %s; ratios:", m->col_id[p->col], ferro_world_cell_name(w, p->cell));
    for (int g = 0; g < ferro_world_n_genes(w); g++)
        if (!isnan(p->ratio[g])) fprintf(fp, " %s=%.3g", ferro_world_gene_name(w, g), p->ratio[g]);
    fprintf(fp, "\n# sample %s: missing (base line's level):", m->col_id[p->col]);
    for (int g = 0; g < ferro_world_n_genes(w); g++)
        if (isnan(p->ratio[g])) fprintf(fp, " %s", ferro_world_gene_name(w, g));
    fprintf(fp, "\n# sample %s: %d ratios clipped to %g..%g\n", m->col_id[p->col], p->nclipped, FERRO_PERSONAL_MIN,
            FERRO_PERSONAL_MAX);
}

static const char *status_of(const ferro_personal_sens_t *s)
{
    if (s->fit.status != FERRO_DR_OK) return ferro_dr_status_name(s->fit.status);
    return isnan(s->fit.dose_v50) ? "not_reached" : "ok";
}

static void write_row_tsv(FILE *fp, const ferro_world_t *w, const ferro_matrix_t *m, const patient_t *p, int agent,
                          const ferro_personal_sens_t *s)
{
    fprintf(fp, "%s\t%s\t%s\t%s\t%s", m->col_id[p->col], p->lineage[0] ? p->lineage : "NA",
            ferro_world_cell_name(w, p->cell), ferro_world_agent_name(w, agent), ferro_world_agent_unit(w, agent));
    double ok = s->fit.status == FERRO_DR_OK, lo, hi;
    double ic50 = ferro_dr_ic50(&s->fit, &lo, &hi); /* NA for a rising (protective) curve */
    const double v[] = {s->ref_dose, s->viab_ref, ok ? s->fit.dose_v50 : NAN, ic50, lo, hi, s->fit.auc};
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) ferro_dr_write_num(fp, v[i]);
    fprintf(fp, "\t%s\t%s\n", status_of(s), isnan(ic50) ? "NA" : ferro_dr_midpoint_flag_name(s->fit.midpoint_flag));
}

static void write_row_json(FILE *fp, const ferro_world_t *w, int agent, const ferro_personal_sens_t *s, int first)
{
    fputs(first ? "{\"agent\":" : ",{\"agent\":", fp);
    ferro_json_string(fp, ferro_world_agent_name(w, agent));
    fputs(",\"unit\":", fp);
    ferro_json_string(fp, ferro_world_agent_unit(w, agent));
    fputs(",\"ref_dose\":", fp);
    ferro_json_number(fp, s->ref_dose);
    fputs(",\"viability_ref\":", fp);
    ferro_json_number(fp, s->viab_ref);
    fputs(",\"ic50\":", fp);
    ferro_json_number(fp, s->fit.status == FERRO_DR_OK ? s->fit.dose_v50 : NAN);
    fputs(",\"status\":", fp);
    ferro_json_string(fp, status_of(s));
    fputs(",\"fit\":", fp);
    ferro_dr_write_fit_json(fp, &s->fit);
    fputc('}', fp);
}

static void write_patient_json_head(FILE *fp, const ferro_world_t *w, const ferro_matrix_t *m, const patient_t *p)
{
    fputs("{\"sample\":", fp);
    ferro_json_string(fp, m->col_id[p->col]);
    fputs(",\"lineage\":", fp);
    if (p->lineage[0]) ferro_json_string(fp, p->lineage);
    else fputs("null", fp);
    fputs(",\"base\":", fp);
    ferro_json_string(fp, ferro_world_cell_name(w, p->cell));
    fputs(",\"ratios\":{", fp);
    int k = 0;
    for (int g = 0; g < ferro_world_n_genes(w); g++) {
        if (isnan(p->ratio[g])) continue;
        if (k++) fputc(',', fp);
        ferro_json_string(fp, ferro_world_gene_name(w, g));
        fputc(':', fp);
        ferro_json_number(fp, p->ratio[g]);
    }
    fputs("},\"missing\":[", fp);
    k = 0;
    for (int g = 0; g < ferro_world_n_genes(w); g++) {
        if (!isnan(p->ratio[g])) continue;
        if (k++) fputc(',', fp);
        ferro_json_string(fp, ferro_world_gene_name(w, g));
    }
    fprintf(fp, "],\"clipped\":%d,\"results\":[", p->nclipped);
}

/* Resolve agents: "all" or a list. */
static int resolve_agents(const ferro_world_t *w, const char *list, int **agents, int *n)
{
    if (!strcmp(list, "all")) {
        *n = ferro_world_n_agents(w);
        if (!(*agents = malloc((size_t)*n * sizeof **agents))) return FERRO_ENOMEM;
        for (int i = 0; i < *n; i++) (*agents)[i] = i;
        return 0;
    }
    char **names;
    int nn, rc = split_list(list, &names, &nn);
    if (rc) return rc;
    if (!nn) rc = ferro_error_set(FERRO_EINVAL, "--agents '%s': no agent named", list);
    if (!rc && !(*agents = malloc((size_t)nn * sizeof **agents))) rc = FERRO_ENOMEM;
    for (int i = 0; !rc && i < nn; i++)
        if ((rc = ferro_world_find_agent(w, names[i], &(*agents)[i]))) rc = ferro_error_prefix(rc, "--agents");
    *n = nn;
    free_list(names, nn);
    return rc;
}

/* Patients: columns, lineages, base lines, ratios. */
static int build_patients(const args_t *a, const ferro_world_t *w, const ferro_matrix_t *m, patient_t **out, int *np)
{
    char **ids;
    int n, rc = split_list(a->sample, &ids, &n), ng = ferro_world_n_genes(w);
    if (rc) return rc;
    char (*lin)[32] = calloc((size_t)m->ncol, sizeof *lin);
    patient_t *p = calloc((size_t)n + 1, sizeof *p);
    int *grp = malloc((size_t)m->ncol * sizeof *grp);
    double *ref = malloc((size_t)ng * sizeof *ref);
    if (!lin || !p || !grp || !ref) rc = FERRO_ENOMEM;
    if (!rc && !n) rc = ferro_error_set(FERRO_EINVAL, "--sample '%s': no sample named", a->sample);
    if (!rc && a->annot) rc = read_lineages(m, a->annot, a->lcol, lin);
    int by_lineage = a->ref ? !strcmp(a->ref, "lineage") : a->annot != NULL;
    if (!rc && by_lineage && !a->annot) rc = ferro_error_set(FERRO_EINVAL, "--reference lineage needs --samples ANNOT");
    int base = -1;
    if (!rc && a->base && (rc = ferro_world_find_cell(w, a->base, &base))) rc = ferro_error_prefix(rc, "--base");
    if (!rc && !a->base && !a->annot)
        rc = ferro_error_set(FERRO_EINVAL, "no lineage to choose the base line: give --samples ANNOT or --base CELL");
    if (!rc && !by_lineage) rc = ferro_personal_reference(w, m, NULL, m->ncol, ref);
    for (int i = 0; !rc && i < n; i++) {
        p[i].col = ferro_matrix_col(m, ids[i]);
        if (p[i].col < 0) { rc = ferro_error_set(FERRO_EINVAL, "--sample %s: not a sample of %s", ids[i], a->expr); break; }
        snprintf(p[i].lineage, sizeof p[i].lineage, "%s", lin[p[i].col]);
        p[i].cell = base;
        if (base < 0 && (rc = ferro_personal_base_cell(w, p[i].lineage, &p[i].cell)))
            rc = ferro_error_prefix(rc, "sample %s", ids[i]);
        if (!rc && by_lineage) {
            int k = 0;
            for (int j = 0; j < m->ncol; j++)
                if (same_lineage(lin[j], p[i].lineage)) grp[k++] = j;
            if (!k) rc = ferro_error_set(FERRO_EINVAL, "sample %s: no lineage in %s for the reference group", ids[i], a->annot);
            else rc = ferro_personal_reference(w, m, grp, k, ref);
        }
        if (!rc && !(p[i].ratio = malloc((size_t)ng * sizeof *p[i].ratio))) rc = FERRO_ENOMEM;
        if (!rc) rc = ferro_personal_ratios(w, m, p[i].col, ref, p[i].ratio, &p[i].nclipped);
    }
    free_list(ids, n);
    free(lin);
    free(grp);
    free(ref);
    *out = p;
    *np = n;
    return rc;
}

static int run(const args_t *a, const cli_common_t *com)
{
    ferro_world_t *w = NULL;
    ferro_matrix_t *m = NULL;
    patient_t *p = NULL;
    int np = 0, na = 0, *agents = NULL, rc;
    ferro_gene_factor_t *gf = NULL;
    ferro_personal_sens_t s;
    ferro_out_t *o = NULL;
    if ((rc = ferro_world_load(NULL, NULL, &w))) goto out;
    if ((rc = ferro_world_set_tolerances(w, a->tol.rtol, a->tol.atol)) ||
        (rc = ferro_world_set_equilibration(w, a->tol.equil_h)))
        goto out;
    if ((rc = ferro_matrix_read(a->expr, &m))) goto out;
    if ((rc = resolve_agents(w, a->agents, &agents, &na))) goto out;
    if ((rc = build_patients(a, w, m, &p, &np))) goto out;
    if (!(gf = malloc((size_t)ferro_world_n_genes(w) * sizeof *gf))) { rc = FERRO_ENOMEM; goto out; }
    if ((rc = ferro_out_open(com->out, &o))) goto out;
    FILE *fp = ferro_out_fp(o);
    if (com->json) fputc('[', fp);
    else {
        fprintf(fp, "# ferrosim personalise: %s; reference: %s median; %ld cells, %g h, seed %lu", a->expr,
                (a->ref ? !strcmp(a->ref, "lineage") : a->annot != NULL) ? "lineage" : "cohort", a->ncells, a->time, com->seed);
        if (a->tol.equil_h > 0) fprintf(fp, ", pre-equilibrated %g h", a->tol.equil_h);
        fputc('\n', fp);
        for (int i = 0; i < np; i++) write_comments(fp, w, m, &p[i]);
        fputs("sample\tlineage\tbase\tagent\tunit\tref_dose\tviability_ref\tic50\tic50_rel\tic50_rel_lo\tic50_rel_hi\tauc\tstatus\tic50_rel_flag\n", fp);
    }
    for (int i = 0; !rc && i < np; i++) {
        ferro_condition_t c;
        ferro_condition_init(&c);
        c.cell = p[i].cell;
        c.t_end = a->time;
        c.ncells = (int)a->ncells;
        c.seed = com->seed;
        c.threads = cli_threads(com);
        c.factors = gf;
        if ((rc = ferro_personal_factors(w, p[i].ratio, gf, &c.nfactors))) break;
        if (com->json) { if (i) fputc(',', fp); write_patient_json_head(fp, w, m, &p[i]); }
        for (int k = 0; !rc && k < na; k++) {
            if ((rc = ferro_personal_sensitivity(w, &c, agents[k], (int)a->ndose, &s))) {
                rc = ferro_error_prefix(rc, "sample %s, %s", m->col_id[p[i].col], ferro_world_agent_name(w, agents[k]));
                break;
            }
            if (com->json) write_row_json(fp, w, agents[k], &s, k == 0);
            else write_row_tsv(fp, w, m, &p[i], agents[k], &s);
        }
        if (com->json) fputs("]}", fp);
    }
    if (com->json && !rc) fputs("]\n", fp);
    if (rc) ferro_out_abort(o);
    else rc = ferro_out_commit(o);
out:
    for (int i = 0; p && i < np; i++) free(p[i].ratio);
    free(p);
    free(gf);
    free(agents);
    ferro_matrix_free(m);
    ferro_world_free(w);
    return rc ? cli_fail("personalise", rc) : CLI_EXIT_OK;
}

static int personalise_option(void *ctx, int opt, const char *arg)
{
    args_t *a = ctx;
    int h = cli_tol_handle(&a->tol, "personalise", opt, arg);
    if (h) return h > 0 ? 0 : CLI_EXIT_USAGE;
    switch (opt) {
    case OPT_EXPR: a->expr = arg; break;
    case OPT_SAMPLE: a->sample = arg; break;
    case OPT_ANNOT: a->annot = arg; break;
    case OPT_LCOL: a->lcol = arg; break;
    case OPT_BASE: a->base = arg; break;
    case OPT_AGENTS: a->agents = arg; break;
    case OPT_REF:
        a->ref = arg;
        if (strcmp(arg, "lineage") && strcmp(arg, "all"))
            return cli_usage_error("personalise", usage, "--reference '%s': expected lineage or all", arg);
        break;
    case OPT_DOSES:
        if (ferro_parse_long(arg, &a->ndose) || a->ndose < 3 || a->ndose > 61 || a->ndose % 2 == 0)
            return cli_usage_error("personalise", usage, "--doses '%s': expected an odd number from 3 to 61", arg);
        break;
    case OPT_CELLS:
        if (ferro_parse_long(arg, &a->ncells) || a->ncells < 1 || a->ncells > 100000000)
            return cli_usage_error("personalise", usage, "--cells '%s': expected a cell count (1 or more)", arg);
        break;
    case OPT_TIME:
        if (ferro_parse_double(arg, &a->time) || !(a->time > 0))
            return cli_usage_error("personalise", usage, "--time '%s': expected a positive number of hours", arg);
        break;
    default: return CLI_OPT_UNKNOWN;
    }
    return 0;
}

int cmd_personalise(int argc, char **argv)
{
    static const struct option opts[] = {
        {"expr", required_argument, 0, OPT_EXPR},     {"sample", required_argument, 0, OPT_SAMPLE},
        {"samples", required_argument, 0, OPT_ANNOT}, {"lineage-col", required_argument, 0, OPT_LCOL},
        {"reference", required_argument, 0, OPT_REF}, {"base", required_argument, 0, OPT_BASE},
        {"agents", required_argument, 0, OPT_AGENTS}, {"doses", required_argument, 0, OPT_DOSES},
        {"cells", required_argument, 0, OPT_CELLS},   {"time", required_argument, 0, OPT_TIME},
        CLI_TOL_LONGOPTS, CLI_COMMON_LONGOPTS, {0, 0, 0, 0}};
    static const cli_parser_t parser = {"personalise", usage, opts, NULL, personalise_option, 0, NULL};
    cli_common_t com;
    cli_common_init(&com);
    args_t a = {.lcol = "lineage", .agents = "RSL3,erastin", .ndose = 7, .ncells = 50, .time = 72};
    cli_tol_init(&a.tol);
    a.tol.rtol = FERRO_POP_RTOL; /* as simulate: personalise predicts, it does not screen */
    a.tol.atol = FERRO_POP_ATOL;
    int st = cli_parse(&parser, argc, argv, &com, &a);
    if (st < 0 && (!a.expr || !a.sample)) st = cli_usage_error("personalise", usage, "--expr MATRIX and --sample ID are required");
    return st < 0 ? run(&a, &com) : st;
}
