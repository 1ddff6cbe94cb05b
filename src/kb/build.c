/* build.c — compile data/kb/ into SQLite (in memory), check it, and write it atomically;
 * open a written database read-only. */
#include "internal.h"
#include "ferrosim/io.h"

#include <stdlib.h>
#include <string.h>

static int check_integrity(sqlite3 *db)
{
    char v[256];
    int found;
    int rc = kb_first(db, "PRAGMA integrity_check", 0, NULL, &found, v, sizeof v);
    if (rc) return rc;
    if (!found || strcmp(v, "ok") != 0)
        return ferro_error_set(FERRO_EIO, "knowledge base: integrity check failed: %s", found ? v : "no answer");
    return 0;
}

int ferro_kb_load(const char *data_dir, ferro_kb_t **out)
{
    *out = NULL;
    if (!data_dir) data_dir = ferro_data_dir();
    ferro_kb_t *kb = ferro_calloc(1, sizeof *kb);
    if (!kb) return FERRO_ENOMEM;
    if (sqlite3_open_v2(":memory:", &kb->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
        int rc = kb_sqlite_error(kb->db, "open");
        ferro_kb_close(kb);
        return rc;
    }
    int rc = kb_exec(kb->db, "PRAGMA page_size = 4096; PRAGMA foreign_keys = OFF;");
    if (!rc) rc = kb_schema_create(kb->db);
    if (!rc) rc = kb_exec(kb->db, "BEGIN");
    if (!rc) rc = kb_sources_load(kb->db, data_dir);
    if (!rc) rc = kb_exec(kb->db, "COMMIT");
    if (!rc) rc = check_integrity(kb->db);
    if (rc) {
        ferro_kb_close(kb);
        return rc;
    }
    *out = kb;
    return 0;
}

int ferro_kb_build(const char *data_dir, const char *out_path)
{
    ferro_kb_t *kb;
    int rc = ferro_kb_load(data_dir, &kb);
    if (rc) return rc;
    sqlite3_int64 size = 0;
    unsigned char *bytes = sqlite3_serialize(kb->db, "main", &size, 0);
    if (!bytes) {
        rc = kb_sqlite_error(kb->db, "serialize");
        ferro_kb_close(kb);
        return rc;
    }
    ferro_out_t *o;
    rc = ferro_out_open(out_path, &o);
    if (!rc) {
        if (fwrite(bytes, 1, (size_t)size, ferro_out_fp(o)) != (size_t)size) {
            ferro_out_abort(o);
            rc = ferro_error_set(FERRO_EIO, "%s: write failed", out_path);
        } else {
            rc = ferro_out_commit(o);
        }
    }
    sqlite3_free(bytes);
    ferro_kb_close(kb);
    return rc;
}

int ferro_kb_open(const char *path, ferro_kb_t **out)
{
    *out = NULL;
    ferro_kb_t *kb = ferro_calloc(1, sizeof *kb);
    if (!kb) return FERRO_ENOMEM;
    if (sqlite3_open_v2(path, &kb->db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
        int rc = ferro_error_set(FERRO_EIO, "%s: cannot open the knowledge base: %s", path, sqlite3_errmsg(kb->db));
        ferro_kb_close(kb);
        return rc;
    }
    char v[32];
    int found = 0;
    int rc = kb_first(kb->db, "SELECT value FROM meta WHERE key = 'schema_version'", 0, NULL, &found, v, sizeof v);
    if (rc || !found || strcmp(v, KB_SCHEMA_VERSION) != 0) {
        rc = ferro_error_set(FERRO_EPARSE, "%s: not a ferrosim knowledge base (schema %s); rebuild it with 'ferrosim kb build'",
                             path, KB_SCHEMA_VERSION);
        ferro_kb_close(kb);
        return rc;
    }
    *out = kb;
    return 0;
}

void ferro_kb_close(ferro_kb_t *kb)
{
    if (!kb) return;
    sqlite3_close(kb->db);
    free(kb);
}
