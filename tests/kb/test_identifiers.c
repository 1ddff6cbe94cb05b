/* test_identifiers.c — every checkable identifier in data/kb/identifiers.tsv against references
 * exported from Debian-packaged sources by tests/data/kb/make_refs.R:
 *   genes: HGNC symbol -> NCBI Gene ID -> UniProt accession, org.Hs.eg.db 3.16 (orghs_genes.tsv)
 *   species: NCBI Taxonomy ID -> name, GenomeInfoDbData 1.2.9 specData (taxonomy.tsv)
 *   processes: GO ID -> term, GO.db 3.16 (go_terms.tsv)
 * Only these namespaces may be marked 'verified'; everything typed by hand must be 'uncertain'. */
#include <stdlib.h>
#include <string.h>

#include "ferrosim/io.h"
#include "test_util.h"

static ferro_table_t *load(const char *path)
{
    ferro_table_t *t = NULL;
    if (ferro_table_read(path, FERRO_TSV_SKIP_HASH, &t)) {
        fprintf(stderr, "%s\n", ferro_error_message());
        exit(1);
    }
    return t;
}

static const char *cell(const ferro_table_t *t, int i, const char *col)
{
    int j = ferro_table_col(t, col);
    return j >= 0 ? t->cell[i][j] : NULL;
}

/* The HGNC.symbol of entity (NULL if none). */
static const char *symbol_of(const ferro_table_t *ids, const char *entity)
{
    for (int i = 0; i < ids->nrow; i++)
        if (!strcmp(cell(ids, i, "entity"), entity) && !strcmp(cell(ids, i, "namespace"), "HGNC.symbol"))
            return cell(ids, i, "accession");
    return NULL;
}

static int ref_has(const ferro_table_t *ref, const char *sym, const char *entrez, const char *uniprot)
{
    for (int i = 0; i < ref->nrow; i++)
        if (!strcmp(cell(ref, i, "symbol"), sym) && (!entrez || !strcmp(cell(ref, i, "entrez"), entrez)) &&
            (!uniprot || !strcmp(cell(ref, i, "uniprot"), uniprot)))
            return 1;
    return 0;
}

/* 1 if name is the entity's name or one of its synonyms. */
static int names_entity(const ferro_table_t *ent, const ferro_table_t *syn, const char *entity, const char *name)
{
    for (int i = 0; i < ent->nrow; i++)
        if (!strcmp(cell(ent, i, "id"), entity) && !strcmp(cell(ent, i, "name"), name)) return 1;
    for (int i = 0; i < syn->nrow; i++)
        if (!strcmp(cell(syn, i, "entity"), entity) && !strcmp(cell(syn, i, "synonym"), name)) return 1;
    return 0;
}

int main(void)
{
    ferro_table_t *ids = load(FERRO_SOURCE_DIR "/data/kb/identifiers.tsv");
    ferro_table_t *ent = load(FERRO_SOURCE_DIR "/data/kb/entities.tsv");
    ferro_table_t *syn = load(FERRO_SOURCE_DIR "/data/kb/synonyms.tsv");
    ferro_table_t *genes = load(FERRO_TEST_DATA "/kb/orghs_genes.tsv");
    ferro_table_t *tax = load(FERRO_TEST_DATA "/kb/taxonomy.tsv");
    ferro_table_t *go = load(FERRO_TEST_DATA "/kb/go_terms.tsv");
    int nsym = 0, nentrez = 0, nuni = 0, ntax = 0, ngo = 0, nverified = 0, nuncertain = 0;
    char what[512];
    for (int i = 0; i < ids->nrow; i++) {
        const char *e = cell(ids, i, "entity"), *ns = cell(ids, i, "namespace"), *acc = cell(ids, i, "accession");
        const char *status = cell(ids, i, "status");
        int checkable = !strcmp(ns, "HGNC.symbol") || !strcmp(ns, "NCBIGene") || !strcmp(ns, "UniProt") ||
                        !strcmp(ns, "NCBITaxon") || !strcmp(ns, "GO");
        nverified += !strcmp(status, "verified");
        nuncertain += !strcmp(status, "uncertain");
        snprintf(what, sizeof what, "line %ld: %s %s %s is checkable, so marked verified", ids->lineno[i], e, ns, acc);
        if (checkable) expect_true(!strcmp(status, "verified"), what);
        snprintf(what, sizeof what, "line %ld: %s %s %s cannot be checked, so must be marked uncertain", ids->lineno[i], e,
                 ns, acc);
        if (!checkable) expect_true(!strcmp(status, "uncertain"), what);
        if (!strcmp(ns, "NCBITaxon")) {
            int ok = 0;
            for (int k = 0; k < tax->nrow; k++)
                if (!strcmp(cell(tax, k, "tax_id"), acc) && names_entity(ent, syn, e, cell(tax, k, "name"))) ok = 1;
            snprintf(what, sizeof what, "line %ld: NCBI Taxonomy %s is named like %s in GenomeInfoDbData", ids->lineno[i], acc, e);
            expect_true(ok, what);
            ntax++;
            continue;
        }
        if (!strcmp(ns, "GO")) {
            int ok = 0;
            for (int k = 0; k < go->nrow; k++)
                if (!strcmp(cell(go, k, "go_id"), acc) && names_entity(ent, syn, e, cell(go, k, "term"))) ok = 1;
            snprintf(what, sizeof what, "line %ld: GO.db names %s like %s (its name or a synonym)", ids->lineno[i], acc, e);
            expect_true(ok, what);
            ngo++;
            continue;
        }
        if (strcmp(ns, "HGNC.symbol") && strcmp(ns, "NCBIGene") && strcmp(ns, "UniProt")) continue;
        const char *sym = symbol_of(ids, e);
        snprintf(what, sizeof what, "line %ld: %s has an HGNC.symbol row to check %s %s against", ids->lineno[i], e, ns, acc);
        expect_true(sym != NULL, what);
        if (!sym) continue;
        const char *entrez = NULL;
        for (int k = 0; k < ids->nrow; k++)
            if (!strcmp(cell(ids, k, "entity"), e) && !strcmp(cell(ids, k, "namespace"), "NCBIGene")) entrez = cell(ids, k, "accession");
        if (!strcmp(ns, "HGNC.symbol")) {
            snprintf(what, sizeof what, "line %ld: symbol %s is in org.Hs.eg.db (rerun tests/data/kb/make_refs.R after adding genes)",
                     ids->lineno[i], acc);
            expect_true(ref_has(genes, acc, NULL, NULL), what);
            nsym++;
        } else if (!strcmp(ns, "NCBIGene")) {
            snprintf(what, sizeof what, "line %ld: org.Hs.eg.db maps %s to Entrez %s", ids->lineno[i], sym, acc);
            expect_true(ref_has(genes, sym, acc, NULL), what);
            nentrez++;
        } else {
            snprintf(what, sizeof what, "line %ld: org.Hs.eg.db maps %s (Entrez %s) to UniProt %s", ids->lineno[i], sym,
                     entrez ? entrez : "?", acc);
            expect_true(entrez && ref_has(genes, sym, entrez, acc), what);
            nuni++;
        }
    }
    /* every gene entity carries all three checkable identifiers */
    for (int i = 0; i < ent->nrow; i++) {
        if (strcmp(cell(ent, i, "type"), "gene")) continue;
        const char *e = cell(ent, i, "id");
        int have[3] = {0, 0, 0};
        for (int k = 0; k < ids->nrow; k++) {
            if (strcmp(cell(ids, k, "entity"), e)) continue;
            const char *ns = cell(ids, k, "namespace");
            have[0] |= !strcmp(ns, "HGNC.symbol");
            have[1] |= !strcmp(ns, "NCBIGene");
            have[2] |= !strcmp(ns, "UniProt");
        }
        snprintf(what, sizeof what, "gene entity %s has HGNC symbol, NCBI Gene and UniProt", e);
        expect_true(have[0] && have[1] && have[2], what);
    }
    printf("checked: %d HGNC symbols, %d NCBI Gene IDs, %d UniProt accessions, %d NCBI Taxonomy IDs, %d GO IDs; "
           "%d identifiers verified, %d uncertain\n", nsym, nentrez, nuni, ntax, ngo, nverified, nuncertain);
    expect_true(nsym >= 81 && nentrez >= 81 && nuni >= 80 && ntax == 5 && ngo == 9,
                "the expected numbers of identifiers were checked");
    ferro_table_free(ids);
    ferro_table_free(ent);
    ferro_table_free(syn);
    ferro_table_free(genes);
    ferro_table_free(tax);
    ferro_table_free(go);
    return test_summary("kb/identifiers");
}
