/* ferrosim/kb.h — the knowledge base: every entity and finding of the review, with canonical
 * identifiers, evidence records and links to the model.
 *
 * The sources are plain TSV files under <data>/kb/ (entities, synonyms, identifiers, relations,
 * cell_lines, references, evidence, table1, model_links, sets); the build validates them
 * (header, column counts, enumerations, unknown or duplicate ids, duplicate identifiers, links
 * to model species / parameters / agents / cell lines / genes that the model's tables under
 * <data>/ lack) and compiles them into SQLite. Any error names file, line and column and no
 * database is written. SQLite is used by this module only, always with bound parameters.
 *
 *   ferro_kb_t *kb;
 *   if (ferro_kb_load(NULL, &kb) == 0) {           // build in memory from ferro_data_dir()/kb
 *       ferro_kb_table_t *t;
 *       if (ferro_kb_search(kb, "FSP1", &t) == 0) { ferro_kb_table_write(t, stdout, 0); ferro_kb_table_free(t); }
 *       ferro_kb_close(kb);
 *   }
 */
#ifndef FERROSIM_KB_H
#define FERROSIM_KB_H

#include <stdio.h>
#include "ferrosim/common.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ferro_kb_s ferro_kb_t;

/* A query result: a header and rows of strings (NULL = missing value). */
typedef struct {
    int ncol, nrow;
    char **header; /* ncol */
    char **cell;   /* nrow * ncol, row-major */
} ferro_kb_table_t;

void ferro_kb_table_free(ferro_kb_table_t *t); /* NULL-safe */
const char *ferro_kb_table_get(const ferro_kb_table_t *t, int row, int col);
/* Write as TSV with a header (missing = empty), or as a JSON array of objects (missing = null). */
int ferro_kb_table_write(const ferro_kb_table_t *t, FILE *fp, int json) FERRO_WUR;

/* Build from data_dir/kb (data_dir NULL = ferro_data_dir()) into an in-memory database,
 * validating against the model tables under data_dir. */
int ferro_kb_load(const char *data_dir, ferro_kb_t **out) FERRO_WUR;
/* Build and write the database file atomically (temp file + rename; "-" = stdout). On any
 * error nothing is written and an existing file at out_path is left untouched. The bytes
 * depend only on the sources. The database passes PRAGMA integrity_check before it is written. */
int ferro_kb_build(const char *data_dir, const char *out_path) FERRO_WUR;
/* Open a database written by ferro_kb_build, read-only. */
int ferro_kb_open(const char *path, ferro_kb_t **out) FERRO_WUR;
void ferro_kb_close(ferro_kb_t *kb); /* NULL-safe */

/* Entities whose name, synonym or identifier contains term (case-insensitive, ignoring '-', '_',
 * ' ', '.', ':'); best matches first (exact, prefix, substring). Columns: id, type, name,
 * matched_field, matched_value. Zero rows is not an error. */
int ferro_kb_search(ferro_kb_t *kb, const char *term, ferro_kb_table_t **out) FERRO_WUR;

/* Resolve an entity id, name, synonym or identifier to its id (buffer of n bytes).
 * FERRO_ENOTFOUND (with the nearest names) or FERRO_EINVAL if it names several entities. */
int ferro_kb_resolve(ferro_kb_t *kb, const char *name, char *id, size_t n) FERRO_WUR;

/* One entity with everything known about it: rows of section, key, value, note
 * (entity, synonym, identifier, relation, cell_line, model_link, set, evidence, table1). */
int ferro_kb_show(ferro_kb_t *kb, const char *id_or_name, ferro_kb_table_t **out) FERRO_WUR;

/* Evidence records matching all given filters (NULL = no filter). gene matches subjects and
 * targets (and the families the gene belongs to); agent matches subjects; cell matches model
 * systems; effect is induces|suppresses|other. Columns: id, finding, effect, subjects, targets,
 * models, context, refs, section, statement. */
typedef struct {
    const char *gene, *agent, *cell, *effect;
} ferro_kb_filter_t;
int ferro_kb_evidence(ferro_kb_t *kb, const ferro_kb_filter_t *f, ferro_kb_table_t **out) FERRO_WUR;

/* Names of the exportable tables, NULL-terminated: entities, synonyms, identifiers, relations,
 * cell_lines, references, evidence, table1, model_links, sets, set_members, model_tables. */
extern const char *const ferro_kb_export_tables[];
/* One whole table, in source order. FERRO_EINVAL for an unknown table name. */
int ferro_kb_export(ferro_kb_t *kb, const char *table, ferro_kb_table_t **out) FERRO_WUR;

/* Counts: rows of what, count (entities by type, evidence records, identifiers verified and
 * uncertain, Table 1 rows, set members, model links checked and unchecked). */
int ferro_kb_counts(ferro_kb_t *kb, ferro_kb_table_t **out) FERRO_WUR;

/* Coverage of the review by the model, now: every finding of findings_path (NULL =
 * <data_dir>/findings.tsv) is checked by simulation (findings.h) in the world of data_dir (NULL =
 * ferro_data_dir()); then every evidence record that no finding tests. Columns: finding, status
 * (reproduced | not_reproduced | cannot_express), evidence (record ids), claim, checks_passed
 * ("k/n" over cell lines x checks), detail (each check's measured value; failing ones say what
 * they needed; or why the finding cannot be expressed). threads: OpenMP threads (results do not
 * depend on it). */
int ferro_kb_coverage(ferro_kb_t *kb, const char *data_dir, const char *findings_path, int threads,
                      ferro_kb_table_t **out) FERRO_WUR;

/* The model's agents, cell lines and genes that no KB entity links to: kind, name, source, line. */
int ferro_kb_unlinked(ferro_kb_t *kb, ferro_kb_table_t **out) FERRO_WUR;

#ifdef __cplusplus
}
#endif
#endif
