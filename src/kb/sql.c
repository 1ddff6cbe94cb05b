/* sql.c — SQLite helpers for the KB: bound-parameter statements, result tables, folding. */
#include "internal.h"
#include "ferrosim/io.h"

#include <stdlib.h>
#include <string.h>

int kb_sqlite_error(sqlite3 *db, const char *what)
{
    return ferro_error_set(FERRO_EIO, "knowledge base: %s: %s", what, db ? sqlite3_errmsg(db) : "no database");
}

static int prepare(sqlite3 *db, const char *sql, int n, const char *const *args, sqlite3_stmt **st)
{
    if (sqlite3_prepare_v2(db, sql, -1, st, NULL) != SQLITE_OK) return kb_sqlite_error(db, "prepare");
    for (int i = 0; i < n; i++) {
        int rc = args[i] ? sqlite3_bind_text(*st, i + 1, args[i], -1, SQLITE_TRANSIENT)
                         : sqlite3_bind_null(*st, i + 1);
        if (rc != SQLITE_OK) {
            sqlite3_finalize(*st);
            *st = NULL;
            return kb_sqlite_error(db, "bind");
        }
    }
    return 0;
}

int kb_run(sqlite3 *db, const char *sql, int n, const char *const *args)
{
    sqlite3_stmt *st;
    int rc = prepare(db, sql, n, args, &st);
    if (rc) return rc;
    int s;
    while ((s = sqlite3_step(st)) == SQLITE_ROW) {}
    rc = s == SQLITE_DONE ? 0 : kb_sqlite_error(db, "step");
    sqlite3_finalize(st);
    return rc;
}

int kb_first(sqlite3 *db, const char *sql, int n, const char *const *args, int *found, char *buf, size_t bufn)
{
    sqlite3_stmt *st;
    *found = 0;
    if (buf && bufn) buf[0] = 0;
    int rc = prepare(db, sql, n, args, &st);
    if (rc) return rc;
    int s = sqlite3_step(st);
    if (s == SQLITE_ROW) {
        *found = 1;
        const unsigned char *t = sqlite3_column_count(st) > 0 ? sqlite3_column_text(st, 0) : NULL;
        if (buf && bufn && t) snprintf(buf, bufn, "%s", (const char *)t);
    } else if (s != SQLITE_DONE) {
        rc = kb_sqlite_error(db, "step");
    }
    sqlite3_finalize(st);
    return rc;
}

int kb_exec(sqlite3 *db, const char *sql)
{
    char *msg = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        int rc = ferro_error_set(FERRO_EIO, "knowledge base: %s", msg ? msg : sqlite3_errmsg(db));
        sqlite3_free(msg);
        return rc;
    }
    return 0;
}

void kb_fold(const char *in, char *out, size_t n)
{
    ferro_name_fold(in ? in : "", out, n);
    char *w = out;
    for (const char *r = out; *r; r++)
        if (*r != ':') *w++ = *r;
    *w = 0;
}

/* ---- result tables ---- */

void ferro_kb_table_free(ferro_kb_table_t *t)
{
    if (!t) return;
    for (int j = 0; j < t->ncol; j++) free(t->header ? t->header[j] : NULL);
    for (long i = 0; i < (long)t->nrow * t->ncol; i++) free(t->cell[i]);
    free(t->header);
    free(t->cell);
    free(t);
}

const char *ferro_kb_table_get(const ferro_kb_table_t *t, int row, int col)
{
    if (!t || row < 0 || row >= t->nrow || col < 0 || col >= t->ncol) return NULL;
    return t->cell[(long)row * t->ncol + col];
}

int kb_query(sqlite3 *db, const char *sql, int n, const char *const *args, ferro_kb_table_t **out)
{
    *out = NULL;
    sqlite3_stmt *st;
    int rc = prepare(db, sql, n, args, &st);
    if (rc) return rc;
    ferro_kb_table_t *t = ferro_calloc(1, sizeof *t);
    if (!t) { sqlite3_finalize(st); return FERRO_ENOMEM; }
    t->ncol = sqlite3_column_count(st);
    t->header = ferro_calloc((size_t)t->ncol + 1, sizeof *t->header);
    if (!t->header) { rc = FERRO_ENOMEM; goto fail; }
    for (int j = 0; j < t->ncol; j++)
        if (!(t->header[j] = ferro_strdup(sqlite3_column_name(st, j)))) { rc = FERRO_ENOMEM; goto fail; }
    long cap = 0;
    int s;
    while ((s = sqlite3_step(st)) == SQLITE_ROW) {
        if (t->nrow >= cap) {
            long nc = cap ? cap * 2 : 64;
            char **p = ferro_realloc(t->cell, (size_t)(nc * (t->ncol ? t->ncol : 1)) * sizeof *p);
            if (!p) { rc = FERRO_ENOMEM; goto fail; }
            t->cell = p;
            cap = nc;
        }
        char **row = t->cell + (long)t->nrow * t->ncol;
        for (int j = 0; j < t->ncol; j++) row[j] = NULL;
        t->nrow++;
        for (int j = 0; j < t->ncol; j++) {
            const unsigned char *v = sqlite3_column_text(st, j);
            if (v && !(row[j] = ferro_strdup((const char *)v))) { rc = FERRO_ENOMEM; goto fail; }
        }
    }
    if (s != SQLITE_DONE) { rc = kb_sqlite_error(db, "query"); goto fail; }
    sqlite3_finalize(st);
    *out = t;
    return 0;
fail:
    sqlite3_finalize(st);
    ferro_kb_table_free(t);
    return rc;
}

int ferro_kb_table_write(const ferro_kb_table_t *t, FILE *fp, int json)
{
    if (json) {
        fputs("[", fp);
        for (int i = 0; i < t->nrow; i++) {
            fputs(i ? ",\n {" : "\n {", fp);
            for (int j = 0; j < t->ncol; j++) {
                if (j) fputs(", ", fp);
                ferro_json_string(fp, t->header[j]);
                fputs(": ", fp);
                const char *v = ferro_kb_table_get(t, i, j);
                if (v) ferro_json_string(fp, v);
                else fputs("null", fp);
            }
            fputs("}", fp);
        }
        fputs(t->nrow ? "\n]\n" : "]\n", fp);
    } else {
        for (int j = 0; j < t->ncol; j++) fprintf(fp, "%s%s", j ? "\t" : "", t->header[j]);
        fputc('\n', fp);
        for (int i = 0; i < t->nrow; i++) {
            for (int j = 0; j < t->ncol; j++) {
                const char *v = ferro_kb_table_get(t, i, j);
                if (j) fputc('\t', fp);
                /* keep the TSV rectangular: tabs and newlines inside a value become spaces */
                for (; v && *v; v++) fputc(*v == '\t' || *v == '\n' || *v == '\r' ? ' ' : *v, fp);
            }
            fputc('\n', fp);
        }
    }
    return ferror(fp) ? ferro_error_set(FERRO_EIO, "write error") : 0;
}
