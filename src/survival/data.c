/* data.c — samples x variables TABLE loader for the survival methods: selects the used columns,
 * drops incomplete rows as R's na.omit, checks numbers, duplicate IDs and event coding. */
#include "ferrosim/survival.h"
#include "ferrosim/io.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void ferro_surv_data_free(ferro_surv_data_t *d)
{
    if (!d) return;
    for (int i = 0; i < d->n; i++) free(d->id ? d->id[i] : NULL);
    for (int j = 0; j < d->p; j++) free(d->names ? d->names[j] : NULL);
    for (int j = 0; j < d->nstrata; j++) free(d->strata_levels[j]);
    for (int j = 0; j < d->ngroup; j++) free(d->group_levels[j]);
    free(d->id); free(d->time); free(d->event); free(d->x); free(d->names);
    free(d->strata); free(d->strata_levels); free(d->group); free(d->group_levels); free(d->foldid);
    free(d);
}

static int find_col(const ferro_table_t *t, const char *name, const char *what)
{
    int c = ferro_table_col(t, name);
    if (c < 0)
        return ferro_error_set(FERRO_ENOTFOUND, "%s: no column '%s' (%s) in the header", t->path, name, what);
    if (c == 0)
        return ferro_error_set(FERRO_EINVAL, "%s: column '%s' (%s) is the sample ID column", t->path, name, what);
    return c;
}

/* Sort keys for factor levels: numerically when every level is a number (R's factor() of a
 * numeric column), else by byte order (R's sort in the C locale). */
static int level_cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}
static int level_cmp_num(const void *a, const void *b)
{
    const char *x = *(const char *const *)a, *y = *(const char *const *)b;
    double u = 0, v = 0;
    if (!ferro_parse_double(x, &u) && !ferro_parse_double(y, &v) && u != v) return u < v ? -1 : 1;
    return strcmp(x, y);
}

/* Factor levels of column c over the kept rows; idx[k] gets each kept row's level. */
static int make_factor(const ferro_table_t *t, int c, const int *keep, int nkeep, int **idx, char ***levels, int *nlev)
{
    char **lev = ferro_calloc((size_t)nkeep + 1, sizeof *lev);
    int *ix = ferro_malloc(((size_t)nkeep + 1) * sizeof *ix);
    if (!lev || !ix) { free(lev); free(ix); return FERRO_ENOMEM; }
    int nl = 0;
    for (int k = 0; k < nkeep; k++) {
        const char *s = t->cell[keep[k]][c];
        int found = 0;
        for (int l = 0; l < nl && !found; l++) found = strcmp(lev[l], s) == 0;
        if (!found) lev[nl++] = (char *)s;
    }
    int all_numeric = 1;
    double v;
    for (int l = 0; l < nl; l++) if (ferro_parse_double(lev[l], &v)) all_numeric = 0;
    qsort(lev, (size_t)nl, sizeof *lev, all_numeric ? level_cmp_num : level_cmp_str);
    for (int k = 0; k < nkeep; k++) {
        const char *s = t->cell[keep[k]][c];
        for (int l = 0; l < nl; l++) if (strcmp(lev[l], s) == 0) { ix[k] = l; break; }
    }
    for (int l = 0; l < nl; l++) {
        if (!(lev[l] = ferro_strdup(lev[l]))) {
            for (int m = 0; m < l; m++) free(lev[m]);
            free(lev); free(ix);
            return FERRO_ENOMEM;
        }
    }
    *idx = ix; *levels = lev; *nlev = nl;
    return 0;
}

static int cell_error(const ferro_table_t *t, int row, int col, const char *what)
{
    return ferro_error_set(FERRO_EPARSE, "%s: line %ld, column %d: '%s' is not %s (column '%s')", t->path,
                           t->lineno[row], col + 1, t->cell[row][col], what, t->header[col]);
}

static int check_duplicates(const ferro_table_t *t)
{
    int n = t->nrow;
    int *ord = ferro_malloc(((size_t)n + 1) * sizeof *ord);
    if (!ord) return FERRO_ENOMEM;
    for (int i = 0; i < n; i++) ord[i] = i;
    /* insertion-free check: sort indices by id (simple shell sort on strings) */
    for (int gap = n / 2; gap > 0; gap /= 2)
        for (int i = gap; i < n; i++)
            for (int j = i; j >= gap && strcmp(t->cell[ord[j - gap]][0], t->cell[ord[j]][0]) > 0; j -= gap) {
                int tmp = ord[j]; ord[j] = ord[j - gap]; ord[j - gap] = tmp;
            }
    int rc = 0;
    for (int i = 1; i < n && !rc; i++)
        if (strcmp(t->cell[ord[i]][0], t->cell[ord[i - 1]][0]) == 0) {
            long a = t->lineno[ord[i - 1]], b = t->lineno[ord[i]];
            rc = ferro_error_set(FERRO_EPARSE, "%s: duplicate sample ID '%s' (lines %ld and %ld)", t->path,
                                 t->cell[ord[i]][0], a < b ? a : b, a < b ? b : a);
        }
    free(ord);
    return rc;
}

static int parse_event(const char *s, double *v)
{
    if (!strcmp(s, "TRUE") || !strcmp(s, "T")) { *v = 1; return 0; }
    if (!strcmp(s, "FALSE") || !strcmp(s, "F")) { *v = 0; return 0; }
    return ferro_parse_double(s, v);
}

int ferro_surv_data_read(const char *path, const ferro_surv_spec_t *spec, ferro_surv_data_t **out)
{
    *out = NULL;
    ferro_table_t *t = NULL;
    int rc = ferro_table_read(path, FERRO_TSV_SKIP_HASH, &t);
    if (rc) return rc;
    ferro_surv_data_t *d = ferro_calloc(1, sizeof *d);
    int *cols = ferro_malloc(((size_t)spec->ncov + 1) * sizeof *cols);
    int *keep = ferro_malloc(((size_t)t->nrow + 1) * sizeof *keep);
    if (!d || !cols || !keep) { rc = FERRO_ENOMEM; goto done; }
    if (t->ncol < 2) { rc = ferro_error_set(FERRO_EPARSE, "%s: a TABLE needs sample IDs and at least one variable column", t->path); goto done; }
    if ((rc = check_duplicates(t))) goto done;
    int ct = -1, ce = -1, cs = -1, cg = -1, cf = -1;
    if (spec->time && (ct = rc = find_col(t, spec->time, "time")) < 0) goto done;
    if (spec->event && (ce = rc = find_col(t, spec->event, "event")) < 0) goto done;
    if (spec->strata && (cs = rc = find_col(t, spec->strata, "strata")) < 0) goto done;
    if (spec->group && (cg = rc = find_col(t, spec->group, "group")) < 0) goto done;
    if (spec->foldid && (cf = rc = find_col(t, spec->foldid, "fold ids")) < 0) goto done;
    for (int j = 0; j < spec->ncov; j++) {
        if ((cols[j] = rc = find_col(t, spec->covariates[j], "covariate")) < 0) goto done;
        for (int k = 0; k < j; k++)
            if (cols[k] == cols[j]) { rc = ferro_error_set(FERRO_EINVAL, "covariate '%s' is listed twice", spec->covariates[j]); goto done; }
    }
    rc = 0;
    /* complete cases over the used columns (na.omit) */
    int nkeep = 0;
    for (int i = 0; i < t->nrow; i++) {
        int na = 0;
        int used[5] = {ct, ce, cs, cg, cf};
        for (int u = 0; u < 5; u++) if (used[u] >= 0 && ferro_is_na(t->cell[i][used[u]])) na = 1;
        for (int j = 0; j < spec->ncov; j++) if (ferro_is_na(t->cell[i][cols[j]])) na = 1;
        if (!na) keep[nkeep++] = i;
    }
    d->n = nkeep;
    d->p = spec->ncov;
    d->ndropped = t->nrow - nkeep;
    size_t n1 = (size_t)nkeep + 1;
    d->id = ferro_calloc(n1, sizeof *d->id);
    d->time = ferro_calloc(n1, sizeof *d->time);
    d->event = ferro_calloc(n1, sizeof *d->event);
    d->x = ferro_calloc(n1 * (size_t)(d->p + 1), sizeof *d->x);
    d->names = ferro_calloc((size_t)d->p + 1, sizeof *d->names);
    double *ev = ferro_calloc(n1, sizeof *ev);
    if (!d->id || !d->time || !d->event || !d->x || !d->names || !ev) { free(ev); rc = FERRO_ENOMEM; goto done; }
    for (int j = 0; j < d->p; j++)
        if (!(d->names[j] = ferro_strdup(spec->covariates[j]))) { free(ev); rc = FERRO_ENOMEM; goto done; }
    int has12 = 0, has0 = 0;
    for (int k = 0; k < nkeep; k++) {
        int i = keep[k];
        if (!(d->id[k] = ferro_strdup(t->cell[i][0]))) { free(ev); rc = FERRO_ENOMEM; goto done; }
        if (ct >= 0 && ferro_parse_double(t->cell[i][ct], &d->time[k])) { free(ev); rc = cell_error(t, i, ct, "a number"); goto done; }
        if (ce >= 0) {
            if (parse_event(t->cell[i][ce], &ev[k]) || !(ev[k] == 0 || ev[k] == 1 || ev[k] == 2)) {
                free(ev); rc = cell_error(t, i, ce, "an event code (0/1, 1/2 or TRUE/FALSE)"); goto done;
            }
            if (ev[k] == 2) has12 = 1;
            if (ev[k] == 0) has0 = 1;
        }
        for (int j = 0; j < d->p; j++)
            if (ferro_parse_double(t->cell[i][cols[j]], &d->x[(size_t)k * d->p + j])) {
                free(ev); rc = cell_error(t, i, cols[j], "a number"); goto done;
            }
    }
    if (has12 && has0) {
        free(ev);
        rc = ferro_error_set(FERRO_EPARSE, "%s: column '%s' mixes 0 and 2: use 0/1 (1 = event) or 1/2 (2 = event)", t->path, spec->event);
        goto done;
    }
    for (int k = 0; k < nkeep; k++) d->event[k] = has12 ? (ev[k] == 2) : (ev[k] == 1);
    free(ev);
    if (cf >= 0) {
        if (!(d->foldid = ferro_calloc(n1, sizeof *d->foldid))) { rc = FERRO_ENOMEM; goto done; }
        for (int k = 0; k < nkeep; k++) {
            long v;
            if (ferro_parse_long(t->cell[keep[k]][cf], &v) || v < 1 || v > 1000000) {
                rc = cell_error(t, keep[k], cf, "a fold id (an integer >= 1)"); goto done;
            }
            d->foldid[k] = (int)v;
        }
    }
    if (cs >= 0 && (rc = make_factor(t, cs, keep, nkeep, &d->strata, &d->strata_levels, &d->nstrata))) goto done;
    if (cg >= 0 && (rc = make_factor(t, cg, keep, nkeep, &d->group, &d->group_levels, &d->ngroup))) goto done;
done:
    free(cols);
    free(keep);
    ferro_table_free(t);
    if (rc) { ferro_surv_data_free(d); return rc; }
    *out = d;
    return 0;
}
