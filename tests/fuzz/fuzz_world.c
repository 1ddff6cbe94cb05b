/* fuzz_world.c — the model's data tables (src/population world loading: cells, cell_profiles,
 * genes, agents, agent_effects TSV), read by ferro_world_load from a data folder in which one
 * table (picked by the first input byte) is the fuzz input and the others are the small test
 * world of tests/data/population (its 7 kB model keeps an execution fast). A world that loads is
 * queried as `ferrosim list` and the lookups do. */
#include "fuzz_util.h"
#include "fuzz_overlay.h"
#include "ferrosim/population.h"

FUZZ_QUIET_INIT

#define WORLD_SRC FERRO_SOURCE_DIR "/tests/data/population"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) return 0;
    static const char *const files[] = {"cells.tsv", "cell_profiles.tsv", "genes.tsv", "agents.tsv", "agent_effects.tsv"};
    const char *file = files[data[0] % 5];
    const char *dir = fuzz_overlay(WORLD_SRC, "world");
    fuzz_overlay_put(dir, file, data + 1, size - 1);
    ferro_world_t *w = NULL;
    ferro_error_clear();
    int rc = ferro_world_load(dir, NULL, &w);
    fuzz_check_file(rc, "ferro_world_load", ".tsv"); /* the error may name another table */
    if (!rc) {
        int idx;
        for (int i = 0; i < ferro_world_n_cells(w); i++) {
            const char *name = ferro_world_cell_name(w, i);
            if (ferro_world_find_cell(w, name, &idx) || idx != i) abort();
            for (int a = 0; ferro_world_cell_alias(w, i, a); a++) (void)strlen(ferro_world_cell_alias(w, i, a));
            (void)strlen(ferro_world_cell_lineage(w, i));
            (void)ferro_world_cell_doubling_h(w, i);
        }
        for (int i = 0; i < ferro_world_n_agents(w); i++) {
            const char *name = ferro_world_agent_name(w, i);
            if (ferro_world_find_agent(w, name, &idx) || idx != i) abort();
            for (int a = 0; ferro_world_agent_alias(w, i, a); a++) (void)strlen(ferro_world_agent_alias(w, i, a));
            (void)strlen(ferro_world_agent_unit(w, i));
            (void)ferro_world_agent_class(w, i);
            double dose;
            ferro_error_clear();
            fuzz_check(ferro_world_parse_dose(w, i, "5 uM", &dose), "ferro_world_parse_dose");
        }
        for (int i = 0; i < ferro_world_n_genes(w); i++) {
            const char *name = ferro_world_gene_name(w, i);
            if (ferro_world_find_gene(w, name, &idx) || idx != i) abort();
            (void)ferro_world_gene_parameter(w, i);
        }
        ferro_error_clear();
        fuzz_check(ferro_world_find_cell(w, "no-such-line", &idx), "ferro_world_find_cell");
        ferro_world_free(w);
    }
    fuzz_overlay_restore(dir, WORLD_SRC, file);
    return 0;
}
