/* schema.c — the KB's SQLite schema. Tables mirror the TSV sources under data/kb/; `line` is
 * the source line of each row (for messages); `fold` is the lookup form of a name. */
#include "internal.h"

static const char schema_sql[] =
    "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);\n"
    "CREATE TABLE entity(id TEXT PRIMARY KEY, type TEXT NOT NULL, name TEXT NOT NULL,"
    " description TEXT, source TEXT, fold TEXT NOT NULL, idfold TEXT NOT NULL, line INTEGER NOT NULL);\n"
    "CREATE TABLE synonym(entity TEXT NOT NULL REFERENCES entity(id), synonym TEXT NOT NULL,"
    " fold TEXT NOT NULL, line INTEGER NOT NULL, UNIQUE(entity, synonym));\n"
    "CREATE TABLE identifier(entity TEXT NOT NULL REFERENCES entity(id), namespace TEXT NOT NULL,"
    " accession TEXT NOT NULL, status TEXT NOT NULL, method TEXT NOT NULL, fold TEXT NOT NULL,"
    " line INTEGER NOT NULL, UNIQUE(namespace, accession));\n"
    "CREATE TABLE relation(subject TEXT NOT NULL REFERENCES entity(id), predicate TEXT NOT NULL,"
    " object TEXT NOT NULL REFERENCES entity(id), status TEXT NOT NULL, note TEXT,"
    " line INTEGER NOT NULL, UNIQUE(subject, predicate, object));\n"
    "CREATE TABLE cell_line(entity TEXT PRIMARY KEY REFERENCES entity(id), lineage TEXT NOT NULL,"
    " key_mutations TEXT, status TEXT NOT NULL, method TEXT, line INTEGER NOT NULL);\n"
    "CREATE TABLE reference(ref INTEGER PRIMARY KEY, first_author TEXT, citation TEXT NOT NULL,"
    " pmid TEXT, doi TEXT, note TEXT, line INTEGER NOT NULL);\n"
    "CREATE TABLE evidence(id TEXT PRIMARY KEY, finding TEXT, effect TEXT NOT NULL, subjects TEXT NOT NULL,"
    " targets TEXT, models TEXT, context TEXT NOT NULL, refs TEXT, section TEXT, statement TEXT NOT NULL,"
    " line INTEGER NOT NULL);\n"
    "CREATE TABLE evidence_entity(evidence TEXT NOT NULL REFERENCES evidence(id), role TEXT NOT NULL,"
    " entity TEXT NOT NULL REFERENCES entity(id), direction TEXT, ord INTEGER NOT NULL);\n"
    "CREATE TABLE evidence_ref(evidence TEXT NOT NULL REFERENCES evidence(id),"
    " ref INTEGER NOT NULL REFERENCES reference(ref), ord INTEGER NOT NULL);\n"
    "CREATE TABLE table1(row INTEGER PRIMARY KEY, ingredient TEXT NOT NULL, model TEXT, mechanism TEXT,"
    " agents TEXT, models TEXT, evidence TEXT REFERENCES evidence(id), ref INTEGER, note TEXT, line INTEGER NOT NULL);\n"
    "CREATE TABLE table1_entity(row INTEGER NOT NULL, role TEXT NOT NULL, entity TEXT NOT NULL, ord INTEGER NOT NULL);\n"
    "CREATE TABLE model_table(kind TEXT NOT NULL, name TEXT NOT NULL, lineage TEXT, cellosaurus TEXT,"
    " source TEXT NOT NULL, line INTEGER NOT NULL, PRIMARY KEY(kind, name));\n"
    "CREATE TABLE model_link(entity TEXT NOT NULL REFERENCES entity(id), kind TEXT NOT NULL,"
    " target TEXT NOT NULL, note TEXT, checked INTEGER NOT NULL, line INTEGER NOT NULL,"
    " UNIQUE(entity, kind, target));\n"
    "CREATE TABLE entity_set(id TEXT PRIMARY KEY, name TEXT NOT NULL, path TEXT NOT NULL, source TEXT NOT NULL,"
    " description TEXT, line INTEGER NOT NULL);\n"
    "CREATE TABLE set_member(set_id TEXT NOT NULL REFERENCES entity_set(id), symbol TEXT NOT NULL,"
    " entity TEXT REFERENCES entity(id), line INTEGER NOT NULL, UNIQUE(set_id, symbol));\n"
    "CREATE VIEW entity_name AS"
    " SELECT id AS entity, 'name' AS field, name AS value, fold, 0 AS pri FROM entity"
    " UNION ALL SELECT entity, 'synonym', synonym, fold, 1 FROM synonym"
    " UNION ALL SELECT entity, namespace, accession, fold, 2 FROM identifier"
    " UNION ALL SELECT id, 'id', id, idfold, 3 FROM entity;\n"
    "CREATE INDEX entity_fold ON entity(fold);\n"
    "CREATE INDEX synonym_fold ON synonym(fold);\n"
    "CREATE INDEX identifier_fold ON identifier(fold);\n"
    "CREATE INDEX identifier_entity ON identifier(entity);\n"
    "CREATE INDEX relation_object ON relation(object);\n"
    "CREATE INDEX evidence_entity_entity ON evidence_entity(entity);\n"
    "CREATE INDEX set_member_entity ON set_member(entity);\n";

int kb_schema_create(sqlite3 *db)
{
    int rc = kb_exec(db, schema_sql);
    if (rc) return rc;
    const char *a[2] = {"schema_version", KB_SCHEMA_VERSION};
    return kb_run(db, "INSERT INTO meta(key, value) VALUES(?, ?)", 2, a);
}
