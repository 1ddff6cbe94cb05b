/* model.c — the model's own tables, loaded so KB links to them can be checked: species
 * (data/model/species.tsv), parameters (data/model/parameters.tsv), agents (data/agents.tsv),
 * cell lines (data/cells.tsv), genes (data/genes.tsv) and findings (data/findings.tsv).
 * A table the model does not have (yet) is recorded as absent; links to it stay unchecked. */
#include "internal.h"
#include "ferrosim/io.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

static const struct {
    const char *kind, *rel, *col;
} model_files[] = {
    {"species", "model/species.tsv", "id"},
    {"parameter", "model/parameters.tsv", "id"},
    {"agent", "agents.tsv", "agent"},
    {"cell", "cells.tsv", "cell"},
    {"gene", "genes.tsv", "gene"},
    {"finding", "findings.tsv", "id"},
};

static int set_meta(sqlite3 *db, const char *kind, const char *value)
{
    char key[64];
    snprintf(key, sizeof key, "model:%s", kind);
    const char *a[2] = {key, value};
    return kb_run(db, "INSERT INTO meta(key, value) VALUES(?, ?)", 2, a);
}

static int load_one(sqlite3 *db, const char *data_dir, int k)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", data_dir, model_files[k].rel);
    if (access(path, R_OK) != 0) return set_meta(db, model_files[k].kind, "absent");
    ferro_table_t *t;
    int rc = ferro_table_read(path, FERRO_TSV_SKIP_HASH, &t);
    if (rc) return rc;
    int col = ferro_table_col(t, model_files[k].col);
    int lin = ferro_table_col(t, "lineage"), cvcl = ferro_table_col(t, "cellosaurus");
    if (col < 0) {
        ferro_table_free(t);
        return ferro_error_set(FERRO_EPARSE, "%s: line 1: no column '%s'", path, model_files[k].col);
    }
    for (int i = 0; i < t->nrow && !rc; i++) {
        char line[24];
        snprintf(line, sizeof line, "%ld", t->lineno[i]);
        int cell = !strcmp(model_files[k].kind, "cell");
        const char *a[6] = {model_files[k].kind, t->cell[i][col], cell && lin >= 0 ? t->cell[i][lin] : NULL,
                            cell && cvcl >= 0 ? t->cell[i][cvcl] : NULL, model_files[k].rel, line};
        rc = kb_run(db, "INSERT OR IGNORE INTO model_table(kind, name, lineage, cellosaurus, source, line)"
                        " VALUES(?,?,?,?,?,?)", 6, a);
    }
    if (!rc) {
        char v[64];
        snprintf(v, sizeof v, "%d rows", t->nrow);
        rc = set_meta(db, model_files[k].kind, v);
    }
    ferro_table_free(t);
    return rc;
}

int kb_model_load(sqlite3 *db, const char *data_dir)
{
    int rc = 0;
    for (size_t k = 0; !rc && k < sizeof model_files / sizeof model_files[0]; k++) rc = load_one(db, data_dir, (int)k);
    return rc;
}
