/* data.c — samples x variables TABLE loader for the survival methods: selects the used columns,
 * drops incomplete rows as R's na.omit, checks numbers, duplicate IDs and event coding. */
#include "ferrosim/survival.h"
#include "ferrosim/cohort.h"
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
    for (int j = 0; j < d->ncluster; j++) free(d->cluster_levels[j]);
    free(d->cluster); free(d->cluster_levels);
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

/* Where each covariate comes from: a TABLE column (col >= 0) or a matrix row (row >= 0). */
typedef struct { int col, row; } cov_src_t;

int ferro_surv_data_read(const char *path, const ferro_surv_spec_t *spec, ferro_surv_data_t **out)
{
    *out = NULL;
    ferro_table_t *t = NULL;
    ferro_matrix_t *m = NULL;
    int rc = ferro_table_read(path, FERRO_TSV_SKIP_HASH, &t);
    if (rc) return rc;
    ferro_surv_data_t *d = ferro_calloc(1, sizeof *d);
    cov_src_t *src = ferro_malloc(((size_t)spec->ncov + 1) * sizeof *src);
    int *keep = ferro_malloc(((size_t)t->nrow + 1) * sizeof *keep);
    int *mcol = ferro_malloc(((size_t)t->nrow + 1) * sizeof *mcol);
    double *ev = ferro_calloc((size_t)t->nrow + 1, sizeof *ev);
    double *tim = ferro_calloc((size_t)t->nrow + 1, sizeof *tim);
    double *xv = ferro_calloc(((size_t)t->nrow + 1) * (size_t)(spec->ncov + 1), sizeof *xv);
    if (!d || !src || !keep || !mcol || !ev || !tim || !xv) { rc = FERRO_ENOMEM; goto done; }
    if (t->ncol < 2) { rc = ferro_error_set(FERRO_EPARSE, "%s: line 1: a TABLE needs sample IDs and at least one variable column", t->path); goto done; }
    if ((rc = check_duplicates(t))) goto done;
    int ct = -1, ce = -1, cs = -1, cg = -1, cf = -1, cw = -1, cc = -1;
    const char *wval = NULL;
    if (spec->time && (ct = rc = find_col(t, spec->time, "time")) < 0) goto done;
    if (spec->event && (ce = rc = find_col(t, spec->event, "event")) < 0) goto done;
    if (spec->strata && (cs = rc = find_col(t, spec->strata, "strata")) < 0) goto done;
    if (spec->group && (cg = rc = find_col(t, spec->group, "group")) < 0) goto done;
    if (spec->foldid && (cf = rc = find_col(t, spec->foldid, "fold ids")) < 0) goto done;
    if (spec->cluster && (cc = rc = find_col(t, spec->cluster, "cluster")) < 0) goto done;
    if (spec->where) {
        const char *eq = strchr(spec->where, '=');
        if (!eq || eq == spec->where) { rc = ferro_error_set(FERRO_EINVAL, "where: '%s' is not COL=VALUE", spec->where); goto done; }
        char name[256];
        snprintf(name, sizeof name, "%.*s", (int)(eq - spec->where), spec->where);
        if ((cw = rc = find_col(t, name, "row filter")) < 0) goto done;
        wval = eq + 1;
    }
    if (spec->expr) {
        ferro_matrix_t *full = NULL;
        if ((rc = ferro_matrix_read(spec->expr, &full))) goto done;
        m = full;
    }
    for (int j = 0; j < spec->ncov; j++) {
        src[j].col = ferro_table_col(t, spec->covariates[j]);
        src[j].row = -1;
        if (src[j].col == 0) { rc = ferro_error_set(FERRO_EINVAL, "%s: covariate '%s' is the sample ID column", t->path, spec->covariates[j]); goto done; }
        if (src[j].col < 0) {
            if (m) src[j].row = ferro_matrix_row(m, spec->covariates[j]);
            if (src[j].row < 0) {
                rc = m ? ferro_error_set(FERRO_ENOTFOUND, "'%s' is neither a column of %s nor a gene of %s", spec->covariates[j], t->path, spec->expr)
                       : ferro_error_set(FERRO_ENOTFOUND, "%s: no column '%s' (covariate) in the header", t->path, spec->covariates[j]);
                goto done;
            }
        }
        for (int k = 0; k < j; k++)
            if (!strcmp(spec->covariates[k], spec->covariates[j])) { rc = ferro_error_set(FERRO_EINVAL, "covariate '%s' is listed twice", spec->covariates[j]); goto done; }
    }
    rc = 0;
    /* rows passing the filter; numbers checked in every used column; complete cases (na.omit) */
    int nkeep = 0, nused = 0, has12 = 0, has0 = 0;
    for (int i = 0; i < t->nrow; i++) {
        if (cw >= 0 && strcmp(t->cell[i][cw], wval) != 0) continue;
        nused++;
        if (cc >= 0 && ferro_is_na(t->cell[i][cc])) {
            rc = ferro_error_set(FERRO_EPARSE, "%s: line %ld, column %d: missing cluster id in column '%s' (every used row needs one)",
                                 t->path, t->lineno[i], cc + 1, t->header[cc]);
            goto done;
        }
        int na = 0;
        const int cat[3] = {cs, cg, cf};
        for (int u = 0; u < 3; u++) if (cat[u] >= 0 && ferro_is_na(t->cell[i][cat[u]])) na = 1;
        if (ct >= 0) {
            if (ferro_is_na(t->cell[i][ct])) na = 1;
            else if (ferro_parse_double(t->cell[i][ct], &tim[i])) { rc = cell_error(t, i, ct, "a number"); goto done; }
        }
        if (ce >= 0) {
            if (ferro_is_na(t->cell[i][ce])) na = 1;
            else if (parse_event(t->cell[i][ce], &ev[i]) || !(ev[i] == 0 || ev[i] == 1 || ev[i] == 2)) {
                rc = cell_error(t, i, ce, "an event code (0/1, 1/2 or TRUE/FALSE)"); goto done;
            }
        }
        mcol[i] = -1;
        if (m) {
            int need = 0;
            for (int j = 0; j < spec->ncov; j++) need |= src[j].row >= 0;
            if (need && (mcol[i] = ferro_matrix_col(m, t->cell[i][0])) < 0) {
                rc = ferro_error_set(FERRO_ENOTFOUND, "%s: line %ld: sample '%s' is not a column of %s", t->path, t->lineno[i], t->cell[i][0], spec->expr);
                goto done;
            }
        }
        for (int j = 0; j < spec->ncov; j++) {
            double *v = &xv[(size_t)i * spec->ncov + j];
            if (src[j].col >= 0) {
                const char *c = t->cell[i][src[j].col];
                if (ferro_is_na(c)) { na = 1; continue; }
                if (ferro_parse_double(c, v)) { rc = cell_error(t, i, src[j].col, "a number"); goto done; }
            } else {
                *v = m->x[(size_t)src[j].row * m->ncol + mcol[i]];
                if (isnan(*v)) na = 1;
            }
        }
        if (na) continue;
        if (ce >= 0) {
            if (ev[i] == 2 && !has12) has12 = (int)t->lineno[i];
            if (ev[i] == 0 && !has0) has0 = (int)t->lineno[i];
        }
        keep[nkeep++] = i;
    }
    if (has12 && has0) {
        rc = ferro_error_set(FERRO_EPARSE, "%s: lines %d and %d: column '%s' mixes 0 and 2: use 0/1 (1 = event) or 1/2 (2 = event)",
                             t->path, has0 < has12 ? has0 : has12, has0 < has12 ? has12 : has0, spec->event);
        goto done;
    }
    d->n = nkeep;
    d->p = spec->ncov;
    d->ndropped = nused - nkeep;
    size_t n1 = (size_t)nkeep + 1;
    d->id = ferro_calloc(n1, sizeof *d->id);
    d->time = ferro_calloc(n1, sizeof *d->time);
    d->event = ferro_calloc(n1, sizeof *d->event);
    d->x = ferro_calloc(n1 * (size_t)(d->p + 1), sizeof *d->x);
    d->names = ferro_calloc((size_t)d->p + 1, sizeof *d->names);
    if (!d->id || !d->time || !d->event || !d->x || !d->names) { rc = FERRO_ENOMEM; goto done; }
    for (int j = 0; j < d->p; j++)
        if (!(d->names[j] = ferro_strdup(spec->covariates[j]))) { rc = FERRO_ENOMEM; goto done; }
    for (int k = 0; k < nkeep; k++) {
        int i = keep[k];
        if (!(d->id[k] = ferro_strdup(t->cell[i][0]))) { rc = FERRO_ENOMEM; goto done; }
        d->time[k] = tim[i];
        d->event[k] = has12 ? (ev[i] == 2) : (ev[i] == 1);
        memcpy(d->x + (size_t)k * d->p, xv + (size_t)i * d->p, (size_t)d->p * sizeof *d->x);
    }
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
    if (cc >= 0 && (rc = make_factor(t, cc, keep, nkeep, &d->cluster, &d->cluster_levels, &d->ncluster))) goto done;
done:
    free(src); free(keep); free(mcol); free(ev); free(tim); free(xv);
    ferro_matrix_free(m);
    ferro_table_free(t);
    if (rc) { ferro_surv_data_free(d); return rc; }
    *out = d;
    return 0;
}

static int cmp_dbl(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

int ferro_surv_data_split_median(ferro_surv_data_t *d, int j)
{
    if (j < 0 || j >= d->p || d->n < 1) return ferro_error_set(FERRO_EINVAL, "split: no covariate %d or no samples", j);
    double *v = ferro_malloc((size_t)d->n * sizeof *v);
    int *g = ferro_malloc((size_t)d->n * sizeof *g);
    char **lev = ferro_calloc(2, sizeof *lev);
    if (v) for (int i = 0; i < d->n; i++) v[i] = d->x[(size_t)i * d->p + j];
    if (lev) { lev[0] = ferro_strdup("high"); lev[1] = ferro_strdup("low"); }
    if (!v || !g || !lev || !lev[0] || !lev[1]) {
        free(v); free(g);
        if (lev) { free(lev[0]); free(lev[1]); }
        free(lev);
        return FERRO_ENOMEM;
    }
    qsort(v, (size_t)d->n, sizeof *v, cmp_dbl);
    double med = d->n % 2 ? v[d->n / 2] : (v[d->n / 2 - 1] + v[d->n / 2]) / 2;
    for (int i = 0; i < d->n; i++) g[i] = d->x[(size_t)i * d->p + j] > med ? 0 : 1;
    free(v);
    for (int l = 0; l < d->ngroup; l++) free(d->group_levels[l]);
    free(d->group_levels); free(d->group);
    d->group = g; d->group_levels = lev; d->ngroup = 2;
    return 0;
}
