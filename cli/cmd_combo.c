/* cmd_combo.c — `ferrosim combo`: two-agent dose matrices and their Bliss, HSA, Loewe and ZIP
 * synergy scores, simulated with the model (--cell, --drug A --drug B) or measured (--data). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_pharm.h"
#include "ferrosim/doseresp.h"
#include "ferrosim/io.h"
#include "ferrosim/report.h"
#include "ferrosim/screen.h"
#include "ferrosim/synergy.h"

const char cmd_combo_summary[] = "combination matrix with Bliss, HSA, Loewe and ZIP synergy, simulated or measured";

static const char usage[] =
    "Usage: ferrosim combo --cell NAME --drug A --drug B [--doses-a LIST | --range-a LO:HI:N]\n"
    "                      [--doses-b LIST | --range-b LO:HI:N] [--time H] [--cells N] [--set G=F]...\n"
    "                      [--rtol R] [--atol A] [--equilibrate H]\n"
    "       ferrosim combo --data FILE\n"
    "\n"
    "Synergy scores of two-agent dose matrices as SynergyFinder computes them (percentage points\n"
    "of inhibition, > 0 synergy): Bliss independence and highest single agent (HSA) from the\n"
    "observed single agents, Loewe additivity from the fitted single-agent 4PL curves, ZIP (zero\n"
    "interaction potency, Yadav et al. 2015); summaries (mean over the combination cells) and the\n"
    "most synergistic 3 x 3 dose area.\n"
    "\n"
    "Model mode simulates every well of the matrix (all sharing one untreated reference).\n"
    "  --drug NAME          twice: agent A (rows), then B (columns); B may be kd:GENE, a knockdown\n"
    "                       whose doses are the fraction of expression removed (0..1)\n"
    "  --doses-a/-b LIST    doses, comma-separated, units allowed; default 5 log-spaced doses over\n"
    "                       1/100 to 100 x the agent's EC50s (knockdown: 0.18, 0.36 ... 0.9)\n"
    "  --range-a/-b LO:HI:N N log-spaced doses from LO to HI\n"
    CLI_WELL_HELP
    "\n"
    "  --data FILE   measured wells: a header with the columns drug_a, dose_a, drug_b, dose_b,\n"
    "                viability (fraction of the untreated control), replicates allowed; each pair\n"
    "                of drugs needs a complete matrix including dose 0 of each (single agents).\n"
    "\n"
    "  --html FILE   also write a self-contained HTML report: per pair, the single-agent curves\n"
    "                with their fits, the viability matrix and the four synergy maps\n"
    "\n"
    "Output (TSV): '#' comment lines with the summaries, then one row per pair and cell: [cell,] drug_a,\n"
    "drug_b, dose_a, dose_b, n, viability, sd, inhibition, bliss, hsa, loewe, zip.\n"
    "\n";

typedef struct {
    const char *a, *b;
    int n, cap;
    double *da, *db, *v;
} pair_t;

static int pair_add(pair_t *p, double da, double db, double v)
{
    if (p->n == p->cap) {
        int nc = p->cap ? 2 * p->cap : 64;
        double *x = realloc(p->da, (size_t)nc * sizeof *x);
        if (!x) return FERRO_ENOMEM;
        p->da = x;
        if (!(x = realloc(p->db, (size_t)nc * sizeof *x))) return FERRO_ENOMEM;
        p->db = x;
        if (!(x = realloc(p->v, (size_t)nc * sizeof *x))) return FERRO_ENOMEM;
        p->v = x;
        p->cap = nc;
    }
    p->da[p->n] = da;
    p->db[p->n] = db;
    p->v[p->n] = v;
    p->n++;
    return 0;
}

/* Summaries as '#' lines, then the per-cell table (TSV), or a JSON array; cell may be NULL. */
static void write_pairs(FILE *fp, int json, const char *cell, int np, const char *const *a, const char *const *b,
                        ferro_grid_t *const *grid, ferro_synergy_t *const *syn)
{
    if (json) {
        fputc('[', fp);
        for (int k = 0; k < np; k++) {
            const char *keys[] = {"cell", "drug_a", "drug_b"}, *vals[] = {cell, a[k], b[k]};
            if (k) fputc(',', fp);
            ferro_synergy_write_json(fp, cell ? keys : keys + 1, cell ? vals : vals + 1, cell ? 3 : 2, grid[k], syn[k]);
        }
        fputs("]\n", fp);
        return;
    }
    for (int k = 0; k < np; k++) {
        const ferro_synergy_t *s = syn[k];
        const ferro_grid_t *g = grid[k];
        fprintf(fp, "# %s%s%s + %s:", cell ? cell : "", cell ? ": " : "", a[k], b[k]);
        for (int m = 0; m < FERRO_SYN_NMETHODS; m++) {
            int i = s->msa_i[m], j = s->msa_j[m], w = s->msa_size;
            if (isnan(s->mean[m])) {
                fprintf(fp, " %s NA%s", ferro_synergy_method_name(m), m + 1 < FERRO_SYN_NMETHODS ? ";" : "\n");
                continue;
            }
            fprintf(fp, " %s %.3g (most synergistic area %.3g at %s %g-%g, %s %g-%g)%s", ferro_synergy_method_name(m),
                    s->mean[m], s->msa[m], a[k], g->dose_a[i], g->dose_a[i + w - 1], b[k], g->dose_b[j],
                    g->dose_b[j + w - 1], m + 1 < FERRO_SYN_NMETHODS ? ";" : "\n");
        }
        if (s->fit_a.status != FERRO_DR_OK || s->fit_b.status != FERRO_DR_OK)
            fprintf(fp, "# %s + %s: single-agent fit %s / %s: Loewe not defined (NA)\n", a[k], b[k],
                    ferro_dr_status_name(s->fit_a.status), ferro_dr_status_name(s->fit_b.status));
    }
    ferro_synergy_write_tsv_header(fp, cell ? "cell\tdrug_a\tdrug_b" : "drug_a\tdrug_b");
    for (int k = 0; k < np; k++) {
        char key[768];
        snprintf(key, sizeof key, "%s%s%s\t%s", cell ? cell : "", cell ? "\t" : "", a[k], b[k]);
        ferro_synergy_write_tsv_rows(fp, key, grid[k], syn[k]);
    }
}

/* The HTML report: per pair, the single-agent curves (row B = 0, column A = 0) with the fits the
 * scores used, then the viability matrix and the synergy maps. */
static int write_html(const char *path, const char *title, const char *cell, int np, const char *const *a,
                      const char *const *b, ferro_grid_t *const *grid, ferro_synergy_t *const *syn)
{
    ferro_report_t *r;
    int rc = ferro_report_open(path, title, &r);
    if (rc) return rc;
    ferro_report_paragraph(r, "Synergy scores as SynergyFinder computes them, in percentage points of inhibition "
                              "(> 0: more effect than the reference model predicts). Bliss and HSA from the observed "
                              "single agents; Loewe from the fitted single-agent curves; ZIP from refitted row and "
                              "column curves (Yadav et al. 2015). Mean: over the cells where both doses are > 0.");
    for (int k = 0; k < np && !rc; k++) {
        const ferro_grid_t *g = grid[k];
        const ferro_synergy_t *s = syn[k];
        double *va = malloc(((size_t)g->na + 1) * sizeof *va), *vb = malloc(((size_t)g->nb + 1) * sizeof *vb);
        if (!va || !vb) { free(va); free(vb); rc = FERRO_ENOMEM; break; }
        for (int i = 0; i < g->na; i++) va[i] = g->viability[(size_t)i * g->nb];
        for (int j = 0; j < g->nb; j++) vb[j] = g->viability[j];
        char h[512];
        snprintf(h, sizeof h, "%.100s%s%.150s + %.150s", cell ? cell : "", cell ? ": " : "", a[k], b[k]);
        ferro_report_heading(r, 2, h);
        ferro_report_figures_begin(r);
        ferro_report_curve_t ca = {a[k], g->dose_a, va, NULL, g->na, &s->fit_a};
        ferro_report_curve_t cb = {b[k], g->dose_b, vb, NULL, g->nb, &s->fit_b};
        ferro_report_curves(r, a[k], "dose", 1, &ca);
        ferro_report_curves(r, b[k], "dose", 1, &cb);
        ferro_report_figures_end(r);
        ferro_report_synergy(r, "Viability and synergy maps", a[k], b[k], g, s);
        free(va);
        free(vb);
    }
    if (rc) { ferro_report_abort(r); return rc; }
    return ferro_report_commit(r);
}

static int run_data(const char *path, const char *html, const cli_common_t *com)
{
    static const char *const names[] = {"drug_a", "dose_a", "drug_b", "dose_b", "viability"};
    ferro_dr_plate_t *p;
    int rc = ferro_dr_plate_read(path, names, "tdtdv", &p);
    if (rc) return cli_fail("combo", rc);
    if (p->nskipped) ferro_warn("%s: %d wells with a missing viability skipped", path, p->nskipped);
    int np = 0;
    pair_t *pairs = calloc((size_t)p->nrow, sizeof *pairs);
    ferro_grid_t **grid = calloc((size_t)p->nrow, sizeof *grid);
    ferro_synergy_t **syn = calloc((size_t)p->nrow, sizeof *syn);
    if (!pairs || !grid || !syn) rc = ferro_error_set(FERRO_ENOMEM, "out of memory");
    for (int r = 0; r < p->nrow && !rc; r++) {
        const char *a = p->text[r * 5], *b = p->text[r * 5 + 2];
        int k = 0;
        while (k < np && (strcmp(pairs[k].a, a) || strcmp(pairs[k].b, b))) k++;
        if (k == np) { pairs[np].a = a; pairs[np].b = b; np++; }
        rc = pair_add(&pairs[k], p->num[r * 5 + 1], p->num[r * 5 + 3], p->num[r * 5 + 4]);
    }
    /* all computations first: nothing is written if any pair is unusable */
    for (int k = 0; k < np && !rc; k++) {
        rc = ferro_grid_from_obs(pairs[k].da, pairs[k].db, pairs[k].v, pairs[k].n, &grid[k]);
        if (!rc) rc = ferro_synergy_compute(grid[k], &syn[k]);
        if (rc) ferro_error_prefix(rc, "%s: %s + %s", path, pairs[k].a, pairs[k].b);
    }
    ferro_out_t *o = NULL;
    if (!rc) rc = ferro_out_open(com->out, &o);
    if (!rc) {
        FILE *fp = ferro_out_fp(o);
        const char **na = malloc((size_t)np * sizeof *na), **nb = malloc((size_t)np * sizeof *nb);
        if (na && nb) {
            for (int k = 0; k < np; k++) { na[k] = pairs[k].a; nb[k] = pairs[k].b; }
            write_pairs(fp, com->json, NULL, np, na, nb, grid, syn);
            if (html) {
                char title[600];
                snprintf(title, sizeof title, "Combination synergy: %.500s", path);
                rc = write_html(html, title, NULL, np, na, nb, grid, syn);
                if (rc) { ferro_out_abort(o); o = NULL; }
            }
        }
        free(na);
        free(nb);
        if (!na || !nb) { ferro_out_abort(o); o = NULL; rc = ferro_error_set(FERRO_ENOMEM, "out of memory"); }
        if (o) rc = ferro_out_commit(o);
    }
    for (int k = 0; k < np; k++) {
        free(pairs[k].da);
        free(pairs[k].db);
        free(pairs[k].v);
        ferro_grid_free(grid[k]);
        ferro_synergy_free(syn[k]);
    }
    free(pairs);
    free(grid);
    free(syn);
    ferro_dr_plate_free(p);
    return rc ? cli_fail("combo", rc) : CLI_EXIT_OK;
}

/* Agent B or a knockdown "kd:GENE": doses from the options or the defaults. */
static int axis(const ferro_world_t *w, const char *opt, const char *drug, const char *list, const char *range, int *agent,
                int *gene, double **dose, int *n)
{
    int rc;
    *agent = *gene = -1;
    if (!strncmp(drug, "kd:", 3)) {
        if ((rc = ferro_world_find_gene(w, drug + 3, gene))) return cli_fail("combo", ferro_error_prefix(rc, "--drug %s", drug));
        if (range) return cli_usage_error("combo", NULL, "%s: a knockdown takes fractions (--doses-b 0.2,0.5,0.8)", opt);
        int k = 1, cap = 7;
        for (const char *s = list; s && *s; s++) cap += *s == ',';
        double *d = malloc((size_t)cap * sizeof *d);
        if (!d) return cli_fail("combo", FERRO_ENOMEM);
        d[0] = 0;
        if (!list) for (; k <= 5; k++) d[k] = 0.18 * k;
        for (const char *s = list; s && *s;) {
            char item[64];
            const char *e = strchr(s, ',');
            size_t len = e ? (size_t)(e - s) : strlen(s);
            double v;
            snprintf(item, sizeof item, "%.*s", (int)(len < 63 ? len : 63), s);
            if (ferro_parse_double(item, &v) || v < 0 || v > 1) {
                free(d);
                return cli_usage_error("combo", NULL, "%s: '%s' is not a knockdown fraction (0..1)", opt, item);
            }
            if (v > 0 && v > d[k - 1]) d[k++] = v;
            else if (v > 0) { free(d); return cli_usage_error("combo", NULL, "%s: fractions must increase", opt); }
            s = e ? e + 1 : s + len;
        }
        *dose = d;
        *n = k;
        return CLI_EXIT_OK;
    }
    if ((rc = ferro_world_find_agent(w, drug, agent))) return cli_fail("combo", ferro_error_prefix(rc, "--drug"));
    if (list || range) return cli_dose_series("combo", opt, w, *agent, list, range, dose, n);
    double lo, hi;
    double *d = malloc(6 * sizeof *d);
    if (!d) return cli_fail("combo", FERRO_ENOMEM);
    if ((rc = ferro_screen_agent_range(w, *agent, &lo, &hi)) || (rc = ferro_screen_logspace(lo, hi, 5, d + 1))) {
        free(d);
        return cli_fail("combo", rc);
    }
    d[0] = 0;
    *dose = d;
    *n = 6;
    return CLI_EXIT_OK;
}

static int run_model(const cli_well_t *well, const char *const *drug, const char *const *list, const char *const *range,
                     const char *html, const cli_common_t *com)
{
    ferro_world_t *w = NULL;
    int st = cli_world_load("combo", &w), rc, aa, ab, ga, gb, na = 0, nb = 0;
    if (st) return st;
    double *da = NULL, *db = NULL;
    ferro_grid_t *g = NULL;
    ferro_synergy_t *s = NULL;
    ferro_dose_t *bg = calloc((size_t)well->nwith + 1, sizeof *bg);
    ferro_gene_factor_t *gf = calloc((size_t)well->nset + 1, sizeof *gf);
    ferro_condition_t c;
    if (!bg || !gf) { st = cli_fail("combo", FERRO_ENOMEM); goto out; }
    if ((st = cli_well_condition(well, "combo", com, w, &c, bg, gf))) goto out;
    if ((st = axis(w, list[0] ? "--doses-a" : "--range-a", drug[0], list[0], range[0], &aa, &ga, &da, &na))) goto out;
    if (ga >= 0) { st = cli_usage_error("combo", NULL, "the first --drug must be an agent (a knockdown can be B)"); goto out; }
    if ((st = axis(w, list[1] ? "--doses-b" : "--range-b", drug[1], list[1], range[1], &ab, &gb, &db, &nb))) goto out;
    if ((rc = ferro_screen_matrix(w, &c, aa, da, na, ab, gb, db, nb, &g)) || (rc = ferro_synergy_compute(g, &s))) {
        st = cli_fail("combo", rc);
        goto out;
    }
    ferro_out_t *o;
    if ((rc = ferro_out_open(com->out, &o))) { st = cli_fail("combo", rc); goto out; }
    char bname[160];
    if (gb >= 0) snprintf(bname, sizeof bname, "kd:%s", ferro_world_gene_name(w, gb));
    else snprintf(bname, sizeof bname, "%s", ferro_world_agent_name(w, ab));
    const char *an = ferro_world_agent_name(w, aa), *bn = bname;
    write_pairs(ferro_out_fp(o), com->json, ferro_world_cell_name(w, c.cell), 1, &an, &bn, &g, &s);
    if (html) {
        char title[640];
        snprintf(title, sizeof title, "Combination synergy (model): %.200s, %.140s + %.140s", ferro_world_cell_name(w, c.cell), an, bn);
        if ((rc = write_html(html, title, ferro_world_cell_name(w, c.cell), 1, &an, &bn, &g, &s))) {
            ferro_out_abort(o);
            st = cli_fail("combo", rc);
            goto out;
        }
    }
    if ((rc = ferro_out_commit(o))) st = cli_fail("combo", rc);
out:
    free(da);
    free(db);
    free(bg);
    free(gf);
    ferro_grid_free(g);
    ferro_synergy_free(s);
    ferro_world_free(w);
    return st;
}

typedef struct {
    cli_well_t well;
    const char *data, *html, *drug[2], *list[2], *range[2]; /* [0] agent A, [1] agent B */
    int ndrug;
} combo_args_t;

static int combo_option(void *ctx, int opt, const char *arg)
{
    combo_args_t *a = ctx;
    int h = cli_well_handle(&a->well, "combo", opt, arg);
    if (h) return h > 0 ? 0 : CLI_EXIT_USAGE;
    switch (opt) {
    case 'D': a->data = arg; break;
    case 'H': a->html = arg; break;
    case 'd':
        if (a->ndrug == 2) return cli_usage_error("combo", usage, "--drug given more than twice");
        a->drug[a->ndrug++] = arg;
        break;
    case 'a': case 'b': a->list[opt - 'a'] = arg; break;
    case 'A': case 'B': a->range[opt - 'A'] = arg; break;
    default: return CLI_OPT_UNKNOWN;
    }
    return 0;
}

int cmd_combo(int argc, char **argv)
{
    static const struct option opts[] = {{"data", required_argument, 0, 'D'}, {"drug", required_argument, 0, 'd'},
                                         {"doses-a", required_argument, 0, 'a'}, {"doses-b", required_argument, 0, 'b'},
                                         {"range-a", required_argument, 0, 'A'}, {"range-b", required_argument, 0, 'B'},
                                         {"html", required_argument, 0, 'H'}, CLI_WELL_LONGOPTS, CLI_COMMON_LONGOPTS,
                                         {0, 0, 0, 0}};
    static const cli_parser_t parser = {"combo", usage, opts, NULL, combo_option, 0, NULL};
    cli_common_t com;
    cli_common_init(&com);
    combo_args_t a = {0};
    if (cli_well_init(&a.well, argc)) return cli_fail("combo", FERRO_ENOMEM);
    int st = cli_parse(&parser, argc, argv, &com, &a);
    if (st < 0 && a.data && (a.ndrug || a.well.cell))
        st = cli_usage_error("combo", usage, "--data reads measured wells: it takes no --cell or --drug");
    if (st < 0 && !a.data && a.ndrug != 2) st = cli_usage_error("combo", usage, "give --cell NAME --drug A --drug B, or --data FILE");
    if (st < 0) st = a.data ? run_data(a.data, a.html, &com) : run_model(&a.well, a.drug, a.list, a.range, a.html, &com);
    cli_well_free(&a.well);
    return st;
}
