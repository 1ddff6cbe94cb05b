/* fuzz_geneset.c — gene-set files (src/geneset sets.c): GMT (.gmt) or a one-gene-per-line list
 * (.txt), as the first byte picks; a collection that loads is merged, united and searched. */
#include "fuzz_util.h"
#include "ferrosim/geneset.h"

FUZZ_QUIET_INIT

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) return 0;
    static const char *const names[] = {"sets.gmt", "genes.txt", "sets.gmt.gz", "list"};
    const char *path = fuzz_file(data + 1, size - 1, names[data[0] & 3]);
    ferro_genesets_t *gs = NULL;
    ferro_error_clear();
    int rc = ferro_genesets_read(path, &gs);
    fuzz_check_file(rc, "ferro_genesets_read", path);
    if (!rc) {
        for (int s = 0; s < gs->n; s++) {
            if (!gs->name[s] || !gs->desc[s] || gs->size[s] < 0) abort();
            for (int k = 0; k < gs->size[s]; k++) (void)strlen(gs->gene[s][k]);
            (void)ferro_genesets_find(gs, gs->name[s]);
        }
        char **genes = NULL;
        int n = 0;
        ferro_error_clear();
        fuzz_check(ferro_genesets_union(gs, &genes, &n), "ferro_genesets_union");
        free(genes);
        ferro_genesets_t *all = NULL;
        ferro_error_clear();
        if (!ferro_genesets_new(&all)) {
            fuzz_check(ferro_genesets_merge(all, gs), "ferro_genesets_merge");
            ferro_genesets_free(all);
        }
        ferro_genesets_free(gs);
    }
    return 0;
}
