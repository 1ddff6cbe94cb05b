/* fuzz_options.c — the command line's option values, through the CLI's own parsers (cli/
 * cli_common.c, cli_pharm.c, cli_surv.c, compiled in) and the library's (dose texts, NAME=DOSE,
 * GENE=FACTOR, collapse rules, strict numbers), against the small test world of
 * tests/data/population. The input is an argument vector: arguments separated by newlines or NUL
 * bytes (at most 24). The first byte picks what parses it:
 *   0  a pharmacology command's options (cli_parse with --cell --set --with --time --cells --rtol
 *      --atol --equilibrate --drug --doses --range and the shared ones), then what `dose` does
 *      with them: cli_well_condition (cell, --set, --with) and cli_dose_series (--doses, --range)
 *   1  a survival command's options (cli_surv_parse, every option allowed), then the comma lists
 *      (--covariates, --lambda) split as the commands do
 *   2  each argument alone: ferro_world_parse_dose (every agent), ferro_world_parse_drug,
 *      ferro_world_parse_gene_factor, ferro_collapse_parse, ferro_parse_double, ferro_parse_long
 * Checked besides the sanitizers: library failures carry a FERRO_E* code and a message; a value
 * that parses is in range (doses finite and >= 0, factors finite and >= 0, a dose series 0 first
 * then strictly increasing and finite). Run with -close_fd_mask=3 (run.sh does): the parsers print
 * usage errors; sanitizer reports still show. */
#include <getopt.h>
#include <math.h>

#include "fuzz_util.h"
#include "fuzz_testworld.h"
#include "cli.h"
#include "cli_pharm.h"
#include "cli_surv.h"
#include "ferrosim/cohort.h"
#include "ferrosim/population.h"

#define MAXARG 24

/* glibc keeps a pointer into the previous argv between getopt calls; a scan with optind = 0
 * reinitialises it (the CLI parses one argv per process, the harness many). */
static void getopt_forget(void)
{
    static char prog[] = "x";
    static char *av[] = {prog, NULL};
    static const struct option none[] = {{0, 0, 0, 0}};
    optind = 0;
    opterr = 0;
    while (getopt_long(1, av, "", none, NULL) != -1) {}
}

static void check_dose(double d, const char *what)
{
    if (!isfinite(d) || d < 0) { fprintf(stderr, "fuzz: %s gave dose %g\n", what, d); abort(); }
}

static void check_series(const double *d, int n)
{
    if (n < 1 || d[0] != 0) abort();
    for (int i = 1; i < n; i++)
        if (!isfinite(d[i]) || !(d[i] > d[i - 1])) { fprintf(stderr, "fuzz: dose series [%d] = %g after %g\n", i, d[i], d[i - 1]); abort(); }
}

enum { O_DRUG = 3000, O_DOSES, O_RANGE };

typedef struct {
    cli_well_t well;
    const char *drug, *list, *range;
} pharm_args_t;

static int pharm_option(void *ctx, int opt, const char *arg)
{
    pharm_args_t *a = ctx;
    int h = cli_well_handle(&a->well, "fuzz", opt, arg);
    if (h) return h > 0 ? 0 : CLI_EXIT_USAGE;
    switch (opt) {
    case O_DRUG: a->drug = arg; return 0;
    case O_DOSES: a->list = arg; return 0;
    case O_RANGE: a->range = arg; return 0;
    default: return CLI_OPT_UNKNOWN;
    }
}

static void pharm(int argc, char **argv)
{
    static const struct option opts[] = {{"drug", required_argument, 0, O_DRUG}, {"doses", required_argument, 0, O_DOSES},
                                         {"range", required_argument, 0, O_RANGE}, CLI_WELL_LONGOPTS, CLI_COMMON_LONGOPTS,
                                         {0, 0, 0, 0}};
    static const cli_parser_t parser = {"fuzz", "usage\n", opts, NULL, pharm_option, 0, NULL};
    cli_common_t com;
    cli_common_init(&com);
    pharm_args_t a = {0};
    if (cli_well_init(&a.well, argc)) abort();
    int st = cli_parse(&parser, argc, argv, &com, &a);
    if (st == CLI_PARSED) {
        ferro_condition_t c;
        ferro_dose_t *doses = calloc((size_t)a.well.nwith + 1, sizeof *doses);
        ferro_gene_factor_t *factors = calloc((size_t)a.well.nset + 1, sizeof *factors);
        if (!doses || !factors) abort();
        if (!cli_well_condition(&a.well, "fuzz", &com, world, &c, doses, factors)) {
            for (int i = 0; i < c.ndoses; i++) check_dose(c.doses[i].dose, "--with");
            for (int i = 0; i < c.nfactors; i++)
                if (!isfinite(c.factors[i].factor) || c.factors[i].factor < 0) abort();
            if (!(c.t_end > 0) || c.ncells < 1) abort();
        }
        int agent = 0;
        if (a.drug && ferro_world_find_agent(world, a.drug, &agent)) agent = 0;
        double *d = NULL;
        int n = 0;
        if (!cli_dose_series("fuzz", a.list ? "--doses" : "--range", world, agent, a.list, a.range, &d, &n)) check_series(d, n);
        else if (d || n) abort();
        free(d);
        free(doses);
        free(factors);
    }
    cli_well_free(&a.well);
}

static void surv(int argc, char **argv)
{
    cli_surv_opts_t o;
    if (cli_surv_parse("cox", argc, argv, ~0, "usage\n", &o) != -1) return;
    const char *lists[] = {o.covariates, o.lambda, o.strata};
    for (int i = 0; i < 3; i++) {
        if (!lists[i]) continue;
        char **l = NULL;
        int n = cli_surv_split(lists[i], &l);
        if (n >= 0) {
            for (int k = 0; k < n; k++) if (!l[k] || !*l[k] || strchr(l[k], ',')) abort();
            if (l[n]) abort();
        } else if (l) abort();
        free(l);
    }
}

static void alone(const char *s)
{
    double d;
    long l;
    int rc, rule;
    for (int a = 0; a < ferro_world_n_agents(world); a++) {
        ferro_error_clear();
        rc = ferro_world_parse_dose(world, a, s, &d);
        fuzz_check(rc, "ferro_world_parse_dose");
        if (!rc) check_dose(d, "ferro_world_parse_dose");
    }
    ferro_dose_t dose;
    ferro_error_clear();
    rc = ferro_world_parse_drug(world, s, &dose);
    fuzz_check(rc, "ferro_world_parse_drug");
    if (!rc) {
        check_dose(dose.dose, "ferro_world_parse_drug");
        if (dose.agent < 0 || dose.agent >= ferro_world_n_agents(world)) abort();
    }
    ferro_gene_factor_t f;
    ferro_error_clear();
    rc = ferro_world_parse_gene_factor(world, s, &f);
    fuzz_check(rc, "ferro_world_parse_gene_factor");
    if (!rc && (!isfinite(f.factor) || f.factor < 0 || f.gene < 0 || f.gene >= ferro_world_n_genes(world))) abort();
    ferro_error_clear();
    fuzz_check(ferro_collapse_parse(s, &rule), "ferro_collapse_parse");
    if (!ferro_parse_double(s, &d) && !isfinite(d)) abort();
    (void)ferro_parse_long(s, &l);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) return 0;
    char *buf = malloc(size + 1), *argv[MAXARG + 2];
    if (!buf) return 0;
    memcpy(buf, data + 1, size - 1);
    buf[size - 1] = 0;
    static char prog[] = "fuzz";
    int argc = 0;
    argv[argc++] = prog;
    char *p = buf, *end = buf + size - 1;
    while (argc <= MAXARG && p <= end) {
        char *q = p;
        while (q < end && *q && *q != '\n') q++;
        *q = 0;
        argv[argc++] = p;
        p = q + 1;
    }
    argv[argc] = NULL;
    getopt_forget();
    switch (data[0] % 3) {
    case 0: pharm(argc, argv); break;
    case 1: surv(argc, argv); break;
    default:
        for (int i = 1; i < argc; i++) alone(argv[i]);
    }
    free(buf);
    return 0;
}
