/* cmd_combo.c — `ferrosim combo`: two-agent dose matrices and their Bliss, HSA, Loewe and ZIP
 * synergy scores, from measured plate data (--data). */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "ferrosim/doseresp.h"
#include "ferrosim/io.h"
#include "ferrosim/synergy.h"

const char cmd_combo_summary[] = "combination matrix: Bliss, HSA, Loewe and ZIP synergy of measured data";

static const char usage[] =
    "Usage: ferrosim combo --data FILE [--out PATH] [--json]\n"
    "\n"
    "Synergy scores of two-agent dose matrices as SynergyFinder computes them (percentage points\n"
    "of inhibition, > 0 synergy): Bliss independence and highest single agent (HSA) from the\n"
    "observed single agents, Loewe additivity from the fitted single-agent 4PL curves, ZIP (zero\n"
    "interaction potency, Yadav et al. 2015); summaries (mean over the combination cells) and the\n"
    "most synergistic 3 x 3 dose area.\n"
    "\n"
    "  --data FILE   measured wells: a header with the columns drug_a, dose_a, drug_b, dose_b,\n"
    "                viability (fraction of the untreated control), replicates allowed; each pair\n"
    "                of drugs needs a complete matrix including dose 0 of each (single agents).\n"
    "\n"
    "Output (TSV): '#' comment lines with the summaries, then one row per pair and cell: drug_a,\n"
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

static int run_data(const char *path, const cli_common_t *com)
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
        if (com->json) {
            fputc('[', fp);
            for (int k = 0; k < np; k++) {
                const char *keys[] = {"drug_a", "drug_b"}, *vals[] = {pairs[k].a, pairs[k].b};
                if (k) fputc(',', fp);
                ferro_synergy_write_json(fp, keys, vals, 2, grid[k], syn[k]);
            }
            fputs("]\n", fp);
        } else {
            for (int k = 0; k < np; k++) {
                fprintf(fp, "# %s + %s:", pairs[k].a, pairs[k].b);
                for (int m = 0; m < FERRO_SYN_NMETHODS; m++) {
                    const ferro_synergy_t *s = syn[k];
                    const ferro_grid_t *g = grid[k];
                    int i = s->msa_i[m], j = s->msa_j[m], w = s->msa_size;
                    fprintf(fp, " %s %.3g (most synergistic area %.3g at %s %g-%g, %s %g-%g)%s", ferro_synergy_method_name(m),
                            s->mean[m], s->msa[m], pairs[k].a, g->dose_a[i], g->dose_a[i + w - 1], pairs[k].b,
                            g->dose_b[j], g->dose_b[j + w - 1], m + 1 < FERRO_SYN_NMETHODS ? ";" : "\n");
                }
                if (syn[k]->fit_a.status != FERRO_DR_OK || syn[k]->fit_b.status != FERRO_DR_OK)
                    fprintf(fp, "# %s + %s: single-agent fit %s / %s: Loewe not defined (NA)\n", pairs[k].a, pairs[k].b,
                            ferro_dr_status_name(syn[k]->fit_a.status), ferro_dr_status_name(syn[k]->fit_b.status));
            }
            ferro_synergy_write_tsv_header(fp, "drug_a\tdrug_b");
            for (int k = 0; k < np; k++) {
                char key[512];
                snprintf(key, sizeof key, "%s\t%s", pairs[k].a, pairs[k].b);
                ferro_synergy_write_tsv_rows(fp, key, grid[k], syn[k]);
            }
        }
        rc = ferro_out_commit(o);
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

int cmd_combo(int argc, char **argv)
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
        else return cli_usage_error("combo", usage, "unknown option");
    }
    if (optind < argc) return cli_usage_error("combo", usage, "unexpected argument '%s'", argv[optind]);
    if (!data) return cli_usage_error("combo", usage, "--data FILE is required");
    return run_data(data, &com);
}
