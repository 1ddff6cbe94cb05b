/* test_tables.c — the population layer's tables, lookups, dose units, agent-effect arithmetic and
 * log-normal cell-to-cell noise, on the fixture in tests/data/population (not the biology). */
#include <gsl/gsl_rng.h>
#include <stdlib.h>

#include "ferrosim/population.h"
#include "population/pop_internal.h"
#include "test_util.h"

#define FIX FERRO_TEST_DATA "/population"

static ferro_world_t *w;

static int idx_agent(const char *name)
{
    int i = -1;
    if (ferro_world_find_agent(w, name, &i)) fprintf(stderr, "%s\n", ferro_error_message());
    return i;
}

static int param(const char *id) { return pop_model_param_index(w, id); }

static void test_counts(void)
{
    expect_int(ferro_world_n_cells(w), 3, "3 cell lines");
    expect_int(ferro_world_n_agents(w), 11, "11 agents");
    expect_int(ferro_world_n_genes(w), 4, "4 genes");
    expect_true(strcmp(ferro_world_cell_lineage(w, 1), "B-ALL") == 0, "RS4;11 is B-ALL");
    expect_true(strcmp(ferro_world_agent_unit(w, idx_agent("rapamycin")), "nM") == 0, "rapamycin in nM");
    expect_true(strcmp(ferro_world_agent_alias(w, idx_agent("DFO"), 1), "desferrioxamine") == 0, "second alias");
    expect_true(ferro_world_agent_alias(w, idx_agent("DFO"), 2) == NULL, "no third alias");
    expect_true(strcmp(ferro_world_gene_parameter(w, 1), "expr_SLC7A11") == 0, "gene parameter");
    expect_rel(ferro_world_cell_doubling_h(w, 1), 36, 0, "doubling time");
}

static void expect_find(int (*fn)(const ferro_world_t *, const char *, int *), const char *q, const char *want,
                        const char *(*name)(const ferro_world_t *, int))
{
    int i = -1;
    int rc = fn(w, q, &i);
    char what[160];
    snprintf(what, sizeof what, "'%s' finds %s", q, want);
    expect_true(rc == 0 && i >= 0 && strcmp(name(w, i), want) == 0, what);
}

static void test_lookups(void)
{
    const struct { const char *q, *want; } agents[] = {
        {"Fer-1", "ferrostatin-1"}, {"fer1", "ferrostatin-1"}, {"Ferrostatin_1", "ferrostatin-1"},
        {"DFO", "deferoxamine"}, {"Desferrioxamine", "deferoxamine"}, {"vitamin E", "alpha-tocopherol"},
        {"\xce\xb1-tocopherol", "alpha-tocopherol"}, {"FAC", "ferric ammonium citrate"},
        {"Ferric-Ammonium-Citrate", "ferric ammonium citrate"}, {"NAC", "N-acetylcysteine"},
        {"BSO", "buthionine sulfoximine"}, {"l-bso", "buthionine sulfoximine"}, {"ERASTIN", "erastin"},
        {"RSL-3", "RSL3"}, {"zno nps", "ZnO nanoparticles"}};
    for (size_t i = 0; i < sizeof agents / sizeof agents[0]; i++)
        expect_find(ferro_world_find_agent, agents[i].q, agents[i].want, ferro_world_agent_name);
    const struct { const char *q, *want; } genes[] = {
        {"xCT", "SLC7A11"}, {"NRF2", "NFE2L2"}, {"FSP1", "AIFM2"}, {"gpx4", "GPX4"}, {"nrf-2", "NFE2L2"}};
    for (size_t i = 0; i < sizeof genes / sizeof genes[0]; i++)
        expect_find(ferro_world_find_gene, genes[i].q, genes[i].want, ferro_world_gene_name);
    expect_find(ferro_world_find_cell, "RS411", "RS4;11", ferro_world_cell_name);
    expect_find(ferro_world_find_cell, "rs4-11", "RS4;11", ferro_world_cell_name);
    expect_find(ferro_world_find_cell, "fixture t", "FIXT-T", ferro_world_cell_name);
    expect_find(ferro_world_find_cell, "Normal Lymphocyte", "normal lymphocyte", ferro_world_cell_name);

    int i;
    expect_int(ferro_world_find_agent(w, "erastn", &i), FERRO_ENOTFOUND, "misspelt agent");
    expect_true(strstr(ferro_error_message(), "unknown agent 'erastn'") != NULL, "message names the query");
    expect_true(strstr(ferro_error_message(), "nearest: erastin") != NULL, "erastin suggested first");
    expect_int(ferro_world_find_gene(w, "GPX5", &i), FERRO_ENOTFOUND, "unknown gene");
    expect_true(strstr(ferro_error_message(), "nearest: GPX4") != NULL, "GPX4 suggested");
    expect_int(ferro_world_find_cell(w, "FIXT-X", &i), FERRO_ENOTFOUND, "unknown cell");
    expect_true(strstr(ferro_error_message(), "FIXT-T") != NULL, "FIXT-T suggested");
    expect_int(ferro_world_find_cell(w, "", &i), FERRO_ENOTFOUND, "empty name");
}

static void expect_dose(const char *agent, const char *text, double want)
{
    double d = -1;
    char what[160];
    snprintf(what, sizeof what, "%s dose '%s'", agent, text);
    int rc = ferro_world_parse_dose(w, idx_agent(agent), text, &d);
    if (rc) fprintf(stderr, "%s\n", ferro_error_message());
    expect_rel(d, want, 4 * 2.2e-16, what); /* a product/quotient or two of exact inputs */
}

static void expect_bad_dose(const char *agent, const char *text, const char *msg)
{
    double d;
    char what[160];
    snprintf(what, sizeof what, "%s dose '%s' rejected", agent, text);
    expect_int(ferro_world_parse_dose(w, idx_agent(agent), text, &d), FERRO_EINVAL, what);
    snprintf(what, sizeof what, "%s dose '%s': message has '%s' (got: %s)", agent, text, msg, ferro_error_message());
    expect_true(strstr(ferro_error_message(), msg) != NULL, what);
}

static void test_doses(void)
{
    expect_dose("erastin", "5", 5);
    expect_dose("erastin", "5uM", 5);
    expect_dose("erastin", "5 \xc2\xb5M", 5);
    expect_dose("erastin", "200 nM", 0.2);
    expect_dose("erastin", "1.5mM", 1500);
    expect_dose("erastin", "1e-3 mM", 1);
    expect_dose("erastin", "0", 0);
    /* 10 ug/mL = 10 mg/L; / 547.04 g/mol = 0.0182802... mmol/L = 18.2802 uM */
    expect_dose("erastin", "10ug/mL", 10.0 * 1000.0 / 547.04);
    expect_dose("erastin", "10 ng/ml", 10.0 / 547.04);
    /* rapamycin's canonical unit is nM */
    expect_dose("rapamycin", "200", 200);
    expect_dose("rapamycin", "1 uM", 1000);
    expect_dose("rapamycin", "1 ug/mL", 1e3 / 914.17 * 1e3);
    /* mass-dosed agents */
    expect_dose("FAC", "50", 50);
    expect_dose("FAC", "0.05 mg/mL", 50);
    expect_dose("ZnO", "10 ug/mL", 10);
    expect_dose("L-asparaginase", "0.5 U/mL", 0.5);
    expect_dose("L-asparaginase", "0.5", 0.5);

    expect_bad_dose("erastin", "-1", "negative");
    expect_bad_dose("erastin", "-5 uM", "negative");
    expect_bad_dose("erastin", "abc", "not a number");
    expect_bad_dose("erastin", "", "not a number");
    expect_bad_dose("erastin", "nan", "not a number");
    expect_bad_dose("erastin", "inf", "not a number");
    expect_bad_dose("erastin", "0x10", "not a number");
    expect_bad_dose("erastin", "5 kM", "unknown unit 'kM'");
    /* fuzz (fuzz_options): a number that overflows in the unit conversion was accepted as an infinite dose */
    expect_bad_dose("erastin", "1e308 mM", "is too large");
    expect_bad_dose("erastin", "1e306 mg/mL", "is too large");
    expect_bad_dose("rapamycin", "1e306 mM", "is too large");
    expect_bad_dose("erastin", "1 U/mL", "dosed in uM");
    expect_bad_dose("L-asparaginase", "5 uM", "dosed in U/mL");
    expect_bad_dose("FAC", "5 uM", "no molecular weight");
    expect_bad_dose("ZnO", "5 nM", "no molecular weight");
}

static void test_pairs(void)
{
    ferro_dose_t d;
    ferro_gene_factor_t g;
    expect_int(ferro_world_parse_drug(w, "Fer-1=200nM", &d), 0, "NAME=DOSE");
    expect_true(d.agent == idx_agent("ferrostatin-1") && fabs(d.dose - 0.2) < 1e-15, "Fer-1=200nM -> ferrostatin-1, 0.2 uM");
    expect_int(ferro_world_parse_drug(w, "vitamin E=1mM", &d), 0, "a name with a blank");
    expect_rel(d.dose, 1000, 0, "1 mM = 1000 uM");
    expect_int(ferro_world_parse_drug(w, "erastin", &d), FERRO_EINVAL, "no '='");
    expect_true(strstr(ferro_error_message(), "expected NAME=DOSE") != NULL, "says the form");
    expect_int(ferro_world_parse_drug(w, "=5", &d), FERRO_EINVAL, "no name");
    expect_int(ferro_world_parse_drug(w, "erastin=", &d), FERRO_EINVAL, "no dose");
    expect_int(ferro_world_parse_drug(w, "erastn=5", &d), FERRO_ENOTFOUND, "unknown agent");
    expect_int(ferro_world_parse_drug(w, "erastin=-5", &d), FERRO_EINVAL, "negative dose");
    expect_int(ferro_world_parse_gene_factor(w, "xCT=0.2", &g), 0, "GENE=FACTOR");
    expect_true(g.factor == 0.2 && !strcmp(ferro_world_gene_name(w, g.gene), "SLC7A11"), "xCT=0.2 -> SLC7A11 x 0.2");
    expect_int(ferro_world_parse_gene_factor(w, "NRF2=0", &g), 0, "knockout");
    expect_int(ferro_world_parse_gene_factor(w, "GPX4=-1", &g), FERRO_EINVAL, "negative factor");
    expect_int(ferro_world_parse_gene_factor(w, "GPX4=x", &g), FERRO_EINVAL, "not a number");
    expect_int(ferro_world_parse_gene_factor(w, "GPX9=1", &g), FERRO_ENOTFOUND, "unknown gene");
}

/* The parameter vector of cell 0, with doses applied. */
static void params_with(ferro_condition_t *c, int ndoses, const ferro_dose_t *d, double *p)
{
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    pop_cell_params(w, c, 0, r, p);
    pop_effects_apply(w, ndoses, d, p);
    gsl_rng_free(r);
}

static void test_effects(void)
{
    ferro_condition_t c;
    ferro_condition_init(&c);
    double *p = malloc((size_t)w->nparam * sizeof *p);
    int rapa = idx_agent("rapamycin"), asp = idx_agent("asparaginase");
    /* occupancy D^h / (D^h + EC50^h): at D = EC50, 1/2 for any Hill slope */
    expect_rel(pop_occupancy(10, 10, 1), 0.5, 0, "f(EC50) = 1/2");
    expect_rel(pop_occupancy(30, 10, 2), 900.0 / 1000.0, 2.2e-16, "f(3 EC50, h=2) = 9/10");
    expect_rel(pop_occupancy(0, 10, 2), 0, 0, "f(0) = 0");
    expect_rel(pop_occupancy(1e-300, 10, 2), 0, 0, "no underflow trouble");
    expect_rel(pop_occupancy(1e300, 1e-300, 3), 1, 0, "no overflow trouble");

    /* inhibit composes in table order: (1 - 0.5 * 1/2) * (1 - 0.3 * 1/2) = 0.75 * 0.85 */
    ferro_dose_t d1[] = {{rapa, 10}, {asp, 0.1}};
    params_with(&c, 2, d1, p);
    expect_rel(p[param("act_prolif")], 0.75 * 0.85, 2.2e-16, "two inhibitors on one parameter");
    /* add: fe_in 0.1 + 0.5 * 1/2; activate: k_gsh 0.2 * (1 + 1 * 1/2) */
    ferro_dose_t d2[] = {{idx_agent("FAC"), 100}, {idx_agent("NAC"), 1000}};
    params_with(&c, 2, d2, p);
    expect_rel(p[param("fe_in")], 0.1 + 0.25, 2.2e-16, "add");
    expect_rel(p[param("k_gsh")], 0.2 * 1.5, 2.2e-16, "activate");
    /* two entries of one agent add up: 0.5 + 0.5 uM = EC50 */
    ferro_dose_t d3[] = {{idx_agent("erastin"), 0.5}, {idx_agent("erastin"), 0.5}};
    params_with(&c, 2, d3, p);
    expect_rel(p[param("act_SLC7A11")], 1 - 0.95 * 0.5, 2.2e-16, "doses of one agent add");
    /* Fer-1 (row 3) then vitamin E (row 5) on act_lox */
    ferro_dose_t d4[] = {{idx_agent("vitamin E"), 10}, {idx_agent("Fer-1"), 0.05}};
    params_with(&c, 2, d4, p);
    expect_rel(p[param("act_lox")], (1 - 0.9 * 0.5) * (1 - 0.5 * 0.5), 2.2e-16, "antioxidants compose");
    /* zero dose does nothing */
    ferro_dose_t d5[] = {{idx_agent("erastin"), 0}};
    params_with(&c, 1, d5, p);
    expect_rel(p[param("act_SLC7A11")], 1, 0, "zero dose");
    free(p);
}

static void test_profiles(void)
{
    ferro_condition_t c;
    ferro_condition_init(&c);
    double *p = malloc((size_t)w->nparam * sizeof *p);
    int rs, gpx4, fsp1;
    expect_int(ferro_world_find_cell(w, "RS4;11", &rs), 0, "RS4;11");
    expect_int(ferro_world_find_gene(w, "GPX4", &gpx4), 0, "GPX4");
    expect_int(ferro_world_find_gene(w, "FSP1", &fsp1), 0, "FSP1");
    c.cell = rs;
    params_with(&c, 0, NULL, p);
    expect_rel(p[param("expr_GPX4")], 0.5, 0, "profile level");
    expect_rel(p[param("expr_AIFM2")], 0.1, 0, "profile level (2)");
    expect_rel(p[param("expr_SLC7A11")], 1, 0, "unlisted gene keeps 1");
    expect_rel(p[param("doubling_h")], 36, 0, "doubling time reaches the model");
    ferro_gene_factor_t f[] = {{gpx4, 5}};
    c.nfactors = 1;
    c.factors = f;
    params_with(&c, 0, NULL, p);
    expect_rel(p[param("expr_GPX4")], 2.5, 0, "profile x --set factor");
    double *prof = malloc((size_t)w->ngene * sizeof *prof);
    for (int g = 0; g < w->ngene; g++) prof[g] = NAN;
    prof[fsp1] = 3;
    c.profile = prof;
    params_with(&c, 0, NULL, p);
    expect_rel(p[param("expr_AIFM2")], 3, 0, "condition profile replaces the line's");
    expect_rel(p[param("expr_GPX4")], 2.5, 0, "NAN keeps the line's level");
    c.cell = 0; /* FIXT-T: FSP1 0.1 given by alias in cell_profiles.tsv */
    c.profile = NULL;
    c.nfactors = 0;
    params_with(&c, 0, NULL, p);
    expect_rel(p[param("expr_AIFM2")], 0.1, 0, "profile row naming a gene by alias");
    free(prof);
    free(p);
}

static void test_noise(void)
{
    ferro_condition_t c;
    ferro_condition_init(&c);
    c.ncells = 100000;
    c.cv = 0.25;
    c.seed = 7;
    double mu, sigma;
    pop_lognormal_params(0.25, &mu, &sigma);
    expect_rel(sigma * sigma, log(1.0625), 1e-15, "sigma^2 = ln(1 + cv^2)");
    expect_rel(mu, -0.5 * log(1.0625), 1e-15, "mu = -sigma^2/2");
    double *p = malloc((size_t)w->nparam * sizeof *p);
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    int g = param("expr_GPX4"), s = param("expr_SLC7A11");
    double sum = 0, sum2 = 0, slog = 0, cross = 0;
    long n = 200000;
    for (long k = 0; k < n; k++) {
        pop_cell_params(w, &c, k, r, p);
        sum += p[g];
        sum2 += p[g] * p[g];
        slog += log(p[g]);
        cross += (p[g] - 1) * (p[s] - 1);
    }
    double mean = sum / n, var = sum2 / n - mean * mean;
    /* mean 1, SD 0.25: standard error 0.25/sqrt(2e5) = 5.6e-4; 4 SE */
    expect_abs(mean, 1.0, 4 * 0.25 / sqrt((double)n), "log-normal mean 1 on the linear scale");
    /* variance cv^2 = 0.0625; relative SE sqrt((kurtosis - 1)/n) with the log-normal's kurtosis
     * 4.06 at sigma^2 = ln 1.0625: sqrt(3.06/2e5) = 0.39%; 0.02 is 5 SE */
    expect_rel(var, 0.0625, 0.02, "log-normal variance cv^2");
    expect_abs(slog / n, mu, 4 * sigma / sqrt((double)n), "mean of the logs is mu");
    expect_abs(cross / n, 0, 4 * 0.0625 / sqrt((double)n), "genes drawn independently");
    /* cell k's draws depend on (seed, k) only */
    double a, b;
    pop_cell_params(w, &c, 12345, r, p);
    a = p[g];
    pop_cell_params(w, &c, 3, r, p);
    pop_cell_params(w, &c, 12345, r, p);
    b = p[g];
    expect_true(a == b, "same (seed, k), same levels");
    c.seed = 8;
    pop_cell_params(w, &c, 12345, r, p);
    expect_true(p[g] != a, "another seed, other levels");
    c.ncells = 1;
    pop_cell_params(w, &c, 12345, r, p);
    expect_rel(p[g], 1, 0, "one cell: the mean cell without noise");
    gsl_rng_free(r);
    free(p);
}

int main(void)
{
    int rc = ferro_world_load(FIX, NULL, &w);
    expect_int(rc, 0, "fixture world loads");
    if (rc) {
        fprintf(stderr, "%s\n", ferro_error_message());
        return test_summary("population/tables");
    }
    test_counts();
    test_lookups();
    test_doses();
    test_pairs();
    test_effects();
    test_profiles();
    test_noise();
    ferro_world_free(w);
    return test_summary("population/tables");
}
