/* test_builtin.c — the built-in data (data/model/ferroptosis_all.xml and the tables) load
 * together, and the names the issue uses resolve: every cell line, the agents of the review
 * and the field's tools, and gene aliases. Not the biology (the model's own tests do that). */
#include <string.h>

#include "ferrosim/population.h"
#include "test_util.h"

static ferro_world_t *w;

static void expect_name(int (*find)(const ferro_world_t *, const char *, int *),
                        const char *(*name)(const ferro_world_t *, int), const char *q, const char *want)
{
    int i = -1;
    char what[200];
    int rc = find(w, q, &i);
    snprintf(what, sizeof what, "'%s' -> %s (%s)", q, want, rc ? ferro_error_message() : name(w, i));
    expect_true(rc == 0 && (!want || strcmp(name(w, i), want) == 0), what);
}

int main(void)
{
    int rc = ferro_world_load(FERRO_SOURCE_DIR "/data", NULL, &w);
    expect_int(rc, 0, "built-in model and tables load together");
    if (rc) {
        fprintf(stderr, "%s\n", ferro_error_message());
        return test_summary("population/builtin");
    }
    const char *cells[] = {"Jurkat", "MOLT-4", "MOLT-3", "CCRF-CEM", "ALL-SIL", "RPMI-8402", "NALM-6", "REH",
                           "RS4;11", "SUP-B15"};
    for (size_t i = 0; i < sizeof cells / sizeof *cells; i++)
        expect_name(ferro_world_find_cell, ferro_world_cell_name, cells[i], cells[i]);
    expect_name(ferro_world_find_cell, ferro_world_cell_name, "RS411", "RS4;11");
    expect_name(ferro_world_find_cell, ferro_world_cell_name, "molt4", "MOLT-4");
    int nnormal = 0;
    for (int i = 0; i < ferro_world_n_cells(w); i++) nnormal += !strcmp(ferro_world_cell_lineage(w, i), "normal");
    expect_true(nnormal >= 1, "a normal lymphocyte reference");
    /* the review's agents and the field's tools, by name or the abbreviations the issue lists */
    const char *agents[] = {"DFO", "RSL3", "As4S4", "erastin", "DHA", "apigenin", "Au-PGPD", "ZnO nanoparticles",
                            "rapamycin", "hydnocarpin D", "poricoic acid A", "Fer-1", "baicalein", "NDGA",
                            "sorafenib", "L-asparaginase", "dexamethasone", "doxorubicin", "olaparib", "volasertib",
                            "liproxstatin-1", "vitamin E", "ML162", "BSO", "NAC", "iFSP1", "brequinar", "FAC",
                            "sodium selenite", "sulfasalazine", "\xce\xb3-secretase inhibitor"};
    for (size_t i = 0; i < sizeof agents / sizeof *agents; i++)
        expect_name(ferro_world_find_agent, ferro_world_agent_name, agents[i], NULL);
    expect_name(ferro_world_find_agent, ferro_world_agent_name, "Fer-1", "ferrostatin-1");
    expect_name(ferro_world_find_agent, ferro_world_agent_name, "\xce\xb1-tocopherol", "alpha-tocopherol");
    expect_name(ferro_world_find_agent, ferro_world_agent_name, "deferoxamine", "deferoxamine");
    expect_name(ferro_world_find_gene, ferro_world_gene_name, "xCT", "SLC7A11");
    expect_name(ferro_world_find_gene, ferro_world_gene_name, "NRF2", "NFE2L2");
    expect_name(ferro_world_find_gene, ferro_world_gene_name, "FSP1", "AIFM2");
    /* every agent's unit is one a dose can be given in */
    for (int i = 0; i < ferro_world_n_agents(w); i++) {
        double d;
        char what[160];
        snprintf(what, sizeof what, "%s: a bare dose is in its unit %s", ferro_world_agent_name(w, i),
                 ferro_world_agent_unit(w, i));
        expect_true(ferro_world_parse_dose(w, i, "1", &d) == 0 && d == 1, what);
    }
    ferro_world_free(w);
    return test_summary("population/builtin");
}
