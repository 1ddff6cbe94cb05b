/* fuzz_kb.c — the knowledge-base sources (src/kb load: entities, synonyms, identifiers, relations,
 * cell_lines, references, evidence, table1, model_links, sets TSV), built by ferro_kb_load into an
 * in-memory SQLite database (no file is written) from a data folder in which one source (picked
 * by the first input byte) is the fuzz input and everything else is the project's data/. A KB
 * that builds is searched and resolved. */
#include "fuzz_util.h"
#include "fuzz_overlay.h"
#include "ferrosim/kb.h"

FUZZ_QUIET_INIT

#define DATA_SRC FERRO_SOURCE_DIR "/data"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) return 0;
    static const char *const files[] = {"entities.tsv", "synonyms.tsv", "identifiers.tsv", "relations.tsv",
                                        "cell_lines.tsv", "references.tsv", "evidence.tsv", "table1.tsv",
                                        "model_links.tsv", "sets.tsv"};
    const char *file = files[data[0] % 10];
    const char *root = fuzz_overlay(DATA_SRC, "data");
    char kbdir[600];
    snprintf(kbdir, sizeof kbdir, "%s/kb", root);
    static int once;
    if (!once) { /* data/kb as a folder of links, so one source can be swapped */
        unlink(kbdir);
        if (mkdir(kbdir, 0700)) { perror(kbdir); abort(); }
        for (int i = 0; i < 10; i++) fuzz_overlay_restore(kbdir, DATA_SRC "/kb", files[i]);
        once = 1;
    }
    fuzz_overlay_put(kbdir, file, data + 1, size - 1);
    ferro_kb_t *kb = NULL;
    ferro_error_clear();
    int rc = ferro_kb_load(root, &kb);
    fuzz_check_file(rc, "ferro_kb_load", ".tsv"); /* the error may name another source */
    if (!rc) {
        ferro_kb_table_t *t = NULL;
        ferro_error_clear();
        fuzz_check(ferro_kb_search(kb, "GPX4", &t), "ferro_kb_search");
        ferro_kb_table_free(t);
        char id[256];
        ferro_error_clear();
        fuzz_check(ferro_kb_resolve(kb, "FSP1", id, sizeof id), "ferro_kb_resolve");
        ferro_kb_close(kb);
    }
    fuzz_overlay_restore(kbdir, DATA_SRC "/kb", file);
    return 0;
}
