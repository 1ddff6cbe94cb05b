/* fuzz_combos.c — the screen's combinations file (`screen --combos FILE`, src/screen combos.c:
 * ferro_screen_read_combos) against the small test world of tests/data/population, loaded once.
 * Every combination that loads must name a cell, an agent A and either an agent B or a gene. */
#include "fuzz_util.h"
#include "fuzz_testworld.h"
#include "ferrosim/screen.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_file(data, size, "combos.tsv");
    ferro_screen_combo_t *co = NULL;
    int n = -1;
    ferro_error_clear();
    int rc = ferro_screen_read_combos(world, path, &co, &n);
    fuzz_check_file(rc, "ferro_screen_read_combos", path);
    if (rc) {
        if (co || n) { fprintf(stderr, "fuzz: a failed read left %d combinations\n", n); abort(); }
        return 0;
    }
    if (n < 1) abort();
    for (int i = 0; i < n; i++) {
        const ferro_screen_combo_t *c = &co[i];
        if (c->cell < 0 || c->cell >= ferro_world_n_cells(world) || c->agent_a < 0 ||
            c->agent_a >= ferro_world_n_agents(world) || (c->agent_b < 0) == (c->gene_b < 0) ||
            c->agent_b >= ferro_world_n_agents(world) || c->gene_b >= ferro_world_n_genes(world)) {
            fprintf(stderr, "fuzz: combination %d out of range (%d %d %d %d)\n", i, c->cell, c->agent_a, c->agent_b, c->gene_b);
            abort();
        }
    }
    free(co);
    return 0;
}
