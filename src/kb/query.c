/* query.c — search, resolve, show, evidence, export and counts over a KB database. */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

int ferro_kb_search(ferro_kb_t *kb, const char *term, ferro_kb_table_t **out)
{
    *out = NULL;
    char fold[KB_FOLD_MAX];
    kb_fold(term, fold, sizeof fold);
    if (!*fold) return ferro_error_set(FERRO_EINVAL, "search term '%s' is empty once case and punctuation are ignored", term);
    const char *a[1] = {fold};
    return kb_query(kb->db,
                    "WITH m AS (SELECT entity, field, value, pri,"
                    "   CASE WHEN fold = ?1 THEN 0 WHEN instr(fold, ?1) = 1 THEN 1 ELSE 2 END AS rank"
                    "   FROM entity_name WHERE instr(fold, ?1) > 0),"
                    " b AS (SELECT m.*, row_number() OVER (PARTITION BY entity ORDER BY rank, pri, value) AS rn FROM m)"
                    " SELECT b.entity AS id, e.type AS type, e.name AS name, b.field AS matched_field,"
                    " b.value AS matched_value FROM b JOIN entity e ON e.id = b.entity"
                    " WHERE rn = 1 ORDER BY b.rank, b.pri, e.line",
                    1, a, out);
}

/* Up to three names nearest to fold, for "did you mean". */
static void nearest(ferro_kb_t *kb, const char *fold, char *buf, size_t n)
{
    buf[0] = 0;
    ferro_kb_table_t *t;
    if (kb_query(kb->db, "SELECT fold, value FROM entity_name WHERE pri < 2 ORDER BY value", 0, NULL, &t)) return;
    int best[3] = {-1, -1, -1}, bd[3] = {1 << 30, 1 << 30, 1 << 30};
    for (int i = 0; i < t->nrow; i++) {
        int d = ferro_name_distance(fold, ferro_kb_table_get(t, i, 0));
        for (int k = 0; k < 3; k++) {
            if (d < bd[k]) {
                for (int m = 2; m > k; m--) { bd[m] = bd[m - 1]; best[m] = best[m - 1]; }
                bd[k] = d;
                best[k] = i;
                break;
            }
        }
    }
    for (int k = 0; k < 3 && best[k] >= 0; k++) {
        size_t L = strlen(buf);
        snprintf(buf + L, n - L, "%s'%s'", k ? ", " : "", ferro_kb_table_get(t, best[k], 1));
    }
    ferro_kb_table_free(t);
}

int ferro_kb_resolve(ferro_kb_t *kb, const char *name, char *id, size_t n)
{
    int found, rc;
    const char *a1[1] = {name};
    if ((rc = kb_first(kb->db, "SELECT id FROM entity WHERE id = ?", 1, a1, &found, id, n))) return rc;
    if (found) return 0;
    char fold[KB_FOLD_MAX];
    kb_fold(name, fold, sizeof fold);
    const char *a[1] = {fold};
    ferro_kb_table_t *t;
    if ((rc = kb_query(kb->db, "SELECT entity, MIN(pri) AS pri FROM entity_name WHERE fold = ? GROUP BY entity"
                               " ORDER BY MIN(pri), entity", 1, a, &t)))
        return rc;
    if (t->nrow == 0 || !*fold) {
        char near[512];
        ferro_kb_table_free(t);
        nearest(kb, fold, near, sizeof near);
        return ferro_error_set(FERRO_ENOTFOUND, "'%s' is not in the knowledge base%s%s", name,
                               *near ? "; nearest names: " : "", near);
    }
    /* a unique best match: one entity by name/id beats others by synonym or identifier */
    if (t->nrow > 1 && strcmp(ferro_kb_table_get(t, 0, 1), ferro_kb_table_get(t, 1, 1)) == 0) {
        char list[512] = "";
        for (int i = 0; i < t->nrow && i < 6; i++) {
            size_t L = strlen(list);
            snprintf(list + L, sizeof list - L, "%s%s", i ? ", " : "", ferro_kb_table_get(t, i, 0));
        }
        ferro_kb_table_free(t);
        return ferro_error_set(FERRO_EINVAL, "'%s' is ambiguous: it names %s; give an entity id", name, list);
    }
    snprintf(id, n, "%s", ferro_kb_table_get(t, 0, 0));
    ferro_kb_table_free(t);
    return 0;
}

int ferro_kb_show(ferro_kb_t *kb, const char *id_or_name, ferro_kb_table_t **out)
{
    *out = NULL;
    char id[KB_FOLD_MAX];
    int rc = ferro_kb_resolve(kb, id_or_name, id, sizeof id);
    if (rc) return rc;
    const char *a[1] = {id};
    return kb_query(kb->db,
        "SELECT section, key, value, note FROM ("
        " SELECT 'entity' AS section, 'id' AS key, id AS value, NULL AS note, 0 AS s, 0 AS o FROM entity WHERE id = ?1"
        " UNION ALL SELECT 'entity', 'type', type, NULL, 0, 1 FROM entity WHERE id = ?1"
        " UNION ALL SELECT 'entity', 'name', name, NULL, 0, 2 FROM entity WHERE id = ?1"
        " UNION ALL SELECT 'entity', 'description', description, NULL, 0, 3 FROM entity WHERE id = ?1"
        " UNION ALL SELECT 'entity', 'source', source, NULL, 0, 4 FROM entity WHERE id = ?1"
        " UNION ALL SELECT 'synonym', 'synonym', synonym, NULL, 1, line FROM synonym WHERE entity = ?1"
        " UNION ALL SELECT 'identifier', namespace, accession, status || ': ' || method, 2, line"
        "   FROM identifier WHERE entity = ?1"
        " UNION ALL SELECT 'relation', predicate, object || ' (' || e.name || ')', r.status || COALESCE(': ' || note, ''), 3, r.line"
        "   FROM relation r JOIN entity e ON e.id = r.object WHERE subject = ?1"
        " UNION ALL SELECT 'relation', CASE predicate WHEN 'member_of' THEN 'has_member'"
        "   WHEN 'fusion_partner' THEN 'partner_in_fusion' WHEN 'mutated_gene' THEN 'mutated_in'"
        "   WHEN 'carries' THEN 'carried_by' WHEN 'model_of' THEN 'modelled_by' WHEN 'source_organism' THEN 'source_of'"
        "   WHEN 'made_from' THEN 'used_to_make' WHEN 'derivative_of' THEN 'parent_of' WHEN 'belongs_to_class' THEN 'class_of'"
        "   ELSE 'inverse_' || predicate END, subject || ' (' || e.name || ')',"
        "   r.status || COALESCE(': ' || note, ''), 4, r.line FROM relation r JOIN entity e ON e.id = r.subject WHERE object = ?1"
        " UNION ALL SELECT 'cell_line', 'lineage', lineage, NULL, 5, 0 FROM cell_line WHERE entity = ?1"
        " UNION ALL SELECT 'cell_line', 'key_mutations', key_mutations, status || COALESCE(': ' || method, ''), 5, 1"
        "   FROM cell_line WHERE entity = ?1"
        " UNION ALL SELECT 'model_link', kind, target, COALESCE(note || '; ', '') ||"
        "   CASE checked WHEN 1 THEN 'checked against the model' ELSE 'unchecked: the model has no such table' END, 6, line"
        "   FROM model_link WHERE entity = ?1"
        " UNION ALL SELECT 'set', s.id, s.name, 'member ' || m.symbol, 7, s.line"
        "   FROM set_member m JOIN entity_set s ON s.id = m.set_id WHERE m.entity = ?1"
        " UNION ALL SELECT 'evidence', ev.id, ev.statement, ee.role || COALESCE(' (' || ee.direction || ')', '') ||"
        "   '; effect ' || ev.effect || COALESCE('; finding ' || ev.finding, '') || COALESCE('; refs ' || ev.refs, ''), 8, ev.line"
        "   FROM evidence_entity ee JOIN evidence ev ON ev.id = ee.evidence WHERE ee.entity = ?1"
        " UNION ALL SELECT 'table1', 'row ' || t.row, t.ingredient || ' | ' || COALESCE(t.model, '') || ' | ' ||"
        "   COALESCE(t.mechanism, ''), te.role, 9, t.row FROM table1_entity te JOIN table1 t ON t.row = te.row WHERE te.entity = ?1"
        ") ORDER BY s, o, key, value",
        1, a, out);
}

int ferro_kb_evidence(ferro_kb_t *kb, const ferro_kb_filter_t *f, ferro_kb_table_t **out)
{
    *out = NULL;
    char gene[KB_FOLD_MAX], agent[KB_FOLD_MAX], cell[KB_FOLD_MAX];
    int rc;
    ferro_kb_filter_t none = {0};
    if (!f) f = &none;
    if (f->gene && (rc = ferro_kb_resolve(kb, f->gene, gene, sizeof gene))) return ferro_error_prefix(rc, "--gene");
    if (f->agent && (rc = ferro_kb_resolve(kb, f->agent, agent, sizeof agent))) return ferro_error_prefix(rc, "--agent");
    if (f->cell && (rc = ferro_kb_resolve(kb, f->cell, cell, sizeof cell))) return ferro_error_prefix(rc, "--cell");
    if (f->effect && strcmp(f->effect, "induces") && strcmp(f->effect, "suppresses") && strcmp(f->effect, "other"))
        return ferro_error_set(FERRO_EINVAL, "--effect: '%s' is not one of induces, suppresses, other", f->effect);
    const char *a[4] = {f->gene ? gene : NULL, f->agent ? agent : NULL, f->cell ? cell : NULL, f->effect};
    return kb_query(kb->db,
        "SELECT id, finding, effect, subjects, targets, models, context, refs, section, statement FROM evidence ev"
        " WHERE (?1 IS NULL OR EXISTS (SELECT 1 FROM evidence_entity x WHERE x.evidence = ev.id"
        "   AND x.role IN ('subject', 'target') AND (x.entity = ?1 OR x.entity IN"
        "   (SELECT object FROM relation WHERE predicate = 'member_of' AND subject = ?1))))"
        " AND (?2 IS NULL OR EXISTS (SELECT 1 FROM evidence_entity x WHERE x.evidence = ev.id"
        "   AND x.role = 'subject' AND (x.entity = ?2 OR x.entity IN"
        "   (SELECT object FROM relation WHERE predicate = 'belongs_to_class' AND subject = ?2))))"
        " AND (?3 IS NULL OR EXISTS (SELECT 1 FROM evidence_entity x WHERE x.evidence = ev.id"
        "   AND x.role = 'model' AND x.entity = ?3))"
        " AND (?4 IS NULL OR ev.effect = ?4)"
        " ORDER BY ev.line",
        4, a, out);
}

const char *const ferro_kb_export_tables[] = {"entities", "synonyms", "identifiers", "relations", "cell_lines",
                                              "references", "evidence", "table1", "model_links", "sets",
                                              "set_members", "model_tables", NULL};

static const char *const export_sql[] = {
    "SELECT id, type, name, description, source FROM entity ORDER BY line",
    "SELECT entity, synonym FROM synonym ORDER BY line",
    "SELECT entity, namespace, accession, status, method FROM identifier ORDER BY line",
    "SELECT subject, predicate, object, status, note FROM relation ORDER BY line",
    "SELECT entity, lineage, key_mutations, status, method FROM cell_line ORDER BY line",
    "SELECT ref, first_author, citation, pmid, doi, note FROM reference ORDER BY line",
    "SELECT id, finding, subjects, effect, targets, models, context, refs, section, statement FROM evidence ORDER BY line",
    "SELECT row, ingredient, model, mechanism, agents, models, evidence, ref, note FROM table1 ORDER BY line",
    "SELECT entity, kind, target, note, checked FROM model_link ORDER BY line",
    "SELECT id, name, path, source, description FROM entity_set ORDER BY line",
    "SELECT m.set_id, m.symbol, m.entity FROM set_member m JOIN entity_set s ON s.id = m.set_id ORDER BY s.line, m.line",
    "SELECT kind, name, lineage, cellosaurus, source, line FROM model_table ORDER BY kind, line, name",
};

int ferro_kb_export(ferro_kb_t *kb, const char *table, ferro_kb_table_t **out)
{
    *out = NULL;
    for (int i = 0; ferro_kb_export_tables[i]; i++)
        if (!strcmp(table, ferro_kb_export_tables[i])) return kb_query(kb->db, export_sql[i], 0, NULL, out);
    return ferro_error_set(FERRO_EINVAL, "unknown table '%s' (entities, synonyms, identifiers, relations, cell_lines, "
                                         "references, evidence, table1, model_links, sets, set_members, model_tables)", table);
}

int ferro_kb_counts(ferro_kb_t *kb, ferro_kb_table_t **out)
{
    return kb_query(kb->db,
        "SELECT what, count FROM ("
        " SELECT 'entities' AS what, count(*) AS count, 0 AS o FROM entity"
        " UNION ALL SELECT 'entities.' || type, count(*), 1 FROM entity GROUP BY type"
        " UNION ALL SELECT 'synonyms', count(*), 2 FROM synonym"
        " UNION ALL SELECT 'identifiers', count(*), 3 FROM identifier"
        " UNION ALL SELECT 'identifiers.verified', count(*), 4 FROM identifier WHERE status = 'verified'"
        " UNION ALL SELECT 'identifiers.uncertain', count(*), 5 FROM identifier WHERE status = 'uncertain'"
        " UNION ALL SELECT 'relations', count(*), 6 FROM relation"
        " UNION ALL SELECT 'references', count(*), 7 FROM reference"
        " UNION ALL SELECT 'evidence', count(*), 8 FROM evidence"
        " UNION ALL SELECT 'evidence.with_finding', count(*), 9 FROM evidence WHERE finding IS NOT NULL"
        " UNION ALL SELECT 'table1.rows', count(*), 10 FROM table1"
        " UNION ALL SELECT 'sets', count(*), 11 FROM entity_set"
        " UNION ALL SELECT 'set_members', count(*), 12 FROM set_member"
        " UNION ALL SELECT 'set_members.with_entity', count(*), 13 FROM set_member WHERE entity IS NOT NULL"
        " UNION ALL SELECT 'model_links.checked', count(*), 14 FROM model_link WHERE checked = 1"
        " UNION ALL SELECT 'model_links.unchecked', count(*), 15 FROM model_link WHERE checked = 0"
        ") ORDER BY o, what",
        0, NULL, out);
}

int ferro_kb_unlinked(ferro_kb_t *kb, ferro_kb_table_t **out)
{
    return kb_query(kb->db,
        "SELECT m.kind AS kind, m.name AS name, m.source AS source, m.line AS line FROM model_table m"
        " WHERE m.kind IN ('agent', 'cell', 'gene') AND NOT EXISTS"
        " (SELECT 1 FROM model_link l WHERE l.kind = m.kind AND l.target = m.name)"
        " ORDER BY m.kind, m.line",
        0, NULL, out);
}
