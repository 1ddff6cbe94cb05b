/* collapse.c — probe -> gene table and collapsing a probe matrix to genes (max mean, mean,
 * max variance), with R's na.rm = TRUE statistics per probe. */
#include "ferrosim/cohort.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cohort/strindex.h"

void ferro_probemap_free(ferro_probemap_t *p)
{
    if (!p) return;
    for (int i = 0; i < p->n; i++) { free(p->probe[i]); free(p->gene[i]); }
    free(p->probe);
    free(p->gene);
    free(p);
}

int ferro_probemap_read(const char *path, ferro_probemap_t **out)
{
    *out = NULL;
    ferro_table_t *t;
    int rc = ferro_table_read(path, FERRO_TSV_SKIP_HASH, &t);
    if (rc) return rc;
    if (t->ncol < 2) {
        rc = ferro_error_set(FERRO_EPARSE, "%s: line 1: a probe map needs two columns (probe, gene), found %d", t->path, t->ncol);
        ferro_table_free(t);
        return rc;
    }
    ferro_probemap_t *p = ferro_calloc(1, sizeof *p);
    if (p) { p->probe = ferro_calloc((size_t)t->nrow + 1, sizeof(char *)); p->gene = ferro_calloc((size_t)t->nrow + 1, sizeof(char *)); }
    if (!p || !p->probe || !p->gene) { ferro_probemap_free(p); ferro_table_free(t); return FERRO_ENOMEM; }
    for (int i = 0; i < t->nrow; i++) {
        const char *g = t->cell[i][1];
        if (ferro_is_na(g)) continue;
        p->probe[p->n] = ferro_strdup(t->cell[i][0]);
        p->gene[p->n] = ferro_strdup(g);
        if (!p->probe[p->n] || !p->gene[p->n]) { p->n++; ferro_probemap_free(p); ferro_table_free(t); return FERRO_ENOMEM; }
        p->n++;
    }
    ferro_strindex_t *ix;
    if ((rc = ferro_strindex_build(p->probe, p->n, &ix))) { ferro_probemap_free(p); ferro_table_free(t); return rc; }
    int d = ferro_strindex_first_dup(ix);
    if (d >= 0) { /* the lines of both: map entries are the table rows with a gene, in order */
        int first = ferro_strindex_find(ix, p->probe[d]);
        long line[2] = {0, 0};
        for (int i = 0, k = 0; i < t->nrow && k <= d; i++)
            if (!ferro_is_na(t->cell[i][1])) {
                if (k == first) line[0] = t->lineno[i];
                if (k == d) line[1] = t->lineno[i];
                k++;
            }
        rc = ferro_error_set(FERRO_EPARSE, "%s: lines %ld and %ld: probe '%s' is listed twice", t->path, line[0], line[1],
                             p->probe[d]);
    }
    ferro_strindex_free(ix);
    ferro_table_free(t);
    if (rc) { ferro_probemap_free(p); return rc; }
    *out = p;
    return 0;
}

int ferro_collapse_parse(const char *name, int *rule)
{
    if (!strcmp(name, "maxmean")) *rule = FERRO_COLLAPSE_MAXMEAN;
    else if (!strcmp(name, "mean")) *rule = FERRO_COLLAPSE_MEAN;
    else if (!strcmp(name, "maxvar")) *rule = FERRO_COLLAPSE_MAXVAR;
    else return ferro_error_set(FERRO_EINVAL, "unknown collapse rule '%s' (maxmean, mean or maxvar)", name);
    return 0;
}

/* mean(x, na.rm = TRUE) or var(x, na.rm = TRUE) of one row (R: NaN / NA when too few values). */
static double row_stat(const double *x, int n, int var)
{
    double s = 0;
    int k = 0;
    for (int j = 0; j < n; j++)
        if (!isnan(x[j])) { s += x[j]; k++; }
    if (k == 0) return NAN;
    double mean = s / k;
    if (!var) return mean;
    if (k < 2) return NAN;
    double ss = 0;
    for (int j = 0; j < n; j++)
        if (!isnan(x[j])) ss += (x[j] - mean) * (x[j] - mean);
    return ss / (k - 1);
}

int ferro_matrix_collapse(const ferro_matrix_t *m, const ferro_probemap_t *map, int rule, ferro_matrix_t **out)
{
    *out = NULL;
    int rc, ngene = 0;
    ferro_strindex_t *pix = NULL, *gix = NULL;
    int *gene_of_row = ferro_malloc(((size_t)m->nrow + 1) * sizeof(int));
    int *pick = ferro_malloc(((size_t)m->nrow + 1) * sizeof(int)); /* per gene: chosen / first row */
    double *best = ferro_malloc(((size_t)m->nrow + 1) * sizeof(double));
    char **gname = ferro_calloc((size_t)m->nrow + 1, sizeof(char *)); /* borrowed from map */
    ferro_matrix_t *g = NULL;
    if (!gene_of_row || !pick || !best || !gname) { rc = FERRO_ENOMEM; goto done; }
    if ((rc = ferro_strindex_build(map->probe, map->n, &pix))) goto done;
    if ((rc = ferro_strindex_build(map->gene, map->n, &gix))) goto done;
    /* gene id = index (into map) of the gene's first map entry; numbered in matrix order */
    int *num = ferro_malloc(((size_t)map->n + 1) * sizeof(int));
    if (!num) { rc = FERRO_ENOMEM; goto done; }
    for (int k = 0; k < map->n; k++) num[k] = -1;
    for (int i = 0; i < m->nrow; i++) {
        int k = ferro_strindex_find(pix, m->row_id[i]);
        gene_of_row[i] = -1;
        if (k < 0) continue;
        int first = ferro_strindex_find(gix, map->gene[k]);
        if (num[first] < 0) { num[first] = ngene; gname[ngene] = map->gene[k]; pick[ngene] = -1; ngene++; }
        int gi = num[first];
        gene_of_row[i] = gi;
        if (rule == FERRO_COLLAPSE_MEAN) { if (pick[gi] < 0) pick[gi] = i; continue; }
        double s = row_stat(m->x + (size_t)i * m->ncol, m->ncol, rule == FERRO_COLLAPSE_MAXVAR);
        if (pick[gi] < 0 || (!isnan(s) && (isnan(best[gi]) || s > best[gi]))) { pick[gi] = i; best[gi] = s; }
    }
    free(num);
    if (ngene == 0) { rc = ferro_error_set(FERRO_EINVAL, "no matrix row ID is a probe of the probe map"); goto done; }
    /* order genes by their chosen (or first) row, as in the matrix */
    int *order = ferro_malloc((size_t)ngene * sizeof(int)), *slot = ferro_malloc((size_t)m->nrow * sizeof(int));
    if (!order || !slot) { free(order); free(slot); rc = FERRO_ENOMEM; goto done; }
    for (int i = 0; i < m->nrow; i++) slot[i] = -1;
    for (int gi = 0; gi < ngene; gi++) slot[pick[gi]] = gi;
    int k = 0;
    for (int i = 0; i < m->nrow; i++)
        if (slot[i] >= 0) order[k++] = slot[i];
    free(slot);
    if ((rc = ferro_matrix_new(ngene, m->ncol, &g))) { free(order); goto done; }
    for (int j = 0; j < m->ncol; j++)
        if (!(g->col_id[j] = ferro_strdup(m->col_id[j]))) { free(order); rc = FERRO_ENOMEM; goto done; }
    int *pos = ferro_malloc((size_t)ngene * sizeof(int));
    if (!pos) { free(order); rc = FERRO_ENOMEM; goto done; }
    for (int r = 0; r < ngene; r++) pos[order[r]] = r;
    free(order);
    for (int gi = 0; gi < ngene; gi++)
        if (!(g->row_id[pos[gi]] = ferro_strdup(gname[gi]))) { free(pos); rc = FERRO_ENOMEM; goto done; }
    if (rule != FERRO_COLLAPSE_MEAN) {
        for (int gi = 0; gi < ngene; gi++)
            memcpy(g->x + (size_t)pos[gi] * m->ncol, m->x + (size_t)pick[gi] * m->ncol, (size_t)m->ncol * sizeof(double));
    } else {
        int *cnt = ferro_calloc((size_t)ngene * (size_t)m->ncol, sizeof(int));
        if (!cnt) { free(pos); rc = FERRO_ENOMEM; goto done; }
        for (int i = 0; i < m->nrow; i++) {
            if (gene_of_row[i] < 0) continue;
            int r = pos[gene_of_row[i]];
            for (int j = 0; j < m->ncol; j++) {
                double v = m->x[(size_t)i * m->ncol + j];
                if (!isnan(v)) { g->x[(size_t)r * m->ncol + j] += v; cnt[(size_t)r * m->ncol + j]++; }
            }
        }
        for (size_t q = 0; q < (size_t)ngene * m->ncol; q++) g->x[q] = cnt[q] ? g->x[q] / cnt[q] : NAN;
        free(cnt);
    }
    free(pos);
    *out = g;
    g = NULL;
done:
    ferro_matrix_free(g);
    ferro_strindex_free(pix);
    ferro_strindex_free(gix);
    free(gene_of_row);
    free(pick);
    free(best);
    free(gname);
    return rc;
}

int ferro_matrix_read_genes(const char *path, const char *map_path, int rule, ferro_matrix_t **out)
{
    ferro_matrix_t *m;
    int rc = ferro_matrix_read(path, &m);
    if (rc || !map_path) { *out = rc ? NULL : m; return rc; }
    ferro_probemap_t *map;
    *out = NULL;
    if (!(rc = ferro_probemap_read(map_path, &map))) rc = ferro_matrix_collapse(m, map, rule, out);
    ferro_probemap_free(map);
    ferro_matrix_free(m);
    return rc;
}
