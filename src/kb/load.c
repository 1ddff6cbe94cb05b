/* load.c — read and validate the TSV sources under data/kb/ into the KB database.
 * Each source has a fixed header (checked), a column count (checked), required columns,
 * enumerations, references to entities (which must exist) and uniqueness rules; any violation
 * is an error naming the file, line and column. */
#include "internal.h"
#include "ferrosim/io.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct {
    sqlite3 *db;
    ferro_tsv_t *r;
    const char *data_dir;
    char line[24]; /* current line number, as text for binding */
} ctx_t;

typedef struct {
    const char *file;
    const char *cols; /* space-separated header; a trailing '*' marks a required (non-empty) column */
    int (*row)(ctx_t *c);
} source_t;

#define F(i) ferro_tsv_field(c->r, (i))
#define ERR(col, ...) ferro_tsv_error(c->r, FERRO_EPARSE, (col), __VA_ARGS__)

/* "" and "-" mean: no value */
static const char *opt(const char *s) { return s && *s && strcmp(s, "-") != 0 ? s : NULL; }

/* 1 if v is one of the '|'-separated words of allowed */
static int in_enum(const char *v, const char *allowed)
{
    size_t n = strlen(v);
    for (const char *p = allowed; *p;) {
        const char *e = strchr(p, '|');
        size_t k = e ? (size_t)(e - p) : strlen(p);
        if (k == n && strncmp(p, v, n) == 0) return 1;
        if (!e) break;
        p = e + 1;
    }
    return 0;
}

static int check_enum(ctx_t *c, int col, const char *v, const char *allowed)
{
    return in_enum(v, allowed) ? 0 : ERR(col + 1, "'%s' is not one of %s", v, allowed);
}

static int check_entity(ctx_t *c, int col, const char *id)
{
    int found;
    const char *a[1] = {id};
    int rc = kb_first(c->db, "SELECT 1 FROM entity WHERE id = ?", 1, a, &found, NULL, 0);
    if (rc) return rc;
    return found ? 0 : ERR(col + 1, "unknown entity '%s' (not in entities.tsv)", id);
}

static int check_uint(ctx_t *c, int col, const char *v)
{
    if (!*v) return ERR(col + 1, "empty number");
    for (const char *p = v; *p; p++)
        if (!isdigit((unsigned char)*p)) return ERR(col + 1, "'%s' is not a positive integer", v);
    return 0;
}

/* Call fn for each item of a comma-separated list in column col (items trimmed, none empty). */
typedef int (*item_fn)(ctx_t *c, int col, const char *item, int ord, void *u);
static int for_each_item(ctx_t *c, int col, item_fn fn, void *u)
{
    const char *field = F(col);
    if (!opt(field)) return 0;
    char *copy = ferro_strdup(field);
    if (!copy) return FERRO_ENOMEM;
    int rc = 0, ord = 0;
    for (char *tok = copy; tok && !rc;) {
        char *comma = strchr(tok, ',');
        if (comma) *comma = 0;
        while (*tok == ' ') tok++;
        char *end = tok + strlen(tok);
        while (end > tok && end[-1] == ' ') *--end = 0;
        if (!*tok) rc = ERR(col + 1, "empty item in the list '%s'", field);
        else rc = fn(c, col, tok, ord++, u);
        tok = comma ? comma + 1 : NULL;
    }
    free(copy);
    return rc;
}

static int model_loaded(ctx_t *c, const char *kind, int *yes)
{
    char key[64];
    snprintf(key, sizeof key, "model:%s", kind);
    const char *a[1] = {key};
    char v[16];
    int found, rc = kb_first(c->db, "SELECT value FROM meta WHERE key = ?", 1, a, &found, v, sizeof v);
    *yes = found && strcmp(v, "absent") != 0;
    return rc;
}

/* ---- entities.tsv ---- */
static int row_entity(ctx_t *c)
{
    const char *id = F(0), *type = F(1), *name = F(2);
    if (!strchr(id, ':') || strpbrk(id, ", \t"))
        return ERR(1, "entity id '%s' must look like prefix:name, without spaces or commas", id);
    int rc = check_enum(c, 1, type, "gene|family|rna|chemical|protein_drug|nanoparticle|extract|drug_class|"
                                     "disease|species|cell_line|cell_type|mutation|fusion|process|dataset");
    if (rc) return rc;
    char prev[24];
    int found;
    const char *a1[1] = {id};
    if ((rc = kb_first(c->db, "SELECT line FROM entity WHERE id = ?", 1, a1, &found, prev, sizeof prev))) return rc;
    if (found) return ERR(1, "duplicate entity id '%s' (first at line %s)", id, prev);
    char fold[KB_FOLD_MAX], idfold[KB_FOLD_MAX];
    kb_fold(name, fold, sizeof fold);
    kb_fold(id, idfold, sizeof idfold);
    const char *a[8] = {id, type, name, opt(F(3)), opt(F(4)), fold, idfold, c->line};
    return kb_run(c->db, "INSERT INTO entity(id, type, name, description, source, fold, idfold, line) VALUES(?,?,?,?,?,?,?,?)", 8, a);
}

/* ---- synonyms.tsv ---- */
static int row_synonym(ctx_t *c)
{
    int rc = check_entity(c, 0, F(0));
    if (rc) return rc;
    char prev[24];
    int found;
    const char *a2[2] = {F(0), F(1)};
    if ((rc = kb_first(c->db, "SELECT line FROM synonym WHERE entity = ? AND synonym = ?", 2, a2, &found, prev, sizeof prev)))
        return rc;
    if (found) return ERR(2, "duplicate synonym '%s' of %s (first at line %s)", F(1), F(0), prev);
    char fold[KB_FOLD_MAX];
    kb_fold(F(1), fold, sizeof fold);
    const char *a[4] = {F(0), F(1), fold, c->line};
    return kb_run(c->db, "INSERT INTO synonym(entity, synonym, fold, line) VALUES(?,?,?,?)", 4, a);
}

/* ---- identifiers.tsv ---- */
static int all_digits(const char *s) { if (!*s) return 0; for (; *s; s++) if (!isdigit((unsigned char)*s)) return 0; return 1; }
static int prefixed_digits(const char *s, const char *prefix)
{
    size_t n = strlen(prefix);
    return strncmp(s, prefix, n) == 0 && all_digits(s + n);
}

/* Light syntax checks of accessions, namespace by namespace. */
static int accession_ok(const char *ns, const char *acc)
{
    if (!strcmp(ns, "NCBIGene") || !strcmp(ns, "NCBITaxon") || !strcmp(ns, "PubChem.compound")) return all_digits(acc);
    if (!strcmp(ns, "HGNC")) return prefixed_digits(acc, "HGNC:");
    if (!strcmp(ns, "ChEBI")) return prefixed_digits(acc, "CHEBI:");
    if (!strcmp(ns, "DOID")) return prefixed_digits(acc, "DOID:");
    if (!strcmp(ns, "MONDO")) return prefixed_digits(acc, "MONDO:") && strlen(acc) == 13;
    if (!strcmp(ns, "CL")) return prefixed_digits(acc, "CL:") && strlen(acc) == 10;
    if (!strcmp(ns, "GO")) return prefixed_digits(acc, "GO:") && strlen(acc) == 10;
    if (!strcmp(ns, "MeSH")) return (acc[0] == 'D' || acc[0] == 'C') && all_digits(acc + 1);
    if (!strcmp(ns, "Cellosaurus")) return strncmp(acc, "CVCL_", 5) == 0 && strlen(acc) == 9;
    if (!strcmp(ns, "GEO")) return prefixed_digits(acc, "GSE");
    if (!strcmp(ns, "miRBase")) return prefixed_digits(acc, "MIMAT") || prefixed_digits(acc, "MI");
    if (!strcmp(ns, "UniProt")) {
        size_t n = strlen(acc);
        if (n != 6 && n != 10) return 0;
        for (const char *p = acc; *p; p++) if (!isupper((unsigned char)*p) && !isdigit((unsigned char)*p)) return 0;
        return 1;
    }
    if (!strcmp(ns, "HGNC.symbol")) {
        for (const char *p = acc; *p; p++)
            if (!isupper((unsigned char)*p) && !isdigit((unsigned char)*p) && *p != '-') return 0;
        return *acc != 0;
    }
    return *acc != 0; /* EC, circBase: free text */
}

static int row_identifier(ctx_t *c)
{
    const char *ent = F(0), *ns = F(1), *acc = F(2), *status = F(3);
    int rc = check_entity(c, 0, ent);
    if (!rc) rc = check_enum(c, 1, ns, "HGNC.symbol|HGNC|NCBIGene|UniProt|ChEBI|PubChem.compound|MeSH|DOID|MONDO|"
                                      "NCBITaxon|Cellosaurus|CL|GO|circBase|miRBase|EC|GEO");
    if (!rc) rc = check_enum(c, 3, status, "verified|uncertain");
    if (rc) return rc;
    if (!accession_ok(ns, acc)) return ERR(3, "'%s' is not a well-formed %s accession", acc, ns);
    char prev[KB_FOLD_MAX];
    int found;
    const char *a2[2] = {ns, acc};
    if ((rc = kb_first(c->db, "SELECT entity || ' at line ' || line FROM identifier WHERE namespace = ? AND accession = ?",
                       2, a2, &found, prev, sizeof prev)))
        return rc;
    if (found) return ERR(3, "duplicate identifier %s %s (already given to %s)", ns, acc, prev);
    char fold[KB_FOLD_MAX];
    kb_fold(acc, fold, sizeof fold);
    const char *a[7] = {ent, ns, acc, status, F(4), fold, c->line};
    return kb_run(c->db, "INSERT INTO identifier(entity, namespace, accession, status, method, fold, line) VALUES(?,?,?,?,?,?,?)", 7, a);
}

/* ---- relations.tsv ---- */
static int row_relation(ctx_t *c)
{
    int rc = check_entity(c, 0, F(0));
    if (!rc) rc = check_enum(c, 1, F(1), "member_of|fusion_partner|mutated_gene|carries|model_of|source_organism|"
                                           "made_from|derivative_of|belongs_to_class");
    if (!rc) rc = check_entity(c, 2, F(2));
    if (!rc) rc = check_enum(c, 3, F(3), "verified|uncertain");
    if (rc) return rc;
    char prev[24];
    int found;
    const char *a3[3] = {F(0), F(1), F(2)};
    if ((rc = kb_first(c->db, "SELECT line FROM relation WHERE subject = ? AND predicate = ? AND object = ?", 3, a3,
                       &found, prev, sizeof prev)))
        return rc;
    if (found) return ERR(0, "duplicate relation %s %s %s (first at line %s)", F(0), F(1), F(2), prev);
    const char *a[6] = {F(0), F(1), F(2), F(3), opt(F(4)), c->line};
    return kb_run(c->db, "INSERT INTO relation(subject, predicate, object, status, note, line) VALUES(?,?,?,?,?,?)", 6, a);
}

/* ---- cell_lines.tsv ---- */
static int row_cell_line(ctx_t *c)
{
    int rc = check_entity(c, 0, F(0));
    if (!rc) rc = check_enum(c, 1, F(1), "T-ALL|B-ALL|normal|other");
    if (!rc) rc = check_enum(c, 3, F(3), "verified|uncertain");
    if (rc) return rc;
    char prev[24];
    int found;
    const char *a1[1] = {F(0)};
    if ((rc = kb_first(c->db, "SELECT line FROM cell_line WHERE entity = ?", 1, a1, &found, prev, sizeof prev))) return rc;
    if (found) return ERR(1, "duplicate cell line %s (first at line %s)", F(0), prev);
    if ((rc = kb_first(c->db, "SELECT 1 FROM entity WHERE id = ? AND type IN ('cell_line', 'cell_type')", 1, a1, &found, NULL, 0)))
        return rc;
    if (!found) return ERR(1, "%s is not a cell_line or cell_type entity", F(0));
    const char *a[6] = {F(0), F(1), opt(F(2)), F(3), opt(F(4)), c->line};
    return kb_run(c->db, "INSERT INTO cell_line(entity, lineage, key_mutations, status, method, line) VALUES(?,?,?,?,?,?)", 6, a);
}

/* ---- references.tsv ---- */
static int row_reference(ctx_t *c)
{
    int rc = check_uint(c, 0, F(0));
    if (rc) return rc;
    if (opt(F(3)) && !all_digits(F(3))) return ERR(4, "PMID '%s' is not a number", F(3));
    if (opt(F(4)) && (strncmp(F(4), "10.", 3) != 0 || strchr(F(4), ' ')))
        return ERR(5, "DOI '%s' must start with '10.' and contain no spaces", F(4));
    int found;
    const char *a1[1] = {F(0)};
    if ((rc = kb_first(c->db, "SELECT 1 FROM reference WHERE ref = CAST(? AS INTEGER)", 1, a1, &found, NULL, 0))) return rc;
    if (found) return ERR(1, "duplicate reference number %s", F(0));
    const char *a[7] = {F(0), opt(F(1)), F(2), opt(F(3)), opt(F(4)), opt(F(5)), c->line};
    return kb_run(c->db, "INSERT INTO reference(ref, first_author, citation, pmid, doi, note, line)"
                         " VALUES(CAST(? AS INTEGER),?,?,?,?,?,?)", 7, a);
}

/* ---- evidence.tsv ---- */
typedef struct { const char *id; const char *role; } ev_u;

static int ev_entity(ctx_t *c, int col, const char *item, int ord, void *u)
{
    ev_u *e = u;
    char ent[KB_FOLD_MAX], ordbuf[16];
    const char *dir = NULL;
    snprintf(ent, sizeof ent, "%s", item);
    if (!strcmp(e->role, "target")) {
        char *colon = strrchr(ent, ':');
        if (!colon || colon == ent || !strchr(ent, ':') || colon == strchr(ent, ':'))
            return ERR(col + 1, "target '%s' must be entity:direction (e.g. gene:GPX4:down)", item);
        *colon = 0;
        dir = colon + 1;
        if (!in_enum(dir, "up|down|required|binds"))
            return ERR(col + 1, "target '%s': direction '%s' is not one of up|down|required|binds", item, dir);
    }
    int rc = check_entity(c, col, ent);
    if (rc) return rc;
    snprintf(ordbuf, sizeof ordbuf, "%d", ord);
    const char *a[5] = {e->id, e->role, ent, dir, ordbuf};
    return kb_run(c->db, "INSERT INTO evidence_entity(evidence, role, entity, direction, ord) VALUES(?,?,?,?,?)", 5, a);
}

static int ev_ref(ctx_t *c, int col, const char *item, int ord, void *u)
{
    int rc = check_uint(c, col, item);
    if (rc) return rc;
    int found;
    const char *a1[1] = {item};
    if ((rc = kb_first(c->db, "SELECT 1 FROM reference WHERE ref = CAST(? AS INTEGER)", 1, a1, &found, NULL, 0))) return rc;
    if (!found) return ERR(col + 1, "reference %s is not in references.tsv", item);
    char ordbuf[16];
    snprintf(ordbuf, sizeof ordbuf, "%d", ord);
    const char *a[3] = {(const char *)u, item, ordbuf};
    return kb_run(c->db, "INSERT INTO evidence_ref(evidence, ref, ord) VALUES(?, CAST(? AS INTEGER), ?)", 3, a);
}

static int row_evidence(ctx_t *c)
{
    const char *id = F(0), *finding = opt(F(1));
    char prev[24];
    int found, rc;
    const char *a1[1] = {id};
    if ((rc = kb_first(c->db, "SELECT line FROM evidence WHERE id = ?", 1, a1, &found, prev, sizeof prev))) return rc;
    if (found) return ERR(1, "duplicate evidence id '%s' (first at line %s)", id, prev);
    if (finding) {
        if (finding[0] != 'F' || !all_digits(finding + 1)) return ERR(2, "finding '%s' must be F<number> or '-'", finding);
        int loaded;
        if ((rc = model_loaded(c, "finding", &loaded))) return rc;
        if (loaded) {
            const char *a[1] = {finding};
            if ((rc = kb_first(c->db, "SELECT 1 FROM model_table WHERE kind = 'finding' AND name = ?", 1, a, &found, NULL, 0)))
                return rc;
            if (!found) return ERR(2, "finding %s is not in the model's findings.tsv", finding);
        }
    }
    if ((rc = check_enum(c, 3, F(3), "induces|suppresses|other"))) return rc;
    if ((rc = check_enum(c, 6, F(6), "in_vitro|in_vivo|in_vitro+in_vivo|clinical|mechanism"))) return rc;
    const char *a[11] = {id, finding, F(3), F(2), opt(F(4)), opt(F(5)), F(6), opt(F(7)), opt(F(8)), F(9), c->line};
    if ((rc = kb_run(c->db, "INSERT INTO evidence(id, finding, effect, subjects, targets, models, context, refs, section,"
                            " statement, line) VALUES(?,?,?,?,?,?,?,?,?,?,?)", 11, a)))
        return rc;
    ev_u s = {id, "subject"}, t = {id, "target"}, m = {id, "model"};
    if ((rc = for_each_item(c, 2, ev_entity, &s))) return rc;
    if ((rc = for_each_item(c, 4, ev_entity, &t))) return rc;
    if ((rc = for_each_item(c, 5, ev_entity, &m))) return rc;
    return for_each_item(c, 7, ev_ref, (void *)id);
}

/* ---- table1.tsv ---- */
static int t1_entity(ctx_t *c, int col, const char *item, int ord, void *u)
{
    int rc = check_entity(c, col, item);
    if (rc) return rc;
    char ordbuf[16];
    snprintf(ordbuf, sizeof ordbuf, "%d", ord);
    const char *a[4] = {F(0), col == 4 ? "agent" : "model", item, ordbuf};
    (void)u;
    return kb_run(c->db, "INSERT INTO table1_entity(row, role, entity, ord) VALUES(CAST(? AS INTEGER),?,?,?)", 4, a);
}

static int row_table1(ctx_t *c)
{
    int rc = check_uint(c, 0, F(0));
    if (rc) return rc;
    int found;
    const char *a1[1] = {F(0)};
    if ((rc = kb_first(c->db, "SELECT 1 FROM table1 WHERE row = CAST(? AS INTEGER)", 1, a1, &found, NULL, 0))) return rc;
    if (found) return ERR(1, "duplicate Table 1 row %s", F(0));
    if (opt(F(6))) {
        const char *a[1] = {F(6)};
        if ((rc = kb_first(c->db, "SELECT 1 FROM evidence WHERE id = ?", 1, a, &found, NULL, 0))) return rc;
        if (!found) return ERR(7, "evidence '%s' is not in evidence.tsv", F(6));
    }
    if (opt(F(7))) {
        if ((rc = check_uint(c, 7, F(7)))) return rc;
        const char *a[1] = {F(7)};
        if ((rc = kb_first(c->db, "SELECT 1 FROM reference WHERE ref = CAST(? AS INTEGER)", 1, a, &found, NULL, 0))) return rc;
        if (!found) return ERR(8, "reference %s is not in references.tsv", F(7));
    }
    const char *a[10] = {F(0), F(1), opt(F(2)), opt(F(3)), opt(F(4)), opt(F(5)), opt(F(6)), opt(F(7)), opt(F(8)), c->line};
    if ((rc = kb_run(c->db, "INSERT INTO table1(row, ingredient, model, mechanism, agents, models, evidence, ref, note, line)"
                            " VALUES(CAST(? AS INTEGER),?,?,?,?,?,?,CAST(? AS INTEGER),?,?)", 10, a)))
        return rc;
    if ((rc = for_each_item(c, 4, t1_entity, NULL))) return rc;
    return for_each_item(c, 5, t1_entity, NULL);
}

/* ---- model_links.tsv ---- */
static const char *model_file_of(const char *kind)
{
    if (!strcmp(kind, "species")) return "model/species.tsv";
    if (!strcmp(kind, "parameter")) return "model/parameters.tsv";
    if (!strcmp(kind, "agent")) return "agents.tsv";
    if (!strcmp(kind, "cell")) return "cells.tsv";
    return "genes.tsv";
}

/* A KB cell line linked to the model's cells.tsv must agree on lineage and Cellosaurus accession. */
static int check_cell_agrees(ctx_t *c, const char *ent, const char *cell)
{
    char kbv[64], mv[64], mline[24];
    int found, rc;
    const char *a1[1] = {cell};
    if ((rc = kb_first(c->db, "SELECT line FROM model_table WHERE kind = 'cell' AND name = ?", 1, a1, &found, mline, sizeof mline)))
        return rc;
    const char *a2[2] = {ent, cell};
    if ((rc = kb_first(c->db, "SELECT k.lineage FROM cell_line k JOIN model_table m ON m.kind = 'cell' AND m.name = ?2"
                              " WHERE k.entity = ?1 AND m.lineage IS NOT NULL AND m.lineage NOT IN ('', 'NA')"
                              " AND m.lineage <> k.lineage", 2, a2, &found, kbv, sizeof kbv)))
        return rc;
    if (found) {
        (void)kb_first(c->db, "SELECT lineage FROM model_table WHERE kind = 'cell' AND name = ?", 1, a1, &found, mv, sizeof mv);
        return ERR(3, "lineage of %s is %s in cell_lines.tsv but %s in cells.tsv line %s", ent, kbv, mv, mline);
    }
    if ((rc = kb_first(c->db, "SELECT i.accession FROM identifier i JOIN model_table m ON m.kind = 'cell' AND m.name = ?2"
                              " WHERE i.entity = ?1 AND i.namespace = 'Cellosaurus' AND m.cellosaurus IS NOT NULL"
                              " AND m.cellosaurus NOT IN ('', 'NA', '-') AND m.cellosaurus <> i.accession",
                       2, a2, &found, kbv, sizeof kbv)))
        return rc;
    if (found) {
        (void)kb_first(c->db, "SELECT cellosaurus FROM model_table WHERE kind = 'cell' AND name = ?", 1, a1, &found, mv, sizeof mv);
        return ERR(3, "Cellosaurus accession of %s is %s in identifiers.tsv but %s in cells.tsv line %s", ent, kbv, mv, mline);
    }
    return 0;
}

static int row_model_link(ctx_t *c)
{
    const char *ent = F(0), *kind = F(1), *target = F(2);
    int rc = check_entity(c, 0, ent);
    if (!rc) rc = check_enum(c, 1, kind, "species|parameter|agent|cell|gene");
    if (rc) return rc;
    int loaded, found;
    if ((rc = model_loaded(c, kind, &loaded))) return rc;
    if (loaded) {
        const char *a[2] = {kind, target};
        if ((rc = kb_first(c->db, "SELECT 1 FROM model_table WHERE kind = ? AND name = ?", 2, a, &found, NULL, 0))) return rc;
        if (!found) return ERR(3, "the model has no %s '%s' (%s/%s)", kind, target, c->data_dir, model_file_of(kind));
        if (!strcmp(kind, "cell") && (rc = check_cell_agrees(c, ent, target))) return rc;
    }
    char prev[24];
    const char *a3[3] = {ent, kind, target};
    if ((rc = kb_first(c->db, "SELECT line FROM model_link WHERE entity = ? AND kind = ? AND target = ?", 3, a3, &found,
                       prev, sizeof prev)))
        return rc;
    if (found) return ERR(0, "duplicate link %s -> %s %s (first at line %s)", ent, kind, target, prev);
    const char *a[6] = {ent, kind, target, opt(F(3)), loaded ? "1" : "0", c->line};
    return kb_run(c->db, "INSERT INTO model_link(entity, kind, target, note, checked, line) VALUES(?,?,?,?,?,?)", 6, a);
}

/* ---- sets.tsv and the member files it names ---- */
static int load_members(ctx_t *c, const char *set_id, const char *rel)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", c->data_dir, rel);
    if (access(path, R_OK) != 0) return ERR(3, "cannot read the member file %s", path);
    ferro_tsv_t *r;
    int rc = ferro_tsv_open(path, FERRO_TSV_SKIP_HASH, &r);
    if (rc) return rc;
    while ((rc = ferro_tsv_next(r)) == 0) {
        if ((rc = ferro_tsv_expect_fields(r, 1))) break;
        const char *sym = ferro_tsv_field(r, 0);
        char line[24], prev[24], ent[KB_FOLD_MAX];
        int found;
        snprintf(line, sizeof line, "%ld", ferro_tsv_lineno(r));
        const char *a2[2] = {set_id, sym};
        if ((rc = kb_first(c->db, "SELECT line FROM set_member WHERE set_id = ? AND symbol = ?", 2, a2, &found, prev, sizeof prev)))
            break;
        if (found) { rc = ferro_tsv_error(r, FERRO_EPARSE, 1, "duplicate member '%s' (first at line %s)", sym, prev); break; }
        const char *a1[1] = {sym};
        if ((rc = kb_first(c->db, "SELECT entity FROM identifier WHERE namespace = 'HGNC.symbol' AND accession = ?"
                                  " ORDER BY line LIMIT 1", 1, a1, &found, ent, sizeof ent)))
            break;
        const char *a[4] = {set_id, sym, found ? ent : NULL, line};
        if ((rc = kb_run(c->db, "INSERT INTO set_member(set_id, symbol, entity, line) VALUES(?,?,?,?)", 4, a))) break;
    }
    ferro_tsv_close(r);
    return rc == FERRO_END ? 0 : rc;
}

static int row_set(ctx_t *c)
{
    char prev[24];
    int found, rc;
    const char *a1[1] = {F(0)};
    if ((rc = kb_first(c->db, "SELECT line FROM entity_set WHERE id = ?", 1, a1, &found, prev, sizeof prev))) return rc;
    if (found) return ERR(1, "duplicate set id '%s' (first at line %s)", F(0), prev);
    if (strstr(F(2), "..") || F(2)[0] == '/') return ERR(3, "set path '%s' must be relative to the data directory", F(2));
    const char *a[6] = {F(0), F(1), F(2), F(3), opt(F(4)), c->line};
    if ((rc = kb_run(c->db, "INSERT INTO entity_set(id, name, path, source, description, line) VALUES(?,?,?,?,?,?)", 6, a)))
        return rc;
    return load_members(c, F(0), F(2));
}

static const source_t sources[] = {
    {"entities.tsv", "id* type* name* description source", row_entity},
    {"synonyms.tsv", "entity* synonym*", row_synonym},
    {"identifiers.tsv", "entity* namespace* accession* status* method*", row_identifier},
    {"relations.tsv", "subject* predicate* object* status* note", row_relation},
    {"cell_lines.tsv", "entity* lineage* key_mutations status* method", row_cell_line},
    {"references.tsv", "ref* first_author citation* pmid doi note", row_reference},
    {"evidence.tsv", "id* finding* subjects* effect* targets models* context* refs* section statement*", row_evidence},
    {"table1.tsv", "row* ingredient* model mechanism agents* models evidence ref note", row_table1},
    {"model_links.tsv", "entity* kind* target* note", row_model_link},
    {"sets.tsv", "id* name* path* source* description", row_set},
};

/* Parse "a* b c*" into names and required flags. Returns the count. */
static int parse_cols(const char *spec, char names[][32], int *req, int max)
{
    int n = 0;
    for (const char *p = spec; *p && n < max;) {
        while (*p == ' ') p++;
        if (!*p) break;
        size_t k = strcspn(p, " ");
        int r = k && p[k - 1] == '*';
        snprintf(names[n], 32, "%.*s", (int)(k - (size_t)r), p);
        req[n++] = r;
        p += k;
    }
    return n;
}

static int load_source(ctx_t *c, const source_t *s, const char *kbdir)
{
    char path[4200];
    snprintf(path, sizeof path, "%s/%s", kbdir, s->file);
    char names[16][32];
    int req[16];
    int ncol = parse_cols(s->cols, names, req, 16);
    int rc = ferro_tsv_open(path, FERRO_TSV_SKIP_HASH, &c->r);
    if (rc) return rc;
    int header = 1;
    while ((rc = ferro_tsv_next(c->r)) == 0) {
        snprintf(c->line, sizeof c->line, "%ld", ferro_tsv_lineno(c->r));
        if (header) {
            int ok = ferro_tsv_nfields(c->r) == ncol;
            for (int j = 0; ok && j < ncol; j++) ok = strcmp(F(j), names[j]) == 0;
            if (!ok) {
                char want[256] = "";
                for (int j = 0; j < ncol; j++) {
                    strncat(want, j ? "\\t" : "", sizeof want - strlen(want) - 1);
                    strncat(want, names[j], sizeof want - strlen(want) - 1);
                }
                rc = ERR(0, "the header must be: %s", want);
                break;
            }
            header = 0;
            continue;
        }
        if ((rc = ferro_tsv_expect_fields(c->r, ncol))) break;
        for (int j = 0; j < ncol && !rc; j++)
            if (req[j] && !*F(j)) rc = ERR(j + 1, "column '%s' is empty", names[j]);
        if (rc || (rc = s->row(c))) break;
    }
    if (rc == FERRO_END && header) rc = ferro_tsv_error(c->r, FERRO_EPARSE, 0, "no header line");
    ferro_tsv_close(c->r);
    c->r = NULL;
    return rc == FERRO_END ? 0 : rc;
}

int kb_sources_load(sqlite3 *db, const char *data_dir)
{
    ctx_t c = {db, NULL, data_dir, ""};
    char kbdir[4096];
    if (snprintf(kbdir, sizeof kbdir, "%s/kb", data_dir) >= (int)sizeof kbdir)
        return ferro_error_set(FERRO_EINVAL, "data directory path too long: %s", data_dir);
    int rc = kb_model_load(db, data_dir);
    for (size_t i = 0; !rc && i < sizeof sources / sizeof sources[0]; i++) rc = load_source(&c, &sources[i], kbdir);
    return rc;
}
