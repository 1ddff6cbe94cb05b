/* internal.h — private to src/kb: the database handle and small SQLite helpers.
 * Every statement is a constant string; values travel as bound parameters only. */
#ifndef FERRO_KB_INTERNAL_H
#define FERRO_KB_INTERNAL_H

#include <sqlite3.h>
#include "ferrosim/kb.h"

struct ferro_kb_s {
    sqlite3 *db;
};

#define KB_SCHEMA_VERSION "1"
#define KB_FOLD_MAX 512

/* Run sql (no result rows) with n text parameters (NULL = SQL NULL). */
int kb_run(sqlite3 *db, const char *sql, int n, const char *const *args);
/* *found = 1 if sql with these parameters returns a row; the first column's text (if any)
 * is copied into buf (size bufn; buf may be NULL). */
int kb_first(sqlite3 *db, const char *sql, int n, const char *const *args, int *found, char *buf, size_t bufn);
/* All rows of sql as a table; column names from the statement. */
int kb_query(sqlite3 *db, const char *sql, int n, const char *const *args, ferro_kb_table_t **out);
/* Run a script of statements without parameters (schema, pragmas). */
int kb_exec(sqlite3 *db, const char *sql);
int kb_sqlite_error(sqlite3 *db, const char *what);

/* Fold a name for lookup: ferro_name_fold, and ':' removed too. */
void kb_fold(const char *in, char *out, size_t n);

int kb_schema_create(sqlite3 *db);
/* Load every source under data_dir/kb and the model tables under data_dir into db. */
int kb_sources_load(sqlite3 *db, const char *data_dir);
/* The model's tables (species, parameters, agents, cells, genes, findings) into model_table. */
int kb_model_load(sqlite3 *db, const char *data_dir);

#endif
