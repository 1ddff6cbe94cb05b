/* test_reference.c — src/population against an independent implementation: the SciPy peer
 * (scripts/model/preview.py: its own SBML reader, table handling, dose units, agent effects and
 * solve_ivp BDF), on the fixture, one mean cell per case. Reference values and the script that
 * made them: tests/data/population/reference_scipy.tsv, make_reference.py.
 * Tolerance: both solvers run at rtol 1e-6 (atol 1e-9 SciPy, 1e-10 CVODES; not the population
 * default 1e-5 / 1e-8): 2e-5 relative, 1e-8 absolute for values near 0. */
#include <stdlib.h>
#include <string.h>

#include "ferrosim/io.h"
#include "ferrosim/population.h"
#include "test_util.h"

#define FIX FERRO_TEST_DATA "/population"
#define RTOL 2e-5
#define ATOL 1e-8

static ferro_world_t *w;

/* "a=d;b=e" into doses (is_dose) or gene factors. Returns the count. */
static int parse_list(const char *text, int is_dose, ferro_dose_t *d, ferro_gene_factor_t *g)
{
    int n = 0;
    if (!strcmp(text, "-")) return 0;
    char buf[512];
    snprintf(buf, sizeof buf, "%s", text);
    for (char *save = NULL, *item = strtok_r(buf, ";", &save); item; item = strtok_r(NULL, ";", &save)) {
        char *eq = strchr(item, '=');
        *eq = 0;
        int rc;
        if (is_dose) {
            rc = ferro_world_find_agent(w, item, &d[n].agent);
            if (!rc) rc = ferro_world_parse_dose(w, d[n].agent, eq + 1, &d[n].dose);
        } else {
            rc = ferro_world_find_gene(w, item, &g[n].gene);
            g[n].factor = atof(eq + 1);
        }
        expect_int(rc, 0, "reference case names and doses parse");
        if (rc) fprintf(stderr, "%s\n", ferro_error_message());
        n++;
    }
    return n;
}

int main(void)
{
    int rc = ferro_world_load(FIX, NULL, &w);
    expect_int(rc, 0, "fixture world loads");
    if (!rc) rc = ferro_world_set_tolerances(w, 1e-6, 1e-10);
    ferro_table_t *t = NULL;
    if (!rc) rc = ferro_table_read(FIX "/reference_scipy.tsv", FERRO_TSV_SKIP_HASH, &t);
    expect_int(rc, 0, "reference reads");
    if (rc) {
        fprintf(stderr, "%s\n", ferro_error_message());
        ferro_world_free(w);
        return test_summary("population/reference");
    }
    int ncase = 0;
    for (int r = 0; r < t->nrow;) {
        /* one case = consecutive rows with the same case id */
        int r1 = r;
        while (r1 < t->nrow && !strcmp(t->cell[r1][0], t->cell[r][0])) r1++;
        ferro_condition_t c;
        ferro_dose_t d[8];
        ferro_gene_factor_t g[8];
        ferro_condition_init(&c);
        expect_int(ferro_world_find_cell(w, t->cell[r][1], &c.cell), 0, "reference cell");
        c.ndoses = parse_list(t->cell[r][2], 1, d, NULL);
        c.doses = d;
        c.nfactors = parse_list(t->cell[r][3], 0, NULL, g);
        c.factors = g;
        c.t_end = 72;
        c.t_step = 12;
        ferro_result_t *res = NULL;
        expect_int(ferro_population_run(w, &c, &res), 0, "reference case runs");
        if (res) {
            expect_int(res->ntimes, r1 - r, "same times as the reference");
            for (int i = 0; i < res->ntimes && r + i < r1; i++) {
                char what[160];
                snprintf(what, sizeof what, "%s t=%s viability", t->cell[r][0], t->cell[r + i][4]);
                double ref = atof(t->cell[r + i][5]);
                expect_true(fabs(res->viability[i] - ref) <= RTOL * fabs(ref) + ATOL, what);
                if (fabs(res->viability[i] - ref) > RTOL * fabs(ref) + ATOL)
                    fprintf(stderr, "  observed %.12g reference %.12g\n", res->viability[i], ref);
                for (int col = 6; col < t->ncol; col++) {
                    int j = -1;
                    for (int s = 0; s < res->nspecies; s++)
                        if (!strcmp(res->species[s], t->header[col])) j = s;
                    double obs = j >= 0 ? res->mean[(size_t)i * res->nspecies + j] : NAN;
                    ref = atof(t->cell[r + i][col]);
                    snprintf(what, sizeof what, "%s t=%s %s (observed %.10g, SciPy %.10g)", t->cell[r][0],
                             t->cell[r + i][4], t->header[col], obs, ref);
                    expect_true(fabs(obs - ref) <= RTOL * fabs(ref) + ATOL, what);
                }
            }
            ferro_result_free(res);
        }
        ncase++;
        r = r1;
    }
    expect_int(ncase, 6, "six reference cases");
    ferro_table_free(t);
    ferro_world_free(w);
    return test_summary("population/reference");
}
