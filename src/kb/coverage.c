/* coverage.c — which of the review's findings the model reproduces now: every finding of
 * data/findings.tsv is checked by simulation (include/ferrosim/findings.h) and joined with its
 * KB evidence records; evidence records that no finding tests are listed as not expressible yet. */
#include "internal.h"
#include "ferrosim/findings.h"
#include "ferrosim/population.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
    char **cell;
    int ncol, nrow, cap;
} rows_t;

static int rows_add(rows_t *r, const char *const *v)
{
    if (r->nrow >= r->cap) {
        int nc = r->cap ? r->cap * 2 : 32;
        char **p = ferro_realloc(r->cell, (size_t)nc * (size_t)r->ncol * sizeof *p);
        if (!p) return FERRO_ENOMEM;
        r->cell = p;
        r->cap = nc;
    }
    char **row = r->cell + (long)r->nrow * r->ncol;
    for (int j = 0; j < r->ncol; j++) row[j] = NULL;
    r->nrow++;
    for (int j = 0; j < r->ncol; j++)
        if (v[j] && !(row[j] = ferro_strdup(v[j]))) return FERRO_ENOMEM;
    return 0;
}

/* Append text to a growing string (*s, *n bytes allocated). */
static int cat(char **s, size_t *n, const char *text)
{
    size_t have = *s ? strlen(*s) : 0, add = strlen(text);
    if (have + add + 1 > *n) {
        size_t nn = (have + add + 1) * 2;
        char *p = ferro_realloc(*s, nn);
        if (!p) return FERRO_ENOMEM;
        if (!*s) p[0] = 0;
        *s = p;
        *n = nn;
    }
    memcpy(*s + have, text, add + 1);
    return 0;
}

/* "E15,E16,E17": the evidence records that name finding id, in source order ("-" if none). */
static int evidence_of(ferro_kb_t *kb, const char *id, char *buf, size_t n)
{
    int found;
    const char *a[1] = {id};
    int rc = kb_first(kb->db, "SELECT group_concat(id, ',') FROM (SELECT id FROM evidence WHERE finding = ? ORDER BY line)",
                      1, a, &found, buf, n);
    if (!rc && !buf[0]) snprintf(buf, n, "-");
    return rc;
}

/* Check finding i and add its row: finding, status, evidence, claim, checks_passed, detail. */
static int check_one(ferro_kb_t *kb, const ferro_world_t *w, const ferro_findings_t *f, int i, rows_t *rows)
{
    char ev[1024], passed[32] = "-", line[512];
    const char *id = ferro_findings_id(f, i);
    int rc = evidence_of(kb, id, ev, sizeof ev);
    if (rc) return rc;
    ferro_finding_result_t res;
    memset(&res, 0, sizeof res);
    char *detail = NULL;
    size_t dn = 0;
    const char *status;
    int crc = ferro_findings_check(w, f, i, &res);
    if (crc == FERRO_ENOTFOUND || crc == FERRO_EUNSUPPORTED) {
        status = "cannot_express";
        rc = cat(&detail, &dn, ferro_error_message());
    } else if (crc) {
        status = "not_reproduced";
        snprintf(line, sizeof line, "simulation failed: %s", ferro_error_message());
        rc = cat(&detail, &dn, line);
    } else {
        int np = 0;
        for (int k = 0; k < res.nevals; k++) np += res.evals[k].pass;
        snprintf(passed, sizeof passed, "%d/%d", np, res.nevals);
        status = res.pass ? "reproduced" : "not_reproduced";
        /* the numbers: every evaluation, failing ones marked */
        for (int k = 0; k < res.nevals && !rc; k++) {
            const ferro_finding_eval_t *e = &res.evals[k];
            if (e->pass)
                snprintf(line, sizeof line, "%s%s: %s -> %.4g", k ? "; " : "", e->cell, e->text, e->value);
            else
                snprintf(line, sizeof line, "%sFAIL %s: %s -> %.4g (needs %s %.4g)", k ? "; " : "", e->cell, e->text,
                         e->value, e->op, e->threshold);
            rc = cat(&detail, &dn, line);
        }
    }
    ferro_finding_result_clear(&res);
    if (!rc) {
        const char *v[6] = {id, status, ev, ferro_findings_claim(f, i), passed, detail ? detail : ""};
        rc = rows_add(rows, v);
    }
    free(detail);
    return rc;
}

int ferro_kb_coverage(ferro_kb_t *kb, const char *data_dir, const char *findings_path, int threads,
                      ferro_kb_table_t **out)
{
    *out = NULL;
    static const char *const header[] = {"finding", "status", "evidence", "claim", "checks_passed", "detail"};
    rows_t rows = {NULL, 6, 0, 0};
    ferro_findings_t *f = NULL;
    ferro_world_t *w = NULL;
    char path[4200];
    if (!findings_path) {
        snprintf(path, sizeof path, "%s/findings.tsv", data_dir ? data_dir : ferro_data_dir());
        findings_path = path;
    }
    int rc = ferro_findings_load(findings_path, &f);
    if (!rc) rc = ferro_world_load(data_dir, NULL, &w);
    if (!rc) ferro_findings_set_threads(f, threads > 0 ? threads : 1);
    int n = rc ? 0 : ferro_findings_count(f);
    ferro_progress_t *pg = rc ? NULL : ferro_progress_start("findings", n);
    for (int i = 0; i < n && !rc; i++) {
        rc = check_one(kb, w, f, i, &rows);
        ferro_progress_tick(pg, 1);
    }
    ferro_progress_finish(pg);
    /* evidence records that no finding of this table tests */
    ferro_kb_table_t *t = NULL;
    if (!rc)
        rc = kb_query(kb->db, "SELECT id, finding, statement, context FROM evidence ORDER BY line", 0, NULL, &t);
    for (int i = 0; !rc && i < t->nrow; i++) {
        const char *fid = ferro_kb_table_get(t, i, 1);
        int idx;
        if (fid && ferro_findings_find(f, fid, &idx) == 0) continue;
        ferro_error_clear();
        const char *ctx = ferro_kb_table_get(t, i, 3);
        const char *why = !strcmp(ctx, "clinical") ? "no check in the findings table: a clinical or prognostic claim, "
                                                     "not a cell-level readout of the model"
                                                   : "no check in the findings table";
        const char *v[6] = {"-", "cannot_express", ferro_kb_table_get(t, i, 0), ferro_kb_table_get(t, i, 2), "-", why};
        rc = rows_add(&rows, v);
    }
    ferro_kb_table_free(t);
    ferro_world_free(w);
    ferro_findings_free(f);
    ferro_kb_table_t *res = rc ? NULL : ferro_calloc(1, sizeof *res);
    if (res) {
        res->ncol = 6;
        res->nrow = rows.nrow;
        res->cell = rows.cell;
        rows.cell = NULL;
        if (!(res->header = ferro_calloc(6, sizeof *res->header))) rc = FERRO_ENOMEM;
        for (int j = 0; !rc && j < 6; j++)
            if (!(res->header[j] = ferro_strdup(header[j]))) rc = FERRO_ENOMEM;
        if (rc) { ferro_kb_table_free(res); res = NULL; }
    } else if (!rc) {
        rc = FERRO_ENOMEM;
    }
    if (rows.cell) {
        for (long k = 0; k < (long)rows.nrow * rows.ncol; k++) free(rows.cell[k]);
        free(rows.cell);
    }
    *out = res;
    return rc;
}
