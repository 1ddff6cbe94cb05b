/* load.c — read data/findings.tsv into parsed findings (format in include/ferrosim/findings.h). */
#include "findings_internal.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ferrosim/io.h"

static void finding_free(fnd_finding_t *x)
{
    free(x->id);
    free(x->claim);
    free(x->ref);
    for (int i = 0; i < x->ncell; i++) free(x->cell[i]);
    free(x->cell);
    for (int i = 0; i < x->ncheck; i++) fnd_check_free(&x->check[i]);
    free(x->check);
}

void ferro_findings_free(ferro_findings_t *f)
{
    if (!f) return;
    for (int i = 0; i < f->n; i++) finding_free(&f->f[i]);
    free(f->f);
    free(f);
}

/* Split s at sep into trimmed, non-empty pieces. */
static int split(const char *s, char sep, char ***out, int *n)
{
    *out = NULL;
    *n = 0;
    const char *p = s;
    while (1) {
        const char *e = strchr(p, sep);
        if (!e) e = p + strlen(p);
        const char *a = p, *b = e;
        while (a < b && (*a == ' ' || *a == '\t')) a++;
        while (b > a && (b[-1] == ' ' || b[-1] == '\t')) b--;
        if (b > a) {
            char **v = realloc(*out, (size_t)(*n + 1) * sizeof *v);
            if (!v) return ferro_error_set(FERRO_ENOMEM, "out of memory");
            *out = v;
            if (!(v[*n] = ferro_malloc((size_t)(b - a) + 1))) return FERRO_ENOMEM;
            memcpy(v[*n], a, (size_t)(b - a));
            v[*n][b - a] = '\0';
            (*n)++;
        }
        if (!*e) break;
        p = e + 1;
    }
    return 0;
}

static void free_strings(char **v, int n)
{
    for (int i = 0; i < n; i++) free(v[i]);
    free(v);
}

static int parse_row(const ferro_table_t *t, int r, const int *col, fnd_finding_t *x)
{
    const char *const *c = (const char *const *)t->cell[r];
    long line = t->lineno[r];
    if (!(x->id = ferro_strdup(c[col[0]])) || !(x->claim = ferro_strdup(c[col[1]])) ||
        !(x->ref = ferro_strdup(c[col[6]])))
        return FERRO_ENOMEM;
    int rc = split(c[col[2]], ',', &x->cell, &x->ncell);
    if (rc) return rc;
    if (x->ncell == 0)
        return ferro_error_set(FERRO_EPARSE, "%s: line %ld, column %d: no cell line", t->path, line, col[2] + 1);
    if (ferro_parse_double(c[col[3]], &x->time_h) || !(x->time_h > 0))
        return ferro_error_set(FERRO_EPARSE, "%s: line %ld, column %d: time_h '%s' is not a positive number",
                               t->path, line, col[3] + 1, c[col[3]]);
    long nc;
    if (ferro_parse_long(c[col[4]], &nc) || nc < 1 || nc > 100000)
        return ferro_error_set(FERRO_EPARSE, "%s: line %ld, column %d: ncells '%s' is not a count in 1..100000",
                               t->path, line, col[4] + 1, c[col[4]]);
    x->ncells = (int)nc;
    char **checks;
    int n;
    if ((rc = split(c[col[5]], ';', &checks, &n))) return rc;
    if (n == 0) {
        free(checks);
        return ferro_error_set(FERRO_EPARSE, "%s: line %ld, column %d: no checks", t->path, line, col[5] + 1);
    }
    if (!(x->check = ferro_calloc((size_t)n, sizeof *x->check))) {
        free_strings(checks, n);
        return FERRO_ENOMEM;
    }
    for (int k = 0; k < n && !rc; k++) {
        int errcol;
        x->ncheck = k + 1;
        if ((rc = fnd_parse_check(checks[k], &x->check[k], &errcol)) && errcol > 0)
            rc = ferro_error_prefix(rc, "%s: line %ld, column %d: %s, check %d ('%.80s'), character %d",
                                    t->path, line, col[5] + 1, x->id, k + 1, checks[k], errcol);
    }
    free_strings(checks, n);
    return rc;
}

int ferro_findings_load(const char *path, ferro_findings_t **out)
{
    *out = NULL;
    char buf[4096];
    if (!path) path = ferro_data_path("findings.tsv", buf, sizeof buf);
    ferro_table_t *t;
    int rc = ferro_table_read(path, FERRO_TSV_SKIP_HASH, &t);
    if (rc) return rc;
    static const char *const names[] = {"id", "claim", "cells", "time_h", "ncells", "checks", "review_ref"};
    int col[7];
    for (int i = 0; i < 7; i++)
        if ((col[i] = ferro_table_col(t, names[i])) < 0) {
            rc = ferro_error_set(FERRO_EPARSE, "%s: line 1: missing column '%s'", t->path, names[i]);
            ferro_table_free(t);
            return rc;
        }
    ferro_findings_t *f = ferro_calloc(1, sizeof *f);
    if (!f || (t->nrow && !(f->f = ferro_calloc((size_t)t->nrow, sizeof *f->f)))) {
        free(f);
        ferro_table_free(t);
        return FERRO_ENOMEM;
    }
    f->threads = 1;
    for (int r = 0; r < t->nrow && !rc; r++) {
        f->n = r + 1;
        rc = parse_row(t, r, col, &f->f[r]);
        for (int q = 0; q < r && !rc; q++)
            if (!strcasecmp(f->f[q].id, f->f[r].id))
                rc = ferro_error_set(FERRO_EPARSE, "%s: line %ld, column %d: duplicate finding id '%s'", t->path,
                                     t->lineno[r], col[0] + 1, f->f[r].id);
    }
    ferro_table_free(t);
    if (rc) {
        ferro_findings_free(f);
        return rc;
    }
    *out = f;
    return 0;
}

int ferro_findings_count(const ferro_findings_t *f) { return f ? f->n : 0; }

int ferro_findings_find(const ferro_findings_t *f, const char *id, int *idx)
{
    for (int i = 0; i < f->n; i++)
        if (!strcasecmp(f->f[i].id, id)) {
            *idx = i;
            return 0;
        }
    return ferro_error_set(FERRO_ENOTFOUND, "no finding '%s' (ids are %s .. %s)", id, f->n ? f->f[0].id : "-",
                           f->n ? f->f[f->n - 1].id : "-");
}

#define IN(f, i) ((f) && (i) >= 0 && (i) < (f)->n)
const char *ferro_findings_id(const ferro_findings_t *f, int i) { return IN(f, i) ? f->f[i].id : NULL; }
const char *ferro_findings_claim(const ferro_findings_t *f, int i) { return IN(f, i) ? f->f[i].claim : NULL; }
const char *ferro_findings_review_ref(const ferro_findings_t *f, int i) { return IN(f, i) ? f->f[i].ref : NULL; }
int ferro_findings_n_cells(const ferro_findings_t *f, int i) { return IN(f, i) ? f->f[i].ncell : 0; }
double ferro_findings_time(const ferro_findings_t *f, int i) { return IN(f, i) ? f->f[i].time_h : 0; }
int ferro_findings_n_checks(const ferro_findings_t *f, int i) { return IN(f, i) ? f->f[i].ncheck : 0; }
const char *ferro_findings_cell(const ferro_findings_t *f, int i, int k)
{
    return IN(f, i) && k >= 0 && k < f->f[i].ncell ? f->f[i].cell[k] : NULL;
}
const char *ferro_findings_check_text(const ferro_findings_t *f, int i, int c)
{
    return IN(f, i) && c >= 0 && c < f->f[i].ncheck ? f->f[i].check[c].text : NULL;
}
void ferro_finding_result_clear(ferro_finding_result_t *res)
{
    if (!res) return;
    free(res->evals);
    memset(res, 0, sizeof *res);
}

void ferro_findings_set_threads(ferro_findings_t *f, int threads)
{
    if (f) f->threads = threads > 0 ? threads : 1;
}
