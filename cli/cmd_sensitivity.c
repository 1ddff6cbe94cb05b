/* cmd_sensitivity.c — `ferrosim sensitivity`: which genes make a treatment kill a line (or spare
 * it), ranked; the work is in src/sensitivity. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_pharm.h"
#include "ferrosim/geneset.h"
#include "ferrosim/io.h"
#include "ferrosim/sensitivity.h"

const char cmd_sensitivity_summary[] = "why a treatment kills a line: viability's sensitivity to each gene and dose";

static const char usage[] =
    "Usage: ferrosim sensitivity --cell NAME --drug NAME=DOSE [--drug NAME=DOSE]... [--genes LIST]\n"
    "                            [--step S] [--kd F] [--oe F] [--set GENE=FACTOR]... [--time H] [--cells N]\n"
    "\n"
    "Runs the treatment again with each gene's level scaled (every --set factor kept) and ranks\n"
    "the genes by how much the population's viability under the treatment depends on them. Each\n"
    "perturbed run is compared with its own untreated reference (the same gene levels, no agent):\n"
    "a gene that only changes growth does not count. All runs use the same virtual cells (same\n"
    "--seed), so the differences are not sampling noise.\n"
    "  --drug NAME=DOSE     the treatment (repeatable for a combination; units as in simulate)\n"
    "  --genes LIST         comma-separated genes to perturb (default: every gene, ferrosim list genes)\n"
    "  --step S             step of the local elasticity: the gene's level x S and / S (default 1.25)\n"
    "  --kd F, --oe F       knock-down and over-expression factors (defaults 0.2 and 5)\n"
    "  --threshold E        |elasticity| below which a gene is called neutral (default 0.01)\n"
    CLI_WELL_HELP
    "\n"
    "Output (TSV, sorted by |elasticity|; '#' lines: the condition and its viability v0, and how\n"
    "the genes' roles agree with FerrDb): target, kind (gene or agent), base (the gene's factor or\n"
    "the agent's dose), v_down, v_up (viability at base / S and x S), elasticity ((v_up - v_down) /\n"
    "(2 ln S): viability per e-fold more of the gene or dose), v_kd, v_oe, d_kd, d_oe (viability\n"
    "at the knock-down and over-expression, and their change from v0; NA for agents), role\n"
    "(protective: more of the gene, more survival; sensitising: more of it, more death; neutral;\n"
    "an agent's dose: kills, protects or neutral),\n"
    "ferrdb (the gene's FerrDb class: driver, suppressor, both or -). --json gives the same as an\n"
    "object.\n";

enum { O_DRUG = 1, O_GENES, O_STEP, O_KD, O_OE, O_THR };

typedef struct {
    cli_well_t well;
    const char **drug;
    int ndrug;
    const char *genes;
    ferro_sens_opts_t so;
    double threshold;
} sens_args_t;

static int sens_option(void *ctx, int opt, const char *arg)
{
    sens_args_t *a = ctx;
    int h = cli_well_handle(&a->well, "sensitivity", opt, arg);
    if (h) return h > 0 ? 0 : CLI_EXIT_USAGE;
    double v;
    switch (opt) {
    case O_DRUG: a->drug[a->ndrug++] = arg; return 0;
    case O_GENES: a->genes = arg; return 0;
    case O_STEP: case O_KD: case O_OE: case O_THR:
        if (ferro_parse_double(arg, &v) || !isfinite(v) || (opt == O_STEP ? !(v > 1) : !(v >= 0)))
            return cli_usage_error("sensitivity", usage, "--%s: '%s' is not a number %s",
                                   opt == O_STEP ? "step" : opt == O_KD ? "kd" : opt == O_OE ? "oe" : "threshold", arg,
                                   opt == O_STEP ? "> 1" : ">= 0");
        if (opt == O_STEP) a->so.step = v;
        else if (opt == O_KD) a->so.kd = v;
        else if (opt == O_OE) a->so.oe = v;
        else a->threshold = v;
        return 0;
    default: return CLI_OPT_UNKNOWN;
    }
}

/* FerrDb class of a gene from the driver and suppressor lists. */
static const char *ferrdb_class(const ferro_genesets_t *drv, const ferro_genesets_t *sup, const char *gene)
{
    int d = 0, s = 0;
    for (int k = 0; drv && k < drv->n; k++)
        for (int i = 0; i < drv->size[k] && !d; i++) d = !strcmp(drv->gene[k][i], gene);
    for (int k = 0; sup && k < sup->n; k++)
        for (int i = 0; i < sup->size[k] && !s; i++) s = !strcmp(sup->gene[k][i], gene);
    return d && s ? "both" : d ? "driver" : s ? "suppressor" : "-";
}

/* A gene: protective (more of it, more survival) or sensitising; an agent's dose: kills or protects. */
static const char *role(const ferro_sens_target_t *t, double thr)
{
    int gene = t->kind == FERRO_SENS_GENE;
    if (isnan(t->elasticity)) return "NA";
    if (t->elasticity > thr) return gene ? "protective" : "protects";
    if (t->elasticity < -thr) return gene ? "sensitising" : "kills";
    return "neutral";
}

static double *order_key;
static int by_abs_elasticity(const void *x, const void *y)
{
    double a = fabs(order_key[*(const int *)x]), b = fabs(order_key[*(const int *)y]);
    if (isnan(a)) a = -1;
    if (isnan(b)) b = -1;
    return (a < b) - (a > b);
}

static void num(FILE *fp, double v, int json)
{
    if (json) ferro_json_number(fp, v);
    else if (isnan(v)) fputs("NA", fp);
    else fprintf(fp, "%.6g", v);
}

static int run(sens_args_t *a, const cli_common_t *com)
{
    ferro_world_t *w = NULL;
    int st = cli_world_load("sensitivity", &w);
    if (st) return st;
    int ntot = a->well.nwith + a->ndrug, *genes = NULL, ngenes = 0, rc = 0;
    ferro_dose_t *doses = calloc((size_t)ntot + 1, sizeof *doses);
    ferro_gene_factor_t *factors = calloc((size_t)a->well.nset + 1, sizeof *factors);
    ferro_genesets_t *drv = NULL, *sup = NULL;
    ferro_sens_result_t *r = NULL;
    ferro_out_t *out = NULL;
    ferro_condition_t c;
    if (!doses || !factors) { st = cli_fail("sensitivity", FERRO_ENOMEM); goto done; }
    if ((st = cli_well_condition(&a->well, "sensitivity", com, w, &c, doses, factors))) goto done;
    for (int i = 0; i < a->ndrug; i++)
        if ((rc = ferro_world_parse_drug(w, a->drug[i], &doses[a->well.nwith + i]))) {
            st = cli_fail("sensitivity", ferro_error_prefix(rc, "--drug"));
            goto done;
        }
    c.ndoses = ntot;
    if (a->genes) {
        const char *s = a->genes;
        genes = calloc(strlen(s) + 1, sizeof *genes);
        if (!genes) { st = cli_fail("sensitivity", FERRO_ENOMEM); goto done; }
        while (*s) {
            char name[128];
            size_t len = strcspn(s, ",");
            if (len == 0 || len >= sizeof name) {
                st = cli_usage_error("sensitivity", usage, "--genes: '%s' is not a comma-separated list of genes", a->genes);
                goto done;
            }
            memcpy(name, s, len);
            name[len] = 0;
            if ((rc = ferro_world_find_gene(w, name, &genes[ngenes]))) {
                st = cli_fail("sensitivity", ferro_error_prefix(rc, "--genes"));
                goto done;
            }
            ngenes++;
            s += len + (s[len] == ',');
        }
    }
    a->so.progress = !com->quiet;
    if ((rc = ferro_sensitivity_run(w, &c, genes, ngenes, &a->so, &r))) { st = cli_fail("sensitivity", rc); goto done; }
    char path[4096];
    if (ferro_genesets_read(ferro_data_path("genesets/ferrdb_driver.txt", path, sizeof path), &drv) ||
        ferro_genesets_read(ferro_data_path("genesets/ferrdb_suppressor.txt", path, sizeof path), &sup)) {
        ferro_warn("sensitivity: FerrDb gene lists not read (%s): the ferrdb column is '-'", ferro_error_message());
        ferro_error_clear();
    }
    int *ord = malloc(((size_t)r->n + 1) * sizeof *ord);
    double *el = malloc(((size_t)r->n + 1) * sizeof *el);
    if (!ord || !el) { free(ord); free(el); st = cli_fail("sensitivity", FERRO_ENOMEM); goto done; }
    int agree = 0, classified = 0;
    for (int i = 0; i < r->n; i++) {
        ord[i] = i;
        el[i] = r->target[i].elasticity;
        const ferro_sens_target_t *t = &r->target[i];
        if (t->kind != FERRO_SENS_GENE) continue;
        const char *f = ferrdb_class(drv, sup, ferro_world_gene_name(w, t->index)), *ro = role(t, a->threshold);
        if ((!strcmp(f, "driver") || !strcmp(f, "suppressor")) && strcmp(ro, "neutral") && strcmp(ro, "NA")) {
            classified++;
            agree += !strcmp(f, "driver") == !strcmp(ro, "sensitising");
        }
    }
    order_key = el;
    qsort(ord, (size_t)r->n, sizeof *ord, by_abs_elasticity);
    if ((rc = ferro_out_open(com->out, &out))) { free(ord); free(el); st = cli_fail("sensitivity", rc); goto done; }
    FILE *fp = ferro_out_fp(out);
    const int json = com->json;
    if (json) {
        fputs("{\"cell\": ", fp);
        ferro_json_string(fp, ferro_world_cell_name(w, c.cell));
        fputs(", \"v0\": ", fp); num(fp, r->v0, 1);
        fprintf(fp, ", \"time\": %g, \"cells\": %d, \"step\": %g, \"kd\": %g, \"oe\": %g, \"ferrdb_agree\": %d, "
                    "\"ferrdb_classified\": %d, \"targets\": [", c.t_end, c.ncells, a->so.step, a->so.kd, a->so.oe, agree, classified);
    } else {
        fprintf(fp, "# sensitivity cell=%s", ferro_world_cell_name(w, c.cell));
        for (int k = 0; k < c.ndoses; k++)
            fprintf(fp, " %s=%g%s", ferro_world_agent_name(w, c.doses[k].agent), c.doses[k].dose,
                    ferro_world_agent_unit(w, c.doses[k].agent));
        for (int k = 0; k < c.nfactors; k++) fprintf(fp, " set:%s=%g", ferro_world_gene_name(w, c.factors[k].gene), c.factors[k].factor);
        fprintf(fp, " time=%g cells=%d seed=%lu step=%g kd=%g oe=%g\n# v0=", c.t_end, c.ncells, c.seed, a->so.step, a->so.kd, a->so.oe);
        num(fp, r->v0, 0);
        fprintf(fp, "\n# ferrdb: %d of %d genes with a role and a FerrDb driver/suppressor class agree "
                    "(protective = suppressor, sensitising = driver; |elasticity| > %g)\n", agree, classified, a->threshold);
        fputs("target\tkind\tbase\tv_down\tv_up\telasticity\tv_kd\tv_oe\td_kd\td_oe\trole\tferrdb\n", fp);
    }
    for (int q = 0; q < r->n; q++) {
        const ferro_sens_target_t *t = &r->target[ord[q]];
        int gene = t->kind == FERRO_SENS_GENE;
        const char *name = gene ? ferro_world_gene_name(w, t->index) : ferro_world_agent_name(w, t->index);
        const char *fclass = gene ? ferrdb_class(drv, sup, name) : "-";
        double v[9] = {t->base, t->v_down, t->v_up, t->elasticity, t->v_kd, t->v_oe, t->v_kd - r->v0, t->v_oe - r->v0};
        static const char *const key[8] = {"base", "v_down", "v_up", "elasticity", "v_kd", "v_oe", "d_kd", "d_oe"};
        if (json) {
            fputs(q ? ", {\"target\": " : "{\"target\": ", fp);
            ferro_json_string(fp, name);
            fprintf(fp, ", \"kind\": \"%s\"", gene ? "gene" : "agent");
            for (int m = 0; m < 8; m++) { fprintf(fp, ", \"%s\": ", key[m]); num(fp, v[m], 1); }
            fprintf(fp, ", \"role\": \"%s\", \"ferrdb\": \"%s\"}", role(t, a->threshold), fclass);
        } else {
            fprintf(fp, "%s\t%s", name, gene ? "gene" : "agent");
            for (int m = 0; m < 8; m++) { fputc('\t', fp); num(fp, v[m], 0); }
            fprintf(fp, "\t%s\t%s\n", role(t, a->threshold), fclass);
        }
    }
    if (json) fputs("]}\n", fp);
    free(ord);
    free(el);
    if ((rc = ferro_out_commit(out))) st = cli_fail("sensitivity", rc);
done:
    ferro_sens_result_free(r);
    ferro_genesets_free(drv);
    ferro_genesets_free(sup);
    free(genes);
    free(doses);
    free(factors);
    ferro_world_free(w);
    return st;
}

int cmd_sensitivity(int argc, char **argv)
{
    static const struct option opts[] = {{"drug", required_argument, 0, O_DRUG}, {"genes", required_argument, 0, O_GENES},
                                         {"step", required_argument, 0, O_STEP}, {"kd", required_argument, 0, O_KD},
                                         {"oe", required_argument, 0, O_OE}, {"threshold", required_argument, 0, O_THR},
                                         CLI_WELL_LONGOPTS, CLI_COMMON_LONGOPTS, {0, 0, 0, 0}};
    static const cli_parser_t parser = {"sensitivity", usage, opts, NULL, sens_option, 0, NULL};
    cli_common_t com;
    cli_common_init(&com);
    sens_args_t a = {0};
    ferro_sens_opts_init(&a.so);
    a.threshold = 0.01;
    if (cli_well_init(&a.well, argc)) return cli_fail("sensitivity", FERRO_ENOMEM);
    a.well.ncells = 200;
    a.drug = calloc((size_t)argc + 1, sizeof *a.drug);
    int st = a.drug ? cli_parse(&parser, argc, argv, &com, &a) : cli_fail("sensitivity", FERRO_ENOMEM);
    if (st < 0 && a.ndrug == 0) st = cli_usage_error("sensitivity", usage, "--drug NAME=DOSE is required (the treatment to explain)");
    if (st < 0) st = run(&a, &com);
    free(a.drug);
    cli_well_free(&a.well);
    return st;
}
